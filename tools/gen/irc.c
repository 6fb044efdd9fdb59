/* irc.c - an IRC client session (RFC 2812) as a bot speaks it. */
#include <stdio.h>

#include "irc.h"

int
gen_irc_session(struct gen_ctx *g, struct gen_tcp *c, const char *server,
    const char *nick, const char *channel)
{
	char b[512];

	snprintf(b, sizeof(b), ":%s NOTICE AUTH :*** Looking up your hostname"
	    "...\r\n", server);
	if (gen_tcp_sendstr(g, c, 0, b) == -1)
		return -1;
	snprintf(b, sizeof(b), "NICK %s\r\nUSER %s 8 * :%s\r\n", nick, nick,
	    nick);
	if (gen_tcp_sendstr(g, c, 1, b) == -1)
		return -1;
	snprintf(b, sizeof(b), ":%s 001 %s :Welcome to the Internet Relay "
	    "Network %s\r\n:%s 002 %s :Your host is %s, running version "
	    "u2.10.12\r\n:%s 376 %s :End of /MOTD command.\r\n", server, nick,
	    nick, server, nick, server, server, nick);
	if (gen_tcp_sendstr(g, c, 0, b) == -1)
		return -1;
	snprintf(b, sizeof(b), "JOIN %s k3y\r\n", channel);
	if (gen_tcp_sendstr(g, c, 1, b) == -1)
		return -1;
	snprintf(b, sizeof(b), ":%s!%s@bot JOIN :%s\r\n:%s 332 %s %s :.scan "
	    "on\r\n", nick, nick, channel, server, nick, channel);
	if (gen_tcp_sendstr(g, c, 0, b) == -1)
		return -1;
	snprintf(b, sizeof(b), "PRIVMSG %s :[scan] ready, uptime 0d 0h 1m\r\n",
	    channel);
	if (gen_tcp_sendstr(g, c, 1, b) == -1)
		return -1;
	c->t += GEN_S(90);
	snprintf(b, sizeof(b), "PING :%s\r\n", server);
	if (gen_tcp_sendstr(g, c, 0, b) == -1)
		return -1;
	snprintf(b, sizeof(b), "PONG :%s\r\n", server);
	return gen_tcp_sendstr(g, c, 1, b);
}
