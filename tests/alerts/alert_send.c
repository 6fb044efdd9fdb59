/*
 * alert_send.c - integration test driver: raises N alerts through the
 * pipeline to one --syslog target, ticking as a sensor would.
 *
 *   alert_send TARGET N [DELAY_US]
 *
 * Environment: NJ_SYSLOG_FORMAT (rfc5424, rfc3164), NJ_SPOOL_DIR.
 * Alert i carries seq=i, a UTF-8 hostname, and quotes, backslashes and
 * brackets in its values; every alert has its own source address so
 * that nothing is folded. Prints "spooling from seq=I" each time alert
 * I is the first to wait in the spool after a time with nothing
 * waiting (the sender saw the collector gone), and the pipeline
 * statistics at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sensor/alert.h"
#include "sensor/alert_pipeline.h"
#include "sensor/log.h"
#include "sensor/sensor.h"

#define T0 NJ_SEC(1772445601)

int
main(int argc, char **argv)
{
	struct nj_alert_options o;
	struct nj_sensor s = { .name = "fw1" };
	struct nj_alert *a;
	struct nj_addr src, dst;
	struct timespec nap;
	unsigned long n, i, delay = 0;
	uint64_t queued, was_queued = 0;
	char *end;

	if (argc < 3) {
		fprintf(stderr, "usage: alert_send TARGET N [DELAY_US]\n");
		return 1;
	}
	n = strtoul(argv[2], &end, 10);
	if (argc > 3)
		delay = strtoul(argv[3], &end, 10);
	log_init("alert_send", 1);
	nj_alert_options_default(&o);
	o.syslog_hostname = "sensorhost";
	o.finish_wait_ms = 20000;
	if (getenv("NJ_SPOOL_DIR") != NULL)
		o.spool_dir = getenv("NJ_SPOOL_DIR");
	if ((s.alerts = nj_alerts_new(&o)) == NULL)
		return 2;
	if (getenv("NJ_SYSLOG_FORMAT") != NULL &&
	    nj_alerts_set_syslog_format(s.alerts,
	    getenv("NJ_SYSLOG_FORMAT")) == -1)
		return 1;
	if (nj_alerts_add_syslog(s.alerts, argv[1]) == -1)
		return 1;
	if ((a = malloc(sizeof(*a))) == NULL)
		return 2;
	nj_addr_parse("2001:db8::53", &dst);
	for (i = 0; i < n; i++) {
		nj_addr_set4(&src, 0x0a000000u + (uint32_t)i);
		s.now = T0 + i * 1000;
		nj_alert_init(a, "dns-tunnel", NJ_SEV_HIGH, s.now);
		nj_alert_tuple(a, &src, 5353, &dst, 53, 17);
		snprintf(a->hostname, sizeof(a->hostname), "b\xc3\xbc" "cher.example");
		nj_alert_sig(a, "Tunnel \xc3\xbc" "ber DNS seq=%lu", i);
		nj_alert_uint(a, "seq", i);
		nj_alert_str(a, "qname", "q\"uo]te\\d [x]");
		nj_alert_list(a, "types", "TXT");
		nj_alert_list(a, "types", "NULL");
		nj_alert_emit(&s, a);
		nj_alerts_tick(s.alerts, s.now);
		queued = nj_alerts_queued(s.alerts);
		if (queued > 0 && was_queued == 0)
			printf("spooling from seq=%lu\n", i);
		was_queued = queued;
		if (delay > 0) {
			nap.tv_sec = (time_t)(delay / 1000000);
			nap.tv_nsec = (long)(delay % 1000000) * 1000;
			nanosleep(&nap, NULL);
		}
	}
	nj_alerts_finish(s.alerts, s.now);
	nj_alerts_stats(s.alerts, stdout);
	nj_alerts_free(s.alerts);
	free(a);
	return 0;
}
