/*
 * min_flow_reader.c - the floor for flow tracking: pcap_loop, nj_decode
 * and a bare open-addressing hash table of direction-free 5-tuples (plus
 * the outer VLAN) counting packets per flow. No state machine, no
 * timeouts, no eviction, no LRU, no callbacks: whatever nightjar spends
 * beyond this reader is the price of its flow semantics.
 *
 * The table has 2^BITS slots of 44 bytes (-b BITS; default 2^23 =
 * 8,388,608 slots, 352 MiB; bench/run passes the smallest power of two
 * at least twice the capture's flow count), calloc'd and faulted in as
 * used, linear probing, a cheap multiply-xorshift hash. Flows beyond 7/8
 * of the slots are not added (counted as "full"), so probing always ends.
 * Usage: min_flow_reader [-b BITS] FILE
 */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decoders/packet.h"

struct mf_entry {
	uint8_t a[16], b[16];  /* lower endpoint first (address, then port) */
	uint16_t pa, pb;
	uint16_t vlan;
	uint8_t proto;
	uint8_t fam;           /* family of a | family of b << 4; 0: empty */
	uint32_t pkts;
};

struct mf {
	struct mf_entry *slot;
	uint64_t mask, used, limit;
	uint64_t packets, bytes, noflow, full;
	int dlt;
	struct nj_event_counters ec;
};

static uint64_t
mix(uint64_t h, uint64_t w)
{
	h ^= w;
	h *= 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

static void
packet(u_char *arg, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct mf *m = (struct mf *)arg;
	struct nj_packet p;
	struct mf_entry k, *e;
	const struct nj_addr *lo, *hi;
	uint16_t plo, phi;
	uint64_t w[5], x, i;
	int c;

	m->packets++;
	m->bytes += h->len;
	nj_decode(m->dlt, bytes, h->caplen, h->len, &p, &m->ec);
	if (!p.l4 || p.frag_later) {
		m->noflow++;
		return;
	}
	c = nj_addr_cmp(&p.src, &p.dst);
	if (c < 0 || (c == 0 && p.sport <= p.dport)) {
		lo = &p.src, hi = &p.dst, plo = p.sport, phi = p.dport;
	} else {
		lo = &p.dst, hi = &p.src, plo = p.dport, phi = p.sport;
	}
	memset(&k, 0, sizeof(k));
	memcpy(k.a, lo->a, 16);
	memcpy(k.b, hi->a, 16);
	k.pa = plo;
	k.pb = phi;
	k.vlan = p.vlan_count > 0 ? p.vlan[0] : 0;
	k.proto = p.proto;
	k.fam = (uint8_t)(lo->family | hi->family << 4);
	memcpy(w, &k, 40);
	x = 0x243f6a8885a308d3ULL;
	for (i = 0; i < 5; i++)
		x = mix(x, w[i]);
	for (i = x & m->mask;; i = (i + 1) & m->mask) {
		e = &m->slot[i];
		if (e->fam == 0)
			break;
		if (memcmp(e, &k, 40) == 0) {
			e->pkts++;
			return;
		}
	}
	if (m->used >= m->limit) {
		m->full++;
		return;
	}
	*e = k;
	e->pkts = 1;
	m->used++;
}

int
main(int argc, char **argv)
{
	char err[PCAP_ERRBUF_SIZE];
	struct mf m;
	pcap_t *pc;
	char *end;
	long bits = 23;
	int ch;

	memset(&m, 0, sizeof(m));
	while ((ch = getopt(argc, argv, "b:")) != -1) {
		switch (ch) {
		case 'b':
			bits = strtol(optarg, &end, 10);
			if (*end != '\0' || bits < 4 || bits > 30) {
				fprintf(stderr, "min_flow_reader: -b: 4..30\n");
				return 1;
			}
			break;
		default:
			fprintf(stderr, "usage: min_flow_reader [-b BITS] FILE\n");
			return 1;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: min_flow_reader [-b BITS] FILE\n");
		return 1;
	}
	m.mask = (1ULL << bits) - 1;
	m.limit = (m.mask + 1) / 8 * 7;
	if ((m.slot = calloc(m.mask + 1, sizeof(*m.slot))) == NULL) {
		fprintf(stderr, "min_flow_reader: out of memory\n");
		return 2;
	}
	if ((pc = pcap_open_offline(argv[optind], err)) == NULL) {
		fprintf(stderr, "min_flow_reader: %s\n", err);
		return 2;
	}
	m.dlt = pcap_datalink(pc);
	if (pcap_loop(pc, -1, packet, (u_char *)&m) == -1) {
		fprintf(stderr, "min_flow_reader: %s: %s\n", argv[optind],
		    pcap_geterr(pc));
		return 2;
	}
	pcap_close(pc);
	printf("packets %llu\nbytes %llu\nflows %llu\nnoflow %llu\n"
	    "full %llu\nslots %llu\n", (unsigned long long)m.packets,
	    (unsigned long long)m.bytes, (unsigned long long)m.used,
	    (unsigned long long)m.noflow, (unsigned long long)m.full,
	    (unsigned long long)(m.mask + 1));
	free(m.slot);
	return 0;
}
