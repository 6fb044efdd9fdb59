/*
 * udp.c - UDP (RFC 768): ports and the length field, which narrows the
 * payload to min(udp length, remaining).
 */
#include "decoders/proto.h"

#define UDP_HLEN 8

enum nj_decode_status
nj_decode_udp(struct nj_decoder *d, struct nj_cursor *c)
{
	struct nj_packet *pkt = d->pkt;
	struct nj_cursor pl;
	enum nj_decode_status st;
	uint16_t ulen;

	if (!nj_cur_has(c, UDP_HLEN)) {
		nj_event(d->ec, NJ_EV_UDP_TRUNCATED);
		return NJ_DECODE_TRUNCATED;
	}
	pkt->sport = nj_cur_be16(c);
	pkt->dport = nj_cur_be16(c);
	ulen = nj_cur_be16(c);
	nj_cur_skip(c, 2); /* checksum */
	pkt->l4 = true;
	if (ulen < UDP_HLEN) {
		nj_event(d->ec, NJ_EV_UDP_BAD_LEN);
		pkt->payload = nj_cur_ptr(c);
		pkt->payload_len = 0;
		return NJ_DECODE_MALFORMED;
	}
	/*
	 * A length past the IP payload is an error unless the capture or the
	 * fragment ended first; either way the payload is what is there.
	 */
	st = NJ_DECODE_OK;
	if (!nj_cur_sub(c, ulen - UDP_HLEN, &pl) && !d->l4_cut) {
		nj_event(d->ec, NJ_EV_UDP_BAD_LEN);
		st = NJ_DECODE_MALFORMED;
	}
	pkt->payload = nj_cur_ptr(&pl);
	pkt->payload_len = (uint32_t)nj_cur_left(&pl);
	return st;
}
