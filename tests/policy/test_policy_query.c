/*
 * test_policy_query.c - cmocka units for the queries detectors ask:
 * locality, roles, thresholds, suppressions (expiry, globs, prefixes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "policy/policy.h"

static struct nj_addr
A(const char *s)
{
	struct nj_addr a;

	assert_int_equal(nj_addr_parse(s, &a), 0);
	return a;
}

static struct nj_policy *
P(const char *text)
{
	struct nj_policy *p = nj_policy_parse("t.yaml", text, strlen(text),
	    stderr);

	assert_non_null(p);
	return p;
}

static void
test_default(void **state)
{
	struct nj_policy *p = nj_policy_default();
	struct nj_addr a;

	(void)state;
	assert_true(nj_policy_is_default(p));
	a = A("172.31.255.255");
	assert_true(nj_policy_is_local(p, &a));
	a = A("172.32.0.1");
	assert_false(nj_policy_is_local(p, &a));
	a = A("fd12::1");
	assert_true(nj_policy_is_local(p, &a));
	a = A("8.8.8.8");
	assert_false(nj_policy_is_local(p, &a));
	assert_false(nj_policy_role_configured(p, NJ_ROLE_RESOLVER));
	assert_null(nj_policy_sensor_name(p));
	/* A live interface's network joins at run time. */
	a = A("198.51.100.0");
	assert_int_equal(nj_policy_add_local(p, &a, 24), 0);
	a = A("198.51.100.9");
	assert_true(nj_policy_is_local(p, &a));
	nj_policy_free(p);
}

static void
test_roles(void **state)
{
	struct nj_policy *p = P("networks: {local: [192.168.50.0/24]}\n"
	    "hosts:\n  resolvers: [192.168.50.2, \"2001:db8::53\"]\n"
	    "  admin: 192.168.50.8/29\n");
	struct nj_addr a;

	(void)state;
	assert_false(nj_policy_is_default(p));
	a = A("10.0.0.1");
	assert_false(nj_policy_is_local(p, &a));
	a = A("192.168.50.2");
	assert_true(nj_policy_has_role(p, NJ_ROLE_RESOLVER, &a));
	assert_false(nj_policy_has_role(p, NJ_ROLE_ADMIN, &a));
	a = A("2001:db8::53");
	assert_true(nj_policy_has_role(p, NJ_ROLE_RESOLVER, &a));
	a = A("192.168.50.15");
	assert_true(nj_policy_has_role(p, NJ_ROLE_ADMIN, &a));
	a = A("192.168.50.16");
	assert_false(nj_policy_has_role(p, NJ_ROLE_ADMIN, &a));
	assert_true(nj_policy_role_configured(p, NJ_ROLE_ADMIN));
	assert_false(nj_policy_role_configured(p, NJ_ROLE_MAIL_RELAY));
	nj_policy_free(p);
}

static void
test_thresholds(void **state)
{
	struct nj_policy *p = P("detectors:\n"
	    "  scan: {window: 15m, min_ports: 25}\n"
	    "  dns-quiet-host: {enabled: false}\n");

	(void)state;
	assert_true(nj_policy_threshold(p, "scan", "window", 60) == 900);
	assert_true(nj_policy_threshold(p, "scan", "min_ports", 10) == 25);
	assert_true(nj_policy_threshold(p, "scan", "min_hosts", 10) == 10);
	assert_true(nj_policy_threshold(p, "flood", "rate", 500) == 500);
	assert_true(nj_policy_threshold(p, "nosuch", "rate", 7) == 7);
	assert_false(nj_policy_detector_enabled(p, "dns-quiet-host", true));
	assert_true(nj_policy_detector_enabled(p, "scan", true));
	assert_false(nj_policy_detector_enabled(p, "scan", false));
	nj_policy_free(p);
}

#define DAY NJ_SEC(86400)

static void
test_suppressed(void **state)
{
	struct nj_policy *p = P("suppressions:\n"
	    "  - {kind: scan, src: 192.168.50.0/24}\n"
	    "  - {kind: scan, src: 192.168.50.5, port: 22}\n"
	    "  - {src: 10.0.0.0/8, dst: \"2001:db8::/32\"}\n"
	    "  - {hostname: \"*.Example.COM\", expires: 2026-01-01}\n"
	    "  - {kind: flood, expires: 2026-01-01T12:00:00Z}\n");
	struct nj_addr s1 = A("192.168.50.5"), s2 = A("192.168.51.5");
	struct nj_addr d = A("203.0.113.1"), s3 = A("10.1.1.1");
	struct nj_addr d6 = A("2001:db8::9");
	/* 2026-01-01T00:00:00Z in seconds since the epoch. */
	nj_time_t jan1 = NJ_SEC(1767225600ULL);

	(void)state;
	assert_true(nj_policy_suppressed(p, "scan", &s1, &d, 80, NULL, jan1));
	assert_false(nj_policy_suppressed(p, "scan", &s2, &d, 80, NULL, jan1));
	assert_false(nj_policy_suppressed(p, "flood", &s1, &d, 80, NULL,
	    jan1 + NJ_SEC(12 * 3600)));
	assert_true(nj_policy_suppressed(p, "flood", &s1, &d, 80, NULL,
	    jan1 + NJ_SEC(12 * 3600) - 1));
	/* Prefix pairs: both ends must match, family included. */
	assert_true(nj_policy_suppressed(p, "dns-tunnel", &s3, &d6, 0, NULL,
	    jan1));
	assert_false(nj_policy_suppressed(p, "dns-tunnel", &s3, &d, 0, NULL,
	    jan1));
	assert_false(nj_policy_suppressed(p, "dns-tunnel", NULL, &d6, 0, NULL,
	    jan1));
	/* A bare date lasts through its day: gone at the next midnight. */
	assert_true(nj_policy_suppressed(p, "dns-tunnel", &s2, &d, 0,
	    "cdn.example.com", jan1 - 1));
	assert_true(nj_policy_suppressed(p, "dns-tunnel", &s2, &d, 0,
	    "CDN.EXAMPLE.COM", jan1 + DAY - 1));
	assert_false(nj_policy_suppressed(p, "dns-tunnel", &s2, &d, 0,
	    "cdn.example.com", jan1 + DAY));
	assert_false(nj_policy_suppressed(p, "dns-tunnel", &s2, &d, 0,
	    "example.com", jan1));
	assert_false(nj_policy_suppressed(p, "dns-tunnel", &s2, &d, 0, NULL,
	    jan1));
	nj_policy_free(p);
}

static void
test_other_queries(void **state)
{
	struct nj_policy *p = P("hosts:\n  no_egress_allow: {hosts: "
	    "[192.168.50.2], ports: [123]}\n"
	    "inventory: {hosts: [192.168.50.0/28], learn: 7d}\n"
	    "dns: {internal_zones: [Corp.Example]}\n"
	    "outputs: {syslog: [local], text: false}\n"
	    "alerts: {fold_window: 90s}\n");
	struct nj_addr a = A("192.168.50.2"), b = A("198.51.100.1");
	const char *const *items;

	(void)state;
	assert_true(nj_policy_no_egress_allowed(p, &a, 53));
	assert_true(nj_policy_no_egress_allowed(p, &b, 123));
	assert_false(nj_policy_no_egress_allowed(p, &b, 443));
	assert_true(nj_policy_has_inventory(p));
	assert_true(nj_policy_in_inventory(p, &a));
	assert_false(nj_policy_in_inventory(p, &b));
	assert_true(nj_policy_number(p, "inventory.learn", 0) == 604800);
	assert_true(nj_policy_number(p, "alerts.fold_window", 60) == 90);
	assert_true(nj_policy_internal_zone(p, "corp.example"));
	assert_true(nj_policy_internal_zone(p, "www.CORP.example."));
	assert_false(nj_policy_internal_zone(p, "evilcorp.example"));
	assert_false(nj_policy_flag(p, "outputs.text", true));
	assert_int_equal(nj_policy_strings(p, "outputs.syslog", &items), 1);
	assert_string_equal(items[0], "local");
	assert_null(nj_policy_string(p, "outputs.json"));
	nj_policy_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_thresholds),
		cmocka_unit_test(test_suppressed),
		cmocka_unit_test(test_other_queries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
