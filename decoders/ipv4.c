/*
 * ipv4.c - IPv4 (RFC 791): header, options walked, total length
 * narrowing, fragments (RFC 815: only the first carries the L4 header).
 */
#include <string.h>

#include "decoders/proto.h"

#define IPV4_MIN_HLEN   20
#define IPV4_FLAG_MF    0x2000
#define IPV4_OFF_MASK   0x1fff

static void
ipv4_addr(struct nj_cursor *c, struct nj_addr *a)
{
	/* Clear the tail too: an IPv6 outer header of a tunnel may have set it. */
	a->family = 4;
	nj_cur_bytes(c, a->a, 4);
	memset(a->a + 4, 0, sizeof(a->a) - 4);
}

enum nj_decode_status
nj_decode_ipv4(struct nj_decoder *d, struct nj_cursor *c)
{
	struct nj_packet *pkt = d->pkt;
	struct nj_cursor opt, l4;
	uint8_t vhl;
	uint16_t totlen, off;
	size_t hlen;

	d->depth++;
	if (!nj_cur_has(c, IPV4_MIN_HLEN)) {
		nj_event(d->ec, NJ_EV_IPV4_TRUNCATED);
		return NJ_DECODE_TRUNCATED;
	}
	vhl = nj_cur_u8(c);
	if ((vhl >> 4) != 4) {
		nj_event(d->ec, NJ_EV_IPV4_BAD_VERSION);
		return NJ_DECODE_MALFORMED;
	}
	hlen = (size_t)(vhl & 0x0f) * 4;
	if (hlen < IPV4_MIN_HLEN) {
		nj_event(d->ec, NJ_EV_IPV4_BAD_HLEN);
		return NJ_DECODE_MALFORMED;
	}
	nj_cur_skip(c, 1); /* type of service */
	totlen = nj_cur_be16(c);
	nj_cur_skip(c, 2); /* identification */
	off = nj_cur_be16(c);
	pkt->ttl = nj_cur_u8(c);
	pkt->proto = nj_cur_u8(c);
	nj_cur_skip(c, 2); /* checksum: not verified, offload zeroes it */
	ipv4_addr(c, &pkt->src);
	ipv4_addr(c, &pkt->dst);
	pkt->ip_version = 4;
	pkt->ip_len = totlen;
	if (totlen < hlen) {
		nj_event(d->ec, NJ_EV_IPV4_BAD_TOTLEN);
		return NJ_DECODE_MALFORMED;
	}
	if (!nj_cur_sub(c, hlen - IPV4_MIN_HLEN, &opt)) {
		nj_event(d->ec, NJ_EV_IPV4_TRUNCATED);
		return NJ_DECODE_TRUNCATED;
	}
	if (!nj_options_walk(&opt, NULL))
		nj_event(d->ec, NJ_EV_IPV4_OPT_MALFORMED);

	/* L4 gets min(total length, captured): never the link padding. */
	d->l4_cut = !nj_cur_sub(c, totlen - hlen, &l4);
	if ((off & (IPV4_FLAG_MF | IPV4_OFF_MASK)) != 0) {
		pkt->frag = true;
		d->l4_cut = true;
		if ((off & IPV4_OFF_MASK) != 0) {
			return nj_frag_later(d, &l4, NJ_EV_IPV4_FRAG_LATER);
		}
	}
	return nj_decode_l4(d, &l4);
}
