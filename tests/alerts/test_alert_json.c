/*
 * test_alert_json.c - the EVE-like JSON line: every field parsed back
 * with jansson, invalid UTF-8 from the wire, lists, enrichment.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "jsonlines.h"
#include "sensor/alert.h"
#include "sensor/flow.h"
#include "sensor/sensor.h"

/* 2026-03-02T10:00:01Z */
#define T0 NJ_SEC(1772445601)

static struct nj_alert A;
static char ctx_name[] = "cache";

static void
enrich_dns(void *ctx, struct nj_sensor *s, struct nj_alert *a)
{
	struct nj_alert_field *f;

	(void)s;
	assert_string_equal(ctx, "cache");
	/* A name off the wire: "proof" then an invalid byte. */
	snprintf(a->hostname, sizeof(a->hostname), "proof\xff.example.com");
	f = nj_alert_field_in(a, "dns", "rrtype", NJ_FIELD_STR);
	snprintf(f->s, sizeof(f->s), "A");
	f = nj_alert_field_in(a, "dns", "ttl", NJ_FIELD_UINT);
	f->v.u = 300;
}

static const char *
str_at(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v))
		fail_msg("%s is not a string", key);
	return json_string_value(v);
}

static json_int_t
int_at(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		fail_msg("%s is not an integer", key);
	return json_integer_value(v);
}

static void
test_every_field(void **state)
{
	struct nj_sensor s = { .name = "fw1" };
	struct nj_addr src, dst;
	struct jl j;
	json_t *lines, *o, *al, *obj, *dns, *ports;
	char cid[NJ_COMMUNITY_ID_LEN];

	(void)state;
	jl_open(&j, NULL);
	s.alerts = j.pl;
	assert_int_equal(nj_alerts_add_enricher(j.pl, enrich_dns, ctx_name), 0);
	nj_addr_parse("192.168.50.23", &src);
	nj_addr_parse("172.16.45.35", &dst);
	nj_alert_init(&A, "private-destination", NJ_SEV_HIGH, T0 + 123);
	nj_alert_tuple(&A, &src, 51000, &dst, 80, 6);
	nj_alert_sig(&A, "%s", "192.168.50.23 connected to a private address");
	nj_alert_uint(&A, "packets", 3);
	nj_alert_int(&A, "delta", -2);
	nj_alert_bool(&A, "established", true);
	nj_alert_time(&A, "first_seen", T0);
	nj_alert_dbl(&A, "ratio", 0.5);
	nj_alert_str(&A, "note", "quote \" back\\slash \x01 ctl");
	nj_alert_list(&A, "ports", "80");
	nj_alert_list(&A, "ports", "b\xc3\xbc" "cher");
	nj_alert_list(&A, "ports", "bad\xc3");
	nj_alert_emit(&s, &A);
	assert_true(s.alerts_raised == 1);
	nj_alerts_finish(j.pl, T0 + NJ_SEC(1));

	lines = jl_read(&j);
	assert_int_equal(json_array_size(lines), 1);
	o = json_array_get(lines, 0);
	assert_string_equal(str_at(o, "timestamp"),
	    "2026-03-02T10:00:01.000123+0000");
	assert_string_equal(str_at(o, "sensor"), "fw1");
	assert_string_equal(str_at(o, "event_type"), "alert");
	assert_string_equal(str_at(o, "src_ip"), "192.168.50.23");
	assert_int_equal(int_at(o, "src_port"), 51000);
	assert_string_equal(str_at(o, "dest_ip"), "172.16.45.35");
	assert_int_equal(int_at(o, "dest_port"), 80);
	assert_string_equal(str_at(o, "proto"), "TCP");
	nj_community_id(&src, 51000, &dst, 80, 6, 0, cid, sizeof(cid));
	assert_string_equal(str_at(o, "community_id"), cid);
	al = json_object_get(o, "alert");
	assert_string_equal(str_at(al, "kind"), "private-destination");
	assert_int_equal(int_at(al, "severity"), 1);
	assert_string_equal(str_at(al, "signature"),
	    "192.168.50.23 connected to a private address");
	/* The invalid byte became U+FFFD and the line is still JSON. */
	assert_string_equal(str_at(o, "hostname"),
	    "proof\xef\xbf\xbd.example.com");
	assert_null(json_object_get(o, "update"));
	assert_null(json_object_get(o, "repeats"));

	obj = json_object_get(o, "private-destination");
	assert_true(json_is_object(obj));
	assert_int_equal(int_at(obj, "packets"), 3);
	assert_int_equal(int_at(obj, "delta"), -2);
	assert_true(json_is_true(json_object_get(obj, "established")));
	assert_string_equal(str_at(obj, "first_seen"),
	    "2026-03-02T10:00:01.000000+0000");
	assert_true(json_real_value(json_object_get(obj, "ratio")) == 0.5);
	assert_string_equal(str_at(obj, "note"), "quote \" back\\slash \x01 ctl");
	ports = json_object_get(obj, "ports");
	assert_true(json_is_array(ports));
	assert_int_equal(json_array_size(ports), 3);
	assert_string_equal(json_string_value(json_array_get(ports, 0)), "80");
	assert_string_equal(json_string_value(json_array_get(ports, 1)),
	    "b\xc3\xbc" "cher");
	assert_string_equal(json_string_value(json_array_get(ports, 2)),
	    "bad\xef\xbf\xbd");
	dns = json_object_get(o, "dns");
	assert_string_equal(str_at(dns, "rrtype"), "A");
	assert_int_equal(int_at(dns, "ttl"), 300);
	json_decref(lines);
	jl_close(&j);
}

static void
test_no_tuple_and_icmpv6(void **state)
{
	struct nj_sensor s = { .name = "fw\xc3" };
	struct nj_addr src, dst;
	struct jl j;
	json_t *lines, *o;

	(void)state;
	jl_open(&j, NULL);
	s.alerts = j.pl;
	nj_alert_init(&A, "capture-gap", NJ_SEV_LOW, T0);
	nj_alert_sig(&A, "capture lost packets");
	nj_alert_emit(&s, &A);
	nj_addr_parse("2001:db8:50::1", &src);
	nj_addr_parse("2001:db8::2", &dst);
	nj_alert_init(&A, "scan", NJ_SEV_MEDIUM, T0);
	nj_alert_tuple(&A, &src, 0, &dst, 0, 58);
	nj_alert_emit(&s, &A);
	nj_alerts_finish(j.pl, T0);
	lines = jl_read(&j);
	assert_int_equal(json_array_size(lines), 2);
	o = json_array_get(lines, 0);
	assert_string_equal(str_at(o, "sensor"), "fw\xef\xbf\xbd");
	assert_null(json_object_get(o, "src_ip"));
	assert_null(json_object_get(o, "community_id"));
	assert_null(json_object_get(o, "hostname"));
	o = json_array_get(lines, 1);
	assert_string_equal(str_at(o, "src_ip"), "2001:db8:50::1");
	assert_string_equal(str_at(o, "dest_ip"), "2001:db8::2");
	assert_string_equal(str_at(o, "proto"), "IPv6-ICMP");
	assert_int_equal(int_at(json_object_get(o, "alert"), "severity"), 2);
	json_decref(lines);
	jl_close(&j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_field),
		cmocka_unit_test(test_no_tuple_and_icmpv6),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
