/*
 * ipv6.c - IPv6 (RFC 8200): fixed header, payload length narrowing, and
 * the extension-header chain (hop-by-hop, routing, fragment, destination
 * options, and AH per RFC 4302, skipped by their lengths).
 */
#include "decoders/proto.h"

#define IPV6_HLEN         40
#define IPV6_FRAG_HLEN    8
#define IPV6_FRAG_OFFMASK 0xfff8
#define IPV6_FRAG_MORE    0x0001

/*
 * Follows next-header values from nh through the extension headers in c,
 * leaving c at the transport header. The chain is capped because each
 * header costs a loop turn and nothing legitimate stacks more than a few.
 * ec may be NULL (an ICMPv6 quote counts its own event).
 */
enum nj_decode_status
nj_ipv6_walk(struct nj_cursor *c, uint8_t nh, struct nj_ipv6_chain *ch,
    struct nj_event_counters *ec)
{
	unsigned n;
	uint16_t offlg;
	size_t len;

	ch->frag = false;
	ch->frag_later = false;
	for (n = 0;; n++) {
		ch->proto = nh;
		switch (nh) {
		case NJ_IPPROTO_HOPOPTS:
		case NJ_IPPROTO_ROUTING:
		case NJ_IPPROTO_DSTOPTS:
		case NJ_IPPROTO_AH:
		case NJ_IPPROTO_FRAGMENT:
			break;
		default:
			return NJ_DECODE_OK;
		}
		if (n >= NJ_MAX_IPV6_EXTHDRS) {
			nj_event(ec, NJ_EV_IPV6_EXTHDR_TOO_MANY);
			return NJ_DECODE_MALFORMED;
		}
		if (!nj_cur_has(c, 2)) {
			nj_event(ec, NJ_EV_IPV6_EXTHDR_TRUNCATED);
			return NJ_DECODE_TRUNCATED;
		}
		if (nh == NJ_IPPROTO_FRAGMENT) {
			if (!nj_cur_has(c, IPV6_FRAG_HLEN)) {
				nj_event(ec, NJ_EV_IPV6_EXTHDR_TRUNCATED);
				return NJ_DECODE_TRUNCATED;
			}
			nh = nj_cur_u8(c);
			nj_cur_skip(c, 1);
			offlg = nj_cur_be16(c);
			nj_cur_skip(c, 4); /* identification */
			/* An atomic fragment (RFC 6946) is a whole datagram. */
			if ((offlg & (IPV6_FRAG_OFFMASK | IPV6_FRAG_MORE)) != 0)
				ch->frag = true;
			if ((offlg & IPV6_FRAG_OFFMASK) != 0) {
				ch->frag_later = true;
				ch->proto = nh;
				return NJ_DECODE_OK;
			}
			continue;
		}
		nh = nj_cur_u8(c);
		len = nj_cur_u8(c);
		/* AH counts 4-byte words minus 2; the others 8-byte units minus 1. */
		if (ch->proto == NJ_IPPROTO_AH)
			len = (len + 2) * 4;
		else
			len = (len + 1) * 8;
		if (!nj_cur_skip(c, len - 2)) {
			nj_event(ec, NJ_EV_IPV6_EXTHDR_TRUNCATED);
			return NJ_DECODE_TRUNCATED;
		}
	}
}

enum nj_decode_status
nj_decode_ipv6(struct nj_decoder *d, struct nj_cursor *c)
{
	struct nj_packet *pkt = d->pkt;
	struct nj_ipv6_chain ch;
	struct nj_cursor l4;
	enum nj_decode_status st;
	uint16_t plen;
	uint8_t nh;

	d->depth++;
	if (!nj_cur_has(c, IPV6_HLEN)) {
		nj_event(d->ec, NJ_EV_IPV6_TRUNCATED);
		return NJ_DECODE_TRUNCATED;
	}
	if ((nj_cur_peek8(c) >> 4) != 6) {
		nj_event(d->ec, NJ_EV_IPV6_BAD_VERSION);
		return NJ_DECODE_MALFORMED;
	}
	nj_cur_skip(c, 4); /* version, traffic class, flow label */
	plen = nj_cur_be16(c);
	nh = nj_cur_u8(c);
	pkt->ttl = nj_cur_u8(c);
	pkt->src.family = 6;
	nj_cur_bytes(c, pkt->src.a, 16);
	pkt->dst.family = 6;
	nj_cur_bytes(c, pkt->dst.a, 16);
	pkt->ip_version = 6;
	pkt->ip_len = (uint32_t)plen + IPV6_HLEN;

	/*
	 * A zero payload length means a jumbogram (RFC 2675) or a capture
	 * taken before segmentation offload filled it in: use what is there.
	 */
	if (plen == 0)
		plen = (uint16_t)(nj_cur_left(c) > 0xffff ? 0xffff : nj_cur_left(c));
	d->l4_cut = !nj_cur_sub(c, plen, &l4);
	st = nj_ipv6_walk(&l4, nh, &ch, d->ec);
	pkt->proto = ch.proto;
	if (ch.frag) {
		pkt->frag = true;
		d->l4_cut = true;
	}
	if (st != NJ_DECODE_OK)
		return st;
	if (ch.frag_later)
		return nj_frag_later(d, &l4, NJ_EV_IPV6_FRAG_LATER);
	return nj_decode_l4(d, &l4);
}
