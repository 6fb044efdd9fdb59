/*
 * sc_private_destination.c - seed 003: a workstation resolves a public name
 * whose answer is a private address (proof.example.com -> 172.16.45.35)
 * and tries to connect to it, SYN retransmissions unanswered; it happens
 * again later from another workstation (answered from the resolver's
 * cache). Then private and bogon destinations with no DNS before them.
 */
#include <ldns/ldns.h>

#include "scenario.h"

#define PROOF_NAME "proof.example.com"
#define PROOF_ADDR GEN_IP(172, 16, 45, 35)

static int
episode(struct gen_ctx *g, gen_time_t t, uint32_t ws, int miss)
{
	static const char *const rrs[] = {
		PROOF_NAME ". 300 IN A 172.16.45.35", NULL };
	struct gen_tcp c;
	gen_time_t ta;
	json_t *f;

	if ((ta = gen_dns_resolve(g, t, ws, PROOF_NAME, LDNS_RR_TYPE_A, rrs,
	    miss)) == -1)
		return -1;
	f = gen_fact(g, "dns-private-answer", ws, SITE_RESOLVER, 53);
	json_object_set_new(f, "hostname", json_string(PROOF_NAME));
	json_object_set_new(f, "answer", gen_fact_ip(PROOF_ADDR));
	gen_fact_time(f, "first", ta);
	gen_tcp_init(g, &c, ta + gen_rng_range(&g->rng, GEN_MS(1), GEN_MS(5)),
	    ws, PROOF_ADDR, 80);
	f = gen_fact(g, "private-destination", ws, PROOF_ADDR, 80);
	json_object_set_new(f, "hostname", json_string(PROOF_NAME));
	json_object_set_new(f, "resolver", gen_fact_ip(SITE_RESOLVER));
	gen_fact_time(f, "resolved", ta);
	json_object_set_new(f, "attempts", json_integer(6));
	gen_fact_time(f, "first", c.t);
	gen_fact_time(f, "last", c.t + GEN_S(31));
	return gen_tcp_unanswered(g, &c, 6);
}

/* A connection attempt to an address nobody resolved. */
static int
undialled(struct gen_ctx *g, gen_time_t t, uint32_t ws, uint32_t dst,
    uint16_t port, const char *kind)
{
	struct gen_tcp c;
	json_t *f;

	gen_tcp_init(g, &c, t, ws, dst, port);
	f = gen_fact(g, kind, ws, dst, port);
	json_object_set_new(f, "hostname", json_null());
	json_object_set_new(f, "attempts", json_integer(4));
	gen_fact_time(f, "first", t);
	gen_fact_time(f, "last", t + GEN_S(7));
	return gen_tcp_unanswered(g, &c, 4);
}

static int
private_destination(struct gen_ctx *g)
{
	gen_time_t t0 = g->opt.start;

	if (episode(g, t0 + GEN_S(90), site_workstation(7), 1) == -1 ||
	    episode(g, t0 + GEN_MIN(4), site_workstation(12), 0) == -1 ||
	    undialled(g, t0 + GEN_MIN(6), site_workstation(3),
	    GEN_IP(10, 20, 30, 40), 443, "private-destination") == -1 ||
	    undialled(g, t0 + GEN_MIN(8), site_workstation(5),
	    GEN_IP(198, 51, 100, 23), 80, "bogon-destination") == -1)
		return -1;
	return 0;
}

const struct gen_scenario sc_private_destination = {
	.name = "private-destination",
	.summary = "proof.example.com resolves to 172.16.45.35, SYNs unanswered; "
	    "private and bogon destinations without DNS",
	.default_duration = GEN_MIN(10),
	.run = private_destination,
};
