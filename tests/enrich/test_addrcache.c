/*
 * test_addrcache.c - the bounded address cache: hits, expiry, least
 * recently used eviction, replacement, counters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sensor/addrcache.h"

static struct nj_addr
v4(uint32_t x)
{
	struct nj_addr a;

	nj_addr_set4(&a, x);
	return a;
}

static void
test_get_put(void **state)
{
	struct nj_addrcache *c = nj_addrcache_new(4, sizeof(int));
	struct nj_addrcache_stats st;
	struct nj_addr a = v4(0x01020304), b;
	int *v;

	(void)state;
	assert_null(nj_addrcache_get(c, &a, 0));
	*(int *)nj_addrcache_put(c, &a, NJ_ADDRCACHE_NEVER) = 42;
	assert_non_null(v = nj_addrcache_get(c, &a, 0));
	assert_int_equal(*v, 42);
	/* Same bytes, other family: another key. */
	b = a;
	b.family = 6;
	assert_null(nj_addrcache_get(c, &b, 0));
	/* A second put for a replaces, zeroed. */
	v = nj_addrcache_put(c, &a, NJ_ADDRCACHE_NEVER);
	assert_int_equal(*v, 0);
	nj_addrcache_stats(c, &st);
	assert_int_equal(st.entries, 1);
	assert_int_equal(st.hits, 1);
	assert_int_equal(st.misses, 2);
	assert_int_equal(st.inserts, 2);
	nj_addrcache_free(c);
}

static void
test_expiry(void **state)
{
	struct nj_addrcache *c = nj_addrcache_new(4, sizeof(int));
	struct nj_addrcache_stats st;
	struct nj_addr a = v4(0x0a000001);

	(void)state;
	(void)nj_addrcache_put(c, &a, 100);
	assert_non_null(nj_addrcache_get(c, &a, 99));
	assert_null(nj_addrcache_get(c, &a, 100));
	nj_addrcache_stats(c, &st);
	assert_int_equal(st.expired, 1);
	assert_int_equal(st.entries, 0);
	nj_addrcache_free(c);
}

static void
test_lru(void **state)
{
	struct nj_addrcache *c = nj_addrcache_new(3, sizeof(uint32_t));
	struct nj_addrcache_stats st;
	struct nj_addr a;
	uint32_t i;

	(void)state;
	for (i = 1; i <= 3; i++) {
		a = v4(i);
		*(uint32_t *)nj_addrcache_put(c, &a, NJ_ADDRCACHE_NEVER) = i;
	}
	a = v4(1);
	assert_non_null(nj_addrcache_get(c, &a, 0)); /* 2 is now oldest */
	a = v4(4);
	(void)nj_addrcache_put(c, &a, NJ_ADDRCACHE_NEVER);
	a = v4(2);
	assert_null(nj_addrcache_get(c, &a, 0));
	for (i = 1; i <= 4; i += 2) {
		a = v4(i);
		assert_non_null(nj_addrcache_get(c, &a, 0));
	}
	nj_addrcache_stats(c, &st);
	assert_int_equal(st.evictions, 1);
	assert_int_equal(st.entries, 3);
	/* Many more keys than slots: still 3 entries, every value right. */
	for (i = 100; i < 1100; i++) {
		a = v4(i);
		*(uint32_t *)nj_addrcache_put(c, &a, NJ_ADDRCACHE_NEVER) = i;
		assert_int_equal(*(uint32_t *)nj_addrcache_get(c, &a, 0), i);
	}
	nj_addrcache_stats(c, &st);
	assert_int_equal(st.entries, 3);
	assert_int_equal(st.evictions, 1001);
	nj_addrcache_free(c);
}

static void
test_bounds(void **state)
{
	(void)state;
	assert_null(nj_addrcache_new(0, 8));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_put),
		cmocka_unit_test(test_expiry),
		cmocka_unit_test(test_lru),
		cmocka_unit_test(test_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
