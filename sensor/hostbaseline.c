/*
 * hostbaseline.c - per-host DNS queries per hour and their state file
 * (see hostbaseline.h). The file is text, one host a line after a
 * version line:
 *   nightjar-dns-baseline 1
 *   ADDRESS FIRST_SEEN_US HOUR CURRENT PEAK TOTAL
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sensor/hostbaseline.h"
#include "sensor/ktab.h"

#define MAGIC "nightjar-dns-baseline 1"

struct nj_hostbaseline {
	struct nj_ktab *t;
	uint64_t loaded, saved, save_errors;
};

struct nj_hostbaseline *
nj_hb_new(size_t cap)
{
	struct nj_hostbaseline *hb;

	if ((hb = calloc(1, sizeof(*hb))) == NULL)
		return NULL;
	if ((hb->t = nj_ktab_new(cap, sizeof(struct nj_addr),
	    sizeof(struct nj_hb_host), NULL, NULL)) == NULL) {
		free(hb);
		return NULL;
	}
	return hb;
}

void
nj_hb_free(struct nj_hostbaseline *hb)
{
	if (hb == NULL)
		return;
	nj_ktab_free(hb->t);
	free(hb);
}

static void
roll(struct nj_hb_host *h, uint64_t hour)
{
	if (hour <= h->hour)
		return;
	if (!h->alerted && h->cur > h->peak)
		h->peak = h->cur;
	h->total += h->cur;
	h->cur = 0;
	h->alerted = false;
	h->nsamples = 0;
	h->hour = hour;
}

struct nj_hb_host *
nj_hb_get(struct nj_hostbaseline *hb, const struct nj_addr *a, bool create,
    nj_time_t now)
{
	struct nj_hb_host *h;
	struct nj_addr k;
	bool created;

	memset(&k, 0, sizeof(k));
	k.family = a->family;
	memcpy(k.a, a->a, sizeof(k.a));
	if ((h = nj_ktab_get(hb->t, &k, create, &created)) == NULL)
		return NULL;
	if (created) {
		h->first_seen = now;
		h->hour = now / NJ_HB_HOUR;
	}
	roll(h, now / NJ_HB_HOUR);
	return h;
}

void
nj_hb_count(struct nj_hb_host *h, const char *name)
{
	size_t n;
	int i;

	h->cur++;
	if (name == NULL || h->nsamples >= NJ_HB_SAMPLES)
		return;
	for (i = 0; i < h->nsamples; i++)
		if (strncmp(h->sample[i], name, NJ_HB_NAME - 1) == 0)
			return;
	n = strlen(name);
	if (n >= NJ_HB_NAME)
		n = NJ_HB_NAME - 1;
	memcpy(h->sample[h->nsamples], name, n);
	h->sample[h->nsamples++][n] = '\0';
}

uint64_t
nj_hb_hours(const struct nj_hb_host *h, nj_time_t now)
{
	uint64_t first = h->first_seen / NJ_HB_HOUR, hour = now / NJ_HB_HOUR;

	return hour > first ? hour - first : 0;
}

static int
parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno == 0 && *end == '\0' ? 0 : -1;
}

/* One host line; 0 or -1. */
static int
load_line(struct nj_hostbaseline *hb, char *line)
{
	char *f[6], *p = line;
	uint64_t v[5];
	struct nj_addr a;
	struct nj_hb_host *h;
	int n = 0, i;

	/* Exactly six fields, one space apart: the file is ours. */
	line[strcspn(line, "\n")] = '\0';
	while (n < 6) {
		f[n++] = p;
		if ((p = strchr(p, ' ')) == NULL)
			break;
		*p++ = '\0';
	}
	if (n != 6 || p != NULL || nj_addr_parse(f[0], &a) != 0)
		return -1;
	for (i = 0; i < 5; i++)
		if (parse_u64(f[i + 1], &v[i]) != 0)
			return -1;
	if (v[2] > UINT32_MAX || v[3] > UINT32_MAX ||
	    v[1] < v[0] / NJ_HB_HOUR)
		return -1;
	if ((h = nj_hb_get(hb, &a, true, v[0])) == NULL)
		return -1;
	h->first_seen = v[0];
	h->hour = v[1];
	h->cur = (uint32_t)v[2];
	h->peak = (uint32_t)v[3];
	h->total = v[4];
	hb->loaded++;
	return 0;
}

static bool
drop_all(void *arg, const void *key, void *val)
{
	(void)arg;
	(void)key;
	(void)val;
	return true;
}

int
nj_hb_load(struct nj_hostbaseline *hb, const char *path, FILE *errs)
{
	FILE *f;
	char line[256];
	const char *why = NULL;
	int lineno = 0;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		if (errs != NULL)
			fprintf(errs, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	while (why == NULL && fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f))
			why = "line too long";
		else if (lineno == 1)
			why = strncmp(line, MAGIC "\n", sizeof(MAGIC)) == 0 ?
			    NULL : "not a nightjar DNS baseline (version line)";
		else if (load_line(hb, line) != 0)
			why = "expected ADDRESS FIRST_SEEN HOUR CURRENT PEAK "
			    "TOTAL";
	}
	if (why == NULL && ferror(f))
		why = strerror(errno);
	if (why == NULL && lineno == 0)
		why = "empty file";
	fclose(f);
	if (why == NULL)
		return 0;
	if (errs != NULL)
		fprintf(errs, "%s:%d: %s\n", path, lineno, why);
	nj_ktab_walk(hb->t, drop_all, NULL);
	hb->loaded = 0;
	return -1;
}

struct save {
	FILE *f;
	const struct nj_ktab *t;
};

static bool
save_one(void *arg, const void *key, void *val)
{
	struct save *sv = arg;
	const struct nj_hb_host *h = val;
	char a[NJ_ADDRSTRLEN];

	nj_addr_str(key, a, sizeof(a));
	fprintf(sv->f, "%s %" PRIu64 " %" PRIu64 " %" PRIu32 " %" PRIu32
	    " %" PRIu64 "\n", a, (uint64_t)h->first_seen, h->hour, h->cur,
	    h->peak, h->total);
	return false;
}

int
nj_hb_save(struct nj_hostbaseline *hb, const char *path)
{
	char tmp[4096];
	struct save sv;
	int e;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp)) {
		errno = ENAMETOOLONG;
		goto fail;
	}
	if ((sv.f = fopen(tmp, "w")) == NULL)
		goto fail;
	sv.t = hb->t;
	fputs(MAGIC "\n", sv.f);
	nj_ktab_walk(hb->t, save_one, &sv);
	if (fflush(sv.f) != 0 || fsync(fileno(sv.f)) != 0) {
		e = errno;
		fclose(sv.f);
		unlink(tmp);
		errno = e;
		goto fail;
	}
	if (fclose(sv.f) != 0 || rename(tmp, path) != 0) {
		e = errno;
		unlink(tmp);
		errno = e;
		goto fail;
	}
	hb->saved++;
	return 0;
fail:
	hb->save_errors++;
	return -1;
}

void
nj_hb_stats(const struct nj_hostbaseline *hb, struct nj_hb_stats *out)
{
	struct nj_ktab_stats ks;

	nj_ktab_stats(hb->t, &ks);
	out->hosts = ks.entries;
	out->cap = ks.cap;
	out->evicted = ks.evicted;
	out->loaded = hb->loaded;
	out->saved = hb->saved;
	out->save_errors = hb->save_errors;
}
