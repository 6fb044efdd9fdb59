/*
 * test_dns.c - the DNS message parser on hand-built messages (RFC 1035
 * section 4 wire format, RFC 6891 OPT).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "decoders/dns.h"

/*
 * Response to "www.Example.COM A": flags 0x8180 (QR RD RA), one CNAME
 * (compressed owner pointing at the question) to web.example.net, then
 * web.example.net A 192.0.2.1, then an OPT record with size 1232.
 */
static const uint8_t resp_cname[] = {
	0x12, 0x34, 0x81, 0x80, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01,
	/* 12: question */
	3, 'w', 'w', 'w', 7, 'E', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'C', 'O', 'M', 0,
	0x00, 0x01, 0x00, 0x01,
	/* 33: answer 1: CNAME, owner -> offset 12 */
	0xc0, 0x0c, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x11,
	/* 45: rdata web.example.net (17 bytes) */
	3, 'w', 'e', 'b', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'n', 'e', 't', 0,
	/* 62: answer 2: owner -> offset 45, A, TTL 60 */
	0xc0, 0x2d, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3c, 0x00, 0x04,
	192, 0, 2, 1,
	/* OPT: root, type 41, class 1232, ttl 0 (ext rcode 0, v0, DO 1), rdlen 0 */
	0x00, 0x00, 0x29, 0x04, 0xd0, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00,
};

static void
test_cname_chain(void **state)
{
	struct nj_dns_msg m;
	struct nj_event_counters ec = { 0 };
	struct nj_addr want;

	(void)state;
	assert_int_equal(nj_dns_parse(resp_cname, sizeof(resp_cname), &m, &ec),
	    NJ_DECODE_OK);
	assert_int_equal(m.id, 0x1234);
	assert_true(m.qr);
	assert_true(m.rd);
	assert_true(m.ra);
	assert_false(m.aa);
	assert_false(m.tc);
	assert_int_equal(m.opcode, 0);
	assert_int_equal(m.rcode, 0);
	assert_int_equal(m.qdcount, 1);
	assert_int_equal(m.ancount, 2);
	assert_int_equal(m.arcount, 1);
	assert_true(m.has_question);
	assert_string_equal(m.qname, "www.example.com");
	assert_int_equal(m.qtype, NJ_DNS_T_A);
	assert_int_equal(m.qclass, NJ_DNS_C_IN);
	assert_int_equal(m.n_answers, 2);
	assert_false(m.answers_capped);
	assert_string_equal(m.an[0].name, "www.example.com");
	assert_int_equal(m.an[0].type, NJ_DNS_T_CNAME);
	assert_int_equal(m.an[0].ttl, 300);
	assert_string_equal(m.an[0].target, "web.example.net");
	assert_int_equal(m.an[0].addr.family, 0);
	assert_string_equal(m.an[1].name, "web.example.net");
	assert_int_equal(m.an[1].type, NJ_DNS_T_A);
	assert_int_equal(m.an[1].ttl, 60);
	assert_int_equal(nj_addr_parse("192.0.2.1", &want), 0);
	assert_memory_equal(&m.an[1].addr, &want, sizeof(want));
	assert_true(m.edns);
	assert_int_equal(m.edns_udp_size, 1232);
	assert_true(m.edns_do);
	assert_int_equal(m.size, sizeof(resp_cname));
	assert_false(m.names_cut);
	assert_int_equal(ec.n[NJ_EV_DNS_MALFORMED], 0);
}

/* NXDOMAIN for an AAAA query, authoritative, no answers. */
static const uint8_t resp_nx[] = {
	0xbe, 0xef, 0x85, 0x83, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	2, 'n', 'x', 7, 'i', 'n', 'v', 'a', 'l', 'i', 'd', 0, 0x00, 0x1c, 0x00, 0x01,
};

static void
test_nxdomain(void **state)
{
	struct nj_dns_msg m;

	(void)state;
	assert_int_equal(nj_dns_parse(resp_nx, sizeof(resp_nx), &m, NULL),
	    NJ_DECODE_OK);
	assert_int_equal(m.rcode, NJ_DNS_RCODE_NXDOMAIN);
	assert_true(m.aa);
	assert_string_equal(m.qname, "nx.invalid");
	assert_int_equal(m.qtype, NJ_DNS_T_AAAA);
	assert_int_equal(m.n_answers, 0);
	assert_false(m.edns);
}

/* AAAA answer with an uncompressed owner; and a TXT of two strings. */
static const uint8_t resp_aaaa_txt[] = {
	0x00, 0x01, 0x80, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
	1, 'h', 0, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00, 0x0e, 0x10, 0x00, 0x10,
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	1, 't', 0, 0x00, 0x10, 0x00, 0x01, 0x00, 0x00, 0x00, 0x05, 0x00, 0x07,
	3, 'a', 'b', 'c', 2, 'd', 'e',
};

static void
test_aaaa_txt(void **state)
{
	struct nj_dns_msg m;
	struct nj_addr want;

	(void)state;
	assert_int_equal(nj_dns_parse(resp_aaaa_txt, sizeof(resp_aaaa_txt), &m,
	    NULL), NJ_DECODE_OK);
	assert_false(m.has_question);
	assert_int_equal(m.n_answers, 2);
	assert_string_equal(m.an[0].name, "h");
	assert_int_equal(m.an[0].ttl, 3600);
	assert_int_equal(nj_addr_parse("2001:db8::1", &want), 0);
	assert_memory_equal(&m.an[0].addr, &want, sizeof(want));
	assert_int_equal(m.an[1].type, NJ_DNS_T_TXT);
	assert_int_equal(m.an[1].txt_len, 5);
}

static void
test_malformed(void **state)
{
	struct nj_event_counters ec = { 0 };
	struct nj_dns_msg m;
	/* Question name is a pointer to itself: a compression loop. */
	static const uint8_t loop[] = {
		0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 0x0c, 0, 1, 0, 1,
	};
	/* Header says one answer; the message ends after the question. */
	static const uint8_t shortan[] = {
		0, 1, 0x80, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 'a', 0, 0, 1, 0, 1,
	};

	(void)state;
	assert_int_equal(nj_dns_parse(resp_cname, 11, &m, &ec),
	    NJ_DECODE_MALFORMED);
	assert_int_equal(nj_dns_parse(loop, sizeof(loop), &m, &ec),
	    NJ_DECODE_MALFORMED);
	assert_int_equal(nj_dns_parse(shortan, sizeof(shortan), &m, &ec),
	    NJ_DECODE_MALFORMED);
	assert_int_equal(nj_dns_parse(NULL, 0, &m, &ec), NJ_DECODE_MALFORMED);
	assert_int_equal(ec.n[NJ_EV_DNS_MALFORMED], 4);
	assert_int_equal(m.id, 0);
}

/*
 * The truncation sweep: each message cut at every length. Every header
 * count promises records, so no cut of these messages is a whole message.
 */
static void
test_truncation_sweep(void **state)
{
	static const struct {
		const uint8_t *p;
		size_t len;
	} msgs[] = {
		{ resp_cname, sizeof(resp_cname) },
		{ resp_nx, sizeof(resp_nx) },
		{ resp_aaaa_txt, sizeof(resp_aaaa_txt) },
	};
	struct nj_event_counters ec = { 0 };
	struct nj_dns_msg m;
	size_t i, cut, cuts = 0;

	(void)state;
	for (i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++) {
		for (cut = 0; cut < msgs[i].len; cut++, cuts++)
			assert_int_equal(nj_dns_parse(msgs[i].p, cut, &m, &ec),
			    NJ_DECODE_MALFORMED);
		assert_int_equal(nj_dns_parse(msgs[i].p, msgs[i].len, &m, &ec),
		    NJ_DECODE_OK);
	}
	assert_int_equal(ec.n[NJ_EV_DNS_MALFORMED], cuts);
}

static void
test_name_escapes(void **state)
{
	/* Labels "A.b", "x y\001", "(;)\\": every escape ldns writes. */
	static const uint8_t w[] = {
		3, 'A', '.', 'b', 4, 'x', ' ', 'y', 1, 4, '(', ';', ')', '\\', 0,
	};
	static const uint8_t root[] = { 0 };
	static const uint8_t ptr[] = { 0xc0, 0x0c };
	char buf[NJ_DNS_NAME_MAX], small[8];

	(void)state;
	assert_true(nj_dns_name_str(w, sizeof(w), buf, sizeof(buf)));
	assert_string_equal(buf, "a\\.b.x\\032y\\001.\\(\\;\\)\\\\");
	assert_true(nj_dns_name_str(root, sizeof(root), buf, sizeof(buf)));
	assert_string_equal(buf, ".");
	assert_false(nj_dns_name_str(ptr, sizeof(ptr), buf, sizeof(buf)));
	/* "a\.b" fits in 8 with the NUL; the escape "\032" does not. */
	assert_false(nj_dns_name_str(w, sizeof(w), small, sizeof(small)));
	assert_string_equal(small, "a\\.b.x");
}

/* Mnemonics from RFC 1035 3.2.2 / 4.1.1, RFC 3596 and RFC 6895. */
static void
test_mnemonics(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(nj_dns_type_name(1, buf, sizeof(buf)), "A");
	assert_string_equal(nj_dns_type_name(28, buf, sizeof(buf)), "AAAA");
	assert_string_equal(nj_dns_type_name(16, buf, sizeof(buf)), "TXT");
	assert_string_equal(nj_dns_type_name(5, buf, sizeof(buf)), "CNAME");
	assert_string_equal(nj_dns_type_name(65280, buf, sizeof(buf)),
	    "TYPE65280");
	assert_string_equal(nj_dns_rcode_name(0, buf, sizeof(buf)), "NOERROR");
	assert_string_equal(nj_dns_rcode_name(3, buf, sizeof(buf)), "NXDOMAIN");
	assert_string_equal(nj_dns_rcode_name(2, buf, sizeof(buf)), "SERVFAIL");
	assert_string_equal(nj_dns_rcode_name(4000, buf, sizeof(buf)),
	    "RCODE4000");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cname_chain),
		cmocka_unit_test(test_nxdomain),
		cmocka_unit_test(test_aaaa_txt),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_truncation_sweep),
		cmocka_unit_test(test_name_escapes),
		cmocka_unit_test(test_mnemonics),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
