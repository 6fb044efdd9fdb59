/* stubs.c - scenarios not written yet (temporary). */
#include "scenario.h"

static int
notyet(struct gen_ctx *g)
{
	return gen_fail(g, "scenario not implemented yet");
}

#define STUB(v, n) const struct gen_scenario v = { .name = n, \
	.summary = "(not yet)", .default_duration = GEN_MIN(10), .run = notyet }
STUB(sc_relay_flood, "relay-flood");
STUB(sc_distributed_bruteforce, "distributed-bruteforce");
STUB(sc_outbound_smtp, "outbound-smtp");
STUB(sc_odd_dns, "odd-dns");
STUB(sc_lateral_ssh, "lateral-ssh");
STUB(sc_unknown_host, "unknown-host");
STUB(sc_demo, "demo");
