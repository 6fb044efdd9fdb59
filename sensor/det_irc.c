/*
 * det_irc.c - outbound-irc: a local host speaks IRC, as the client, to
 * an outside server (seed 004: a compromised web server joins a botnet
 * channel). Recognised by the protocol on any port, or by the usual IRC
 * ports alone when the payload says nothing (a SYN that went unanswered,
 * TLS on 6697) at low severity.
 *
 * When: the recogniser follows an IRC session for up to 60 kB, which a
 * quiet bot may take hours to send, so the alert does not wait for it
 * to finish: it goes out once the client has joined a channel, or
 * PENDING_WAIT of packet time after the protocol was recognised,
 * whichever comes first (the flows waiting are kept in a small table;
 * when it is full the oldest is reported at once), or when the
 * recogniser finishes or the flow ends if that is sooner.
 *
 * Severity: high when the client is a no_egress host or was contacted
 * from outside shortly before (detectors.outbound-irc.inbound_window,
 * default 1 h, packet time): the exploit-then-bot pattern; medium for a
 * workstation speaking IRC; low for a port alone.
 */
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"
#include "sensor/addr_table.h"
#include "sensor/alert.h"
#include "sensor/app_path.h"
#include "sensor/det_egress.h"
#include "sensor/detector.h"
#include "sensor/sensor.h"

#define KIND "outbound-irc"
#define INBOUND_CAP 4096
#define INBOUND_WINDOW_DEFAULT 3600.0
#define PENDING_CAP 64
#define PENDING_WAIT NJ_SEC(30)

/* An outbound IRC flow recognised and not finished. */
struct pending {
	const struct nj_flow *flow;   /* NULL: free slot */
	nj_time_t since;
	bool reported;
};

struct irc {
	struct nj_addr_table *inbound; /* local host -> last outside contact */
	struct pending pend[PENDING_CAP];
	uint64_t by_protocol, by_port, ignored, pending_evicted;
};

bool
nj_irc_port(uint16_t port)
{
	return (port >= 6660 && port <= 6669) || port == 6697 || port == 7000;
}

static void *
irc_init(struct nj_sensor *s)
{
	struct irc *d;

	(void)s;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	if ((d->inbound = nj_addr_table_new(INBOUND_CAP)) == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

static void
irc_fini(void *st)
{
	struct irc *d = st;

	nj_addr_table_free(d->inbound);
	free(d);
}

static void report_flow(struct irc *, struct nj_sensor *, struct nj_flow *,
    const struct nj_app_evidence *);
static struct pending *pending_find(struct irc *, const struct nj_flow *);

/* A waiting flow reports once a channel is joined or the wait is over. */
static void
pending_packet(struct irc *d, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow)
{
	const struct nj_app_evidence *ev;
	struct pending *w;

	if ((w = pending_find(d, flow)) == NULL || w->reported ||
	    (ev = nj_app_path_evidence(s->app, flow)) == NULL)
		return;
	if (ev->nchannels > 0 || p->ts >= w->since + PENDING_WAIT) {
		w->reported = true;
		report_flow(d, s, flow, ev);
	}
}

/*
 * Remembers local hosts that answered a connection from outside, and
 * reports IRC flows that have waited long enough.
 */
static void
irc_packet(void *st, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir)
{
	struct irc *d = st;
	struct nj_addr_val *v;
	bool created;

	if (flow != NULL && flow->app == NJ_FLOW_APP_IRC)
		pending_packet(d, s, p, flow);
	if (flow == NULL || dir != 1 || flow->pkts[1] != 1 ||
	    flow->state == NJ_FLOW_REJECTED || s->policy == NULL ||
	    nj_policy_is_local(s->policy, &flow->orig) ||
	    !nj_policy_is_local(s->policy, &flow->resp))
		return;
	v = nj_addr_table_put(d->inbound, &flow->resp, s->now, &created);
	v->t = flow->first;
	v->peer = flow->orig;
	v->port = flow->resp_port;
}

/*
 * The outside contact of client within the window before t, or NULL.
 */
static const struct nj_addr_val *
inbound_before(struct irc *d, struct nj_sensor *s, const struct nj_addr *client,
    nj_time_t t)
{
	const struct nj_addr_val *v;
	double w;

	if ((v = nj_addr_table_get(d->inbound, client)) == NULL)
		return NULL;
	w = nj_policy_threshold(s->policy, KIND, "inbound_window",
	    INBOUND_WINDOW_DEFAULT);
	if (v->t > t || t - v->t > (nj_time_t)(w * NJ_USEC_PER_SEC))
		return NULL;
	return v;
}

/* True when channel i repeats an earlier one (a JOIN sent twice). */
static bool
seen_before(const struct nj_app_evidence *ev, unsigned i)
{
	unsigned j;

	for (j = 0; j < i; j++)
		if (strcmp(ev->channels[j], ev->channels[i]) == 0)
			return true;
	return false;
}

/* Builds and emits the alert (ev NULL: the port alone). */
static void
report(struct irc *d, struct nj_sensor *s, const struct nj_flow *f,
    const struct nj_addr *client, const struct nj_addr *server,
    uint16_t sport, uint16_t dport, const struct nj_app_evidence *ev)
{
	const struct nj_addr_val *in;
	struct nj_alert a;
	char cb[NJ_ADDRSTRLEN], sb[NJ_ADDRSTRLEN], ib[NJ_ADDRSTRLEN];
	bool server_role;
	int sev;
	unsigned i;

	server_role = nj_policy_has_role(s->policy, NJ_ROLE_NO_EGRESS, client);
	in = inbound_before(d, s, client, f->first);
	if (ev == NULL)
		sev = NJ_SEV_LOW;
	else if (server_role || in != NULL)
		sev = NJ_SEV_HIGH;
	else
		sev = NJ_SEV_MEDIUM;
	nj_alert_init(&a, KIND, sev, f->first);
	nj_alert_tuple(&a, client, sport, server, dport, IPPROTO_TCP);
	nj_addr_str(client, cb, sizeof(cb));
	nj_addr_str(server, sb, sizeof(sb));
	if (ev != NULL)
		nj_alert_sig(&a, "%s%s speaks IRC to %s port %u%s%s%s%s",
		    server_role ? "no-egress server " : "", cb, sb, dport,
		    ev->nick[0] ? " as " : "", ev->nick,
		    ev->nchannels ? " in " : "",
		    ev->nchannels ? ev->channels[0] : "");
	else
		nj_alert_sig(&a, "%s connects to %s on IRC port %u "
		    "(protocol not seen)", cb, sb, dport);
	nj_alert_uint(&a, "port", dport);
	nj_alert_bool(&a, "by_port", nj_irc_port(dport));
	nj_alert_bool(&a, "by_protocol", ev != NULL);
	nj_alert_bool(&a, "confirmed", ev != NULL && ev->confirmed);
	nj_alert_bool(&a, "server_role", server_role);
	if (ev != NULL) {
		if (ev->nick[0] != '\0')
			nj_alert_str(&a, "nick", ev->nick);
		if (ev->user[0] != '\0')
			nj_alert_str(&a, "user", ev->user);
		for (i = 0; i < ev->nchannels && i < NJ_APP_CHANNELS; i++)
			if (!seen_before(ev, i))
				nj_alert_list(&a, "channels", ev->channels[i]);
		if (ev->nchannels > 0)
			nj_alert_str(&a, "channel", ev->channels[0]);
		if (ev->server[0] != '\0')
			nj_alert_str(&a, "server", ev->server);
		nj_alert_bool(&a, "client_from_content", ev->client_known);
	}
	nj_alert_bool(&a, "midstream", f->initiator_inferred);
	nj_alert_str(&a, "state", nj_flow_state_name(f->state));
	nj_alert_uint(&a, "bytes_out", f->bytes[0]);
	nj_alert_uint(&a, "bytes_in", f->bytes[1]);
	if (in != NULL) {
		nj_alert_str(&a, "inbound_from", nj_addr_str(&in->peer, ib,
		    sizeof(ib)));
		nj_alert_uint(&a, "inbound_port", in->port);
		nj_alert_time(&a, "inbound_at", in->t);
	}
	nj_alert_emit(s, &a);
}

/* Outbound: the client is local and the server is not. */
static bool
outbound(struct nj_sensor *s, const struct nj_addr *client,
    const struct nj_addr *server)
{
	return nj_policy_is_local(s->policy, client) &&
	    !nj_policy_is_local(s->policy, server);
}

static struct pending *
pending_find(struct irc *d, const struct nj_flow *flow)
{
	size_t i;

	for (i = 0; i < PENDING_CAP; i++)
		if (d->pend[i].flow == flow)
			return &d->pend[i];
	return NULL;
}

/* Client, server and ports of an outbound IRC flow, then the alert. */
static void
report_flow(struct irc *d, struct nj_sensor *s, struct nj_flow *flow,
    const struct nj_app_evidence *ev)
{
	const struct nj_addr *client, *server;
	uint16_t port;
	bool swap;

	swap = nj_app_endpoints(flow, ev, &client, &server, &port);
	d->by_protocol++;
	report(d, s, flow, client, server, swap ? flow->resp_port :
	    flow->orig_port, port, ev);
}

/* Keeps a recognised flow waiting; when full, the oldest reports now. */
static struct pending *
pending_add(struct irc *d, struct nj_sensor *s, struct nj_flow *flow)
{
	const struct nj_app_evidence *ev;
	struct pending *w, *old = NULL;
	size_t i;

	if ((w = pending_find(d, NULL)) == NULL) {
		for (i = 0; i < PENDING_CAP; i++)
			if (old == NULL || d->pend[i].since < old->since)
				old = &d->pend[i];
		d->pending_evicted++;
		if (!old->reported && (ev = nj_app_path_evidence(s->app,
		    old->flow)) != NULL)
			report_flow(d, s, (struct nj_flow *)(uintptr_t)old->flow,
			    ev);
		w = old;
	}
	w->flow = flow;
	w->since = s->now;
	w->reported = false;
	return w;
}

static void
irc_app(void *st, struct nj_sensor *s, struct nj_flow *flow,
    const struct nj_app_evidence *ev)
{
	struct irc *d = st;
	const struct nj_addr *client, *server;
	struct pending *w;
	uint16_t port;
	bool reported = false;

	if (ev->proto != NJ_APP_IRC)
		return;
	if ((w = pending_find(d, flow)) != NULL) {
		reported = w->reported;
		w->flow = NULL;
	}
	if (reported || s->policy == NULL ||
	    !nj_policy_detector_enabled(s->policy, KIND, true))
		return;
	nj_app_endpoints(flow, ev, &client, &server, &port);
	if (!outbound(s, client, server)) {
		if (nj_app_ev_final(ev))
			d->ignored++;
		return;
	}
	if (nj_app_ev_final(ev)) {
		report_flow(d, s, flow, ev);
		return;
	}
	/* Remembered even when reported now, so that final stays quiet. */
	w = pending_add(d, s, flow);
	if (ev->nchannels > 0) {
		w->reported = true;
		report_flow(d, s, flow, ev);
	}
}

/* An IRC port with nothing recognised on it, at the flow's end. */
static void
irc_flow_end(void *st, struct nj_sensor *s, const struct nj_flow *f)
{
	struct irc *d = st;

	if (f->proto != IPPROTO_TCP || !nj_irc_port(f->resp_port) ||
	    f->app != NJ_FLOW_APP_UNKNOWN || s->policy == NULL ||
	    !outbound(s, &f->orig, &f->resp) ||
	    !nj_policy_detector_enabled(s->policy, KIND, true))
		return;
	d->by_port++;
	report(d, s, f, &f->orig, &f->resp, f->orig_port, f->resp_port, NULL);
}

static void
irc_stats(void *st, FILE *out)
{
	struct irc *d = st;

	fprintf(out, "outbound_irc.by_protocol %llu\n",
	    (unsigned long long)d->by_protocol);
	fprintf(out, "outbound_irc.by_port %llu\n",
	    (unsigned long long)d->by_port);
	fprintf(out, "outbound_irc.not_outbound %llu\n",
	    (unsigned long long)d->ignored);
	fprintf(out, "outbound_irc.pending_evicted %llu\n",
	    (unsigned long long)d->pending_evicted);
	fprintf(out, "outbound_irc.inbound_hosts %zu\n",
	    nj_addr_table_count(d->inbound));
	fprintf(out, "outbound_irc.inbound_evicted %llu\n",
	    (unsigned long long)nj_addr_table_evicted(d->inbound));
}

const struct nj_detector nj_det_irc = {
	.name = KIND,
	.init = irc_init,
	.packet = irc_packet,
	.app = irc_app,
	.flow_end = irc_flow_end,
	.stats = irc_stats,
	.fini = irc_fini,
};
