/*
 * pcapwalk.h - a minimal link/IP/UDP/TCP walk for the DNS tests and the
 * DNS bench, until the real decoders (nj_decode) are in place: enough to
 * find DNS payloads in the shared captures, through the cursor.
 */
#ifndef NJ_PCAPWALK_H
#define NJ_PCAPWALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoders/types.h"

struct walk_pkt {
	struct nj_addr src, dst;
	uint8_t proto;            /* 6 or 17 */
	uint16_t sport, dport;
	uint32_t seq;             /* TCP */
	uint8_t tcp_flags;
	const uint8_t *payload;
	size_t len;
};

/* Returns true when the frame holds a first-fragment TCP or UDP packet. */
bool walk_frame(int dlt, const uint8_t *p, size_t caplen, struct walk_pkt *w);

#endif
