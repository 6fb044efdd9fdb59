/* cmd_summary.c: "summary": the digest of counts, what is new, and the top hosts. */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define TOP_HOSTS	10
#define NEW_SHOWN	20	/* new items listed per category */

/*
 * Ask the state about every item of one category, in the order given, and
 * list the new ones (the first NEW_SHOWN, then how many more).
 */
static size_t
new_items(FILE *f, struct rp_state *st, const char *cat, const char *label,
    const struct rp_strent *e, size_t n)
{
	size_t i, shown = 0, more = 0;
	char *clean;

	for (i = 0; i < n; i++) {
		if (rp_state_seen(st, cat, e[i].key))
			continue;
		if (shown == NEW_SHOWN) {
			more++;
			continue;
		}
		if ((clean = rp_text_clean(e[i].key)) == NULL)
			continue;
		fprintf(f, "  %-12s %s\n", label, clean);
		free(clean);
		shown++;
	}
	if (more > 0)
		fprintf(f, "  %-12s ... and %zu more\n", label, more);
	return shown + more;
}

static size_t
new_section(FILE *f, const struct rp_agg *g, struct rp_state *st)
{
	struct rp_strent *e;
	size_t n, total = 0;

	if ((e = rp_agg_kinds(g, &n)) != NULL) {
		total += new_items(f, st, "kind", "kind", e, n);
		free(e);
	}
	if ((e = rp_agg_hosts(g->srcs, &n)) != NULL) {
		total += new_items(f, st, "src", "source", e, n);
		free(e);
	}
	if ((e = rp_agg_hosts(g->dsts, &n)) != NULL) {
		total += new_items(f, st, "dst", "destination", e, n);
		free(e);
	}
	if ((e = rp_strtab_list(g->hostnames, &n)) != NULL) {
		qsort(e, n, sizeof(*e), rp_strent_keycmp);
		total += new_items(f, st, "hostname", "hostname", e, n);
		free(e);
	}
	return total;
}

static void
table_section(FILE *f, const char *title, struct rp_table *t)
{
	if (t == NULL || t->nrows == 0) {
		rp_table_free(t);
		return;
	}
	fprintf(f, "\n%s:\n", title);
	rp_text_table(f, t);
	rp_table_free(t);
}

static void
digest(FILE *f, const struct rp_agg *g, struct rp_state *st)
{
	char a[RP_TIME_LEN], b[RP_TIME_LEN];
	size_t n;

	fputs("nightjar digest\n", f);
	if (g->alerts > 0) {
		rp_time_format(g->first, a, sizeof(a));
		rp_time_format(g->last, b, sizeof(b));
		fprintf(f, "period: %s .. %s\n", a, b);
	} else
		fputs("period: no alerts\n", f);
	fprintf(f, "alerts: %" PRIu64 "  attempts: %" PRIu64 "  flows: %"
	    PRIu64 "  malformed lines: %" PRIu64 "\n", g->alerts,
	    g->attempts, g->flows, g->bad);
	if (g->filtered > 0)
		fprintf(f, "outside the period: %" PRIu64 " alerts\n",
		    g->filtered);
	rp_agg_caps_note(f, g, "");
	table_section(f, "by kind and severity", rp_table_kinds(g));
	if (st != NULL) {
		fputs("\nnew since the last digest:\n", f);
		if ((n = new_section(f, g, st)) == 0)
			fputs("  nothing\n", f);
		if (rp_state_dropped(st) > 0)
			fprintf(f, "  (the state is full: %" PRIu64 " items not "
			    "remembered will show as new again)\n",
			    rp_state_dropped(st));
	}
	table_section(f, "top sources", rp_table_hosts(g->srcs, "source",
	    TOP_HOSTS));
	table_section(f, "top destinations", rp_table_hosts(g->dsts,
	    "destination", TOP_HOSTS));
}

int
rp_cmd_summary(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since",	required_argument,	NULL, 's' },
		{ "until",	required_argument,	NULL, 'u' },
		{ "state",	required_argument,	NULL, 'S' },
		{ NULL,		0,			NULL, 0 }
	};
	struct rp_filter flt = { RP_TIME_NONE, RP_TIME_NONE, NULL };
	struct rp_state *st = NULL;
	const char *state = NULL;
	struct rp_agg g;
	int ch, rc;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
		case 'u':
			if (rp_opt_period(ch, optarg, &flt) == -1)
				return 1;
			break;
		case 'S':
			state = optarg;
			break;
		default:
			return rp_opt_bad("summary", argv, optind, optopt);
		}
	}
	if (state != NULL && (st = rp_state_load(state, stderr)) == NULL)
		return 1;
	if (rp_agg_init(&g, &flt, 0, stderr) == -1) {
		rp_state_free(st);
		return 1;
	}
	rc = rp_read_inputs(&g, argv + optind, argc - optind) == -1;
	digest(stdout, &g, st);
	/* The state moves on only once the digest that shows it is out. */
	if (rp_close_out(stdout, "<stdout>") == -1)
		rc = 1;
	else if (st != NULL && rp_state_save(st, state) == -1)
		rc = 1;
	rp_state_free(st);
	rp_agg_free(&g);
	return rc;
}
