/*
 * test_special.c - the special-purpose address table, with addresses
 * taken from the defining RFCs and the IANA registries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "policy/special.h"

struct vec {
	const char *addr;
	enum nj_special_cat cat;  /* NJ_SPECIAL_NONE: not special */
	unsigned prefixlen;       /* of the most specific entry */
	bool global;
};

static const struct vec vecs[] = {
	{ "8.8.8.8", NJ_SPECIAL_NONE, 0, true },
	{ "10.1.2.3", NJ_SPECIAL_PRIVATE, 8, false },
	{ "172.16.0.1", NJ_SPECIAL_PRIVATE, 12, false },
	{ "172.31.255.255", NJ_SPECIAL_PRIVATE, 12, false },
	{ "172.32.0.1", NJ_SPECIAL_NONE, 0, true },
	{ "192.168.1.1", NJ_SPECIAL_PRIVATE, 16, false },
	{ "100.64.0.1", NJ_SPECIAL_SHARED, 10, false },
	{ "100.127.255.254", NJ_SPECIAL_SHARED, 10, false },
	{ "100.128.0.1", NJ_SPECIAL_NONE, 0, true },
	{ "127.0.0.1", NJ_SPECIAL_LOOPBACK, 8, false },
	{ "169.254.10.20", NJ_SPECIAL_LINK_LOCAL, 16, false },
	{ "192.0.2.55", NJ_SPECIAL_DOCUMENTATION, 24, false },
	{ "198.51.100.7", NJ_SPECIAL_DOCUMENTATION, 24, false },
	{ "203.0.113.200", NJ_SPECIAL_DOCUMENTATION, 24, false },
	{ "198.18.0.1", NJ_SPECIAL_BENCHMARKING, 15, false },
	{ "198.19.255.255", NJ_SPECIAL_BENCHMARKING, 15, false },
	{ "198.20.0.1", NJ_SPECIAL_NONE, 0, true },
	{ "192.0.0.5", NJ_SPECIAL_RESERVED, 29, false },
	{ "192.0.0.9", NJ_SPECIAL_ANYCAST, 32, true },
	{ "192.0.0.170", NJ_SPECIAL_TRANSLATION, 32, false },
	{ "192.0.0.100", NJ_SPECIAL_RESERVED, 24, false },
	{ "192.31.196.1", NJ_SPECIAL_ANYCAST, 24, true },
	{ "192.175.48.6", NJ_SPECIAL_ANYCAST, 24, true },
	{ "0.0.0.0", NJ_SPECIAL_UNSPECIFIED, 32, false },
	{ "0.1.2.3", NJ_SPECIAL_THIS_NETWORK, 8, false },
	{ "224.0.0.251", NJ_SPECIAL_MULTICAST, 4, false },
	{ "239.255.255.250", NJ_SPECIAL_MULTICAST, 4, false },
	{ "240.0.0.1", NJ_SPECIAL_RESERVED, 4, false },
	{ "255.255.255.254", NJ_SPECIAL_RESERVED, 4, false },
	{ "255.255.255.255", NJ_SPECIAL_BROADCAST, 32, false },
	{ "::", NJ_SPECIAL_UNSPECIFIED, 128, false },
	{ "::1", NJ_SPECIAL_LOOPBACK, 128, false },
	{ "::2", NJ_SPECIAL_NONE, 0, true },
	{ "2001:db8::1", NJ_SPECIAL_DOCUMENTATION, 32, false },
	{ "3fff::1", NJ_SPECIAL_DOCUMENTATION, 20, false },
	{ "3fff:fff::1", NJ_SPECIAL_DOCUMENTATION, 20, false },
	{ "3fff:1000::1", NJ_SPECIAL_NONE, 0, true },
	{ "2001::1", NJ_SPECIAL_TUNNEL, 32, true },
	{ "2001:1::1", NJ_SPECIAL_ANYCAST, 128, true },
	{ "2001:2::1", NJ_SPECIAL_BENCHMARKING, 48, false },
	{ "2001:5::1", NJ_SPECIAL_RESERVED, 23, false },
	{ "2001:1ff::1", NJ_SPECIAL_RESERVED, 23, false },
	{ "2001:200::1", NJ_SPECIAL_NONE, 0, true },
	{ "2001:4:112::1", NJ_SPECIAL_ANYCAST, 48, true },
	{ "2002:c000:204::1", NJ_SPECIAL_TUNNEL, 16, true },
	{ "64:ff9b::192.0.2.33", NJ_SPECIAL_TRANSLATION, 96, true },
	{ "64:ff9b:1::1", NJ_SPECIAL_TRANSLATION, 48, false },
	{ "100::1", NJ_SPECIAL_DISCARD, 64, false },
	{ "fc00::1", NJ_SPECIAL_PRIVATE, 7, false },
	{ "fdff:ffff::1", NJ_SPECIAL_PRIVATE, 7, false },
	{ "fe80::1", NJ_SPECIAL_LINK_LOCAL, 10, false },
	{ "febf::1", NJ_SPECIAL_LINK_LOCAL, 10, false },
	{ "fec0::1", NJ_SPECIAL_DEPRECATED, 10, false },
	{ "ff02::1", NJ_SPECIAL_MULTICAST, 8, false },
	{ "2606:4700::1111", NJ_SPECIAL_NONE, 0, true },
	/* IPv4-mapped: classified as the embedded IPv4 address. */
	{ "::ffff:10.0.0.1", NJ_SPECIAL_PRIVATE, 8, false },
	{ "::ffff:127.0.0.1", NJ_SPECIAL_LOOPBACK, 8, false },
	{ "::ffff:8.8.8.8", NJ_SPECIAL_NONE, 0, true },
};

static void
test_vectors(void **state)
{
	struct nj_special_info si;
	struct nj_addr a;
	size_t i;
	bool found;

	(void)state;
	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		assert_int_equal(nj_addr_parse(vecs[i].addr, &a), 0);
		found = nj_special_classify(&a, &si);
		if (si.cat != vecs[i].cat || si.global != vecs[i].global ||
		    si.prefixlen != vecs[i].prefixlen)
			fail_msg("%s: got %s/%u global %d", vecs[i].addr,
			    nj_special_cat_name(si.cat), si.prefixlen, si.global);
		assert_int_equal(found, vecs[i].cat != NJ_SPECIAL_NONE);
		assert_int_equal(si.mapped, strncmp(vecs[i].addr, "::ffff:", 7) == 0);
		assert_int_equal(nj_special_is_bogon(&a), !vecs[i].global);
	}
}

static void
test_predicates(void **state)
{
	static const char *const priv[] = { "10.0.0.1", "172.20.1.1",
	    "192.168.0.1", "100.64.1.1", "fd12:3456::1", "::ffff:192.168.1.1" };
	static const char *const notpriv[] = { "127.0.0.1", "169.254.1.1",
	    "192.0.2.1", "8.8.8.8", "fe80::1", "2001:db8::1" };
	struct nj_addr a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(priv) / sizeof(priv[0]); i++) {
		assert_int_equal(nj_addr_parse(priv[i], &a), 0);
		assert_true(nj_special_is_private(&a));
	}
	for (i = 0; i < sizeof(notpriv) / sizeof(notpriv[0]); i++) {
		assert_int_equal(nj_addr_parse(notpriv[i], &a), 0);
		assert_false(nj_special_is_private(&a));
	}
	memset(&a, 0, sizeof(a));
	assert_false(nj_special_is_bogon(&a)); /* family 0 matches nothing */
}

/* Every entry is a network address: no bits set past its length. */
static void
test_table_sane(void **state)
{
	struct nj_special_info si;
	size_t i;
	unsigned b, max;

	(void)state;
	assert_true(nj_special_count() > 45);
	for (i = 0; i < nj_special_count(); i++) {
		nj_special_entry(i, &si);
		max = si.prefix.family == 4 ? 32 : 128;
		assert_true(si.prefix.family == 4 || si.prefix.family == 6);
		assert_true(si.prefixlen <= max);
		for (b = si.prefixlen; b < 128; b++)
			assert_int_equal((si.prefix.a[b / 8] >> (7 - b % 8)) & 1, 0);
		assert_non_null(si.name);
		assert_string_not_equal(nj_special_cat_name(si.cat), "none");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_predicates),
		cmocka_unit_test(test_table_sane),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
