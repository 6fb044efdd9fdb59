/*
 * test_enrich.c - the "geo" enricher through the alert pipeline: which
 * side of an alert is remote (per the policy's local networks), what
 * the JSON line says about it (values from MaxMind's source-data JSON
 * beside the test databases), and that local, private and reserved
 * remotes get no "geo" object. Exits 77 without ../shared/mmdb.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "policy/policy.h"
#include "sensor/alert.h"
#include "sensor/alert_pipeline.h"
#include "sensor/enrich.h"
#include "sensor/geo.h"
#include "sensor/sensor.h"

#define SKIP 77

static const char *mmdb_dir;

/* A policy: 10/8 local, and whatever extra (YAML) says. */
static struct nj_policy *
policy_with(const char *extra)
{
	char y[4096];
	struct nj_policy *p;
	int n;

	n = snprintf(y, sizeof(y), "networks:\n  local: [10.0.0.0/8]\n%s",
	    extra);
	assert_true(n > 0 && (size_t)n < sizeof(y));
	assert_non_null(p = nj_policy_parse("t.yaml", y, (size_t)n, stderr));
	return p;
}

static void
alert(struct nj_alert *a, const char *kind, const char *src, const char *dst)
{
	struct nj_addr s, d;

	assert_int_equal(nj_addr_parse(src, &s), 0);
	assert_int_equal(nj_addr_parse(dst, &d), 0);
	nj_alert_init(a, kind, NJ_SEV_MEDIUM, NJ_SEC(1772445601));
	nj_alert_tuple(a, &s, 40000, &d, 443, 6);
	nj_alert_sig(a, "test alert %s", kind);
}

static void
test_remote(void **state)
{
	struct nj_policy *p = policy_with("");
	struct nj_alert a;
	struct nj_addr r;
	char buf[NJ_ADDRSTRLEN];

	(void)state;
	alert(&a, "scan", "10.0.0.5", "81.2.69.142");
	assert_true(nj_enrich_remote(p, &a, &r));
	assert_string_equal(nj_addr_str(&r, buf, sizeof(buf)), "81.2.69.142");
	alert(&a, "scan", "2.125.160.216", "10.0.0.5");
	assert_true(nj_enrich_remote(p, &a, &r));
	assert_string_equal(nj_addr_str(&r, buf, sizeof(buf)),
	    "2.125.160.216");
	alert(&a, "scan", "81.2.69.142", "1.128.0.1"); /* neither: dst */
	assert_true(nj_enrich_remote(p, &a, &r));
	assert_string_equal(nj_addr_str(&r, buf, sizeof(buf)), "1.128.0.1");
	alert(&a, "scan", "10.0.0.5", "10.0.0.6");
	assert_false(nj_enrich_remote(p, &a, &r));
	a.has_tuple = false;
	assert_false(nj_enrich_remote(p, &a, &r));
	nj_policy_free(p);
}

/* The "geo" object of line n of the JSON file, or NULL. */
static json_t *
geo_of(json_t **lines, size_t n)
{
	return json_object_get(lines[n], "geo");
}

static struct nj_policy *
geo_policy(const char *city_db, const char *asn_db)
{
	char y[3000];

	snprintf(y, sizeof(y), "geoip:\n  city: \"%s/MaxMind-DB__test-data__"
	    "%s.mmdb\"\n  asn: \"%s/MaxMind-DB__test-data__%s.mmdb\"\n",
	    mmdb_dir, city_db, mmdb_dir, asn_db);
	return policy_with(y);
}

static void
test_pipeline(void **state)
{
	char out[] = "/tmp/test_enrich_XXXXXX", err[512], line[8192];
	struct nj_alert_options o;
	struct nj_sensor s;
	struct nj_alert a;
	json_t *lines[8], *g;
	json_error_t je;
	size_t n = 0, i;
	FILE *f;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(out)) >= 0);
	close(fd);
	memset(&s, 0, sizeof(s));
	s.name = "t";
	s.policy = geo_policy("GeoIP2-City-Test", "GeoLite2-ASN-Test");
	if (nj_enrich_open(&s, s.policy, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	assert_non_null(s.geo);
	assert_null(s.ptr);
	nj_alert_options_default(&o);
	assert_non_null(s.alerts = nj_alerts_new(&o));
	assert_int_equal(nj_alerts_add_json(s.alerts, out), 0);
	assert_int_equal(nj_enrich_register(&s), 0);

	alert(&a, "a-out", "10.0.0.5", "81.2.69.142");
	nj_alerts_submit(s.alerts, &s, &a);
	alert(&a, "b-in", "2.125.160.216", "10.0.0.5");
	nj_alerts_submit(s.alerts, &s, &a);
	alert(&a, "c-both-remote", "81.2.69.142", "1.128.0.1");
	nj_alerts_submit(s.alerts, &s, &a);
	alert(&a, "d-both-local", "10.0.0.5", "10.0.0.6");
	nj_alerts_submit(s.alerts, &s, &a);
	/* Not local per this policy, yet private: never looked up. */
	alert(&a, "e-private", "10.0.0.5", "192.168.1.1");
	nj_alerts_submit(s.alerts, &s, &a);
	nj_alerts_finish(s.alerts, NJ_SEC(1772445700));
	nj_alerts_free(s.alerts);

	assert_non_null(f = fopen(out, "r"));
	while (n < 8 && fgets(line, sizeof(line), f) != NULL) {
		lines[n] = json_loads(line, 0, &je);
		if (lines[n] == NULL)
			fail_msg("line %zu: %s", n + 1, je.text);
		n++;
	}
	fclose(f);
	unlink(out);
	assert_int_equal(n, 5);

	/* ::81.2.69.142/127: GB, United Kingdom, London; not in the ASN file. */
	assert_non_null(g = geo_of(lines, 0));
	assert_string_equal(json_string_value(json_object_get(g, "ip")),
	    "81.2.69.142");
	assert_string_equal(json_string_value(json_object_get(g, "country")),
	    "GB");
	assert_string_equal(json_string_value(json_object_get(g,
	    "country_name")), "United Kingdom");
	assert_string_equal(json_string_value(json_object_get(g, "city")),
	    "London");
	assert_null(json_object_get(g, "asn"));
	/* The outside source of an inbound alert: ::2.125.160.216/125. */
	assert_non_null(g = geo_of(lines, 1));
	assert_string_equal(json_string_value(json_object_get(g, "ip")),
	    "2.125.160.216");
	assert_string_equal(json_string_value(json_object_get(g, "city")),
	    "Boxford");
	/* Both outside: dst, 1.128.0.0/11 = AS1221 Telstra Pty Ltd. */
	assert_non_null(g = geo_of(lines, 2));
	assert_string_equal(json_string_value(json_object_get(g, "ip")),
	    "1.128.0.1");
	assert_int_equal(json_integer_value(json_object_get(g, "asn")), 1221);
	assert_string_equal(json_string_value(json_object_get(g, "as_org")),
	    "Telstra Pty Ltd");
	assert_null(geo_of(lines, 3));
	assert_null(geo_of(lines, 4));
	for (i = 0; i < n; i++)
		json_decref(lines[i]);
	nj_enrich_close(&s);
	nj_policy_free(s.policy);
}

/* A reload that fails keeps what was open; one that works replaces it. */
static void
test_open_reload(void **state)
{
	struct nj_policy *good, *bad, *ptr, *none;
	struct nj_sensor s;
	struct nj_geo *before;
	char err[512] = "";

	(void)state;
	memset(&s, 0, sizeof(s));
	good = geo_policy("GeoLite2-City-Test", "GeoLite2-ASN-Test");
	/* The two files swapped: refused with one line. */
	bad = geo_policy("GeoLite2-ASN-Test", "GeoLite2-City-Test");
	ptr = policy_with("enrich:\n  ptr:\n    resolver: 127.0.0.1:53\n"
	    "    rate: 2\n    timeout: 0.5\n");
	none = policy_with("");
	assert_int_equal(nj_enrich_open(&s, good, err, sizeof(err)), 0);
	assert_non_null(before = s.geo);
	assert_int_equal(nj_enrich_open(&s, bad, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "expected a City or Country database"));
	assert_ptr_equal(s.geo, before);
	assert_int_equal(nj_enrich_open(&s, ptr, err, sizeof(err)), 0);
	assert_null(s.geo);
	assert_non_null(s.ptr);
	nj_enrich_tick(&s); /* nothing outstanding: returns at once */
	assert_int_equal(nj_enrich_open(&s, none, err, sizeof(err)), 0);
	assert_null(s.geo);
	assert_null(s.ptr);
	nj_enrich_close(&s);
	nj_policy_free(good);
	nj_policy_free(bad);
	nj_policy_free(ptr);
	nj_policy_free(none);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remote),
		cmocka_unit_test(test_pipeline),
		cmocka_unit_test(test_open_reload),
	};
	struct stat st;

	if (argc < 2 || stat(argv[1], &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "test_enrich: %s: no MaxMind test databases "
		    "(../shared/mmdb); skipped\n", argc < 2 ? "(none)" :
		    argv[1]);
		return SKIP;
	}
	mmdb_dir = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
