/*
 * dns_path.h - the DNS path of the per-packet flow: finds DNS messages
 * (UDP and TCP port 53 both ways, mDNS on 5353), parses them with ldns,
 * feeds every response to the passive DNS cache and hands every message
 * to the detectors' dns callbacks.
 */
#ifndef NJ_DNS_PATH_H
#define NJ_DNS_PATH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "decoders/packet.h"
#include "sensor/flow.h"

struct nj_sensor;
struct nj_dns_path;

#define NJ_DNS_PORT  53
#define NJ_MDNS_PORT 5353
/* TCP DNS connections reassembled at once; the idlest is evicted. */
#define NJ_DNS_PATH_TCP_CAP 256

struct nj_dns_path_stats {
	uint64_t messages;      /* parsed: queries and responses */
	uint64_t responses;     /* of which responses */
	uint64_t malformed;     /* payloads on a DNS port ldns refused */
	uint64_t cached;        /* responses given to the cache */
	uint64_t mdns;          /* messages on 5353 */
	uint64_t tcp_messages;  /* reassembled from TCP */
	uint64_t tcp_conns;     /* TCP connections now in the side table */
	uint64_t tcp_evicted;   /* dropped for room, idlest first */
	uint64_t tcp_refused;   /* no slot: allocation failed */
};

/* tcp_cap 0 means NJ_DNS_PATH_TCP_CAP. NULL when out of memory. */
struct nj_dns_path *nj_dns_path_new(size_t tcp_cap);
void nj_dns_path_free(struct nj_dns_path *dp, struct nj_sensor *s);

/*
 * One decoded packet, after the flow table saw it (flow may be NULL;
 * dir as for the detectors). Does nothing unless it is DNS.
 */
void nj_dns_path_packet(struct nj_dns_path *dp, struct nj_sensor *s,
    const struct nj_packet *p, struct nj_flow *flow, int dir);
/* A flow ended: releases its TCP reassembly state, if any. */
void nj_dns_path_flow_end(struct nj_dns_path *dp, struct nj_sensor *s,
    const struct nj_flow *f);

void nj_dns_path_stats(const struct nj_dns_path *dp,
    struct nj_dns_path_stats *out);
/* "dns.<counter> value" lines, the cache's included. */
void nj_dns_path_write_stats(const struct nj_dns_path *dp,
    const struct nj_sensor *s, FILE *out);

#endif
