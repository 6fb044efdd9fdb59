/*
 * stats.c - writes the sensor's counters as "name value" lines: packets,
 * bytes, decode events, flows, the kernel's drop counts, and each
 * detector's own counters. Zero decode events are left out.
 */
#include <inttypes.h>

#include "sensor/app_path.h"
#include "sensor/capture.h"
#include "sensor/alert_pipeline.h"
#include "sensor/enrich.h"
#include "sensor/detector.h"
#include "sensor/dns_path.h"
#include "sensor/flow_table.h"
#include "sensor/stats.h"

void
nj_stats_write(FILE *out, const struct nj_sensor *s, struct nj_capture *cap)
{
	const struct nj_flow_table_stats *fs;
	const struct nj_detector *d;
	uint64_t recv, drop, ifdrop;
	size_t i;

	fprintf(out, "packets %" PRIu64 "\n", s->packets);
	fprintf(out, "bytes %" PRIu64 "\n", s->bytes);
	fprintf(out, "packets.not_ip %" PRIu64 "\n", s->undecoded);
	for (i = 0; i < NJ_EV_MAX; i++)
		if (s->events.n[i] != 0)
			fprintf(out, "events.%s %" PRIu64 "\n",
			    nj_event_name((enum nj_event)i), s->events.n[i]);
	if (s->flows != NULL) {
		fs = nj_flow_table_stats(s->flows);
		fprintf(out, "flows.created %" PRIu64 "\n", fs->created);
		fprintf(out, "flows.expired %" PRIu64 "\n", fs->expired);
		fprintf(out, "flows.evicted %" PRIu64 "\n", fs->evicted);
		fprintf(out, "flows.refused %" PRIu64 "\n", fs->refused);
		fprintf(out, "flows.active %" PRIu64 "\n", fs->active);
		fprintf(out, "flows.peak %" PRIu64 "\n", fs->peak);
	}
	nj_app_path_stats(s->app, out);
	if (cap != NULL && nj_capture_kstats(cap, &recv, &drop, &ifdrop) == 0) {
		fprintf(out, "pcap.received %" PRIu64 "\n", recv);
		fprintf(out, "pcap.dropped %" PRIu64 "\n", drop);
		fprintf(out, "pcap.ifdropped %" PRIu64 "\n", ifdrop);
	}
	if (s->dnspath != NULL)
		nj_dns_path_write_stats(s->dnspath, s, out);
	for (i = 0; (d = nj_detectors[i]) != NULL; i++)
		if (d->stats != NULL && s->det_state[i] != NULL)
			d->stats(s->det_state[i], out);
	if (s->alerts != NULL)
		nj_alerts_stats(s->alerts, out);
	nj_enrich_stats(s, out);
	fflush(out);
}
