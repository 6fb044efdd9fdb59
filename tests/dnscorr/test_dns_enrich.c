/*
 * test_dns_enrich.c - the DNS correlation enricher: the client's own
 * answer wins over anyone's, the CNAME chain comes out whole, a miss adds
 * nothing, roles swap for inbound alerts, a detector's hostname stays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sensor/alert.h"
#include "sensor/dns_enrich.h"
#include "sensor/dnscache.h"
#include "sensor/sensor.h"

/* 2026-03-02T12:00:00Z */
#define T0 NJ_SEC(1772452800)

static struct nj_dns_msg M;
static struct nj_alert A;

static struct nj_addr
addr(const char *s)
{
	struct nj_addr a;

	assert_int_equal(nj_addr_parse(s, &a), 0);
	return a;
}

/* A response to "A qname": CNAMEs along names[], then one A record. */
static void
response(const char *const *names, int nnames, const char *ip, uint32_t ttl)
{
	int i;

	memset(&M, 0, sizeof(M));
	M.qr = true;
	M.rd = M.ra = true;
	M.has_question = true;
	snprintf(M.qname, sizeof(M.qname), "%s", names[0]);
	M.qtype = NJ_DNS_T_A;
	M.qclass = NJ_DNS_C_IN;
	for (i = 0; i + 1 < nnames; i++) {
		snprintf(M.an[i].name, sizeof(M.an[i].name), "%s", names[i]);
		snprintf(M.an[i].target, sizeof(M.an[i].target), "%s",
		    names[i + 1]);
		M.an[i].type = NJ_DNS_T_CNAME;
		M.an[i].rclass = NJ_DNS_C_IN;
		M.an[i].ttl = ttl;
	}
	snprintf(M.an[i].name, sizeof(M.an[i].name), "%s", names[i]);
	M.an[i].type = NJ_DNS_T_A;
	M.an[i].rclass = NJ_DNS_C_IN;
	M.an[i].ttl = ttl;
	M.an[i].addr = addr(ip);
	M.n_answers = (uint8_t)(i + 1);
	M.ancount = M.n_answers;
}

static const struct nj_alert_field *
field(const char *obj, const char *key)
{
	int i;

	for (i = 0; i < A.nfields; i++)
		if (strcmp(A.fields[i].obj, obj) == 0 &&
		    strcmp(A.fields[i].key, key) == 0)
			return &A.fields[i];
	return NULL;
}

static void
alert_to(const char *src, const char *dst, nj_time_t ts)
{
	struct nj_addr s = addr(src), d = addr(dst);

	nj_alert_init(&A, "private-destination", NJ_SEV_MEDIUM, ts);
	nj_alert_tuple(&A, &s, 40000, &d, 80, 6);
}

static int
setup(void **state)
{
	static struct nj_sensor s;

	memset(&s, 0, sizeof(s));
	if ((s.dns = nj_dnscache_new(64)) == NULL)
		return -1;
	*state = &s;
	return 0;
}

static int
teardown(void **state)
{
	struct nj_sensor *s = *state;

	nj_dnscache_free(s->dns);
	return 0;
}

static void
test_client_answer_wins(void **state)
{
	struct nj_sensor *s = *state;
	static const char *const mine[] = { "proof.example.com" };
	static const char *const other[] = { "other.example.net" };
	struct nj_addr c1 = addr("192.168.50.107"), c2 = addr("192.168.50.112");
	struct nj_addr res = addr("192.168.50.2");
	const struct nj_alert_field *f;

	/* The client's own answer is older than someone else's. */
	response(mine, 1, "172.16.45.35", 300);
	nj_dnscache_answer(s->dns, &c1, &res, &M, T0);
	response(other, 1, "172.16.45.35", 600);
	nj_dnscache_answer(s->dns, &c2, &res, &M, T0 + NJ_SEC(10));
	s->now = T0 + NJ_SEC(20);
	alert_to("192.168.50.107", "172.16.45.35", s->now);
	nj_dns_enrich(NULL, s, &A);
	assert_string_equal(A.hostname, "proof.example.com");
	assert_non_null(f = field("dns", "by_client"));
	assert_true(f->v.b);
	assert_non_null(f = field("dns", "answered"));
	assert_true(f->v.t == T0);
	assert_non_null(f = field("dns", "ttl"));
	assert_int_equal(f->v.u, 300);
	assert_non_null(f = field("dns", "resolver"));
	assert_string_equal(f->s, "192.168.50.2");
	assert_null(field("dns", "client"));

	/* A third host that resolved nothing gets the newest answer. */
	alert_to("192.168.50.103", "172.16.45.35", s->now);
	nj_dns_enrich(NULL, s, &A);
	assert_string_equal(A.hostname, "other.example.net");
	assert_non_null(f = field("dns", "by_client"));
	assert_false(f->v.b);
	assert_non_null(f = field("dns", "client"));
	assert_string_equal(f->s, "192.168.50.112");
}

static void
test_chain(void **state)
{
	struct nj_sensor *s = *state;
	static const char *const chain[] = { "www.example.com",
	    "www.example.com.cdn.example.net", "e1.cdn.example.net" };
	struct nj_addr c = addr("192.168.50.100"), res = addr("192.168.50.2");
	const struct nj_alert_field *f;
	char want[256];

	response(chain, 3, "10.9.8.7", 60);
	nj_dnscache_answer(s->dns, &c, &res, &M, T0);
	s->now = T0 + NJ_SEC(1);
	alert_to("192.168.50.100", "10.9.8.7", s->now);
	nj_dns_enrich(NULL, s, &A);
	/* The hostname is what the client asked, not the CDN's name. */
	assert_string_equal(A.hostname, "www.example.com");
	assert_non_null(f = field("dns", "query"));
	assert_string_equal(f->s, "www.example.com");
	assert_non_null(f = field("dns", "chain"));
	assert_int_equal(f->type, NJ_FIELD_LIST);
	snprintf(want, sizeof(want), "%s%c%s%c%s", chain[0], NJ_ALERT_LIST_SEP,
	    chain[1], NJ_ALERT_LIST_SEP, chain[2]);
	assert_string_equal(f->s, want);
}

static void
test_no_hit(void **state)
{
	struct nj_sensor *s = *state;
	int before;

	s->now = T0;
	alert_to("192.168.50.103", "10.20.30.40", s->now);
	before = A.nfields;
	nj_dns_enrich(NULL, s, &A);
	assert_string_equal(A.hostname, "");
	assert_int_equal(A.nfields, before);
	/* No cache at all: nothing either. */
	{
		struct nj_sensor bare = { .dns = NULL };

		nj_dns_enrich(NULL, &bare, &A);
		assert_string_equal(A.hostname, "");
	}
}

static void
test_inbound_swaps(void **state)
{
	struct nj_sensor *s = *state;
	static const char *const name[] = { "irc.example.org" };
	struct nj_addr c = addr("192.168.50.105"), res = addr("192.168.50.2");

	response(name, 1, "203.0.113.9", 300);
	nj_dnscache_answer(s->dns, &c, &res, &M, T0);
	s->now = T0 + NJ_SEC(5);
	/* The outside host talks to the local one that resolved it. */
	alert_to("203.0.113.9", "192.168.50.105", s->now);
	nj_dns_enrich(NULL, s, &A);
	assert_string_equal(A.hostname, "irc.example.org");
}

static void
test_detector_hostname_kept(void **state)
{
	struct nj_sensor *s = *state;
	static const char *const name[] = { "resolver.example.com" };
	struct nj_addr c = addr("192.168.50.107"), res = addr("192.168.50.2");

	response(name, 1, "192.168.50.2", 300);
	nj_dnscache_answer(s->dns, &c, &res, &M, T0);
	s->now = T0 + NJ_SEC(1);
	alert_to("192.168.50.107", "192.168.50.2", s->now);
	snprintf(A.hostname, sizeof(A.hostname), "proof.example.com");
	nj_dns_enrich(NULL, s, &A);
	assert_string_equal(A.hostname, "proof.example.com");
	assert_null(field("dns", "query"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_client_answer_wins, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_hit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inbound_swaps, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_detector_hostname_kept,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
