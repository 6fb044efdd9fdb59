/*
 * scan.c - scan probes of every flavour (SYN, FIN, NULL, Xmas, ACK, UDP,
 * ICMP echo) and the answers an ordinary stack sends back.
 */
#include <string.h>

#include "scan.h"

enum scan_flavour
scan_flavour(const char *name)
{
	static const char *const names[] = { "syn", "fin", "null", "xmas",
		"ack", "udp", "icmp" };
	size_t i;

	for (i = 0; name != NULL && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return (enum scan_flavour)i;
	return SCAN_SYN;
}

int
scan_probe(struct gen_ctx *g, gen_time_t t, uint32_t src, uint16_t sport,
    uint32_t dst, uint16_t dport, enum scan_flavour f, enum scan_state st)
{
	static const uint8_t flags[] = { TH_SYN_, TH_FIN_, 0,
		TH_FIN_ | TH_PSH_ | TH_URG_, TH_ACK_ };
	static const uint8_t mss[] = { 2, 4, 0x05, 0xb4 };
	uint32_t seq = (uint32_t)gen_rng_next(&g->rng);
	uint32_t ack = f == SCAN_ACK ? (uint32_t)gen_rng_next(&g->rng) : 0;
	gen_time_t ta = t + gen_rng_range(&g->rng, GEN_MS(20), GEN_MS(90));
	uint32_t isn;

	if (f == SCAN_ICMP) {
		uint16_t id = (uint16_t)gen_rng_next(&g->rng);

		if (gen_icmp4_echo(g, t, src, dst, 0, id, 0) == -1)
			return -1;
		if (st == PORT_FILTERED)
			return 0;
		return gen_icmp4_echo(g, ta, dst, src, 1, id, 0) == -1 ? -1 : 1;
	}
	if (f == SCAN_UDP) {
		if (gen_udp4(g, t, src, dst, sport, dport, NULL, 0) == -1)
			return -1;
		if (st != PORT_CLOSED)
			return 0;
		return gen_icmp4_port_unreach(g, ta, src, dst, sport, dport,
		    NULL, 0) == -1 ? -1 : 1;
	}
	/* Like nmap's probes: window 1024, SYNs offer MSS 1460 only. */
	if (gen_tcp4_opts(g, t, src, dst, sport, dport, seq, ack, flags[f],
	    1024, mss, f == SCAN_SYN ? sizeof(mss) : 0, NULL, 0) == -1)
		return -1;
	if (st == PORT_FILTERED)
		return 0;
	if (f == SCAN_ACK)
		/* Open or closed, an unexpected ACK draws a RST at its ack. */
		return gen_tcp4(g, ta, dst, src, dport, sport, ack, 0, TH_RST_, 0,
		    NULL, 0) == -1 ? -1 : 1;
	if (st == PORT_CLOSED)
		/* No ACK in the probe: RST, seq 0, acking what it occupied. */
		return gen_tcp4(g, ta, dst, src, dport, sport, 0,
		    seq + (flags[f] & (TH_SYN_ | TH_FIN_) ? 1 : 0),
		    TH_RST_ | TH_ACK_, 0, NULL, 0) == -1 ? -1 : 1;
	if (f != SCAN_SYN)
		return 0; /* an open port silently drops FIN, NULL and Xmas */
	isn = (uint32_t)gen_rng_next(&g->rng);
	if (gen_tcp4(g, ta, dst, src, dport, sport, isn, seq + 1,
	    TH_SYN_ | TH_ACK_, 65160, NULL, 0) == -1)
		return -1;
	/* The scanner never completes the handshake: it resets. */
	return gen_tcp4(g, ta + gen_rng_range(&g->rng, 20, 200), src, dst,
	    sport, dport, seq + 1, 0, TH_RST_, 0, NULL, 0) == -1 ? -1 : 1;
}

const char *
scan_speed(double r)
{
	if (r >= 5.0)
		return "fast";
	if (r <= 1.0 / 15.0)
		return "slow";
	return "normal";
}

void
scan_shuffle(struct gen_ctx *g, uint16_t *ports, size_t n)
{
	size_t i, j;
	uint16_t x;

	for (i = n; i > 1; i--) {
		j = gen_rng_below(&g->rng, (uint32_t)i);
		x = ports[i - 1];
		ports[i - 1] = ports[j];
		ports[j] = x;
	}
}

json_t *
scan_port_list(const uint16_t *ports, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_integer(ports[i]));
	return a;
}

json_t *
scan_fact(struct gen_ctx *g, uint32_t src, uint32_t dst, int dport,
    const char *shape, const char *flavour, double rate, int probes,
    gen_time_t first, gen_time_t last)
{
	json_t *f = gen_fact(g, "scan", src, dst, dport);

	json_object_set_new(f, "proto", json_string(strcmp(flavour, "udp") ==
	    0 ? "udp" : strcmp(flavour, "icmp") == 0 ? "icmp" : "tcp"));
	json_object_set_new(f, "speed", json_string(scan_speed(rate)));
	json_object_set_new(f, "shape", json_string(shape));
	json_object_set_new(f, "flavour", json_string(flavour));
	json_object_set_new(f, "rate", json_real(rate));
	json_object_set_new(f, "probes", json_integer(probes));
	gen_fact_time(f, "first", first);
	gen_fact_time(f, "last", last);
	return f;
}

static const uint16_t web_open[] = { 22, 80, 443 };
static const uint16_t web_closed[] = { 21, 23, 25, 113, 119, 587 };
static const uint16_t relay_open[] = { 22, 25 };
static const uint16_t relay_closed[] = { 21, 80, 110, 113, 143, 443 };
static const uint16_t udp_closed[] = { 53, 69, 111, 123, 137, 161, 500,
	514 };
#define N(a) (sizeof(a) / sizeof((a)[0]))
const struct scan_target scan_target_web = { SITE_WEB, web_open, web_closed,
	udp_closed, N(web_open), N(web_closed), N(udp_closed) };
const struct scan_target scan_target_relay = { SITE_RELAY, relay_open,
	relay_closed, udp_closed, N(relay_open), N(relay_closed),
	N(udp_closed) };

static int
in(uint16_t p, const uint16_t *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == p)
			return 1;
	return 0;
}

static enum scan_state
port_state(const struct scan_target *t, enum scan_flavour f, uint16_t p)
{
	if (f == SCAN_UDP)
		return in(p, t->udp_closed, t->nudp_closed) ? PORT_CLOSED :
		    PORT_FILTERED;
	if (in(p, t->tcp_open, t->ntcp_open))
		return PORT_OPEN;
	return in(p, t->tcp_closed, t->ntcp_closed) ? PORT_CLOSED :
	    PORT_FILTERED;
}

gen_time_t
scan_vertical(struct gen_ctx *g, uint32_t src, const struct scan_target *t,
    size_t nports, gen_time_t start, double rate, double jitter,
    const char *flavour)
{
	enum scan_flavour f = scan_flavour(flavour);
	uint16_t ports[1024], open[16], answered[64];
	size_t i, j, nopen = 0, nans = 0;
	uint16_t sport = gen_ephemeral_port(g);
	gen_time_t tp = start, gap = (gen_time_t)(1e6 / rate), last = start;
	json_t *fact;
	int rc;

	if (nports > 1024)
		nports = 1024;
	for (i = 0; i < 1024; i++)
		ports[i] = (uint16_t)(i + 1);
	scan_shuffle(g, ports, 1024);
	/* Short scans still cover every port the target answers on. */
	for (i = 0, j = 0; i < 1024 && j < nports; i++) {
		if (port_state(t, f, ports[i]) != PORT_FILTERED) {
			uint16_t x = ports[j];

			ports[j++] = ports[i];
			ports[i] = x;
		}
	}
	scan_shuffle(g, ports, nports);
	for (i = 0; i < nports; i++) {
		enum scan_state st = port_state(t, f, ports[i]);

		last = tp;
		if ((rc = scan_probe(g, tp, src, sport, t->addr, ports[i], f,
		    st)) == -1)
			return -1;
		if (rc == 1 && nans < N(answered))
			answered[nans++] = ports[i];
		if (rc == 1 && st == PORT_OPEN && f == SCAN_SYN &&
		    nopen < N(open))
			open[nopen++] = ports[i];
		tp += gap + (gen_time_t)(jitter * (double)gap *
		    ((double)gen_rng_below(&g->rng, 2001) / 1000.0 - 1.0));
	}
	fact = scan_fact(g, src, t->addr, -1, "vertical", flavour ? flavour :
	    "syn", rate, (int)nports, start, last);
	json_object_set_new(fact, "open_ports", scan_port_list(open, nopen));
	json_object_set_new(fact, "answered_ports", scan_port_list(answered,
	    nans));
	return last;
}
