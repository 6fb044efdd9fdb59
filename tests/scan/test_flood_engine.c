/* test_flood_engine.c - the flood engine with synthetic connections. */
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sensor/flood_state.h"
#include "sensor/sketch.h"

#define T0 NJ_SEC(1700000000)

struct catch {
	unsigned news, updates, finals;
	struct nj_flood_report last, first;
};

static void
on_report(void *arg, const struct nj_flood_report *r)
{
	struct catch *c = arg;

	if (r->kind == NJ_FLOOD_REPORT_NEW) {
		c->news++;
		c->first = *r;
	} else if (r->kind == NJ_FLOOD_REPORT_UPDATE)
		c->updates++;
	else
		c->finals++;
	c->last = *r;
}

static void
conn(struct nj_flood_engine *e, nj_time_t ts, uint32_t src, uint32_t dst,
    uint16_t port, enum nj_flood_outcome answer)
{
	struct nj_flood_obs o;

	memset(&o, 0, sizeof(o));
	o.ts = ts;
	nj_addr_set4(&o.src, src);
	nj_addr_set4(&o.dst, dst);
	o.dport = port;
	o.proto = IPPROTO_TCP;
	nj_flood_observe(e, &o);
	o.ts = ts + 300000;
	o.outcome = (uint8_t)answer;
	nj_flood_observe(e, &o);
}

static struct nj_flood_engine *
engine(struct catch *c, struct nj_flood_cfg *cfg)
{
	struct nj_flood_cfg def;
	struct nj_flood_engine *e;

	memset(c, 0, sizeof(*c));
	nj_flood_cfg_default(&def);
	e = nj_flood_new(cfg ? cfg : &def, 1, on_report, c);
	assert_non_null(e);
	return e;
}

/* Seed 000: thousands of relay sessions in two minutes, all answered. */
static void
relay_flood(void **state)
{
	struct catch c;
	struct nj_flood_engine *e = engine(&c, NULL);
	unsigned i;

	(void)state;
	/* 25 sessions a second for two minutes. */
	for (i = 0; i < 3000; i++)
		conn(e, T0 + i * 40000, 0xcb00712du, 0xc0000219u, 25,
		    NJ_FLOOD_ANSWERED);
	nj_flood_finish(e, T0 + NJ_SEC(200));
	assert_int_equal(c.news, 1);
	assert_int_equal(c.finals, 1);
	/* 5/s over 60 s: the alert comes at the 300th attempt. */
	assert_int_equal(c.first.attempts, 300);
	assert_int_equal(c.first.dport, 25);
	assert_int_equal(c.last.attempts, 3000);
	assert_true(c.last.answered >= 2980 && c.last.answered <= 3000);
	assert_true(c.last.rate > 24 && c.last.rate < 26);
	nj_flood_free(e);
}

/* A busy but ordinary client: 2 connections a second to one server. */
static void
busy_client_is_no_flood(void **state)
{
	struct catch c;
	struct nj_flood_engine *e = engine(&c, NULL);
	unsigned i;

	(void)state;
	for (i = 0; i < 3600; i++)
		conn(e, T0 + i * 500000, 0x0a000005u, 0x5db8d822u, 443,
		    NJ_FLOOD_ANSWERED);
	nj_flood_finish(e, T0 + NJ_SEC(4000));
	assert_int_equal(c.news, 0);
	nj_flood_free(e);
}

/* A million sources, one connection each: no alert, no slot taken. */
static void
million_sources_one_each(void **state)
{
	struct catch c;
	struct nj_flood_engine *e = engine(&c, NULL);
	uint64_t i, x = 7;

	(void)state;
	for (i = 0; i < 1000000; i++) {
		x = nj_mix64(x + i);
		conn(e, T0 + i * 100, (uint32_t)x, 0xc0000232u, 80,
		    NJ_FLOOD_REFUSED);
	}
	nj_flood_finish(e, T0 + NJ_SEC(200));
	assert_int_equal(c.news, 0);
	assert_true(nj_flood_stats(e)->peak < 64);
	nj_flood_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(relay_flood),
		cmocka_unit_test(busy_client_is_no_flood),
		cmocka_unit_test(million_sources_one_each),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
