/*
 * test_dns_tcp.c - DNS over TCP reassembly: several messages per segment,
 * messages split across segments (inside the prefix too), gaps,
 * retransmissions, sequence wrap, and a message cut by the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decoders/dns_tcp.h"

#define MAXMSG 8

struct got {
	size_t n;
	size_t len[MAXMSG];
	uint8_t first[MAXMSG], last[MAXMSG];
};

static void
collect(void *arg, const uint8_t *msg, size_t len)
{
	struct got *g = arg;

	assert_true(g->n < MAXMSG);
	g->len[g->n] = len;
	g->first[g->n] = len > 0 ? msg[0] : 0;
	g->last[g->n] = len > 0 ? msg[len - 1] : 0;
	g->n++;
}

/* Writes a prefixed message of len bytes: fill, fill+1, ... */
static size_t
put_msg(uint8_t *p, size_t len, uint8_t fill)
{
	size_t i;

	p[0] = (uint8_t)(len >> 8);
	p[1] = (uint8_t)len;
	for (i = 0; i < len; i++)
		p[2 + i] = (uint8_t)(fill + i);
	return 2 + len;
}

static void
test_two_in_one(void **state)
{
	struct nj_dns_tcp r;
	struct got g = { 0 };
	uint8_t seg[64];
	size_t n;

	(void)state;
	nj_dns_tcp_init(&r);
	n = put_msg(seg, 12, 0x10);
	n += put_msg(seg + n, 20, 0x40);
	nj_dns_tcp_feed(&r, seg, n, 1000, collect, &g, NULL);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.len[0], 12);
	assert_int_equal(g.first[0], 0x10);
	assert_int_equal(g.last[0], 0x10 + 11);
	assert_int_equal(g.len[1], 20);
	assert_int_equal(g.first[1], 0x40);
	assert_null(r.buf); /* nothing was split: nothing copied */
	nj_dns_tcp_free(&r, NULL);
}

static void
test_split(void **state)
{
	struct nj_event_counters ec = { 0 };
	struct nj_dns_tcp r;
	struct got g = { 0 };
	uint8_t seg[128];
	size_t n;

	(void)state;
	nj_dns_tcp_init(&r);
	n = put_msg(seg, 30, 1);
	n += put_msg(seg + n, 40, 100);
	/* 1 byte of prefix, then 20, then the rest in two pieces. */
	nj_dns_tcp_feed(&r, seg, 1, 5, collect, &g, &ec);
	assert_int_equal(g.n, 0);
	nj_dns_tcp_feed(&r, seg + 1, 20, 6, collect, &g, &ec);
	assert_int_equal(g.n, 0);
	nj_dns_tcp_feed(&r, seg + 21, 33, 26, collect, &g, &ec);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.len[0], 30);
	assert_int_equal(g.first[0], 1);
	assert_int_equal(g.last[0], 30);
	nj_dns_tcp_feed(&r, seg + 54, n - 54, 59, collect, &g, &ec);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.len[1], 40);
	assert_int_equal(g.first[1], 100);
	assert_int_equal(g.last[1], 139);
	nj_dns_tcp_free(&r, &ec);
	assert_int_equal(ec.n[NJ_EV_DNS_TCP_GAP], 0);
	assert_int_equal(ec.n[NJ_EV_DNS_TCP_TRUNCATED], 0);
}

static void
test_gap_resync(void **state)
{
	struct nj_event_counters ec = { 0 };
	struct nj_dns_tcp r;
	struct got g = { 0 };
	uint8_t seg[64], seg2[64];

	(void)state;
	nj_dns_tcp_init(&r);
	put_msg(seg, 40, 1);
	nj_dns_tcp_feed(&r, seg, 10, 100, collect, &g, &ec);
	/* Bytes 110..141 were lost; a new message starts at 150. */
	put_msg(seg2, 8, 77);
	nj_dns_tcp_feed(&r, seg2, 10, 150, collect, &g, &ec);
	assert_int_equal(ec.n[NJ_EV_DNS_TCP_GAP], 1);
	assert_int_equal(r.gaps, 1);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.len[0], 8);
	assert_int_equal(g.first[0], 77);
	nj_dns_tcp_free(&r, &ec);
	assert_int_equal(ec.n[NJ_EV_DNS_TCP_TRUNCATED], 0);
}

static void
test_retransmit_and_wrap(void **state)
{
	struct nj_event_counters ec = { 0 };
	struct nj_dns_tcp r;
	struct got g = { 0 };
	uint8_t seg[64];
	uint32_t seq = 0xfffffff0u;
	size_t n;

	(void)state;
	nj_dns_tcp_init(&r);
	n = put_msg(seg, 30, 9);
	nj_dns_tcp_feed(&r, seg, 20, seq, collect, &g, &ec);
	/* The same 20 bytes again, then a segment overlapping by 5. */
	nj_dns_tcp_feed(&r, seg, 20, seq, collect, &g, &ec);
	assert_int_equal(g.n, 0);
	nj_dns_tcp_feed(&r, seg + 15, n - 15, seq + 15, collect, &g, &ec);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.len[0], 30);
	assert_int_equal(g.first[0], 9);
	assert_int_equal(g.last[0], 9 + 29);
	assert_int_equal(r.retransmits, 2);
	assert_int_equal(r.next_seq, (uint32_t)(seq + n)); /* wrapped past 0 */
	/* The whole message once more: ignored. */
	nj_dns_tcp_feed(&r, seg, n, seq, collect, &g, &ec);
	assert_int_equal(g.n, 1);
	assert_int_equal(ec.n[NJ_EV_DNS_TCP_GAP], 0);
	nj_dns_tcp_free(&r, &ec);
}

static void
test_largest_and_cut(void **state)
{
	struct nj_event_counters ec = { 0 };
	struct nj_dns_tcp r;
	struct got g = { 0 };
	uint8_t *big;
	size_t n, off;

	(void)state;
	big = malloc(NJ_DNS_TCP_BUF + 10);
	assert_non_null(big);
	nj_dns_tcp_init(&r);
	n = put_msg(big, 65535, 0);
	for (off = 0; off < n; off += 1460)
		nj_dns_tcp_feed(&r, big + off, n - off < 1460 ? n - off : 1460,
		    (uint32_t)off, collect, &g, &ec);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.len[0], 65535);
	assert_int_equal(g.last[0], (uint8_t)65534);
	/* Half a message, then the end of the connection. */
	nj_dns_tcp_feed(&r, big, 100, (uint32_t)n, collect, &g, &ec);
	nj_dns_tcp_free(&r, &ec);
	assert_int_equal(ec.n[NJ_EV_DNS_TCP_TRUNCATED], 1);
	assert_int_equal(g.n, 1);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_in_one),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_gap_resync),
		cmocka_unit_test(test_retransmit_and_wrap),
		cmocka_unit_test(test_largest_and_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
