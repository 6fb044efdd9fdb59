/*
 * replay_main.c - runs files (or every file in directories) given on the
 * command line through LLVMFuzzerTestOneInput, for builds without
 * libFuzzer: the committed corpus is replayed by ctest in every build.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/fuzz/fuzz.h"

#define REPLAY_MAX (1u << 20) /* inputs are small; larger is a mistake */

static int
replay_file(const char *path)
{
	static uint8_t buf[REPLAY_MAX];
	uint8_t *copy;
	size_t n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return -1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	/* An exact-size copy, so a sanitizer sees any read past the input. */
	if ((copy = malloc(n > 0 ? n : 1)) == NULL)
		return -1;
	memcpy(copy, buf, n);
	LLVMFuzzerTestOneInput(copy, n);
	free(copy);
	return 0;
}

static int
replay_path(const char *path, unsigned *count)
{
	char child[4096];
	struct dirent *de;
	struct stat sb;
	DIR *d;
	int rc = 0;

	if (stat(path, &sb) != 0) {
		fprintf(stderr, "%s: not found\n", path);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		(*count)++;
		return replay_file(path);
	}
	if ((d = opendir(path)) == NULL) {
		fprintf(stderr, "%s: cannot open directory\n", path);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (snprintf(child, sizeof(child), "%s/%s", path, de->d_name) >=
		    (int)sizeof(child)) {
			rc = -1;
			continue;
		}
		(*count)++;
		if (replay_file(child) != 0)
			rc = -1;
	}
	closedir(d);
	return rc;
}

int
main(int argc, char **argv)
{
	unsigned count = 0;
	int i, rc = 0;

	for (i = 1; i < argc; i++)
		if (replay_path(argv[i], &count) != 0)
			rc = 1;
	printf("replayed %u inputs\n", count);
	return rc;
}
