/*
 * sketch.h - fixed-size summaries for per-source detector state:
 * a seeded 64-bit hash, a tiny HyperLogLog (distinct counts), a
 * count-min sketch (rates keyed by anything) and Bloom-style bitmaps.
 * None of them allocates on update.
 */
#ifndef NJ_SKETCH_H
#define NJ_SKETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A 64-bit hash of len bytes (FNV-1a folded through a splitmix finaliser). */
uint64_t nj_hash64(const void *data, size_t len, uint64_t seed);
/* Mixes one 64-bit value (splitmix64's finaliser). */
uint64_t nj_mix64(uint64_t x);

/*
 * HyperLogLog with 32 one-byte registers (32 bytes). Small counts use
 * linear counting, which is close to exact below ~80; above that the
 * standard error is about 1.04 / sqrt(32), 18%.
 */
#define NJ_HLL_M 32
struct nj_hll {
	uint8_t reg[NJ_HLL_M];
};

void nj_hll_clear(struct nj_hll *h);
/* Adds an item by its 64-bit hash; returns true when a register grew. */
bool nj_hll_add(struct nj_hll *h, uint64_t hash);
double nj_hll_count(const struct nj_hll *h);

/*
 * Count-min sketch, depth rows of width counters, with conservative
 * update (only the minimal counters grow), which keeps the overestimate
 * small. Counters saturate at UINT32_MAX.
 */
struct nj_cms {
	uint32_t width, depth;
	uint64_t seed;
	uint32_t *cells; /* depth * width */
};

/* Returns 0, or -1 when memory runs out. width and depth >= 1. */
int nj_cms_init(struct nj_cms *c, uint32_t width, uint32_t depth,
    uint64_t seed);
void nj_cms_free(struct nj_cms *c);
void nj_cms_clear(struct nj_cms *c);
/* Adds n to the key's counters; returns the new estimate. */
uint32_t nj_cms_add(struct nj_cms *c, uint64_t keyhash, uint32_t n);
uint32_t nj_cms_estimate(const struct nj_cms *c, uint64_t keyhash);
/* Halves every counter (an exponential decay step). */
void nj_cms_halve(struct nj_cms *c);
size_t nj_cms_memsize(const struct nj_cms *c);

/*
 * A Bloom-style bitmap of nbits (a multiple of 64) with two probes:
 * sets the item's bits and returns true when they were all set already
 * (the item was, probably, seen before).
 */
bool nj_bits_test_set(uint64_t *bits, unsigned nbits, uint64_t hash);

#endif
