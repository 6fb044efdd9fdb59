/*
 * dnscorr_run.c - a small driver for the end-to-end tests: runs a
 * capture through nj_sensor with a policy and a JSON alert output, as
 * "nightjar -c POLICY -r PCAP --json OUT" does once main wires them.
 *
 * usage: dnscorr_run POLICY|- PCAP JSON [FLOWS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"
#include "sensor/alert_pipeline.h"
#include "sensor/capture.h"
#include "sensor/config.h"
#include "sensor/flowlog.h"
#include "sensor/sensor.h"
#include "sensor/stats.h"

int
main(int argc, char **argv)
{
	struct nj_capture_flags fl = { 0 };
	struct nj_alert_options o;
	struct nj_config cfg;
	struct nj_sensor s;
	struct nj_capture *cap;
	int status;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: dnscorr_run POLICY|- PCAP JSON "
		    "[FLOWS]\n");
		return 1;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.read_file = argv[2];
	cfg.snaplen = 262144;
	cfg.max_flows = NJ_FLOW_MAX_DEFAULT;
	cfg.seed = 1;
	nj_flow_timeouts_default(&cfg.timeouts);
	memset(&s, 0, sizeof(s));
	if (strcmp(argv[1], "-") != 0 &&
	    (s.policy = nj_policy_load(argv[1], stderr)) == NULL)
		return 1;
	nj_alert_options_default(&o);
	o.suppressed = nj_policy_suppressed;
	if ((s.alerts = nj_alerts_new(&o)) == NULL ||
	    nj_alerts_add_json(s.alerts, argv[3]) < 0)
		return 2;
	if (argc == 5 && (s.flowlog = nj_flowlog_open(argv[4])) == NULL)
		return 2;
	if ((cap = nj_capture_open(&cfg, &status)) == NULL)
		return status;
	if (nj_sensor_init(&s, &cfg, nj_capture_dlt(cap),
	    nj_capture_nsec(cap)) < 0)
		return 2;
	status = nj_capture_run(cap, &s, &fl, NULL, NULL);
	nj_sensor_finish(&s);
	nj_alerts_finish(s.alerts, s.now);
	nj_stats_write(stderr, &s, cap);
	if (nj_flowlog_close(s.flowlog) < 0)
		status = 2;
	s.flowlog = NULL;
	nj_sensor_free(&s);
	nj_alerts_free(s.alerts);
	nj_policy_free(s.policy);
	nj_capture_close(cap);
	return status;
}
