/* test_report_units.c: cmocka units for nightjar-report: time, parsing, table caps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "report.h"

/* Expected epochs from Python's calendar.timegm, not from this code. */
static void
test_time_parse(void **state)
{
	rp_time_t t;

	(void)state;
	assert_int_equal(rp_time_parse("2014-07-18T17:01:14Z", &t), 0);
	assert_true(t == 1405702874LL * 1000000);
	assert_int_equal(rp_time_parse("2014-07-18T17:01:14.5Z", &t), 0);
	assert_true(t == 1405702874LL * 1000000 + 500000);
	assert_int_equal(rp_time_parse("2014-07-18T17:01:14.000001z", &t), 0);
	assert_true(t == 1405702874LL * 1000000 + 1);
	assert_int_equal(rp_time_parse("2014-07-18T19:01:14+02:00", &t), 0);
	assert_true(t == 1405702874LL * 1000000);
	assert_int_equal(rp_time_parse("2014-07-18T16:31:14-00:30", &t), 0);
	assert_true(t == 1405702874LL * 1000000);
	assert_int_equal(rp_time_parse("2014-07-18", &t), 0);
	assert_true(t == 1405641600LL * 1000000);
	assert_int_equal(rp_time_parse("2000-02-29", &t), 0);
	assert_true(t == 951782400LL * 1000000);
}

static void
test_time_parse_bad(void **state)
{
	static const char *const bad[] = { "", "yesterday", "2014-13-01",
	    "2014-02-30", "2014-02-29", "1900-02-29", "2014-07-18T17:01:14", "2014-07-18T25:00:00Z",
	    "2014-07-18T17:01:14Zjunk", "2014-07-18T17:01:14.Z",
	    "2014-07-18T17:01:14+2:00", "14-07-18", "2014-07-18T17:01Z" };
	rp_time_t t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(rp_time_parse(bad[i], &t), -1);
}

static void
test_time_format(void **state)
{
	char buf[RP_TIME_LEN];

	(void)state;
	rp_time_format(1405702874LL * 1000000 + 999999, buf, sizeof(buf));
	assert_string_equal(buf, "2014-07-18T17:01:14Z");
	/* One microsecond before the epoch is still in 1969's last second. */
	rp_time_format(-1, buf, sizeof(buf));
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
}

static uint64_t
attempts_of(const char *line)
{
	struct rp_alert a;
	const char *why;
	void *keep;
	uint64_t n;

	assert_int_equal(rp_parse_line(line, strlen(line), &a, &why, &keep),
	    RP_LINE_ALERT);
	n = a.attempts;
	rp_parse_free(keep);
	return n;
}

static void
test_attempts(void **state)
{
	(void)state;
	assert_true(attempts_of("{\"timestamp\":\"2014-07-18\",\"alert\":"
	    "{\"kind\":\"scan\"},\"scan\":{\"probes\":7}}") == 7);
	assert_true(attempts_of("{\"timestamp\":\"2014-07-18\",\"alert\":"
	    "{\"kind\":\"k\"},\"k\":{\"count\":3,\"attempts\":9}}") == 9);
	/* Evidence of another kind does not count for this one. */
	assert_true(attempts_of("{\"timestamp\":\"2014-07-18\",\"alert\":"
	    "{\"kind\":\"k\"},\"scan\":{\"probes\":7}}") == 1);
	assert_true(attempts_of("{\"timestamp\":\"2014-07-18\",\"alert\":"
	    "{\"kind\":\"k\"},\"k\":{\"count\":\"many\",\"probes\":-4}}") == 1);
}

static void
alert_from(struct rp_agg *g, const char *src, const char *kind, rp_time_t ts)
{
	struct rp_alert a = { ts, kind, "", 2, src, "10.0.0.1", "", 1, 0 };

	rp_agg_alert(g, &a);
}

/* A full table keeps what it has, refuses the rest, and counts them. */
static void
test_caps(void **state)
{
	struct rp_filter flt = { RP_TIME_NONE, RP_TIME_NONE, NULL };
	struct rp_host *h;
	struct rp_agg g;
	char kind[16];
	int i;

	(void)state;
	assert_int_equal(rp_agg_init(&g, &flt, 2, NULL), 0);
	alert_from(&g, "192.0.2.1", "scan", 0);
	alert_from(&g, "192.0.2.2", "scan", 0);
	alert_from(&g, "192.0.2.3", "scan", 0);
	alert_from(&g, "192.0.2.1", "scan", 0);
	assert_int_equal(rp_strtab_count(g.srcs), 2);
	assert_true(rp_strtab_dropped(g.srcs) == 1);
	assert_null(rp_strtab_find(g.srcs, "192.0.2.3"));
	h = rp_strtab_find(g.srcs, "192.0.2.1");
	assert_non_null(h);
	assert_true(h->alerts == 2);
	/* The totals still count every alert. */
	assert_true(g.alerts == 4);
	for (i = 0; i < RP_KINDS_CAP + 3; i++) {
		snprintf(kind, sizeof(kind), "k%d", i);
		alert_from(&g, "192.0.2.1", kind, 0);
	}
	/* "scan" took one of the RP_KINDS_CAP places. */
	assert_int_equal(rp_strtab_count(g.kinds), RP_KINDS_CAP);
	assert_true(rp_strtab_dropped(g.kinds) == 4);
	for (i = 0; i < RP_HOURS_CAP + 5; i++)
		alert_from(&g, "192.0.2.1", "scan",
		    (rp_time_t)i * 3600 * 1000000);
	assert_int_equal(g.nhours, RP_HOURS_CAP);
	assert_true(g.hours_dropped == 5);
	rp_agg_free(&g);
}

/*
 * A scan alert and its updates carry running totals (28, 280, 1024
 * probes): the report counts 1024, not their sum.
 */
static void
test_updates(void **state)
{
	static const char *const lines[] = {
		"{\"timestamp\":\"2026-03-02T02:04:03.000000+0000\","
		"\"src_ip\":\"203.0.113.9\",\"dest_ip\":\"192.0.2.80\","
		"\"alert\":{\"kind\":\"scan\"},\"scan\":{\"probes\":28}}",
		"{\"timestamp\":\"2026-03-02T02:04:16.000000+0000\",\"update\":true,"
		"\"src_ip\":\"203.0.113.9\",\"dest_ip\":\"192.0.2.80\","
		"\"alert\":{\"kind\":\"scan\"},\"scan\":{\"probes\":280}}",
		"{\"timestamp\":\"2026-03-02T02:04:53.000000+0000\",\"update\":true,"
		"\"src_ip\":\"203.0.113.9\",\"dest_ip\":\"192.0.2.80\","
		"\"alert\":{\"kind\":\"scan\"},\"scan\":{\"probes\":1024}}",
	};
	struct rp_filter flt = { RP_TIME_NONE, RP_TIME_NONE, NULL };
	struct rp_agg g;
	size_t i;

	(void)state;
	assert_int_equal(rp_agg_init(&g, &flt, 0, NULL), 0);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		rp_agg_line(&g, "t", i + 1, lines[i], strlen(lines[i]));
	assert_true(g.bad == 0);
	assert_true(g.attempts == 1024);
	rp_agg_free(&g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_parse),
		cmocka_unit_test(test_time_parse_bad),
		cmocka_unit_test(test_time_format),
		cmocka_unit_test(test_attempts),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_updates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
