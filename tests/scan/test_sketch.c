/* test_sketch.c - HyperLogLog, count-min, bitmaps and port sets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sensor/portset.h"
#include "sensor/sketch.h"

static void
hll_small_counts_exact_enough(void **state)
{
	struct nj_hll h;
	uint64_t i;

	(void)state;
	nj_hll_clear(&h);
	assert_true(nj_hll_count(&h) < 0.5);
	for (i = 0; i < 10; i++)
		nj_hll_add(&h, nj_mix64(i));
	/* Adding the same items again changes nothing. */
	for (i = 0; i < 10; i++)
		nj_hll_add(&h, nj_mix64(i));
	assert_true(nj_hll_count(&h) > 8.5 && nj_hll_count(&h) < 11.5);
}

static void
hll_large_counts_within_error(void **state)
{
	struct nj_hll h;
	uint64_t i;
	double c;

	(void)state;
	nj_hll_clear(&h);
	for (i = 0; i < 1000; i++)
		nj_hll_add(&h, nj_mix64(i + 12345));
	c = nj_hll_count(&h);
	/* 32 registers: 18% standard error; allow three of them. */
	assert_true(c > 460 && c < 1540);
}

static void
cms_never_underestimates(void **state)
{
	struct nj_cms c;
	uint64_t k;

	(void)state;
	assert_int_equal(nj_cms_init(&c, 256, 4, 7), 0);
	for (k = 0; k < 2000; k++)
		nj_cms_add(&c, nj_mix64(k), 1);
	nj_cms_add(&c, nj_mix64(99999), 500);
	assert_true(nj_cms_estimate(&c, nj_mix64(99999)) >= 500);
	assert_true(nj_cms_estimate(&c, nj_mix64(99999)) < 600);
	for (k = 0; k < 2000; k++)
		assert_true(nj_cms_estimate(&c, nj_mix64(k)) >= 1);
	nj_cms_halve(&c);
	assert_true(nj_cms_estimate(&c, nj_mix64(99999)) >= 250);
	nj_cms_clear(&c);
	assert_int_equal(nj_cms_estimate(&c, nj_mix64(99999)), 0);
	nj_cms_free(&c);
}

static void
bits_remember(void **state)
{
	uint64_t bits[8];

	(void)state;
	memset(bits, 0, sizeof(bits));
	assert_false(nj_bits_test_set(bits, 512, nj_mix64(1)));
	assert_true(nj_bits_test_set(bits, 512, nj_mix64(1)));
	assert_false(nj_bits_test_set(bits, 512, nj_mix64(2)));
}

static void
portset_ranges(void **state)
{
	struct nj_portset s;
	static const uint16_t in[] = { 443, 25, 21, 80, 23, 24, 22, 25 };
	char buf[64];
	unsigned i;

	(void)state;
	memset(&s, 0, sizeof(s));
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		nj_portset_add(&s, in[i]);
	assert_int_equal(s.n, 7);
	assert_string_equal(nj_portset_format(&s, buf, sizeof(buf)),
	    "21-25,80,443");
	/* A buffer too short still ends in a NUL. */
	assert_string_equal(nj_portset_format(&s, buf, 6), "21-25");
}

static void
portset_overflow(void **state)
{
	struct nj_portset s;
	char buf[256];
	unsigned i;

	(void)state;
	memset(&s, 0, sizeof(s));
	for (i = 0; i < NJ_PORTSET_MAX + 5; i++)
		nj_portset_add(&s, (uint16_t)(1000 + 2 * i));
	assert_int_equal(s.n, NJ_PORTSET_MAX);
	assert_true(s.overflow);
	nj_portset_format(&s, buf, sizeof(buf));
	assert_non_null(strstr(buf, "1000,1002,"));
	assert_non_null(strstr(buf, ",..."));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hll_small_counts_exact_enough),
		cmocka_unit_test(hll_large_counts_within_error),
		cmocka_unit_test(cms_never_underestimates),
		cmocka_unit_test(bits_remember),
		cmocka_unit_test(portset_ranges),
		cmocka_unit_test(portset_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
