/*
 * sc_fast_scan.c - one outside source probes ~1,000 ports of the public web
 * server at 20 ports/s (the "very fast scan" of seed 000): most probes go
 * unanswered, a few are answered open or closed.
 */
#include "scan.h"
#include "scenario.h"

static const char *const flavours[] = { "syn", "fin", "null", "xmas", "ack",
	"udp", NULL };

static int
fast_scan(struct gen_ctx *g)
{
	uint32_t scanner = gen_public_addr(g);
	gen_time_t last;

	last = scan_vertical(g, scanner, &scan_target_web, 1024, g->opt.start +
	    GEN_S(2), g->opt.rate, 0.2, g->opt.flavour);
	if (last == -1)
		return -1;
	gen_window_extend(g, last + GEN_S(5));
	return 0;
}

const struct gen_scenario sc_fast_scan = {
	.name = "fast-scan",
	.summary = "one source probes 1024 ports of the web server (rate: "
	    "probes/s, default 20)",
	.flavours = flavours,
	.default_rate = 20,
	.default_duration = GEN_S(60),
	.run = fast_scan,
};
