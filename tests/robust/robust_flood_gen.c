/*
 * robust_flood_gen.c - the robustness test's capture: a SYN flood from N random
 * outside sources (random ports) to a few local servers, mixed with
 * background radiation (random UDP to random local hosts and ports, ICMP
 * echo), and a fast port scan from one planted source in the middle of
 * it; optionally a hole of G seconds without any packet three quarters
 * in (so capture-gap has something to say). Frames are built by hand and written with pcap_dump: test input
 * only, nothing here reads untrusted bytes. The same seed gives the same
 * bytes.
 *
 * Usage: gen_flood [-n syns] [-r syns/s] [-s seed] [-g seconds] -w FILE
 * Prints the planted facts on stdout: "scanner ADDR", "scan_target ADDR",
 * "scan_ports N", "hole_seconds G", "packets N".
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define START      1772409600ULL /* 2026-03-02T00:00:00Z */
#define SCANNER    0xc6336441u   /* 198.51.100.65 */
#define SCAN_DST   0xc0a8320au   /* 192.168.50.10 */
#define SCAN_PORTS 1024
#define RADIATION  10            /* one radiation packet per this many SYNs */

static const uint32_t targets[] = {
	0xc0a83250, /* 192.168.50.80 */
	0xc0a83219, /* 192.168.50.25 */
	0xc0a8320a, /* 192.168.50.10 */
};
static const uint16_t ports[] = { 80, 443, 25 };

/* splitmix64: small and good enough for addresses and ports. */
static uint64_t
next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
be32(uint8_t *p, uint32_t v)
{
	be16(p, (uint16_t)(v >> 16));
	be16(p + 2, (uint16_t)v);
}

/* RFC 1071 ones' complement sum, folded and inverted. */
static uint16_t
cksum(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/*
 * Ethernet + IPv4 around an L4 header already at b + 34 (l4len bytes,
 * checksum field at l4ck, or -1 for ICMP's own). Returns the frame length.
 */
static size_t
frame(uint8_t *b, uint32_t src, uint32_t dst, uint8_t proto, size_t l4len,
    int l4ck)
{
	static const uint8_t mac[12] = { 0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0,
	    2 };
	uint8_t *ip = b + 14, *l4 = b + 34;
	uint32_t ph;

	memcpy(b, mac, 12);
	be16(b + 12, 0x0800);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	be16(ip + 2, (uint16_t)(20 + l4len));
	ip[6] = 0x40; /* DF */
	ip[8] = 64;
	ip[9] = proto;
	be32(ip + 12, src);
	be32(ip + 16, dst);
	be16(ip + 10, cksum(0, ip, 20));
	if (l4ck >= 0) {
		ph = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) +
		    proto + (uint32_t)l4len;
		be16(l4 + l4ck, cksum(ph, l4, l4len));
	} else
		be16(l4 + 2, cksum(0, l4, l4len));
	return 34 + l4len;
}

static size_t
syn(uint8_t *b, uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport,
    uint32_t seq)
{
	uint8_t *t = b + 34;

	memset(t, 0, 20);
	be16(t, sport);
	be16(t + 2, dport);
	be32(t + 4, seq);
	t[12] = 5 << 4;
	t[13] = 0x02; /* SYN */
	be16(t + 14, 64240);
	return frame(b, src, dst, 6, 20, 16);
}

/* Random UDP to a random local host and port, or an ICMP echo. */
static size_t
radiation(uint8_t *b, uint64_t *rng)
{
	uint64_t r = next(rng);
	uint32_t src = (uint32_t)(r >> 32) | 0x01000000u;
	uint32_t dst = 0xc0a83200u | (uint32_t)(r & 0xff);
	uint8_t *l4 = b + 34;

	if ((r >> 8 & 3) == 0) {
		memset(l4, 0, 16);
		l4[0] = 8; /* echo request */
		be16(l4 + 4, (uint16_t)(r >> 16));
		return frame(b, src, dst, 1, 16, -1);
	}
	memset(l4, 0, 8 + 12);
	be16(l4, (uint16_t)(1024 + (r >> 10) % 64000));
	be16(l4 + 2, (uint16_t)(1 + (r >> 26) % 65535));
	be16(l4 + 4, 8 + 12);
	memcpy(l4 + 8, "radiation!!!", 12);
	return frame(b, src, dst, 17, 20, 6);
}

static void
dump(pcap_dumper_t *d, uint64_t usec, const uint8_t *b, size_t len,
    uint64_t *n)
{
	struct pcap_pkthdr h;

	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = (time_t)(START + usec / 1000000);
	h.ts.tv_usec = (suseconds_t)(usec % 1000000);
	h.caplen = h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)d, &h, b);
	(*n)++;
}

static unsigned long long
number(const char *arg)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (arg[0] == '\0' || *end != '\0' || errno != 0 || v == 0) {
		fprintf(stderr, "gen_flood: bad number '%s'\n", arg);
		exit(2);
	}
	return v;
}

int
main(int argc, char **argv)
{
	uint64_t nsyn = 1000000, rate = 25000, seed = 1, rng, i, t, n = 0;
	uint64_t scan_at, scan_next = 0, step, hole = 0;
	const char *out = NULL;
	uint8_t b[128];
	pcap_dumper_t *d;
	pcap_t *p;
	uint32_t src, k;
	int c;

	while ((c = getopt(argc, argv, "n:r:s:g:w:")) != -1) {
		switch (c) {
		case 'n': nsyn = number(optarg); break;
		case 'r': rate = number(optarg); break;
		case 's': seed = number(optarg); break;
		case 'g': hole = number(optarg); break;
		case 'w': out = optarg; break;
		default: out = NULL; optind = argc; break;
		}
	}
	if (out == NULL || optind != argc) {
		fprintf(stderr, "usage: gen_flood [-n syns] [-r syns/s] "
		    "[-s seed] [-g seconds] -w FILE\n");
		return 2;
	}
	if ((p = pcap_open_dead(DLT_EN10MB, 65535)) == NULL ||
	    (d = pcap_dump_open(p, out)) == NULL) {
		fprintf(stderr, "gen_flood: %s: %s\n", out,
		    p != NULL ? pcap_geterr(p) : "pcap_open_dead");
		return 1;
	}
	rng = seed;
	step = 1000000 / rate > 0 ? 1000000 / rate : 1;
	/* The scan: 100 ports a second, from the flood's middle on. */
	scan_at = nsyn / 2 * step;
	for (i = 0; i < nsyn; i++) {
		t = i * step;
		if (i >= nsyn / 4 * 3)
			t += hole * 1000000;
		/* Sources spread over the whole space, outside 192.168/16. */
		do
			src = (uint32_t)next(&rng);
		while ((src >> 16) == 0xc0a8 || src >> 24 == 0 ||
		    src >> 28 >= 0xe);
		k = (uint32_t)(next(&rng) % 3);
		dump(d, t, b, syn(b, src, (uint16_t)(1024 + src % 60000),
		    targets[k], ports[k], (uint32_t)i), &n);
		if (i % RADIATION == 0)
			dump(d, t + step / 2, b, radiation(b, &rng), &n);
		while (scan_next < SCAN_PORTS &&
		    scan_at + scan_next * 10000 <= i * step) {
			dump(d, t, b, syn(b, SCANNER, 40000, SCAN_DST,
			    (uint16_t)(scan_next + 1), 7), &n);
			scan_next++;
		}
	}
	pcap_dump_close(d);
	pcap_close(p);
	printf("scanner 198.51.100.65\nscan_target 192.168.50.10\n"
	    "scan_ports %llu\nhole_seconds %llu\npackets %llu\n",
	    (unsigned long long)scan_next, (unsigned long long)hole,
	    (unsigned long long)n);
	return 0;
}
