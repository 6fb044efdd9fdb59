/*
 * config.h - what the command line asked for. main() fills it; the
 * capture engine, the sensor and (later) the policy and outputs read it.
 */
#ifndef NJ_CONFIG_H
#define NJ_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "sensor/flow_table.h"

#define NJ_MAX_SYSLOG 8

struct nj_config {
	/* Capture (capture.c). */
	const char *read_file;     /* -r FILE ("-": stdin) */
	const char *iface;         /* -i IFACE */
	int snaplen;               /* -s, default 262144 */
	int buffer_mib;            /* -B, default 64 */
	bool promisc;              /* on unless -p */
	bool immediate;            /* --immediate */
	char *filter;              /* trailing arguments joined; NULL: none */

	/* Flows (flow_table.c, flowlog.c). */
	uint32_t max_flows;        /* --max-flows */
	struct nj_flow_timeouts timeouts; /* --timeout-* (seconds) */
	const char *flows_path;    /* --flows PATH ("-": stdout) */
	uint32_t dns_cache;        /* --dns-cache N entries; 0: default */
	uint64_t seed;             /* --seed N, else from getrandom */
	bool seed_set;

	/* Statistics (stats.c). */
	unsigned stats_interval;   /* --stats-interval MIN, live only; 0 off */
	const char *stats_path;    /* --stats FILE: also write them there */
	int quiet;                 /* -q: no statistics on stderr */
	int verbose;               /* -v, repeatable */

	/*
	 * Served by other libraries: parsed and stored here, wired in
	 * main.c where marked "WIRE:" once policy/ and the alert outputs land.
	 */
	const char *policy_path;   /* -c POLICY */
	bool check_policy;         /* -n: check the policy and exit */
	const char *json_path;     /* --json PATH */
	const char *syslog[NJ_MAX_SYSLOG]; /* --syslog TARGET, repeatable */
	int nsyslog;
	const char *syslog_format; /* --syslog-format NAME */
	int text;                  /* --text 1, --no-text 0, default -1 */
};

#endif
