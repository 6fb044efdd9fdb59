/*
 * gen_flood.c - the flood capture of the benchmark: N TCP SYNs, each from
 * a random outside source address and port to one of a few targets, at a
 * fixed rate, written with pcap_dump. Every SYN opens a flow of its own,
 * so the flow table fills to its cap and stays there. The same seed gives
 * the same bytes, and a shorter run is a prefix of a longer one.
 * Usage: gen_flood [-n count] [-r packets/s] [-s seed] -w FILE
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/benchframe.h"

#define FLOOD_START 1772409600ULL /* 2026-03-02T00:00:00Z, nightjar-gen's */

static const uint32_t targets[] = {
	0xc0000250, /* 192.0.2.80 */
	0xc0000219, /* 192.0.2.25 */
	0xc0a8320a, /* 192.168.50.10 */
	0xc0a83202, /* 192.168.50.2 */
};
static const uint16_t ports[] = { 80, 443, 25, 22 };

/* splitmix64: a tiny PRNG, good enough for addresses. */
static uint64_t
next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int
number(const char *opt, const char *s, unsigned long long max,
    unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || *s == '\0' || *v == 0 || *v > max) {
		fprintf(stderr, "gen_flood: %s: 1..%llu expected\n", opt, max);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const uint8_t router[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	uint8_t frame[64], mac[6] = { 0x52, 0x54, 0, 0, 0, 0 };
	unsigned long long count = 3000000, rate = 200000, seed = 1;
	struct pcap_pkthdr h;
	pcap_dumper_t *d;
	const char *out = NULL;
	uint64_t rng, r, i, usec;
	uint32_t src, t;
	uint8_t *ip, *tcp;
	pcap_t *pd;
	size_t n;
	int ch;

	while ((ch = getopt(argc, argv, "n:r:s:w:")) != -1) {
		switch (ch) {
		case 'n':
			if (number("-n", optarg, 1ULL << 32, &count) == -1)
				return 1;
			break;
		case 'r':
			if (number("-r", optarg, 100000000, &rate) == -1)
				return 1;
			break;
		case 's':
			if (number("-s", optarg, UINT64_MAX, &seed) == -1)
				return 1;
			break;
		case 'w':
			out = optarg;
			break;
		default:
			out = NULL;
			optind = argc + 1;
			break;
		}
	}
	if (out == NULL || optind != argc) {
		fprintf(stderr, "usage: gen_flood [-n count] [-r packets/s] "
		    "[-s seed] -w FILE\n");
		return 1;
	}
	if ((pd = pcap_open_dead(DLT_EN10MB, 65535)) == NULL ||
	    (d = pcap_dump_open(pd, out)) == NULL) {
		fprintf(stderr, "gen_flood: %s: cannot write\n", out);
		return 2;
	}
	rng = seed;
	for (i = 0; i < count; i++) {
		r = next(&rng);
		/* Outside unicast sources: 1.0.0.0 to 223.255.255.255. */
		src = (uint32_t)(0x01000000 + (r >> 32) % 0xdf000000u);
		t = (uint32_t)(r & 3);
		memset(frame, 0, sizeof(frame));
		mac[3] = (uint8_t)(targets[t] >> 16);
		mac[4] = (uint8_t)(targets[t] >> 8);
		mac[5] = (uint8_t)targets[t];
		n = bf_eth(frame, mac, router, 0, 0x0800);
		ip = frame + n;
		tcp = ip + BF_IP4_LEN;
		bf_ip4(ip, src, targets[t], 6, 20, (uint16_t)(r >> 16));
		bf_tcp(tcp, (uint16_t)(1024 + (r >> 2) % 64512),
		    ports[(r >> 8) & 3], (uint32_t)(r >> 20), 0, 0x02);
		bf_l4sum(ip, tcp, 20, 16, 1);
		usec = i * 1000000ULL / rate;
		h.ts.tv_sec = (time_t)(FLOOD_START + usec / 1000000);
		h.ts.tv_usec = (suseconds_t)(usec % 1000000);
		/* Ethernet's minimum frame: 60 bytes before the FCS. */
		h.caplen = h.len = 60;
		pcap_dump((u_char *)d, &h, frame);
	}
	if (pcap_dump_flush(d) == -1) {
		fprintf(stderr, "gen_flood: %s: write error\n", out);
		return 2;
	}
	pcap_dump_close(d);
	pcap_close(pd);
	return 0;
}
