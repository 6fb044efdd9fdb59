/* table.c: rows of cells for the renderers, built from the aggregates. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

struct rp_table *
rp_table_new(size_t ncols, const char *const *head, unsigned numeric)
{
	struct rp_table *t;
	size_t i;

	if (ncols > RP_TABLE_MAXCOLS || (t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->ncols = ncols;
	for (i = 0; i < ncols; i++)
		t->head[i] = head[i];
	t->numeric = numeric;
	return t;
}

void
rp_table_add(struct rp_table *t, const char **cells)
{
	char **nc;
	size_t i;

	nc = realloc(t->cell, (t->nrows + 1) * t->ncols * sizeof(*nc));
	if (nc == NULL)
		return;
	t->cell = nc;
	for (i = 0; i < t->ncols; i++)
		nc[t->nrows * t->ncols + i] = strdup(cells[i] ? cells[i] : "");
	t->nrows++;
}

void
rp_table_free(struct rp_table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t);
}

const char *
rp_table_cell(const struct rp_table *t, size_t r, size_t c)
{
	const char *s = t->cell[r * t->ncols + c];

	return s ? s : "";
}

struct rp_table *
rp_table_hosts(const struct rp_strtab *hosts, const char *what, size_t limit)
{
	const char *head[6] = { "attempts", "alerts", what, "hostname",
	    "first_seen", "last_seen" };
	const char *cells[6];
	char att[24], al[24], first[RP_TIME_LEN], last[RP_TIME_LEN];
	struct rp_strent *e;
	struct rp_host *host;
	struct rp_table *t;
	size_t i, n;

	if ((t = rp_table_new(6, head, 0x3)) == NULL)
		return NULL;
	if ((e = rp_agg_hosts(hosts, &n)) == NULL)
		return t;
	if (limit != 0 && n > limit)
		n = limit;
	for (i = 0; i < n; i++) {
		host = e[i].val;
		snprintf(att, sizeof(att), "%" PRIu64, host->attempts);
		snprintf(al, sizeof(al), "%" PRIu64, host->alerts);
		rp_time_format(host->first, first, sizeof(first));
		rp_time_format(host->last, last, sizeof(last));
		cells[0] = att;
		cells[1] = al;
		cells[2] = e[i].key;
		cells[3] = host->hostname;
		cells[4] = first;
		cells[5] = last;
		rp_table_add(t, cells);
	}
	free(e);
	return t;
}

struct rp_table *
rp_table_kinds(const struct rp_agg *g)
{
	static const char *head[] = { "kind", "sev1", "sev2", "sev3",
	    "alerts", "attempts" };
	char num[5][24];
	const char *cells[6];
	struct rp_kindrow *k;
	struct rp_strent *e;
	struct rp_table *t;
	size_t i, n;

	if ((t = rp_table_new(6, head, 0x3e)) == NULL)
		return NULL;
	if ((e = rp_agg_kinds(g, &n)) == NULL)
		return t;
	for (i = 0; i < n; i++) {
		k = e[i].val;
		snprintf(num[0], sizeof(num[0]), "%" PRIu64, k->sev[1]);
		snprintf(num[1], sizeof(num[1]), "%" PRIu64, k->sev[2]);
		snprintf(num[2], sizeof(num[2]), "%" PRIu64, k->sev[3]);
		snprintf(num[3], sizeof(num[3]), "%" PRIu64,
		    k->sev[0] + k->sev[1] + k->sev[2] + k->sev[3]);
		snprintf(num[4], sizeof(num[4]), "%" PRIu64, k->attempts);
		cells[0] = e[i].key;
		cells[1] = num[0];
		cells[2] = num[1];
		cells[3] = num[2];
		cells[4] = num[3];
		cells[5] = num[4];
		rp_table_add(t, cells);
	}
	free(e);
	return t;
}
