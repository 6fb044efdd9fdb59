/*
 * test_flow_table.c - the flow table on hand-filled packets: initiator,
 * TCP states and Zeek history letters, ICMP rejection, VLANs, timeouts
 * on injected packet time, and the cap with its eviction preference.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "sensor/flow_table.h"

#define A "10.0.0.1"
#define B "10.0.0.2"
#define C "192.0.2.9"

static int ended;
static enum nj_flow_end last_why;
static struct nj_flow last_end;

static void
on_end(void *arg, const struct nj_flow *f, enum nj_flow_end why)
{
	(void)arg;
	ended++;
	last_why = why;
	last_end = *f;
}

static struct nj_flow_table *
table(uint32_t max)
{
	struct nj_flow_timeouts to;

	nj_flow_timeouts_default(&to);
	ended = 0;
	return nj_flow_table_new(max, 42, &to, on_end, NULL);
}

static struct nj_packet
mk(uint8_t proto, const char *src, uint16_t sport, const char *dst,
    uint16_t dport, uint8_t flags, uint32_t plen, nj_time_t ts)
{
	struct nj_packet p;

	memset(&p, 0, sizeof(p));
	p.ts = ts;
	p.ip_version = 4;
	assert_int_equal(nj_addr_parse(src, &p.src), 0);
	assert_int_equal(nj_addr_parse(dst, &p.dst), 0);
	p.proto = proto;
	p.l4 = true;
	p.sport = sport;
	p.dport = dport;
	p.tcp_flags = flags;
	p.payload_len = plen;
	p.wirelen = 54 + plen;
	p.caplen = p.wirelen;
	return p;
}

static struct nj_flow *
feed(struct nj_flow_table *ft, struct nj_packet p, int *dir)
{
	int d;

	return nj_flow_table_packet(ft, &p, dir != NULL ? dir : &d);
}

static void establish(struct nj_flow_table *, const char *, uint16_t,
    nj_time_t);

#define SYN NJ_TH_SYN
#define ACK NJ_TH_ACK
#define SYNACK (NJ_TH_SYN | NJ_TH_ACK)
#define RSTACK (NJ_TH_RST | NJ_TH_ACK)
#define FINACK (NJ_TH_FIN | NJ_TH_ACK)
#define PSHACK (NJ_TH_PSH | NJ_TH_ACK)

static void
test_handshake(void **state)
{
	struct nj_flow_table *ft = table(16);
	struct nj_flow *f;
	struct nj_addr a;
	int dir;

	(void)state;
	f = feed(ft, mk(IPPROTO_TCP, A, 40000, B, 80, SYN, 0, NJ_SEC(1)), &dir);
	assert_non_null(f);
	assert_int_equal(dir, 0);
	assert_int_equal(f->state, NJ_FLOW_ATTEMPTED);
	assert_false(f->reply_seen);
	f = feed(ft, mk(IPPROTO_TCP, B, 80, A, 40000, SYNACK, 0, NJ_SEC(1)), &dir);
	assert_int_equal(dir, 1);
	assert_int_equal(f->state, NJ_FLOW_HALF_OPEN);
	assert_true(f->reply_seen);
	feed(ft, mk(IPPROTO_TCP, A, 40000, B, 80, ACK, 0, NJ_SEC(1)), NULL);
	assert_int_equal(f->state, NJ_FLOW_ESTABLISHED);
	feed(ft, mk(IPPROTO_TCP, A, 40000, B, 80, PSHACK, 100, NJ_SEC(2)), NULL);
	feed(ft, mk(IPPROTO_TCP, B, 80, A, 40000, PSHACK, 500, NJ_SEC(2)), NULL);
	feed(ft, mk(IPPROTO_TCP, A, 40000, B, 80, FINACK, 0, NJ_SEC(3)), NULL);
	assert_int_equal(f->state, NJ_FLOW_ESTABLISHED);
	feed(ft, mk(IPPROTO_TCP, B, 80, A, 40000, FINACK, 0, NJ_SEC(3)), NULL);
	assert_int_equal(f->state, NJ_FLOW_CLOSED);
	feed(ft, mk(IPPROTO_TCP, A, 40000, B, 80, ACK, 0, NJ_SEC(3)), NULL);

	/* S, h, A, D, d, F, f: each letter once, case by direction. */
	assert_string_equal(f->history, "ShADdFf");
	nj_addr_parse(A, &a);
	assert_memory_equal(&f->orig, &a, sizeof(a));
	assert_int_equal(f->orig_port, 40000);
	assert_int_equal(f->resp_port, 80);
	assert_false(f->initiator_inferred);
	assert_int_equal(f->pkts[0], 5);
	assert_int_equal(f->pkts[1], 3);
	assert_int_equal(f->bytes[0], 5 * 54 + 100);
	assert_int_equal(f->bytes[1], 3 * 54 + 500);
	assert_int_equal(f->first, NJ_SEC(1));
	assert_int_equal(f->last, NJ_SEC(3));
	assert_int_equal(nj_flow_table_stats(ft)->created, 1);
	assert_int_equal(nj_flow_table_stats(ft)->active, 1);
	nj_flow_table_flush(ft);
	assert_int_equal(ended, 1);
	assert_int_equal(last_why, NJ_FLOW_END_FLUSH);
	assert_int_equal(nj_flow_table_stats(ft)->active, 0);
	nj_flow_table_free(ft);
}

static void
test_refused_and_unanswered(void **state)
{
	struct nj_flow_table *ft = table(16);
	struct nj_flow *f, *g;

	(void)state;
	f = feed(ft, mk(IPPROTO_TCP, A, 40001, B, 23, SYN, 0, NJ_SEC(1)), NULL);
	feed(ft, mk(IPPROTO_TCP, B, 23, A, 40001, RSTACK, 0, NJ_SEC(1)), NULL);
	assert_int_equal(f->state, NJ_FLOW_REJECTED);
	assert_true(f->reply_seen);
	assert_string_equal(f->history, "Sr");

	g = feed(ft, mk(IPPROTO_TCP, A, 40002, B, 25, SYN, 0, NJ_SEC(1)), NULL);
	feed(ft, mk(IPPROTO_TCP, A, 40002, B, 25, SYN, 0, NJ_SEC(2)), NULL);
	assert_ptr_not_equal(f, g);
	assert_int_equal(g->state, NJ_FLOW_ATTEMPTED);
	assert_false(g->reply_seen);
	assert_string_equal(g->history, "S");
	assert_int_equal(g->pkts[0], 2);
	nj_flow_table_free(ft);
}

/* Picked up mid-stream: the server's data packet arrives first. */
static void
test_midstream(void **state)
{
	struct nj_flow_table *ft = table(16);
	struct nj_flow *f;
	struct nj_addr a;
	int dir;

	(void)state;
	f = feed(ft, mk(IPPROTO_TCP, B, 443, A, 51000, PSHACK, 1000,
	    NJ_SEC(5)), &dir);
	assert_int_equal(dir, 1);
	assert_true(f->initiator_inferred);
	nj_addr_parse(A, &a);
	assert_memory_equal(&f->orig, &a, sizeof(a));
	assert_int_equal(f->resp_port, 443);
	assert_int_equal(f->state, NJ_FLOW_ESTABLISHED);
	assert_string_equal(f->history, "d");
	feed(ft, mk(IPPROTO_TCP, A, 51000, B, 443, ACK, 0, NJ_SEC(5)), &dir);
	assert_int_equal(dir, 0);
	assert_string_equal(f->history, "dA");
	nj_flow_table_free(ft);
}

/* One-way mid-stream TCP is evicted before answered flows; a lone RST
 * is a closed flow. */
static void
test_oneway_and_lone_rst(void **state)
{
	struct nj_flow_table *ft = table(2);
	struct nj_flow *f;

	(void)state;
	establish(ft, A, 1000, NJ_SEC(1));
	f = feed(ft, mk(IPPROTO_TCP, C, 5000, B, 80, ACK, 0, NJ_SEC(2)), NULL);
	assert_int_equal(f->state, NJ_FLOW_ESTABLISHED);
	assert_false(f->reply_seen);
	f = feed(ft, mk(IPPROTO_TCP, C, 80, A, 6000, RSTACK, 0, NJ_SEC(3)),
	    NULL);
	assert_non_null(f);
	assert_int_equal(f->state, NJ_FLOW_CLOSED);
	assert_true(f->initiator_inferred);
	assert_int_equal(f->resp_port, 80);
	assert_int_equal(last_why, NJ_FLOW_END_EVICTED);
	assert_int_equal(last_end.orig_port, 5000);
	assert_int_equal(nj_flow_table_stats(ft)->evicted, 1);
	nj_flow_table_free(ft);
}

/* A SYN-ACK seen first still tells who initiated. */
static void
test_synack_first(void **state)
{
	struct nj_flow_table *ft = table(16);
	struct nj_flow *f;
	int dir;

	(void)state;
	f = feed(ft, mk(IPPROTO_TCP, B, 8080, A, 9000, SYNACK, 0, NJ_SEC(1)),
	    &dir);
	assert_int_equal(dir, 1);
	assert_int_equal(f->orig_port, 9000);
	assert_int_equal(f->state, NJ_FLOW_HALF_OPEN);
	assert_false(f->initiator_inferred);
	assert_string_equal(f->history, "h");
	nj_flow_table_free(ft);
}

static struct nj_packet
unreach(const char *router, const char *to, uint8_t inner_proto,
    const char *isrc, uint16_t isport, const char *idst, uint16_t idport,
    nj_time_t ts)
{
	struct nj_packet p = mk(IPPROTO_ICMP, router, 0, to, 0, 0, 0, ts);

	p.icmp_type = 3;
	p.icmp_code = 3;
	p.has_inner = true;
	nj_addr_parse(isrc, &p.inner.src);
	nj_addr_parse(idst, &p.inner.dst);
	p.inner.proto = inner_proto;
	p.inner.sport = isport;
	p.inner.dport = idport;
	return p;
}

static void
test_icmp_unreachable(void **state)
{
	struct nj_flow_table *ft = table(16);
	struct nj_flow *u, *t, *ic;

	(void)state;
	u = feed(ft, mk(IPPROTO_UDP, A, 5000, B, 161, 0, 20, NJ_SEC(1)), NULL);
	assert_int_equal(u->state, NJ_FLOW_UDP);
	assert_false(u->reply_seen);
	ic = feed(ft, unreach(B, A, IPPROTO_UDP, A, 5000, B, 161, NJ_SEC(1)),
	    NULL);
	assert_non_null(ic);
	assert_ptr_not_equal(ic, u);
	assert_int_equal(u->state, NJ_FLOW_REJECTED);
	assert_true(u->reply_seen);

	/* From a router on the path, for a TCP SYN. */
	t = feed(ft, mk(IPPROTO_TCP, A, 40000, B, 22, SYN, 0, NJ_SEC(2)), NULL);
	feed(ft, unreach(C, A, IPPROTO_TCP, A, 40000, B, 22, NJ_SEC(2)), NULL);
	assert_int_equal(t->state, NJ_FLOW_REJECTED);
	assert_true(t->reply_seen);

	/* An error about a flow nobody saw changes nothing else. */
	feed(ft, unreach(C, A, IPPROTO_TCP, A, 1, B, 2, NJ_SEC(2)), NULL);
	assert_null(nj_flow_table_find(ft, &u->orig, 1, &u->resp, 2,
	    IPPROTO_TCP, 0, &(int){ 0 }));
	nj_flow_table_free(ft);
}

static void
test_icmp_echo_pairs(void **state)
{
	struct nj_flow_table *ft = table(16);
	struct nj_packet req = mk(IPPROTO_ICMP, A, 0, B, 0, 0, 56, NJ_SEC(1));
	struct nj_packet rep = mk(IPPROTO_ICMP, B, 0, A, 0, 0, 56, NJ_SEC(1));
	struct nj_flow *f, *g;
	int dir;

	(void)state;
	req.icmp_type = 8;
	rep.icmp_type = 0;
	f = feed(ft, req, &dir);
	assert_int_equal(dir, 0);
	g = feed(ft, rep, &dir);
	assert_ptr_equal(f, g);
	assert_int_equal(dir, 1);
	assert_true(f->reply_seen);
	assert_int_equal(f->state, NJ_FLOW_UDP);
	assert_int_equal(f->orig_port, 8);
	assert_string_equal(f->history, "Dd");
	nj_flow_table_free(ft);
}

static void
test_vlan_separation(void **state)
{
	struct nj_flow_table *ft = table(16);
	struct nj_packet p = mk(IPPROTO_UDP, A, 5353, B, 53, 0, 30, NJ_SEC(1));
	struct nj_flow *f, *g;

	(void)state;
	p.vlan_count = 1;
	p.vlan[0] = 10;
	f = feed(ft, p, NULL);
	p.vlan[0] = 20;
	g = feed(ft, p, NULL);
	assert_ptr_not_equal(f, g);
	assert_int_equal(f->vlan, 10);
	assert_int_equal(g->vlan, 20);
	p.vlan[0] = 10;
	assert_ptr_equal(feed(ft, p, NULL), f);
	assert_int_equal(nj_flow_table_stats(ft)->created, 2);
	nj_flow_table_free(ft);
}

static void
test_timeouts(void **state)
{
	struct nj_flow_table *ft = table(16);
	struct nj_flow *e;

	(void)state;
	/* Established at t=0, then idle; an attempt at t=10. */
	feed(ft, mk(IPPROTO_TCP, A, 40000, B, 80, SYN, 0, 0), NULL);
	feed(ft, mk(IPPROTO_TCP, B, 80, A, 40000, SYNACK, 0, 0), NULL);
	e = feed(ft, mk(IPPROTO_TCP, A, 40000, B, 80, ACK, 0, 0), NULL);
	assert_int_equal(e->state, NJ_FLOW_ESTABLISHED);
	feed(ft, mk(IPPROTO_TCP, A, 40001, B, 81, SYN, 0, NJ_SEC(10)), NULL);
	feed(ft, mk(IPPROTO_UDP, A, 5000, B, 53, 0, 30, NJ_SEC(10)), NULL);

	nj_flow_table_expire(ft, NJ_SEC(39) + 999999);
	assert_int_equal(ended, 0);
	nj_flow_table_expire(ft, NJ_SEC(40));   /* attempted: 30 s idle */
	assert_int_equal(ended, 1);
	assert_int_equal(last_why, NJ_FLOW_END_TIMEOUT);
	assert_int_equal(last_end.resp_port, 81);
	nj_flow_table_expire(ft, NJ_SEC(70));   /* udp: 60 s */
	assert_int_equal(ended, 2);
	assert_int_equal(last_end.proto, IPPROTO_UDP);
	nj_flow_table_expire(ft, NJ_SEC(3599));
	assert_int_equal(ended, 2);
	nj_flow_table_expire(ft, NJ_SEC(3600)); /* established: 3600 s */
	assert_int_equal(ended, 3);
	assert_int_equal(last_end.state, NJ_FLOW_ESTABLISHED);
	assert_int_equal(nj_flow_table_stats(ft)->expired, 3);
	assert_int_equal(nj_flow_table_stats(ft)->active, 0);
	nj_flow_table_free(ft);
}

/* A closed connection leaves after 5 s; a new SYN on it starts anew. */
static void
test_closed_and_reuse(void **state)
{
	struct nj_flow_table *ft = table(16);
	struct nj_flow *f;

	(void)state;
	feed(ft, mk(IPPROTO_TCP, A, 40000, B, 23, SYN, 0, NJ_SEC(1)), NULL);
	feed(ft, mk(IPPROTO_TCP, B, 23, A, 40000, RSTACK, 0, NJ_SEC(1)), NULL);
	f = feed(ft, mk(IPPROTO_TCP, A, 40000, B, 23, SYN, 0, NJ_SEC(2)), NULL);
	assert_int_equal(ended, 1);
	assert_int_equal(last_why, NJ_FLOW_END_REUSED);
	assert_int_equal(last_end.state, NJ_FLOW_REJECTED);
	assert_int_equal(f->state, NJ_FLOW_ATTEMPTED);
	assert_int_equal(f->pkts[0], 1);
	nj_flow_table_free(ft);
}

static void
establish(struct nj_flow_table *ft, const char *c, uint16_t port,
    nj_time_t t)
{
	feed(ft, mk(IPPROTO_TCP, c, port, B, 80, SYN, 0, t), NULL);
	feed(ft, mk(IPPROTO_TCP, B, 80, c, port, SYNACK, 0, t), NULL);
	feed(ft, mk(IPPROTO_TCP, c, port, B, 80, ACK, 0, t), NULL);
}

static void
test_cap_eviction(void **state)
{
	struct nj_flow_table *ft = table(3);
	struct nj_flow *f;

	(void)state;
	establish(ft, A, 1000, NJ_SEC(1));
	feed(ft, mk(IPPROTO_TCP, C, 2000, B, 22, SYN, 0, NJ_SEC(1)), NULL);
	establish(ft, A, 1001, NJ_SEC(2));
	assert_int_equal(nj_flow_table_stats(ft)->active, 3);

	/* Full: the unanswered attempt goes, though it is not the oldest. */
	f = feed(ft, mk(IPPROTO_TCP, C, 2001, B, 22, SYN, 0, NJ_SEC(3)), NULL);
	assert_non_null(f);
	assert_int_equal(ended, 1);
	assert_int_equal(last_why, NJ_FLOW_END_EVICTED);
	assert_int_equal(last_end.orig_port, 2000);
	assert_int_equal(nj_flow_table_stats(ft)->evicted, 1);

	/* The newest attempt is now the only weak flow: it goes next. */
	f = feed(ft, mk(IPPROTO_TCP, C, 2002, B, 22, SYN, 0, NJ_SEC(4)), NULL);
	assert_non_null(f);
	assert_int_equal(last_end.orig_port, 2001);

	/* Only established flows left: a new flow is refused. */
	establish(ft, C, 3000, NJ_SEC(5));
	assert_int_equal(nj_flow_table_stats(ft)->evicted, 3);
	f = feed(ft, mk(IPPROTO_TCP, C, 4000, B, 22, SYN, 0, NJ_SEC(6)), NULL);
	assert_null(f);
	assert_int_equal(nj_flow_table_stats(ft)->refused, 1);
	assert_int_equal(nj_flow_table_stats(ft)->active, 3);
	assert_int_equal(nj_flow_table_stats(ft)->peak, 3);
	assert_int_equal(nj_flow_table_stats(ft)->created, 6);

	/* A minute later the longest-idle established flow gives way. */
	feed(ft, mk(IPPROTO_TCP, A, 1001, B, 80, ACK, 0, NJ_SEC(62)), NULL);
	f = feed(ft, mk(IPPROTO_TCP, C, 4001, B, 22, SYN, 0, NJ_SEC(62)), NULL);
	assert_non_null(f);
	assert_int_equal(last_why, NJ_FLOW_END_EVICTED);
	assert_int_equal(last_end.orig_port, 1000);
	assert_int_equal(last_end.state, NJ_FLOW_ESTABLISHED);
	assert_int_equal(nj_flow_table_stats(ft)->evicted, 4);
	nj_flow_table_free(ft);
}

/* Packets with no flow: later fragments, no L4 header, other protocols. */
static void
test_no_flow(void **state)
{
	struct nj_flow_table *ft = table(4);
	struct nj_packet p = mk(IPPROTO_UDP, A, 1, B, 2, 0, 0, 0);
	int dir;

	(void)state;
	p.frag_later = true;
	assert_null(nj_flow_table_packet(ft, &p, &dir));
	p = mk(IPPROTO_GRE, A, 0, B, 0, 0, 0, 0);
	assert_null(nj_flow_table_packet(ft, &p, &dir));
	p = mk(IPPROTO_TCP, A, 1, B, 2, SYN, 0, 0);
	p.l4 = false;
	assert_null(nj_flow_table_packet(ft, &p, &dir));
	assert_int_equal(nj_flow_table_stats(ft)->created, 0);
	nj_flow_table_free(ft);
}

/* Many flows through a small table: chains and free list stay sound. */
static void
test_churn(void **state)
{
	struct nj_flow_table *ft = table(64);
	char ip[32];
	int i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		snprintf(ip, sizeof(ip), "10.1.%d.%d", i / 250, i % 250);
		assert_non_null(feed(ft, mk(IPPROTO_TCP, ip, 1024, B, 80, SYN,
		    0, NJ_SEC(i)), NULL));
		if (i % 7 == 0)
			nj_flow_table_expire(ft, NJ_SEC(i));
	}
	assert_true(nj_flow_table_stats(ft)->active <= 64);
	assert_int_equal(nj_flow_table_stats(ft)->created, 5000);
	assert_int_equal(nj_flow_table_stats(ft)->created,
	    nj_flow_table_stats(ft)->active +
	    nj_flow_table_stats(ft)->expired +
	    nj_flow_table_stats(ft)->evicted);
	nj_flow_table_flush(ft);
	assert_int_equal(ended, 5000);
	nj_flow_table_free(ft);
}

static void
test_memory_per_flow(void **state)
{
	(void)state;
	assert_true(nj_flow_table_memsize(1000000) / 1000000 <= 256);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_handshake),
		cmocka_unit_test(test_refused_and_unanswered),
		cmocka_unit_test(test_midstream),
		cmocka_unit_test(test_synack_first),
		cmocka_unit_test(test_oneway_and_lone_rst),
		cmocka_unit_test(test_icmp_unreachable),
		cmocka_unit_test(test_icmp_echo_pairs),
		cmocka_unit_test(test_vlan_separation),
		cmocka_unit_test(test_timeouts),
		cmocka_unit_test(test_closed_and_reuse),
		cmocka_unit_test(test_cap_eviction),
		cmocka_unit_test(test_no_flow),
		cmocka_unit_test(test_churn),
		cmocka_unit_test(test_memory_per_flow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
