/* store.c - the in-memory packet store, sorted by time before writing. */
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

int
gen_store_add(struct gen_ctx *g, gen_time_t ts, const uint8_t *frame,
    uint32_t len)
{
	struct gen_store *s = &g->store;
	struct gen_pkt *p;

	if (s->npkts == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 4096;
		void *n = realloc(s->pkts, ncap * sizeof(*s->pkts));

		if (n == NULL)
			return gen_fail(g, "out of memory (%zu packets)", s->npkts);
		s->pkts = n;
		s->cap = ncap;
	}
	if (s->used + len > s->arena_cap) {
		size_t ncap = s->arena_cap ? s->arena_cap * 2 : 1 << 20;
		void *n;

		while (ncap < s->used + len)
			ncap *= 2;
		if ((n = realloc(s->arena, ncap)) == NULL)
			return gen_fail(g, "out of memory (%zu bytes)", s->used);
		s->arena = n;
		s->arena_cap = ncap;
	}
	memcpy(s->arena + s->used, frame, len);
	p = &s->pkts[s->npkts];
	p->ts = ts;
	p->order = s->seq++;
	p->off = s->used;
	p->len = len;
	s->npkts++;
	s->used += len;
	return 0;
}

static int
pkt_cmp(const void *a, const void *b)
{
	const struct gen_pkt *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

int
gen_store_flush(struct gen_ctx *g, gen_time_t cutoff)
{
	struct gen_store *s = &g->store;
	struct pcap_pkthdr h;
	struct gen_pkt *p;
	uint8_t *arena;
	size_t i, n, used = 0;

	/* The build order breaks ties, so qsort's instability cannot show. */
	if (s->npkts > 1)
		qsort(s->pkts, s->npkts, sizeof(*s->pkts), pkt_cmp);
	for (n = 0; n < s->npkts && s->pkts[n].ts < cutoff; n++) {
		p = &s->pkts[n];
		h.ts.tv_sec = (time_t)(p->ts / 1000000);
		h.ts.tv_usec = (suseconds_t)(p->ts % 1000000);
		h.caplen = h.len = p->len;
		pcap_dump(s->out, &h, s->arena + p->off);
		s->written_bytes += p->len;
	}
	s->written += n;
	if (pcap_dump_flush(s->out) == -1)
		return gen_fail(g, "cannot write the capture");
	if (n == 0)
		return 0;
	/* Keep the rest, packed into a fresh arena. */
	if ((arena = malloc(s->arena_cap)) == NULL)
		return gen_fail(g, "out of memory (%zu bytes)", s->arena_cap);
	for (i = n; i < s->npkts; i++) {
		p = &s->pkts[i];
		memcpy(arena + used, s->arena + p->off, p->len);
		p->off = used;
		used += p->len;
	}
	memmove(s->pkts, s->pkts + n, (s->npkts - n) * sizeof(*s->pkts));
	s->npkts -= n;
	free(s->arena);
	s->arena = arena;
	s->used = used;
	return 0;
}

uint64_t
gen_store_total(const struct gen_store *s)
{
	return s->written + s->npkts;
}

void
gen_store_free(struct gen_store *s)
{
	free(s->pkts);
	free(s->arena);
	memset(s, 0, sizeof(*s));
}
