/*
 * addrcache.h - a small bounded cache keyed by IP address, for
 * enrichment results (GeoIP, reverse names): a fixed number of entries,
 * the least recently used one evicted when full, an optional expiry
 * per entry, and counters.
 */
#ifndef NJ_ADDRCACHE_H
#define NJ_ADDRCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "decoders/types.h"

#define NJ_ADDRCACHE_NEVER UINT64_MAX /* an entry that does not expire */

struct nj_addrcache;

struct nj_addrcache_stats {
	uint64_t hits;       /* get() found a live entry */
	uint64_t misses;     /* get() found nothing (expired included) */
	uint64_t expired;    /* entries dropped because they were past expiry */
	uint64_t inserts;    /* put() calls */
	uint64_t evictions;  /* live entries dropped to make room */
	size_t entries, cap;
};

/*
 * A cache of at most cap entries, each holding valsize bytes of the
 * caller's. Returns NULL on ENOMEM or a zero cap.
 */
struct nj_addrcache *nj_addrcache_new(size_t cap, size_t valsize);
void nj_addrcache_free(struct nj_addrcache *c);

/*
 * The value stored for a, or NULL when absent or expired at now (the
 * caller's clock, the same one its expiry times use). A hit becomes the
 * most recently used entry.
 */
void *nj_addrcache_get(struct nj_addrcache *c, const struct nj_addr *a,
    uint64_t now);
/*
 * A zeroed value for a, to be filled by the caller, replacing any entry
 * for a; the least recently used entry is evicted when the cache is
 * full. The entry is invisible from time expires on.
 */
void *nj_addrcache_put(struct nj_addrcache *c, const struct nj_addr *a,
    uint64_t expires);
void nj_addrcache_stats(const struct nj_addrcache *c,
    struct nj_addrcache_stats *st);

#endif
