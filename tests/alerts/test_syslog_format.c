/*
 * test_syslog_format.c - RFC 5424 and RFC 3164 messages, byte for byte
 * against the RFC's grammar, and the --syslog target parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <syslog.h>

#include <cmocka.h>

#include "sensor/alert.h"
#include "sensor/alert_pipeline.h"
#include "sensor/syslog_format.h"
#include "sensor/syslog_transport.h"

#define T0 NJ_SEC(1772445601) /* 2026-03-02T10:00:01Z */

static struct nj_alert A;
static const struct nj_syslog_hdr H = { LOG_LOCAL0, "sensorhost", 4242 };

static void
build(void)
{
	struct nj_addr s, d;

	nj_addr_parse("192.168.50.23", &s);
	nj_addr_parse("192.168.50.2", &d);
	nj_alert_init(&A, "dns-tunnel", NJ_SEV_HIGH, T0 + 123);
	nj_alert_tuple(&A, &s, 5353, &d, 53, 17);
	snprintf(A.community_id, sizeof(A.community_id), "1:abc");
	snprintf(A.hostname, sizeof(A.hostname), "b\xc3\xbc" "cher.example");
	nj_alert_sig(&A, "Tunnel \xc3\xbc" "ber DNS");
	nj_alert_str(&A, "qname", "a\"b\\c]d");
	nj_alert_uint(&A, "queries", 7);
	nj_alert_list(&A, "types", "TXT");
	nj_alert_list(&A, "types", "NULL");
}

static void
test_rfc5424(void **state)
{
	char buf[NJ_SYSLOG_MAX];
	size_t n;
	/*
	 * PRI: local0 (16) * 8 + err (3) = 131. Escapes per RFC 5424
	 * section 6.3.3: '"' -> \", '\' -> \\, ']' -> \]. MSG-UTF8 starts
	 * with the BOM EF BB BF.
	 */
	const char *want = "<131>1 2026-03-02T10:00:01.000123Z sensorhost "
	    "nightjar 4242 dns-tunnel [nightjar@32473 sensor=\"fw1\" "
	    "severity=\"1\" src_ip=\"192.168.50.23\" src_port=\"5353\" "
	    "dest_ip=\"192.168.50.2\" dest_port=\"53\" proto=\"UDP\" "
	    "community_id=\"1:abc\" hostname=\"b\xc3\xbc" "cher.example\" "
	    "dns-tunnel.qname=\"a\\\"b\\\\c\\]d\" dns-tunnel.queries=\"7\" "
	    "dns-tunnel.types=\"TXT\" dns-tunnel.types=\"NULL\"] "
	    "\xef\xbb\xbfTunnel \xc3\xbc" "ber DNS";

	(void)state;
	build();
	n = nj_syslog_rfc5424(&A, "fw1", &H, buf, sizeof(buf));
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
}

static void
test_rfc5424_names_and_update(void **state)
{
	struct nj_syslog_hdr h = { LOG_DAEMON, "", 1 };
	char buf[NJ_SYSLOG_MAX];

	(void)state;
	nj_alert_init(&A, "private-destination", NJ_SEV_LOW, T0);
	nj_alert_uint(&A, "destination_network_prefix", 24);
	nj_alert_str(&A, "bad key=\"x\"]", "v");
	A.is_update = A.is_fold_update = true;
	A.folded = 41;
	A.last_seen = T0 + NJ_SEC(9);
	nj_syslog_rfc5424(&A, "", &h, buf, sizeof(buf));
	/*
	 * daemon (3) * 8 + notice (5) = 29; empty HOSTNAME is NILVALUE;
	 * SD-NAMEs are cut to 32 characters and lose ' ', '=', ']', '"'.
	 */
	assert_string_equal(buf, "<29>1 2026-03-02T10:00:01.000000Z - nightjar "
	    "1 private-destination [nightjar@32473 sensor=\"\" severity=\"3\" "
	    "repeats=\"41\" last_seen=\"2026-03-02T10:00:10.000000Z\" "
	    "private-destination.destination_=\"24\" "
	    "private-destination.bad_key__x__=\"v\"] \xef\xbb\xbf");
}

static void
test_rfc5424_bounded(void **state)
{
	char small[64];
	size_t n;

	(void)state;
	build();
	n = nj_syslog_rfc5424(&A, "fw1", &H, small, sizeof(small));
	assert_int_equal(n, sizeof(small) - 1);
	assert_int_equal(strlen(small), sizeof(small) - 1);
}

static void
test_rfc3164(void **state)
{
	char buf[NJ_SYSLOG_MAX];

	(void)state;
	build();
	nj_syslog_rfc3164(&A, "fw1", &H, buf, sizeof(buf));
	/* RFC 3164 section 4.1.2: the day of month is space-padded. */
	assert_string_equal(buf, "<131>Mar  2 10:00:01 sensorhost "
	    "nightjar[4242]: dns-tunnel: Tunnel \xc3\xbc" "ber DNS sensor=fw1 "
	    "src=192.168.50.23 sport=5353 dst=192.168.50.2 dport=53");
}

static void
test_severity_map(void **state)
{
	(void)state;
	assert_int_equal(nj_syslog_severity(NJ_SEV_HIGH), LOG_ERR);
	assert_int_equal(nj_syslog_severity(NJ_SEV_MEDIUM), LOG_WARNING);
	assert_int_equal(nj_syslog_severity(NJ_SEV_LOW), LOG_NOTICE);
}

static void
test_targets(void **state)
{
	static const char *bad[] = { "x", "ftp://h:1", "udp://host",
	    "tcp://:514", "udp://h:0", "udp://h:70000", "relp://h:51x",
	    "unix:", "tcp://[::1:514", "" };
	static const char *good[] = { "local", "unix:/tmp/log",
	    "udp://127.0.0.1:514", "tcp://localhost:6514",
	    "relp://[::1]:2514" };
	struct nj_syslog_conn *c;
	struct nj_alert_pipeline *pl;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_null(nj_syslog_conn_new(bad[i]));
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		c = nj_syslog_conn_new(good[i]);
		assert_non_null(c);
		nj_syslog_conn_free(c);
	}
	c = nj_syslog_conn_new("relp://[::1]:2514");
	assert_int_equal(nj_syslog_conn_proto(c), NJ_SYSLOG_RELP);
	nj_syslog_conn_free(c);
	pl = nj_alerts_new(NULL);
	assert_int_equal(nj_alerts_add_syslog(pl, "bogus"), -1);
	assert_int_equal(nj_alerts_set_syslog_format(pl, "rfc5425"), -1);
	assert_int_equal(nj_alerts_set_syslog_format(pl, "rfc3164"), 0);
	assert_int_equal(nj_alerts_noutputs(pl), 0);
	nj_alerts_free(pl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc5424),
		cmocka_unit_test(test_rfc5424_names_and_update),
		cmocka_unit_test(test_rfc5424_bounded),
		cmocka_unit_test(test_rfc3164),
		cmocka_unit_test(test_severity_map),
		cmocka_unit_test(test_targets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
