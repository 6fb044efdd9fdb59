/*
 * geo.h - GeoIP and ASN of an address from MaxMind DB files (GeoLite2 or
 * GeoIP2 City or Country, GeoLite2 ASN, or DB-IP's lite databases in the
 * same format), read with libmaxminddb, with a small bounded cache.
 * Addresses that are not globally reachable (private, loopback,
 * documentation, reserved, ...) are never looked up.
 */
#ifndef NJ_GEO_H
#define NJ_GEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "decoders/types.h"

#define NJ_GEO_CACHE_CAP 2048   /* cached lookups; least recently used go */
#define NJ_GEO_NAME_MAX  96     /* bytes of a name, NUL included */

/* What the databases say about one address; "" or 0 when unknown. */
struct nj_geo_info {
	char country[3];                   /* ISO 3166-1 alpha-2, "GB" */
	char country_name[NJ_GEO_NAME_MAX]; /* English name, UTF-8 */
	char city[NJ_GEO_NAME_MAX];        /* English name, UTF-8 */
	uint32_t asn;                      /* autonomous system number */
	char as_org[NJ_GEO_NAME_MAX];      /* the AS's organisation */
};

enum nj_geo_result {
	NJ_GEO_FOUND = 0,  /* at least one field is known */
	NJ_GEO_NOT_FOUND,  /* the databases know nothing of it */
	NJ_GEO_SKIPPED,    /* private or reserved: not looked up */
	NJ_GEO_ERROR,      /* a database could not be read there */
};

struct nj_geo;

struct nj_geo_counters {
	uint64_t lookups;     /* nj_geo_lookup() calls */
	uint64_t skipped;     /* private or reserved addresses */
	uint64_t cache_hits, cache_misses, cache_evictions;
	uint64_t found, not_found, errors; /* database lookups */
	size_t cache_entries, cache_cap;
};

/*
 * Opens the databases: city_path (City or Country) and asn_path (ASN);
 * either may be NULL, not both. On failure writes one line to err
 * ("PATH: what is wrong") and returns NULL; a missing, unreadable,
 * corrupt or wrong kind of file is an error, never a crash.
 */
struct nj_geo *nj_geo_open(const char *city_path, const char *asn_path,
    char *err, size_t errlen);
void nj_geo_close(struct nj_geo *g);

/* Fills *out (zeroed first) for addr; see enum nj_geo_result. */
enum nj_geo_result nj_geo_lookup(struct nj_geo *g, const struct nj_addr *addr,
    struct nj_geo_info *out);

/*
 * True when addr is not a globally reachable unicast address, so that
 * no database or resolver is asked about it. IPv4-mapped IPv6 counts as
 * its IPv4 address.
 */
bool nj_geo_skip(const struct nj_addr *addr);
/* out = in, except that IPv4-mapped IPv6 becomes the IPv4 address. */
void nj_geo_unmap(const struct nj_addr *in, struct nj_addr *out);

void nj_geo_counters(const struct nj_geo *g, struct nj_geo_counters *c);
/* "geo.<counter> value" lines. */
void nj_geo_stats(const struct nj_geo *g, FILE *out);

#endif
