/*
 * test_capture_gap.c - the capture-gap detector driven with injected
 * packet times and health reports: a hole in a busy link, a quiet link's
 * natural gaps, clock steps both ways, kernel drops, live silence, and
 * the policy's thresholds. Alerts are caught by an enricher, which the
 * pipeline calls for every alert before folding.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "policy/policy.h"
#include "sensor/alert.h"
#include "sensor/alert_pipeline.h"
#include "sensor/det_capture_gap.h"
#include "sensor/sensor.h"

#define MAXA 16
/* 2026-03-02T00:00:00Z, a minute boundary. */
#define T0 NJ_SEC(1772409600ULL)

struct fixture {
	struct nj_sensor s;
	void *st;
	int n;
	struct nj_alert a[MAXA];
};

static void
catch_alert(void *ctx, struct nj_sensor *s, struct nj_alert *a)
{
	struct fixture *f = ctx;

	(void)s;
	if (f->n < MAXA)
		f->a[f->n] = *a;
	f->n++;
}

static struct fixture *
fixture(const char *policy)
{
	struct nj_alert_options o;
	struct fixture *f;

	f = calloc(1, sizeof(*f));
	assert_non_null(f);
	nj_alert_options_default(&o);
	f->s.alerts = nj_alerts_new(&o);
	assert_non_null(f->s.alerts);
	assert_int_equal(nj_alerts_add_enricher(f->s.alerts, catch_alert, f),
	    0);
	if (policy != NULL) {
		f->s.policy = nj_policy_parse("test.yaml", policy,
		    strlen(policy), stderr);
		assert_non_null(f->s.policy);
	}
	f->st = nj_det_capture_gap.init(&f->s);
	assert_non_null(f->st);
	return f;
}

static void
done(struct fixture *f)
{
	nj_det_capture_gap.fini(f->st);
	nj_alerts_free(f->s.alerts);
	if (f->s.policy != NULL)
		nj_policy_free(f->s.policy);
	free(f);
}

/* One packet at ts, as the sensor hands it over (s->now only forward). */
static void
pkt(struct fixture *f, nj_time_t ts)
{
	struct nj_packet p;

	memset(&p, 0, sizeof(p));
	p.ts = ts;
	p.ip_version = 4;
	if (ts > f->s.now)
		f->s.now = ts;
	nj_det_capture_gap.packet(f->st, &f->s, &p, NULL, 0);
}

/* rate packets a second, evenly, from start for secs seconds. */
static nj_time_t
steady(struct fixture *f, nj_time_t start, unsigned secs, unsigned rate)
{
	nj_time_t t = start, step = NJ_SEC(1) / rate;
	unsigned i;

	for (i = 0; i < secs * rate; i++, t += step)
		pkt(f, t);
	return t - step; /* the last packet's time */
}

static const struct nj_alert_field *
field(const struct nj_alert *a, const char *key)
{
	int i;

	for (i = 0; i < a->nfields; i++)
		if (strcmp(a->fields[i].key, key) == 0)
			return &a->fields[i];
	fail_msg("alert has no field %s", key);
	return NULL;
}

static void
assert_reason(const struct nj_alert *a, const char *reason)
{
	assert_string_equal(a->kind, "capture-gap");
	assert_int_equal(a->severity, NJ_SEV_MEDIUM);
	assert_string_equal(field(a, "reason")->s, reason);
}

/* 30 min at 10 packets/s, a 10-minute hole, then traffic again. */
static void
test_hole_in_busy_link(void **state)
{
	struct fixture *f = fixture(NULL);
	nj_time_t last, resume;

	(void)state;
	last = steady(f, T0, 1800, 10);
	resume = last + NJ_SEC(600);
	steady(f, resume, 120, 10);
	assert_int_equal(f->n, 1);
	assert_reason(&f->a[0], "silence");
	assert_false(f->a[0].is_update);
	assert_true(f->a[0].ts == resume);
	assert_true(field(&f->a[0], "gap_start")->v.t == last);
	assert_true(field(&f->a[0], "gap_end")->v.t == resume);
	assert_float_equal(field(&f->a[0], "duration")->v.d, 600.0, 1e-6);
	/* Every whole minute carried 600 packets: 10 a second. */
	assert_float_equal(field(&f->a[0], "usual_rate")->v.d, 10.0, 0.05);
	done(f);
}

/* Silences shorter than min_gap, and holes before learning, are not. */
static void
test_short_and_early_silence(void **state)
{
	struct fixture *f = fixture(NULL);
	nj_time_t last;

	(void)state;
	/* Five minutes is less than the ten of learning. */
	last = steady(f, T0, 300, 10);
	last = steady(f, last + NJ_SEC(900), 1200, 10);
	assert_int_equal(f->n, 0);
	/* Learned now; a 299 s pause is under min_gap. */
	last = steady(f, last + NJ_SEC(299), 60, 10);
	assert_int_equal(f->n, 0);
	done(f);
}

/* A quiet link: a packet every 400 s, or a burst every 10 minutes. */
static void
test_quiet_link_natural_gaps(void **state)
{
	struct fixture *f = fixture(NULL);
	nj_time_t t = T0;
	int i;

	(void)state;
	for (i = 0; i < 100; i++, t += NJ_SEC(400))
		pkt(f, t);
	/* 30 packets in 3 s every 10 minutes: 0.05 packets/s on average. */
	for (i = 0; i < 60; i++, t += NJ_SEC(600))
		steady(f, t, 3, 10);
	assert_int_equal(f->n, 0);
	done(f);
}

/* A clock stepped back 10 s: one alert; the new clock then runs on. */
static void
test_clock_back(void **state)
{
	struct fixture *f = fixture(NULL);
	nj_time_t last, to;

	(void)state;
	last = steady(f, T0, 1200, 10);
	/* Merged captures reorder by a second: not a clock step. */
	pkt(f, last - NJ_SEC(1));
	assert_int_equal(f->n, 0);
	to = last - NJ_SEC(10);
	steady(f, to, 60, 10);
	assert_int_equal(f->n, 1);
	assert_reason(&f->a[0], "clock-back");
	assert_true(field(&f->a[0], "from")->v.t == last);
	assert_true(field(&f->a[0], "to")->v.t == to);
	assert_float_equal(field(&f->a[0], "jump")->v.d, -10.0, 1e-6);
	done(f);
}

/* One stray packet an hour old: one clock-back alert, no silence. */
static void
test_stray_old_packet(void **state)
{
	struct fixture *f = fixture(NULL);
	nj_time_t last;

	(void)state;
	last = steady(f, T0, 1200, 10);
	pkt(f, last - NJ_SEC(3600));
	steady(f, last + NJ_SEC(1) / 10, 60, 10);
	assert_int_equal(f->n, 1);
	assert_reason(&f->a[0], "clock-back");
	done(f);
}

/* Two hours without a packet on a busy link: a clock step or a hole. */
static void
test_clock_forward(void **state)
{
	struct fixture *f = fixture(NULL);
	nj_time_t last, to;

	(void)state;
	last = steady(f, T0, 1200, 10);
	to = last + NJ_SEC(7200);
	steady(f, to, 10, 10);
	assert_int_equal(f->n, 1);
	assert_reason(&f->a[0], "clock-forward");
	assert_true(field(&f->a[0], "gap_start")->v.t == last);
	assert_true(field(&f->a[0], "gap_end")->v.t == to);
	done(f);
}

static void
health(struct fixture *f, uint64_t recv, uint64_t drop, nj_time_t idle)
{
	f->s.health.kstats = true;
	f->s.health.recv = recv;
	f->s.health.drop = drop;
	f->s.health.idle = idle;
	nj_det_capture_gap.health(f->st, &f->s);
}

/* A burst of 5000 drops within a report: an alert with the counts. */
static void
test_drop_burst(void **state)
{
	struct fixture *f = fixture(NULL);

	(void)state;
	f->s.now = T0;
	health(f, 1000, 0, 0);
	f->s.now += NJ_SEC(1);
	health(f, 50000, 10, 0);
	assert_int_equal(f->n, 0);
	f->s.now += NJ_SEC(1);
	health(f, 100000, 5010, 0);
	assert_int_equal(f->n, 1);
	assert_reason(&f->a[0], "drops");
	assert_int_equal(field(&f->a[0], "dropped")->v.u, 5000);
	assert_int_equal(field(&f->a[0], "total_dropped")->v.u, 5010);
	done(f);
}

/*
 * Over a minute: 0.2% of the packets dropped (200 of 100000) is
 * reported; 0.05% (50 of 100000) is under the 0.1% default.
 */
static void
test_drop_ratio(void **state)
{
	struct fixture *f = fixture(NULL);
	uint64_t recv = 0, drop = 0;
	int i;

	(void)state;
	f->s.now = T0;
	health(f, recv, drop, 0);
	for (i = 0; i < 60; i++) {
		f->s.now += NJ_SEC(1);
		recv += 100000 / 60;
		drop += i < 50 ? 1 : 0;
		health(f, recv, drop, 0);
	}
	assert_int_equal(f->n, 0);
	for (i = 0; i < 60; i++) {
		f->s.now += NJ_SEC(1);
		recv += 100000 / 60;
		drop += i < 50 ? 4 : 0;
		health(f, recv, drop, 0);
	}
	assert_int_equal(f->n, 1);
	assert_reason(&f->a[0], "drops");
	assert_int_equal(field(&f->a[0], "dropped")->v.u, 200);
	done(f);
}

/* Live: silence noticed while it lasts, then its end as an update. */
static void
test_live_silence(void **state)
{
	struct fixture *f = fixture(NULL);
	nj_time_t last, resume;

	(void)state;
	last = steady(f, T0, 1200, 10);
	health(f, 0, 0, NJ_SEC(100));
	assert_int_equal(f->n, 0);
	health(f, 0, 0, NJ_SEC(301));
	assert_int_equal(f->n, 1);
	assert_reason(&f->a[0], "silence-ongoing");
	assert_true(field(&f->a[0], "gap_start")->v.t == last);
	assert_true(f->a[0].ts == last + NJ_SEC(301));
	/* Said once per silence. */
	health(f, 0, 0, NJ_SEC(400));
	assert_int_equal(f->n, 1);
	resume = last + NJ_SEC(500);
	pkt(f, resume);
	assert_int_equal(f->n, 2);
	assert_reason(&f->a[1], "silence");
	assert_true(f->a[1].is_update);
	assert_true(field(&f->a[1], "gap_end")->v.t == resume);
	done(f);
}

/* The policy's thresholds, and its switch. */
static void
test_policy(void **state)
{
	struct fixture *f;
	nj_time_t last;

	(void)state;
	f = fixture("detectors:\n  capture-gap:\n    min_gap: 60s\n"
	    "    learn: 2m\n    min_rate: 5\n");
	last = steady(f, T0, 300, 10);
	last = steady(f, last + NJ_SEC(90), 60, 10);
	assert_int_equal(f->n, 1);
	assert_reason(&f->a[0], "silence");
	done(f);
	/* 2 packets/s is under min_rate 5. */
	f = fixture("detectors:\n  capture-gap:\n    min_gap: 60s\n"
	    "    learn: 2m\n    min_rate: 5\n");
	last = steady(f, T0, 1800, 2);
	steady(f, last + NJ_SEC(600), 60, 2);
	assert_int_equal(f->n, 0);
	done(f);
	f = fixture("detectors:\n  capture-gap:\n    enabled: false\n");
	last = steady(f, T0, 1800, 10);
	steady(f, last + NJ_SEC(600), 60, 10);
	assert_int_equal(f->n, 0);
	done(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hole_in_busy_link),
		cmocka_unit_test(test_short_and_early_silence),
		cmocka_unit_test(test_quiet_link_natural_gaps),
		cmocka_unit_test(test_clock_back),
		cmocka_unit_test(test_stray_old_packet),
		cmocka_unit_test(test_clock_forward),
		cmocka_unit_test(test_drop_burst),
		cmocka_unit_test(test_drop_ratio),
		cmocka_unit_test(test_live_silence),
		cmocka_unit_test(test_policy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
