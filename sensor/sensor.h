/*
 * sensor.h - the sensor context: everything one running sensor owns,
 * passed by pointer (no global mutable state). Detectors read the
 * policy and the DNS cache through it and raise alerts with it.
 */
#ifndef NJ_SENSOR_H
#define NJ_SENSOR_H

#include <stdint.h>

#include "decoders/events.h"
#include "decoders/types.h"

struct nj_policy;
struct nj_flow_table;
struct nj_dnscache;
struct nj_alert_pipeline;
struct nj_geo;
struct nj_ptr;

#define NJ_MAX_DETECTORS 32

struct nj_sensor {
	const char *name;               /* sensor name in every alert */
	struct nj_policy *policy;       /* current policy; swapped on SIGHUP */
	struct nj_flow_table *flows;
	struct nj_dnscache *dns;        /* passive DNS; NULL when off */
	struct nj_alert_pipeline *alerts;
	struct nj_geo *geo;             /* GeoIP/ASN; NULL when off */
	struct nj_ptr *ptr;             /* reverse names; NULL when off */
	nj_time_t now;                  /* packet time of the newest packet */
	nj_time_t start;                /* packet time of the first packet */
	void *det_state[NJ_MAX_DETECTORS];
	struct nj_event_counters events; /* decode events */
	uint64_t packets, bytes;        /* seen by the sensor */
	uint64_t alerts_raised;
};

#endif
