/* conv.c - hand-built conversations from RFC 2812, 5321, 1939, 3501, 4253. */
#include <stdint.h>
#include <string.h>

#include "tests/app/conv.h"

#define CONV(nm, arr, fl) \
	const struct conv nm = { #nm, arr, sizeof(arr) / sizeof(arr[0]), fl }

/* RFC 2812 3.1 registration, RPL_WELCOME..MOTD (5.1), JOIN and NAMES. */
static const struct conv_msg irc[] = {
	{ 0, "NICK Wiz\r\nUSER guest 0 * :Ronnie Reagan\r\n" },
	{ 1, ":irc.example.net 001 Wiz :Welcome to the Internet Relay "
	    "Network Wiz!guest@host.example\r\n"
	    ":irc.example.net 002 Wiz :Your host is irc.example.net\r\n"
	    ":irc.example.net 375 Wiz :- irc.example.net Message of the day\r\n"
	    ":irc.example.net 372 Wiz :- be nice\r\n"
	    ":irc.example.net 376 Wiz :End of MOTD command\r\n" },
	{ 0, "JOIN #twilight_zone\r\n" },
	{ 1, ":Wiz!guest@host.example JOIN #twilight_zone\r\n"
	    ":irc.example.net 353 Wiz = #twilight_zone :@Wiz\r\n" },
	{ 0, "PRIVMSG #twilight_zone :hello\r\nJOIN #sun\r\n" },
	{ 1, "PING :irc.example.net\r\n" },
	{ 0, "PONG :irc.example.net\r\n" },
};
CONV(conv_irc, irc, 0);

/*
 * Picked up mid-stream with the roles guessed wrongly: the server's bytes
 * arrive as direction 0, starting inside a line.
 */
static const struct conv_msg irc_mid[] = {
	{ 0, "ing :tail of a line cut by the capture start\r\n"
	    ":Angel!wings@irc.org PRIVMSG #chan :are you receiving this?\r\n" },
	{ 1, "PRIVMSG #chan :yes I am\r\nNICK Angelfan\r\nJOIN #other\r\n" },
	{ 0, ":irc.example.net 353 Angelfan = #other :Angelfan\r\n" },
};
CONV(conv_irc_midstream, irc_mid, NJ_APP_INFERRED);

/* RFC 5321 D.1 with AUTH (RFC 4954) and a refused recipient. */
static const struct conv_msg smtp[] = {
	{ 1, "220 foo.com ESMTP Simple Mail Transfer Service Ready\r\n" },
	{ 0, "EHLO bar.com\r\n" },
	{ 1, "250-foo.com greets bar.com\r\n250-8BITMIME\r\n250-SIZE\r\n"
	    "250-DSN\r\n250-AUTH LOGIN PLAIN\r\n250 HELP\r\n" },
	{ 0, "AUTH LOGIN\r\n" },
	{ 1, "334 VXNlcm5hbWU6\r\n" },
	{ 0, "U21pdGg=\r\n" },			/* "Smith" */
	{ 1, "334 UGFzc3dvcmQ6\r\n" },
	{ 0, "c2VjcmV0\r\n" },			/* "secret" */
	{ 1, "535 5.7.8 Authentication credentials invalid\r\n" },
	{ 0, "AUTH PLAIN AGpvbmVzAGh1bnRlcjI=\r\n" }, /* NUL jones NUL hunter2 */
	{ 1, "235 2.7.0 Authentication successful\r\n" },
	{ 0, "MAIL FROM:<Smith@bar.com>\r\n" },
	{ 1, "250 OK\r\n" },
	{ 0, "RCPT TO:<Jones@foo.com>\r\n" },
	{ 1, "250 OK\r\n" },
	{ 0, "RCPT TO:<Green@foo.com>\r\n" },
	{ 1, "550 No such user here\r\n" },
	{ 0, "RCPT TO:<Brown@foo.com>\r\n" },
	{ 1, "250 OK\r\n" },
	{ 0, "DATA\r\n" },
	{ 1, "354 Start mail input; end with <CRLF>.<CRLF>\r\n" },
	{ 0, "Blah blah blah...\r\nMAIL FROM:<not@a.command>\r\n"
	    "RCPT TO:<nor@this.one>\r\n...etc. etc. etc.\r\n.\r\n" },
	{ 1, "250 OK\r\n" },
	{ 0, "QUIT\r\n" },
	{ 1, "221 foo.com Service closing transmission channel\r\n" },
};
CONV(conv_smtp, smtp, 0);

/* RFC 1939 sections 4 and 7: one refused and one accepted login. */
static const struct conv_msg pop3[] = {
	{ 1, "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n" },
	{ 0, "USER mrose\r\n" },
	{ 1, "+OK mrose is a real hoopy frood\r\n" },
	{ 0, "PASS secret\r\n" },
	{ 1, "-ERR maildrop already locked\r\n" },
	{ 0, "USER admin\r\n" },
	{ 1, "+OK\r\n" },
	{ 0, "PASS tanstaaf\r\n" },
	{ 1, "+OK admin's maildrop has 2 messages (320 octets)\r\n" },
	{ 0, "QUIT\r\n" },
	{ 1, "+OK dewey POP3 server signing off\r\n" },
};
CONV(conv_pop3, pop3, 0);

/* RFC 3501 6.2.3 LOGIN, 7.1 responses. */
static const struct conv_msg imap[] = {
	{ 1, "* OK IMAP4rev1 Service Ready\r\n" },
	{ 0, "a001 LOGIN SMITH SESAME\r\n" },
	{ 1, "a001 NO [AUTHENTICATIONFAILED] Authentication failed\r\n" },
	{ 0, "a002 LOGIN \"smith\" \"sesame\"\r\n" },
	{ 1, "a002 OK LOGIN completed\r\n" },
	{ 0, "a003 LOGOUT\r\n" },
	{ 1, "* BYE IMAP4rev1 Server logging out\r\n"
	    "a003 OK LOGOUT completed\r\n" },
};
CONV(conv_imap, imap, 0);

/* RFC 4253 4.2 identification strings, then the binary packet protocol. */
static const struct conv_msg ssh[] = {
	{ 1, "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n" },
	{ 0, "SSH-2.0-libssh_0.9.6\r\n" },
	{ 1, "\x01\x02\x03\x04\x0a\x14\x7f\x80\xff\r\n\n" },
};
CONV(conv_ssh, ssh, 0);

/* HTTP on the IRC port (cf. zeek's http-on-irc-port-missing-syn trace). */
static const struct conv_msg http_6667[] = {
	{ 0, "GET / HTTP/1.1\r\nHost: example.com:6667\r\n"
	    "User-Agent: curl/8.0\r\nAccept: */*\r\n\r\n" },
	{ 1, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello" },
};
CONV(conv_http_6667, http_6667, 0);
CONV(conv_http_6667_inferred, http_6667, NJ_APP_INFERRED);

/* SMTP-looking lines in an HTTP POST body: the first lines decide. */
static const struct conv_msg http_post[] = {
	{ 0, "POST /submit HTTP/1.1\r\nHost: x\r\nContent-Length: 61\r\n\r\n"
	    "EHLO evil.example\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<d@e.f>\r\n" },
	{ 1, "HTTP/1.1 200 OK\r\n\r\n" },
};
CONV(conv_http_post_smtp, http_post, 0);

/* FTP also greets with 220 and knows QUIT and NOOP: it is not SMTP. */
static const struct conv_msg ftp[] = {
	{ 1, "220 ProFTPD Server (Debian) [192.0.2.1]\r\n" },
	{ 0, "USER anonymous\r\n" },
	{ 1, "331 Anonymous login ok\r\n" },
	{ 0, "PASS guest@\r\n" },
	{ 1, "230 Anonymous access granted\r\n" },
	{ 0, "NOOP\r\nQUIT\r\n" },
};
CONV(conv_ftp, ftp, 0);

/* IRCv3 capability negotiation before registration, then RPL_WELCOME. */
static const struct conv_msg irc_cap[] = {
	{ 0, "PASS hunter2\r\nCAP LS 302\r\n" },
	{ 1, ":irc.libera.chat CAP * LS :multi-prefix sasl\r\n" },
	{ 0, "CAP REQ :multi-prefix\r\n" },
	{ 1, ":irc.libera.chat CAP * ACK :multi-prefix\r\n" },
	{ 0, "CAP END\r\nNICK jdoe\r\nUSER jdoe 0 * :J Doe\r\n" },
	{ 1, ":irc.libera.chat 001 jdoe :Welcome to the Libera.Chat network\r\n" },
};
CONV(conv_irc_cap, irc_cap, 0);

/* A password guess by SMTP AUTH LOGIN with an initial response, refused. */
static const struct conv_msg smtp_guess[] = {
	{ 1, "220 mail.example.org ESMTP\r\n" },
	{ 0, "EHLO scanner\r\n" },
	{ 1, "250-mail.example.org\r\n250 AUTH LOGIN PLAIN\r\n" },
	{ 0, "AUTH LOGIN YWRtaW4=\r\n" },		/* "admin" */
	{ 1, "334 UGFzc3dvcmQ6\r\n" },
	{ 0, "cGFzcw==\r\n" },			/* "pass" */
	{ 1, "535 5.7.8 Error: authentication failed\r\n" },
	{ 0, "QUIT\r\n" },
	{ 1, "221 2.0.0 Bye\r\n" },
};
CONV(conv_smtp_guess, smtp_guess, 0);

/* RFC 1939 7: APOP. */
static const struct conv_msg pop3_apop[] = {
	{ 1, "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n" },
	{ 0, "APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n" },
	{ 1, "+OK maildrop has 1 message (369 octets)\r\n" },
};
CONV(conv_pop3_apop, pop3_apop, 0);

/* RFC 3501 6.2.2 AUTHENTICATE with SASL PLAIN (RFC 4616), refused. */
static const struct conv_msg imap_auth[] = {
	{ 1, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n" },
	{ 0, "A1 AUTHENTICATE PLAIN\r\n" },
	{ 1, "+ \r\n" },
	{ 0, "AGJvYgBwdw==\r\n" },
	{ 1, "A1 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n" },
	{ 0, "A2 LOGOUT\r\n" },
};
CONV(conv_imap_auth, imap_auth, 0);

/* RFC 4253 4.2: the server may send other lines before its version. */
static const struct conv_msg ssh_text[] = {
	{ 1, "Authorised users only\r\nSSH-2.0-dropbear_2022.83\r\n" },
	{ 0, "SSH-2.0-Go\r\n" },
};
CONV(conv_ssh_text, ssh_text, 0);

/* RFC 5034 AUTH PLAIN without initial response, refused; then LOGIN. */
static const struct conv_msg pop3_sasl[] = {
	{ 1, "+OK POP3 server ready\r\n" },
	{ 0, "AUTH PLAIN\r\n" },
	{ 1, "+ \r\n" },
	{ 0, "AGpvbmVzAGh1bnRlcjI=\r\n" },	/* NUL jones NUL hunter2 */
	{ 1, "-ERR [AUTH] Authentication failed\r\n" },
	{ 0, "AUTH LOGIN YWRtaW4=\r\n" },		/* "admin" */
	{ 1, "+ UGFzc3dvcmQ6\r\n" },
	{ 0, "cGFzcw==\r\n" },			/* "pass" */
	{ 1, "-ERR [AUTH] Authentication failed\r\n" },
};
CONV(conv_pop3_sasl, pop3_sasl, 0);

/* A scanner that connects, reads the greeting and leaves. */
static const struct conv_msg pop3_greeting[] = {
	{ 1, "+OK POP3 server ready\r\n" },
};
CONV(conv_pop3_greeting, pop3_greeting, 0);

static const struct conv_msg imap_greeting[] = {
	{ 1, "* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] Dovecot ready.\r\n" },
};
CONV(conv_imap_greeting, imap_greeting, 0);

/* Redis answers +OK too, but only after the client spoke (RESP inline). */
static const struct conv_msg redis[] = {
	{ 0, "AUTH noone password\r\nPING\r\n" },
	{ 1, "+OK\r\n+PONG\r\n" },
	{ 0, "SET key value\r\nGET key\r\n" },
	{ 1, "+OK\r\n$5\r\nvalue\r\n" },
};
CONV(conv_redis, redis, 0);

enum nj_app_proto
conv_run(const struct conv *cv, size_t split, size_t limit,
    struct nj_app_state *st, struct nj_app_evidence *ev)
{
	enum nj_app_proto r = NJ_APP_PENDING;
	size_t i, fed = 0;

	nj_app_init(st, ev, cv->flags);
	for (i = 0; i < cv->n && fed < limit; i++) {
		const uint8_t *p = (const uint8_t *)cv->msgs[i].bytes;
		size_t n = strlen(cv->msgs[i].bytes), k;

		if (n > limit - fed)
			n = limit - fed;
		k = split < n ? split : n;
		r = nj_app_feed(st, ev, cv->msgs[i].dir, p, k);
		r = nj_app_feed(st, ev, cv->msgs[i].dir, p + k, n - k);
		fed += n;
	}
	return r;
}
