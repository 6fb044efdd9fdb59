/*
 * ktab.h - a bounded keyed table for detector state: fixed-size keys
 * and values, a hash chain per bucket, least-recently-used eviction at
 * the cap (the evicted entry is handed to a callback first, so a
 * detector can still report it) and counters. One allocation per entry.
 */
#ifndef NJ_KTAB_H
#define NJ_KTAB_H

#include "sensor/sketch.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nj_ktab;

/* Called with an entry's key and value just before it is dropped. */
typedef void (*nj_ktab_evict_fn)(void *ctx, const void *key, void *val);

struct nj_ktab_stats {
	uint64_t entries, cap;
	uint64_t inserted;
	uint64_t evicted;   /* dropped for room, least recently used first */
	uint64_t expired;   /* dropped by nj_ktab_expire() */
	uint64_t refused;   /* no memory for a new entry */
};

/*
 * A table of at most cap entries, each a key of klen bytes (compared
 * with memcmp: callers zero their padding) and a value of vlen bytes
 * (zeroed on insertion). Returns NULL when out of memory.
 */
struct nj_ktab *nj_ktab_new(size_t cap, size_t klen, size_t vlen,
    nj_ktab_evict_fn evict, void *ctx);
void nj_ktab_free(struct nj_ktab *t);

/*
 * The value for key, marked most recently used; when absent and create
 * is true a new zeroed value (evicting the least recently used entry at
 * the cap), *created set. NULL when absent (or no memory).
 */
void *nj_ktab_get(struct nj_ktab *t, const void *key, bool create,
    bool *created);
/* Removes the entry holding val (from nj_ktab_get or a walk). */
void nj_ktab_del(struct nj_ktab *t, void *val);

/*
 * Walks the entries from least to most recently used. fn returns true
 * to drop the entry (counted as expired, evict callback not called).
 * Returns the number dropped.
 */
size_t nj_ktab_walk(struct nj_ktab *t,
    bool (*fn)(void *arg, const void *key, void *val), void *arg);
/* The least recently used entry's value, or NULL when empty. */
void *nj_ktab_oldest(struct nj_ktab *t);
const void *nj_ktab_key(const struct nj_ktab *t, const void *val);

void nj_ktab_stats(const struct nj_ktab *t, struct nj_ktab_stats *out);

/* Keys are hashed with nj_hash64() from sketch.h. */

#endif
