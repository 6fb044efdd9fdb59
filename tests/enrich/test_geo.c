/*
 * test_geo.c - GeoIP/ASN lookups against MaxMind's test databases
 * (../shared/mmdb). Expected values come from the source-data JSON that
 * MaxMind publishes beside each test database. Exits 77 (skipped) when
 * the folder is absent.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "sensor/geo.h"

#define SKIP 77
#define PFX  "MaxMind-DB__test-data__"

static const char *mmdb_dir;

static char *
db(const char *name)
{
	static char path[4][1024];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/" PFX "%s.mmdb", mmdb_dir,
	    name);
	return path[k];
}

static struct nj_geo *
open_ok(const char *city, const char *asn)
{
	char err[512] = "";
	struct nj_geo *g = nj_geo_open(city, asn, err, sizeof(err));

	if (g == NULL)
		fail_msg("%s", err);
	return g;
}

static enum nj_geo_result
look(struct nj_geo *g, const char *addr, struct nj_geo_info *gi)
{
	struct nj_addr a;

	assert_int_equal(nj_addr_parse(addr, &a), 0);
	return nj_geo_lookup(g, &a, gi);
}

/* GeoIP2-City-Test.json: ::81.2.69.142/127 and ::2.125.160.216/125. */
static void
test_city_v4(void **state)
{
	struct nj_geo *g = open_ok(db("GeoIP2-City-Test"), NULL);
	struct nj_geo_info gi;

	(void)state;
	assert_int_equal(look(g, "81.2.69.142", &gi), NJ_GEO_FOUND);
	assert_string_equal(gi.country, "GB");
	assert_string_equal(gi.country_name, "United Kingdom");
	assert_string_equal(gi.city, "London");
	assert_int_equal(gi.asn, 0);
	assert_int_equal(look(g, "2.125.160.216", &gi), NJ_GEO_FOUND);
	assert_string_equal(gi.country, "GB");
	assert_string_equal(gi.city, "Boxford");
	/* ::89.160.20.112/124: a city name outside ASCII, kept as UTF-8. */
	assert_int_equal(look(g, "89.160.20.112", &gi), NJ_GEO_FOUND);
	assert_string_equal(gi.country, "SE");
	assert_string_equal(gi.city, "Link\xc3\xb6ping");
	/* 9.9.9.9 is in no network of the JSON. */
	assert_int_equal(look(g, "9.9.9.9", &gi), NJ_GEO_NOT_FOUND);
	assert_string_equal(gi.country, "");
	/* 214.1.1.0/24 has a record with only "traits": nothing to say. */
	assert_int_equal(look(g, "214.1.1.1", &gi), NJ_GEO_NOT_FOUND);
	nj_geo_close(g);
}

/* IPv6 networks of the same JSON; a mapped IPv4 is its IPv4. */
static void
test_city_v6(void **state)
{
	struct nj_geo *g = open_ok(db("GeoIP2-City-Test"), NULL);
	struct nj_geo_info gi;

	(void)state;
	assert_int_equal(look(g, "2001:218::1", &gi), NJ_GEO_FOUND);
	assert_string_equal(gi.country, "JP");
	assert_string_equal(gi.country_name, "Japan");
	assert_string_equal(gi.city, "");
	assert_int_equal(look(g, "2a02:d3c0::42", &gi), NJ_GEO_FOUND);
	assert_string_equal(gi.country, "GB");
	assert_int_equal(look(g, "::ffff:81.2.69.142", &gi), NJ_GEO_FOUND);
	assert_string_equal(gi.city, "London");
	nj_geo_close(g);
}

/* GeoLite2-ASN-Test.json. */
static void
test_asn(void **state)
{
	struct nj_geo *g = open_ok(NULL, db("GeoLite2-ASN-Test"));
	struct nj_geo_info gi;

	(void)state;
	/* 1.128.0.0/11: AS1221 Telstra Pty Ltd. */
	assert_int_equal(look(g, "1.130.2.3", &gi), NJ_GEO_FOUND);
	assert_int_equal(gi.asn, 1221);
	assert_string_equal(gi.as_org, "Telstra Pty Ltd");
	assert_string_equal(gi.country, "");
	/* 12.81.96.0/19: a number without an organisation. */
	assert_int_equal(look(g, "12.81.100.1", &gi), NJ_GEO_FOUND);
	assert_int_equal(gi.asn, 7018);
	assert_string_equal(gi.as_org, "");
	/* 2001:1700::/27: AS6730 Sunrise Communications AG. */
	assert_int_equal(look(g, "2001:1700::99", &gi), NJ_GEO_FOUND);
	assert_int_equal(gi.asn, 6730);
	assert_string_equal(gi.as_org, "Sunrise Communications AG");
	nj_geo_close(g);
}

/* GeoLite2-Country-Test.json: a Country file under geoip.city. */
static void
test_country(void **state)
{
	struct nj_geo *g = open_ok(db("GeoLite2-Country-Test"), NULL);
	struct nj_geo_info gi;

	(void)state;
	assert_int_equal(look(g, "89.160.20.112", &gi), NJ_GEO_FOUND);
	assert_string_equal(gi.country, "SE");
	assert_string_equal(gi.country_name, "Sweden");
	assert_string_equal(gi.city, "");
	assert_int_equal(look(g, "2001:218::1", &gi), NJ_GEO_FOUND);
	assert_string_equal(gi.country, "JP");
	nj_geo_close(g);
}

/* Both databases at once: the fields of each are merged. */
static void
test_both(void **state)
{
	struct nj_geo *g = open_ok(db("GeoLite2-City-Test"),
	    db("GeoLite2-ASN-Test"));
	struct nj_geo_info gi;

	(void)state;
	/* GeoLite2-City-Test: ::81.2.69.142/127 London; no ASN entry. */
	assert_int_equal(look(g, "81.2.69.142", &gi), NJ_GEO_FOUND);
	assert_string_equal(gi.city, "London");
	assert_int_equal(gi.asn, 0);
	/* 1.0.0.0/24 in the ASN file only: AS15169 Google Inc. */
	assert_int_equal(look(g, "1.0.0.1", &gi), NJ_GEO_FOUND);
	assert_int_equal(gi.asn, 15169);
	assert_string_equal(gi.as_org, "Google Inc.");
	assert_string_equal(gi.city, "");
	nj_geo_close(g);
}

/* Private and reserved addresses are never looked up nor cached. */
static void
test_private_skipped(void **state)
{
	static const char *const addrs[] = { "10.1.2.3", "192.168.0.1",
	    "172.20.0.1", "100.64.1.1", "127.0.0.1", "169.254.1.1",
	    "192.0.2.7", "198.51.100.1", "203.0.113.9", "224.0.0.251",
	    "255.255.255.255", "0.0.0.0", "fd12::1", "fe80::1", "::1", "::",
	    "2001:db8::1", "ff02::1", "::ffff:10.0.0.1" };
	struct nj_geo *g = open_ok(db("GeoIP2-City-Test"),
	    db("GeoLite2-ASN-Test"));
	struct nj_geo_counters c;
	struct nj_geo_info gi;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++)
		assert_int_equal(look(g, addrs[i], &gi), NJ_GEO_SKIPPED);
	nj_geo_counters(g, &c);
	assert_int_equal(c.skipped, sizeof(addrs) / sizeof(addrs[0]));
	assert_int_equal(c.found + c.not_found + c.errors, 0);
	assert_int_equal(c.cache_entries, 0);
	nj_geo_close(g);
}

/* A repeat comes from the cache; past the cap the oldest goes. */
static void
test_cache(void **state)
{
	struct nj_geo *g = open_ok(db("GeoIP2-City-Test"), NULL);
	struct nj_geo_counters c;
	struct nj_geo_info gi;
	struct nj_addr a;
	uint32_t i;

	(void)state;
	assert_int_equal(look(g, "81.2.69.142", &gi), NJ_GEO_FOUND);
	assert_int_equal(look(g, "81.2.69.142", &gi), NJ_GEO_FOUND);
	assert_string_equal(gi.city, "London");
	nj_geo_counters(g, &c);
	assert_int_equal(c.found, 1);
	assert_int_equal(c.cache_hits, 1);
	for (i = 0; i < NJ_GEO_CACHE_CAP; i++) {
		nj_addr_set4(&a, 0x09000000u + i); /* 9.0.0.0 on: unknown */
		assert_int_equal(nj_geo_lookup(g, &a, &gi), NJ_GEO_NOT_FOUND);
	}
	nj_geo_counters(g, &c);
	assert_int_equal(c.cache_entries, NJ_GEO_CACHE_CAP);
	assert_int_equal(c.cache_evictions, 1);
	/* London was the least recently used: asked of the file again. */
	assert_int_equal(look(g, "81.2.69.142", &gi), NJ_GEO_FOUND);
	nj_geo_counters(g, &c);
	assert_int_equal(c.found, 2);
	nj_geo_close(g);
}

static void
expect_error(const char *city, const char *asn, const char *want)
{
	char err[512] = "";

	assert_null(nj_geo_open(city, asn, err, sizeof(err)));
	if (strstr(err, want) == NULL)
		fail_msg("got \"%s\", want \"%s\"", err, want);
	assert_null(strchr(err, '\n'));
}

static void
test_open_errors(void **state)
{
	char missing[1100];

	(void)state;
	snprintf(missing, sizeof(missing), "%s/nonexistent.mmdb", mmdb_dir);
	expect_error(missing, NULL, "nonexistent.mmdb: No such file or "
	    "directory");
	expect_error(NULL, NULL, "no database");
	/* The two keys swapped. */
	expect_error(db("GeoLite2-ASN-Test"), NULL, "a GeoLite2-ASN database, "
	    "expected a City or Country database");
	expect_error(NULL, db("GeoLite2-Country-Test"), "expected an ASN "
	    "database");
	/* A JSON file is not a database. */
	snprintf(missing, sizeof(missing), "%s/MaxMind-DB__source-data__"
	    "GeoLite2-ASN-Test.json", mmdb_dir);
	expect_error(missing, NULL, "not a usable MaxMind DB file");
}

static const char *const probes[] = { "1.1.1.1", "1.1.1.3", "1.1.1.32",
    "2.125.160.216", "81.2.69.142", "1.2.3.4", "9.9.9.9", "1.128.0.1",
    "::1.1.1.1", "::2:0:0", "::2:0:40", "2001:218::1", "2a02:d3c0::1",
    "8.8.8.8", "223.255.255.255", "::ffff:1.1.1.1" };

/* A damaged file is refused with one line, or gives results: no crash. */
static void
try_damaged(const char *path)
{
	char err[512] = "";
	struct nj_geo *g;
	struct nj_geo_info gi;
	size_t i, pass;

	for (pass = 0; pass < 2; pass++) {
		err[0] = '\0';
		g = pass == 0 ? nj_geo_open(path, NULL, err, sizeof(err)) :
		    nj_geo_open(NULL, path, err, sizeof(err));
		if (g == NULL) {
			assert_true(strncmp(err, path, strlen(path)) == 0);
			assert_null(strchr(err, '\n'));
			continue;
		}
		for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
			(void)look(g, probes[i], &gi);
			assert_true(strlen(gi.country) < sizeof(gi.country));
		}
		nj_geo_close(g);
	}
}

static void
test_damaged(void **state)
{
	static const char *const broken[] = {
	    "GeoIP2-City-Test-Broken-Double-Format",
	    "GeoIP2-City-Test-Invalid-Node-Count",
	    "MaxMind-DB-test-broken-pointers-24",
	    "MaxMind-DB-test-broken-search-tree-24" };
	struct dirent *de;
	char path[1200];
	DIR *d;
	size_t i, n = 0;

	(void)state;
	assert_non_null(d = opendir(mmdb_dir));
	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, "bad-data") == NULL ||
		    strstr(de->d_name, ".mmdb") == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", mmdb_dir, de->d_name);
		try_damaged(path);
		n++;
	}
	closedir(d);
	assert_true(n >= 20); /* the folder holds 21 */
	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++)
		try_damaged(db(broken[i]));
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_city_v4),
		cmocka_unit_test(test_city_v6),
		cmocka_unit_test(test_asn),
		cmocka_unit_test(test_country),
		cmocka_unit_test(test_both),
		cmocka_unit_test(test_private_skipped),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_damaged),
	};
	struct stat st;

	if (argc < 2 || stat(argv[1], &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "test_geo: %s: no MaxMind test databases "
		    "(../shared/mmdb); skipped\n", argc < 2 ? "(none)" : argv[1]);
		return SKIP;
	}
	mmdb_dir = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
