/*
 * fuzz_dns.c - libFuzzer target for the DNS path: the bytes as one DNS
 * message, then as a DNS-over-TCP byte stream cut into segments (sizes,
 * gaps and retransmissions steered by the input), every message parsed
 * and fed to a small passive DNS cache, which is then queried.
 */
#include <stdint.h>
#include <string.h>

#include "decoders/dns.h"
#include "decoders/dns_tcp.h"
#include "sensor/dnscache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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

static void
ingest(struct ctx *x, const uint8_t *msg, size_t len)
{
	struct nj_addr client, resolver;
	struct nj_dns_hit hit;
	size_t i;

	if (nj_dns_parse(msg, len, &x->m, &x->ec) != NJ_DECODE_OK)
		return;
	check(&x->m);
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
