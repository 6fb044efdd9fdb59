/* common.c: what the subcommands share: options, reading, the cap notices. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

int
rp_opt_time(const char *opt, const char *arg, rp_time_t *t)
{
	if (rp_time_parse(arg, t) == -1) {
		fprintf(stderr, "nightjar-report: %s: not an RFC 3339 time: "
		    "%s\n", opt, arg);
		return -1;
	}
	return 0;
}

/* --since ('s') or --until ('u'). */
int
rp_opt_period(int ch, const char *arg, struct rp_filter *f)
{
	if (ch == 's')
		return rp_opt_time("--since", arg, &f->since);
	return rp_opt_time("--until", arg, &f->until);
}

int
rp_opt_bad(const char *cmd, char **argv, int optind_now, int optopt_now)
{
	if (optopt_now != 0 && optopt_now != '?')
		fprintf(stderr, "nightjar-report: %s: bad option -%c\n", cmd,
		    optopt_now);
	else
		fprintf(stderr, "nightjar-report: %s: bad option %s\n", cmd,
		    argv[optind_now - 1]);
	return 1;
}

/* One line when a table was full, nothing otherwise. */
void
rp_agg_caps_note(FILE *f, const struct rp_agg *g, const char *prefix)
{
	if (rp_strtab_dropped(g->srcs) || rp_strtab_dropped(g->dsts) ||
	    rp_strtab_dropped(g->kinds) || rp_strtab_dropped(g->hostnames) ||
	    g->hours_dropped)
		fprintf(f, "%stables full; alerts left out of: sources %" PRIu64
		    ", destinations %" PRIu64 ", kinds %" PRIu64
		    ", hostnames %" PRIu64 ", hours %" PRIu64 "\n", prefix,
		    rp_strtab_dropped(g->srcs), rp_strtab_dropped(g->dsts),
		    rp_strtab_dropped(g->kinds),
		    rp_strtab_dropped(g->hostnames), g->hours_dropped);
}

/*
 * A full table keeps the keys it has and refuses new ones (no eviction), so
 * every row it shows is exact; what it refused is counted and said.
 *
 * Read every input into g.  Bad lines have been reported one by one; the
 * count and any table that hit its cap are reported once at the end, since
 * a report missing rows must say so.
 */
int
rp_read_inputs(struct rp_agg *g, char **files, int nfiles)
{
	int rc;

	rc = rp_input_each(files, nfiles, rp_agg_line, g);
	if (g->bad > 0)
		fprintf(stderr, "nightjar-report: %" PRIu64 " malformed "
		    "line%s skipped\n", g->bad, g->bad == 1 ? "" : "s");
	rp_agg_caps_note(stderr, g, "nightjar-report: ");
	return rc;
}

FILE *
rp_open_out(const char *path)
{
	FILE *f;

	if (strcmp(path, "-") == 0)
		return stdout;
	if ((f = fopen(path, "w")) == NULL)
		fprintf(stderr, "nightjar-report: %s: cannot create\n", path);
	return f;
}

int
rp_close_out(FILE *f, const char *path)
{
	int bad;

	bad = ferror(f);
	if (f == stdout)
		bad |= fflush(f) == EOF;
	else
		bad |= fclose(f) == EOF;
	if (bad) {
		fprintf(stderr, "nightjar-report: %s: write error\n", path);
		return -1;
	}
	return 0;
}
