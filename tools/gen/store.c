/* store.c - the in-memory packet store, sorted by time before writing. */
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
	p->order = s->npkts;
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

void
gen_store_sort(struct gen_store *s)
{
	/* The build order breaks ties, so qsort's instability cannot show. */
	if (s->npkts > 1)
		qsort(s->pkts, s->npkts, sizeof(*s->pkts), pkt_cmp);
}

void
gen_store_free(struct gen_store *s)
{
	free(s->pkts);
	free(s->arena);
	memset(s, 0, sizeof(*s));
}
