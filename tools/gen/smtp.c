/* smtp.c - SMTP client and server turns (RFC 5321) over a gen_tcp session. */
#include <stdio.h>

#include "smtp.h"

/* Banner, EHLO and its answer, MAIL FROM and its 250. */
static int
smtp_open(struct gen_ctx *g, struct gen_tcp *c, const char *srvname,
    const char *helo, const char *from)
{
	char b[512];

	snprintf(b, sizeof(b), "220 %s ESMTP Postfix\r\n", srvname);
	if (gen_tcp_sendstr(g, c, 0, b) == -1)
		return -1;
	snprintf(b, sizeof(b), "EHLO %s\r\n", helo);
	if (gen_tcp_sendstr(g, c, 1, b) == -1)
		return -1;
	snprintf(b, sizeof(b), "250-%s\r\n250-PIPELINING\r\n250-SIZE 10240000"
	    "\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n", srvname);
	if (gen_tcp_sendstr(g, c, 0, b) == -1)
		return -1;
	snprintf(b, sizeof(b), "MAIL FROM:<%s>\r\n", from);
	if (gen_tcp_sendstr(g, c, 1, b) == -1 ||
	    gen_tcp_sendstr(g, c, 0, "250 2.1.0 Ok\r\n") == -1)
		return -1;
	return 0;
}

static int
smtp_quit(struct gen_ctx *g, struct gen_tcp *c)
{
	if (gen_tcp_sendstr(g, c, 1, "QUIT\r\n") == -1 ||
	    gen_tcp_sendstr(g, c, 0, "221 2.0.0 Bye\r\n") == -1)
		return -1;
	return gen_tcp_close(g, c, 0);
}

int
gen_smtp_deliver(struct gen_ctx *g, struct gen_tcp *c, const char *srvname,
    const char *helo, const char *from, const char *to)
{
	char b[512];

	if (smtp_open(g, c, srvname, helo, from) == -1)
		return -1;
	snprintf(b, sizeof(b), "RCPT TO:<%s>\r\n", to);
	if (gen_tcp_sendstr(g, c, 1, b) == -1 ||
	    gen_tcp_sendstr(g, c, 0, "250 2.1.5 Ok\r\n") == -1 ||
	    gen_tcp_sendstr(g, c, 1, "DATA\r\n") == -1 ||
	    gen_tcp_sendstr(g, c, 0, "354 End data with <CR><LF>.<CR><LF>\r\n")
	    == -1)
		return -1;
	snprintf(b, sizeof(b), "From: <%s>\r\nTo: <%s>\r\nSubject: minutes of "
	    "Monday's meeting\r\n\r\nHello,\r\n\r\nthe minutes are below.\r\n"
	    "\r\n-- \r\nnightjar demo site\r\n.\r\n", from, to);
	if (gen_tcp_sendstr(g, c, 1, b) == -1 ||
	    gen_tcp_sendstr(g, c, 0, "250 2.0.0 Ok: queued as 4Zk3Q70x1Mz9\r\n")
	    == -1)
		return -1;
	return smtp_quit(g, c);
}

int
gen_smtp_relay_denied(struct gen_ctx *g, struct gen_tcp *c,
    const char *srvname, const char *helo, const char *from, const char *to)
{
	char b[512];

	if (smtp_open(g, c, srvname, helo, from) == -1)
		return -1;
	snprintf(b, sizeof(b), "RCPT TO:<%s>\r\n", to);
	if (gen_tcp_sendstr(g, c, 1, b) == -1)
		return -1;
	snprintf(b, sizeof(b), "554 5.7.1 <%s>: Relay access denied\r\n", to);
	if (gen_tcp_sendstr(g, c, 0, b) == -1)
		return -1;
	return smtp_quit(g, c);
}
