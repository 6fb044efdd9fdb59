/* agg.c: fold alert lines into bounded tables of kinds, hosts and time buckets. */
#include <stdlib.h>
#include <string.h>

#include "report.h"

int
rp_agg_init(struct rp_agg *g, const struct rp_filter *f, size_t hosts_cap,
    FILE *diag)
{
	int i;

	memset(g, 0, sizeof(*g));
	g->filter = *f;
	g->diag = diag;
	g->first = g->last = RP_TIME_NONE;
	for (i = 0; i < 60; i++)
		g->minutes[i].key = i;
	g->kinds = rp_strtab_new(RP_KINDS_CAP, sizeof(struct rp_kindrow));
	if (hosts_cap == 0)
		hosts_cap = RP_HOSTS_CAP;
	g->srcs = rp_strtab_new(hosts_cap, sizeof(struct rp_host));
	g->dsts = rp_strtab_new(hosts_cap, sizeof(struct rp_host));
	g->hostnames = rp_strtab_new(hosts_cap, sizeof(uint64_t));
	g->running = rp_strtab_new(hosts_cap, sizeof(uint64_t));
	g->hours = calloc(RP_HOURS_CAP, sizeof(*g->hours));
	if (g->kinds == NULL || g->srcs == NULL || g->dsts == NULL ||
	    g->hostnames == NULL || g->running == NULL || g->hours == NULL) {
		rp_agg_free(g);
		return -1;
	}
	return 0;
}

static void
free_hosts(struct rp_strtab *t)
{
	struct rp_strent *e;
	size_t i, n;

	if (t == NULL)
		return;
	if ((e = rp_strtab_list(t, &n)) != NULL) {
		for (i = 0; i < n; i++)
			free(((struct rp_host *)e[i].val)->hostname);
		free(e);
	}
	rp_strtab_free(t);
}

void
rp_agg_free(struct rp_agg *g)
{
	rp_strtab_free(g->kinds);
	free_hosts(g->srcs);
	free_hosts(g->dsts);
	rp_strtab_free(g->hostnames);
	rp_strtab_free(g->running);
	free(g->hours);
	memset(g, 0, sizeof(*g));
}

static void
host_add(struct rp_strtab *t, const char *addr, const struct rp_alert *a)
{
	struct rp_host *h;
	char *name;
	int created;

	if (addr[0] == '\0' || (h = rp_strtab_get(t, addr, &created)) == NULL)
		return;
	if (created)
		h->first = h->last = a->ts;
	h->alerts++;
	h->attempts += a->attempts;
	if (a->ts < h->first)
		h->first = a->ts;
	if (a->ts >= h->last) {
		h->last = a->ts;
		if (a->hostname[0] != '\0' && (name = strdup(a->hostname))) {
			free(h->hostname);
			h->hostname = name;
		}
	} else if (h->hostname == NULL && a->hostname[0] != '\0')
		h->hostname = strdup(a->hostname);
}

/* Floor division, so alerts before 1970 land in their own hour. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static void
hour_add(struct rp_agg *g, const struct rp_alert *a)
{
	struct rp_bucket *b;
	int64_t key;
	size_t lo = 0, hi = g->nhours, mid;

	key = floor_div(a->ts, 3600LL * 1000000);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (g->hours[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == g->nhours || g->hours[lo].key != key) {
		if (g->nhours == RP_HOURS_CAP) {
			g->hours_dropped++;
			return;
		}
		/* Alerts arrive in time order, so this is nearly always an append. */
		memmove(&g->hours[lo + 1], &g->hours[lo],
		    (g->nhours - lo) * sizeof(*g->hours));
		g->nhours++;
		memset(&g->hours[lo], 0, sizeof(g->hours[lo]));
		g->hours[lo].key = key;
	}
	b = &g->hours[lo];
	b->alerts++;
	b->attempts += a->attempts;
}

static int
in_period(const struct rp_filter *f, rp_time_t ts)
{
	return (f->since == RP_TIME_NONE || ts >= f->since) &&
	    (f->until == RP_TIME_NONE || ts < f->until);
}

void
rp_agg_alert(struct rp_agg *g, const struct rp_alert *a)
{
	struct rp_kindrow *k;
	uint64_t *hn;
	int64_t minute;

	if (!in_period(&g->filter, a->ts) ||
	    (g->filter.kind != NULL && strcmp(g->filter.kind, a->kind) != 0)) {
		g->filtered++;
		return;
	}
	g->alerts++;
	g->attempts += a->attempts;
	if (g->first == RP_TIME_NONE || a->ts < g->first)
		g->first = a->ts;
	if (g->last == RP_TIME_NONE || a->ts > g->last)
		g->last = a->ts;
	if ((k = rp_strtab_get(g->kinds, a->kind, NULL)) != NULL) {
		k->sev[a->severity]++;
		k->attempts += a->attempts;
	}
	host_add(g->srcs, a->src, a);
	host_add(g->dsts, a->dst, a);
	if (a->hostname[0] != '\0' &&
	    (hn = rp_strtab_get(g->hostnames, a->hostname, NULL)) != NULL)
		(*hn)++;
	hour_add(g, a);
	minute = floor_div(a->ts, 60LL * 1000000) % 60;
	if (minute < 0)
		minute += 60;
	g->minutes[minute].alerts++;
	g->minutes[minute].attempts += a->attempts;
}

/*
 * A detector's update (and a folded repeat) carries the running totals of
 * the alert it follows: count only what it adds, per kind, source and
 * destination, so an alert and its updates are not summed twice.
 */
static void
running_attempts(struct rp_agg *g, struct rp_alert *a)
{
	char key[512];
	uint64_t *last;

	snprintf(key, sizeof(key), "%s|%s|%s", a->kind, a->src, a->dst);
	if ((last = rp_strtab_get(g->running, key, NULL)) == NULL)
		return;
	if (a->update)
		a->attempts = a->attempts > *last ? a->attempts - *last : 0;
	*last += a->attempts;
}

void
rp_agg_line(void *arg, const char *file, unsigned long lineno,
    const char *line, size_t len)
{
	struct rp_agg *g = arg;
	struct rp_alert a;
	const char *why;
	void *keep;

	switch (rp_parse_line(line, len, &a, &why, &keep)) {
	case RP_LINE_ALERT:
		running_attempts(g, &a);
		rp_agg_alert(g, &a);
		break;
	case RP_LINE_FLOW:
		if (in_period(&g->filter, a.ts))
			g->flows++;
		break;
	case RP_LINE_BLANK:
		break;
	case RP_LINE_BAD:
		g->bad++;
		if (g->diag != NULL)
			fprintf(g->diag, "%s:%lu: %s\n", file, lineno, why);
		break;
	}
	rp_parse_free(keep);
}

static int
host_cmp(const void *a, const void *b)
{
	const struct rp_strent *x = a, *y = b;
	const struct rp_host *hx = x->val, *hy = y->val;

	if (hx->attempts != hy->attempts)
		return hx->attempts > hy->attempts ? -1 : 1;
	if (hx->alerts != hy->alerts)
		return hx->alerts > hy->alerts ? -1 : 1;
	return strcmp(x->key, y->key);
}

struct rp_strent *
rp_agg_hosts(const struct rp_strtab *t, size_t *n)
{
	struct rp_strent *e;

	if ((e = rp_strtab_list(t, n)) != NULL)
		qsort(e, *n, sizeof(*e), host_cmp);
	return e;
}

struct rp_strent *
rp_agg_kinds(const struct rp_agg *g, size_t *n)
{
	struct rp_strent *e;

	if ((e = rp_strtab_list(g->kinds, n)) != NULL)
		qsort(e, *n, sizeof(*e), rp_strent_keycmp);
	return e;
}
