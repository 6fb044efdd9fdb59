/*
 * test_ptr_wire.c - the PTR query's bytes (RFC 1035 4.1.1, reverse names
 * per RFC 1035 3.5 and RFC 3596 2.5) and the reading of hand-made
 * answers: which are ours, which say no, which carry a name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sensor/ptr_wire.h"

static void
test_query_v4(void **state)
{
	/* Header: id 0x1234, flags RD only, QDCOUNT 1, other counts 0. */
	static const uint8_t hdr[12] = { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0,
	    0, 0, 0, 0 };
	/* 142.69.2.81.in-addr.arpa, QTYPE PTR (12), QCLASS IN (1). */
	static const uint8_t q[] = { 3, '1', '4', '2', 2, '6', '9', 1, '2',
	    2, '8', '1', 7, 'i', 'n', '-', 'a', 'd', 'd', 'r', 4, 'a', 'r',
	    'p', 'a', 0, 0, 12, 0, 1 };
	struct nj_addr a;
	ldns_rdf *qname;
	uint8_t *wire;
	size_t len;
	char *s;

	(void)state;
	assert_int_equal(nj_addr_parse("81.2.69.142", &a), 0);
	assert_int_equal(nj_ptr_query(&a, 0x1234, &wire, &len, &qname), 0);
	assert_int_equal(len, sizeof(hdr) + sizeof(q));
	assert_memory_equal(wire, hdr, sizeof(hdr));
	assert_memory_equal(wire + sizeof(hdr), q, sizeof(q));
	s = ldns_rdf2str(qname);
	assert_string_equal(s, "142.69.2.81.in-addr.arpa.");
	free(s);
	free(wire);
	ldns_rdf_deep_free(qname);
}

static void
test_query_v6(void **state)
{
	struct nj_addr a;
	ldns_rdf *qname;
	uint8_t *wire;
	size_t len;
	char *s;

	(void)state;
	assert_int_equal(nj_addr_parse("2a02:d3c0::1", &a), 0);
	assert_int_equal(nj_ptr_query(&a, 7, &wire, &len, &qname), 0);
	s = ldns_rdf2str(qname);
	assert_string_equal(s, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "0.0.0.c.3.d.2.0.a.2.ip6.arpa.");
	free(s);
	/* 12 header + 64 nibble labels (2 bytes each) + ip6 + arpa + root
	 * + type + class. */
	assert_int_equal(len, 12 + 64 + 4 + 5 + 1 + 4);
	free(wire);
	ldns_rdf_deep_free(qname);
	a.family = 0;
	assert_int_equal(nj_ptr_query(&a, 7, &wire, &len, &qname), -1);
}

/* A response to qname PTR with rcode and answer RRs in zone format. */
static ldns_pkt *
response(const char *qname, bool qr, ldns_pkt_rcode rcode,
    const char *const *rrs)
{
	ldns_pkt *p;
	ldns_rr *rr;

	assert_int_equal(ldns_pkt_query_new_frm_str(&p, qname,
	    LDNS_RR_TYPE_PTR, LDNS_RR_CLASS_IN, LDNS_RD), LDNS_STATUS_OK);
	ldns_pkt_set_qr(p, qr);
	ldns_pkt_set_rcode(p, (uint8_t)rcode);
	for (; rrs != NULL && *rrs != NULL; rrs++) {
		assert_int_equal(ldns_rr_new_frm_str(&rr, *rrs, 0, NULL, NULL),
		    LDNS_STATUS_OK);
		assert_true(ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr));
	}
	return p;
}

static enum nj_ptr_answer
judge(const char *qname, bool qr, ldns_pkt_rcode rcode,
    const char *const *rrs, char *name, uint32_t *ttl)
{
	ldns_rdf *ours = ldns_dname_new_frm_str("142.69.2.81.in-addr.arpa.");
	ldns_pkt *p = response(qname, qr, rcode, rrs);
	enum nj_ptr_answer r;

	r = nj_ptr_answer(p, ours, name, 256, ttl);
	ldns_pkt_free(p);
	ldns_rdf_deep_free(ours);
	return r;
}

static void
test_answers(void **state)
{
	static const char *const ptr[] = {
	    "142.69.2.81.in-addr.arpa. 3600 IN PTR london.example.net.", NULL };
	static const char *const txt[] = {
	    "142.69.2.81.in-addr.arpa. 60 IN TXT \"no\"", NULL };
	static const char *const cname[] = {
	    "142.69.2.81.in-addr.arpa. 60 IN CNAME 142.128-26.2.81.in-addr.arpa.",
	    "142.128-26.2.81.in-addr.arpa. 120 IN PTR host.example.org.",
	    NULL };
	const char *q = "142.69.2.81.in-addr.arpa.";
	char name[256];
	uint32_t ttl = 0;

	(void)state;
	assert_int_equal(judge(q, true, LDNS_RCODE_NOERROR, ptr, name, &ttl),
	    NJ_PTRA_NAME);
	assert_string_equal(name, "london.example.net");
	assert_int_equal(ttl, 3600);
	/* Names compare case-insensitively (RFC 4343). */
	assert_int_equal(judge("142.69.2.81.IN-ADDR.ARPA.", true,
	    LDNS_RCODE_NOERROR, ptr, name, &ttl), NJ_PTRA_NAME);
	assert_int_equal(judge(q, true, LDNS_RCODE_NOERROR, cname, name, &ttl),
	    NJ_PTRA_NAME);
	assert_string_equal(name, "host.example.org");
	assert_int_equal(ttl, 120);
	assert_int_equal(judge(q, true, LDNS_RCODE_NXDOMAIN, NULL, name, &ttl),
	    NJ_PTRA_NONE);
	assert_int_equal(judge(q, true, LDNS_RCODE_NOERROR, NULL, name, &ttl),
	    NJ_PTRA_NONE);
	assert_int_equal(judge(q, true, LDNS_RCODE_NOERROR, txt, name, &ttl),
	    NJ_PTRA_NONE);
	assert_int_equal(judge(q, true, LDNS_RCODE_SERVFAIL, NULL, name, &ttl),
	    NJ_PTRA_FAIL);
	assert_int_equal(judge(q, true, LDNS_RCODE_REFUSED, NULL, name, &ttl),
	    NJ_PTRA_FAIL);
	/* Not a response, or not to our question: ignored. */
	assert_int_equal(judge(q, false, LDNS_RCODE_NOERROR, ptr, name, &ttl),
	    NJ_PTRA_BAD);
	assert_int_equal(judge("143.69.2.81.in-addr.arpa.", true,
	    LDNS_RCODE_NOERROR, NULL, name, &ttl), NJ_PTRA_BAD);
	assert_string_equal(name, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_v4),
		cmocka_unit_test(test_query_v6),
		cmocka_unit_test(test_answers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
