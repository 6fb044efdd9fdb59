/* cmd_hosts.c: "hosts": sources or destinations by attempts, first and last seen. */
#include <getopt.h>
#include <string.h>

#include "report.h"

int
rp_cmd_hosts(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind",	required_argument,	NULL, 'k' },
		{ "by",		required_argument,	NULL, 'b' },
		{ "csv",	no_argument,		NULL, 'c' },
		{ "since",	required_argument,	NULL, 's' },
		{ "until",	required_argument,	NULL, 'u' },
		{ NULL,		0,			NULL, 0 }
	};
	struct rp_filter flt = { RP_TIME_NONE, RP_TIME_NONE, NULL };
	struct rp_table *t;
	struct rp_agg g;
	int ch, csv = 0, dst = 0, rc;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'k':
			flt.kind = optarg;
			break;
		case 'b':
			if (strcmp(optarg, "src") == 0)
				dst = 0;
			else if (strcmp(optarg, "dst") == 0)
				dst = 1;
			else {
				fprintf(stderr, "nightjar-report: hosts: --by "
				    "takes src or dst, not %s\n", optarg);
				return 1;
			}
			break;
		case 'c':
			csv = 1;
			break;
		case 's':
		case 'u':
			if (rp_opt_period(ch, optarg, &flt) == -1)
				return 1;
			break;
		default:
			return rp_opt_bad("hosts", argv, optind, optopt);
		}
	}
	if (rp_agg_init(&g, &flt, 0, stderr) == -1)
		return 1;
	rc = rp_read_inputs(&g, argv + optind, argc - optind) == -1;
	t = rp_table_hosts(dst ? g.dsts : g.srcs,
	    dst ? "destination" : "source", 0);
	if (t != NULL) {
		if (csv)
			rp_csv_table(stdout, t);
		else
			rp_text_table(stdout, t);
	}
	rp_table_free(t);
	rp_agg_free(&g);
	if (rp_close_out(stdout, "<stdout>") == -1 || t == NULL)
		rc = 1;
	return rc;
}
