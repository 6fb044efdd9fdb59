/*
 * link.c - link layers: Ethernet II with 802.1Q/802.1ad tags (IEEE
 * 802.1Q), Linux cooked captures v1 and v2 (LINKTYPE_LINUX_SLL, _SLL2),
 * raw IP, and BSD null/loopback (LINKTYPE_NULL, LINKTYPE_LOOP).
 */
#include "decoders/proto.h"

#define ETHER_HDR_LEN 14
#define SLL_HDR_LEN   16
#define SLL2_HDR_LEN  20
#define NULL_HDR_LEN  4
#define VLAN_ID_MASK  0x0fff
/* Past this many tags a frame is junk (or a crafted loop): stop walking. */
#define VLAN_MAX_TAGS 16

/* Address families seen in null/loop headers (BSD and Linux values). */
#define AF_NULL_INET     2
#define AF_NULL_LINUX6   10
#define AF_NULL_BSD6     24 /* NetBSD, OpenBSD, BSD/OS */
#define AF_NULL_FREEBSD6 28
#define AF_NULL_DARWIN6  30

static enum nj_decode_status
link_cut(struct nj_decoder *d)
{
	nj_event(d->ec, NJ_EV_LINK_TRUNCATED);
	return NJ_DECODE_TRUNCATED;
}

/*
 * Strips up to two VLAN tags (outer first), counts deeper stacks, and
 * hands the inner EtherType on. Shared by Ethernet and cooked captures,
 * which may carry a tag when the kernel did not strip it.
 */
enum nj_decode_status
nj_decode_ethertype(struct nj_decoder *d, struct nj_cursor *c, uint16_t type)
{
	struct nj_packet *pkt = d->pkt;
	unsigned tags = 0;
	uint16_t tci;

	while (type == NJ_ETHERTYPE_VLAN || type == NJ_ETHERTYPE_QINQ ||
	    type == NJ_ETHERTYPE_QINQ_OLD) {
		if (!nj_cur_has(c, 4)) {
			pkt->ethertype = type;
			return link_cut(d);
		}
		tci = nj_cur_be16(c);
		type = nj_cur_be16(c);
		if (pkt->vlan_count < 2)
			pkt->vlan[pkt->vlan_count++] = tci & VLAN_ID_MASK;
		else if (tags == 2) /* the third tag: once per frame */
			nj_event(d->ec, NJ_EV_VLAN_TOO_DEEP);
		if (++tags >= VLAN_MAX_TAGS) {
			pkt->ethertype = type;
			return NJ_DECODE_MALFORMED;
		}
	}
	pkt->ethertype = type;
	switch (type) {
	case NJ_ETHERTYPE_IPV4:
		return nj_decode_ipv4(d, c);
	case NJ_ETHERTYPE_IPV6:
		return nj_decode_ipv6(d, c);
	case NJ_ETHERTYPE_ARP:
		return NJ_DECODE_OK;
	default:
		/* Values below 0x0600 are 802.3 lengths (LLC frames). */
		nj_event(d->ec, NJ_EV_ETHER_UNKNOWN_TYPE);
		return NJ_DECODE_OK;
	}
}

enum nj_decode_status
nj_decode_ether(struct nj_decoder *d, struct nj_cursor *c)
{
	struct nj_packet *pkt = d->pkt;

	if (!nj_cur_has(c, ETHER_HDR_LEN))
		return link_cut(d);
	nj_cur_bytes(c, pkt->dst_mac, 6);
	nj_cur_bytes(c, pkt->src_mac, 6);
	pkt->has_mac = true;
	return nj_decode_ethertype(d, c, nj_cur_be16(c));
}

/* The 8-byte sender address field of cooked headers: a MAC when 6 long. */
static void
sll_addr(struct nj_packet *pkt, struct nj_cursor *c, unsigned alen)
{
	if (alen == 6) {
		nj_cur_bytes(c, pkt->src_mac, 6);
		nj_cur_skip(c, 2);
		pkt->has_mac = true;
	} else {
		nj_cur_skip(c, 8);
	}
}

/*
 * Cooked v1: packet type, ARPHRD type, address length, 8 address bytes,
 * protocol. Only the sender's address is recorded; the protocol is an
 * EtherType for the link types that matter here.
 */
enum nj_decode_status
nj_decode_sll(struct nj_decoder *d, struct nj_cursor *c)
{
	uint16_t alen;

	if (!nj_cur_has(c, SLL_HDR_LEN))
		return link_cut(d);
	nj_cur_skip(c, 4); /* packet type, ARPHRD type */
	alen = nj_cur_be16(c);
	sll_addr(d->pkt, c, alen);
	return nj_decode_ethertype(d, c, nj_cur_be16(c));
}

/*
 * Cooked v2: protocol, reserved, interface index, ARPHRD type, packet
 * type, address length, 8 address bytes.
 */
enum nj_decode_status
nj_decode_sll2(struct nj_decoder *d, struct nj_cursor *c)
{
	uint16_t type;
	uint8_t alen;

	if (!nj_cur_has(c, SLL2_HDR_LEN))
		return link_cut(d);
	type = nj_cur_be16(c);
	nj_cur_skip(c, 2 + 4 + 2 + 1); /* reserved, ifindex, ARPHRD, pkttype */
	alen = nj_cur_u8(c);
	sll_addr(d->pkt, c, alen);
	return nj_decode_ethertype(d, c, type);
}

/*
 * The address family is in the capturing host's byte order for DLT_NULL
 * (tcpdump print-null.c: a value with high bits set is byte-swapped) and
 * in network order for DLT_LOOP. AF_INET6 differs between the BSDs.
 */
enum nj_decode_status
nj_decode_null(struct nj_decoder *d, struct nj_cursor *c, bool net_order)
{
	uint32_t af;

	if (!nj_cur_has(c, NULL_HDR_LEN))
		return link_cut(d);
	if (net_order) {
		af = nj_cur_be32(c);
	} else {
		af = nj_cur_le32(c);
		if ((af & 0xffff0000) != 0)
			af = ((af & 0xff) << 24) | ((af & 0xff00) << 8) |
			    ((af >> 8) & 0xff00) | (af >> 24);
	}
	switch (af) {
	case AF_NULL_INET:
		d->pkt->ethertype = NJ_ETHERTYPE_IPV4;
		return nj_decode_ipv4(d, c);
	case AF_NULL_LINUX6:
	case AF_NULL_BSD6:
	case AF_NULL_FREEBSD6:
	case AF_NULL_DARWIN6:
		d->pkt->ethertype = NJ_ETHERTYPE_IPV6;
		return nj_decode_ipv6(d, c);
	default:
		nj_event(d->ec, NJ_EV_NULL_UNKNOWN_FAMILY);
		return NJ_DECODE_OK;
	}
}

/* Raw IP: the version nibble says which. */
enum nj_decode_status
nj_decode_raw(struct nj_decoder *d, struct nj_cursor *c)
{
	uint8_t v;

	if (!nj_cur_has(c, 1))
		return link_cut(d);
	v = nj_cur_peek8(c) >> 4;
	if (v == 4) {
		d->pkt->ethertype = NJ_ETHERTYPE_IPV4;
		return nj_decode_ipv4(d, c);
	}
	if (v == 6) {
		d->pkt->ethertype = NJ_ETHERTYPE_IPV6;
		return nj_decode_ipv6(d, c);
	}
	nj_event(d->ec, NJ_EV_RAW_BAD_VERSION);
	return NJ_DECODE_MALFORMED;
}
