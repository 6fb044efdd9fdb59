/*
 * detector.h - the detector module interface (after ZMap's probe
 * modules): each detector is one file defining one struct nj_detector
 * with designated initialisers, listed once in detectors.c. A detector
 * keeps its own state (bounded: a cap, an eviction rule and a counter)
 * and never reaches into another's. Time is the packet time passed in.
 */
#ifndef NJ_DETECTOR_H
#define NJ_DETECTOR_H

#include <stdio.h>

#include "decoders/packet.h"
#include "sensor/flow.h"

struct nj_sensor;
struct nj_dns_msg;
struct nj_app_evidence;

struct nj_detector {
	const char *name; /* policy key: detectors.<name>.* */
	/* Allocates the detector's state; returns NULL on failure. */
	void *(*init)(struct nj_sensor *s);
	/*
	 * Every decoded IP packet, after the flow table saw it. flow may be
	 * NULL (fragments, flows refused by the cap); dir is 0 when the
	 * packet goes orig->resp, 1 otherwise.
	 */
	void (*packet)(void *st, struct nj_sensor *s, const struct nj_packet *p,
	    struct nj_flow *flow, int dir);
	/*
	 * Every DNS message decoded (UDP, or TCP after reassembly), after
	 * the DNS cache ingested it. flow may be NULL; dir as for packet.
	 */
	void (*dns)(void *st, struct nj_sensor *s, const struct nj_packet *p,
	    struct nj_flow *flow, int dir, const struct nj_dns_msg *m);
	/*
	 * Optional (NULL: not interested). A TCP flow's application was
	 * recognised (decoders/app.h; flow->app is set), and again once the
	 * recogniser has finished with it (its evidence is complete, or the
	 * flow ended): at most twice per flow, never per packet;
	 * nj_app_ev_final(ev) (sensor/app_path.h) is true on the second
	 * call. ev is valid only during the call. For IRC and SMTP the
	 * client is ev->client_dir when ev->client_known (0: flow->orig),
	 * decided from the commands, not from who sent the SYN.
	 */
	void (*app)(void *st, struct nj_sensor *s, struct nj_flow *flow,
	    const struct nj_app_evidence *ev);
	/* A flow ended (timeout, close, eviction, or end of input). */
	void (*flow_end)(void *st, struct nj_sensor *s, const struct nj_flow *f);
	/* Packet time advanced past a whole second; at end of input too. */
	void (*tick)(void *st, struct nj_sensor *s, nj_time_t now);
	/* Called once at end of input, before fini: flush summaries. */
	void (*finish)(void *st, struct nj_sensor *s, nj_time_t now);
	/* Writes "name.counter value" lines to the statistics. */
	void (*stats)(void *st, FILE *out);
	void (*fini)(void *st);
};

/* The registry: NULL-terminated, in detectors.c. */
extern const struct nj_detector *const nj_detectors[];

#endif
