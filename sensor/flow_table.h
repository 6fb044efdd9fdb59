/*
 * flow_table.h - the bidirectional flow table: a preallocated pool,
 * chained buckets hashed with a per-process secret seed, per-class LRU
 * lists that drive both timeouts and eviction, all on packet time.
 */
#ifndef NJ_FLOW_TABLE_H
#define NJ_FLOW_TABLE_H

#include "decoders/packet.h"
#include "sensor/flow.h"

/*
 * Idle timeouts per state, in packet time. Defaults (chosen after
 * Zeek's, shorter for the unanswered states so scans and floods leave
 * quickly): attempted 30 s, rejected 30 s, half-open 60 s, established
 * 3600 s, closed 5 s, UDP 60 s, ICMP 60 s.
 */
struct nj_flow_timeouts {
	nj_time_t tcp_attempted;
	nj_time_t tcp_rejected;
	nj_time_t tcp_half_open;
	nj_time_t tcp_established;
	nj_time_t tcp_closed;
	nj_time_t udp;
	nj_time_t icmp;
};

void nj_flow_timeouts_default(struct nj_flow_timeouts *to);

/* Why a flow ended. */
enum nj_flow_end {
	NJ_FLOW_END_TIMEOUT = 0, /* idle past its state's timeout */
	NJ_FLOW_END_EVICTED,     /* pushed out by the --max-flows cap */
	NJ_FLOW_END_REUSED,      /* a new SYN on a closed/rejected tuple */
	NJ_FLOW_END_FLUSH,       /* end of input */
};

struct nj_flow_table_stats {
	uint64_t created, expired, evicted, refused;
	uint64_t active, peak;
};

/* Called once for every flow that ends, just before its slot is reused. */
typedef void (*nj_flow_end_fn)(void *arg, const struct nj_flow *f,
    enum nj_flow_end why);

#define NJ_FLOW_MAX_DEFAULT 1000000

/*
 * Creates a table for at most max_flows flows (>= 1). seed keys the
 * hash (pass a random value; fixed only for tests and benchmarks).
 * Returns NULL when memory runs out.
 */
struct nj_flow_table *nj_flow_table_new(uint32_t max_flows, uint64_t seed,
    const struct nj_flow_timeouts *to, nj_flow_end_fn end, void *arg);
void nj_flow_table_free(struct nj_flow_table *ft);

/*
 * Looks up or creates the flow of a decoded packet and updates it (state,
 * history, counters). Returns NULL for packets that belong to no flow
 * (no L4 header, later fragments, other protocols) and for new flows the
 * cap refused; *dir is 0 for orig->resp, 1 otherwise. An ICMP error that
 * quotes a TCP/UDP packet marks that flow rejected.
 */
struct nj_flow *nj_flow_table_packet(struct nj_flow_table *ft,
    const struct nj_packet *p, int *dir);

/* Finds an existing flow of a tuple (no update); NULL when absent. */
struct nj_flow *nj_flow_table_find(struct nj_flow_table *ft,
    const struct nj_addr *src, uint16_t sport, const struct nj_addr *dst,
    uint16_t dport, uint8_t proto, uint16_t vlan, int *dir);

/*
 * Ends the flows idle past their timeout at packet time now. Only the
 * oldest of each class is looked at, so the cost is the number expired.
 */
void nj_flow_table_expire(struct nj_flow_table *ft, nj_time_t now);
/* Ends every flow (end of input). */
void nj_flow_table_flush(struct nj_flow_table *ft);
const struct nj_flow_table_stats *nj_flow_table_stats(
    const struct nj_flow_table *ft);
/* Bytes allocated for a table of max_flows flows (for the benchmark). */
size_t nj_flow_table_memsize(uint32_t max_flows);

/* Zeek-style protocol name: "TCP", "UDP", "ICMP", "IPv6-ICMP". */
const char *nj_proto_name(uint8_t proto);

/*
 * flow.c: the per-flow state machine used by the table. nj_flow_start
 * initialises f from its first packet and returns that packet's
 * direction (1 when its receiver turned out to be the initiator).
 */
int nj_flow_start(struct nj_flow *f, const struct nj_packet *p);
/* Updates f with packet p travelling in direction dir; *fin is per-flow
 * FIN bookkeeping (bit 0 orig, bit 1 resp). */
void nj_flow_update(struct nj_flow *f, const struct nj_packet *p, int dir,
    uint8_t *fin);
/* The ICMP port stand-ins of a packet: the key under which both
 * directions of an ICMP exchange meet (Community ID's mapping). */
void nj_flow_icmp_ports(uint8_t proto, uint8_t type, uint8_t code,
    uint16_t *sport, uint16_t *dport);
/* communityid.c: the reply type of a request/reply ICMP type, or -1. */
int nj_icmp_counterpart(uint8_t proto, uint16_t type);

#endif
