/*
 * sc_demo.c - every story over one background day, each at the hour its
 * seed tells it (the 02:04 fast scan, the 03:42 relay flood, the 03:14
 * session, lunchtime's private destination ...), with the facts of all.
 */
#include "scenario.h"

struct demo_story {
	const struct gen_scenario *sc;
	gen_time_t at;       /* offset into the day */
	const char *flavour; /* NULL: the scenario's default */
	double rate;         /* 0: the scenario's default */
	gen_time_t duration; /* 0: the scenario's default */
};

static const struct demo_story stories[] = {
	{ &sc_fast_scan, GEN_H(2) + GEN_MIN(4), NULL, 0, 0 },
	{ &sc_lateral_ssh, GEN_H(3) + GEN_MIN(14), NULL, 0, 0 },
	{ &sc_relay_flood, GEN_H(3) + GEN_MIN(42), NULL, 16, 0 },
	{ &sc_host_sweep, GEN_H(5) + GEN_MIN(20), NULL, 0, 0 },
	{ &sc_slow_scan, GEN_H(8) + GEN_MIN(10), NULL, 0, 0 },
	{ &sc_odd_dns, GEN_H(9) + GEN_MIN(30), NULL, 0, 0 },
	{ &sc_private_destination, GEN_H(12) + GEN_MIN(35), NULL, 0, 0 },
	{ &sc_outbound_irc, GEN_H(14) + GEN_MIN(7), NULL, 0, 0 },
	{ &sc_outbound_smtp, GEN_H(16) + GEN_MIN(48), NULL, 0, 0 },
	{ &sc_unknown_host, GEN_H(20) + GEN_MIN(11), NULL, 0, 0 },
	{ &sc_distributed_bruteforce, 0, NULL, 0, GEN_DAY(1) },
};

static int
demo(struct gen_ctx *g)
{
	struct gen_opts day = g->opt;
	size_t i;

	for (i = 0; i < sizeof(stories) / sizeof(stories[0]); i++) {
		g->opt = day;
		g->opt.start = day.start + stories[i].at;
		g->opt.duration = stories[i].duration;
		g->opt.rate = stories[i].rate;
		g->opt.flavour = stories[i].flavour;
		g->opt.port = 0;
		if (gen_scenario_run(g, stories[i].sc) == -1)
			return -1;
	}
	/* A quieter day than background's default keeps the demo small. */
	g->opt = day;
	g->opt.sparse = 3;
	g->opt.rate = 0;
	g->opt.flavour = NULL;
	if (gen_scenario_run(g, &sc_background) == -1)
		return -1;
	g->opt = day;
	return 0;
}

const struct gen_scenario sc_demo = {
	.name = "demo",
	.summary = "every story over one background day, with all their facts",
	.default_duration = GEN_DAY(1),
	.run = demo,
};
