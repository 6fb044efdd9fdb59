/*
 * sc_unknown_host.c - seed 002: local addresses that the site inventory
 * (policy/demo.yaml) has never listed appear: one on the LAN resolving and
 * browsing like a workstation, one in the DMZ (an alias added to bypass the
 * firewall) reaching into the LAN.
 */
#include <ldns/ldns.h>

#include "scenario.h"

#define STRANGER_LAN GEN_IP(192, 168, 50, 213)
#define STRANGER_DMZ GEN_IP(192, 0, 2, 99)

static int
unknown_host(struct gen_ctx *g)
{
	static const char *const rrs[] = {
		"github.com. 60 IN A 140.82.121.4", NULL };
	gen_time_t t = g->opt.start + GEN_S(45), ta;
	struct gen_tcp c;
	json_t *f;

	f = gen_fact(g, "unknown-local-host", STRANGER_LAN, 0, -1);
	gen_fact_time(f, "first", t);
	if ((ta = gen_dns_resolve(g, t, STRANGER_LAN, "github.com",
	    LDNS_RR_TYPE_A, rrs, 0)) == -1)
		return -1;
	gen_tcp_init(g, &c, ta + GEN_MS(2), STRANGER_LAN,
	    GEN_IP(140, 82, 121, 4), 443);
	if (gen_tcp_connect(g, &c) == -1 ||
	    gen_https_exchange(g, &c, "github.com", 600, 20000) == -1 ||
	    gen_tcp_close(g, &c, 1) == -1)
		return -1;
	t += GEN_MIN(3);
	f = gen_fact(g, "unknown-local-host", STRANGER_DMZ, 0, -1);
	gen_fact_time(f, "first", t);
	gen_tcp_init(g, &c, t, STRANGER_DMZ, site_workstation(4), 80);
	return gen_tcp_refused(g, &c);
}

const struct gen_scenario sc_unknown_host = {
	.name = "unknown-host",
	.summary = "local addresses missing from the inventory appear (LAN and "
	    "DMZ)",
	.default_duration = GEN_MIN(10),
	.run = unknown_host,
};
