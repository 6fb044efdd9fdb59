/*
 * lincount.c - linear counting of distinct items (see lincount.h).
 */
#include <math.h>

#include "sensor/lincount.h"

int
nj_lc_add(struct nj_lincount *lc, uint64_t hash)
{
	unsigned bit = (unsigned)(hash % NJ_LC_BITS);
	uint64_t m = 1ULL << (bit % 64);

	if (lc->w[bit / 64] & m)
		return 0;
	lc->w[bit / 64] |= m;
	return 1;
}

uint64_t
nj_lc_estimate(const struct nj_lincount *lc)
{
	unsigned i, set = 0;
	double zero;

	for (i = 0; i < NJ_LC_BITS / 64; i++)
		set += (unsigned)__builtin_popcountll(lc->w[i]);
	/* All bits set: the map is saturated; report its last estimate. */
	zero = (double)(NJ_LC_BITS - set);
	if (zero < 1)
		zero = 1;
	return (uint64_t)llround(-(double)NJ_LC_BITS *
	    log(zero / (double)NJ_LC_BITS));
}
