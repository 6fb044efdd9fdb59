/*
 * test_outputs.c - the text line, JSON reopen for log rotation, and the
 * syslog spool on a local datagram socket: alerts raised while nobody
 * listens wait in memory then in the spool file, past that they are
 * dropped and counted, and the rest arrive in order once it listens.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "jsonlines.h"
#include "sensor/alert.h"
#include "sensor/alert_pipeline.h"
#include "sensor/sensor.h"

#define T0 NJ_SEC(1772445601)

static struct nj_alert A;

static void
private_dest(nj_time_t ts, const char *host)
{
	struct nj_addr s, d;

	nj_addr_parse("192.168.50.23", &s);
	nj_addr_parse("172.16.45.35", &d);
	nj_alert_init(&A, "private-destination", NJ_SEV_HIGH, ts);
	nj_alert_tuple(&A, &s, 40000, &d, 80, 6);
	snprintf(A.hostname, sizeof(A.hostname), "%s", host);
	nj_alert_sig(&A, "connection to a private address");
}

static char *
slurp(const char *path)
{
	static char buf[8192];
	size_t n;
	FILE *fp = fopen(path, "r");

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
test_text_line(void **state)
{
	char path[] = "/tmp/nj-text-XXXXXX";
	struct nj_alert_options o;
	struct nj_sensor s = { .name = "fw1" };
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd != -1);
	close(fd);
	nj_alert_options_default(&o);
	o.color = -1; /* a file is no TTY: no colour */
	s.alerts = nj_alerts_new(&o);
	assert_int_equal(nj_alerts_add_text(s.alerts, path), 0);
	private_dest(T0 + 5, "proof.example.com");
	nj_alert_emit(&s, &A);
	/* An escape sequence off the wire must not reach the terminal. */
	private_dest(T0 + 5, "evil\x1b[2J.example");
	A.dport = 0;
	A.proto = 0;
	A.is_update = A.is_fold_update = true;
	A.folded = 9;
	A.last_seen = T0 + NJ_SEC(60);
	nj_alert_emit(&s, &A);
	nj_alerts_free(s.alerts);
	assert_string_equal(slurp(path),
	    "2026-03-02T10:00:01Z fw1 [high] private-destination "
	    "192.168.50.23 -> 172.16.45.35:80/tcp (proof.example.com): "
	    "connection to a private address\n"
	    "2026-03-02T10:00:01Z fw1 [high] private-destination "
	    "192.168.50.23 -> 172.16.45.35 (evil?[2J.example): "
	    "connection to a private address "
	    "[repeated 9 times, last 2026-03-02T10:01:01Z]\n");
	unlink(path);
}

static void
test_json_reopen(void **state)
{
	struct nj_sensor s = { .name = "fw1" };
	char rotated[80];
	struct jl j;
	json_t *l;

	(void)state;
	jl_open(&j, NULL);
	s.alerts = j.pl;
	private_dest(T0, "a.example");
	nj_alert_emit(&s, &A);
	snprintf(rotated, sizeof(rotated), "%s.1", j.path);
	assert_int_equal(rename(j.path, rotated), 0);
	nj_alerts_reopen(j.pl);
	private_dest(T0 + 1, "b.example");
	A.dst.a[3] = 99; /* another destination: not folded */
	nj_alert_emit(&s, &A);
	l = jl_read(&j);
	assert_int_equal(json_array_size(l), 1);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(l, 0), "hostname")), "b.example");
	json_decref(l);
	unlink(rotated);
	jl_close(&j);
}

/* The value of the first stats line containing key. */
static unsigned long long
stat_value(const char *stats, const char *key)
{
	const char *p = strstr(stats, key);

	assert_non_null(p);
	p = strchr(p, ' ');
	assert_non_null(p);
	return strtoull(p + 1, NULL, 10);
}

static void
test_unix_spool(void **state)
{
	char dir[] = "/tmp/nj-unix-XXXXXX", target[128], buf[9000];
	char stats[4096], want[32];
	struct nj_alert_options o;
	struct nj_sensor s = { .name = "fw1" };
	struct sockaddr_un sun;
	unsigned long long dropped;
	FILE *mem;
	ssize_t n;
	int fd, i, got = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	nj_alert_options_default(&o);
	o.spool_mem = 3;
	o.spool_dir = dir;
	o.spool_file_max = 2000; /* a few ~400-byte messages */
	o.finish_wait_ms = 10000;
	o.syslog_hostname = "h";
	s.alerts = nj_alerts_new(&o);
	snprintf(target, sizeof(target), "unix:%s/log", dir);
	assert_int_equal(nj_alerts_add_syslog(s.alerts, target), 0);
	/* Nobody listens yet: 20 alerts, distinct sources (no folding). */
	for (i = 0; i < 20; i++) {
		private_dest(T0 + (nj_time_t)i, "x.example");
		A.src.a[3] = (uint8_t)i;
		nj_alert_uint(&A, "seq", (uint64_t)i);
		nj_alert_emit(&s, &A);
	}
	mem = fmemopen(stats, sizeof(stats), "w");
	nj_alerts_stats(s.alerts, mem);
	fclose(mem);
	dropped = stat_value(stats, "].dropped");
	assert_true(dropped > 0 && dropped < 17);
	assert_true(stat_value(stats, "].spilled_to_file") > 0);
	/* Now the collector listens; finish drains the spool in order. */
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/log", dir);
	assert_int_equal(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	nj_alerts_finish(s.alerts, T0 + NJ_SEC(30));
	while ((n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT)) > 0) {
		buf[n] = '\0';
		assert_true(strncmp(buf, "<131>1 2026-03-02T10:00:01.0000", 31)
		    == 0);
		/* The oldest are kept, the newest dropped: 0, 1, 2, ... */
		snprintf(want, sizeof(want), "seq=\"%d\"", got);
		if (strstr(buf, want) == NULL)
			fail_msg("datagram %d is not seq %d: %s", got, got, buf);
		got++;
	}
	assert_int_equal((unsigned long long)got + dropped, 20);
	nj_alerts_free(s.alerts);
	close(fd);
	unlink(sun.sun_path);
	assert_int_equal(rmdir(dir), 0); /* the spool file is gone too */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_line),
		cmocka_unit_test(test_json_reopen),
		cmocka_unit_test(test_unix_spool),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
