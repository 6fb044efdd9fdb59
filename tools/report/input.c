/* input.c: read alert lines from files, gzip'd rotated files and stdin. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "report.h"

#define CHUNK	65536

struct linebuf {
	char		*buf;
	size_t		 len;
	size_t		 cap;
	int		 overlong;	/* the current line passed RP_LINE_MAX */
	unsigned long	 lineno;
};

static int
append(struct linebuf *lb, const char *p, size_t n)
{
	char *nb;
	size_t ncap;

	if (lb->overlong)
		return 0;
	if (lb->len + n > RP_LINE_MAX) {
		/* Keep counting lines but drop the bytes of a monster line. */
		lb->overlong = 1;
		lb->len = 0;
		return 0;
	}
	if (lb->len + n + 1 > lb->cap) {
		ncap = lb->cap ? lb->cap : 4096;
		while (ncap < lb->len + n + 1)
			ncap *= 2;
		if ((nb = realloc(lb->buf, ncap)) == NULL)
			return -1;
		lb->buf = nb;
		lb->cap = ncap;
	}
	memcpy(lb->buf + lb->len, p, n);
	lb->len += n;
	lb->buf[lb->len] = '\0';
	return 0;
}

static void
emit(struct linebuf *lb, const char *name, rp_line_fn *fn, void *arg)
{
	lb->lineno++;
	if (lb->overlong)
		fn(arg, name, lb->lineno, NULL, 0);
	else
		fn(arg, name, lb->lineno, lb->buf ? lb->buf : "", lb->len);
	lb->len = 0;
	lb->overlong = 0;
}

/*
 * zlib's gzread() reads a file that does not start with the gzip magic as
 * it is ("transparent" mode) and reads concatenated gzip members one after
 * the other, so rotated .gz files, plain files and pipes all take one path
 * and the format is decided by the bytes, never by the name.
 */
static int
read_one(const char *path, rp_line_fn *fn, void *arg)
{
	struct linebuf lb = { 0 };
	const char *name, *p, *nl, *msg, *q;
	char *chunk;
	gzFile gz;
	int fd, n, rc = 0, errnum;

	if (strcmp(path, "-") == 0) {
		name = "<stdin>";
		fd = dup(STDIN_FILENO);
	} else {
		name = path;
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd == -1) {
		fprintf(stderr, "nightjar-report: %s: %s\n", name,
		    strerror(errno));
		return -1;
	}
	if ((gz = gzdopen(fd, "rb")) == NULL) {
		close(fd);
		fprintf(stderr, "nightjar-report: %s: out of memory\n", name);
		return -1;
	}
	if ((chunk = malloc(CHUNK)) == NULL) {
		gzclose(gz);
		return -1;
	}
	while ((n = gzread(gz, chunk, CHUNK)) > 0) {
		p = chunk;
		while (p < chunk + n) {
			nl = memchr(p, '\n', (size_t)(chunk + n - p));
			if (append(&lb, p, (size_t)((nl ? nl : chunk + n) - p))
			    == -1) {
				rc = -1;
				goto done;
			}
			if (nl == NULL)
				break;
			emit(&lb, name, fn, arg);
			p = nl + 1;
		}
	}
	/*
	 * A truncated .gz (a rotation still being compressed) ends in a zero
	 * read with Z_BUF_ERROR set; the lines before the cut still count.
	 */
	if (lb.len > 0 || lb.overlong)
		emit(&lb, name, fn, arg);
	if (n < 0 || (gzerror(gz, &errnum), errnum != Z_OK)) {
		/* zlib names the stream "<fd:N>: "; the file name says more. */
		msg = gzerror(gz, &errnum);
		if (strncmp(msg, "<fd:", 4) == 0 && (q = strstr(msg, ": ")))
			msg = q + 2;
		fprintf(stderr, "nightjar-report: %s: %s\n", name, msg);
		rc = -1;
	}
done:
	free(chunk);
	free(lb.buf);
	gzclose(gz);
	return rc;
}

int
rp_input_each(char **files, int nfiles, rp_line_fn *fn, void *arg)
{
	static char dash[] = "-";
	char *stdin_only[] = { dash };
	int i, rc = 0;

	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	for (i = 0; i < nfiles; i++)
		if (read_one(files[i], fn, arg) == -1)
			rc = -1;
	return rc;
}
