/*
 * fuzz_dns.c - libFuzzer target for the DNS path: the bytes as one DNS
 * message, then as a DNS-over-TCP byte stream cut into segments (sizes,
 * gaps and retransmissions steered by the input), every message parsed
 * and fed to a small passive DNS cache, which is then queried. The
 * names we render are compared with ldns_rdf2str's (the reference).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "decoders/dns.h"
#include "decoders/dns_tcp.h"
#include "sensor/dnscache.h"
#include "tests/fuzz/fuzz.h"

struct ctx {
	struct nj_dnscache *cache;
	struct nj_event_counters ec;
	struct nj_dns_msg m;
	nj_time_t now;
};

static void
check(const struct nj_dns_msg *m)
{
	size_t i;

	/* Every name is a terminated string within its buffer. */
	if (memchr(m->qname, '\0', sizeof(m->qname)) == NULL)
		__builtin_trap();
	for (i = 0; i < m->n_answers; i++) {
		if (memchr(m->an[i].name, '\0', NJ_DNS_NAME_MAX) == NULL ||
		    memchr(m->an[i].target, '\0', NJ_DNS_NAME_MAX) == NULL)
			__builtin_trap();
	}
}

/* Traps when our rendering of rdf differs from ldns's (lowercased, no final dot). */
static void
same_as_ldns(const ldns_rdf *rdf, const char *ours)
{
	char *s = ldns_rdf2str(rdf), *p;
	size_t n;

	if (s == NULL)
		return;
	for (p = s; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	n = strlen(s);
	/* ldns ends every name but the root with a dot. */
	if (n > 1 && s[n - 1] == '.')
		s[--n] = '\0';
	if (strcmp(s, ours) != 0)
		__builtin_trap();
	free(s);
}

static void
differential(const struct nj_dns_msg *m, const uint8_t *msg, size_t len)
{
	ldns_pkt *pkt = NULL;
	const ldns_rr_list *l;
	size_t i;

	if (ldns_wire2pkt(&pkt, msg, len) != LDNS_STATUS_OK)
		__builtin_trap();
	l = ldns_pkt_question(pkt);
	if (!m->names_cut && m->has_question)
		same_as_ldns(ldns_rr_owner(ldns_rr_list_rr(l, 0)), m->qname);
	l = ldns_pkt_answer(pkt);
	for (i = 0; !m->names_cut && i < m->n_answers; i++)
		same_as_ldns(ldns_rr_owner(ldns_rr_list_rr(l, i)), m->an[i].name);
	ldns_pkt_free(pkt);
}

static void
ingest(struct ctx *x, const uint8_t *msg, size_t len)
{
	struct nj_addr client, resolver;
	struct nj_dns_hit hit;
	size_t i;

	if (nj_dns_parse(msg, len, &x->m, &x->ec) != NJ_DECODE_OK)
		return;
	check(&x->m);
	differential(&x->m, msg, len);
	nj_addr_set4(&client, 0x0a000001u + (x->m.id & 3));
	nj_addr_set4(&resolver, 0x0a000035u);
	x->now += NJ_SEC(x->m.id >> 12);
	nj_dnscache_answer(x->cache, &client, &resolver, &x->m, x->now);
	for (i = 0; i < x->m.n_answers; i++) {
		if (x->m.an[i].addr.family != 0)
			nj_dnscache_lookup(x->cache, &client, &x->m.an[i].addr,
			    x->now, &hit);
	}
}

static void
on_msg(void *arg, const uint8_t *msg, size_t len)
{
	ingest(arg, msg, len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nj_dns_tcp r;
	struct ctx x;
	size_t off = 0, n, k = 0;
	uint32_t seq = 0xffffff00u;
	uint8_t ctl;

	memset(&x, 0, sizeof(x));
	if ((x.cache = nj_dnscache_new(8)) == NULL)
		return 0;
	ingest(&x, data, size);

	/* The same bytes as a stream, cut where the input says. */
	nj_dns_tcp_init(&r);
	while (off < size) {
		ctl = data[k++ % size];
		n = 1 + ctl % 97;
		if (n > size - off)
			n = size - off;
		if (ctl == 0xff)
			seq += 7; /* a gap */
		else if (ctl == 0xfe && off > 3)
			nj_dns_tcp_feed(&r, data + off - 3, 3, seq - 3, on_msg,
			    &x, &x.ec); /* a retransmission */
		nj_dns_tcp_feed(&r, data + off, n, seq, on_msg, &x, &x.ec);
		seq += (uint32_t)n;
		off += n;
	}
	nj_dns_tcp_free(&r, &x.ec);
	nj_dnscache_free(x.cache);
	return 0;
}
