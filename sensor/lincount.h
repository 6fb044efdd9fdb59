/*
 * lincount.h - distinct counting in fixed memory: linear counting
 * (Whang, Vander-Zanden, Taylor 1990) over a 1024-bit map. Exact-ish to
 * a few hundred items, within a few percent to ~3000, then saturating
 * (reported as at least the saturation estimate): enough to tell "many
 * distinct names" from "the same few names again".
 */
#ifndef NJ_LINCOUNT_H
#define NJ_LINCOUNT_H

#include <stdint.h>

#define NJ_LC_BITS 1024

struct nj_lincount {
	uint64_t w[NJ_LC_BITS / 64];
};

/* Adds an item by its 64-bit hash; returns 1 when its bit was new. */
int nj_lc_add(struct nj_lincount *lc, uint64_t hash);
/* The estimated number of distinct items added. */
uint64_t nj_lc_estimate(const struct nj_lincount *lc);

#endif
