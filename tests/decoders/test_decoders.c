/*
 * test_decoders.c - the decoders on hand-built packets: every field
 * checked against the bytes the builder wrote, every anomaly against its
 * named event, and a truncation sweep over every packet.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "decoders/packet.h"
#include "build.h"

struct decoded {
	struct pkt_buf b;
	struct nj_packet pkt;
	struct nj_event_counters ec;
	enum nj_decode_status st;
};

static int
build(const char *name, struct pkt_buf *b)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	for (i = 0; i < test_packet_count; i++) {
		if (strcmp(test_packets[i].name, name) == 0) {
			test_packets[i].build(b);
			assert_true(b->n < PKT_MAX);
			return test_packets[i].dlt;
		}
	}
	fail_msg("no test packet %s", name);
	return -1;
}

static void
decode(const char *name, struct decoded *d)
{
	int dlt = build(name, &d->b);

	memset(&d->ec, 0, sizeof(d->ec));
	d->st = nj_decode(dlt, d->b.b, (uint32_t)d->b.n, (uint32_t)d->b.n,
	    &d->pkt, &d->ec);
}

static uint64_t
events_total(const struct nj_event_counters *ec)
{
	uint64_t t = 0;
	size_t i;

	for (i = 0; i < NJ_EV_MAX; i++)
		t += ec->n[i];
	return t;
}

/* Exactly one event, ev, was counted. */
static void
assert_only_event(const struct decoded *d, enum nj_event ev)
{
	assert_int_equal(d->ec.n[ev], 1);
	assert_int_equal(events_total(&d->ec), 1);
}

static void
assert_addr(const struct nj_addr *a, const char *text)
{
	struct nj_addr want;

	assert_int_equal(nj_addr_parse(text, &want), 0);
	assert_memory_equal(a, &want, sizeof(want));
}

static void
assert_v4_pair(const struct nj_packet *p)
{
	assert_int_equal(p->ip_version, 4);
	assert_addr(&p->src, "192.0.2.1");
	assert_addr(&p->dst, "198.51.100.2");
	assert_int_equal(p->ttl, 64);
}

static void
assert_v6_pair(const struct nj_packet *p)
{
	assert_int_equal(p->ip_version, 6);
	assert_addr(&p->src, "2001:db8::1");
	assert_addr(&p->dst, "2001:db8::2");
	assert_int_equal(p->ttl, 64);
}

/* The SYN put_tcp() writes. */
static void
assert_syn(const struct nj_packet *p)
{
	assert_true(p->l4);
	assert_int_equal(p->proto, 6);
	assert_int_equal(p->sport, 12345);
	assert_int_equal(p->dport, 80);
	assert_int_equal(p->tcp_seq, 0x01020304);
	assert_int_equal(p->tcp_ack, 0);
	assert_int_equal(p->tcp_flags, NJ_TH_SYN);
	assert_int_equal(p->tcp_win, 65535);
}

static void
test_eth_ipv4_tcp(void **state)
{
	static const uint8_t dst[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
	static const uint8_t src[6] = { 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb };
	struct decoded d;

	(void)state;
	decode("eth_ipv4_tcp", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_true(d.pkt.has_mac);
	assert_memory_equal(d.pkt.dst_mac, dst, 6);
	assert_memory_equal(d.pkt.src_mac, src, 6);
	assert_int_equal(d.pkt.vlan_count, 0);
	assert_int_equal(d.pkt.ethertype, 0x0800);
	assert_v4_pair(&d.pkt);
	assert_int_equal(d.pkt.ip_len, 60);
	assert_false(d.pkt.frag);
	assert_syn(&d.pkt);
	/* The 2 padding bytes after the IP datagram are not payload. */
	assert_int_equal(d.pkt.payload_len, 4);
	assert_memory_equal(d.pkt.payload, "abcd", 4);
	assert_int_equal(d.pkt.caplen, 76);
	assert_int_equal(d.pkt.dlt, NJ_DLT_EN10MB);
}

static void
test_eth_vlan_udp(void **state)
{
	struct decoded d;

	(void)state;
	decode("eth_vlan_udp", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_int_equal(d.pkt.vlan_count, 1);
	assert_int_equal(d.pkt.vlan[0], 100);
	assert_int_equal(d.pkt.ethertype, 0x0800);
	assert_v4_pair(&d.pkt);
	assert_true(d.pkt.l4);
	assert_int_equal(d.pkt.proto, 17);
	assert_int_equal(d.pkt.sport, 5353);
	assert_int_equal(d.pkt.dport, 53);
	assert_int_equal(d.pkt.payload_len, 4);
	assert_memory_equal(d.pkt.payload, "wxyz", 4);
}

static void
test_eth_qinq(void **state)
{
	static const uint8_t pl[2] = { 0xab, 0xcd };
	struct decoded d;

	(void)state;
	decode("eth_qinq_ipv6_udp", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_int_equal(d.pkt.vlan_count, 2);
	assert_int_equal(d.pkt.vlan[0], 200);
	assert_int_equal(d.pkt.vlan[1], 100); /* PCP bits are not the VID */
	assert_int_equal(d.pkt.ethertype, 0x86dd);
	assert_v6_pair(&d.pkt);
	assert_int_equal(d.pkt.ip_len, 50);
	assert_int_equal(d.pkt.sport, 1000);
	assert_int_equal(d.pkt.dport, 2000);
	assert_int_equal(d.pkt.payload_len, 2);
	assert_memory_equal(d.pkt.payload, pl, 2);
}

static void
test_eth_3tags(void **state)
{
	struct decoded d;

	(void)state;
	decode("eth_3tags_arp", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_only_event(&d, NJ_EV_VLAN_TOO_DEEP);
	assert_int_equal(d.pkt.vlan_count, 2);
	assert_int_equal(d.pkt.vlan[0], 1);
	assert_int_equal(d.pkt.vlan[1], 2);
	assert_int_equal(d.pkt.ethertype, 0x0806);
	assert_int_equal(d.pkt.ip_version, 0);
	assert_false(d.pkt.l4);
}

static void
test_sll_icmp_echo(void **state)
{
	static const uint8_t src[6] = { 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb };
	struct decoded d;

	(void)state;
	decode("sll_icmp_echo", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_true(d.pkt.has_mac);
	assert_memory_equal(d.pkt.src_mac, src, 6);
	assert_int_equal(d.pkt.ethertype, 0x0800);
	assert_v4_pair(&d.pkt);
	assert_true(d.pkt.l4);
	assert_int_equal(d.pkt.proto, 1);
	assert_int_equal(d.pkt.icmp_type, 8);
	assert_int_equal(d.pkt.icmp_code, 0);
	assert_int_equal(d.pkt.icmp_id, 0x1234);
	assert_int_equal(d.pkt.icmp_seq, 7);
	assert_int_equal(d.pkt.sport, 0);
	assert_false(d.pkt.has_inner);
	assert_int_equal(d.pkt.payload_len, 4);
	assert_memory_equal(d.pkt.payload, "ping", 4);
}

static void
test_sll2_ipv6_tcp(void **state)
{
	struct decoded d;

	(void)state;
	decode("sll2_ipv6_tcp", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_true(d.pkt.has_mac);
	assert_int_equal(d.pkt.ethertype, 0x86dd);
	assert_v6_pair(&d.pkt);
	assert_syn(&d.pkt);
	assert_int_equal(d.pkt.payload_len, 0);
}

static void
test_ipv6_ext_headers(void **state)
{
	struct decoded d;

	(void)state;
	decode("raw_ipv6_ext_tcp", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_false(d.pkt.has_mac);
	assert_v6_pair(&d.pkt);
	assert_int_equal(d.pkt.ip_len, 40 + 63);
	assert_false(d.pkt.frag);
	assert_syn(&d.pkt);
	assert_int_equal(d.pkt.payload_len, 3);
	assert_memory_equal(d.pkt.payload, "xyz", 3);
}

static void
test_ipv4_frag_later(void **state)
{
	struct decoded d;

	(void)state;
	decode("raw_ipv4_frag_later", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_only_event(&d, NJ_EV_IPV4_FRAG_LATER);
	assert_v4_pair(&d.pkt);
	assert_int_equal(d.pkt.proto, 17);
	assert_true(d.pkt.frag);
	assert_true(d.pkt.frag_later);
	assert_false(d.pkt.l4);
	assert_int_equal(d.pkt.sport, 0);
	assert_int_equal(d.pkt.payload_len, 8);
}

static void
test_ipv6_frag_first(void **state)
{
	struct decoded d;

	(void)state;
	decode("ipv6_frag_first_udp", &d);
	/* The UDP length covers the whole datagram, not this fragment. */
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_v6_pair(&d.pkt);
	assert_true(d.pkt.frag);
	assert_false(d.pkt.frag_later);
	assert_true(d.pkt.l4);
	assert_int_equal(d.pkt.proto, 17);
	assert_int_equal(d.pkt.sport, 4000);
	assert_int_equal(d.pkt.dport, 53);
	assert_int_equal(d.pkt.payload_len, 8);
}

static void
test_ipv6_frag_later(void **state)
{
	struct decoded d;

	(void)state;
	decode("ipv6_frag_later", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_only_event(&d, NJ_EV_IPV6_FRAG_LATER);
	assert_true(d.pkt.frag);
	assert_true(d.pkt.frag_later);
	assert_false(d.pkt.l4);
	assert_int_equal(d.pkt.proto, 17);
}

static void
test_null_and_loop(void **state)
{
	struct decoded d;

	(void)state;
	decode("null_le_udp", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_v4_pair(&d.pkt);
	assert_int_equal(d.pkt.sport, 7);
	assert_int_equal(d.pkt.dport, 9);
	assert_int_equal(d.pkt.payload_len, 0);

	decode("null_be_ipv6", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_v6_pair(&d.pkt);
	assert_syn(&d.pkt);

	decode("loop_ipv6_udp", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_v6_pair(&d.pkt);
	assert_int_equal(d.pkt.sport, 123);
	assert_int_equal(d.pkt.dport, 123);
}

static void
test_null_unknown_family(void **state)
{
	static const uint8_t f[8] = { 7, 0, 0, 0, 1, 2, 3, 4 }; /* AF_OSI */
	struct nj_event_counters ec;
	struct nj_packet pkt;

	(void)state;
	memset(&ec, 0, sizeof(ec));
	assert_int_equal(nj_decode(NJ_DLT_NULL, f, 8, 8, &pkt, &ec), NJ_DECODE_OK);
	assert_int_equal(ec.n[NJ_EV_NULL_UNKNOWN_FAMILY], 1);
	assert_int_equal(pkt.ip_version, 0);
}

static void
test_icmp_unreach_quote(void **state)
{
	struct decoded d;

	(void)state;
	decode("icmp_unreach_udp", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_v4_pair(&d.pkt);
	assert_int_equal(d.pkt.icmp_type, 3);
	assert_int_equal(d.pkt.icmp_code, 3);
	assert_true(d.pkt.has_inner);
	/* The quote is the probe: from the error's destination. */
	assert_addr(&d.pkt.inner.src, "198.51.100.2");
	assert_addr(&d.pkt.inner.dst, "192.0.2.1");
	assert_int_equal(d.pkt.inner.proto, 17);
	assert_int_equal(d.pkt.inner.sport, 33434);
	assert_int_equal(d.pkt.inner.dport, 53);
}

static void
test_icmp6_unreach_quote(void **state)
{
	struct decoded d;

	(void)state;
	decode("icmp6_unreach_tcp", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_v6_pair(&d.pkt);
	assert_int_equal(d.pkt.proto, 58);
	assert_int_equal(d.pkt.icmp_type, 1);
	assert_int_equal(d.pkt.icmp_code, 4);
	assert_true(d.pkt.has_inner);
	assert_addr(&d.pkt.inner.src, "2001:db8::2");
	assert_addr(&d.pkt.inner.dst, "2001:db8::1");
	assert_int_equal(d.pkt.inner.proto, 6);
	assert_int_equal(d.pkt.inner.sport, 40000);
	assert_int_equal(d.pkt.inner.dport, 443);
}

static void
test_icmp_quote_options(void **state)
{
	struct decoded d;

	(void)state;
	decode("icmp_timxceed_opts", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_int_equal(d.pkt.icmp_type, 11);
	assert_true(d.pkt.has_inner);
	assert_addr(&d.pkt.inner.src, "198.51.100.2");
	assert_int_equal(d.pkt.inner.proto, 17);
	assert_int_equal(d.pkt.inner.sport, 40001);
	assert_int_equal(d.pkt.inner.dport, 33435);
}

static void
test_icmp6_too_big(void **state)
{
	struct decoded d;

	(void)state;
	decode("icmp6_too_big_echo", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_int_equal(d.pkt.icmp_type, 2);
	assert_int_equal(d.pkt.icmp_id, 0); /* not an echo itself */
	assert_true(d.pkt.has_inner);
	assert_addr(&d.pkt.inner.dst, "2001:db8::1");
	assert_int_equal(d.pkt.inner.proto, 58);
	assert_int_equal(d.pkt.inner.sport, 0);
	assert_int_equal(d.pkt.inner.dport, 0);
}

static void
test_sll_noaddr_echo_reply(void **state)
{
	struct decoded d;

	(void)state;
	decode("sll_noaddr_icmp6", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_false(d.pkt.has_mac);
	assert_v6_pair(&d.pkt);
	assert_int_equal(d.pkt.icmp_type, 129);
	assert_int_equal(d.pkt.icmp_id, 0x0102);
	assert_int_equal(d.pkt.icmp_seq, 0x0304);
}

static void
test_eth_llc(void **state)
{
	struct decoded d;

	(void)state;
	d.pkt.ts = 777; /* the caller's timestamp survives decoding */
	decode("eth_llc", &d);
	assert_int_equal(d.pkt.ts, 777);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_only_event(&d, NJ_EV_ETHER_UNKNOWN_TYPE);
	assert_int_equal(d.pkt.ethertype, 38);
	assert_int_equal(d.pkt.ip_version, 0);
}

static void
test_icmp_cut_quote(void **state)
{
	struct decoded d;

	(void)state;
	decode("icmp_cut_quote", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_only_event(&d, NJ_EV_ICMP_INNER_TRUNCATED);
	assert_true(d.pkt.l4);
	assert_int_equal(d.pkt.icmp_type, 3);
	assert_false(d.pkt.has_inner);
}

static void
test_ipip(void **state)
{
	struct decoded d;

	(void)state;
	decode("ipip_udp", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_addr(&d.pkt.src, "10.0.0.1");
	assert_addr(&d.pkt.dst, "10.0.0.2");
	assert_int_equal(d.pkt.ttl, 9);
	assert_int_equal(d.pkt.proto, 17);
	assert_int_equal(d.pkt.sport, 5000);
	assert_int_equal(d.pkt.dport, 6000);
}

static void
test_gre(void **state)
{
	struct decoded d;

	(void)state;
	decode("gre_key_ipv6", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_int_equal(events_total(&d.ec), 0);
	assert_v6_pair(&d.pkt);
	assert_int_equal(d.pkt.proto, 17);
	assert_int_equal(d.pkt.sport, 0x1111);
	assert_int_equal(d.pkt.dport, 0x2222);

	decode("gre_v1", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_only_event(&d, NJ_EV_GRE_UNSUPPORTED);
	assert_v4_pair(&d.pkt);
	assert_int_equal(d.pkt.proto, 47);
	assert_false(d.pkt.l4);
}

static void
test_tunnel_depth(void **state)
{
	struct decoded d;

	(void)state;
	/* Outer plus two inner headers are followed; the fourth is not. */
	decode("ipip_deep", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_only_event(&d, NJ_EV_IP_TUNNEL_TOO_DEEP);
	assert_int_equal(d.pkt.proto, 4);
	assert_int_equal(d.pkt.ip_len, 20 * 3 + 8);
	assert_false(d.pkt.l4);
}

static void
test_malformed(void **state)
{
	struct decoded d;

	(void)state;
	decode("bad_ihl", &d);
	assert_int_equal(d.st, NJ_DECODE_MALFORMED);
	assert_only_event(&d, NJ_EV_IPV4_BAD_HLEN);
	assert_false(d.pkt.l4);

	decode("bad_tcp_off", &d);
	assert_int_equal(d.st, NJ_DECODE_MALFORMED);
	assert_only_event(&d, NJ_EV_TCP_BAD_HLEN);
	assert_false(d.pkt.l4);

	decode("tcp_off_past", &d);
	assert_int_equal(d.st, NJ_DECODE_MALFORMED);
	assert_only_event(&d, NJ_EV_TCP_BAD_HLEN);
	assert_false(d.pkt.l4);

	decode("bad_udp_short", &d);
	assert_int_equal(d.st, NJ_DECODE_MALFORMED);
	assert_only_event(&d, NJ_EV_UDP_BAD_LEN);
	assert_int_equal(d.pkt.payload_len, 0);

	decode("bad_udp_long", &d);
	assert_int_equal(d.st, NJ_DECODE_MALFORMED);
	assert_only_event(&d, NJ_EV_UDP_BAD_LEN);
	assert_int_equal(d.pkt.sport, 1);
	assert_int_equal(d.pkt.dport, 2);
	assert_int_equal(d.pkt.payload_len, 0);
}

static void
test_bad_options(void **state)
{
	struct decoded d;

	(void)state;
	/* A broken option is counted; the header length still holds. */
	decode("ipv4_opt_len0", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_only_event(&d, NJ_EV_IPV4_OPT_MALFORMED);
	assert_int_equal(d.pkt.dport, 2);

	decode("ipv4_opt_overflow", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_only_event(&d, NJ_EV_IPV4_OPT_MALFORMED);
	assert_int_equal(d.pkt.dport, 2);

	decode("tcp_opt_len0", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_only_event(&d, NJ_EV_TCP_OPT_MALFORMED);
	assert_syn(&d.pkt);

	decode("tcp_opt_overflow", &d);
	assert_int_equal(d.st, NJ_DECODE_OK);
	assert_only_event(&d, NJ_EV_TCP_OPT_MALFORMED);
	assert_syn(&d.pkt);
}

static void
test_unsupported_dlt(void **state)
{
	static const uint8_t f[4] = { 0 };
	struct nj_event_counters ec;
	struct nj_packet pkt;

	(void)state;
	memset(&ec, 0, sizeof(ec));
	assert_false(nj_dlt_supported(105)); /* 802.11 */
	assert_true(nj_dlt_supported(NJ_DLT_LINUX_SLL2));
	assert_int_equal(nj_decode(105, f, 4, 4, &pkt, &ec), NJ_DECODE_UNSUPPORTED);
	assert_int_equal(ec.n[NJ_EV_LINK_UNSUPPORTED], 1);
}

/*
 * Every test packet cut at every length: no read past the cut (ASan sees
 * the copy, which is exactly as long as the cut), and a cut inside the
 * headers is reported, as a status or as an event.
 */
static void
test_truncation_sweep(void **state)
{
	struct nj_event_counters ec;
	struct nj_packet pkt;
	struct pkt_buf b;
	uint8_t *cut;
	size_t i, len;
	enum nj_decode_status st;

	(void)state;
	for (i = 0; i < test_packet_count; i++) {
		memset(&b, 0, sizeof(b));
		test_packets[i].build(&b);
		for (len = 0; len < b.n; len++) {
			cut = test_malloc(len > 0 ? len : 1);
			memcpy(cut, b.b, len);
			memset(&ec, 0, sizeof(ec));
			st = nj_decode(test_packets[i].dlt, cut, (uint32_t)len,
			    (uint32_t)b.n, &pkt, &ec);
			if (len < b.hdr && st == NJ_DECODE_OK &&
			    events_total(&ec) == 0)
				fail_msg("%s cut at %zu: OK and no event",
				    test_packets[i].name, len);
			if (pkt.payload_len > 0)
				assert_true(pkt.payload >= cut &&
				    pkt.payload + pkt.payload_len <= cut + len);
			test_free(cut);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eth_ipv4_tcp),
		cmocka_unit_test(test_eth_vlan_udp),
		cmocka_unit_test(test_eth_qinq),
		cmocka_unit_test(test_eth_3tags),
		cmocka_unit_test(test_sll_icmp_echo),
		cmocka_unit_test(test_sll2_ipv6_tcp),
		cmocka_unit_test(test_ipv6_ext_headers),
		cmocka_unit_test(test_ipv4_frag_later),
		cmocka_unit_test(test_ipv6_frag_first),
		cmocka_unit_test(test_ipv6_frag_later),
		cmocka_unit_test(test_null_and_loop),
		cmocka_unit_test(test_null_unknown_family),
		cmocka_unit_test(test_icmp_unreach_quote),
		cmocka_unit_test(test_icmp6_unreach_quote),
		cmocka_unit_test(test_icmp_quote_options),
		cmocka_unit_test(test_icmp6_too_big),
		cmocka_unit_test(test_sll_noaddr_echo_reply),
		cmocka_unit_test(test_eth_llc),
		cmocka_unit_test(test_icmp_cut_quote),
		cmocka_unit_test(test_ipip),
		cmocka_unit_test(test_gre),
		cmocka_unit_test(test_tunnel_depth),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_unsupported_dlt),
		cmocka_unit_test(test_truncation_sweep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
