/*
 * sc_host_sweep.c - one outside source probes one port (or pings) every
 * address of the DMZ /24; the two servers there answer.
 */
#include "scan.h"
#include "scenario.h"

static const char *const flavours[] = { "syn", "icmp", NULL };

static int
host_sweep(struct gen_ctx *g)
{
	enum scan_flavour f = scan_flavour(g->opt.flavour);
	uint32_t scanner = gen_public_addr(g), dst;
	uint16_t hosts[254], up[8], sport = gen_ephemeral_port(g);
	uint16_t port = g->opt.port ? (uint16_t)g->opt.port : 22;
	gen_time_t t = g->opt.start + GEN_S(3), first = t, last = t;
	gen_time_t gap = (gen_time_t)(1e6 / g->opt.rate);
	size_t i, nup = 0;
	json_t *fact;
	int rc;

	for (i = 0; i < 254; i++)
		hosts[i] = (uint16_t)(i + 1);
	scan_shuffle(g, hosts, 254);
	for (i = 0; i < 254; i++) {
		enum scan_state st = PORT_FILTERED;

		dst = SITE_DMZ | hosts[i];
		/* Both servers answer pings; only open ports answer SYNs. */
		if (dst == SITE_WEB || dst == SITE_RELAY)
			st = f == SCAN_ICMP || port == 22 || (dst == SITE_WEB &&
			    (port == 80 || port == 443)) || (dst == SITE_RELAY &&
			    port == 25) ? PORT_OPEN : PORT_CLOSED;
		last = t;
		if ((rc = scan_probe(g, t, scanner, sport, dst, port, f, st)) ==
		    -1)
			return -1;
		if (rc == 1 && nup < 8)
			up[nup++] = hosts[i];
		t += gap + (gen_time_t)gen_rng_range(&g->rng, -gap / 5, gap / 5);
	}
	fact = scan_fact(g, scanner, 0, f == SCAN_ICMP ? -1 : port,
	    "horizontal", f == SCAN_ICMP ? "icmp" : "syn", g->opt.rate, 254,
	    first, last);
	json_object_set_new(fact, "targets", json_string("192.0.2.0/24"));
	json_object_set_new(fact, "hosts", json_integer(254));
	{
		json_t *a = json_array();

		for (i = 0; i < nup; i++)
			json_array_append_new(a, gen_fact_ip(SITE_DMZ | up[i]));
		json_object_set_new(fact, "answered_hosts", a);
	}
	gen_window_extend(g, last + GEN_S(5));
	return 0;
}

const struct gen_scenario sc_host_sweep = {
	.name = "host-sweep",
	.summary = "one source probes one port (--port, default 22) or pings "
	    "across the DMZ /24 (rate: probes/s, default 10)",
	.flavours = flavours,
	.default_rate = 10,
	.default_duration = GEN_S(60),
	.run = host_sweep,
};
