/*
 * addr_table.h - a bounded table of addresses with a small value each
 * (time, peer, port, MAC), for detectors that remember local hosts: a
 * chained hash (FNV-1a) and an LRU list; when full, the entry touched
 * least recently is evicted and counted.
 */
#ifndef NJ_ADDR_TABLE_H
#define NJ_ADDR_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoders/types.h"

struct nj_addr_val {
	nj_time_t t;            /* the caller's: when it was last seen */
	nj_time_t first;        /* set when the entry is created */
	struct nj_addr peer;    /* the caller's: e.g. who made contact */
	uint16_t port;
	bool has_mac;
	uint8_t mac[6];
	uint8_t flags;          /* the caller's */
};

struct nj_addr_table;

struct nj_addr_table *nj_addr_table_new(size_t cap);
void nj_addr_table_free(struct nj_addr_table *t);
/* The value of a, or NULL; refreshes its place in the LRU list. */
struct nj_addr_val *nj_addr_table_get(struct nj_addr_table *t,
    const struct nj_addr *a);
/*
 * The value of a, created (zeroed, first = now) when absent, evicting
 * the least recently used entry when full. *created tells which.
 */
struct nj_addr_val *nj_addr_table_put(struct nj_addr_table *t,
    const struct nj_addr *a, nj_time_t now, bool *created);
/* Calls fn for every entry, least recently used first. */
void nj_addr_table_walk(const struct nj_addr_table *t,
    void (*fn)(void *arg, const struct nj_addr *a,
    const struct nj_addr_val *v), void *arg);
size_t nj_addr_table_count(const struct nj_addr_table *t);
uint64_t nj_addr_table_evicted(const struct nj_addr_table *t);

#endif
