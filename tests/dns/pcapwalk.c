/*
 * pcapwalk.c - a minimal walk from link header to TCP/UDP payload
 * (Ethernet with VLANs, BSD loopback, Linux cooked, raw IP, PPP), for
 * the DNS tests and bench only; the sensor uses nj_decode.
 */
#include <string.h>

#include "decoders/cursor.h"
#include "tests/dns/pcapwalk.h"

static bool
walk_l4(struct nj_cursor *c, uint8_t proto, struct walk_pkt *w)
{
	uint8_t off;

	w->proto = proto;
	w->sport = nj_cur_be16(c);
	w->dport = nj_cur_be16(c);
	if (proto == 17) {
		uint16_t ulen = nj_cur_be16(c);

		nj_cur_skip(c, 2);
		if (c->truncated || ulen < 8)
			return false;
		/* Narrow to the UDP length: never the link padding. */
		if (ulen - 8u < nj_cur_left(c))
			c->len = c->off + ulen - 8u;
	} else if (proto == 6) {
		w->seq = nj_cur_be32(c);
		nj_cur_skip(c, 4);
		off = nj_cur_u8(c);
		w->tcp_flags = nj_cur_u8(c);
		nj_cur_skip(c, 6);
		if (c->truncated || (off >> 4) < 5 ||
		    !nj_cur_skip(c, ((size_t)(off >> 4) - 5) * 4))
			return false;
	} else
		return false;
	if (c->truncated)
		return false;
	w->payload = nj_cur_ptr(c);
	w->len = nj_cur_left(c);
	return true;
}

static bool
walk_ip(struct nj_cursor *c, struct walk_pkt *w)
{
	struct nj_cursor ip;
	uint8_t vhl, proto, nh;
	uint16_t tot, frag;
	int i;

	if (!nj_cur_has(c, 1))
		return false;
	vhl = c->base[c->off];
	if (vhl >> 4 == 4) {
		nj_cur_skip(c, 2);
		tot = nj_cur_be16(c);
		nj_cur_skip(c, 2);
		frag = nj_cur_be16(c);
		nj_cur_skip(c, 1);
		proto = nj_cur_u8(c);
		nj_cur_skip(c, 2);
		w->src.family = w->dst.family = 4;
		nj_cur_bytes(c, w->src.a, 4);
		nj_cur_bytes(c, w->dst.a, 4);
		if (c->truncated || (vhl & 15) < 5 || tot < (vhl & 15) * 4 ||
		    (frag & 0x1fff) != 0)
			return false;
		nj_cur_skip(c, (size_t)((vhl & 15) - 5) * 4);
		nj_cur_sub(c, (size_t)tot - (size_t)(vhl & 15) * 4, &ip);
		return !c->truncated && walk_l4(&ip, proto, w);
	}
	if (vhl >> 4 == 6) {
		nj_cur_skip(c, 4);
		tot = nj_cur_be16(c);
		nh = nj_cur_u8(c);
		nj_cur_skip(c, 1);
		w->src.family = w->dst.family = 6;
		nj_cur_bytes(c, w->src.a, 16);
		nj_cur_bytes(c, w->dst.a, 16);
		nj_cur_sub(c, tot, &ip);
		/* Hop-by-hop, routing, destination options; not fragments. */
		for (i = 0; i < 4 && (nh == 0 || nh == 43 || nh == 60); i++) {
			nh = nj_cur_u8(&ip);
			nj_cur_skip(&ip, 6 + (size_t)nj_cur_u8(&ip) * 8);
		}
		return !ip.truncated && walk_l4(&ip, nh, w);
	}
	return false;
}

bool
walk_frame(int dlt, const uint8_t *p, size_t caplen, struct walk_pkt *w)
{
	struct nj_cursor c;
	uint16_t type;
	int vlans = 0;

	memset(w, 0, sizeof(*w));
	nj_cur_init(&c, p, caplen);
	switch (dlt) {
	case 1: /* Ethernet */
		nj_cur_skip(&c, 12);
		type = nj_cur_be16(&c);
		while ((type == 0x8100 || type == 0x88a8) && vlans++ < 2) {
			nj_cur_skip(&c, 2);
			type = nj_cur_be16(&c);
		}
		if (type != 0x0800 && type != 0x86dd)
			return false;
		break;
	case 0: /* BSD loopback: 4-byte family, either order */
	case 108:
		nj_cur_skip(&c, 4);
		break;
	case 113: /* Linux cooked v1 */
		nj_cur_skip(&c, 16);
		break;
	case 276: /* Linux cooked v2 */
		nj_cur_skip(&c, 20);
		break;
	case 9: /* PPP: address, control, protocol */
		nj_cur_skip(&c, 2);
		type = nj_cur_be16(&c);
		if (type != 0x0021 && type != 0x0057)
			return false;
		break;
	case 12: /* raw IP */
	case 14:
	case 101:
	case 228:
	case 229:
		break;
	default:
		return false;
	}
	return !c.truncated && walk_ip(&c, w);
}
