/* scan.h - probes and the target's answers shared by the scan scenarios. */
#ifndef NJ_GEN_SCAN_H
#define NJ_GEN_SCAN_H

#include "gen.h"

enum scan_flavour { SCAN_SYN, SCAN_FIN, SCAN_NULL, SCAN_XMAS, SCAN_ACK,
	SCAN_UDP, SCAN_ICMP };

/* What the target does with a probe to a port (or to an address). */
enum scan_state { PORT_FILTERED, PORT_CLOSED, PORT_OPEN };

/* The flavour named by the command line (NULL: SYN). */
enum scan_flavour scan_flavour(const char *name);
/*
 * One probe from src:sport to dst:dport at t and the target's answer as a
 * real TCP/IP stack gives it (RFC 9293 3.10.7.1 for closed ports, RFC 1122
 * port unreachable for UDP). Returns 1 if the target answered, 0 if not,
 * -1 on error.
 */
int scan_probe(struct gen_ctx *, gen_time_t t, uint32_t src, uint16_t sport,
    uint32_t dst, uint16_t dport, enum scan_flavour, enum scan_state);
/* "fast" (>= 5 probes/s), "slow" (<= 1 per 15 s) or "normal". */
const char *scan_speed(double probes_per_s);
/* Shuffles ports in place with the scenario PRNG. */
void scan_shuffle(struct gen_ctx *, uint16_t *ports, size_t n);
/* The fact every scan scenario plants; the caller adds the rest. */
json_t *scan_fact(struct gen_ctx *, uint32_t src, uint32_t dst, int dport,
    const char *shape, const char *flavour, double rate, int probes,
    gen_time_t first, gen_time_t last);
json_t *scan_port_list(const uint16_t *ports, size_t n);

#endif

/* A target host: what it answers on, by protocol. */
struct scan_target {
	uint32_t addr;
	const uint16_t *tcp_open, *tcp_closed, *udp_closed;
	size_t ntcp_open, ntcp_closed, nudp_closed;
};
extern const struct scan_target scan_target_web, scan_target_relay;

/*
 * A vertical scan of nports ports of t->addr from src, starting at start,
 * rate probes per second with jitter (a fraction of the gap, 0 to 1).
 * The ports include the target's answering ports. Plants the scan fact and
 * returns the time of the last probe, or -1.
 */
gen_time_t scan_vertical(struct gen_ctx *, uint32_t src,
    const struct scan_target *t, size_t nports, gen_time_t start, double rate,
    double jitter, const char *flavour);
