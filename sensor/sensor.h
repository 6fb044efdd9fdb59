/*
 * sensor.h - the sensor context: everything one running sensor owns,
 * passed by pointer (no global mutable state). Detectors read the
 * policy and the DNS cache through it and raise alerts with it.
 */
#ifndef NJ_SENSOR_H
#define NJ_SENSOR_H

#include <stdbool.h>
#include <stdint.h>

#include "decoders/events.h"
#include "decoders/types.h"

struct nj_policy;
struct nj_flow_table;
struct nj_dnscache;
struct nj_dns_path;
struct nj_alert_pipeline;
struct nj_geo;
struct nj_config;
struct nj_flowlog;
struct nj_app_path;
struct pcap_pkthdr;
struct nj_ptr;

#define NJ_MAX_DETECTORS 32

struct nj_sensor {
	const char *name;               /* sensor name in every alert */
	struct nj_policy *policy;       /* current policy; swapped on SIGHUP */
	struct nj_flow_table *flows;
	struct nj_dnscache *dns;        /* passive DNS; NULL when off */
	struct nj_dns_path *dnspath;    /* DNS messages out of the flow */
	struct nj_alert_pipeline *alerts;
	struct nj_geo *geo;             /* GeoIP/ASN; NULL when off */
	struct nj_ptr *ptr;             /* reverse names; NULL when off */
	nj_time_t now;                  /* packet time of the newest packet */
	nj_time_t start;                /* packet time of the first packet */
	void *det_state[NJ_MAX_DETECTORS];
	struct nj_event_counters events; /* decode events */
	uint64_t packets, bytes;        /* seen by the sensor */
	uint64_t alerts_raised;

	/* The capture engine's part (sensor.c). */
	const struct nj_config *cfg;
	struct nj_flowlog *flowlog;     /* --flows; NULL when off */
	struct nj_app_path *app;        /* application recognition (app_path.h) */
	int dlt;                        /* link type of the capture */
	bool ts_nsec;                   /* pcap header times in ns */
	uint64_t last_sec;              /* second of the last tick */
	uint64_t undecoded;             /* frames with no IP header */
};

/*
 * The per-packet path (sensor.c). nj_sensor_init allocates the flow
 * table and every detector's state (0, or -1 after logging why);
 * nj_sensor_packet decodes one frame, updates its flow, runs the
 * detectors and, when packet time crosses a second, the ticks and the
 * flow expiry; nj_sensor_finish ends all flows and runs the detectors'
 * finish; nj_sensor_free releases everything.
 */
int nj_sensor_init(struct nj_sensor *s, const struct nj_config *cfg, int dlt,
    bool ts_nsec);
void nj_sensor_packet(struct nj_sensor *s, const struct pcap_pkthdr *h,
    const uint8_t *bytes);
void nj_sensor_finish(struct nj_sensor *s);
void nj_sensor_free(struct nj_sensor *s);

#endif
