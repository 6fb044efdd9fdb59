/*
 * prefix.h - longest-prefix match over IPv4 and IPv6 prefixes: a
 * path-compressed binary trie, so a lookup compares at most 32 or 128
 * bits whatever the number of entries, and n prefixes take fewer than
 * 2n + 2 nodes (40 bytes each). Each prefix carries an intptr_t value.
 */
#ifndef NJ_PREFIX_H
#define NJ_PREFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoders/types.h"

/*
 * The default cap on prefixes in one set. A set refuses the prefix past
 * its cap (nj_prefix_insert returns -1 with errno E2BIG) rather than
 * growing without bound; the count of refusals is kept in the set.
 */
#define NJ_PREFIX_MAX_ENTRIES 65536

struct nj_prefix_set;

/* max_entries 0 means NJ_PREFIX_MAX_ENTRIES. Returns NULL on ENOMEM. */
struct nj_prefix_set *nj_prefix_new(size_t max_entries);
void nj_prefix_free(struct nj_prefix_set *s);
/*
 * Inserts net/plen (host bits are ignored) with value; an existing equal
 * prefix gets the new value. 0 on success; -1 with errno EINVAL (bad
 * family or length), E2BIG (cap reached) or ENOMEM.
 */
int nj_prefix_insert(struct nj_prefix_set *s, const struct nj_addr *net,
    unsigned plen, intptr_t value);
/* Longest match for a: true and *value (may be NULL) set when found. */
bool nj_prefix_lookup(const struct nj_prefix_set *s, const struct nj_addr *a,
    intptr_t *value);
/*
 * Calls fn for every prefix containing a, shortest first; stops early
 * and returns true when fn returns true.
 */
bool nj_prefix_lookup_all(const struct nj_prefix_set *s,
    const struct nj_addr *a,
    bool (*fn)(intptr_t value, void *arg), void *arg);
/* Exact match of net/plen. */
bool nj_prefix_get(const struct nj_prefix_set *s, const struct nj_addr *net,
    unsigned plen, intptr_t *value);
size_t nj_prefix_count(const struct nj_prefix_set *s);
/* Prefixes refused because the set was full. */
uint64_t nj_prefix_refused(const struct nj_prefix_set *s);
/*
 * Visits every prefix in order (IPv4 before IPv6, then by address, a
 * shorter prefix before the longer ones inside it).
 */
void nj_prefix_walk(const struct nj_prefix_set *s,
    void (*fn)(const struct nj_addr *net, unsigned plen, intptr_t value,
    void *arg), void *arg);

/*
 * Parses "ADDR" or "ADDR/LEN" (IPv4 or IPv6). Host bits below LEN are
 * cleared. A bare address has LEN 32 or 128. 0 on success, -1 otherwise.
 */
int nj_prefix_parse(const char *s, struct nj_addr *net, unsigned *plen);
/* Formats a prefix canonically: "ADDR" for a host, else "ADDR/LEN". */
char *nj_prefix_str(const struct nj_addr *net, unsigned plen, char *buf,
    size_t len);
/* Clears the bits of a past plen. */
void nj_prefix_mask(struct nj_addr *a, unsigned plen);

#endif
