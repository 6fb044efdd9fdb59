/* rng.c - the deterministic PRNG behind every choice a scenario makes. */
#include <math.h>

#include "gen.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
gen_rng_seed(struct gen_rng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
gen_rng_next(struct gen_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint32_t
gen_rng_below(struct gen_rng *r, uint32_t n)
{
	/* The 64-bit multiply-shift keeps the bias below 2^-32. */
	return (uint32_t)(((gen_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int64_t
gen_rng_range(struct gen_rng *r, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int64_t)(gen_rng_next(r) % (uint64_t)(hi - lo + 1));
}

void
gen_rng_bytes(struct gen_rng *r, uint8_t *buf, size_t len)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (i % 8 == 0)
			v = gen_rng_next(r);
		buf[i] = (uint8_t)(v >> (8 * (i % 8)));
	}
}

gen_time_t
gen_rng_exp(struct gen_rng *r, gen_time_t mean)
{
	/* 53 random bits give a uniform in (0, 1]. */
	double u = ((double)(gen_rng_next(r) >> 11) + 1.0) / 9007199254740992.0;

	return (gen_time_t)(-log(u) * (double)mean);
}
