/*
 * policy_check.c - the test driver for tests/policy/{ok,fail}: loads one
 * policy file and prints it normalized (exit 0) or its errors (exit 1),
 * both on stdout so the output compares with one expected file. With -r
 * it also checks that print -> parse -> print is a fixed point.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy/policy.h"

static int
roundtrip(const struct nj_policy *p, const char *path)
{
	struct nj_policy *q;
	char *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;
	FILE *f;
	int rc = 1;

	if ((f = open_memstream(&a, &alen)) == NULL)
		return 1;
	nj_policy_print(p, f);
	fclose(f);
	if ((q = nj_policy_parse(path, a, alen, stderr)) == NULL) {
		fprintf(stderr, "%s: normalized output does not parse\n", path);
		goto done;
	}
	if ((f = open_memstream(&b, &blen)) == NULL)
		goto done;
	nj_policy_print(q, f);
	fclose(f);
	if (alen != blen || memcmp(a, b, alen) != 0)
		fprintf(stderr, "%s: print is not a fixed point:\n%s---\n%s",
		    path, a, b);
	else
		rc = 0;
done:
	nj_policy_free(q);
	free(a);
	free(b);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct nj_policy *p;
	int rflag = 0, rc;

	if (argc == 3 && strcmp(argv[1], "-r") == 0) {
		rflag = 1;
		argv++;
		argc--;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: policy_check [-r] file\n");
		return 2;
	}
	if (!rflag)
		return nj_policy_check(argv[1], stdout, stdout);
	if ((p = nj_policy_load(argv[1], stderr)) == NULL)
		return 1;
	rc = roundtrip(p, argv[1]);
	nj_policy_free(p);
	return rc;
}
