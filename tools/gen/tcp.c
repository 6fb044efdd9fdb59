/*
 * tcp.c - TCP sessions as the sensor sees them (RFC 9293): handshake,
 * acknowledged data in MSS-sized segments, FIN or RST close, refused and
 * unanswered connection attempts with the usual SYN back-off.
 */
#include <string.h>

#include "gen.h"

#define MSS 1448

uint16_t
gen_ephemeral_port(struct gen_ctx *g)
{
	/*
	 * Linux's default ip_local_port_range, walked in small random steps
	 * from a random start, so that thousands of sessions from one host
	 * (a flood) never reuse a port still in use.
	 */
	if (g->next_port == 0)
		g->next_port = (uint16_t)gen_rng_range(&g->rng, 32768, 60999);
	g->next_port += (uint16_t)gen_rng_range(&g->rng, 1, 7);
	if (g->next_port > 60999)
		g->next_port = (uint16_t)(32768 + g->next_port - 61000);
	return g->next_port;
}

void
gen_tcp_init(struct gen_ctx *g, struct gen_tcp *c, gen_time_t t, uint32_t cli,
    uint32_t srv, uint16_t dport)
{
	memset(c, 0, sizeof(*c));
	c->cli = cli;
	c->srv = srv;
	c->sport = gen_ephemeral_port(g);
	c->dport = dport;
	c->cseq = (uint32_t)gen_rng_next(&g->rng);
	c->sseq = (uint32_t)gen_rng_next(&g->rng);
	c->t = t;
	/* Local peers answer within a millisecond; the Internet takes longer. */
	if (site_is_local(cli) && site_is_local(srv))
		c->rtt = gen_rng_range(&g->rng, 200, 900);
	else
		c->rtt = gen_rng_range(&g->rng, GEN_MS(8), GEN_MS(120));
	/* Windows after the handshake, in units of 2^7 (window scale 7). */
	c->cwin = 502;
	c->swin = 509;
}

void
gen_tcp_init6(struct gen_ctx *g, struct gen_tcp *c, gen_time_t t,
    const uint8_t cli[16], const uint8_t srv[16], uint16_t dport)
{
	gen_tcp_init(g, c, t, 0, 0, dport);
	c->v6 = 1;
	memcpy(c->cli6, cli, 16);
	memcpy(c->srv6, srv, 16);
	if (site_is_local6(cli) && site_is_local6(srv))
		c->rtt = gen_rng_range(&g->rng, 200, 900);
}

/*
 * One segment from either side at the session's current time. SYNs carry
 * what a Linux stack offers without timestamps: MSS 1460, SACK permitted,
 * window scale 7 (RFC 9293 3.7.1, RFC 2018, RFC 7323).
 */
static int
seg(struct gen_ctx *g, struct gen_tcp *c, int from_client, uint8_t flags,
    const uint8_t *data, uint32_t len)
{
	static const uint8_t synopts[] = { 2, 4, 0x05, 0xb4, 1, 1, 4, 2, 1, 3,
		3, 7 };
	uint32_t optlen = flags & TH_SYN_ ? sizeof(synopts) : 0;
	uint16_t cwin = flags & TH_SYN_ ? 64240 : c->cwin;
	uint16_t swin = flags & TH_SYN_ ? 65160 : c->swin;

	if (c->v6 && from_client)
		return gen_tcp6_opts(g, c->t, c->cli6, c->srv6, c->sport,
		    c->dport, c->cseq, flags & TH_ACK_ ? c->sseq : 0, flags,
		    cwin, synopts, optlen, data, len);
	if (c->v6)
		return gen_tcp6_opts(g, c->t, c->srv6, c->cli6, c->dport,
		    c->sport, c->sseq, flags & TH_ACK_ ? c->cseq : 0, flags,
		    swin, synopts, optlen, data, len);
	if (from_client)
		return gen_tcp4_opts(g, c->t, c->cli, c->srv, c->sport,
		    c->dport, c->cseq, flags & TH_ACK_ ? c->sseq : 0, flags,
		    cwin, synopts, optlen, data, len);
	return gen_tcp4_opts(g, c->t, c->srv, c->cli, c->dport, c->sport,
	    c->sseq, flags & TH_ACK_ ? c->cseq : 0, flags, swin, synopts,
	    optlen, data, len);
}

int
gen_tcp_connect(struct gen_ctx *g, struct gen_tcp *c)
{
	if (seg(g, c, 1, TH_SYN_, NULL, 0) == -1)
		return -1;
	c->cseq++;
	c->t += c->rtt;
	if (seg(g, c, 0, TH_SYN_ | TH_ACK_, NULL, 0) == -1)
		return -1;
	c->sseq++;
	c->t += gen_rng_range(&g->rng, 30, 300);
	return seg(g, c, 1, TH_ACK_, NULL, 0);
}

int
gen_tcp_send(struct gen_ctx *g, struct gen_tcp *c, int from_client,
    const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t n;
	int unacked = 0;

	c->t += gen_rng_range(&g->rng, 50, 2000);
	while (len > 0) {
		n = len > MSS ? MSS : (uint32_t)len;
		if (seg(g, c, from_client, TH_ACK_ | (n == len ? TH_PSH_ : 0),
		    p, n) == -1)
			return -1;
		if (from_client)
			c->cseq += n;
		else
			c->sseq += n;
		p += n;
		len -= n;
		c->t += gen_rng_range(&g->rng, 10, 200);
		/* Delayed ACKs: the receiver acknowledges every second segment. */
		if (++unacked == 2 && len > 0) {
			if (seg(g, c, !from_client, TH_ACK_, NULL, 0) == -1)
				return -1;
			unacked = 0;
		}
	}
	c->t += c->rtt;
	return seg(g, c, !from_client, TH_ACK_, NULL, 0);
}

int
gen_tcp_sendstr(struct gen_ctx *g, struct gen_tcp *c, int from_client,
    const char *s)
{
	return gen_tcp_send(g, c, from_client, s, strlen(s));
}

int
gen_tcp_close(struct gen_ctx *g, struct gen_tcp *c, int client_first)
{
	c->t += gen_rng_range(&g->rng, 100, GEN_MS(50));
	if (seg(g, c, client_first, TH_FIN_ | TH_ACK_, NULL, 0) == -1)
		return -1;
	if (client_first)
		c->cseq++;
	else
		c->sseq++;
	c->t += c->rtt;
	if (seg(g, c, !client_first, TH_FIN_ | TH_ACK_, NULL, 0) == -1)
		return -1;
	if (client_first)
		c->sseq++;
	else
		c->cseq++;
	c->t += gen_rng_range(&g->rng, 30, 300);
	return seg(g, c, client_first, TH_ACK_, NULL, 0);
}

int
gen_tcp_reset(struct gen_ctx *g, struct gen_tcp *c, int from_client)
{
	c->t += gen_rng_range(&g->rng, 30, 300);
	return seg(g, c, from_client, TH_RST_, NULL, 0);
}

int
gen_tcp_refused(struct gen_ctx *g, struct gen_tcp *c)
{
	if (seg(g, c, 1, TH_SYN_, NULL, 0) == -1)
		return -1;
	c->cseq++;
	c->t += c->rtt;
	/* RFC 9293 3.10.7.1: RST with seq 0 acknowledging the SYN. */
	return gen_tcp4(g, c->t, c->srv, c->cli, c->dport, c->sport, 0,
	    c->cseq, TH_RST_ | TH_ACK_, 0, NULL, 0);
}

int
gen_tcp_unanswered(struct gen_ctx *g, struct gen_tcp *c, int tries)
{
	gen_time_t rto = GEN_S(1);
	int i;

	for (i = 0; i < tries; i++) {
		if (seg(g, c, 1, TH_SYN_, NULL, 0) == -1)
			return -1;
		c->t += rto;
		rto *= 2;
	}
	c->cseq++;
	return 0;
}
