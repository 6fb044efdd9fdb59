/*
 * test_dnscache.c - the passive DNS cache with injected packet time:
 * CNAME chains, most recent answer wins (the client's own first), expiry
 * with and without grace, the cap and LRU eviction, records off the chain.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sensor/dnscache.h"

static struct nj_addr
A(const char *s)
{
	struct nj_addr a;

	assert_int_equal(nj_addr_parse(s, &a), 0);
	return a;
}

/* A NOERROR response to an A query for qname. */
static void
msg_init(struct nj_dns_msg *m, const char *qname)
{
	memset(m, 0, sizeof(*m));
	m->qr = true;
	m->has_question = true;
	snprintf(m->qname, sizeof(m->qname), "%s", qname);
	m->qtype = NJ_DNS_T_A;
	m->qclass = NJ_DNS_C_IN;
}

static void
add_cname(struct nj_dns_msg *m, const char *owner, const char *target,
    uint32_t ttl)
{
	struct nj_dns_rr *rr = &m->an[m->n_answers++];

	snprintf(rr->name, sizeof(rr->name), "%s", owner);
	snprintf(rr->target, sizeof(rr->target), "%s", target);
	rr->type = NJ_DNS_T_CNAME;
	rr->rclass = NJ_DNS_C_IN;
	rr->ttl = ttl;
}

static void
add_addr(struct nj_dns_msg *m, const char *owner, const char *addr,
    uint32_t ttl)
{
	struct nj_dns_rr *rr = &m->an[m->n_answers++];

	snprintf(rr->name, sizeof(rr->name), "%s", owner);
	rr->addr = A(addr);
	rr->type = rr->addr.family == 4 ? NJ_DNS_T_A : NJ_DNS_T_AAAA;
	rr->rclass = NJ_DNS_C_IN;
	rr->ttl = ttl;
}

static void
test_chain(void **state)
{
	struct nj_dnscache *c = nj_dnscache_new(16);
	struct nj_addr cl = A("10.0.0.5"), res = A("10.0.0.53");
	struct nj_addr dst = A("2001:db8::7");
	struct nj_dns_msg m;
	struct nj_dns_hit h;

	(void)state;
	assert_non_null(c);
	msg_init(&m, "www.example.com");
	add_cname(&m, "www.example.com", "edge.cdn.example.net", 300);
	add_cname(&m, "edge.cdn.example.net", "e1.cdn.example.net", 120);
	add_addr(&m, "e1.cdn.example.net", "192.0.2.1", 60);
	add_addr(&m, "e1.cdn.example.net", "2001:db8::7", 90);
	assert_int_equal(nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(100)), 2);

	assert_true(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(101), &h));
	assert_true(h.by_client);
	assert_int_equal(h.nchain, 3);
	assert_string_equal(h.chain[0], "www.example.com");
	assert_string_equal(h.chain[1], "edge.cdn.example.net");
	assert_string_equal(h.chain[2], "e1.cdn.example.net");
	assert_string_equal(nj_dns_hit_qname(&h), "www.example.com");
	assert_string_equal(nj_dns_hit_name(&h), "e1.cdn.example.net");
	assert_memory_equal(&h.resolver, &res, sizeof(res));
	assert_memory_equal(&h.client, &cl, sizeof(cl));
	assert_int_equal(h.when, NJ_SEC(100));
	assert_int_equal(h.ttl, 60); /* the least TTL of the chain's records */
	assert_false(h.chain_cut);
	dst = A("192.0.2.1");
	assert_true(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(101), &h));
	assert_string_equal(nj_dns_hit_name(&h), "e1.cdn.example.net");
	dst = A("192.0.2.2");
	assert_false(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(101), &h));
	nj_dnscache_free(c);
}

static void
test_most_recent(void **state)
{
	struct nj_dnscache *c = nj_dnscache_new(16);
	struct nj_addr a = A("10.0.0.1"), b = A("10.0.0.2"), x = A("10.0.0.3");
	struct nj_addr res = A("10.0.0.53"), dst = A("198.51.100.9");
	struct nj_dnscache_stats st;
	struct nj_dns_msg m;
	struct nj_dns_hit h;

	(void)state;
	msg_init(&m, "old.example");
	add_addr(&m, "old.example", "198.51.100.9", 300);
	nj_dnscache_answer(c, &a, &res, &m, NJ_SEC(10));
	msg_init(&m, "new.example");
	add_addr(&m, "new.example", "198.51.100.9", 300);
	nj_dnscache_answer(c, &a, &res, &m, NJ_SEC(20));
	msg_init(&m, "other.example");
	add_addr(&m, "other.example", "198.51.100.9", 300);
	nj_dnscache_answer(c, &b, &res, &m, NJ_SEC(30));

	/* A's own latest answer beats B's later one. */
	assert_true(nj_dnscache_lookup(c, &a, &dst, NJ_SEC(40), &h));
	assert_true(h.by_client);
	assert_string_equal(nj_dns_hit_name(&h), "new.example");
	assert_int_equal(h.when, NJ_SEC(20));
	/* X never asked: the latest answer to anyone, which was B's. */
	assert_true(nj_dnscache_lookup(c, &x, &dst, NJ_SEC(40), &h));
	assert_false(h.by_client);
	assert_string_equal(nj_dns_hit_name(&h), "other.example");
	assert_memory_equal(&h.client, &b, sizeof(b));
	nj_dnscache_stats(c, &st);
	assert_int_equal(st.entries, 2);
	assert_int_equal(st.inserted, 2);
	assert_int_equal(st.refreshed, 1);
	assert_int_equal(st.hits_client, 1);
	assert_int_equal(st.hits_other, 1);
	assert_int_equal(st.misses, 0);
	nj_dnscache_free(c);
}

static void
test_expiry(void **state)
{
	struct nj_dnscache *c = nj_dnscache_new(16);
	struct nj_addr cl = A("10.0.0.1"), other = A("10.0.0.9");
	struct nj_addr res = A("10.0.0.53"), dst = A("203.0.113.5");
	struct nj_dnscache_stats st;
	struct nj_dns_msg m;
	struct nj_dns_hit h;

	(void)state;
	msg_init(&m, "short.example");
	add_addr(&m, "short.example", "203.0.113.5", 60);
	/* Default grace: kept an hour although the TTL is a minute. */
	nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(1000));
	assert_true(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(1000 + 1800), &h));
	assert_true(nj_dnscache_lookup(c, &other, &dst, NJ_SEC(1000 + 3599), &h));
	assert_false(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(1000 + 3600), &h));
	nj_dnscache_stats(c, &st);
	assert_int_equal(st.expired, 1);
	assert_int_equal(st.entries, 0);

	/* No grace: the TTL alone; a long TTL beats the grace. */
	nj_dnscache_set_grace(c, 0);
	nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(5000));
	assert_true(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(5059), &h));
	assert_false(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(5060), &h));
	nj_dnscache_set_grace(c, NJ_SEC(3600));
	msg_init(&m, "long.example");
	add_addr(&m, "long.example", "203.0.113.5", 86400);
	nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(10000));
	assert_true(nj_dnscache_lookup(c, &other, &dst, NJ_SEC(10000 + 86399), &h));
	assert_false(nj_dnscache_lookup(c, &other, &dst, NJ_SEC(10000 + 86400), &h));
	nj_dnscache_stats(c, &st);
	assert_int_equal(st.expired, 3);
	assert_int_equal(st.misses, 3);
	nj_dnscache_free(c);
}

static void
test_cap_eviction(void **state)
{
	struct nj_dnscache *c = nj_dnscache_new(4);
	struct nj_addr cl = A("10.0.0.1"), res = A("10.0.0.53"), dst;
	struct nj_dnscache_stats st;
	struct nj_dns_msg m;
	struct nj_dns_hit h;
	char addr[32];
	int i;

	(void)state;
	for (i = 1; i <= 4; i++) {
		msg_init(&m, "n.example");
		snprintf(addr, sizeof(addr), "192.0.2.%d", i);
		add_addr(&m, "n.example", addr, 300);
		nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(i));
	}
	/* Using .1 makes .2 the least recently used. */
	dst = A("192.0.2.1");
	assert_true(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(5), &h));
	msg_init(&m, "n.example");
	add_addr(&m, "n.example", "192.0.2.5", 300);
	nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(6));
	nj_dnscache_stats(c, &st);
	assert_int_equal(st.entries, 4);
	assert_int_equal(st.evicted, 1);
	assert_int_equal(st.cap, 4);
	dst = A("192.0.2.2");
	assert_false(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(7), &h));
	for (i = 1; i <= 5; i++) {
		if (i == 2)
			continue;
		snprintf(addr, sizeof(addr), "192.0.2.%d", i);
		dst = A(addr);
		assert_true(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(7), &h));
	}
	nj_dnscache_free(c);
}

static void
test_ignored(void **state)
{
	struct nj_dnscache *c = nj_dnscache_new(16);
	struct nj_addr cl = A("10.0.0.1"), res = A("10.0.0.53");
	struct nj_addr dst = A("192.0.2.66");
	struct nj_dnscache_stats st;
	struct nj_dns_msg m;
	struct nj_dns_hit h;

	(void)state;
	/* An address record for a name nobody asked about. */
	msg_init(&m, "asked.example");
	add_addr(&m, "bank.example", "192.0.2.66", 300);
	assert_int_equal(nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(1)), 0);
	/* NXDOMAIN, a query, and a CNAME loop. */
	msg_init(&m, "asked.example");
	add_addr(&m, "asked.example", "192.0.2.66", 300);
	m.rcode = NJ_DNS_RCODE_NXDOMAIN;
	assert_int_equal(nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(1)), 0);
	m.rcode = 0;
	m.qr = false;
	assert_int_equal(nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(1)), 0);
	msg_init(&m, "a.example");
	add_cname(&m, "a.example", "b.example", 300);
	add_cname(&m, "b.example", "a.example", 300);
	add_addr(&m, "a.example", "192.0.2.66", 300);
	assert_int_equal(nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(1)), 0);
	assert_false(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(2), &h));
	nj_dnscache_stats(c, &st);
	assert_int_equal(st.skipped, 1);
	assert_int_equal(st.entries, 0);
	assert_int_equal(st.messages, 0);
	nj_dnscache_free(c);
}

/* An IPv4-mapped AAAA is found under the IPv4 address on the wire. */
static void
test_mapped(void **state)
{
	struct nj_dnscache *c = nj_dnscache_new(16);
	struct nj_addr cl = A("10.0.0.1"), res = A("10.0.0.53");
	struct nj_addr v4 = A("192.168.7.7");
	struct nj_dns_msg m;
	struct nj_dns_hit h;

	(void)state;
	msg_init(&m, "intranet.example.com");
	m.qtype = NJ_DNS_T_AAAA;
	add_addr(&m, "intranet.example.com", "::ffff:192.168.7.7", 300);
	assert_int_equal(nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(1)), 1);
	assert_true(nj_dnscache_lookup(c, &cl, &v4, NJ_SEC(2), &h));
	assert_string_equal(nj_dns_hit_name(&h), "intranet.example.com");
	nj_dnscache_free(c);
}

/* A chain longer than the cache keeps: the question, the middle cut, the end. */
static void
test_long_chain(void **state)
{
	struct nj_dnscache *c = nj_dnscache_new(16);
	struct nj_addr cl = A("10.0.0.1"), res = A("10.0.0.53");
	struct nj_addr dst = A("192.0.2.77");
	struct nj_dns_msg m;
	struct nj_dns_hit h;
	char from[32], to[32];
	int i;

	(void)state;
	msg_init(&m, "c0.example");
	for (i = 0; i < 12; i++) {
		snprintf(from, sizeof(from), "c%d.example", i);
		snprintf(to, sizeof(to), "c%d.example", i + 1);
		add_cname(&m, from, to, 300);
	}
	add_addr(&m, "c12.example", "192.0.2.77", 300);
	assert_int_equal(nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(1)), 1);
	assert_true(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(2), &h));
	assert_int_equal(h.nchain, NJ_DNSCACHE_CHAIN_MAX);
	assert_true(h.chain_cut);
	assert_string_equal(nj_dns_hit_qname(&h), "c0.example");
	assert_string_equal(h.chain[1], "c1.example");
	assert_string_equal(nj_dns_hit_name(&h), "c12.example");
	nj_dnscache_free(c);
}

/*
 * Many clients and addresses through a small cache: after every answer
 * the pair just inserted is found with its name, and the counters add up.
 */
static void
test_churn(void **state)
{
	struct nj_dnscache *c = nj_dnscache_new(64);
	struct nj_addr cl, other, res = A("10.0.0.53"), dst;
	struct nj_dnscache_stats st;
	struct nj_dns_msg m;
	struct nj_dns_hit h;
	char name[32], addr[32];
	uint32_t x = 12345;
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		x = x * 1103515245u + 12345u;
		nj_addr_set4(&cl, 0x0a000000u | ((x >> 8) & 7));
		snprintf(addr, sizeof(addr), "198.18.0.%u", (x >> 16) % 100);
		snprintf(name, sizeof(name), "n%d.example", i);
		msg_init(&m, name);
		add_addr(&m, name, addr, 1 + (x >> 24) % 4);
		nj_dnscache_set_grace(c, NJ_SEC((x >> 4) % 3));
		nj_dnscache_answer(c, &cl, &res, &m, NJ_SEC(i));
		dst = A(addr);
		assert_true(nj_dnscache_lookup(c, &cl, &dst, NJ_SEC(i), &h));
		assert_string_equal(nj_dns_hit_name(&h), name);
		nj_dnscache_stats(c, &st);
		assert_true(st.entries <= 64);
		/* Someone who never asked, about any address: never "own". */
		nj_addr_set4(&other, 0x0b000000u | (x & 0xff));
		snprintf(addr, sizeof(addr), "198.18.0.%u", (x >> 3) % 100);
		dst = A(addr);
		if (nj_dnscache_lookup(c, &other, &dst, NJ_SEC(i), &h))
			assert_false(h.by_client);
		assert_int_equal(st.inserted - st.evicted - st.expired, st.entries);
	}
	nj_dnscache_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_most_recent),
		cmocka_unit_test(test_expiry),
		cmocka_unit_test(test_cap_eviction),
		cmocka_unit_test(test_ignored),
		cmocka_unit_test(test_mapped),
		cmocka_unit_test(test_long_chain),
		cmocka_unit_test(test_churn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
