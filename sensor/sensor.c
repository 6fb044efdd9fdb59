/*
 * sensor.c - the one per-packet path shared by live and offline capture:
 * decode, flow table, detectors, ticks and flow expiry on packet time.
 */
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "decoders/packet.h"
#include "sensor/app_path.h"
#include "sensor/config.h"
#include "sensor/detector.h"
#include "sensor/dns_enrich.h"
#include "sensor/dns_path.h"
#include "sensor/dnscache.h"
#include "sensor/flow_table.h"
#include "sensor/flowlog.h"
#include "sensor/log.h"
#include "sensor/alert_pipeline.h"
#include "sensor/enrich.h"
#include "sensor/sensor.h"

static size_t
ndetectors(void)
{
	size_t n = 0;

	while (nj_detectors[n] != NULL && n < NJ_MAX_DETECTORS)
		n++;
	return n;
}

/* A flow ended: every detector hears of it, then the flow log. */
static void
flow_end(void *arg, const struct nj_flow *f, enum nj_flow_end why)
{
	struct nj_sensor *s = arg;
	const struct nj_detector *d;
	struct nj_dns_hit hit;
	size_t i;

	(void)why;
	nj_app_path_flow_end(s, f);
	nj_dns_path_flow_end(s->dnspath, s, f);
	for (i = 0; (d = nj_detectors[i]) != NULL && i < NJ_MAX_DETECTORS; i++)
		if (d->flow_end != NULL)
			d->flow_end(s->det_state[i], s, f);
	if (s->flowlog != NULL)
		nj_flowlog_write_host(s->flowlog, f,
		    nj_dns_correlate(s, &f->orig, &f->resp, &hit) ?
		    nj_dns_hit_qname(&hit) : NULL);
}

int
nj_sensor_init(struct nj_sensor *s, const struct nj_config *cfg, int dlt,
    bool ts_nsec)
{
	const struct nj_detector *d;
	size_t i;

	s->cfg = cfg;
	s->dlt = dlt;
	s->ts_nsec = ts_nsec;
	if (s->name == NULL)
		s->name = "nightjar";
	s->flows = nj_flow_table_new(cfg->max_flows, cfg->seed, &cfg->timeouts,
	    flow_end, s);
	if (s->flows == NULL) {
		log_warnx("flow table: cannot allocate %u flows",
		    cfg->max_flows);
		return -1;
	}
	/*
	 * The DNS cache before the detectors: their init may look at it.
	 * The enricher goes on the pipeline the caller built, if any.
	 */
	if ((s->dns = nj_dnscache_new(cfg->dns_cache)) == NULL ||
	    (s->dnspath = nj_dns_path_new(0)) == NULL) {
		log_warnx("dns cache: cannot allocate %u entries",
		    cfg->dns_cache);
		return -1;
	}
	if (s->alerts != NULL && nj_dns_enrich_register(s->alerts) < 0) {
		log_warnx("alerts: no room for the DNS enricher");
		return -1;
	}
	if ((s->app = nj_app_path_new(NJ_APP_PATH_CAP_DEFAULT)) == NULL) {
		log_warnx("application recognition: cannot allocate %u flows",
		    NJ_APP_PATH_CAP_DEFAULT);
		return -1;
	}
	if (ndetectors() >= NJ_MAX_DETECTORS) {
		log_warnx("too many detectors (at most %d)",
		    NJ_MAX_DETECTORS - 1);
		return -1;
	}
	for (i = 0; (d = nj_detectors[i]) != NULL; i++) {
		if (d->init == NULL)
			continue;
		if ((s->det_state[i] = d->init(s)) == NULL) {
			log_warnx("detector %s: cannot initialise", d->name);
			return -1;
		}
	}
	return 0;
}

static void
tick(struct nj_sensor *s, nj_time_t now)
{
	const struct nj_detector *d;
	size_t i;

	nj_flow_table_expire(s->flows, now);
	for (i = 0; (d = nj_detectors[i]) != NULL; i++)
		if (d->tick != NULL)
			d->tick(s->det_state[i], s, now);
	if (s->alerts != NULL)
		nj_alerts_tick(s->alerts, now);
	nj_enrich_tick(s);
}

void
nj_sensor_packet(struct nj_sensor *s, const struct pcap_pkthdr *h,
    const uint8_t *bytes)
{
	const struct nj_detector *d;
	struct nj_packet pkt;
	struct nj_flow *flow;
	nj_time_t ts;
	uint64_t sub;
	size_t i;
	int dir;

	/* Corrupt files carry negative or oversized times; clamp them. */
	sub = (uint64_t)h->ts.tv_usec;
	if (s->ts_nsec)
		sub /= 1000;
	ts = h->ts.tv_sec < 0 ? 0 : NJ_SEC(h->ts.tv_sec) + sub;

	s->packets++;
	s->bytes += h->len;
	nj_decode(s->dlt, bytes, h->caplen, h->len, &pkt, &s->events);
	pkt.ts = ts;
	if (s->packets == 1) {
		s->start = s->now = ts;
		s->last_sec = ts / NJ_USEC_PER_SEC;
	}
	/* Packet time only moves forward; a late packet keeps the clock. */
	if (ts > s->now) {
		s->now = ts;
		if (ts / NJ_USEC_PER_SEC > s->last_sec) {
			s->last_sec = ts / NJ_USEC_PER_SEC;
			tick(s, ts);
		}
	}
	if (pkt.ip_version == 0) {
		s->undecoded++;
		return;
	}
	flow = nj_flow_table_packet(s->flows, &pkt, &dir);
	nj_dns_path_packet(s->dnspath, s, &pkt, flow, dir);
	nj_app_path_packet(s, &pkt, flow, dir);
	for (i = 0; (d = nj_detectors[i]) != NULL; i++)
		if (d->packet != NULL)
			d->packet(s->det_state[i], s, &pkt, flow, dir);
}

void
nj_sensor_finish(struct nj_sensor *s)
{
	const struct nj_detector *d;
	size_t i;

	if (s->flows != NULL)
		nj_flow_table_flush(s->flows);
	for (i = 0; (d = nj_detectors[i]) != NULL; i++) {
		if (d->tick != NULL)
			d->tick(s->det_state[i], s, s->now);
		if (d->finish != NULL)
			d->finish(s->det_state[i], s, s->now);
	}
	if (s->alerts != NULL)
		nj_alerts_finish(s->alerts, s->now);
}

void
nj_sensor_free(struct nj_sensor *s)
{
	const struct nj_detector *d;
	size_t i;

	for (i = 0; (d = nj_detectors[i]) != NULL; i++) {
		if (d->fini != NULL && s->det_state[i] != NULL)
			d->fini(s->det_state[i]);
		s->det_state[i] = NULL;
	}
	nj_flow_table_free(s->flows);
	s->flows = NULL;
	nj_app_path_free(s->app);
	s->app = NULL;
	nj_dns_path_free(s->dnspath, s);
	s->dnspath = NULL;
	nj_dnscache_free(s->dns);
	s->dns = NULL;
}
