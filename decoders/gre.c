/*
 * gre.c - GRE (RFC 2784, with the key and sequence fields of RFC 2890):
 * an IPv4 or IPv6 packet inside is decoded as the packet, like IP-in-IP.
 * Version 1 (PPTP, RFC 2637), source routing (RFC 1701) and non-IP
 * payloads are counted and not followed.
 */
#include "decoders/proto.h"

#define GRE_HLEN     4
#define GRE_CSUM     0x8000 /* checksum and reserved1 present */
#define GRE_ROUTING  0x4000 /* RFC 1701 source routing */
#define GRE_KEY      0x2000
#define GRE_SEQ      0x1000
#define GRE_VERSION  0x0007

enum nj_decode_status
nj_decode_gre(struct nj_decoder *d, struct nj_cursor *c)
{
	uint16_t flags, type;
	size_t opt = 0;

	if (!nj_cur_has(c, GRE_HLEN)) {
		nj_event(d->ec, NJ_EV_GRE_TRUNCATED);
		return NJ_DECODE_TRUNCATED;
	}
	flags = nj_cur_be16(c);
	type = nj_cur_be16(c);
	if ((flags & (GRE_VERSION | GRE_ROUTING)) != 0) {
		nj_event(d->ec, NJ_EV_GRE_UNSUPPORTED);
		return NJ_DECODE_OK;
	}
	if (flags & GRE_CSUM)
		opt += 4;
	if (flags & GRE_KEY)
		opt += 4;
	if (flags & GRE_SEQ)
		opt += 4;
	if (!nj_cur_skip(c, opt)) {
		nj_event(d->ec, NJ_EV_GRE_TRUNCATED);
		return NJ_DECODE_TRUNCATED;
	}
	if (type != NJ_ETHERTYPE_IPV4 && type != NJ_ETHERTYPE_IPV6) {
		nj_event(d->ec, NJ_EV_GRE_UNSUPPORTED);
		return NJ_DECODE_OK;
	}
	return nj_decode_tunnel(d, c, type == NJ_ETHERTYPE_IPV4 ? 4 : 6);
}
