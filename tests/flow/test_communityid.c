/*
 * test_communityid.c - Community ID v1 against the test vectors of the
 * reference implementation (corelight pycommunityid tests), seed 0 and 1.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "sensor/flow.h"
#include "sensor/sha1.h"

struct vec {
	const char *src, *dst;
	uint16_t sport, dport;
	uint8_t proto;
	const char *seed0, *seed1;
};

static const struct vec vecs[] = {
	{ "128.232.110.120", "66.35.250.204", 34855, 80, IPPROTO_TCP,
	  "1:LQU9qZlK+B5F3KDmev6m5PMibrg=", "1:3V71V58M3Ksw/yuFALMcW0LAHvc=" },
	{ "66.35.250.204", "128.232.110.120", 80, 34855, IPPROTO_TCP,
	  "1:LQU9qZlK+B5F3KDmev6m5PMibrg=", "1:3V71V58M3Ksw/yuFALMcW0LAHvc=" },
	{ "10.0.0.1", "10.0.0.2", 10, 11569, IPPROTO_TCP,
	  "1:SXBGMX1lBOwhhoDrZynfROxnhnM=", "1:HmBRGR+fUyXF4t8WEtal7Y0gEAo=" },
	{ "192.168.1.52", "8.8.8.8", 54585, 53, IPPROTO_UDP,
	  "1:d/FP5EW3wiY1vCndhwleRRKHowQ=", "1:Q9We8WO3piVF8yEQBNJF4uiSVrI=" },
	{ "8.8.8.8", "192.168.1.52", 53, 54585, IPPROTO_UDP,
	  "1:d/FP5EW3wiY1vCndhwleRRKHowQ=", "1:Q9We8WO3piVF8yEQBNJF4uiSVrI=" },
	{ "192.168.0.89", "192.168.0.1", 8, 0, IPPROTO_ICMP,
	  "1:X0snYXpgwiv9TZtqg64sgzUn6Dk=", "1:03g6IloqVBdcZlPyX8r0hgoE7kA=" },
	{ "192.168.0.1", "192.168.0.89", 0, 8, IPPROTO_ICMP,
	  "1:X0snYXpgwiv9TZtqg64sgzUn6Dk=", "1:03g6IloqVBdcZlPyX8r0hgoE7kA=" },
	{ "192.168.0.89", "192.168.0.1", 20, 0, IPPROTO_ICMP,
	  "1:3o2RFccXzUgjl7zDpqmY7yJi8rI=", "1:lCXHHxavE1Vq3oX9NH5ladQg02o=" },
	{ "192.168.0.89", "192.168.0.1", 20, 1, IPPROTO_ICMP,
	  "1:tz/fHIDUHs19NkixVVoOZywde+I=", "1:Ie3wmFyxiEyikbsbcO03d2nh+PM=" },
	{ "192.168.0.1", "192.168.0.89", 0, 20, IPPROTO_ICMP,
	  "1:X0snYXpgwiv9TZtqg64sgzUn6Dk=", "1:03g6IloqVBdcZlPyX8r0hgoE7kA=" },
	{ "fe80::200:86ff:fe05:80da", "fe80::260:97ff:fe07:69ea", 135, 0,
	  IPPROTO_ICMPV6,
	  "1:dGHyGvjMfljg6Bppwm3bg0LO8TY=", "1:kHa1FhMYIT6Ym2Vm2AOtoOARDzY=" },
	{ "fe80::260:97ff:fe07:69ea", "fe80::200:86ff:fe05:80da", 136, 0,
	  IPPROTO_ICMPV6,
	  "1:dGHyGvjMfljg6Bppwm3bg0LO8TY=", "1:kHa1FhMYIT6Ym2Vm2AOtoOARDzY=" },
	{ "3ffe:507:0:1:260:97ff:fe07:69ea", "3ffe:507:0:1:200:86ff:fe05:80da",
	  3, 0, IPPROTO_ICMPV6,
	  "1:NdobDX8PQNJbAyfkWxhtL2Pqp5w=", "1:OlOWx9psIbBFi7lOCw/4MhlKR9M=" },
	{ "3ffe:507:0:1:200:86ff:fe05:80da", "3ffe:507:0:1:260:97ff:fe07:69ea",
	  3, 0, IPPROTO_ICMPV6,
	  "1:/OGBt9BN1ofenrmSPWYicpij2Vc=", "1:Ij4ZxnC87/MXzhOjvH2vHu7LRmE=" },
	{ "192.168.170.8", "192.168.170.56", 7, 80, IPPROTO_SCTP,
	  "1:jQgCxbku+pNGw8WPbEc/TS/uTpQ=", "1:Y1/0jQg6e+I3ZwZZ9LP65DNbTXU=" },
};

static void
test_vectors(void **state)
{
	struct nj_addr s, d;
	char buf[NJ_COMMUNITY_ID_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		assert_int_equal(nj_addr_parse(vecs[i].src, &s), 0);
		assert_int_equal(nj_addr_parse(vecs[i].dst, &d), 0);
		nj_community_id(&s, vecs[i].sport, &d, vecs[i].dport,
		    vecs[i].proto, 0, buf, sizeof(buf));
		assert_string_equal(buf, vecs[i].seed0);
		nj_community_id(&s, vecs[i].sport, &d, vecs[i].dport,
		    vecs[i].proto, 1, buf, sizeof(buf));
		assert_string_equal(buf, vecs[i].seed1);
	}
}

/* The flow form uses the initiator's view of the same tuple. */
static void
test_flow_form(void **state)
{
	struct nj_flow f = { 0 };
	char buf[NJ_COMMUNITY_ID_LEN];

	(void)state;
	assert_int_equal(nj_addr_parse("66.35.250.204", &f.orig), 0);
	assert_int_equal(nj_addr_parse("128.232.110.120", &f.resp), 0);
	f.orig_port = 80;
	f.resp_port = 34855;
	f.proto = IPPROTO_TCP;
	nj_flow_community_id(&f, 0, buf, sizeof(buf));
	assert_string_equal(buf, "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
}

/* A short buffer gets a terminated string, never an overflow. */
static void
test_short_buffer(void **state)
{
	struct nj_addr s, d;
	char buf[8];

	(void)state;
	nj_addr_parse("10.0.0.1", &s);
	nj_addr_parse("10.0.0.2", &d);
	nj_community_id(&s, 1, &d, 2, IPPROTO_TCP, 0, buf, sizeof(buf));
	assert_true(memchr(buf, '\0', sizeof(buf)) != NULL);
	assert_memory_equal(buf, "1:", 2);
}

static void
hex(const uint8_t *d, char *out)
{
	int i;

	for (i = 0; i < NJ_SHA1_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* FIPS 180 examples, including the padding that spills into a block. */
static void
test_sha1(void **state)
{
	static const struct {
		const char *in, *out;
	} v[] = {
		{ "", "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
		{ "abc", "a9993e364706816aba3e25717850c26c9cd0d89d" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
	};
	struct nj_sha1 c;
	uint8_t d[NJ_SHA1_LEN];
	char h[2 * NJ_SHA1_LEN + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		nj_sha1_init(&c);
		nj_sha1_update(&c, v[i].in, strlen(v[i].in));
		nj_sha1_final(&c, d);
		hex(d, h);
		assert_string_equal(h, v[i].out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha1),
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_flow_form),
		cmocka_unit_test(test_short_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
