/* cmd_timeline.c: "timeline": alerts or attempts per hour or minute of the hour. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

#define BAR_WIDTH	50

struct timeline_opts {
	enum rp_per	 per;
	enum rp_measure	 measure;
	int		 csv;
	const char	*svg;
	const char	*html;
	const char	*kind;
};

static int
write_svg(const struct rp_series *s, const char *path)
{
	FILE *f;

	if ((f = rp_open_out(path)) == NULL)
		return -1;
	rp_svg_chart(f, s, 1);
	return rp_close_out(f, path);
}

/* The page shows both charts, the kinds and the busiest hosts. */
static int
write_html(const struct rp_agg *g, const struct timeline_opts *o)
{
	static const char *const captions[] = { "Alerts by kind and severity",
	    "Top sources", "Top destinations" };
	struct rp_series s[2];
	struct rp_table *t[3];
	char title[160], note[160], a[RP_TIME_LEN], b[RP_TIME_LEN];
	size_t i;
	int rc = -1;
	FILE *f;

	memset(s, 0, sizeof(s));
	snprintf(title, sizeof(title), "nightjar report%s%s",
	    o->kind ? ": " : "", o->kind ? o->kind : "");
	rp_time_format(g->first, a, sizeof(a));
	rp_time_format(g->last, b, sizeof(b));
	if (g->alerts == 0)
		snprintf(note, sizeof(note), "No alerts.");
	else
		snprintf(note, sizeof(note), "%" PRIu64 " alerts, %" PRIu64
		    " attempts, from %s to %s (UTC).", g->alerts, g->attempts,
		    a, b);
	t[0] = rp_table_kinds(g);
	t[1] = rp_table_hosts(g->srcs, "source", 50);
	t[2] = rp_table_hosts(g->dsts, "destination", 50);
	if (rp_series_make(g, RP_PER_HOUR, o->measure, &s[0]) == -1 ||
	    rp_series_make(g, RP_PER_MINUTE, o->measure, &s[1]) == -1)
		goto done;
	if ((f = rp_open_out(o->html)) == NULL)
		goto done;
	rp_html_page(f, title, note, s, 2, t, captions, 3);
	rc = rp_close_out(f, o->html);
done:
	for (i = 0; i < 3; i++)
		rp_table_free(t[i]);
	rp_series_free(&s[0]);
	rp_series_free(&s[1]);
	return rc;
}

static int
parse_opts(int argc, char **argv, struct timeline_opts *o,
    struct rp_filter *flt)
{
	static const struct option opts[] = {
		{ "kind",	required_argument,	NULL, 'k' },
		{ "per",	required_argument,	NULL, 'p' },
		{ "count",	required_argument,	NULL, 'n' },
		{ "csv",	no_argument,		NULL, 'c' },
		{ "svg",	required_argument,	NULL, 'S' },
		{ "html",	required_argument,	NULL, 'H' },
		{ "since",	required_argument,	NULL, 's' },
		{ "until",	required_argument,	NULL, 'u' },
		{ NULL,		0,			NULL, 0 }
	};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'k':
			o->kind = flt->kind = optarg;
			break;
		case 'p':
			if (strcmp(optarg, "hour") == 0)
				o->per = RP_PER_HOUR;
			else if (strcmp(optarg, "minute-of-hour") == 0)
				o->per = RP_PER_MINUTE;
			else {
				fprintf(stderr, "nightjar-report: timeline: "
				    "--per takes hour or minute-of-hour, not "
				    "%s\n", optarg);
				return -1;
			}
			break;
		case 'n':
			if (strcmp(optarg, "alerts") == 0)
				o->measure = RP_ALERTS;
			else if (strcmp(optarg, "attempts") == 0)
				o->measure = RP_ATTEMPTS;
			else {
				fprintf(stderr, "nightjar-report: timeline: "
				    "--count takes alerts or attempts, not "
				    "%s\n", optarg);
				return -1;
			}
			break;
		case 'c':
			o->csv = 1;
			break;
		case 'S':
			o->svg = optarg;
			break;
		case 'H':
			o->html = optarg;
			break;
		case 's':
		case 'u':
			if (rp_opt_period(ch, optarg, flt) == -1)
				return -1;
			break;
		default:
			rp_opt_bad("timeline", argv, optind, optopt);
			return -1;
		}
	}
	return 0;
}

int
rp_cmd_timeline(int argc, char **argv)
{
	struct timeline_opts o = { RP_PER_HOUR, RP_ATTEMPTS, 0, NULL, NULL,
	    NULL };
	struct rp_filter flt = { RP_TIME_NONE, RP_TIME_NONE, NULL };
	struct rp_series s;
	struct rp_agg g;
	int rc;

	if (parse_opts(argc, argv, &o, &flt) == -1)
		return 1;
	if (rp_agg_init(&g, &flt, 0, stderr) == -1)
		return 1;
	rc = rp_read_inputs(&g, argv + optind, argc - optind) == -1;
	memset(&s, 0, sizeof(s));
	if (rp_series_make(&g, o.per, o.measure, &s) == -1) {
		rp_agg_free(&g);
		return 1;
	}
	if (o.svg != NULL && write_svg(&s, o.svg) == -1)
		rc = 1;
	if (o.html != NULL && write_html(&g, &o) == -1)
		rc = 1;
	if (o.csv)
		rp_csv_series(stdout, &s);
	else if (o.svg == NULL && o.html == NULL)
		rp_text_bars(stdout, &s, BAR_WIDTH);
	rp_series_free(&s);
	rp_agg_free(&g);
	if (rp_close_out(stdout, "<stdout>") == -1)
		rc = 1;
	return rc;
}
