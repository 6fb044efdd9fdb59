/*
 * test_campaign_engine.c - the distributed-campaign engine: the Hail
 * Mary Cloud's shape (seed 001) and what must not look like it.
 */
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sensor/campaign_state.h"
#include "sensor/sketch.h"

/* 2026-07-18 00:00:00 UTC, a whole hour. */
#define T0 NJ_SEC(1784332800)
#define POP3_HOST 0xc0000219u

struct catch {
	unsigned news, updates, finals;
	struct nj_campaign_report last;
	uint32_t minute[60];
	struct nj_campaign_top top0; /* the report's arrays live only in it */
	uint32_t new_sources;
};

static void
on_report(void *arg, const struct nj_campaign_report *r)
{
	struct catch *c = arg;

	if (r->kind == NJ_CAMPAIGN_REPORT_NEW) {
		c->news++;
		c->new_sources = r->sources;
	} else if (r->kind == NJ_CAMPAIGN_REPORT_UPDATE)
		c->updates++;
	else
		c->finals++;
	c->last = *r;
	memcpy(c->minute, r->minute, sizeof(c->minute));
	if (r->ntop > 0)
		c->top0 = r->top[0];
}

static void
attempt(struct nj_campaign_engine *e, nj_time_t ts, uint32_t src)
{
	struct nj_campaign_obs o;

	memset(&o, 0, sizeof(o));
	o.ts = ts;
	nj_addr_set4(&o.src, src);
	nj_addr_set4(&o.dst, POP3_HOST);
	o.dport = 110;
	o.proto = IPPROTO_TCP;
	o.service = "pop3";
	nj_campaign_observe(e, &o);
}

static struct nj_campaign_engine *
engine(struct catch *c)
{
	struct nj_campaign_cfg cfg;
	struct nj_campaign_engine *e;

	memset(c, 0, sizeof(*c));
	nj_campaign_cfg_default(&cfg);
	e = nj_campaign_new(&cfg, 3, on_report, c);
	assert_non_null(e);
	return e;
}

/*
 * 300 sources, 3 attempts each, one every hour at :00-:02: ten sources
 * an hour over 90 hours.
 */
static void
hail_mary(void **state)
{
	struct catch c;
	struct nj_campaign_engine *e = engine(&c);
	unsigned src, k, m, total = 0;
	nj_time_t t;

	(void)state;
	for (k = 0; k < 3; k++)
		for (src = 0; src < 300; src++) {
			/* Hour h: sources 10h .. 10h+9, each at minute 0-2. */
			unsigned hour = k * 30 + src / 10;

			t = T0 + NJ_SEC(hour * 3600 + (src % 3) * 60 +
			    (src * 7) % 60);
			attempt(e, t, 0x5c2d0000u + src * 13);
		}
	nj_campaign_finish(e, T0 + NJ_SEC(100 * 3600));
	assert_int_equal(c.news, 1);
	assert_int_equal(c.finals, 1);
	/* 20 light sources within the first day: the alert; then it grew. */
	assert_int_equal(c.new_sources, 20);
	assert_true(c.updates >= 2);
	assert_int_equal(c.last.attempts, 900);
	assert_int_equal(c.last.sources, 300);
	for (m = 0; m < 60; m++) {
		total += c.minute[m];
		if (m >= 3)
			assert_int_equal(c.minute[m], 0);
	}
	assert_int_equal(total, 900);
	assert_true(c.last.first3_share == 1.0);
	assert_int_equal(c.last.heavy, 0);
	assert_true(c.last.ntop > 0 && c.top0.attempts == 3);
	assert_string_equal(c.last.service, "pop3");
	nj_campaign_free(e);
}

/* The same 900 attempts from ten sources: brute-forcers, not a cloud. */
static void
few_heavy_sources(void **state)
{
	struct catch c;
	struct nj_campaign_engine *e = engine(&c);
	unsigned i;

	(void)state;
	for (i = 0; i < 900; i++)
		attempt(e, T0 + NJ_SEC(i * 60), 0x5c2d0000u + (i % 10));
	nj_campaign_finish(e, T0 + NJ_SEC(900 * 60));
	assert_int_equal(c.news, 0);
	nj_campaign_free(e);
}

/*
 * Occasional failed logins from the internet: 300 sources, 3 attempts
 * each, spread over 60 days - five new sources a day never make twenty
 * within the 24-hour window.
 */
static void
background_failures(void **state)
{
	struct catch c;
	struct nj_campaign_engine *e = engine(&c);
	unsigned src, k;

	(void)state;
	for (src = 0; src < 300; src++)
		for (k = 0; k < 3; k++)
			attempt(e, T0 + NJ_SEC(src * 17280 + k * 3000 +
			    (src * 31) % 3600), 0x5c2d0000u + src * 13);
	nj_campaign_finish(e, T0 + NJ_SEC(70 * 86400));
	assert_int_equal(c.news, 0);
	nj_campaign_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hail_mary),
		cmocka_unit_test(few_heavy_sources),
		cmocka_unit_test(background_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
