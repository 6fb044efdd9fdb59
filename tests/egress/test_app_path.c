/*
 * test_app_path.c - the application path below the detectors: TCP
 * payload from the per-packet path reaches the recognisers in sequence
 * order (a retransmission is skipped, a line split across segments is
 * whole), a verdict sets flow->app and calls the detectors' app callback
 * twice (first, then final at flow end), unrecognised payload calls no
 * one, and the side table's cap evicts the flow fed least recently.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sensor/app_path.h"
#include "sensor/config.h"
#include "sensor/detector.h"
#include "sensor/flow_table.h"
#include "sensor/sensor.h"

static struct rec {
	int calls, finals;
	enum nj_app_proto proto;
	uint8_t flow_app;
	char nick[NJ_APP_NICK_MAX];
	char channel[NJ_APP_CHANNEL_MAX];
} rec;

static void *
r_init(struct nj_sensor *s)
{
	(void)s;
	return &rec;
}

static void
r_app(void *st, struct nj_sensor *s, struct nj_flow *flow,
    const struct nj_app_evidence *ev)
{
	struct rec *r = st;

	(void)s;
	r->calls++;
	if (nj_app_ev_final(ev))
		r->finals++;
	r->proto = ev->proto;
	r->flow_app = flow->app;
	memcpy(r->nick, ev->nick, sizeof(r->nick));
	memcpy(r->channel, ev->channels[0], sizeof(r->channel));
}

static const struct nj_detector recorder = {
	.name = "recorder",
	.init = r_init,
	.app = r_app,
};

/* Replaces detectors.c's registry in this test binary. */
const struct nj_detector *const nj_detectors[] = { &recorder, NULL };

#define CLIENT 0x0a000001u /* 10.0.0.1:40000 */
#define SERVER 0x0a000002u /* 10.0.0.2:6667 */

/* Ethernet + IPv4 + TCP (no options) carrying payload. */
static void
send_tcp(struct nj_sensor *s, int from_client, uint8_t flags, uint32_t seq,
    const char *payload, long usec)
{
	uint8_t f[256];
	struct pcap_pkthdr h;
	size_t len = strlen(payload), n = 14 + 20 + 20 + len;
	uint32_t src = from_client ? CLIENT : SERVER;
	uint32_t dst = from_client ? SERVER : CLIENT;
	uint16_t sp = from_client ? 40000 : 6667, dp = from_client ? 6667 :
	    40000;

	assert_true(n <= sizeof(f));
	memset(f, 0, sizeof(f));
	memcpy(f, "\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00", 14);
	f[14] = 0x45;
	f[16] = (uint8_t)((n - 14) >> 8);
	f[17] = (uint8_t)(n - 14);
	f[22] = 64;
	f[23] = IPPROTO_TCP;
	src = htonl(src);
	dst = htonl(dst);
	memcpy(f + 26, &src, 4);
	memcpy(f + 30, &dst, 4);
	f[34] = (uint8_t)(sp >> 8);
	f[35] = (uint8_t)sp;
	f[36] = (uint8_t)(dp >> 8);
	f[37] = (uint8_t)dp;
	seq = htonl(seq);
	memcpy(f + 38, &seq, 4);
	f[46] = 0x50;
	f[47] = flags;
	f[48] = 0xff;
	memcpy(f + 54, payload, len);
	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = 1000;
	h.ts.tv_usec = usec;
	h.caplen = h.len = (bpf_u_int32)n;
	nj_sensor_packet(s, &h, f);
}

static void
open_sensor(struct nj_sensor *s, struct nj_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->max_flows = 16;
	nj_flow_timeouts_default(&cfg->timeouts);
	memset(s, 0, sizeof(*s));
	memset(&rec, 0, sizeof(rec));
	assert_int_equal(nj_sensor_init(s, cfg, NJ_DLT_EN10MB, false), 0);
}

static void
irc_through_the_sensor(void **state)
{
	struct nj_app_path_stats st;
	struct nj_config cfg;
	struct nj_sensor s;

	(void)state;
	open_sensor(&s, &cfg);
	send_tcp(&s, 1, 0x02, 100, "", 1);               /* SYN */
	send_tcp(&s, 0, 0x12, 500, "", 2);               /* SYN-ACK */
	send_tcp(&s, 1, 0x10, 101, "", 3);               /* ACK */
	send_tcp(&s, 1, 0x18, 101, "NICK bo", 4);
	send_tcp(&s, 1, 0x18, 101, "NICK bo", 5);        /* retransmitted */
	send_tcp(&s, 1, 0x18, 108, "t\r\nUSER bot 0 * :b\r\n", 6);
	assert_int_equal(rec.calls, 1);
	assert_int_equal(rec.finals, 0);
	assert_int_equal(rec.proto, NJ_APP_IRC);
	assert_int_equal(rec.flow_app, NJ_FLOW_APP_IRC);
	assert_string_equal(rec.nick, "bot");
	send_tcp(&s, 0, 0x18, 501, ":irc.example.net 001 bot :Welcome\r\n",
	    7);
	send_tcp(&s, 1, 0x18, 128, "JOIN #k33p\r\n", 8);
	nj_sensor_finish(&s);                             /* flow ends */
	assert_int_equal(rec.calls, 2);
	assert_int_equal(rec.finals, 1);
	assert_string_equal(rec.channel, "#k33p");
	nj_app_path_get_stats(s.app, &st);
	assert_int_equal(st.started, 1);
	assert_int_equal(st.recognised, 1);
	assert_int_equal(st.retrans, 1);
	assert_int_equal(st.active, 0);
	nj_sensor_free(&s);
}

static void
http_calls_no_one(void **state)
{
	struct nj_app_path_stats st;
	struct nj_config cfg;
	struct nj_sensor s;

	(void)state;
	open_sensor(&s, &cfg);
	send_tcp(&s, 1, 0x02, 100, "", 1);
	send_tcp(&s, 0, 0x12, 500, "", 2);
	send_tcp(&s, 1, 0x18, 101, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 3);
	send_tcp(&s, 0, 0x18, 501, "HTTP/1.1 200 OK\r\nServer: y\r\n\r\n", 4);
	nj_sensor_finish(&s);
	assert_int_equal(rec.calls, 0);
	nj_app_path_get_stats(s.app, &st);
	assert_int_equal(st.recognised, 0);
	assert_int_equal(st.active, 0);
	nj_sensor_free(&s);
}

/* Two flows, room for one: the older is evicted and not started again. */
static void
cap_evicts(void **state)
{
	struct nj_app_path_stats st;
	struct nj_sensor s;
	struct nj_flow a, b;
	struct nj_packet p;

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&rec, 0, sizeof(rec));
	s.det_state[0] = &rec;
	s.app = nj_app_path_new(1);
	assert_non_null(s.app);
	memset(&a, 0, sizeof(a));
	a.proto = IPPROTO_TCP;
	b = a;
	memset(&p, 0, sizeof(p));
	p.proto = IPPROTO_TCP;
	p.l4 = true;
	p.payload = (const uint8_t *)"NICK a\r\n";
	p.payload_len = 8;
	nj_app_path_packet(&s, &p, &a, 0);
	nj_app_path_packet(&s, &p, &b, 0);
	p.tcp_seq = 8;
	p.payload = (const uint8_t *)"USER a 0 * :a\r\n";
	p.payload_len = 15;
	nj_app_path_packet(&s, &p, &a, 0);             /* a is over */
	nj_app_path_packet(&s, &p, &b, 0);
	nj_app_path_get_stats(s.app, &st);
	assert_int_equal(st.started, 2);
	assert_int_equal(st.evicted, 1);
	assert_int_equal(a.app, NJ_FLOW_APP_UNKNOWN);
	assert_int_equal(b.app, NJ_FLOW_APP_IRC);
	assert_int_equal(rec.calls, 1);
	nj_app_path_flow_end(&s, &b);
	assert_int_equal(rec.finals, 1);
	nj_app_path_get_stats(s.app, &st);
	assert_int_equal(st.active, 0);
	nj_app_path_free(s.app);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(irc_through_the_sensor),
		cmocka_unit_test(http_calls_no_one),
		cmocka_unit_test(cap_evicts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
