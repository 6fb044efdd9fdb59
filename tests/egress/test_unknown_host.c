/*
 * test_unknown_host.c - unknown-local-host: against a configured
 * inventory, and learning one (watched time, state file across restarts,
 * a corrupt state file).
 */
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sensor/det_egress.h"
#include "harness.h"

#define T0 NJ_SEC(1700000000)

/* The first packet of a new flow from src, with a MAC. */
static void
from(struct harness *h, const char *src, nj_time_t t)
{
	struct nj_packet p;
	struct nj_flow f;

	memset(&p, 0, sizeof(p));
	h_flow(&f, IPPROTO_UDP, src, 5000, "192.168.50.2", 53, t);
	f.pkts[0] = 1;
	p.ts = t;
	p.src = f.orig;
	p.dst = f.resp;
	p.has_mac = true;
	memcpy(p.src_mac, "\x52\x54\x00\xa8\x32\xd5", 6);
	h->det->packet(h->st, &h->s, &p, &f, 0);
}

/* Ticks every minute from t to t + span. */
static void
ticks(struct harness *h, nj_time_t t, nj_time_t span)
{
	nj_time_t x;

	for (x = t; x <= t + span; x += NJ_SEC(60))
		h->det->tick(h->st, &h->s, x);
}

static void
inventory(void **state)
{
	struct harness h;
	char b[NJ_ADDRSTRLEN];

	(void)state;
	h_open(&h, &nj_det_unknown_host, H_SITE
	    "inventory: {hosts: [192.168.50.100, 192.0.2.0/28]}\n");
	from(&h, "192.168.50.100", T0);
	from(&h, "192.0.2.5", T0);
	from(&h, "0.0.0.0", T0);
	from(&h, "169.254.3.4", T0);
	from(&h, "203.0.113.9", T0);       /* not local */
	assert_int_equal(h.n, 0);
	from(&h, "192.168.50.213", T0 + 5);
	from(&h, "192.168.50.213", T0 + 6); /* once per address */
	assert_int_equal(h.n, 1);
	assert_string_equal(h.got[0].kind, "unknown-local-host");
	assert_string_equal(h_src(&h.got[0], b), "192.168.50.213");
	assert_string_equal(h_str(&h.got[0], "mac"), "52:54:00:a8:32:d5");
	assert_string_equal(h_str(&h.got[0], "inventory"), "policy");
	h_close(&h);
}

static char *
policy_with_state(const char *path)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), H_SITE
	    "inventory: {learn: 1h, state_file: \"%s\"}\n", path);
	return buf;
}

static void
learn_then_alert_and_restart(void **state)
{
	struct harness h;
	char path[] = "/tmp/nj_unknown_XXXXXX";
	char b[NJ_ADDRSTRLEN];
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	unlink(path);                     /* absent: learning from scratch */
	h_open(&h, &nj_det_unknown_host, policy_with_state(path));
	from(&h, "192.168.50.100", T0);
	ticks(&h, T0, NJ_SEC(1800));
	from(&h, "192.168.50.101", T0 + NJ_SEC(1800)); /* still learning */
	ticks(&h, T0 + NJ_SEC(1800), NJ_SEC(1900));
	assert_int_equal(h.n, 0);
	from(&h, "192.168.50.100", T0 + NJ_SEC(3800));
	from(&h, "192.168.50.213", T0 + NJ_SEC(3800));
	assert_int_equal(h.n, 1);
	assert_string_equal(h_src(&h.got[0], b), "192.168.50.213");
	assert_string_equal(h_str(&h.got[0], "inventory"), "learned");
	h.det->finish(h.st, &h.s, T0 + NJ_SEC(3800));
	h_close(&h);

	/* Restarted: everything learned is known, learning is over. */
	h_open(&h, &nj_det_unknown_host, policy_with_state(path));
	from(&h, "192.168.50.101", T0 + NJ_SEC(9000));
	from(&h, "192.168.50.213", T0 + NJ_SEC(9000));
	assert_int_equal(h.n, 0);
	from(&h, "192.168.50.214", T0 + NJ_SEC(9001));
	assert_int_equal(h.n, 1);
	assert_string_equal(h_src(&h.got[0], b), "192.168.50.214");
	h_close(&h);
	unlink(path);
}

/* Silences over 10 minutes are not watched time. */
static void
gaps_do_not_count(void **state)
{
	struct harness h;

	(void)state;
	h_open(&h, &nj_det_unknown_host, H_SITE "inventory: {learn: 1h}\n");
	from(&h, "192.168.50.100", T0);
	h.det->tick(h.st, &h.s, T0);
	h.det->tick(h.st, &h.s, T0 + NJ_SEC(86400));
	h.det->tick(h.st, &h.s, T0 + NJ_SEC(2 * 86400));
	from(&h, "192.168.50.213", T0 + NJ_SEC(2 * 86400));
	assert_int_equal(h.n, 0);
	h_close(&h);
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp;

	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* A corrupt state file: learning starts afresh (no alert at once). */
static void
corrupt_state(void **state)
{
	struct harness h;
	char path[] = "/tmp/nj_unknown_XXXXXX";
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	write_file(path, "nightjar-inventory 1\nlearned_for 999999999999\n"
	    "host 192.168.50.100 zz:00:00:00:00:00 1\n");
	h_open(&h, &nj_det_unknown_host, policy_with_state(path));
	from(&h, "192.168.50.213", T0);
	assert_int_equal(h.n, 0);
	h_close(&h);

	/* The same file, valid: learning is over, .100 known. */
	write_file(path, "nightjar-inventory 1\nlearned_for 999999999999\n"
	    "host 192.168.50.100 52:54:00:00:00:01 1\n");
	h_open(&h, &nj_det_unknown_host, policy_with_state(path));
	from(&h, "192.168.50.100", T0);
	assert_int_equal(h.n, 0);
	from(&h, "192.168.50.213", T0);
	assert_int_equal(h.n, 1);
	h_close(&h);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inventory),
		cmocka_unit_test(learn_then_alert_and_restart),
		cmocka_unit_test(gaps_do_not_count),
		cmocka_unit_test(corrupt_state),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
