/*
 * test_alert_fields.c - building alerts: bounds, truncation marks,
 * list fields, RFC 3339 packet time and UTF-8 sanitising.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sensor/alert.h"

static struct nj_alert A;

/* True when s is valid UTF-8 (sanitising changes nothing). */
static bool
valid_utf8(const char *s)
{
	char out[2048];

	return nj_utf8_sanitize(s, (size_t)-1, out, sizeof(out)) ==
	    strlen(s) && strcmp(out, s) == 0;
}

static bool
ends_with_mark(const char *s)
{
	size_t n = strlen(s), m = strlen(NJ_ALERT_TRUNC_MARK);

	return n >= m && strcmp(s + n - m, NJ_ALERT_TRUNC_MARK) == 0;
}

static void
test_init(void **state)
{
	(void)state;
	memset(&A, 0x55, sizeof(A));
	nj_alert_init(&A, "scan", NJ_SEV_HIGH, NJ_SEC(5));
	assert_string_equal(A.kind, "scan");
	assert_int_equal(A.severity, 1);
	assert_true(A.ts == NJ_SEC(5));
	assert_true(A.fold_dst);
	assert_false(A.has_tuple);
	assert_int_equal(A.nfields, 0);
	assert_string_equal(A.signature, "");
	assert_string_equal(A.hostname, "");
	assert_string_equal(A.community_id, "");
}

static void
test_string_truncation(void **state)
{
	char big[1000];
	size_t i;

	(void)state;
	nj_alert_init(&A, "dns-tunnel", NJ_SEV_MEDIUM, 0);
	/* 400 x "ü" (2 bytes each): the cut must not split a character. */
	for (i = 0; i < 400; i++)
		memcpy(big + 2 * i, "\xc3\xbc", 2);
	big[800] = '\0';
	nj_alert_str(&A, "qname", big);
	assert_int_equal(A.nfields, 1);
	assert_true(A.fields[0].truncated);
	assert_true(strlen(A.fields[0].s) < NJ_ALERT_STR_MAX);
	assert_true(ends_with_mark(A.fields[0].s));
	assert_true(valid_utf8(A.fields[0].s));
	nj_alert_str(&A, "short", "abc");
	assert_false(A.fields[1].truncated);
	assert_string_equal(A.fields[1].s, "abc");
	/* Exactly at the bound: 255 bytes fit whole. */
	memset(big, 'x', 255);
	big[255] = '\0';
	nj_alert_str(&A, "edge", big);
	assert_false(A.fields[2].truncated);
	assert_int_equal(strlen(A.fields[2].s), 255);
	big[255] = 'y';
	big[256] = '\0';
	nj_alert_str(&A, "over", big);
	assert_true(A.fields[3].truncated);
	assert_true(ends_with_mark(A.fields[3].s));
}

static void
test_signature_truncation(void **state)
{
	char big[900];

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	nj_alert_init(&A, "scan", 1, 0);
	nj_alert_sig(&A, "host %s probed %d ports", "10.0.0.1", 42);
	assert_string_equal(A.signature, "host 10.0.0.1 probed 42 ports");
	nj_alert_sig(&A, "%s", big);
	assert_true(strlen(A.signature) < sizeof(A.signature));
	assert_true(ends_with_mark(A.signature));
}

static void
test_field_cap(void **state)
{
	char key[16];
	int i;

	(void)state;
	nj_alert_init(&A, "scan", 1, 0);
	for (i = 0; i < NJ_ALERT_MAX_FIELDS + 3; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		nj_alert_uint(&A, key, (uint64_t)i);
	}
	assert_int_equal(A.nfields, NJ_ALERT_MAX_FIELDS);
	assert_int_equal(A.dropped_fields, 3);
	assert_null(nj_alert_field_in(&A, "dns", "x", NJ_FIELD_STR));
	assert_int_equal(A.dropped_fields, 4);
	assert_true(A.fields[NJ_ALERT_MAX_FIELDS - 1].v.u ==
	    NJ_ALERT_MAX_FIELDS - 1);
}

static void
test_types_and_objects(void **state)
{
	struct nj_alert_field *f;

	(void)state;
	nj_alert_init(&A, "flood", 2, 0);
	nj_alert_int(&A, "delta", -7);
	nj_alert_dbl(&A, "rate", 2.5);
	nj_alert_bool(&A, "ongoing", true);
	nj_alert_time(&A, "first_seen", NJ_SEC(100));
	f = nj_alert_field_in(&A, "geo", "country", NJ_FIELD_STR);
	assert_non_null(f);
	assert_string_equal(nj_alert_field_obj(&A, &A.fields[0]), "flood");
	assert_string_equal(nj_alert_field_obj(&A, f), "geo");
	assert_true(A.fields[0].v.i == -7);
	assert_true(A.fields[1].v.d == 2.5);
	assert_true(A.fields[2].v.b);
	assert_true(A.fields[3].v.t == NJ_SEC(100));
	assert_int_equal(A.fields[3].type, NJ_FIELD_TIME);
}

static void
test_list(void **state)
{
	char item[40];
	const char *f;
	int i;

	(void)state;
	nj_alert_init(&A, "scan", 1, 0);
	nj_alert_list(&A, "ports", "22");
	nj_alert_list(&A, "ports", "80");
	nj_alert_list(&A, "ports", "443");
	assert_int_equal(A.nfields, 1);
	assert_memory_equal(A.fields[0].s, "22\x1f" "80\x1f" "443", 10);
	assert_false(A.fields[0].truncated);
	/* 30-byte items: the 9th no longer fits in 255 bytes. */
	memset(item, 'p', 30);
	item[30] = '\0';
	for (i = 0; i < 12; i++)
		nj_alert_list(&A, "names", item);
	f = A.fields[1].s;
	assert_true(A.fields[1].truncated);
	assert_true(strlen(f) < NJ_ALERT_STR_MAX);
	assert_true(ends_with_mark(f));
	/* Whole items only: 8 items, then the mark. */
	assert_int_equal(strlen(f), 8 * 30 + 7 + 1 + strlen(NJ_ALERT_TRUNC_MARK));
}

static void
test_tuple(void **state)
{
	struct nj_addr s, d;

	(void)state;
	nj_addr_parse("192.168.50.23", &s);
	nj_addr_parse("172.16.45.35", &d);
	nj_alert_init(&A, "private-destination", 1, 0);
	nj_alert_tuple(&A, &s, 40000, &d, 80, 6);
	assert_true(A.has_tuple);
	assert_int_equal(nj_addr_cmp(&A.src, &s), 0);
	assert_int_equal(nj_addr_cmp(&A.dst, &d), 0);
	assert_int_equal(A.sport, 40000);
	assert_int_equal(A.dport, 80);
	assert_int_equal(A.proto, 6);
}

static void
test_rfc3339(void **state)
{
	char buf[48];
	/* 2026-03-02T10:00:01Z is 1772445601 (date -u -d ... +%s). */
	nj_time_t t = NJ_SEC(1772445601) + 123;

	(void)state;
	assert_string_equal(nj_time_rfc3339(t, -6, buf, sizeof(buf)),
	    "2026-03-02T10:00:01.000123+0000");
	assert_string_equal(nj_time_rfc3339(t, 6, buf, sizeof(buf)),
	    "2026-03-02T10:00:01.000123Z");
	assert_string_equal(nj_time_rfc3339(t, 0, buf, sizeof(buf)),
	    "2026-03-02T10:00:01Z");
	assert_string_equal(nj_time_rfc3339(0, 0, buf, sizeof(buf)),
	    "1970-01-01T00:00:00Z");
}

static void
test_utf8_sanitize(void **state)
{
	char out[64];

	(void)state;
	nj_utf8_sanitize("b\xc3\xbc" "cher", (size_t)-1, out, sizeof(out));
	assert_string_equal(out, "b\xc3\xbc" "cher");
	nj_utf8_sanitize("a\xff" "b", (size_t)-1, out, sizeof(out));
	assert_string_equal(out, "a\xef\xbf\xbd" "b");
	/* Overlong '/' (RFC 3629 section 10): two bad bytes. */
	nj_utf8_sanitize("\xc0\xaf", (size_t)-1, out, sizeof(out));
	assert_string_equal(out, "\xef\xbf\xbd\xef\xbf\xbd");
	/* A UTF-16 surrogate encoded in UTF-8 is invalid. */
	nj_utf8_sanitize("\xed\xa0\x80", (size_t)-1, out, sizeof(out));
	assert_string_equal(out, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* Truncated sequence at the end, and an embedded NUL with len. */
	nj_utf8_sanitize("x\xe2\x80", (size_t)-1, out, sizeof(out));
	assert_string_equal(out, "x\xef\xbf\xbd\xef\xbf\xbd");
	nj_utf8_sanitize("a\0b", 3, out, sizeof(out));
	assert_string_equal(out, "a\xef\xbf\xbd" "b");
	/* A small buffer never splits a character. */
	assert_int_equal(nj_utf8_sanitize("\xc3\xbc\xc3\xbc", (size_t)-1, out,
	    4), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_string_truncation),
		cmocka_unit_test(test_signature_truncation),
		cmocka_unit_test(test_field_cap),
		cmocka_unit_test(test_types_and_objects),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_tuple),
		cmocka_unit_test(test_rfc3339),
		cmocka_unit_test(test_utf8_sanitize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
