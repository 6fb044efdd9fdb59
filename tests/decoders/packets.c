/*
 * packets.c - the hand-built test packets, one builder each, every field
 * written from its RFC layout (checksums left zero: not verified).
 */
#include <string.h>

#include "decoders/packet.h"
#include "build.h"

void
put8(struct pkt_buf *b, uint8_t v)
{
	if (b->n < PKT_MAX)
		b->b[b->n++] = v;
}

void
put16(struct pkt_buf *b, uint16_t v)
{
	put8(b, (uint8_t)(v >> 8));
	put8(b, (uint8_t)v);
}

void
put32(struct pkt_buf *b, uint32_t v)
{
	put16(b, (uint16_t)(v >> 16));
	put16(b, (uint16_t)v);
}

void
putn(struct pkt_buf *b, const void *p, size_t n)
{
	const uint8_t *s = p;

	while (n-- > 0)
		put8(b, *s++);
}

static const uint8_t mac_dst[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const uint8_t mac_src[6] = { 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb };
static const uint8_t v4_src[4] = { 192, 0, 2, 1 };
static const uint8_t v4_dst[4] = { 198, 51, 100, 2 };
static const uint8_t v6_src[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const uint8_t v6_dst[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };

void
put_eth(struct pkt_buf *b, uint16_t type)
{
	putn(b, mac_dst, 6);
	putn(b, mac_src, 6);
	put16(b, type);
}

void
put_ipv4(struct pkt_buf *b, uint8_t ihl, uint16_t totlen, uint16_t off,
    uint8_t proto, const uint8_t *opts)
{
	put8(b, (uint8_t)(0x40 | ihl));
	put8(b, 0);           /* tos */
	put16(b, totlen);
	put16(b, 0x1234);     /* id */
	put16(b, off);
	put8(b, 64);          /* ttl */
	put8(b, proto);
	put16(b, 0);          /* checksum */
	putn(b, v4_src, 4);
	putn(b, v4_dst, 4);
	if (ihl > 5)
		putn(b, opts, (size_t)(ihl - 5) * 4);
}

void
put_ipv6(struct pkt_buf *b, uint16_t plen, uint8_t nh)
{
	put32(b, 0x60000000); /* version 6, class 0, flow 0 */
	put16(b, plen);
	put8(b, nh);
	put8(b, 64);
	putn(b, v6_src, 16);
	putn(b, v6_dst, 16);
}

void
put_udp(struct pkt_buf *b, uint16_t sport, uint16_t dport, uint16_t len)
{
	put16(b, sport);
	put16(b, dport);
	put16(b, len);
	put16(b, 0);
}

/* TCP SYN 12345 -> 80, seq 0x01020304, data offset words, window 65535. */
static void
put_tcp(struct pkt_buf *b, uint8_t doff, const uint8_t *opts)
{
	put16(b, 12345);
	put16(b, 80);
	put32(b, 0x01020304);
	put32(b, 0);
	put16(b, (uint16_t)((doff << 12) | 0x02));
	put16(b, 65535);
	put32(b, 0); /* checksum, urgent */
	if (doff > 5)
		putn(b, opts, (size_t)(doff - 5) * 4);
}

/* MSS 1460, NOP, window scale 7, NOP, NOP, SACK permitted. */
static const uint8_t tcp_opts[12] = { 2, 4, 0x05, 0xb4, 1, 3, 3, 7, 1, 1, 4, 2 };
/* Router Alert (RFC 2113). */
static const uint8_t ip_opts[4] = { 0x94, 4, 0, 0 };

/* Ethernet, IPv4 with options, TCP with options, 4 bytes data, 2 bytes padding. */
static void
eth_ipv4_tcp(struct pkt_buf *b)
{
	put_eth(b, 0x0800);
	put_ipv4(b, 6, 24 + 32 + 4, 0, 6, ip_opts);
	put_tcp(b, 8, tcp_opts);
	b->hdr = b->n;
	putn(b, "abcd", 4);
	put16(b, 0xeeee);
}

/* 802.1Q VID 100, IPv4, UDP 5353 -> 53 with 4 bytes. */
static void
eth_vlan_udp(struct pkt_buf *b)
{
	put_eth(b, 0x8100);
	put16(b, 0x0064);
	put16(b, 0x0800);
	put_ipv4(b, 5, 20 + 12, 0, 17, NULL);
	put_udp(b, 5353, 53, 12);
	b->hdr = b->n;
	putn(b, "wxyz", 4);
}

/* QinQ: 802.1ad VID 200, 802.1Q PCP 1 VID 100, IPv6, UDP 1000 -> 2000. */
static void
eth_qinq_ipv6_udp(struct pkt_buf *b)
{
	put_eth(b, 0x88a8);
	put16(b, 0x00c8);
	put16(b, 0x8100);
	put16(b, 0x2064);
	put16(b, 0x86dd);
	put_ipv6(b, 10, 17);
	put_udp(b, 1000, 2000, 10);
	b->hdr = b->n;
	put16(b, 0xabcd);
}

/* Three tags, then ARP: only two are kept. */
static void
eth_3tags_arp(struct pkt_buf *b)
{
	put_eth(b, 0x88a8);
	put16(b, 1);
	put16(b, 0x8100);
	put16(b, 2);
	put16(b, 0x8100);
	put16(b, 3);
	put16(b, 0x0806);
	b->hdr = b->n;
	put32(b, 0x00010800); /* ARP hardware and protocol types */
}

/* Linux cooked v1, IPv4, ICMP echo request id 0x1234 seq 7. */
static void
sll_icmp_echo(struct pkt_buf *b)
{
	put16(b, 0);      /* packet type: to us */
	put16(b, 1);      /* ARPHRD_ETHER */
	put16(b, 6);
	putn(b, mac_src, 6);
	put16(b, 0);
	put16(b, 0x0800);
	put_ipv4(b, 5, 20 + 8 + 4, 0, 1, NULL);
	put8(b, 8);
	put8(b, 0);
	put16(b, 0);
	put16(b, 0x1234);
	put16(b, 7);
	b->hdr = b->n;
	putn(b, "ping", 4);
}

/* Linux cooked v2, IPv6, TCP with options. */
static void
sll2_ipv6_tcp(struct pkt_buf *b)
{
	put16(b, 0x86dd);
	put16(b, 0);
	put32(b, 2);      /* ifindex */
	put16(b, 1);      /* ARPHRD_ETHER */
	put8(b, 4);       /* outgoing */
	put8(b, 6);
	putn(b, mac_src, 6);
	put16(b, 0);
	put_ipv6(b, 32, 6);
	put_tcp(b, 8, tcp_opts);
	b->hdr = b->n;
}

/*
 * Raw IPv6 with hop-by-hop (8 bytes), routing (24 bytes), destination
 * options (8 bytes), then TCP without options and 3 bytes of data.
 */
static void
raw_ipv6_ext_tcp(struct pkt_buf *b)
{
	put_ipv6(b, 8 + 24 + 8 + 20 + 3, 0);
	put8(b, 43); put8(b, 0); put16(b, 0x0104); put32(b, 0); /* PadN */
	put8(b, 60); put8(b, 2); put8(b, 0); put8(b, 0);        /* type 0, segs 0 */
	put32(b, 0);
	putn(b, v6_dst, 16);
	put8(b, 6); put8(b, 0); put16(b, 0x0104); put32(b, 0);
	put_tcp(b, 5, NULL);
	b->hdr = b->n;
	putn(b, "xyz", 3);
}

/* Raw IPv4 (DLT 228), later fragment at offset 185*8 with MF. */
static void
raw_ipv4_frag_later(struct pkt_buf *b)
{
	put_ipv4(b, 5, 20 + 8, 0x2000 | 185, 17, NULL);
	b->hdr = b->n;
	put32(b, 0xdeadbeef);
	put32(b, 0xdeadbeef);
}

/* IPv6 (DLT 229) first fragment of a UDP datagram longer than this piece. */
static void
ipv6_frag_first_udp(struct pkt_buf *b)
{
	put_ipv6(b, 8 + 8 + 8, 44);
	put8(b, 17); put8(b, 0); put16(b, 0x0001); put32(b, 0xcafe);
	put_udp(b, 4000, 53, 1000);
	b->hdr = b->n;
	put32(b, 1);
	put32(b, 2);
}

/* IPv6 later fragment: offset 1232 bytes (154 units). */
static void
ipv6_frag_later(struct pkt_buf *b)
{
	put_ipv6(b, 8 + 8, 44);
	put8(b, 17); put8(b, 0); put16(b, (uint16_t)(154 << 3)); put32(b, 0xcafe);
	b->hdr = b->n;
	put32(b, 1);
	put32(b, 2);
}

/* DLT_NULL, AF_INET in little-endian host order, UDP. */
static void
null_le_udp(struct pkt_buf *b)
{
	put32(b, 0x02000000);
	put_ipv4(b, 5, 28, 0, 17, NULL);
	put_udp(b, 7, 9, 8);
	b->hdr = b->n;
}

/* DLT_NULL from a big-endian host: AF_INET6 = 30 (Darwin), TCP. */
static void
null_be_ipv6(struct pkt_buf *b)
{
	put32(b, 30);
	put_ipv6(b, 20, 6);
	put_tcp(b, 5, NULL);
	b->hdr = b->n;
}

/* DLT_LOOP, network order AF_INET6 = 24 (OpenBSD), UDP. */
static void
loop_ipv6_udp(struct pkt_buf *b)
{
	put32(b, 24);
	put_ipv6(b, 8, 17);
	put_udp(b, 123, 123, 8);
	b->hdr = b->n;
}

/* Port unreachable quoting UDP 198.51.100.2:33434 -> 192.0.2.1:53. */
static void
icmp_unreach_udp(struct pkt_buf *b)
{
	put_eth(b, 0x0800);
	put_ipv4(b, 5, 20 + 8 + 28, 0, 1, NULL);
	put8(b, 3);
	put8(b, 3);
	put16(b, 0);
	put32(b, 0);
	put8(b, 0x45); put8(b, 0); put16(b, 40); put16(b, 1); put16(b, 0);
	put8(b, 1); put8(b, 17); put16(b, 0);
	putn(b, v4_dst, 4);
	putn(b, v4_src, 4);
	put_udp(b, 33434, 53, 20);
	b->hdr = b->n;
}

/* ICMPv6 destination unreachable (port, code 4) quoting TCP 2001:db8::2:40000 -> 2001:db8::1:443. */
static void
icmp6_unreach_tcp(struct pkt_buf *b)
{
	put_ipv6(b, 8 + 40 + 8, 58);
	put8(b, 1);
	put8(b, 4);
	put16(b, 0);
	put32(b, 0);
	put32(b, 0x60000000); put16(b, 20); put8(b, 6); put8(b, 1);
	putn(b, v6_dst, 16);
	putn(b, v6_src, 16);
	put16(b, 40000);
	put16(b, 443);
	put32(b, 0x11111111);
	b->hdr = b->n;
}

/* IPv4 header length 4 words. */
static void
bad_ihl(struct pkt_buf *b)
{
	put_ipv4(b, 5, 40, 0, 6, NULL);
	b->b[0] = 0x44;
	put_tcp(b, 5, NULL);
	b->hdr = 1;
}

/* TCP data offset 4 words. */
static void
bad_tcp_off(struct pkt_buf *b)
{
	put_ipv4(b, 5, 40, 0, 6, NULL);
	put_tcp(b, 5, NULL);
	b->b[20 + 12] = 0x40;
	b->hdr = b->n;
}

/* TCP data offset 15 words inside a 20-byte segment that is all there. */
static void
tcp_off_past(struct pkt_buf *b)
{
	put_ipv4(b, 5, 40, 0, 6, NULL);
	put_tcp(b, 5, NULL);
	b->b[20 + 12] = 0xf0;
	b->hdr = b->n;
}

/* UDP length 4 (< 8). */
static void
bad_udp_short(struct pkt_buf *b)
{
	put_ipv4(b, 5, 28, 0, 17, NULL);
	put_udp(b, 1, 2, 4);
	b->hdr = b->n;
}

/* UDP length 100 in an unfragmented 8-byte IP payload, fully captured. */
static void
bad_udp_long(struct pkt_buf *b)
{
	put_ipv4(b, 5, 28, 0, 17, NULL);
	put_udp(b, 1, 2, 100);
	b->hdr = b->n;
}

/* IPv4 option with length 0. */
static void
ipv4_opt_len0(struct pkt_buf *b)
{
	static const uint8_t o[4] = { 0x94, 0, 0, 0 };

	put_ipv4(b, 6, 24 + 8, 0, 17, o);
	put_udp(b, 1, 2, 8);
	b->hdr = b->n;
}

/* IPv4 option claiming 8 bytes in a 4-byte option area. */
static void
ipv4_opt_overflow(struct pkt_buf *b)
{
	static const uint8_t o[4] = { 1, 0x83, 8, 0 };

	put_ipv4(b, 6, 24 + 8, 0, 17, o);
	put_udp(b, 1, 2, 8);
	b->hdr = b->n;
}

/* TCP option (MSS) with length 0. */
static void
tcp_opt_len0(struct pkt_buf *b)
{
	static const uint8_t o[4] = { 2, 0, 0, 0 };

	put_ipv4(b, 5, 20 + 24, 0, 6, NULL);
	put_tcp(b, 6, o);
	b->hdr = b->n;
}

/* TCP timestamp option claiming 10 bytes in a 4-byte option area. */
static void
tcp_opt_overflow(struct pkt_buf *b)
{
	static const uint8_t o[4] = { 1, 1, 8, 10 };

	put_ipv4(b, 5, 20 + 24, 0, 6, NULL);
	put_tcp(b, 6, o);
	b->hdr = b->n;
}

/* Port unreachable whose quote stops 6 bytes into the inner IP header. */
static void
icmp_cut_quote(struct pkt_buf *b)
{
	put_ipv4(b, 5, 20 + 8 + 6, 0, 1, NULL);
	put8(b, 3); put8(b, 3); put16(b, 0); put32(b, 0);
	b->hdr = b->n;
	put8(b, 0x45); put8(b, 0); put16(b, 40); put16(b, 1);
}

/* IPv4 in IPv4 (protocol 4): the inner UDP packet is the packet. */
static void
ipip_udp(struct pkt_buf *b)
{
	static const uint8_t in_src[4] = { 10, 0, 0, 1 };
	static const uint8_t in_dst[4] = { 10, 0, 0, 2 };

	put_ipv4(b, 5, 20 + 20 + 8, 0, 4, NULL);
	put8(b, 0x45); put8(b, 0); put16(b, 28); put16(b, 1); put16(b, 0);
	put8(b, 9); put8(b, 17); put16(b, 0);
	putn(b, in_src, 4);
	putn(b, in_dst, 4);
	put_udp(b, 5000, 6000, 8);
	b->hdr = b->n;
}

/* GRE with key (RFC 2890) carrying IPv6 UDP 2001:db8::1:1111 -> 2001:db8::2:2222. */
static void
gre_key_ipv6(struct pkt_buf *b)
{
	put_ipv4(b, 5, 20 + 8 + 48, 0, 47, NULL);
	put16(b, 0x2000);
	put16(b, 0x86dd);
	put32(b, 42);
	put_ipv6(b, 8, 17);
	put_udp(b, 0x1111, 0x2222, 8);
	b->hdr = b->n;
}

/* Enhanced GRE version 1 (PPTP): not followed. */
static void
gre_v1(struct pkt_buf *b)
{
	put_ipv4(b, 5, 20 + 8, 0, 47, NULL);
	put16(b, 0x2001);
	put16(b, 0x880b);
	put16(b, 0);
	put16(b, 7);
	b->hdr = b->n;
}

/* Five IPv4 headers nested by protocol 4: the fourth inner one is refused. */
static void
ipip_deep(struct pkt_buf *b)
{
	int i;

	for (i = 0; i < 5; i++)
		put_ipv4(b, 5, (uint16_t)(20 * (5 - i) + 8), 0,
		    i < 4 ? 4 : 17, NULL);
	put_udp(b, 1, 2, 8);
	b->hdr = 20 * 3 + 20; /* cuts below this hit an IP header decoded */
}

/*
 * Time exceeded (TTL 0 in transit) quoting a UDP probe whose header has
 * 4 bytes of options: the ports sit after them.
 */
static void
icmp_timxceed_opts(struct pkt_buf *b)
{
	put_ipv4(b, 5, 20 + 8 + 24 + 8, 0, 1, NULL);
	put8(b, 11); put8(b, 0); put16(b, 0); put32(b, 0);
	put8(b, 0x46); put8(b, 0); put16(b, 60); put16(b, 1); put16(b, 0);
	put8(b, 1); put8(b, 17); put16(b, 0);
	putn(b, v4_dst, 4);
	putn(b, v4_src, 4);
	putn(b, ip_opts, 4);
	put_udp(b, 40001, 33435, 32);
	b->hdr = b->n;
}

/* ICMPv6 packet too big (MTU 1280) quoting an echo request: no ports. */
static void
icmp6_too_big_echo(struct pkt_buf *b)
{
	put_ipv6(b, 8 + 40 + 8, 58);
	put8(b, 2); put8(b, 0); put16(b, 0); put32(b, 1280);
	put32(b, 0x60000000); put16(b, 1400); put8(b, 58); put8(b, 64);
	putn(b, v6_dst, 16);
	putn(b, v6_src, 16);
	put8(b, 128); put8(b, 0); put16(b, 0); put16(b, 0xbeef); put16(b, 1);
	b->hdr = b->n;
}

/* Linux cooked v1 from a device without a 6-byte address (tun), IPv6 ICMPv6 echo reply. */
static void
sll_noaddr_icmp6(struct pkt_buf *b)
{
	put16(b, 4);      /* sent by us */
	put16(b, 65534);  /* ARPHRD_NONE */
	put16(b, 0);
	put32(b, 0);
	put32(b, 0);
	put16(b, 0x86dd);
	put_ipv6(b, 8, 58);
	put8(b, 129); put8(b, 0); put16(b, 0); put16(b, 0x0102); put16(b, 0x0304);
	b->hdr = b->n;
}

/* An 802.3 frame (length field, then LLC for STP): no IP, counted. */
static void
eth_llc(struct pkt_buf *b)
{
	put_eth(b, 38);
	b->hdr = b->n;
	put8(b, 0x42); put8(b, 0x42); put8(b, 0x03);
}

const struct test_packet test_packets[] = {
	{ "eth_ipv4_tcp", NJ_DLT_EN10MB, eth_ipv4_tcp },
	{ "eth_vlan_udp", NJ_DLT_EN10MB, eth_vlan_udp },
	{ "eth_qinq_ipv6_udp", NJ_DLT_EN10MB, eth_qinq_ipv6_udp },
	{ "eth_3tags_arp", NJ_DLT_EN10MB, eth_3tags_arp },
	{ "sll_icmp_echo", NJ_DLT_LINUX_SLL, sll_icmp_echo },
	{ "sll2_ipv6_tcp", NJ_DLT_LINUX_SLL2, sll2_ipv6_tcp },
	{ "raw_ipv6_ext_tcp", NJ_DLT_RAW, raw_ipv6_ext_tcp },
	{ "raw_ipv4_frag_later", NJ_DLT_IPV4, raw_ipv4_frag_later },
	{ "ipv6_frag_first_udp", NJ_DLT_IPV6, ipv6_frag_first_udp },
	{ "ipv6_frag_later", NJ_DLT_RAW_ALT, ipv6_frag_later },
	{ "null_le_udp", NJ_DLT_NULL, null_le_udp },
	{ "null_be_ipv6", NJ_DLT_NULL, null_be_ipv6 },
	{ "loop_ipv6_udp", NJ_DLT_LOOP, loop_ipv6_udp },
	{ "icmp_unreach_udp", NJ_DLT_EN10MB, icmp_unreach_udp },
	{ "icmp6_unreach_tcp", NJ_DLT_RAW, icmp6_unreach_tcp },
	{ "bad_ihl", NJ_DLT_RAW, bad_ihl },
	{ "bad_tcp_off", NJ_DLT_RAW, bad_tcp_off },
	{ "tcp_off_past", NJ_DLT_RAW, tcp_off_past },
	{ "bad_udp_short", NJ_DLT_RAW, bad_udp_short },
	{ "bad_udp_long", NJ_DLT_RAW, bad_udp_long },
	{ "ipv4_opt_len0", NJ_DLT_RAW, ipv4_opt_len0 },
	{ "ipv4_opt_overflow", NJ_DLT_RAW, ipv4_opt_overflow },
	{ "tcp_opt_len0", NJ_DLT_RAW, tcp_opt_len0 },
	{ "tcp_opt_overflow", NJ_DLT_RAW, tcp_opt_overflow },
	{ "icmp_cut_quote", NJ_DLT_RAW, icmp_cut_quote },
	{ "ipip_udp", NJ_DLT_RAW, ipip_udp },
	{ "gre_key_ipv6", NJ_DLT_RAW, gre_key_ipv6 },
	{ "gre_v1", NJ_DLT_RAW, gre_v1 },
	{ "ipip_deep", NJ_DLT_RAW, ipip_deep },
	{ "icmp_timxceed_opts", NJ_DLT_IPV4, icmp_timxceed_opts },
	{ "icmp6_too_big_echo", NJ_DLT_IPV6, icmp6_too_big_echo },
	{ "sll_noaddr_icmp6", NJ_DLT_LINUX_SLL, sll_noaddr_icmp6 },
	{ "eth_llc", NJ_DLT_EN10MB, eth_llc },
};
const size_t test_packet_count = sizeof(test_packets) / sizeof(test_packets[0]);
