/*
 * tcp.c - TCP (RFC 9293): ports, sequence numbers, flags, window, data
 * offset validated, options walked with their lengths checked.
 */
#include "decoders/proto.h"

#define TCP_MIN_HLEN   20
#define TCPOPT_MSS     2  /* length 4 */
#define TCPOPT_WSCALE  3  /* length 3 (RFC 7323) */
#define TCPOPT_SACKOK  4  /* length 2 (RFC 2018) */
#define TCPOPT_SACK    5  /* length 2 + 8n */
#define TCPOPT_TS      8  /* length 10 (RFC 7323) */

/* True when a known option has a length its RFC allows. */
static bool
tcp_optlen_ok(uint8_t kind, uint8_t len)
{
	switch (kind) {
	case TCPOPT_MSS:
		return len == 4;
	case TCPOPT_WSCALE:
		return len == 3;
	case TCPOPT_SACKOK:
		return len == 2;
	case TCPOPT_SACK:
		return len >= 10 && (len - 2) % 8 == 0;
	case TCPOPT_TS:
		return len == 10;
	default:
		return true;
	}
}

enum nj_decode_status
nj_decode_tcp(struct nj_decoder *d, struct nj_cursor *c)
{
	struct nj_packet *pkt = d->pkt;
	struct nj_cursor opt;
	size_t hlen;
	uint16_t offflags;

	if (!nj_cur_has(c, TCP_MIN_HLEN)) {
		nj_event(d->ec, NJ_EV_TCP_TRUNCATED);
		return NJ_DECODE_TRUNCATED;
	}
	pkt->sport = nj_cur_be16(c);
	pkt->dport = nj_cur_be16(c);
	pkt->tcp_seq = nj_cur_be32(c);
	pkt->tcp_ack = nj_cur_be32(c);
	offflags = nj_cur_be16(c);
	pkt->tcp_flags = (uint8_t)offflags;
	pkt->tcp_win = nj_cur_be16(c);
	nj_cur_skip(c, 4); /* checksum, urgent pointer */
	hlen = (size_t)(offflags >> 12) * 4;
	if (hlen < TCP_MIN_HLEN) {
		nj_event(d->ec, NJ_EV_TCP_BAD_HLEN);
		return NJ_DECODE_MALFORMED;
	}
	/*
	 * Options past the segment are a lie unless the capture (or the
	 * fragment) ended first, in which case they are merely cut.
	 */
	if (!nj_cur_sub(c, hlen - TCP_MIN_HLEN, &opt)) {
		if (d->l4_cut) {
			nj_event(d->ec, NJ_EV_TCP_TRUNCATED);
			return NJ_DECODE_TRUNCATED;
		}
		nj_event(d->ec, NJ_EV_TCP_BAD_HLEN);
		return NJ_DECODE_MALFORMED;
	}
	/* A broken option is counted; the segment itself is still usable. */
	if (!nj_options_walk(&opt, tcp_optlen_ok))
		nj_event(d->ec, NJ_EV_TCP_OPT_MALFORMED);
	pkt->l4 = true;
	pkt->payload = nj_cur_ptr(c);
	pkt->payload_len = (uint32_t)nj_cur_left(c);
	return NJ_DECODE_OK;
}
