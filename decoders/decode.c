/*
 * decode.c - the decoder entry point: picks the link decoder for a link
 * type, and the transport decoder for an IP protocol number.
 */
#include <string.h>

#include "decoders/proto.h"

bool
nj_dlt_supported(int dlt)
{
	switch (dlt) {
	case NJ_DLT_NULL:
	case NJ_DLT_EN10MB:
	case NJ_DLT_RAW:
	case NJ_DLT_RAW_ALT:
	case NJ_DLT_LOOP:
	case NJ_DLT_LINUX_SLL:
	case NJ_DLT_IPV4:
	case NJ_DLT_IPV6:
	case NJ_DLT_LINUX_SLL2:
		return true;
	default:
		return false;
	}
}

enum nj_decode_status
nj_decode(int dlt, const uint8_t *data, uint32_t caplen, uint32_t wirelen,
    struct nj_packet *pkt, struct nj_event_counters *ec)
{
	struct nj_decoder d;
	struct nj_cursor c;
	nj_time_t ts = pkt->ts;

	memset(pkt, 0, sizeof(*pkt));
	pkt->ts = ts;
	pkt->caplen = caplen;
	pkt->wirelen = wirelen;
	pkt->dlt = dlt;
	d.pkt = pkt;
	d.ec = ec;
	d.depth = 0;
	d.l4_cut = false;
	nj_cur_init(&c, data, caplen);

	switch (dlt) {
	case NJ_DLT_EN10MB:
		return nj_decode_ether(&d, &c);
	case NJ_DLT_LINUX_SLL:
		return nj_decode_sll(&d, &c);
	case NJ_DLT_LINUX_SLL2:
		return nj_decode_sll2(&d, &c);
	case NJ_DLT_NULL:
		return nj_decode_null(&d, &c, false);
	case NJ_DLT_LOOP:
		return nj_decode_null(&d, &c, true);
	case NJ_DLT_RAW:
	case NJ_DLT_RAW_ALT:
		return nj_decode_raw(&d, &c);
	case NJ_DLT_IPV4:
		return nj_decode_ipv4(&d, &c);
	case NJ_DLT_IPV6:
		return nj_decode_ipv6(&d, &c);
	default:
		nj_event(ec, NJ_EV_LINK_UNSUPPORTED);
		return NJ_DECODE_UNSUPPORTED;
	}
}

/*
 * Decodes the IP packet (version 4 or 6) carried in c as the packet, so
 * flows and detectors see the tunnelled endpoints. Nesting is capped.
 */
enum nj_decode_status
nj_decode_tunnel(struct nj_decoder *d, struct nj_cursor *c, int version)
{
	/* An inner packet inside a fragment cannot be reassembled here. */
	if (d->pkt->frag) {
		nj_event(d->ec, NJ_EV_IP_UNKNOWN_PROTO);
		return NJ_DECODE_OK;
	}
	if (d->depth > NJ_MAX_TUNNEL_DEPTH) {
		nj_event(d->ec, NJ_EV_IP_TUNNEL_TOO_DEEP);
		return NJ_DECODE_OK;
	}
	d->l4_cut = false;
	return version == 4 ? nj_decode_ipv4(d, c) : nj_decode_ipv6(d, c);
}

/*
 * Hands the IP payload c (already narrowed to the IP length) to the
 * transport decoder for pkt->proto.
 */
enum nj_decode_status
nj_decode_l4(struct nj_decoder *d, struct nj_cursor *c)
{
	switch (d->pkt->proto) {
	case NJ_IPPROTO_TCP:
		return nj_decode_tcp(d, c);
	case NJ_IPPROTO_UDP:
		return nj_decode_udp(d, c);
	case NJ_IPPROTO_ICMP:
		return nj_decode_icmp(d, c);
	case NJ_IPPROTO_ICMPV6:
		return nj_decode_icmp6(d, c);
	case NJ_IPPROTO_IPIP:
		return nj_decode_tunnel(d, c, 4);
	case NJ_IPPROTO_IPV6:
		return nj_decode_tunnel(d, c, 6);
	case NJ_IPPROTO_GRE:
		return nj_decode_gre(d, c);
	case NJ_IPPROTO_NONE:
		return NJ_DECODE_OK;
	default:
		nj_event(d->ec, NJ_EV_IP_UNKNOWN_PROTO);
		return NJ_DECODE_OK;
	}
}

enum nj_decode_status
nj_frag_later(struct nj_decoder *d, struct nj_cursor *c, enum nj_event ev)
{
	d->pkt->frag_later = true;
	nj_event(d->ec, ev);
	d->pkt->payload = nj_cur_ptr(c);
	d->pkt->payload_len = (uint32_t)nj_cur_left(c);
	return NJ_DECODE_OK;
}
