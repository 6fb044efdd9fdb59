/*
 * test_sensor.c - the per-packet path with a recording detector in place
 * of the registry: ticks when packet time crosses a second, packet and
 * flow_end callbacks once frames decode, finish and fini at the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pcap/pcap.h>
#include <string.h>

#include "sensor/config.h"
#include "sensor/detector.h"
#include "sensor/sensor.h"

static struct rec {
	int inits, packets, flows_with, flow_ends, finishes, finis;
	int ticks;
	nj_time_t tick_at[8];
	nj_time_t finish_at;
	nj_time_t flow_first;
} rec;

static void *
r_init(struct nj_sensor *s)
{
	(void)s;
	rec.inits++;
	return &rec;
}

static void
r_packet(void *st, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir)
{
	(void)st;
	(void)s;
	(void)p;
	(void)dir;
	rec.packets++;
	if (flow != NULL)
		rec.flows_with++;
}

static void
r_flow_end(void *st, struct nj_sensor *s, const struct nj_flow *f)
{
	(void)st;
	(void)s;
	rec.flow_ends++;
	rec.flow_first = f->first;
}

static void
r_tick(void *st, struct nj_sensor *s, nj_time_t now)
{
	(void)st;
	(void)s;
	if (rec.ticks < 8)
		rec.tick_at[rec.ticks] = now;
	rec.ticks++;
}

static void
r_finish(void *st, struct nj_sensor *s, nj_time_t now)
{
	(void)st;
	(void)s;
	rec.finishes++;
	rec.finish_at = now;
}

static void
r_fini(void *st)
{
	(void)st;
	rec.finis++;
}

static const struct nj_detector recorder = {
	.name = "recorder",
	.init = r_init,
	.packet = r_packet,
	.flow_end = r_flow_end,
	.tick = r_tick,
	.finish = r_finish,
	.fini = r_fini,
};

/* Replaces detectors.c's registry in this test binary. */
const struct nj_detector *const nj_detectors[] = { &recorder, NULL };

/* Ethernet + IPv4 + UDP 10.0.0.1:5353 -> 10.0.0.2:53, 4 payload bytes. */
static const uint8_t frame[] = {
	0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,
	0x45, 0, 0, 32, 0, 1, 0, 0, 64, 17, 0, 0,
	10, 0, 0, 1, 10, 0, 0, 2,
	0x14, 0xe9, 0, 53, 0, 12, 0, 0, 'a', 'b', 'c', 'd',
};

static void
feed(struct nj_sensor *s, long sec, long usec)
{
	struct pcap_pkthdr h;

	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = sec;
	h.ts.tv_usec = usec;
	h.caplen = h.len = sizeof(frame);
	nj_sensor_packet(s, &h, frame);
}

static void
test_path(void **state)
{
	struct nj_config cfg;
	struct nj_sensor s;
	struct nj_packet p;
	bool decodes;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.max_flows = 16;
	nj_flow_timeouts_default(&cfg.timeouts);
	memset(&s, 0, sizeof(s));
	memset(&rec, 0, sizeof(rec));
	assert_int_equal(nj_sensor_init(&s, &cfg, NJ_DLT_EN10MB, false), 0);
	assert_int_equal(rec.inits, 1);

	feed(&s, 1000, 200000);
	feed(&s, 1000, 700000);
	assert_int_equal(rec.ticks, 0);
	feed(&s, 1002, 100000);  /* crosses two seconds: one tick */
	assert_int_equal(rec.ticks, 1);
	assert_int_equal(rec.tick_at[0], NJ_SEC(1002) + 100000);
	feed(&s, 1001, 0);       /* late packet: the clock stays */
	assert_int_equal(rec.ticks, 1);
	assert_int_equal(s.now, NJ_SEC(1002) + 100000);
	assert_int_equal(s.start, NJ_SEC(1000) + 200000);
	assert_int_equal(s.packets, 4);
	assert_int_equal(s.bytes, 4 * sizeof(frame));

	nj_sensor_finish(&s);
	assert_int_equal(rec.finishes, 1);
	assert_int_equal(rec.finish_at, NJ_SEC(1002) + 100000);
	assert_int_equal(rec.ticks, 2);

	/* With the real decoders, the frame reaches the detector and its flow. */
	nj_decode(NJ_DLT_EN10MB, frame, sizeof(frame), sizeof(frame), &p, NULL);
	decodes = p.ip_version == 4 && p.l4;
	if (decodes) {
		assert_int_equal(rec.packets, 4);
		assert_int_equal(rec.flows_with, 4);
		assert_int_equal(rec.flow_ends, 1);
		assert_int_equal(rec.flow_first, NJ_SEC(1000) + 200000);
	} else {
		assert_int_equal(rec.packets, 0);
		assert_int_equal(s.undecoded, 4);
	}
	nj_sensor_free(&s);
	assert_int_equal(rec.finis, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
