/*
 * app_path.h - runs the application recognisers (decoders/app.h) on TCP
 * flows and tells the detectors what each flow speaks.
 *
 * Only flows still being recognised cost memory: a bounded side table,
 * keyed by the flow, holds the recogniser state and its evidence (about
 * 800 bytes) from the first payload byte until the recogniser is done or
 * the flow ends; then the entry is freed and only flow->app remains.
 * Payload is fed in sequence order per direction: retransmitted bytes
 * (behind the next expected sequence number) are skipped, gaps are fed
 * through (the recogniser resynchronises on the next line).
 *
 * Detectors hear of a recognised flow through their optional app
 * callback (sensor/detector.h), at most twice per flow: when the
 * protocol is first recognised, and when the recogniser has finished
 * (nothing more to learn, or the flow ended). nj_app_ev_final() tells
 * the two apart. If both happen on the same segment, the detectors are
 * still called twice, first with final false.
 */
#ifndef NJ_APP_PATH_H
#define NJ_APP_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "decoders/app.h"
#include "decoders/packet.h"
#include "sensor/flow.h"

struct nj_sensor;
struct nj_app_path;

#define NJ_APP_PATH_CAP_DEFAULT 16384

struct nj_app_path_stats {
	uint64_t started;     /* flows given an entry */
	uint64_t recognised;  /* flows with a verdict other than none */
	uint64_t none;        /* flows no recogniser claimed */
	uint64_t evicted;     /* entries pushed out by the cap (oldest) */
	uint64_t retrans;     /* segments skipped as already fed */
	uint64_t trimmed;     /* segments partly fed (overlap) */
	uint64_t active, peak;
};

/* A table for at most cap flows under recognition; NULL on no memory. */
struct nj_app_path *nj_app_path_new(size_t cap);
void nj_app_path_free(struct nj_app_path *ap);

/*
 * The per-packet call (sensor.c): feeds the TCP payload of p, travelling
 * in direction dir of flow, to the flow's recognisers and calls the
 * detectors' app callbacks on a verdict. Does nothing for flow NULL,
 * non-TCP, empty payload, or a flow whose recognition is over.
 */
void nj_app_path_packet(struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir);
/*
 * A flow ends: a recognised flow's final app callback, then its entry is
 * freed. Call before the detectors' flow_end (they may read flow->app).
 */
void nj_app_path_flow_end(struct nj_sensor *s, const struct nj_flow *flow);

/*
 * What the detectors' app callback receives is the ev member of this
 * (first, so that nj_app_ev_final can find final): tests build one.
 */
struct nj_app_flow {
	struct nj_app_evidence ev;
	bool final;           /* the recogniser has finished */
};

/*
 * The evidence gathered so far for a flow still being recognised or
 * followed (after its first app callback, before its final one), or
 * NULL. For a detector that wants to report before the recogniser has
 * finished (a long IRC session), from its packet callback.
 */
const struct nj_app_evidence *nj_app_path_evidence(
    const struct nj_app_path *ap, const struct nj_flow *flow);

/* True on the app callback made when the recogniser has finished. */
bool nj_app_ev_final(const struct nj_app_evidence *ev);

/*
 * True when the recognisers read the flow's payload and none of them
 * claimed it (it is none of IRC, SMTP, POP3, IMAP, SSH). Meaningful at
 * flow end, for flows that carried payload.
 */
bool nj_app_flow_unclaimed(const struct nj_flow *f);

/*
 * The client and server of a recognised flow: from the content when the
 * recogniser decided it (ev->client_known), else the flow's initiator.
 * *server_port is the server side's port. Returns true when the client
 * is not the flow's initiator.
 */
bool nj_app_endpoints(const struct nj_flow *f,
    const struct nj_app_evidence *ev, const struct nj_addr **client,
    const struct nj_addr **server, uint16_t *server_port);

/* The nj_app tag (sensor/flow.h) of a recogniser's protocol. */
enum nj_app nj_app_tag(enum nj_app_proto proto);

void nj_app_path_get_stats(const struct nj_app_path *ap,
    struct nj_app_path_stats *st);
/* "app.<counter> value" lines. */
void nj_app_path_stats(const struct nj_app_path *ap, FILE *out);

#endif
