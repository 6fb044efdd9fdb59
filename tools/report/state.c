/* state.c: what earlier digests have seen, kept in a file replaced atomically. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "report.h"

/*
 * The file holds one line per item ever seen: the category, a space, and
 * the value as a JSON string, so hostile hostnames holding spaces, quotes or
 * newlines survive the round trip:
 *	kind "scan"
 *	src "192.0.2.7"
 */
#define RP_STATE_CAP	400000

struct rp_state {
	struct rp_strtab *seen;		/* "category\tvalue" */
};

static int
mark(struct rp_state *st, const char *cat, const char *item)
{
	size_t n = strlen(cat) + strlen(item) + 2;
	char *k;
	int created = 0;

	if ((k = malloc(n)) == NULL)
		return -1;
	snprintf(k, n, "%s\t%s", cat, item);
	if (rp_strtab_get(st->seen, k, &created) == NULL)
		created = -1;
	free(k);
	return created;
}

static int
load_line(struct rp_state *st, char *line)
{
	json_error_t err;
	json_t *v;
	char *sp;
	int rc = -1;

	if ((sp = strchr(line, ' ')) == NULL || sp == line)
		return -1;
	*sp++ = '\0';
	if (strchr(line, '\t') != NULL)
		return -1;
	v = json_loads(sp, JSON_DECODE_ANY, &err);
	if (json_is_string(v) && mark(st, line, json_string_value(v)) != -1)
		rc = 0;
	json_decref(v);
	return rc;
}

struct rp_state *
rp_state_load(const char *path, FILE *diag)
{
	struct rp_state *st;
	unsigned long lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	if ((st->seen = rp_strtab_new(RP_STATE_CAP, 0)) == NULL) {
		free(st);
		return NULL;
	}
	if ((f = fopen(path, "r")) == NULL) {
		/* No state yet: the first digest finds everything new. */
		if (errno == ENOENT)
			return st;
		fprintf(diag, "nightjar-report: %s: %s\n", path,
		    strerror(errno));
		rp_state_free(st);
		return NULL;
	}
	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		if (load_line(st, line) == -1)
			fprintf(diag, "%s:%lu: bad state line\n", path, lineno);
	}
	free(line);
	fclose(f);
	return st;
}

/* 1 when an earlier digest saw the item; 0 when it is new (and now seen). */
int
rp_state_seen(struct rp_state *st, const char *cat, const char *item)
{
	return mark(st, cat, item) == 0;
}

static int
write_all(FILE *f, const struct rp_strent *e, size_t n)
{
	const char *tab;
	json_t *v;
	char *enc;
	size_t i;

	for (i = 0; i < n; i++) {
		tab = strchr(e[i].key, '\t');
		if ((v = json_string(tab + 1)) == NULL)
			return -1;
		enc = json_dumps(v, JSON_ENCODE_ANY);
		json_decref(v);
		if (enc == NULL)
			return -1;
		fprintf(f, "%.*s %s\n", (int)(tab - e[i].key), e[i].key, enc);
		free(enc);
	}
	return 0;
}

/*
 * Write a temporary file beside the state and rename it over the old one,
 * so a crash or a full disk leaves either the old state or the new, never
 * half of one.
 */
int
rp_state_save(const struct rp_state *st, const char *path)
{
	struct rp_strent *e;
	size_t n, len;
	char *tmp;
	FILE *f = NULL;
	int fd, rc = -1;

	len = strlen(path) + sizeof(".XXXXXX");
	if ((tmp = malloc(len)) == NULL)
		return -1;
	snprintf(tmp, len, "%s.XXXXXX", path);
	if ((e = rp_strtab_list(st->seen, &n)) == NULL)
		goto fail;
	qsort(e, n, sizeof(*e), rp_strent_keycmp);
	if ((fd = mkstemp(tmp)) == -1)
		goto fail;
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmp);
		goto fail;
	}
	if (write_all(f, e, n) == -1 || fflush(f) == EOF ||
	    fsync(fileno(f)) == -1) {
		fclose(f);
		unlink(tmp);
		goto fail;
	}
	if (fclose(f) == EOF || rename(tmp, path) == -1) {
		unlink(tmp);
		goto fail;
	}
	rc = 0;
fail:
	if (rc == -1)
		fprintf(stderr, "nightjar-report: %s: cannot write state: %s\n",
		    path, strerror(errno));
	free(e);
	free(tmp);
	return rc;
}

uint64_t
rp_state_dropped(const struct rp_state *st)
{
	return rp_strtab_dropped(st->seen);
}

void
rp_state_free(struct rp_state *st)
{
	if (st == NULL)
		return;
	rp_strtab_free(st->seen);
	free(st);
}
