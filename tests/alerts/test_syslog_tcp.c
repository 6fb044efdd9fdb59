/*
 * test_syslog_tcp.c - syslog over TCP to a collector that reads slowly:
 * writes stop with EAGAIN part-way through a frame, alerts wait in the
 * spool, and the collector still receives whole RFC 6587 octet-counted
 * frames, every alert once, in order.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sensor/alert.h"
#include "sensor/alert_pipeline.h"
#include "sensor/sensor.h"

#define T0     NJ_SEC(1772445601)
#define NALERT 2000

static struct nj_alert A;
static char rbuf[1 << 20];
static size_t rlen;

/* Parses whole "LEN SP MSG" frames at the start of rbuf; returns how many. */
static int
frames(int *next_seq)
{
	char want[32], *sp, *end;
	unsigned long len;
	size_t hl;
	int n = 0;

	for (;;) {
		sp = memchr(rbuf, ' ', rlen < 12 ? rlen : 12);
		if (sp == NULL)
			return n;
		len = strtoul(rbuf, &end, 10);
		assert_ptr_equal(end, sp);
		hl = (size_t)(sp - rbuf) + 1;
		if (rlen < hl + len)
			return n;
		assert_true(strncmp(sp + 1, "<131>1 ", 7) == 0);
		snprintf(want, sizeof(want), "scan.seq=\"%d\"", *next_seq);
		/* Ends the frame for strstr(): its last byte is MSG text. */
		sp[1 + len - 1] = '\0';
		if (strstr(sp + 1, want) == NULL)
			fail_msg("frame is not seq %d", *next_seq);
		(*next_seq)++;
		memmove(rbuf, rbuf + hl + len, rlen - hl - len);
		rlen -= hl + len;
		n++;
	}
}

static void
test_slow_collector(void **state)
{
	struct nj_alert_options o;
	struct nj_sensor s = { .name = "fw1" };
	struct sockaddr_in sin;
	socklen_t slen = sizeof(sin);
	char target[64], pad[201];
	int lfd, cfd, rcv = 4096, i, next = 0, rounds = 0;
	ssize_t n;

	(void)state;
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(lfd != -1);
	/* A small receive window, inherited by the accepted socket. */
	setsockopt(lfd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(listen(lfd, 1), 0);
	getsockname(lfd, (struct sockaddr *)&sin, &slen);
	snprintf(target, sizeof(target), "tcp://127.0.0.1:%u",
	    ntohs(sin.sin_port));

	nj_alert_options_default(&o);
	o.spool_mem = NALERT;
	s.alerts = nj_alerts_new(&o);
	assert_int_equal(nj_alerts_add_syslog(s.alerts, target), 0);
	memset(pad, 'p', sizeof(pad) - 1);
	pad[sizeof(pad) - 1] = '\0';
	/* About 5 KiB per alert, 10 MB in all: more than the socket holds. */
	for (i = 0; i < NALERT; i++) {
		nj_alert_init(&A, "scan", NJ_SEV_HIGH, T0);
		A.src.family = 4;
		A.src.a[0] = 10;
		A.src.a[2] = (uint8_t)(i >> 8);
		A.src.a[3] = (uint8_t)i;
		nj_alert_uint(&A, "seq", (uint64_t)i);
		while (A.nfields < 26)
			nj_alert_str(&A, "pad", pad);
		nj_alert_emit(&s, &A);
	}
	/* Nobody has read yet: the rest waits in the spool. */
	assert_true(nj_alerts_queued(s.alerts) > 0);
	cfd = accept(lfd, NULL, NULL);
	assert_true(cfd != -1);
	while (next < NALERT && rounds++ < 20000) {
		struct pollfd p = { .fd = cfd, .events = POLLIN };

		nj_alerts_tick(s.alerts, T0);
		if (poll(&p, 1, 10) == 1) {
			n = recv(cfd, rbuf + rlen, sizeof(rbuf) - rlen, 0);
			assert_true(n > 0);
			rlen += (size_t)n;
			frames(&next);
		}
	}
	assert_int_equal(next, NALERT);
	assert_int_equal(rlen, 0);
	assert_true(nj_alerts_queued(s.alerts) == 0);
	nj_alerts_free(s.alerts);
	close(cfd);
	close(lfd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slow_collector),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
