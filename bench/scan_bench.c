/*
 * scan_bench.c - the scan engine under a million sources: one SYN each
 * from random public addresses over an hour (a flood with spoofed
 * sources, or background radiation), beside one slow scanner probing a
 * new port every five minutes. Prints the engine's fixed memory, the
 * process's peak resident size, observations per second, the counters,
 * and whether (and after how many probes) the slow scanner was flagged.
 * Usage: scan_bench [-n sources]
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "sensor/scan_state.h"
#include "sensor/sketch.h"

#define T0 NJ_SEC(1700000000)

struct result {
	struct nj_addr watch;
	unsigned news, watch_news;
	uint32_t watch_probes;
	const char *watch_speed;
};

static void
on_report(void *arg, const struct nj_scan_report *r)
{
	struct result *res = arg;

	if (r->kind != NJ_SCAN_REPORT_NEW)
		return;
	res->news++;
	if (memcmp(&r->src, &res->watch, sizeof(r->src)) == 0) {
		res->watch_news++;
		res->watch_probes = r->probes_at_alert;
		res->watch_speed = r->speed;
	}
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
observe(struct nj_scan_engine *e, nj_time_t t, uint32_t src, uint32_t dst,
    uint16_t port, enum nj_scan_outcome oc)
{
	struct nj_scan_obs o;

	memset(&o, 0, sizeof(o));
	o.ts = t;
	nj_addr_set4(&o.src, src);
	nj_addr_set4(&o.dst, dst);
	o.dport = port;
	o.proto = IPPROTO_TCP;
	o.outcome = (uint8_t)oc;
	o.inbound = true;
	nj_scan_observe(e, &o);
}

int
main(int argc, char **argv)
{
	struct nj_scan_cfg cfg;
	struct nj_scan_engine *e;
	const struct nj_scan_stats *st;
	struct result res;
	struct rusage ru;
	uint64_t n = 1000000, i, x = 1, obs = 0;
	nj_time_t span = NJ_SEC(3600), t;
	unsigned k = 0;
	double t0, dt;
	int ch;

	while ((ch = getopt(argc, argv, "n:")) != -1) {
		if (ch != 'n') {
			fprintf(stderr, "usage: scan_bench [-n sources]\n");
			return 1;
		}
		n = strtoull(optarg, NULL, 10);
	}
	memset(&res, 0, sizeof(res));
	nj_addr_set4(&res.watch, 0xc6336401u);
	nj_scan_cfg_default(&cfg);
	if ((e = nj_scan_new(&cfg, 1, on_report, &res)) == NULL)
		return 1;
	t0 = now_s();
	for (i = 0; i < n; i++) {
		t = T0 + span * i / n;
		x = nj_mix64(x + i);
		observe(e, t, (uint32_t)x | 0x01000000u, 0xc0000200u |
		    (uint32_t)(x >> 40 & 0xff), (uint16_t)(x >> 48),
		    NJ_SCAN_SENT);
		obs++;
		if (t >= T0 + NJ_SEC(300) * k) {
			observe(e, t, 0xc6336401u, 0xc0000219u,
			    (uint16_t)(1000 + k), NJ_SCAN_SENT);
			obs++;
			k++;
		}
		if (i % 1000 == 0)
			nj_scan_tick(e, t);
	}
	nj_scan_finish(e, T0 + span);
	dt = now_s() - t0;
	st = nj_scan_stats(e);
	getrusage(RUSAGE_SELF, &ru);
	printf("scan engine, %llu one-probe sources over 1 h + 1 slow "
	    "scanner (1 probe / 5 min)\n", (unsigned long long)n);
	printf("  table            %u slots x %zu B = %.1f MiB (fixed)\n",
	    cfg.max_sources, nj_scan_entry_size(),
	    (double)nj_scan_memsize(&cfg) / 1048576.0);
	printf("  peak RSS         %.1f MiB (whole process)\n",
	    (double)ru.ru_maxrss / 1024.0);
	printf("  observations/s   %.2f M (%.0f ns each)\n",
	    (double)obs / dt / 1e6, dt / (double)obs * 1e9);
	printf("  sources peak     %u, created %llu, evicted %llu "
	    "(with evidence %llu), expired %llu\n", st->peak,
	    (unsigned long long)st->sources_created,
	    (unsigned long long)st->evicted,
	    (unsigned long long)st->evicted_evidence,
	    (unsigned long long)st->expired);
	printf("  alerts           %u (slow scanner: %s, after %u probes, "
	    "speed %s)\n", res.news, res.watch_news ? "flagged" : "MISSED",
	    res.watch_probes, res.watch_speed ? res.watch_speed : "-");
	nj_scan_free(e);
	return res.watch_news == 1 && res.news == 1 ? 0 : 1;
}
