/*
 * dns_tcp.h - DNS over TCP (RFC 1035 4.2.2, RFC 7766): reassembly of the
 * two-byte length-prefixed messages of one direction of a connection.
 */
#ifndef NJ_DNS_TCP_H
#define NJ_DNS_TCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoders/events.h"

/*
 * The largest message plus its prefix: the buffer, allocated only when a
 * message straddles segments, never needs more, so it cannot overflow.
 */
#define NJ_DNS_TCP_BUF (65535 + 2)

/*
 * One direction's state; zero it (or nj_dns_tcp_init) before use and
 * release it with nj_dns_tcp_free. About 40 bytes until a message is
 * split across segments; then NJ_DNS_TCP_BUF more until the flow ends.
 *
 * In order only: a segment that starts after the expected sequence number
 * (a gap: loss, or reordering) drops the partial message, counts
 * NJ_EV_DNS_TCP_GAP and assumes the segment starts a new message. That
 * holds for clients and servers that write one message per send, which
 * is the common case; when it does not, the messages until the next gap
 * fail to parse. Segments wholly before the expected number
 * (retransmissions) are ignored; partly old ones are trimmed.
 */
struct nj_dns_tcp {
	uint8_t *buf;          /* the split message so far, or NULL */
	uint32_t have;         /* bytes in buf */
	uint32_t next_seq;     /* sequence number of the next byte expected */
	bool synced;           /* next_seq is known */
	uint64_t messages;     /* delivered */
	uint64_t gaps;         /* resynchronisations */
	uint64_t retransmits;  /* segments or parts of segments seen twice */
};

/* Called once per complete message, without its length prefix. */
typedef void (*nj_dns_tcp_cb)(void *arg, const uint8_t *msg, size_t len);

void nj_dns_tcp_init(struct nj_dns_tcp *r);
/*
 * Feeds one segment's payload; seq is the TCP sequence number of its
 * first byte (the SYN's number plus one for data on a SYN). Calls cb for
 * each message the segment completes, in order. ec may be NULL.
 */
void nj_dns_tcp_feed(struct nj_dns_tcp *r, const uint8_t *p, size_t len,
    uint32_t seq, nj_dns_tcp_cb cb, void *arg, struct nj_event_counters *ec);
/*
 * The direction ended (FIN, RST, flow end): a partial message left counts
 * NJ_EV_DNS_TCP_TRUNCATED. Frees the buffer; r may be fed again.
 */
void nj_dns_tcp_free(struct nj_dns_tcp *r, struct nj_event_counters *ec);

#endif
