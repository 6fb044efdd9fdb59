/*
 * benchframe.h - hand-built Ethernet/802.1Q, IPv4, IPv6, TCP and ICMP
 * headers with their checksums, for the benchmark's capture generators
 * (gen_flood.c, mix_capture.c). Header-only because bench/CMakeLists.txt
 * makes every .c file in bench/ an executable of its own. Benchmark inputs only:
 * nothing here reads untrusted bytes.
 */
#ifndef NJ_BENCHFRAME_H
#define NJ_BENCHFRAME_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BF_ETH_LEN  14
#define BF_VLAN_LEN 4
#define BF_IP4_LEN  20
#define BF_IP6_LEN  40

static inline void
bf_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void
bf_be32(uint8_t *p, uint32_t v)
{
	bf_be16(p, (uint16_t)(v >> 16));
	bf_be16(p + 2, (uint16_t)v);
}

/* The ones' complement sum of RFC 1071, not yet folded or inverted. */
static inline uint32_t
bf_sum(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static inline uint16_t
bf_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/*
 * Ethernet header, with an 802.1Q tag when vlan is not 0. Returns its
 * length (14 or 18).
 */
static inline size_t
bf_eth(uint8_t *b, const uint8_t dst[6], const uint8_t src[6], uint16_t vlan,
    uint16_t type)
{
	memcpy(b, dst, 6);
	memcpy(b + 6, src, 6);
	if (vlan == 0) {
		bf_be16(b + 12, type);
		return BF_ETH_LEN;
	}
	bf_be16(b + 12, 0x8100);
	bf_be16(b + 14, vlan & 0x0fff);
	bf_be16(b + 16, type);
	return BF_ETH_LEN + BF_VLAN_LEN;
}

/* IPv4 header (no options) carrying l4len bytes; src/dst host order. */
static inline void
bf_ip4(uint8_t *b, uint32_t src, uint32_t dst, uint8_t proto, size_t l4len,
    uint16_t id)
{
	b[0] = 0x45;
	b[1] = 0;
	bf_be16(b + 2, (uint16_t)(BF_IP4_LEN + l4len));
	bf_be16(b + 4, id);
	bf_be16(b + 6, 0x4000); /* DF */
	b[8] = 64;
	b[9] = proto;
	bf_be16(b + 10, 0);
	bf_be32(b + 12, src);
	bf_be32(b + 16, dst);
	bf_be16(b + 10, bf_fold(bf_sum(0, b, BF_IP4_LEN)));
}

/* IPv6 header carrying l4len bytes; src/dst are 16 bytes each. */
static inline void
bf_ip6(uint8_t *b, const uint8_t *src, const uint8_t *dst, uint8_t proto,
    size_t l4len)
{
	bf_be32(b, 0x60000000);
	bf_be16(b + 4, (uint16_t)l4len);
	b[6] = proto;
	b[7] = 64;
	memcpy(b + 8, src, 16);
	memcpy(b + 24, dst, 16);
}

/*
 * Transport checksum over the pseudo-header of the IP header at ip
 * (version read from it) and the l4len bytes at l4; stored at l4 + off.
 * ICMPv4 has no pseudo-header: pass pseudo = 0.
 */
static inline void
bf_l4sum(const uint8_t *ip, uint8_t *l4, size_t l4len, size_t off,
    int pseudo)
{
	uint32_t sum = 0;

	bf_be16(l4 + off, 0);
	if (pseudo && (ip[0] >> 4) == 4) {
		sum = bf_sum(sum, ip + 12, 8);
		sum += ip[9] + (uint32_t)l4len;
	} else if (pseudo) {
		sum = bf_sum(sum, ip + 8, 32);
		sum += ip[6] + (uint32_t)l4len;
	}
	sum = bf_sum(sum, l4, l4len);
	bf_be16(l4 + off, bf_fold(sum));
}

/* A 20-byte TCP header without options. */
static inline void
bf_tcp(uint8_t *b, uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack,
    uint8_t flags)
{
	bf_be16(b, sport);
	bf_be16(b + 2, dport);
	bf_be32(b + 4, seq);
	bf_be32(b + 8, ack);
	b[12] = 5 << 4;
	b[13] = flags;
	bf_be16(b + 14, 64240);
	bf_be16(b + 16, 0);
	bf_be16(b + 18, 0);
}

#endif
