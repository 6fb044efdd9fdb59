/*
 * test_scan_engine.c - the scan engine (sensor/scan_state.c) driven with
 * synthetic probe sequences and injected packet time.
 */
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sensor/scan_state.h"
#include "sensor/sketch.h"

#define MAXREP 64

struct catch {
	unsigned n;
	struct {
		enum nj_scan_report_kind kind;
		struct nj_addr src;
		char speed[16], shape[16], trigger[16], ports[128];
		uint32_t probes, probes_at_alert, open_total, unanswered;
		double rate;
		unsigned nopen, flavours;
		uint16_t open_port[NJ_SCAN_OPEN_MAX];
		bool outbound, one_host;
	} r[MAXREP];
	unsigned total, news;
	struct nj_addr watch;  /* count NEW reports of this source */
	unsigned watch_news;
};

static void
on_report(void *arg, const struct nj_scan_report *r)
{
	struct catch *c = arg;
	unsigned i;

	c->total++;
	if (r->kind == NJ_SCAN_REPORT_NEW)
		c->news++;
	if (r->kind == NJ_SCAN_REPORT_NEW &&
	    memcmp(&r->src, &c->watch, sizeof(r->src)) == 0)
		c->watch_news++;
	if (c->n >= MAXREP)
		return;
	c->r[c->n].kind = r->kind;
	c->r[c->n].src = r->src;
	snprintf(c->r[c->n].speed, 16, "%s", r->speed);
	snprintf(c->r[c->n].shape, 16, "%s", r->shape);
	snprintf(c->r[c->n].trigger, 16, "%s", r->trigger);
	nj_portset_format(r->portlist, c->r[c->n].ports, 128);
	c->r[c->n].probes = r->probes;
	c->r[c->n].probes_at_alert = r->probes_at_alert;
	c->r[c->n].open_total = r->open_total;
	c->r[c->n].unanswered = r->unanswered;
	c->r[c->n].rate = r->rate;
	c->r[c->n].nopen = r->nopen;
	c->r[c->n].flavours = r->flavours;
	c->r[c->n].outbound = r->outbound;
	c->r[c->n].one_host = r->one_host;
	for (i = 0; i < r->nopen; i++)
		c->r[c->n].open_port[i] = r->open[i].port;
	c->n++;
}

static struct nj_addr
ip4(uint32_t a)
{
	struct nj_addr x;

	nj_addr_set4(&x, a);
	return x;
}

#define SCANNER 0xcb007163u /* 203.0.113.99 */
#define TARGET  0xc0000232u /* 192.0.2.50 */
#define T0      NJ_SEC(1700000000)

static void
obs(struct nj_scan_engine *e, nj_time_t ts, uint32_t src, uint32_t dst,
    uint16_t port, uint8_t proto, enum nj_scan_flavour f,
    enum nj_scan_outcome oc)
{
	struct nj_scan_obs o;

	memset(&o, 0, sizeof(o));
	o.ts = ts;
	o.src = ip4(src);
	o.dst = ip4(dst);
	o.dport = port;
	o.proto = proto;
	o.flavour = (uint8_t)f;
	o.outcome = (uint8_t)oc;
	o.inbound = true;
	nj_scan_observe(e, &o);
}

/* A SYN probe answered (or not) 10 ms later. */
static void
syn(struct nj_scan_engine *e, nj_time_t ts, uint32_t src, uint32_t dst,
    uint16_t port, enum nj_scan_outcome answer)
{
	obs(e, ts, src, dst, port, IPPROTO_TCP, NJ_SCAN_SYN, NJ_SCAN_SENT);
	if (answer != NJ_SCAN_SENT)
		obs(e, ts + 10000, src, dst, port, IPPROTO_TCP, NJ_SCAN_SYN,
		    answer);
}

/* The index of the n-th (0-based) first alert caught. */
static unsigned
nth_new(const struct catch *c, unsigned n)
{
	unsigned i;

	for (i = 0; i < c->n; i++)
		if (c->r[i].kind == NJ_SCAN_REPORT_NEW && n-- == 0)
			return i;
	fail_msg("no alert number %u", n);
	return 0;
}

static struct nj_scan_engine *
engine(struct catch *c, struct nj_scan_cfg *cfg)
{
	struct nj_scan_cfg def;
	struct nj_scan_engine *e;

	memset(c, 0, sizeof(*c));
	if (cfg == NULL) {
		nj_scan_cfg_default(&def);
		cfg = &def;
	}
	e = nj_scan_new(cfg, 42, on_report, c);
	assert_non_null(e);
	return e;
}

/* theta0 0.8, theta1 0.2, eta1 99: each failure multiplies by 4, 4^4 > 99. */
static void
trw_flags_after_four_refusals(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	unsigned i;

	(void)state;
	for (i = 0; i < 3; i++)
		syn(e, T0 + NJ_SEC(i), SCANNER, TARGET, (uint16_t)(20 + i),
		    NJ_SCAN_CLOSED);
	assert_int_equal(c.total, 0);
	syn(e, T0 + NJ_SEC(3), SCANNER, TARGET, 23, NJ_SCAN_CLOSED);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.r[0].kind, NJ_SCAN_REPORT_NEW);
	assert_string_equal(c.r[0].trigger, "trw");
	assert_int_equal(c.r[0].probes_at_alert, 4);
	assert_string_equal(c.r[0].shape, "vertical");
	assert_string_equal(c.r[0].ports, "20-23");
	nj_scan_free(e);
}

/* Filtered ports: no answer; after answer_wait (1 s) each is a failure. */
static void
trw_counts_unanswered_probes(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	unsigned i;

	(void)state;
	/* One probe a second: probe k judges probe k-1 unanswered. */
	for (i = 0; i < 4; i++)
		syn(e, T0 + NJ_SEC(i), SCANNER, TARGET, (uint16_t)(100 + i),
		    NJ_SCAN_SENT);
	assert_int_equal(c.total, 0);
	syn(e, T0 + NJ_SEC(4), SCANNER, TARGET, 104, NJ_SCAN_SENT);
	assert_int_equal(c.news, 1);
	assert_int_equal(c.r[0].probes_at_alert, 5);
	/* The flow ending later adds nothing: the probe was judged. */
	obs(e, T0 + NJ_SEC(30), SCANNER, TARGET, 100, IPPROTO_TCP, NJ_SCAN_SYN,
	    NJ_SCAN_NOANSWER);
	nj_scan_finish(e, T0 + NJ_SEC(31));
	assert_int_equal(nj_scan_stats(e)->answer_timeouts, 5);
	assert_int_equal(c.r[c.n - 1].kind, NJ_SCAN_REPORT_FINAL);
	assert_int_equal(c.r[c.n - 1].unanswered, 5);
	nj_scan_free(e);
}

/* A client's answered connections, even to one server again and again. */
static void
answered_repeats_never_presumed(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	unsigned i;

	(void)state;
	for (i = 0; i < 500; i++)
		syn(e, T0 + i * 20000, 0x0a000007u, 0x5db8d822u, 443,
		    NJ_SCAN_OPEN);
	nj_scan_finish(e, T0 + NJ_SEC(60));
	assert_int_equal(nj_scan_stats(e)->answer_timeouts, 0);
	assert_int_equal(c.total, 0);
	nj_scan_free(e);
}

/* One service refused again and again is no scan (a flood, maybe). */
static void
one_service_is_no_scan(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	unsigned i;

	(void)state;
	for (i = 0; i < 100; i++)
		syn(e, T0 + i * 10000, SCANNER, TARGET, 7000, NJ_SCAN_SENT);
	nj_scan_finish(e, T0 + NJ_SEC(60));
	assert_int_equal(c.total, 0);
	nj_scan_free(e);
}

/* A client whose connections mostly succeed is not a scanner. */
static void
trw_benign_client(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	uint32_t src = 0x0a000005u;
	unsigned i;

	(void)state;
	for (i = 0; i < 20; i++)
		syn(e, T0 + NJ_SEC(i), src, 0x5db8d800u + i, 443,
		    NJ_SCAN_OPEN);
	/* Four dead servers later: the walk sits at eta0, 4^4 is not enough. */
	for (i = 0; i < 4; i++)
		syn(e, T0 + NJ_SEC(30 + i), src, 0x5db8e800u + i, 443,
		    NJ_SCAN_CLOSED);
	/* Retrying the same dead server is not a new contact. */
	for (i = 0; i < 10; i++)
		syn(e, T0 + NJ_SEC(40 + i), src, 0x5db8e800u, 443,
		    NJ_SCAN_CLOSED);
	nj_scan_finish(e, T0 + NJ_SEC(100));
	assert_int_equal(c.total, 0);
	nj_scan_free(e);
}

static void
speed_boundaries(void **state)
{
	struct nj_scan_cfg cfg;
	double r;

	(void)state;
	nj_scan_cfg_default(&cfg);
	/* fast >= 5 probes/s: 5 probes over exactly 1 s. */
	assert_string_equal(nj_scan_speed(&cfg, 5, T0, T0 + NJ_SEC(1), &r),
	    "fast");
	assert_true(r == 5.0);
	assert_string_equal(nj_scan_speed(&cfg, 5, T0, T0 + NJ_SEC(1) + 1, &r),
	    "normal");
	/* slow <= 1 probe per 15 s: 2 probes over exactly 30 s. */
	assert_string_equal(nj_scan_speed(&cfg, 2, T0, T0 + NJ_SEC(30), &r),
	    "slow");
	assert_string_equal(nj_scan_speed(&cfg, 2, T0, T0 + NJ_SEC(30) - 1, &r),
	    "normal");
	assert_string_equal(nj_scan_speed(&cfg, 100, T0, T0 + NJ_SEC(1500),
	    &r), "slow");
	/* The policy moves the boundaries. */
	cfg.fast_rate = 100;
	assert_string_equal(nj_scan_speed(&cfg, 5, T0, T0 + NJ_SEC(1), &r),
	    "normal");
}

static void
speed_in_reports(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	unsigned i;

	(void)state;
	/* 20 probes/s, 50 ms apart. */
	for (i = 0; i < 10; i++)
		syn(e, T0 + i * 50000, SCANNER, TARGET, (uint16_t)(1 + i),
		    NJ_SCAN_CLOSED);
	assert_int_equal(c.news, 1);
	assert_string_equal(c.r[0].speed, "fast");
	/* One probe every five minutes. */
	for (i = 0; i < 10; i++)
		syn(e, T0 + NJ_SEC(300 * i), SCANNER + 1, TARGET,
		    (uint16_t)(1 + i), NJ_SCAN_CLOSED);
	assert_int_equal(c.news, 2);
	assert_string_equal(c.r[nth_new(&c, 1)].speed, "slow");
	/* One every 3 s. */
	for (i = 0; i < 10; i++)
		syn(e, T0 + NJ_SEC(3 * i), SCANNER + 2, TARGET,
		    (uint16_t)(1 + i), NJ_SCAN_CLOSED);
	assert_int_equal(c.news, 3);
	assert_string_equal(c.r[nth_new(&c, 2)].speed, "normal");
	nj_scan_free(e);
}

static void
shapes(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	unsigned i, j;

	(void)state;
	for (i = 0; i < 30; i++)
		syn(e, T0 + NJ_SEC(i), SCANNER, TARGET, (uint16_t)(1000 + i),
		    NJ_SCAN_CLOSED);
	for (i = 0; i < 30; i++)
		syn(e, T0 + NJ_SEC(i), SCANNER + 1, TARGET + i, 22,
		    NJ_SCAN_CLOSED);
	for (i = 0; i < 10; i++)
		for (j = 0; j < 10; j++)
			syn(e, T0 + NJ_SEC(i * 10 + j), SCANNER + 2, TARGET + i,
			    (uint16_t)(j + 1), NJ_SCAN_CLOSED);
	nj_scan_finish(e, T0 + NJ_SEC(200));
	assert_int_equal(c.news, 3);
	for (i = 0; i < c.n; i++) {
		if (c.r[i].kind != NJ_SCAN_REPORT_FINAL)
			continue;
		if (memcmp(&c.r[i].src, &(struct nj_addr){ 0 }, 1) == 0)
			continue;
		if (c.r[i].src.a[3] == (SCANNER & 0xff))
			assert_string_equal(c.r[i].shape, "vertical");
		else if (c.r[i].src.a[3] == ((SCANNER + 1) & 0xff))
			assert_string_equal(c.r[i].shape, "horizontal");
		else
			assert_string_equal(c.r[i].shape, "block");
	}
	nj_scan_free(e);
}

/* The ports that answered with a SYN-ACK are the evidence that matters. */
static void
open_ports_reported(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	static const uint16_t open[] = { 22, 80, 443 };
	unsigned i, k, found = 0;

	(void)state;
	for (i = 1; i <= 30; i++)
		syn(e, T0 + NJ_SEC(i), SCANNER, TARGET, (uint16_t)(i * 1000),
		    NJ_SCAN_CLOSED);
	syn(e, T0 + NJ_SEC(31), SCANNER, TARGET, 22, NJ_SCAN_OPEN);
	syn(e, T0 + NJ_SEC(32), SCANNER, TARGET, 443, NJ_SCAN_OPEN);
	syn(e, T0 + NJ_SEC(33), SCANNER, TARGET, 80, NJ_SCAN_OPEN);
	nj_scan_finish(e, T0 + NJ_SEC(60));
	assert_int_equal(c.r[c.n - 1].kind, NJ_SCAN_REPORT_FINAL);
	assert_int_equal(c.r[c.n - 1].nopen, 3);
	assert_int_equal(c.r[c.n - 1].open_total, 3);
	for (i = 0; i < 3; i++)
		for (k = 0; k < 3; k++)
			if (c.r[c.n - 1].open_port[i] == open[k])
				found++;
	assert_int_equal(found, 3);
	nj_scan_free(e);
}

/* One alert, updates as it grows tenfold, one final summary when idle. */
static void
one_alert_updates_final(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	unsigned i, updates = 0, finals = 0;

	(void)state;
	for (i = 0; i < 1000; i++)
		syn(e, T0 + i * 50000, SCANNER, TARGET, (uint16_t)(1 + i),
		    NJ_SCAN_CLOSED);
	for (i = 0; i < 200; i++)
		nj_scan_tick(e, T0 + NJ_SEC(60 + 10 * i));
	for (i = 0; i < c.n; i++) {
		updates += c.r[i].kind == NJ_SCAN_REPORT_UPDATE;
		finals += c.r[i].kind == NJ_SCAN_REPORT_FINAL;
	}
	assert_int_equal(c.news, 1);
	assert_int_equal(updates, 2); /* at 40 and 400 probes */
	assert_int_equal(finals, 1);
	assert_int_equal(c.r[c.n - 1].probes, 1000);
	assert_int_equal(c.r[c.n - 1].probes_at_alert, 4);
	/* After the final, the slot is free: a new scan is a new alert. */
	syn(e, T0 + NJ_SEC(5000), SCANNER, TARGET, 1, NJ_SCAN_CLOSED);
	assert_int_equal(nj_scan_stats(e)->active, 1);
	nj_scan_free(e);
}

static void
outbound_marked(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	struct nj_scan_obs o;
	unsigned i;

	(void)state;
	/* Outwards: 8 failures, and about 16 hosts for a horizontal sweep. */
	for (i = 0; i < 22; i++) {
		if (i < 8)
			assert_int_equal(c.news, 0);
		memset(&o, 0, sizeof(o));
		o.ts = T0 + NJ_SEC(i);
		o.src = ip4(0x0a000042u);
		o.dst = ip4(0x08080800u + i);
		o.dport = 445;
		o.proto = IPPROTO_TCP;
		o.outbound = true;
		nj_scan_observe(e, &o);
		o.outcome = NJ_SCAN_CLOSED;
		nj_scan_observe(e, &o);
	}
	assert_int_equal(c.news, 1);
	assert_true(c.r[0].outbound);
	assert_string_equal(c.r[0].shape, "horizontal");
	nj_scan_free(e);
}

/* Outside the paper's setting (nothing inbound) the walk goes four steps on. */
static void
trw_other_directions_need_eight(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	struct nj_scan_obs o;
	unsigned i;

	(void)state;
	for (i = 0; i < 8; i++) {
		assert_int_equal(c.news, 0);
		memset(&o, 0, sizeof(o));
		o.ts = T0 + NJ_SEC(i);
		o.src = ip4(0x5db8d801u);
		o.dst = ip4(0x5db8d900u);
		o.dport = (uint16_t)(8000 + i);
		o.proto = IPPROTO_TCP;
		nj_scan_observe(e, &o);
		o.outcome = NJ_SCAN_CLOSED;
		nj_scan_observe(e, &o);
	}
	assert_int_equal(c.news, 1);
	assert_int_equal(c.r[0].probes_at_alert, 8);
	nj_scan_free(e);
}

/* Silence from UDP is no failure; an ICMP port unreachable is. */
static void
udp_silence_is_not_failure(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	unsigned i;

	(void)state;
	for (i = 0; i < 10; i++) {
		obs(e, T0 + NJ_SEC(i), SCANNER, TARGET + i, 514, IPPROTO_UDP,
		    NJ_SCAN_UDP, NJ_SCAN_SENT);
		obs(e, T0 + NJ_SEC(i + 60), SCANNER, TARGET + i, 514,
		    IPPROTO_UDP, NJ_SCAN_UDP, NJ_SCAN_NOANSWER);
	}
	nj_scan_finish(e, T0 + NJ_SEC(100));
	assert_int_equal(c.total, 0);
	nj_scan_free(e);
}

/* FIN/NULL/Xmas probes are failures by themselves. */
static void
stealth_flavours(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	unsigned i;

	(void)state;
	for (i = 0; i < 4; i++)
		obs(e, T0 + NJ_SEC(i), SCANNER, TARGET, (uint16_t)(i + 1),
		    IPPROTO_TCP, NJ_SCAN_XMAS, NJ_SCAN_SENT);
	assert_int_equal(c.news, 1);
	assert_int_equal(c.r[0].flavours, 1u << NJ_SCAN_XMAS);
	nj_scan_free(e);
}

/* Scans hidden among successes: window counting of failed ports. */
static void
window_catches_mixed_scan(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	unsigned i;

	(void)state;
	for (i = 0; i < 15; i++) {
		unsigned k;

		/* Three good connections for every failed probe. */
		for (k = 0; k < 3; k++)
			syn(e, T0 + NJ_SEC(4 * i + k), SCANNER,
			    0x5db8d800u + 3 * i + k, 443, NJ_SCAN_OPEN);
		syn(e, T0 + NJ_SEC(4 * i + 3), SCANNER, TARGET,
		    (uint16_t)(5000 + i), NJ_SCAN_CLOSED);
		if (i < 14)
			assert_int_equal(c.news, 0);
	}
	assert_int_equal(c.news, 1);
	assert_string_equal(c.r[0].trigger, "window");
	nj_scan_free(e);
}

/* A client whose datagrams are answered polls many servers: no sweep. */
static void
udp_answered_client(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	unsigned i;

	(void)state;
	for (i = 0; i < 60; i++) {
		obs(e, T0 + NJ_SEC(i), SCANNER, TARGET + i, (uint16_t)(443 +
		    1000 * (i % 8)), IPPROTO_UDP, NJ_SCAN_UDP, NJ_SCAN_SENT);
		if (i % 4 != 3)
			obs(e, T0 + NJ_SEC(i) + 30000, SCANNER, TARGET + i,
			    (uint16_t)(443 + 1000 * (i % 8)), IPPROTO_UDP,
			    NJ_SCAN_UDP, NJ_SCAN_OPEN);
	}
	nj_scan_finish(e, T0 + NJ_SEC(100));
	assert_int_equal(c.total, 0);
	nj_scan_free(e);
}

/* UDP to closed ports answered by ICMP port unreachable. */
static void
udp_probes(void **state)
{
	struct catch c;
	struct nj_scan_engine *e = engine(&c, NULL);
	unsigned i;

	(void)state;
	for (i = 0; i < 4; i++) {
		obs(e, T0 + NJ_SEC(i), SCANNER, TARGET, (uint16_t)(50 + i),
		    IPPROTO_UDP, NJ_SCAN_UDP, NJ_SCAN_SENT);
		obs(e, T0 + NJ_SEC(i) + 1000, SCANNER, TARGET,
		    (uint16_t)(50 + i), IPPROTO_UDP, NJ_SCAN_UDP,
		    NJ_SCAN_CLOSED);
	}
	assert_int_equal(c.news, 1);
	assert_int_equal(c.r[0].flavours, 1u << NJ_SCAN_UDP);
	nj_scan_free(e);
}

/*
 * A million sources, one unanswered probe each, within one hour (each
 * bucket of the table sees about forty newcomers between two probes of
 * the scanner), while one source probes a new port every five minutes:
 * the table stays at its cap, the flood raises nothing, the slow scanner
 * is still found - its second probe finds it remembered as returning.
 */
static void
million_sources_keep_slow_scanner(void **state)
{
	struct catch c;
	struct nj_scan_cfg cfg;
	struct nj_scan_engine *e;
	const uint32_t slow = 0xc6336401u; /* 198.51.100.1 */
	const uint64_t n = 1000000;
	nj_time_t span = NJ_SEC(3600), t;
	uint64_t i, x = 1;
	size_t mem;
	unsigned k = 0;

	(void)state;
	nj_scan_cfg_default(&cfg);
	e = engine(&c, &cfg);
	c.watch = ip4(slow);
	mem = nj_scan_memsize(&cfg);
	for (i = 0; i < n; i++) {
		t = T0 + span * i / n;
		x = nj_mix64(x + i);
		/* Random public sources towards random local hosts. */
		obs(e, t, (uint32_t)x | 0x01000000u, TARGET + (uint32_t)(x >> 40
		    & 0xff), (uint16_t)(x >> 48), IPPROTO_TCP, NJ_SCAN_SYN,
		    NJ_SCAN_SENT);
		if (t >= T0 + NJ_SEC(300) * k) {
			syn(e, t, slow, TARGET, (uint16_t)(1000 + k),
			    NJ_SCAN_SENT);
			k++;
		}
		if (i % 2000 == 0)
			nj_scan_tick(e, t);
	}
	nj_scan_finish(e, T0 + span);
	assert_int_equal(c.watch_news, 1);
	assert_int_equal(c.news, 1);
	assert_true(nj_scan_stats(e)->peak <= cfg.max_sources);
	assert_true(nj_scan_stats(e)->evicted > 0);
	assert_int_equal(nj_scan_memsize(&cfg), mem);
	for (i = 0; i < c.n; i++)
		if (c.r[i].kind == NJ_SCAN_REPORT_NEW) {
			assert_string_equal(c.r[i].speed, "slow");
			assert_true(c.r[i].probes_at_alert <= 8);
		}
	nj_scan_free(e);
}

/* The n-th source of the flood below: random, public, never the scanner. */
static uint32_t
flood_src(uint64_t n)
{
	return (uint32_t)nj_mix64(n + 0x51f15eedULL) | 0x01000000u;
}

/*
 * A SYN flood as a sensor under it reports it: 5000 one-SYN sources a
 * second for 60 s, each SYN's flow ending unanswered 18 s later (the
 * flow table at its cap pushes it out, long after its source lost its
 * slot here, so the end comes back as a source already seen), and in the
 * middle a fast vertical scan of 300 ports at 100 a second, unanswered.
 * The scanner must be found while it runs: four failures make the walk
 * (theta 0.8/0.2, eta1 99), a probe fails after answer_wait (1 s) plus
 * at most a quarter of it to its checkpoint, so it is reported within
 * about 125 of its probes - 200 leaves room and still means the first
 * two seconds. The flood itself is no scan.
 */
static void
flood_keeps_fast_scanner(void **state)
{
	struct catch c;
	struct nj_scan_cfg cfg;
	struct nj_scan_engine *e;
	const uint64_t rate = 5000, n = 60 * rate, lag = 18 * rate;
	const nj_time_t step = NJ_SEC(1) / (nj_time_t)rate;
	const nj_time_t scan_at = T0 + NJ_SEC(30);
	nj_time_t t;
	uint64_t i;
	unsigned k = 0, w;

	(void)state;
	nj_scan_cfg_default(&cfg);
	e = engine(&c, &cfg);
	c.watch = ip4(SCANNER);
	for (i = 0; i < n + lag; i++) {
		t = T0 + (nj_time_t)i * step;
		if (i < n)
			obs(e, t, flood_src(i), TARGET + (uint32_t)(i % 3),
			    (uint16_t)(80 + i % 3), IPPROTO_TCP, NJ_SCAN_SYN,
			    NJ_SCAN_SENT);
		if (i >= lag)
			obs(e, t, flood_src(i - lag), TARGET + (uint32_t)((i -
			    lag) % 3), (uint16_t)(80 + (i - lag) % 3),
			    IPPROTO_TCP, NJ_SCAN_SYN, NJ_SCAN_NOANSWER);
		while (k < 300 && scan_at + (nj_time_t)k * 10000 <= t) {
			syn(e, t, SCANNER, TARGET, (uint16_t)(k + 1),
			    NJ_SCAN_SENT);
			k++;
		}
		if (i % 1000 == 0)
			nj_scan_tick(e, t);
	}
	nj_scan_finish(e, t);
	assert_int_equal(k, 300);
	assert_int_equal(c.watch_news, 1);
	assert_int_equal(c.news, 1);
	w = nth_new(&c, 0);
	assert_memory_equal(&c.r[w].src, &c.watch, sizeof(c.watch));
	assert_true(c.r[w].probes_at_alert <= 200);
	assert_string_equal(c.r[w].speed, "fast");
	assert_string_equal(c.r[w].shape, "vertical");
	assert_true(nj_scan_stats(e)->evicted > 0);
	assert_true(nj_scan_stats(e)->peak <= cfg.max_sources);
	nj_scan_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trw_flags_after_four_refusals),
		cmocka_unit_test(trw_counts_unanswered_probes),
		cmocka_unit_test(answered_repeats_never_presumed),
		cmocka_unit_test(trw_benign_client),
		cmocka_unit_test(one_service_is_no_scan),
		cmocka_unit_test(speed_boundaries),
		cmocka_unit_test(speed_in_reports),
		cmocka_unit_test(shapes),
		cmocka_unit_test(open_ports_reported),
		cmocka_unit_test(one_alert_updates_final),
		cmocka_unit_test(outbound_marked),
		cmocka_unit_test(stealth_flavours),
		cmocka_unit_test(trw_other_directions_need_eight),
		cmocka_unit_test(udp_silence_is_not_failure),
		cmocka_unit_test(window_catches_mixed_scan),
		cmocka_unit_test(udp_probes),
		cmocka_unit_test(udp_answered_client),
		cmocka_unit_test(million_sources_keep_slow_scanner),
		cmocka_unit_test(flood_keeps_fast_scanner),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
