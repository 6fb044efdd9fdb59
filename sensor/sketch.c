/*
 * sketch.c - hash, HyperLogLog (Flajolet et al. 2007, with linear
 * counting for small ranges), count-min with conservative update
 * (Cormode and Muthukrishnan 2005; Estan and Varghese 2002), bitmaps.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/sketch.h"

uint64_t
nj_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

uint64_t
nj_hash64(const void *data, size_t len, uint64_t seed)
{
	const uint8_t *p = data;
	uint64_t h = 0xcbf29ce484222325ULL ^ nj_mix64(seed);
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return nj_mix64(h);
}

void
nj_hll_clear(struct nj_hll *h)
{
	memset(h->reg, 0, sizeof(h->reg));
}

bool
nj_hll_add(struct nj_hll *h, uint64_t hash)
{
	unsigned idx = (unsigned)(hash & (NJ_HLL_M - 1));
	uint64_t rest = hash >> 5;
	uint8_t rank = 1;

	/* The rank is the position of the first 1 bit in the other 59 bits. */
	while (rank <= 59 && (rest & 1) == 0) {
		rank++;
		rest >>= 1;
	}
	if (rank <= h->reg[idx])
		return false;
	h->reg[idx] = rank;
	return true;
}

double
nj_hll_count(const struct nj_hll *h)
{
	const double m = NJ_HLL_M, alpha = 0.697; /* alpha_32 */
	double sum = 0, est;
	unsigned i, zeros = 0;

	for (i = 0; i < NJ_HLL_M; i++) {
		sum += ldexp(1.0, -(int)h->reg[i]);
		if (h->reg[i] == 0)
			zeros++;
	}
	est = alpha * m * m / sum;
	if (est <= 2.5 * m && zeros > 0)
		est = m * log(m / (double)zeros);
	return est;
}

int
nj_cms_init(struct nj_cms *c, uint32_t width, uint32_t depth, uint64_t seed)
{
	c->width = width < 1 ? 1 : width;
	c->depth = depth < 1 ? 1 : depth;
	c->seed = seed;
	c->cells = calloc((size_t)c->width * c->depth, sizeof(uint32_t));
	return c->cells == NULL ? -1 : 0;
}

void
nj_cms_free(struct nj_cms *c)
{
	free(c->cells);
	c->cells = NULL;
}

void
nj_cms_clear(struct nj_cms *c)
{
	memset(c->cells, 0, (size_t)c->width * c->depth * sizeof(uint32_t));
}

static uint32_t *
cms_cell(const struct nj_cms *c, uint64_t keyhash, uint32_t row)
{
	uint64_t h = nj_mix64(keyhash + c->seed + 0x9e3779b97f4a7c15ULL * row);

	return &c->cells[(size_t)row * c->width + (size_t)(h % c->width)];
}

uint32_t
nj_cms_estimate(const struct nj_cms *c, uint64_t keyhash)
{
	uint32_t r, v, min = UINT32_MAX;

	for (r = 0; r < c->depth; r++) {
		v = *cms_cell(c, keyhash, r);
		if (v < min)
			min = v;
	}
	return min;
}

uint32_t
nj_cms_add(struct nj_cms *c, uint64_t keyhash, uint32_t n)
{
	uint32_t r, *cell, est = nj_cms_estimate(c, keyhash), want;

	want = est > UINT32_MAX - n ? UINT32_MAX : est + n;
	/* Conservative update: raise only the counters below the new value. */
	for (r = 0; r < c->depth; r++) {
		cell = cms_cell(c, keyhash, r);
		if (*cell < want)
			*cell = want;
	}
	return want;
}

void
nj_cms_halve(struct nj_cms *c)
{
	size_t i, n = (size_t)c->width * c->depth;

	for (i = 0; i < n; i++)
		c->cells[i] >>= 1;
}

size_t
nj_cms_memsize(const struct nj_cms *c)
{
	return (size_t)c->width * c->depth * sizeof(uint32_t);
}

bool
nj_bits_test_set(uint64_t *bits, unsigned nbits, uint64_t hash)
{
	unsigned b1 = (unsigned)(hash % nbits);
	unsigned b2 = (unsigned)((hash >> 32) % nbits);
	bool was = (bits[b1 / 64] >> (b1 % 64) & 1) &&
	    (bits[b2 / 64] >> (b2 % 64) & 1);

	bits[b1 / 64] |= 1ULL << (b1 % 64);
	bits[b2 / 64] |= 1ULL << (b2 % 64);
	return was;
}
