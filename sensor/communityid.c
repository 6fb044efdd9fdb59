/*
 * communityid.c - Community ID v1 flow hashing (corelight
 * community-id-spec): SHA-1 over seed, ordered addresses, protocol and
 * ports, base64 with a "1:" prefix, so alerts join Zeek and Suricata logs.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "sensor/flow.h"
#include "sensor/flow_table.h"
#include "sensor/sha1.h"

/*
 * ICMP types that come in request/reply pairs: the spec maps the type to
 * the source port and the counterpart type to the destination port, so
 * both directions hash alike. Other types are one-way: the code stands
 * in for the destination port and the tuple is never reordered.
 */
int
nj_icmp_counterpart(uint8_t proto, uint16_t type)
{
	static const uint8_t v4[][2] = {
		{ 8, 0 }, { 0, 8 }, { 13, 14 }, { 14, 13 }, { 15, 16 },
		{ 16, 15 }, { 10, 9 }, { 9, 10 }, { 17, 18 }, { 18, 17 },
	};
	static const uint8_t v6[][2] = {
		{ 128, 129 }, { 129, 128 }, { 133, 134 }, { 134, 133 },
		{ 135, 136 }, { 136, 135 }, { 130, 131 }, { 131, 130 },
		{ 139, 140 }, { 140, 139 }, { 144, 145 }, { 145, 144 },
	};
	size_t i;

	if (proto == IPPROTO_ICMP) {
		for (i = 0; i < sizeof(v4) / sizeof(v4[0]); i++)
			if (v4[i][0] == type)
				return v4[i][1];
	} else {
		for (i = 0; i < sizeof(v6) / sizeof(v6[0]); i++)
			if (v6[i][0] == type)
				return v6[i][1];
	}
	return -1;
}

static void
base64(const uint8_t *in, size_t n, char *out, size_t len)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i, o = 0;
	uint32_t v;

	for (i = 0; i < n && o + 5 < len; i += 3) {
		v = (uint32_t)in[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		out[o++] = tab[(v >> 18) & 63];
		out[o++] = tab[(v >> 12) & 63];
		out[o++] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
		out[o++] = i + 2 < n ? tab[v & 63] : '=';
	}
	out[o] = '\0';
}

void
nj_community_id(const struct nj_addr *src, uint16_t sport,
    const struct nj_addr *dst, uint16_t dport, uint8_t proto, uint16_t seed,
    char *buf, size_t len)
{
	const struct nj_addr *a = src, *b = dst;
	uint16_t pa = sport, pb = dport;
	struct nj_sha1 c;
	uint8_t tmp[4], digest[NJ_SHA1_LEN];
	size_t alen;
	int one_way = 0, cp, cmp;

	if (len < 3) {
		if (len > 0)
			buf[0] = '\0';
		return;
	}
	if (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6) {
		cp = nj_icmp_counterpart(proto, sport);
		if (cp >= 0)
			pb = (uint16_t)cp;
		else
			one_way = 1;
	}
	alen = src->family == 6 ? 16 : 4;
	cmp = memcmp(a->a, b->a, alen);
	if (!one_way && (cmp > 0 || (cmp == 0 && pa > pb))) {
		a = dst;
		b = src;
		cp = pa;
		pa = pb;
		pb = (uint16_t)cp;
	}
	nj_sha1_init(&c);
	tmp[0] = (uint8_t)(seed >> 8);
	tmp[1] = (uint8_t)seed;
	nj_sha1_update(&c, tmp, 2);
	nj_sha1_update(&c, a->a, alen);
	nj_sha1_update(&c, b->a, alen);
	tmp[0] = proto;
	tmp[1] = 0;
	nj_sha1_update(&c, tmp, 2);
	/* Port-less protocols hash only the addresses and protocol. */
	if (proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	    proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6 ||
	    proto == IPPROTO_SCTP) {
		tmp[0] = (uint8_t)(pa >> 8);
		tmp[1] = (uint8_t)pa;
		tmp[2] = (uint8_t)(pb >> 8);
		tmp[3] = (uint8_t)pb;
		nj_sha1_update(&c, tmp, 4);
	}
	nj_sha1_final(&c, digest);
	memcpy(buf, "1:", 2);
	base64(digest, sizeof(digest), buf + 2, len - 2);
}

void
nj_flow_community_id(const struct nj_flow *f, uint16_t seed, char *buf,
    size_t len)
{
	nj_community_id(&f->orig, f->orig_port, &f->resp, f->resp_port,
	    f->proto, seed, buf, len);
}
