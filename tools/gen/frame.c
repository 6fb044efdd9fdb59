/*
 * frame.c - complete Ethernet frames built by libnet in memory (LIBNET_NONE:
 * no device, no root, nothing is ever sent) and copied into the store.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

int
gen_fail(struct gen_ctx *g, const char *fmt, ...)
{
	va_list ap;

	if (g->err[0] == '\0') {
		va_start(ap, fmt);
		vsnprintf(g->err, sizeof(g->err), fmt, ap);
		va_end(ap);
	}
	return -1;
}

void
gen_window_extend(struct gen_ctx *g, gen_time_t t)
{
	if (t > g->opt.start + g->opt.duration)
		g->opt.duration = t - g->opt.start;
}

/* The TTL a host's packets carry when they reach the sensor. */
static uint8_t
host_ttl(uint32_t ip)
{
	uint32_t h = ip * 2654435761u;

	if (site_is_local(ip))
		return 64;
	/* Outside hosts: a Linux or Windows initial TTL, 8 to 23 hops away. */
	return (uint8_t)(((h >> 28) & 1 ? 128 : 64) - 8 - (h >> 16) % 16);
}

/* Adds the IPv4 and Ethernet headers, then coalesces the frame. */
static int
finish_ipv4(struct gen_ctx *g, gen_time_t ts, uint32_t src, uint32_t dst,
    uint8_t proto, uint32_t l4len)
{
	libnet_t *l = g->ln;
	uint8_t smac[6], dmac[6];
	uint8_t *frame;
	uint32_t len;
	int rc;

	if (libnet_build_ipv4(LIBNET_IPV4_H + l4len, 0, g->ipid++,
	    proto == IPPROTO_TCP ? 0x4000 : 0, host_ttl(src), proto, 0,
	    htonl(src), htonl(dst), NULL, 0, l, 0) == -1)
		return gen_fail(g, "libnet: %s", libnet_geterror(l));
	site_mac(src, smac);
	site_mac(dst, dmac);
	/* Two outside hosts never meet on the site's wire. */
	if (libnet_build_ethernet(dmac, smac, ETHERTYPE_IP, NULL, 0, l, 0) == -1)
		return gen_fail(g, "libnet: %s", libnet_geterror(l));
	if (libnet_pblock_coalesce(l, &frame, &len) == -1)
		return gen_fail(g, "libnet: %s", libnet_geterror(l));
	rc = gen_store_add(g, ts, frame, len);
	libnet_adv_free_packet(l, frame);
	libnet_clear_packet(l);
	return rc;
}

int
gen_tcp4_opts(struct gen_ctx *g, gen_time_t ts, uint32_t src, uint32_t dst,
    uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
    uint16_t win, const uint8_t *opts, uint32_t optlen,
    const uint8_t *payload, uint32_t len)
{
	libnet_t *l = g->ln;

	libnet_clear_packet(l);
	/* libnet 1.1 wants the options block before the header it follows. */
	if (optlen > 0 && libnet_build_tcp_options(opts, optlen, l, 0) == -1)
		return gen_fail(g, "libnet: %s", libnet_geterror(l));
	if (libnet_build_tcp(sport, dport, seq, ack, flags, win, 0, 0,
	    LIBNET_TCP_H + optlen + len, len ? payload : NULL, len, l, 0) == -1)
		return gen_fail(g, "libnet: %s", libnet_geterror(l));
	return finish_ipv4(g, ts, src, dst, IPPROTO_TCP,
	    LIBNET_TCP_H + optlen + len);
}

/*
 * The MAC of a v6 host: a site address carries its host number in the
 * last group, as its IPv4 twin does, so both share one MAC.
 */
static void
mac6(const uint8_t a[16], uint8_t mac[6])
{
	unsigned x = (unsigned)a[14] << 8 | a[15];
	unsigned h = (x >> 8) * 100 + ((x >> 4) & 0xf) * 10 + (x & 0xf);

	if (!site_is_local6(a)) {
		site_mac(GEN_IP(8, 8, 8, 8), mac); /* any outside host */
		return;
	}
	site_mac((a[7] == 1 ? SITE_LAN : SITE_DMZ) | (h & 0xff), mac);
}

int
gen_tcp6_opts(struct gen_ctx *g, gen_time_t ts, const uint8_t src[16],
    const uint8_t dst[16], uint16_t sport, uint16_t dport, uint32_t seq,
    uint32_t ack, uint8_t flags, uint16_t win, const uint8_t *opts,
    uint32_t optlen, const uint8_t *payload, uint32_t len)
{
	libnet_t *l = g->ln;
	struct libnet_in6_addr s6, d6;
	uint8_t smac[6], dmac[6], *frame;
	uint32_t flen, l4 = LIBNET_TCP_H + optlen + len;
	int rc;

	memcpy(&s6, src, 16);
	memcpy(&d6, dst, 16);
	libnet_clear_packet(l);
	if ((optlen > 0 && libnet_build_tcp_options(opts, optlen, l, 0) == -1) ||
	    libnet_build_tcp(sport, dport, seq, ack, flags, win, 0, 0, l4,
	    len ? payload : NULL, len, l, 0) == -1 ||
	    libnet_build_ipv6(0, 0, (uint16_t)l4, IPPROTO_TCP,
	    site_is_local6(src) ? 64 : 52, s6, d6, NULL, 0, l, 0) == -1)
		return gen_fail(g, "libnet: %s", libnet_geterror(l));
	mac6(src, smac);
	mac6(dst, dmac);
	if (libnet_build_ethernet(dmac, smac, ETHERTYPE_IPV6, NULL, 0, l, 0) ==
	    -1 || libnet_pblock_coalesce(l, &frame, &flen) == -1)
		return gen_fail(g, "libnet: %s", libnet_geterror(l));
	rc = gen_store_add(g, ts, frame, flen);
	libnet_adv_free_packet(l, frame);
	libnet_clear_packet(l);
	return rc;
}

int
gen_tcp4(struct gen_ctx *g, gen_time_t ts, uint32_t src, uint32_t dst,
    uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
    uint16_t win, const uint8_t *payload, uint32_t len)
{
	return gen_tcp4_opts(g, ts, src, dst, sport, dport, seq, ack, flags,
	    win, NULL, 0, payload, len);
}

int
gen_udp4(struct gen_ctx *g, gen_time_t ts, uint32_t src, uint32_t dst,
    uint16_t sport, uint16_t dport, const uint8_t *payload, uint32_t len)
{
	libnet_t *l = g->ln;

	libnet_clear_packet(l);
	if (libnet_build_udp(sport, dport, LIBNET_UDP_H + len, 0,
	    len ? payload : NULL, len, l, 0) == -1)
		return gen_fail(g, "libnet: %s", libnet_geterror(l));
	return finish_ipv4(g, ts, src, dst, IPPROTO_UDP, LIBNET_UDP_H + len);
}

int
gen_icmp4_echo(struct gen_ctx *g, gen_time_t ts, uint32_t src, uint32_t dst,
    int reply, uint16_t id, uint16_t seq)
{
	libnet_t *l = g->ln;
	uint8_t data[56];
	size_t i;

	/* The classic ping payload: bytes counting up after a timestamp. */
	for (i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)i;
	libnet_clear_packet(l);
	if (libnet_build_icmpv4_echo(reply ? ICMP_ECHOREPLY : ICMP_ECHO, 0, 0,
	    id, seq, data, sizeof(data), l, 0) == -1)
		return gen_fail(g, "libnet: %s", libnet_geterror(l));
	return finish_ipv4(g, ts, src, dst, IPPROTO_ICMP,
	    LIBNET_ICMPV4_ECHO_H + sizeof(data));
}

int
gen_icmp4_port_unreach(struct gen_ctx *g, gen_time_t ts, uint32_t src,
    uint32_t dst, uint16_t sport, uint16_t dport, const uint8_t *payload,
    uint32_t len)
{
	libnet_t *l = g->ln;
	uint8_t quote[LIBNET_IPV4_H + LIBNET_UDP_H];
	uint8_t *frame;
	uint32_t flen;

	/*
	 * The error quotes the probe's IP header and first eight bytes, so
	 * build the probe once more exactly as it was sent (same IP ID).
	 */
	libnet_clear_packet(l);
	g->ipid--;
	if (libnet_build_udp(sport, dport, LIBNET_UDP_H + len, 0,
	    len ? payload : NULL, len, l, 0) == -1 ||
	    libnet_build_ipv4(LIBNET_IPV4_H + LIBNET_UDP_H + len, 0, g->ipid++,
	    0, host_ttl(src), IPPROTO_UDP, 0, htonl(src), htonl(dst), NULL, 0,
	    l, 0) == -1)
		return gen_fail(g, "libnet: %s", libnet_geterror(l));
	if (libnet_pblock_coalesce(l, &frame, &flen) == -1)
		return gen_fail(g, "libnet: %s", libnet_geterror(l));
	memcpy(quote, frame, sizeof(quote) <= flen ? sizeof(quote) : flen);
	libnet_adv_free_packet(l, frame);
	libnet_clear_packet(l);
	if (libnet_build_icmpv4_unreach(ICMP_UNREACH, ICMP_UNREACH_PORT, 0,
	    quote, sizeof(quote), l, 0) == -1)
		return gen_fail(g, "libnet: %s", libnet_geterror(l));
	return finish_ipv4(g, ts, dst, src, IPPROTO_ICMP,
	    LIBNET_ICMPV4_UNREACH_H + sizeof(quote));
}
