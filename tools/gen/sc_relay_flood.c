/*
 * sc_relay_flood.c - seed 000: thousands of SMTP sessions from one source
 * in two minutes, each trying to relay through the mail relay and each
 * refused with "554 5.7.1 Relay access denied".
 */
#include <stdio.h>

#include "scenario.h"
#include "smtp.h"

static int
relay_flood(struct gen_ctx *g)
{
	uint32_t src = gen_public_addr(g);
	gen_time_t t = g->opt.start + GEN_S(5), end = t + g->opt.duration;
	gen_time_t gap = (gen_time_t)(1e6 / g->opt.rate), first = t, last = t;
	struct gen_tcp c;
	char to[64];
	json_t *f;
	int n = 0;

	for (; t < end; t += gen_rng_range(&g->rng, gap / 2, gap * 3 / 2)) {
		snprintf(to, sizeof(to), "u%u@mail-%u.example.net",
		    gen_rng_below(&g->rng, 100000), gen_rng_below(&g->rng, 500));
		gen_tcp_init(g, &c, t, src, SITE_RELAY, 25);
		if (gen_tcp_connect(g, &c) == -1 ||
		    gen_smtp_relay_denied(g, &c, "mail.nightjar-demo.org",
		    "ylmf-pc", "offers@bulk-deals.example.net", to) == -1)
			return -1;
		last = t;
		n++;
	}
	f = gen_fact(g, "flood", src, SITE_RELAY, 25);
	json_object_set_new(f, "proto", json_string("tcp"));
	json_object_set_new(f, "service", json_string("smtp"));
	json_object_set_new(f, "sessions", json_integer(n));
	json_object_set_new(f, "refused", json_integer(n));
	json_object_set_new(f, "reply", json_string("554 5.7.1 Relay access "
	    "denied"));
	json_object_set_new(f, "rate", json_real(g->opt.rate));
	gen_fact_time(f, "first", first);
	gen_fact_time(f, "last", last);
	gen_window_extend(g, last + GEN_S(10));
	return 0;
}

const struct gen_scenario sc_relay_flood = {
	.name = "relay-flood",
	.summary = "thousands of refused SMTP relay sessions from one source in "
	    "two minutes (rate: sessions/s, default 25)",
	.default_rate = 25,
	.default_duration = GEN_MIN(2),
	.run = relay_flood,
};
