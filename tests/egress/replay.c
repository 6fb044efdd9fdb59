/*
 * replay.c - egress_replay POLICY|- PCAP JSON: runs a capture through the
 * sensor with a policy ("-": the default policy) and writes the alerts
 * as JSON lines, without nightjar's command line (the end-to-end tests'
 * harness while main.c's -c/--json wiring is on its way; also useful to
 * test the path below main alone). Prints the statistics to stderr.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "policy/policy.h"
#include "sensor/alert_pipeline.h"
#include "sensor/config.h"
#include "sensor/detector.h"
#include "sensor/sensor.h"
#include "sensor/stats.h"

static void
one(u_char *arg, const struct pcap_pkthdr *h, const u_char *bytes)
{
	nj_sensor_packet((struct nj_sensor *)(void *)arg, h, bytes);
}

int
main(int argc, char **argv)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct nj_alert_options o;
	struct nj_sensor s;
	struct nj_config cfg;
	pcap_t *pc;

	if (argc != 4) {
		fprintf(stderr, "usage: egress_replay POLICY|- PCAP JSON\n");
		return 2;
	}
	memset(&s, 0, sizeof(s));
	memset(&cfg, 0, sizeof(cfg));
	cfg.max_flows = 65536;
	cfg.seed = 1;
	nj_flow_timeouts_default(&cfg.timeouts);
	s.policy = strcmp(argv[1], "-") == 0 ? nj_policy_default() :
	    nj_policy_load(argv[1], stderr);
	if (s.policy == NULL)
		return 1;
	nj_alert_options_default(&o);
	o.suppressed = nj_policy_suppressed;
	if ((s.alerts = nj_alerts_new(&o)) == NULL ||
	    nj_alerts_add_json(s.alerts, argv[3]) == -1)
		return 1;
	if ((pc = pcap_open_offline_with_tstamp_precision(argv[2],
	    PCAP_TSTAMP_PRECISION_MICRO, errbuf)) == NULL) {
		fprintf(stderr, "%s\n", errbuf);
		return 1;
	}
	if (nj_sensor_init(&s, &cfg, pcap_datalink(pc), false) < 0)
		return 1;
	/* A capture cut short still has its alerts, as with nightjar. */
	if (pcap_loop(pc, -1, one, (u_char *)(void *)&s) == -1)
		fprintf(stderr, "%s: %s\n", argv[2], pcap_geterr(pc));
	nj_sensor_finish(&s);
	nj_alerts_finish(s.alerts, s.now);
	nj_stats_write(stderr, &s, NULL);
	nj_sensor_free(&s);
	nj_alerts_free(s.alerts);
	nj_policy_free(s.policy);
	pcap_close(pc);
	return 0;
}
