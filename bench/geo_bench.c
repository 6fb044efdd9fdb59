/*
 * geo_bench.c - the cost of GeoIP/ASN enrichment: lookups per second in
 * the databases (every address new, so the cache misses) and from the
 * cache (the same addresses again), e.g. with MaxMind's test files:
 *   geo_bench ../shared/mmdb/MaxMind-DB__test-data__GeoIP2-City-Test.mmdb \
 *       ../shared/mmdb/MaxMind-DB__test-data__GeoLite2-ASN-Test.mmdb
 * Usage: geo_bench CITY.mmdb [ASN.mmdb]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sensor/geo.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct nj_geo_info gi;
	struct nj_addr a;
	struct nj_geo *g;
	char err[512];
	double t0, miss, hit;
	uint32_t i, n = 1000000, found = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: geo_bench CITY.mmdb [ASN.mmdb]\n");
		return 1;
	}
	if ((g = nj_geo_open(argv[1], argc > 2 ? argv[2] : NULL, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	/* Public addresses spread over the IPv4 space (step: a large prime). */
	t0 = now_s();
	for (i = 0; i < n; i++) {
		nj_addr_set4(&a, 0x01000000u + i * 2654435761u % 0xdf000000u);
		found += nj_geo_lookup(g, &a, &gi) == NJ_GEO_FOUND;
	}
	miss = now_s() - t0;
	/* A working set that fits the cache, looked up over and over. */
	t0 = now_s();
	for (i = 0; i < n; i++) {
		nj_addr_set4(&a, 0x51024500u + i % 1024); /* 81.2.69.0 on */
		found += nj_geo_lookup(g, &a, &gi) == NJ_GEO_FOUND;
	}
	hit = now_s() - t0;
	printf("geo: %u lookups, mostly misses: %.0f/s; cached: %.0f/s "
	    "(found %u)\n", n, n / miss, n / hit, found);
	nj_geo_stats(g, stdout);
	nj_geo_close(g);
	return 0;
}
