/*
 * app_bench.c - cost of the application recognisers per segment and per
 * flow: recognised flows (SMTP, IRC, POP3, SSH) and unrecognised ones
 * (HTTP, TLS-like binary), each fed segment by segment from a fresh state.
 * Usage: app_bench [flows-per-kind]   (default 200000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decoders/app.h"

struct bseg {
	unsigned dir;
	const char *bytes;
	size_t len;
};

#define S(d, s) { d, s, sizeof(s) - 1 }

static const struct bseg smtp[] = {
	S(1, "220 mx.example.org ESMTP Postfix\r\n"),
	S(0, "EHLO client.example.com\r\n"),
	S(1, "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
	    "250-STARTTLS\r\n250 8BITMIME\r\n"),
	S(0, "MAIL FROM:<alice@example.com>\r\n"),
	S(1, "250 2.1.0 Ok\r\n"),
	S(0, "RCPT TO:<bob@example.org>\r\n"),
	S(1, "554 5.7.1 Relay access denied\r\n"),
	S(0, "QUIT\r\n"),
	S(1, "221 2.0.0 Bye\r\n"),
};

static const struct bseg irc[] = {
	S(0, "CAP LS 302\r\nNICK bot123\r\nUSER bot 0 * :bot\r\n"),
	S(1, ":irc.example.net NOTICE * :*** Looking up your hostname\r\n"
	    ":irc.example.net 001 bot123 :Welcome to the network\r\n"),
	S(0, "JOIN #cnc\r\n"),
	S(1, ":bot123!bot@host JOIN #cnc\r\n"),
};

static const struct bseg pop3[] = {
	S(1, "+OK Dovecot ready.\r\n"),
	S(0, "USER admin\r\n"),
	S(1, "+OK\r\n"),
	S(0, "PASS 123456\r\n"),
	S(1, "-ERR [AUTH] Authentication failed.\r\n"),
	S(0, "QUIT\r\n"),
};

static const struct bseg ssh[] = {
	S(1, "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n"),
	S(0, "SSH-2.0-libssh_0.9.6\r\n"),
	S(1, "\x00\x00\x04\x5c\x0a\x14\x8e\x1f\x33\x20\x5a\x00\x01\x02\x03"),
};

static const struct bseg http[] = {
	S(0, "GET /index.html HTTP/1.1\r\nHost: www.example.com\r\n"
	    "User-Agent: Mozilla/5.0\r\nAccept: */*\r\n\r\n"),
	S(1, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
	    "Content-Length: 1024\r\n\r\n<html><body>hello</body></html>"),
};

static const struct bseg tls[] = {
	S(0, "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\x8a\x11\x90\x00"
	    "\x20\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff\x00\x11\x22"),
	S(1, "\x16\x03\x03\x00\x7a\x02\x00\x00\x76\x03\x03\x12\x34\x56\x78"),
	S(0, "\x17\x03\x03\x01\x00\xde\xad\xbe\xef\x01\x02\x03\x04\x05\x06"),
};

struct kind {
	const char *name;
	const struct bseg *segs;
	size_t n;
	enum nj_app_proto want;
};

#define K(nm, a, w) { nm, a, sizeof(a) / sizeof(a[0]), w }

static const struct kind kinds[] = {
	K("smtp", smtp, NJ_APP_SMTP),
	K("irc", irc, NJ_APP_IRC),
	K("pop3", pop3, NJ_APP_POP3),
	K("ssh", ssh, NJ_APP_SSH),
	K("http", http, NJ_APP_NONE),
	K("tls", tls, NJ_APP_NONE),
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct nj_app_state st;
	static struct nj_app_evidence ev;
	unsigned long flows = 200000, f;
	size_t k, i, bytes;
	double t0, dt;
	enum nj_app_proto r;

	if (argc > 1)
		flows = strtoul(argv[1], NULL, 10);
	printf("state %zu bytes/flow, evidence %zu bytes\n", sizeof(st),
	    sizeof(ev));
	printf("%-5s %10s %12s %12s %10s %s\n", "kind", "flows/s", "segments/s",
	    "MB/s", "ns/seg", "verdict");
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const struct kind *kd = &kinds[k];

		bytes = 0;
		for (i = 0; i < kd->n; i++)
			bytes += kd->segs[i].len;
		r = NJ_APP_PENDING;
		t0 = now();
		for (f = 0; f < flows; f++) {
			nj_app_init(&st, &ev, 0);
			for (i = 0; i < kd->n; i++)
				r = nj_app_feed(&st, &ev, kd->segs[i].dir,
				    (const uint8_t *)kd->segs[i].bytes,
				    kd->segs[i].len);
		}
		dt = now() - t0;
		printf("%-5s %10.0f %12.0f %12.1f %10.1f %s%s\n", kd->name,
		    flows / dt, flows * kd->n / dt, flows * bytes / dt / 1e6,
		    dt * 1e9 / ((double)flows * kd->n), nj_app_proto_name(r),
		    r == kd->want ? "" : " (UNEXPECTED)");
	}
	return 0;
}
