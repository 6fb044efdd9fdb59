/*
 * test_alert_fold.c - folding repeats with injected packet time, the
 * table's bound, suppression through the policy hook.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "jsonlines.h"
#include "sensor/alert.h"
#include "sensor/sensor.h"

#define T0 NJ_SEC(1772445601)

static struct nj_alert A;

static void
raise_alert(struct nj_sensor *s, const char *kind, const char *src,
    const char *dst, bool fold_dst, nj_time_t ts)
{
	struct nj_addr a, b;

	nj_addr_parse(src, &a);
	nj_addr_parse(dst, &b);
	nj_alert_init(&A, kind, NJ_SEV_MEDIUM, ts);
	nj_alert_tuple(&A, &a, 40000, &b, 22, 6);
	nj_alert_sig(&A, "%s from %s", kind, src);
	nj_alert_uint(&A, "attempts", 1);
	A.fold_dst = fold_dst;
	s->now = ts;
	nj_alert_emit(s, &A);
}

static json_int_t
repeats(json_t *o)
{
	json_t *v = json_object_get(o, "repeats");

	return json_is_integer(v) ? json_integer_value(v) : -1;
}

static bool
is_update(json_t *o)
{
	return json_is_true(json_object_get(o, "update"));
}

/* 1000 identical alerts, 10 ms apart: one alert, then one update. */
static void
test_thousand_one_update(void **state)
{
	struct nj_alert_options o;
	struct nj_sensor s = { .name = "fw1" };
	struct nj_alert_counters c;
	struct jl j;
	json_t *l, *u;
	int i;

	(void)state;
	nj_alert_options_default(&o);
	o.fold_every = 0;
	jl_open(&j, &o);
	s.alerts = j.pl;
	for (i = 0; i < 1000; i++)
		raise_alert(&s, "lateral-ssh", "192.168.50.7", "192.168.50.9", true,
		    T0 + (nj_time_t)i * 10000);
	l = jl_read(&j);
	assert_int_equal(json_array_size(l), 1);
	assert_false(is_update(json_array_get(l, 0)));
	json_decref(l);
	nj_alerts_finish(j.pl, T0 + NJ_SEC(10));
	l = jl_read(&j);
	assert_int_equal(json_array_size(l), 2);
	u = json_array_get(l, 1);
	assert_true(is_update(u));
	assert_int_equal(repeats(u), 999);
	/* The update is the first alert again: its time and community_id. */
	assert_string_equal(json_string_value(json_object_get(u, "timestamp")),
	    "2026-03-02T10:00:01.000000+0000");
	assert_string_equal(json_string_value(json_object_get(u, "last_seen")),
	    "2026-03-02T10:00:10.990000+0000");
	assert_string_equal(
	    json_string_value(json_object_get(u, "community_id")),
	    json_string_value(json_object_get(json_array_get(l, 0),
	    "community_id")));
	json_decref(l);
	nj_alerts_counters(j.pl, &c);
	assert_true(c.submitted == 1000);
	assert_true(c.folded == 999);
	assert_true(c.written == 1);
	assert_true(c.updates == 1);
	jl_close(&j);
}

/* With an update every 100 repeats: 9 on count, 1 when finished. */
static void
test_every_n(void **state)
{
	struct nj_alert_options o;
	struct nj_sensor s = { .name = "fw1" };
	struct jl j;
	json_t *l;
	size_t i;

	(void)state;
	nj_alert_options_default(&o);
	o.fold_every = 100;
	jl_open(&j, &o);
	s.alerts = j.pl;
	for (i = 0; i < 1000; i++)
		raise_alert(&s, "scan", "10.1.1.1", "10.2.2.2", true,
		    T0 + (nj_time_t)i * 1000);
	nj_alerts_finish(j.pl, T0 + NJ_SEC(2));
	l = jl_read(&j);
	assert_int_equal(json_array_size(l), 11);
	assert_false(is_update(json_array_get(l, 0)));
	for (i = 1; i <= 9; i++)
		assert_int_equal(repeats(json_array_get(l, i)),
		    (json_int_t)(i * 100));
	assert_int_equal(repeats(json_array_get(l, 10)), 999);
	json_decref(l);
	jl_close(&j);
}

static void
test_destinations(void **state)
{
	struct nj_sensor s = { .name = "fw1" };
	static const char *dsts[] = { "8.8.8.8", "1.1.1.1", "9.9.9.9" };
	struct jl j;
	json_t *l;
	int i;

	(void)state;
	jl_open(&j, NULL);
	s.alerts = j.pl;
	/* fold_dst: three destinations are three alerts. */
	for (i = 0; i < 30; i++)
		raise_alert(&s, "no-egress", "192.0.2.80", dsts[i % 3], true,
		    T0 + (nj_time_t)i);
	/* Without it, one per source. */
	for (i = 0; i < 30; i++)
		raise_alert(&s, "scan", "192.0.2.81", dsts[i % 3], false,
		    T0 + (nj_time_t)i);
	l = jl_read(&j);
	assert_int_equal(json_array_size(l), 4);
	nj_alerts_finish(j.pl, T0 + NJ_SEC(1));
	json_decref(l);
	l = jl_read(&j);
	/* Updates: 9 repeats per destination, 29 for the scan. */
	assert_int_equal(json_array_size(l), 8);
	assert_int_equal(repeats(json_array_get(l, 4)) +
	    repeats(json_array_get(l, 5)) + repeats(json_array_get(l, 6)) +
	    repeats(json_array_get(l, 7)), 9 + 9 + 9 + 29);
	json_decref(l);
	jl_close(&j);
}

/* The window closes on tick; a repeat after it starts a new alert. */
static void
test_window(void **state)
{
	struct nj_alert_options o;
	struct nj_sensor s = { .name = "fw1" };
	struct jl j;
	json_t *l;

	(void)state;
	nj_alert_options_default(&o);
	o.fold_window = NJ_SEC(60);
	jl_open(&j, &o);
	s.alerts = j.pl;
	raise_alert(&s, "flood", "10.0.0.1", "10.0.0.2", true, T0);
	raise_alert(&s, "flood", "10.0.0.1", "10.0.0.2", true, T0 + NJ_SEC(30));
	nj_alerts_tick(j.pl, T0 + NJ_SEC(59));
	l = jl_read(&j);
	assert_int_equal(json_array_size(l), 1);
	json_decref(l);
	nj_alerts_tick(j.pl, T0 + NJ_SEC(60));
	l = jl_read(&j);
	assert_int_equal(json_array_size(l), 2);
	assert_int_equal(repeats(json_array_get(l, 1)), 1);
	json_decref(l);
	/* A new window: a fresh first alert, no update without repeats. */
	raise_alert(&s, "flood", "10.0.0.1", "10.0.0.2", true, T0 + NJ_SEC(61));
	/* Past the window without a tick: closed by the next repeat. */
	raise_alert(&s, "flood", "10.0.0.1", "10.0.0.2", true, T0 + NJ_SEC(200));
	nj_alerts_finish(j.pl, T0 + NJ_SEC(201));
	l = jl_read(&j);
	assert_int_equal(json_array_size(l), 4);
	assert_false(is_update(json_array_get(l, 2)));
	assert_false(is_update(json_array_get(l, 3)));
	json_decref(l);
	jl_close(&j);
}

/* Detector updates are never folded. */
static void
test_detector_updates(void **state)
{
	struct nj_sensor s = { .name = "fw1" };
	struct nj_alert_counters c;
	struct jl j;
	int i;

	(void)state;
	jl_open(&j, NULL);
	s.alerts = j.pl;
	for (i = 0; i < 5; i++) {
		nj_alert_init(&A, "scan", 2, T0 + (nj_time_t)i);
		A.is_update = true;
		nj_alert_emit(&s, &A);
	}
	nj_alerts_counters(j.pl, &c);
	assert_true(c.written == 5);
	assert_true(c.folded == 0);
	jl_close(&j);
}

static void
test_cap_evicts(void **state)
{
	struct nj_alert_options o;
	struct nj_sensor s = { .name = "fw1" };
	struct nj_alert_counters c;
	struct jl j;
	json_t *l;

	(void)state;
	nj_alert_options_default(&o);
	o.fold_cap = 2;
	jl_open(&j, &o);
	s.alerts = j.pl;
	raise_alert(&s, "scan", "10.0.0.1", "10.9.9.9", true, T0);
	raise_alert(&s, "scan", "10.0.0.1", "10.9.9.9", true, T0 + 1);
	raise_alert(&s, "scan", "10.0.0.2", "10.9.9.9", true, T0 + 2);
	/* Third key: the least recently seen (10.0.0.1) goes, with its update. */
	raise_alert(&s, "scan", "10.0.0.3", "10.9.9.9", true, T0 + 3);
	nj_alerts_counters(j.pl, &c);
	assert_true(c.fold_evicted == 1);
	assert_true(c.fold_entries == 2);
	l = jl_read(&j);
	assert_int_equal(json_array_size(l), 4);
	assert_true(is_update(json_array_get(l, 2)));
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(l, 2), "src_ip")), "10.0.0.1");
	json_decref(l);
	jl_close(&j);
}

static bool
suppress_scan(const struct nj_policy *p, const char *kind,
    const struct nj_addr *src, const struct nj_addr *dst, uint16_t dport,
    const char *hostname, nj_time_t now)
{
	(void)p; (void)src; (void)dst; (void)dport; (void)hostname;
	assert_true(now == T0);
	return strcmp(kind, "scan") == 0;
}

static void
test_suppression(void **state)
{
	struct nj_alert_options o;
	struct nj_sensor s = { .name = "fw1" };
	struct nj_alert_counters c;
	struct jl j;

	(void)state;
	nj_alert_options_default(&o);
	o.suppressed = suppress_scan;
	jl_open(&j, &o);
	s.alerts = j.pl;
	/* No policy: nothing suppressed. */
	raise_alert(&s, "scan", "10.0.0.1", "10.0.0.2", true, T0);
	s.policy = (struct nj_policy *)&o; /* any non-NULL handle */
	raise_alert(&s, "scan", "10.0.0.5", "10.0.0.2", true, T0);
	raise_alert(&s, "flood", "10.0.0.5", "10.0.0.2", true, T0);
	nj_alerts_counters(j.pl, &c);
	assert_true(c.suppressed == 1);
	assert_true(c.written == 2);
	jl_close(&j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thousand_one_update),
		cmocka_unit_test(test_every_n),
		cmocka_unit_test(test_destinations),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_detector_updates),
		cmocka_unit_test(test_cap_evicts),
		cmocka_unit_test(test_suppression),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
