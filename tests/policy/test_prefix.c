/*
 * test_prefix.c - cmocka units for the longest-prefix trie: longest
 * match, IPv4 and IPv6 kept apart, /0, /32, /128, overlaps, the cap.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "policy/prefix.h"

static struct nj_addr
A(const char *s)
{
	struct nj_addr a;

	assert_int_equal(nj_addr_parse(s, &a), 0);
	return a;
}

static void
add(struct nj_prefix_set *s, const char *p, intptr_t v)
{
	struct nj_addr a;
	unsigned len;

	assert_int_equal(nj_prefix_parse(p, &a, &len), 0);
	assert_int_equal(nj_prefix_insert(s, &a, len, v), 0);
}

static intptr_t
lookup(struct nj_prefix_set *s, const char *addr)
{
	struct nj_addr a = A(addr);
	intptr_t v = -1;

	if (!nj_prefix_lookup(s, &a, &v))
		return 0;
	return v;
}

static void
test_longest(void **state)
{
	struct nj_prefix_set *s = nj_prefix_new(0);

	(void)state;
	add(s, "10.0.0.0/8", 8);
	add(s, "10.1.0.0/16", 16);
	add(s, "10.1.2.0/24", 24);
	add(s, "10.1.2.3", 32);
	assert_int_equal(lookup(s, "10.1.2.3"), 32);
	assert_int_equal(lookup(s, "10.1.2.4"), 24);
	assert_int_equal(lookup(s, "10.1.3.1"), 16);
	assert_int_equal(lookup(s, "10.200.0.1"), 8);
	assert_int_equal(lookup(s, "11.0.0.0"), 0);
	assert_int_equal(lookup(s, "9.255.255.255"), 0);
	assert_int_equal(nj_prefix_count(s), 4);
	nj_prefix_free(s);
}

static void
test_families(void **state)
{
	struct nj_prefix_set *s = nj_prefix_new(0);

	(void)state;
	/* ::/0 must not match IPv4, nor 0.0.0.0/0 IPv6. */
	add(s, "::/0", 6);
	assert_int_equal(lookup(s, "2001:db8::1"), 6);
	assert_int_equal(lookup(s, "192.0.2.1"), 0);
	add(s, "0.0.0.0/0", 4);
	assert_int_equal(lookup(s, "192.0.2.1"), 4);
	add(s, "2001:db8::/32", 32);
	add(s, "2001:db8::1/128", 128);
	assert_int_equal(lookup(s, "2001:db8::1"), 128);
	assert_int_equal(lookup(s, "2001:db8::2"), 32);
	assert_int_equal(lookup(s, "2001:db9::1"), 6);
	/* An IPv4-mapped address is IPv6, not the IPv4 address. */
	assert_int_equal(lookup(s, "::ffff:192.0.2.1"), 6);
	nj_prefix_free(s);
}

static void
test_replace_and_get(void **state)
{
	struct nj_prefix_set *s = nj_prefix_new(2);
	struct nj_addr a = A("192.168.1.77");
	intptr_t v;

	(void)state;
	add(s, "192.168.1.0/24", 1);
	/* The same prefix written with host bits is the same entry. */
	add(s, "192.168.1.99/24", 2);
	assert_int_equal(nj_prefix_count(s), 1);
	assert_int_equal(lookup(s, "192.168.1.1"), 2);
	assert_true(nj_prefix_get(s, &a, 24, &v));
	assert_int_equal(v, 2);
	assert_false(nj_prefix_get(s, &a, 25, &v));
	nj_prefix_free(s);
}

static void
test_cap(void **state)
{
	struct nj_prefix_set *s = nj_prefix_new(3);
	struct nj_addr a = A("10.0.0.4");

	(void)state;
	add(s, "10.0.0.1", 1);
	add(s, "10.0.0.2", 1);
	add(s, "10.0.0.3", 1);
	errno = 0;
	assert_int_equal(nj_prefix_insert(s, &a, 32, 1), -1);
	assert_int_equal(errno, E2BIG);
	assert_int_equal(nj_prefix_refused(s), 1);
	assert_int_equal(nj_prefix_count(s), 3);
	/* Updating a stored prefix is still allowed at the cap. */
	add(s, "10.0.0.3", 7);
	assert_int_equal(lookup(s, "10.0.0.3"), 7);
	assert_int_equal(lookup(s, "10.0.0.4"), 0);
	nj_prefix_free(s);
}

static void
test_parse(void **state)
{
	struct nj_addr a;
	unsigned len;
	char buf[64];

	(void)state;
	assert_int_equal(nj_prefix_parse("192.0.2.77/24", &a, &len), 0);
	assert_int_equal(len, 24);
	assert_string_equal(nj_prefix_str(&a, len, buf, sizeof(buf)),
	    "192.0.2.0/24");
	assert_int_equal(nj_prefix_parse("2001:DB8::1", &a, &len), 0);
	assert_int_equal(len, 128);
	assert_string_equal(nj_prefix_str(&a, len, buf, sizeof(buf)),
	    "2001:db8::1");
	assert_int_equal(nj_prefix_parse("::/0", &a, &len), 0);
	assert_int_equal(len, 0);
	assert_int_equal(nj_prefix_parse("10.0.0.0/33", &a, &len), -1);
	assert_int_equal(nj_prefix_parse("::/129", &a, &len), -1);
	assert_int_equal(nj_prefix_parse("10.0.0.0/", &a, &len), -1);
	assert_int_equal(nj_prefix_parse("10.0.0.0/-1", &a, &len), -1);
	assert_int_equal(nj_prefix_parse("10.0.0.0/ 8", &a, &len), -1);
	assert_int_equal(nj_prefix_parse("10.0.0.0/8x", &a, &len), -1);
	assert_int_equal(nj_prefix_parse("10.0.0/8", &a, &len), -1);
	assert_int_equal(nj_prefix_parse("host.example", &a, &len), -1);
}

struct seen {
	char   s[8][64];
	size_t n;
};

static void
collect(const struct nj_addr *a, unsigned len, intptr_t v, void *arg)
{
	struct seen *sn = arg;

	(void)v;
	if (sn->n < 8)
		nj_prefix_str(a, len, sn->s[sn->n++], sizeof(sn->s[0]));
}

static void
test_walk_order(void **state)
{
	struct nj_prefix_set *s = nj_prefix_new(0);
	struct seen sn = { .n = 0 };

	(void)state;
	add(s, "fc00::/7", 0);
	add(s, "192.168.0.0/16", 0);
	add(s, "10.0.0.0/8", 0);
	add(s, "10.0.0.0/16", 0);
	add(s, "::/0", 0);
	nj_prefix_walk(s, collect, &sn);
	assert_int_equal(sn.n, 5);
	assert_string_equal(sn.s[0], "10.0.0.0/8");
	assert_string_equal(sn.s[1], "10.0.0.0/16");
	assert_string_equal(sn.s[2], "192.168.0.0/16");
	assert_string_equal(sn.s[3], "::/0");
	assert_string_equal(sn.s[4], "fc00::/7");
	nj_prefix_free(s);
}

/* A fixed xorshift sequence: the same "random" prefixes on every run. */
static uint32_t
rnd(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

#define NPFX 3000

/*
 * The trie against the definition: the longest of all stored prefixes
 * containing the address, found by scanning every one of them.
 */
static void
test_against_scan(void **state)
{
	static struct nj_addr net[NPFX];
	static unsigned len[NPFX];
	struct nj_prefix_set *s = nj_prefix_new(0);
	struct nj_addr a, m;
	uint32_t x = 2463534242u;
	intptr_t v;
	size_t i, j;
	int best, k;

	(void)state;
	for (i = 0; i < NPFX; i++) {
		memset(&net[i], 0, sizeof(net[i]));
		net[i].family = (rnd(&x) & 1) ? 4 : 6;
		/* Few distinct top bytes, so prefixes nest and part often. */
		for (k = 0; k < 16; k++)
			net[i].a[k] = (uint8_t)(k < 2 ? rnd(&x) % 3 : rnd(&x));
		if (net[i].family == 4)
			memset(net[i].a + 4, 0, 12);
		len[i] = rnd(&x) % ((net[i].family == 4 ? 32 : 128) + 1);
		nj_prefix_mask(&net[i], len[i]);
		assert_int_equal(nj_prefix_insert(s, &net[i], len[i],
		    (intptr_t)i), 0);
	}
	for (j = 0; j < 5000; j++) {
		/* Half the probes start inside a stored prefix. */
		a = net[rnd(&x) % NPFX];
		for (k = 0; k < 16; k++)
			if ((j & 1) || rnd(&x) % 4 == 0)
				a.a[k] ^= (uint8_t)rnd(&x);
		if (a.family == 4)
			memset(a.a + 4, 0, 12);
		best = -1;
		for (i = 0; i < NPFX; i++) {
			if (net[i].family != a.family)
				continue;
			m = a;
			nj_prefix_mask(&m, len[i]);
			if (memcmp(&m, &net[i], sizeof(m)) != 0)
				continue;
			/* The same prefix twice: the later insert's value. */
			if (best < 0 || len[i] >= len[best])
				best = (int)i;
		}
		if (best < 0) {
			assert_false(nj_prefix_lookup(s, &a, &v));
			continue;
		}
		assert_true(nj_prefix_lookup(s, &a, &v));
		assert_int_equal(len[v], len[best]);
		assert_memory_equal(&net[v], &net[best], sizeof(net[0]));
	}
	nj_prefix_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_longest),
		cmocka_unit_test(test_families),
		cmocka_unit_test(test_replace_and_get),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_walk_order),
		cmocka_unit_test(test_against_scan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
