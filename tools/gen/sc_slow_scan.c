/*
 * sc_slow_scan.c - the same probes as fast-scan spread out to evade notice:
 * one every five minutes (with jitter) for hours, against the mail relay.
 */
#include "scan.h"
#include "scenario.h"

static const char *const flavours[] = { "syn", "fin", "null", "xmas", "ack",
	"udp", NULL };

static int
slow_scan(struct gen_ctx *g)
{
	uint32_t scanner = gen_public_addr(g);
	double n = (double)g->opt.duration / 1e6 * g->opt.rate;

	if (n < 8)
		n = 8;
	return scan_vertical(g, scanner, &scan_target_relay, (size_t)n,
	    g->opt.start + GEN_S(30), g->opt.rate, 0.3, g->opt.flavour) == -1 ?
	    -1 : 0;
}

const struct gen_scenario sc_slow_scan = {
	.name = "slow-scan",
	.summary = "probes of the mail relay spread over hours (rate: probes/s, "
	    "default 1/300; duration sets how many)",
	.flavours = flavours,
	.default_rate = 1.0 / 300.0,
	.default_duration = GEN_H(6),
	.run = slow_scan,
};
