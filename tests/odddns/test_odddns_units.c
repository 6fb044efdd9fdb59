/*
 * test_odddns_units.c - the odd-DNS detectors' helpers: the bounded
 * table (cap, eviction order, counters), linear counting, entropy,
 * registered domains with and without the public suffix list, the
 * common zone of tunnel names, and the decision functions at their
 * thresholds.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "decoders/dns.h"
#include "policy/policy.h"
#include "policy/psl.h"
#include "sensor/det_dns.h"
#include "sensor/dnsname.h"
#include "sensor/entropy.h"
#include "sensor/ktab.h"
#include "sensor/lincount.h"

static int evicted_keys[8], nevicted;

static void
on_evict(void *ctx, const void *key, void *val)
{
	(void)ctx;
	(void)val;
	evicted_keys[nevicted++] = *(const int *)key;
}

static void
test_ktab_cap_and_lru(void **state)
{
	struct nj_ktab *t;
	struct nj_ktab_stats st;
	int k, *v;
	bool created;

	(void)state;
	nevicted = 0;
	assert_non_null(t = nj_ktab_new(3, sizeof(int), sizeof(int), on_evict,
	    NULL));
	for (k = 1; k <= 3; k++) {
		assert_non_null(v = nj_ktab_get(t, &k, true, &created));
		assert_true(created);
		assert_int_equal(*v, 0); /* new values are zeroed */
		*v = k * 10;
	}
	/* Touch 1: 2 is now the least recently used. */
	k = 1;
	assert_non_null(v = nj_ktab_get(t, &k, false, NULL));
	assert_int_equal(*v, 10);
	k = 4;
	assert_non_null(nj_ktab_get(t, &k, true, &created));
	assert_int_equal(nevicted, 1);
	assert_int_equal(evicted_keys[0], 2);
	k = 2;
	assert_null(nj_ktab_get(t, &k, false, NULL));
	nj_ktab_stats(t, &st);
	assert_int_equal(st.entries, 3);
	assert_int_equal(st.cap, 3);
	assert_int_equal(st.inserted, 4);
	assert_int_equal(st.evicted, 1);
	/* The key of a value, and deletion. */
	k = 3;
	v = nj_ktab_get(t, &k, false, NULL);
	assert_int_equal(*(const int *)nj_ktab_key(t, v), 3);
	nj_ktab_del(t, v);
	assert_null(nj_ktab_get(t, &k, false, NULL));
	nj_ktab_free(t);
}

static void
test_lincount(void **state)
{
	struct nj_lincount lc;
	uint64_t i, est;

	(void)state;
	memset(&lc, 0, sizeof(lc));
	assert_int_equal(nj_lc_estimate(&lc), 0);
	for (i = 0; i < 500; i++) {
		nj_lc_add(&lc, nj_hash64(&i, sizeof(i), 0));
		nj_lc_add(&lc, nj_hash64(&i, sizeof(i), 0)); /* repeats */
	}
	est = nj_lc_estimate(&lc);
	/* Linear counting at load 0.5: within a few percent. */
	assert_true(est >= 470 && est <= 530);
}

static void
test_entropy(void **state)
{
	(void)state;
	assert_true(nj_entropy("", 0) == 0);
	assert_true(nj_entropy("aaaa", 4) == 0);
	/* Four equiprobable symbols: 2 bits; dots are not symbols. */
	assert_true(fabs(nj_entropy("ab.cd.abcd", 10) - 2.0) < 1e-9);
	assert_true(fabs(nj_entropy("0123456789abcdef", 16) - 4.0) < 1e-9);
}

static void
test_regdom(void **state)
{
	struct nj_psl *psl;

	(void)state;
	/* Without the list: the last two labels. */
	assert_string_equal(nj_dns_regdom(NULL, "a.b.example.co.uk"), "co.uk");
	assert_string_equal(nj_dns_regdom(NULL, "com"), "com");
	psl = nj_psl_load(NJ_PSL_PATH, NULL);
	if (psl == NULL) {
		print_message("no public suffix list at %s\n", NJ_PSL_PATH);
		return;
	}
	assert_string_equal(nj_dns_regdom(psl, "a.b.example.co.uk"),
	    "example.co.uk");
	/* A public suffix is its own "registered domain". */
	assert_string_equal(nj_dns_regdom(psl, "co.uk"), "co.uk");
	nj_psl_free(psl);
}

static void
test_names(void **state)
{
	char zone[32] = "";

	(void)state;
	assert_true(nj_dns_name_reverse("4.3.2.1.in-addr.arpa"));
	assert_true(nj_dns_name_reverse("ip6.arpa"));
	assert_false(nj_dns_name_reverse("xin-addr.arpa.example.com"));
	assert_true(nj_dns_name_ignored("printer.local"));
	assert_false(nj_dns_name_ignored("local.example.com"));
	assert_int_equal(nj_dns_longest_label("ab.cdef.g", 9), 4);
	nj_dns_common_zone(zone, sizeof(zone), "a1.x.t.example.net");
	assert_string_equal(zone, "a1.x.t.example.net");
	nj_dns_common_zone(zone, sizeof(zone), "b22.y.t.example.net");
	assert_string_equal(zone, "t.example.net");
	/* A label that ends the same is not a common label. */
	nj_dns_common_zone(zone, sizeof(zone), "xt.example.net");
	assert_string_equal(zone, "example.net");
	/* Too long for the buffer: the longest tail that fits. */
	memset(zone, 0, sizeof(zone));
	nj_dns_common_zone(zone, sizeof(zone),
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.x.example.net");
	assert_string_equal(zone, "x.example.net");
}

static void
test_verdicts(void **state)
{
	struct nj_tunnel_conf tc;
	struct nj_nxdomain_conf nc;
	struct nj_quiet_conf qc;
	struct nj_policy *p;
	double h;

	(void)state;
	assert_non_null(p = nj_policy_default());
	nj_tunnel_conf(p, &tc);
	nj_nxdomain_conf(p, &nc);
	nj_quiet_conf(p, &qc);
	/* At the defaults: 40 queries, half odd, half distinct. */
	assert_true(nj_tunnel_verdict(&tc, 40, 20, 20));
	assert_false(nj_tunnel_verdict(&tc, 39, 39, 39));
	assert_false(nj_tunnel_verdict(&tc, 40, 19, 40));
	assert_false(nj_tunnel_verdict(&tc, 40, 40, 19));
	/* A 30-byte label makes a query odd; a short plain name does not. */
	assert_true(nj_tunnel_query_odd(&tc,
	    "abcdefghijabcdefghijabcdefghij", 30, NJ_DNS_T_A, &h));
	assert_false(nj_tunnel_query_odd(&tc, "www", 3, NJ_DNS_T_TXT, &h));
	/* 20 distinct NX names, a quarter of answers, a third random. */
	assert_true(nj_nxdomain_verdict(&nc, 80, 20, 20, 7));
	assert_false(nj_nxdomain_verdict(&nc, 80, 20, 19, 7));
	assert_false(nj_nxdomain_verdict(&nc, 81, 20, 20, 7));
	assert_false(nj_nxdomain_verdict(&nc, 80, 21, 21, 6));
	/* max(3, 10 x peak). */
	assert_int_equal(nj_quiet_threshold(&qc, 0), 3);
	assert_int_equal(nj_quiet_threshold(&qc, 2), 20);
	nj_policy_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ktab_cap_and_lru),
		cmocka_unit_test(test_lincount),
		cmocka_unit_test(test_entropy),
		cmocka_unit_test(test_regdom),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_verdicts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
