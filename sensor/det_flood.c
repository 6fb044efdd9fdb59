/*
 * det_flood.c - the `flood` detector: one source opening connections to
 * one service at a high rate, however they are answered (seed 000's
 * relay attempts). New TCP flows are attempts; their ends say how each
 * was answered. The engine is flood_state.c.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/alert.h"
#include "sensor/det_util.h"
#include "sensor/detector.h"
#include "sensor/flood_state.h"
#include "sensor/sensor.h"

struct det_flood {
	struct nj_flood_engine *eng;
	struct nj_sensor *s;
	bool enabled;
	double window_s;
};

static void
flood_alert(void *arg, const struct nj_flood_report *r)
{
	struct det_flood *d = arg;
	static const char *const phase[] = { "new", "update", "final" };
	const char *svc = nj_det_service(r->dport);
	char src[NJ_ADDRSTRLEN], dst[NJ_ADDRSTRLEN], port[16];
	struct nj_alert a;

	nj_addr_str(&r->src, src, sizeof(src));
	nj_addr_str(&r->dst, dst, sizeof(dst));
	snprintf(port, sizeof(port), "%u", r->dport);
	nj_alert_init(&a, "flood", r->outbound ? NJ_SEV_HIGH : NJ_SEV_MEDIUM,
	    r->last);
	nj_alert_tuple(&a, &r->src, 0, &r->dst, r->dport, r->proto);
	a.is_update = r->kind != NJ_FLOOD_REPORT_NEW;
	nj_alert_sig(&a, "%s%s connections from %s to %s:%u: %llu at %.3g/s "
	    "(%llu refused, %llu answered)", r->outbound ? "Outbound " : "",
	    svc != NULL ? svc : "TCP", src, dst, r->dport,
	    (unsigned long long)r->attempts, r->rate,
	    (unsigned long long)r->refused, (unsigned long long)r->answered);
	nj_alert_str(&a, "phase", phase[r->kind]);
	nj_alert_str(&a, "direction", r->outbound ? "outbound" : "inbound");
	nj_alert_str(&a, "service", svc != NULL ? svc : port);
	nj_alert_uint(&a, "attempts", r->attempts);
	nj_alert_uint(&a, "window_attempts", r->window_attempts);
	nj_alert_dbl(&a, "window", d->window_s);
	nj_alert_dbl(&a, "rate", r->rate);
	nj_alert_uint(&a, "refused", r->refused);
	nj_alert_uint(&a, "answered", r->answered);
	nj_alert_uint(&a, "errors", r->errors);
	nj_alert_uint(&a, "unanswered", r->unanswered);
	nj_alert_time(&a, "first", r->first);
	nj_alert_time(&a, "last", r->last);
	nj_alert_emit(d->s, &a);
}

static void *
flood_init(struct nj_sensor *s)
{
	struct nj_flood_cfg cfg;
	struct det_flood *d;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	d->s = s;
	d->enabled = nj_det_enabled(s, "flood");
	nj_flood_cfg_default(&cfg);
	cfg.rate = nj_det_threshold(s, "flood", "rate", cfg.rate);
	cfg.window = nj_det_duration(s, "flood", "window", 60);
	if (cfg.window < NJ_SEC(1))
		cfg.window = NJ_SEC(1);
	d->window_s = (double)cfg.window / 1e6;
	if ((d->eng = nj_flood_new(&cfg, NJ_DET_SEED ^ 0xf100d,
	    flood_alert, d)) == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

static void
flood_obs(struct det_flood *d, struct nj_sensor *s, nj_time_t ts,
    const struct nj_addr *src, const struct nj_addr *dst, uint16_t port,
    enum nj_flood_outcome oc)
{
	struct nj_flood_obs o;

	if (nj_det_loopback(dst))
		return;
	memset(&o, 0, sizeof(o));
	o.ts = ts;
	o.src = *src;
	o.dst = *dst;
	o.dport = port;
	o.proto = IPPROTO_TCP;
	o.outcome = (uint8_t)oc;
	if (oc == NJ_FLOOD_ATTEMPT)
		o.outbound = nj_det_is_local(s, src) && !nj_det_is_local(s, dst);
	nj_flood_observe(d->eng, &o);
}

static void
flood_packet(void *st, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *f, int dir)
{
	struct det_flood *d = st;

	(void)dir;
	if (!d->enabled || p->proto != IPPROTO_TCP || !p->l4 ||
	    (p->tcp_flags & (NJ_TH_SYN | NJ_TH_ACK | NJ_TH_RST)) != NJ_TH_SYN)
		return;
	/* A new connection: its first SYN (retransmissions are not new). */
	if (f == NULL || f->pkts[0] + f->pkts[1] == 1)
		flood_obs(d, s, p->ts, &p->src, &p->dst, p->dport,
		    NJ_FLOOD_ATTEMPT);
}

static void
flood_flow_end(void *st, struct nj_sensor *s, const struct nj_flow *f)
{
	struct det_flood *d = st;
	enum nj_flood_outcome oc;

	if (!d->enabled || f->proto != IPPROTO_TCP || f->initiator_inferred)
		return;
	if (f->state == NJ_FLOW_REJECTED)
		oc = NJ_FLOOD_REFUSED;
	else if (f->state == NJ_FLOW_ATTEMPTED)
		oc = NJ_FLOOD_UNANSWERED;
	else
		oc = NJ_FLOOD_ANSWERED;
	flood_obs(d, s, f->last, &f->orig, &f->resp, f->resp_port, oc);
}

static void
flood_tick(void *st, struct nj_sensor *s, nj_time_t now)
{
	(void)s;
	nj_flood_tick(((struct det_flood *)st)->eng, now);
}

static void
flood_finish(void *st, struct nj_sensor *s, nj_time_t now)
{
	(void)s;
	nj_flood_finish(((struct det_flood *)st)->eng, now);
}

static void
flood_stats(void *st, FILE *out)
{
	const struct nj_flood_stats *x =
	    nj_flood_stats(((struct det_flood *)st)->eng);

	fprintf(out, "flood.attempts %llu\n", (unsigned long long)x->attempts);
	fprintf(out, "flood.promoted %llu\n", (unsigned long long)x->promoted);
	fprintf(out, "flood.evicted %llu\n", (unsigned long long)x->evicted);
	fprintf(out, "flood.keys_peak %u\n", x->peak);
	fprintf(out, "flood.alerts %llu\n", (unsigned long long)x->alerts);
	fprintf(out, "flood.updates %llu\n", (unsigned long long)x->updates);
}

static void
flood_fini(void *st)
{
	struct det_flood *d = st;

	nj_flood_free(d->eng);
	free(d);
}

const struct nj_detector nj_det_flood = {
	.name = "flood",
	.init = flood_init,
	.packet = flood_packet,
	.flow_end = flood_flow_end,
	.tick = flood_tick,
	.finish = flood_finish,
	.stats = flood_stats,
	.fini = flood_fini,
};
