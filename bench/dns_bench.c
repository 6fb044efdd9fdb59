/*
 * dns_bench.c - the cost of the DNS path: messages per second through
 * ldns (nj_dns_parse), through ldns and the passive DNS cache, and cache
 * lookups per second. Messages come from the UDP/TCP port 53 payloads of
 * the captures named on the command line (whole TCP segments holding
 * whole messages only), e.g. ../shared/pcaps/dns/\*.pcap.
 * Usage: dns_bench [-n rounds] capture...
 */
#include <pcap/pcap.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "decoders/dns.h"
#include "sensor/dnscache.h"
#include "decoders/packet.h"

struct msg {
	uint8_t *p;
	size_t len;
	struct nj_addr src, dst;
	struct nj_addr ans;   /* the first address answered, if any */
};

static double now_s(void);

static struct msg *msgs;
static size_t nmsgs, capmsgs;

static void
add(const uint8_t *p, size_t len, const struct nj_packet *w)
{
	static struct nj_dns_msg parsed;
	struct msg *m;
	size_t i;

	if (nmsgs == capmsgs) {
		capmsgs = capmsgs ? capmsgs * 2 : 1024;
		if ((msgs = realloc(msgs, capmsgs * sizeof(*msgs))) == NULL)
			exit(2);
	}
	m = &msgs[nmsgs++];
	if ((m->p = malloc(len ? len : 1)) == NULL)
		exit(2);
	memcpy(m->p, p, len);
	m->len = len;
	m->src = w->src;
	m->dst = w->dst;
	memset(&m->ans, 0, sizeof(m->ans));
	if (nj_dns_parse(p, len, &parsed, NULL) == NJ_DECODE_OK) {
		for (i = 0; i < parsed.n_answers; i++) {
			if (parsed.an[i].addr.family != 0) {
				m->ans = parsed.an[i].addr;
				break;
			}
		}
	}
}

/* Parses every message rounds times; ldns_only skips our copy. */
static void
phase(const char *what, long rounds, struct nj_event_counters *ec,
    bool ldns_only)
{
	struct nj_dns_msg mm;
	ldns_pkt *pkt;
	double t0, t;
	long r;
	size_t i;

	t0 = now_s();
	for (r = 0; r < rounds; r++)
		for (i = 0; i < nmsgs; i++) {
			if (ldns_only) {
				pkt = NULL;
				ldns_wire2pkt(&pkt, msgs[i].p, msgs[i].len);
				ldns_pkt_free(pkt);
			} else
				nj_dns_parse(msgs[i].p, msgs[i].len, &mm, ec);
		}
	t = now_s() - t0;
	printf("%-24s %10.0f msg/s  %6.0f ns/msg\n", what,
	    (double)(rounds * (long)nmsgs) / t,
	    t * 1e9 / (double)(rounds * (long)nmsgs));
}

static void
load(const char *path)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	struct nj_packet w;
	const uint8_t *p;
	pcap_t *pc;
	size_t l, left;

	if ((pc = pcap_open_offline(path, err)) == NULL) {
		fprintf(stderr, "%s: %s\n", path, err);
		return;
	}
	while (pcap_next_ex(pc, &h, &d) == 1) {
		nj_decode(pcap_datalink(pc), d, h->caplen, h->len, &w, NULL);
		if (!w.l4 || w.frag_later || (w.sport != 53 && w.dport != 53))
			continue;
		if (w.proto == 17) {
			add(w.payload, w.payload_len, &w);
			continue;
		}
		/* TCP: the whole messages at the start of a segment. */
		p = w.payload;
		left = w.payload_len;
		while (w.proto == 6 && left >= 2 &&
		    (l = (size_t)(p[0] << 8 | p[1])) <= left - 2) {
			add(p + 2, l, &w);
			p += 2 + l;
			left -= 2 + l;
		}
	}
	pcap_close(pc);
}

/*
 * A typical exchange: the query "www.example.com A" and its answer, a
 * CNAME and two addresses with EDNS, as most resolvers send them.
 */
static const uint8_t typical_q[] = {
	0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1,
	3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
	0, 1, 0, 1, 0, 0, 0x29, 0x04, 0xd0, 0, 0, 0, 0, 0, 0,
};
static const uint8_t typical_r[] = {
	0x12, 0x34, 0x81, 0x80, 0, 1, 0, 3, 0, 0, 0, 1,
	3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
	0, 1, 0, 1,
	0xc0, 0x0c, 0, 5, 0, 1, 0, 0, 0x0e, 0x10, 0, 9,
	3, 'c', 'd', 'n', 0xc0, 0x10,
	0xc0, 0x2d, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 10,
	0xc0, 0x2d, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 11,
	0, 0, 0x29, 0x04, 0xd0, 0, 0, 0, 0, 0, 0,
};

static double
now_s(void)
{
	struct timespec ts;

	/* CPU time, not wall time: the bench shares the machine. */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * The cache at its default cap, out of the CPU caches: answers for
 * 4 x cap distinct (client, address) pairs, so most inserts evict, then
 * lookups of random recent pairs.
 */
static void
full_cache(long rounds)
{
	struct nj_dnscache *c = nj_dnscache_new(0);
	struct nj_dnscache_stats st;
	struct nj_addr client, res;
	struct nj_dns_msg m;
	struct nj_dns_hit hit;
	uint32_t x = 1, n = 4 * NJ_DNSCACHE_DEFAULT_CAP, i, k;
	double t0, t;

	memset(&m, 0, offsetof(struct nj_dns_msg, an) + sizeof(m.an[0]));
	m.qr = m.has_question = true;
	m.n_answers = 1;
	m.an[0].type = NJ_DNS_T_A;
	m.an[0].rclass = NJ_DNS_C_IN;
	m.an[0].ttl = 300;
	nj_addr_set4(&res, 0x0a000035u);
	t0 = now_s();
	for (i = 0; i < n; i++) {
		snprintf(m.qname, sizeof(m.qname), "host%u.example.com", i);
		memcpy(m.an[0].name, m.qname, sizeof(m.qname));
		nj_addr_set4(&client, 0x0a000000u | (i & 0xfff));
		nj_addr_set4(&m.an[0].addr, 0x60000000u + i);
		nj_dnscache_answer(c, &client, &res, &m, NJ_SEC(i / 1000));
	}
	t = now_s() - t0;
	printf("%-24s %10.0f /s     %6.0f ns/answer\n", "cache answer at cap",
	    (double)n / t, t * 1e9 / (double)n);
	t0 = now_s();
	for (k = 0; k < (uint32_t)rounds * 10000; k++) {
		x = x * 1103515245u + 12345u;
		i = n - 1 - (x >> 8) % NJ_DNSCACHE_DEFAULT_CAP;
		nj_addr_set4(&client, 0x0a000000u | (x & 0xfff));
		nj_addr_set4(&m.an[0].addr, 0x60000000u + i);
		nj_dnscache_lookup(c, &client, &m.an[0].addr, NJ_SEC(n / 1000),
		    &hit);
	}
	t = now_s() - t0;
	nj_dnscache_stats(c, &st);
	printf("%-24s %10.0f /s     %6.0f ns/lookup (%llu entries, %llu own, "
	    "%llu other, %llu misses)\n", "cache lookup at cap",
	    (double)k / t, t * 1e9 / (double)k, (unsigned long long)st.entries,
	    (unsigned long long)st.hits_client,
	    (unsigned long long)st.hits_other, (unsigned long long)st.misses);
	nj_dnscache_free(c);
}

int
main(int argc, char **argv)
{
	struct nj_event_counters ec;
	struct nj_dnscache_stats st;
	struct nj_dnscache *cache;
	struct nj_dns_msg m;
	struct nj_dns_hit hit;
	double t0, t;
	size_t i, ok = 0, lookups = 0;
	long rounds = 200, r;
	struct nj_packet w;
	int ch, k;

	while ((ch = getopt(argc, argv, "n:")) != -1) {
		if (ch != 'n' || (rounds = strtol(optarg, NULL, 10)) <= 0) {
			fprintf(stderr, "usage: dns_bench [-n rounds] capture...\n");
			return 1;
		}
	}
	for (k = optind; k < argc; k++)
		load(argv[k]);
	if (nmsgs == 0) {
		fprintf(stderr, "dns_bench: no DNS messages in the captures\n");
		return 1;
	}
	memset(&ec, 0, sizeof(ec));
	for (i = 0; i < nmsgs; i++)
		ok += nj_dns_parse(msgs[i].p, msgs[i].len, &m, &ec) == NJ_DECODE_OK;
	printf("%zu messages (%zu parse), %ld rounds\n", nmsgs, ok, rounds);
	phase("parse (ldns + copy)", rounds, &ec, false);
	phase("ldns_wire2pkt alone", rounds, &ec, true);
	/* The typical pair, as the only messages. */
	for (i = 0; i < nmsgs; i++)
		free(msgs[i].p);
	nmsgs = 0;
	memset(&w, 0, sizeof(w));
	add(typical_q, sizeof(typical_q), &w);
	add(typical_r, sizeof(typical_r), &w);
	phase("typical q+r: parse", rounds * 500, &ec, false);
	phase("typical q+r: ldns", rounds * 500, &ec, true);
	for (i = 0; i < nmsgs; i++)
		free(msgs[i].p);
	nmsgs = 0;
	for (k = optind; k < argc; k++)
		load(argv[k]);

	cache = nj_dnscache_new(0);
	t0 = now_s();
	for (r = 0; r < rounds; r++)
		for (i = 0; i < nmsgs; i++) {
			if (nj_dns_parse(msgs[i].p, msgs[i].len, &m, &ec) ==
			    NJ_DECODE_OK && m.qr)
				nj_dnscache_answer(cache, &msgs[i].dst, &msgs[i].src,
				    &m, NJ_SEC(r * 10));
		}
	t = now_s() - t0;
	printf("%-24s %10.0f msg/s  %6.0f ns/msg\n", "parse + cache answer",
	    (double)(rounds * (long)nmsgs) / t, t * 1e9 / (double)(rounds * (long)nmsgs));

	/* Lookups of every answered address, half by a client that never asked. */
	t0 = now_s();
	for (r = 0; r < rounds; r++)
		for (i = 0; i < nmsgs; i++) {
			if (msgs[i].ans.family == 0)
				continue;
			lookups++;
			nj_dnscache_lookup(cache, (r & 1) ? &msgs[i].src :
			    &msgs[i].dst, &msgs[i].ans, NJ_SEC(rounds * 10), &hit);
		}
	t = now_s() - t0;
	nj_dnscache_stats(cache, &st);
	printf("%-24s %10.0f /s     %6.0f ns/lookup "
	    "(%llu entries, %llu hits, %llu misses)\n", "cache lookup",
	    (double)lookups / t, t * 1e9 / (double)lookups,
	    (unsigned long long)st.entries,
	    (unsigned long long)(st.hits_client + st.hits_other),
	    (unsigned long long)st.misses);
	nj_dnscache_free(cache);
	full_cache(rounds);
	for (i = 0; i < nmsgs; i++)
		free(msgs[i].p);
	free(msgs);
	return 0;
}
