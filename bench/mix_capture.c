/*
 * mix_capture.c - derives the benchmark's captures from nightjar-gen's
 * background (Ethernet, IPv4 and IPv6, TCP and UDP, no VLAN, no ICMP):
 *   mix IN OUT  every flow whose tuple hashes into one eighth is carried
 *               on VLAN 101-103 (all its frames, so flows stay whole);
 *               after every 25th TCP/UDP frame an ICMP echo request and
 *               reply (ICMPv6 for IPv6) between its hosts, and every
 *               tenth of those, for IPv4 UDP, an ICMP port unreachable
 *               quoting the frame instead;
 *   dns IN OUT  only the frames to or from port 53 (UDP or TCP).
 * Usage: mix_capture mix|dns IN OUT
 */
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bench/benchframe.h"
#include "decoders/packet.h"

#define ICMP_EVERY   25
#define UNREACH_EVERY 10
#define ECHO_DATA    32

struct mix {
	pcap_dumper_t *d;
	uint64_t in, out, tagged, icmp;
	unsigned nl4;
};

/* Direction-free hash of a decoded packet's tuple. */
static uint32_t
tuple_hash(const struct nj_packet *p)
{
	uint32_t h = 2166136261u, x = 0;
	size_t i;

	for (i = 0; i < 16; i++)
		x += (uint32_t)(p->src.a[i] ^ p->dst.a[i]) * (uint32_t)(i + 1);
	x += (uint32_t)p->sport * p->dport + p->proto;
	for (i = 0; i < 4; i++) {
		h ^= (x >> (8 * i)) & 0xff;
		h *= 16777619u;
	}
	return h;
}

/* Writes a frame of caplen bytes (wirelen on the wire) at h0's time. */
static void
put(struct mix *m, const struct pcap_pkthdr *h0, const uint8_t *frame,
    size_t caplen, size_t wirelen)
{
	struct pcap_pkthdr h = *h0;

	h.caplen = (bpf_u_int32)caplen;
	h.len = (bpf_u_int32)wirelen;
	pcap_dump((u_char *)m->d, &h, frame);
	m->out++;
}

/* An ICMP(v6) echo request from the frame's sender and the reply. */
static void
add_echo(struct mix *m, const struct pcap_pkthdr *h, const struct nj_packet *p,
    uint16_t vlan)
{
	uint8_t f[128], *ip, *icmp;
	size_t n, l4 = 8 + ECHO_DATA;
	int reply, v6 = p->ip_version == 6;
	uint32_t s4, d4;

	for (reply = 0; reply <= 1; reply++) {
		const struct nj_addr *s = reply ? &p->dst : &p->src;
		const struct nj_addr *d = reply ? &p->src : &p->dst;

		memset(f, 0, sizeof(f));
		n = bf_eth(f, reply ? p->src_mac : p->dst_mac,
		    reply ? p->dst_mac : p->src_mac, vlan,
		    v6 ? 0x86dd : 0x0800);
		ip = f + n;
		icmp = ip + (v6 ? BF_IP6_LEN : BF_IP4_LEN);
		if (v6)
			bf_ip6(ip, s->a, d->a, 58, l4);
		else {
			memcpy(&s4, s->a, 4);
			memcpy(&d4, d->a, 4);
			bf_ip4(ip, ntohl(s4), ntohl(d4), 1, l4,
			    (uint16_t)m->icmp);
		}
		icmp[0] = v6 ? (reply ? 129 : 128) : (reply ? 0 : 8);
		bf_be16(icmp + 4, (uint16_t)(m->icmp >> 4));
		bf_be16(icmp + 6, (uint16_t)m->icmp);
		memset(icmp + 8, 0x61, ECHO_DATA);
		bf_l4sum(ip, icmp, l4, 2, v6);
		put(m, h, f, (size_t)(icmp - f) + l4, (size_t)(icmp - f) + l4);
	}
}

/* ICMP port unreachable from the receiver of an IPv4 UDP frame. */
static void
add_unreach(struct mix *m, const struct pcap_pkthdr *h,
    const struct nj_packet *p, const uint8_t *ipin, uint16_t vlan)
{
	uint8_t f[128], *ip, *icmp;
	size_t n, quote = BF_IP4_LEN + 8, l4 = 8 + quote;
	uint32_t s4, d4;

	memset(f, 0, sizeof(f));
	n = bf_eth(f, p->src_mac, p->dst_mac, vlan, 0x0800);
	ip = f + n;
	icmp = ip + BF_IP4_LEN;
	memcpy(&s4, p->dst.a, 4);
	memcpy(&d4, p->src.a, 4);
	bf_ip4(ip, ntohl(s4), ntohl(d4), 1, l4, (uint16_t)m->icmp);
	icmp[0] = 3;
	icmp[1] = 3;
	memcpy(icmp + 8, ipin, quote);
	bf_l4sum(ip, icmp, l4, 2, 0);
	put(m, h, f, (size_t)(icmp - f) + l4, (size_t)(icmp - f) + l4);
}

static void
mix_frame(struct mix *m, const struct pcap_pkthdr *h, const uint8_t *b,
    const struct nj_packet *p)
{
	static uint8_t f[65536 + BF_VLAN_LEN];
	uint16_t vlan = 0;
	uint32_t th;

	if (p->ip_version == 0 || !p->l4 || p->vlan_count > 0 ||
	    h->caplen < BF_ETH_LEN || h->caplen > 65536) {
		put(m, h, b, h->caplen, h->len);
		return;
	}
	th = tuple_hash(p);
	if (th % 8 == 0) {
		vlan = (uint16_t)(101 + (th >> 3) % 3);
		memcpy(f, b, 12);
		bf_be16(f + 12, 0x8100);
		bf_be16(f + 14, vlan);
		memcpy(f + 16, b + 12, h->caplen - 12);
		put(m, h, f, h->caplen + BF_VLAN_LEN, h->len + BF_VLAN_LEN);
		m->tagged++;
	} else
		put(m, h, b, h->caplen, h->len);
	if (++m->nl4 % ICMP_EVERY != 0)
		return;
	m->icmp++;
	if (m->icmp % UNREACH_EVERY == 0 && p->ip_version == 4 &&
	    p->proto == 17 && h->caplen >= BF_ETH_LEN + BF_IP4_LEN + 8 &&
	    (b[BF_ETH_LEN] & 0x0f) == 5)
		add_unreach(m, h, p, b + BF_ETH_LEN, vlan);
	else
		add_echo(m, h, p, vlan);
}

int
main(int argc, char **argv)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	struct nj_packet p;
	struct mix m;
	const u_char *b;
	pcap_t *in;
	int dlt, r, dns;

	if (argc != 4 || (strcmp(argv[1], "mix") != 0 &&
	    strcmp(argv[1], "dns") != 0)) {
		fprintf(stderr, "usage: mix_capture mix|dns IN OUT\n");
		return 1;
	}
	dns = strcmp(argv[1], "dns") == 0;
	if ((in = pcap_open_offline(argv[2], err)) == NULL) {
		fprintf(stderr, "mix_capture: %s\n", err);
		return 2;
	}
	dlt = pcap_datalink(in);
	if (!dns && dlt != DLT_EN10MB) {
		fprintf(stderr, "mix_capture: %s: not Ethernet\n", argv[2]);
		return 2;
	}
	memset(&m, 0, sizeof(m));
	if ((m.d = pcap_dump_open(in, argv[3])) == NULL) {
		fprintf(stderr, "mix_capture: %s\n", pcap_geterr(in));
		return 2;
	}
	while ((r = pcap_next_ex(in, &h, &b)) == 1) {
		m.in++;
		nj_decode(dlt, b, h->caplen, h->len, &p, NULL);
		if (!dns)
			mix_frame(&m, h, b, &p);
		else if (p.l4 && (p.proto == 6 || p.proto == 17) &&
		    (p.sport == 53 || p.dport == 53))
			put(&m, h, b, h->caplen, h->len);
	}
	if (r == -1) {
		fprintf(stderr, "mix_capture: %s: %s\n", argv[2],
		    pcap_geterr(in));
		return 2;
	}
	if (pcap_dump_flush(m.d) == -1) {
		fprintf(stderr, "mix_capture: %s: write error\n", argv[3]);
		return 2;
	}
	pcap_dump_close(m.d);
	pcap_close(in);
	fprintf(stderr, "mix_capture: %llu frames in, %llu out, %llu on a "
	    "VLAN, %llu ICMP insertions\n", (unsigned long long)m.in,
	    (unsigned long long)m.out, (unsigned long long)m.tagged,
	    (unsigned long long)m.icmp);
	return 0;
}
