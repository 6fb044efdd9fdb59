/*
 * test_dnscorr_detectors.c - private-destination / bogon-destination and
 * dns-private-answer on hand-built packets and messages: which
 * destinations and answers are alerts and which are LAN chatter or
 * private by design.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "decoders/dns.h"
#include "policy/policy.h"
#include "sensor/alert_pipeline.h"
#include "sensor/detector.h"
#include "sensor/dnscache.h"
#include "sensor/sensor.h"

extern const struct nj_detector nj_det_private_dest;
extern const struct nj_detector nj_det_dns_private_answer;

#define T0 NJ_SEC(1772452800)

static const char policy_text[] =
    "networks:\n"
    "  local: [192.168.50.0/24, 10.50.0.0/16, \"2001:db8:50::/48\"]\n"
    "hosts:\n"
    "  resolvers: [192.168.50.2]\n"
    "dns:\n"
    "  internal_zones: [corp.example.com]\n";

/* The last alert the pipeline saw, copied by a capturing enricher. */
static struct nj_alert last;
static int nalerts;

static void
capture(void *ctx, struct nj_sensor *s, struct nj_alert *a)
{
	(void)ctx;
	(void)s;
	last = *a;
	nalerts++;
}

struct fx {
	struct nj_sensor s;
	void *pd, *dpa;
};

static int
setup(void **state)
{
	static struct fx fx;
	struct nj_alert_options o;

	memset(&fx, 0, sizeof(fx));
	fx.s.policy = nj_policy_parse("test", policy_text, strlen(policy_text),
	    stderr);
	nj_alert_options_default(&o);
	fx.s.alerts = nj_alerts_new(&o);
	fx.s.dns = nj_dnscache_new(64);
	if (fx.s.policy == NULL || fx.s.alerts == NULL || fx.s.dns == NULL ||
	    nj_alerts_add_enricher(fx.s.alerts, capture, NULL) < 0)
		return -1;
	fx.pd = nj_det_private_dest.init(&fx.s);
	fx.dpa = nj_det_dns_private_answer.init(&fx.s);
	nalerts = 0;
	*state = &fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	nj_det_private_dest.fini(fx->pd);
	nj_det_dns_private_answer.fini(fx->dpa);
	nj_alerts_free(fx->s.alerts);
	nj_dnscache_free(fx->s.dns);
	nj_policy_free(fx->s.policy);
	return 0;
}

static struct nj_addr
addr(const char *s)
{
	struct nj_addr a;

	assert_int_equal(nj_addr_parse(s, &a), 0);
	return a;
}

/* A TCP SYN (or a UDP datagram) from src to dst:dport, on its flow. */
static void
attempt(struct fx *fx, const char *src, const char *dst, uint16_t dport,
    uint8_t proto, nj_time_t ts, struct nj_flow *f)
{
	struct nj_packet p;

	memset(&p, 0, sizeof(p));
	p.ts = ts;
	p.src = addr(src);
	p.dst = addr(dst);
	p.ip_version = p.src.family;
	p.proto = proto;
	p.l4 = true;
	p.sport = 40000;
	p.dport = dport;
	p.tcp_flags = NJ_TH_SYN;
	if (f->orig.family == 0) {
		f->orig = p.src;
		f->resp = p.dst;
		f->orig_port = p.sport;
		f->resp_port = dport;
		f->proto = proto;
		f->first = ts;
		f->state = proto == 6 ? NJ_FLOW_ATTEMPTED : NJ_FLOW_UDP;
	}
	f->last = ts;
	f->pkts[0]++;
	fx->s.now = ts;
	nj_det_private_dest.packet(fx->pd, &fx->s, &p, f, 0);
}

static const struct nj_alert_field *
field(const char *key)
{
	int i;

	for (i = 0; i < last.nfields; i++)
		if (last.fields[i].obj[0] == '\0' &&
		    strcmp(last.fields[i].key, key) == 0)
			return &last.fields[i];
	return NULL;
}

static void
test_private_and_update(void **state)
{
	struct fx *fx = *state;
	struct nj_flow f;
	const struct nj_alert_field *v;
	int i;

	memset(&f, 0, sizeof(f));
	for (i = 0; i < 3; i++)
		attempt(fx, "192.168.50.107", "172.16.45.35", 80, 6,
		    T0 + NJ_SEC(i), &f);
	/* One alert at the first attempt, not three. */
	assert_int_equal(nalerts, 1);
	assert_string_equal(last.kind, "private-destination");
	assert_int_equal(last.severity, NJ_SEV_MEDIUM);
	assert_false(last.is_update);
	/* The flow ends unanswered: an update with every attempt. */
	nj_det_private_dest.flow_end(fx->pd, &fx->s, &f);
	assert_int_equal(nalerts, 2);
	assert_true(last.is_update);
	assert_non_null(v = field("attempts"));
	assert_int_equal(v->v.u, 3);
	assert_non_null(v = field("answered"));
	assert_false(v->v.b);
	assert_non_null(v = field("last"));
	assert_true(v->v.t == T0 + NJ_SEC(2));
}

static void
test_answered(void **state)
{
	struct fx *fx = *state;
	struct nj_flow f;
	const struct nj_alert_field *v;

	memset(&f, 0, sizeof(f));
	attempt(fx, "192.168.50.100", "10.1.2.3", 443, 6, T0, &f);
	f.reply_seen = true;
	nj_det_private_dest.flow_end(fx->pd, &fx->s, &f);
	assert_non_null(v = field("answered"));
	assert_true(v->v.b);
}

static void
test_bogons(void **state)
{
	struct fx *fx = *state;
	static const char *const bogon[] = {
		"198.51.100.23",  /* documentation */
		"198.18.0.1",     /* benchmarking */
		"100.64.1.1",     /* shared (CGN) */
		"240.0.0.1",      /* reserved */
		"127.0.0.1",      /* loopback on the wire */
		"2001:db8::1",    /* documentation, IPv6 */
	};
	struct nj_flow f;
	size_t i;

	for (i = 0; i < sizeof(bogon) / sizeof(bogon[0]); i++) {
		memset(&f, 0, sizeof(f));
		nalerts = 0;
		attempt(fx, strchr(bogon[i], ':') ? "2001:db8:50:1::100" :
		    "192.168.50.100", bogon[i], 80, 6, T0, &f);
		assert_int_equal(nalerts, 1);
		assert_string_equal(last.kind, "bogon-destination");
	}
}

static void
test_lan_chatter(void **state)
{
	struct fx *fx = *state;
	static const struct { const char *src, *dst; uint16_t port; } quiet[] = {
		{ "192.168.50.100", "224.0.0.251", 5353 },     /* mDNS */
		{ "192.168.50.100", "239.255.255.250", 1900 }, /* SSDP */
		{ "192.168.50.100", "255.255.255.255", 67 },   /* DHCP */
		{ "192.168.50.100", "169.254.169.254", 80 },   /* metadata */
		{ "192.168.50.100", "192.168.50.7", 445 },     /* local */
		{ "192.168.50.100", "93.184.216.34", 443 },    /* public */
		{ "0.0.0.0", "10.0.0.1", 67 },                 /* not local */
		{ "203.0.113.5", "10.0.0.1", 80 },             /* not local */
	};
	struct nj_flow f;
	size_t i;

	for (i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++) {
		memset(&f, 0, sizeof(f));
		attempt(fx, quiet[i].src, quiet[i].dst, quiet[i].port, 17, T0,
		    &f);
		nj_det_private_dest.flow_end(fx->pd, &fx->s, &f);
	}
	assert_int_equal(nalerts, 0);
}

/* A response from resolver to client: qname -> ip (A or AAAA). */
static void
answer(struct fx *fx, const char *qname, const char *ip, bool rd,
    const char *client, uint16_t port)
{
	struct nj_dns_msg m;
	struct nj_packet p;

	memset(&m, 0, sizeof(m));
	m.qr = true;
	m.rd = rd;
	m.has_question = true;
	snprintf(m.qname, sizeof(m.qname), "%s", qname);
	m.qclass = NJ_DNS_C_IN;
	m.an[0].addr = addr(ip);
	m.qtype = m.an[0].type = m.an[0].addr.family == 4 ? NJ_DNS_T_A :
	    NJ_DNS_T_AAAA;
	snprintf(m.an[0].name, sizeof(m.an[0].name), "%s", qname);
	m.an[0].rclass = NJ_DNS_C_IN;
	m.an[0].ttl = 300;
	m.n_answers = 1;
	memset(&p, 0, sizeof(p));
	p.ts = T0;
	p.src = addr("192.168.50.2");
	p.dst = addr(client);
	p.proto = 17;
	p.l4 = true;
	p.sport = port;
	p.dport = port == 53 ? 41000 : port;
	nj_det_dns_private_answer.dns(fx->dpa, &fx->s, &p, NULL, 1, &m);
}

static void
test_private_answer(void **state)
{
	struct fx *fx = *state;
	const struct nj_alert_field *v;

	answer(fx, "proof.example.com", "172.16.45.35", true, "192.168.50.107",
	    53);
	assert_int_equal(nalerts, 1);
	assert_string_equal(last.kind, "dns-private-answer");
	assert_int_equal(last.severity, NJ_SEV_LOW);
	assert_string_equal(last.hostname, "proof.example.com");
	assert_non_null(v = field("resolver"));
	assert_string_equal(v->s, "192.168.50.2");
	assert_non_null(v = field("ttl"));
	assert_int_equal(v->v.u, 300);
	/* IPv4-mapped IPv6 of a private address, and ULA. */
	answer(fx, "mapped.example.com", "::ffff:10.1.2.3", true,
	    "192.168.50.107", 53);
	assert_int_equal(nalerts, 2);
	answer(fx, "ula.example.com", "fd00::1", true, "192.168.50.107", 53);
	assert_int_equal(nalerts, 3);
}

static void
test_not_private_answers(void **state)
{
	struct fx *fx = *state;

	/* DNSBL, sinkhole, public, internal zone, private TLDs, reverse. */
	answer(fx, "2.0.0.127.zen.example.org", "127.0.0.2", true,
	    "192.168.50.25", 53);
	answer(fx, "ads.example.com", "0.0.0.0", true, "192.168.50.100", 53);
	answer(fx, "www.example.com", "93.184.216.34", true, "192.168.50.100",
	    53);
	answer(fx, "wiki.corp.example.com", "10.0.0.5", true,
	    "192.168.50.100", 53);
	answer(fx, "nas.lan", "192.168.1.5", true, "192.168.50.100", 53);
	answer(fx, "printer.local", "192.168.1.6", true, "192.168.50.100", 53);
	answer(fx, "router.home.arpa", "192.168.1.1", true, "192.168.50.100",
	    53);
	answer(fx, "printer", "192.168.1.6", true, "192.168.50.100", 53);
	/* A sinkhole on the client's LAN, a split-horizon site answer. */
	answer(fx, "ads.example.com", "192.168.50.157", true, "192.168.50.100",
	    53);
	answer(fx, "mail.example.com", "10.50.1.1", true, "192.168.50.100",
	    53);
	/* mDNS, the resolver's own recursion (no RD), a resolver client. */
	answer(fx, "tv.example.com", "192.168.1.9", true, "224.0.0.251", 5353);
	answer(fx, "proof.example.com", "172.16.45.35", false,
	    "192.168.50.100", 53);
	answer(fx, "proof.example.com", "172.16.45.35", true, "192.168.50.2",
	    53);
	assert_int_equal(nalerts, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_private_and_update, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_answered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bogons, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lan_chatter, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_private_answer, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_not_private_answers, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
