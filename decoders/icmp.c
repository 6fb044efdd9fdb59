/*
 * icmp.c - ICMP (RFC 792) and ICMPv6 (RFC 4443): type, code, echo
 * identifier and sequence, and the packet quoted by an error message
 * (its IP header and first 8 transport bytes), which ties an error to
 * the probe that caused it.
 */
#include <string.h>

#include "decoders/proto.h"

#define ICMP_HLEN 8 /* type, code, checksum, 4 type-specific bytes */

/* ICMPv4 types. */
#define ICMP_ECHOREPLY     0
#define ICMP_UNREACH       3
#define ICMP_SOURCEQUENCH  4
#define ICMP_REDIRECT      5
#define ICMP_ECHO          8
#define ICMP_TIMXCEED      11
#define ICMP_PARAMPROB     12
#define ICMP_TSTAMP        13
#define ICMP_TSTAMPREPLY   14

/* ICMPv6 types. */
#define ICMP6_UNREACH      1
#define ICMP6_PACKET_TOO_BIG 2
#define ICMP6_TIMXCEED     3
#define ICMP6_PARAMPROB    4
#define ICMP6_ECHO         128
#define ICMP6_ECHOREPLY    129

#define QUOTE_L4_LEN 8 /* RFC 792: the first 64 bits of the datagram */

/*
 * Reads the quoted transport header: ports for TCP and UDP (their first
 * four bytes in both), nothing for others. Fewer than the 8 bytes RFC 792
 * promises is a cut quote.
 */
static void
quote_l4(struct nj_decoder *d, struct nj_cursor *q, bool later_frag)
{
	struct nj_icmp_inner *in = &d->pkt->inner;

	d->pkt->has_inner = true;
	if (later_frag)
		return;
	if ((in->proto == NJ_IPPROTO_TCP || in->proto == NJ_IPPROTO_UDP) &&
	    nj_cur_has(q, 4)) {
		in->sport = nj_cur_be16(q);
		in->dport = nj_cur_be16(q);
		if (!nj_cur_has(q, QUOTE_L4_LEN - 4))
			nj_event(d->ec, NJ_EV_ICMP_INNER_TRUNCATED);
		return;
	}
	if (!nj_cur_has(q, QUOTE_L4_LEN))
		nj_event(d->ec, NJ_EV_ICMP_INNER_TRUNCATED);
}

/* The quoted IPv4 header; its total length is ignored (it was cut). */
static void
quote_ipv4(struct nj_decoder *d, struct nj_cursor *q)
{
	struct nj_icmp_inner *in = &d->pkt->inner;
	uint8_t vhl;
	uint16_t off;
	size_t hlen;

	if (!nj_cur_has(q, 20)) {
		nj_event(d->ec, NJ_EV_ICMP_INNER_TRUNCATED);
		return;
	}
	vhl = nj_cur_u8(q);
	hlen = (size_t)(vhl & 0x0f) * 4;
	if (hlen < 20) {
		nj_event(d->ec, NJ_EV_ICMP_INNER_MALFORMED);
		return;
	}
	nj_cur_skip(q, 5); /* tos, total length, id */
	off = nj_cur_be16(q);
	nj_cur_skip(q, 1); /* ttl */
	in->proto = nj_cur_u8(q);
	nj_cur_skip(q, 2); /* checksum */
	in->src.family = 4;
	nj_cur_bytes(q, in->src.a, 4);
	in->dst.family = 4;
	nj_cur_bytes(q, in->dst.a, 4);
	if (!nj_cur_skip(q, hlen - 20)) {
		/* Addresses and protocol are known; only the ports are lost. */
		d->pkt->has_inner = true;
		nj_event(d->ec, NJ_EV_ICMP_INNER_TRUNCATED);
		return;
	}
	quote_l4(d, q, (off & 0x1fff) != 0);
}

static void
quote_ipv6(struct nj_decoder *d, struct nj_cursor *q)
{
	struct nj_icmp_inner *in = &d->pkt->inner;
	struct nj_ipv6_chain ch;
	enum nj_decode_status st;
	uint8_t nh;

	if (!nj_cur_has(q, 40)) {
		nj_event(d->ec, NJ_EV_ICMP_INNER_TRUNCATED);
		return;
	}
	nj_cur_skip(q, 6); /* version, class, flow label, payload length */
	nh = nj_cur_u8(q);
	nj_cur_skip(q, 1); /* hop limit */
	in->src.family = 6;
	nj_cur_bytes(q, in->src.a, 16);
	in->dst.family = 6;
	nj_cur_bytes(q, in->dst.a, 16);
	in->proto = nh;
	/* Extension-header events belong to the outer packet's counters only. */
	st = nj_ipv6_walk(q, nh, &ch, NULL);
	if (st != NJ_DECODE_OK) {
		d->pkt->has_inner = true;
		nj_event(d->ec, st == NJ_DECODE_TRUNCATED ?
		    NJ_EV_ICMP_INNER_TRUNCATED : NJ_EV_ICMP_INNER_MALFORMED);
		return;
	}
	in->proto = ch.proto;
	quote_l4(d, q, ch.frag_later);
}

/* The quote may be of either IP version, whatever carried the error. */
static void
quote(struct nj_decoder *d, struct nj_cursor *q)
{
	uint8_t v;

	if (!nj_cur_has(q, 1)) {
		nj_event(d->ec, NJ_EV_ICMP_INNER_TRUNCATED);
		return;
	}
	v = nj_cur_peek8(q) >> 4;
	if (v == 4)
		quote_ipv4(d, q);
	else if (v == 6)
		quote_ipv6(d, q);
	else
		nj_event(d->ec, NJ_EV_ICMP_INNER_MALFORMED);
}

/*
 * The second half of the 8-byte header, common to both versions, then
 * the echo fields or the quoted packet of an error.
 */
static enum nj_decode_status
icmp_header(struct nj_decoder *d, struct nj_cursor *c, enum nj_event cut,
    bool echo, bool error)
{
	struct nj_packet *pkt = d->pkt;

	if (echo) {
		pkt->icmp_id = nj_cur_be16(c);
		pkt->icmp_seq = nj_cur_be16(c);
	} else {
		nj_cur_skip(c, 4); /* unused, MTU or pointer */
	}
	if (c->truncated) {
		nj_event(d->ec, cut);
		return NJ_DECODE_TRUNCATED;
	}
	pkt->l4 = true;
	pkt->payload = nj_cur_ptr(c);
	pkt->payload_len = (uint32_t)nj_cur_left(c);
	if (error) {
		struct nj_cursor q = *c;

		quote(d, &q);
	}
	return NJ_DECODE_OK;
}

/* Type, code and checksum lead both versions; the type picks the rest. */
static enum nj_decode_status
icmp_decode(struct nj_decoder *d, struct nj_cursor *c, bool v6)
{
	struct nj_packet *pkt = d->pkt;
	enum nj_event cut = v6 ? NJ_EV_ICMPV6_TRUNCATED : NJ_EV_ICMP_TRUNCATED;
	bool echo, error;
	uint8_t t;

	if (!nj_cur_has(c, 4)) {
		nj_event(d->ec, cut);
		return NJ_DECODE_TRUNCATED;
	}
	t = pkt->icmp_type = nj_cur_u8(c);
	pkt->icmp_code = nj_cur_u8(c);
	nj_cur_skip(c, 2); /* checksum */
	if (v6) {
		echo = t == ICMP6_ECHO || t == ICMP6_ECHOREPLY;
		error = t == ICMP6_UNREACH || t == ICMP6_PACKET_TOO_BIG ||
		    t == ICMP6_TIMXCEED || t == ICMP6_PARAMPROB;
	} else {
		echo = t == ICMP_ECHO || t == ICMP_ECHOREPLY ||
		    t == ICMP_TSTAMP || t == ICMP_TSTAMPREPLY;
		error = t == ICMP_UNREACH || t == ICMP_SOURCEQUENCH ||
		    t == ICMP_REDIRECT || t == ICMP_TIMXCEED || t == ICMP_PARAMPROB;
	}
	return icmp_header(d, c, cut, echo, error);
}

enum nj_decode_status
nj_decode_icmp(struct nj_decoder *d, struct nj_cursor *c)
{
	return icmp_decode(d, c, false);
}

enum nj_decode_status
nj_decode_icmp6(struct nj_decoder *d, struct nj_cursor *c)
{
	return icmp_decode(d, c, true);
}
