/*
 * det_campaign.c - the `distributed-campaign` detector: many outside
 * sources, each making a few login attempts on the same local service,
 * over hours or days (seed 001, the Hail Mary Cloud). The engine is
 * campaign_state.c; this file decides what a login attempt is.
 *
 * An attempt is a TCP connection from outside to a local login service
 * (by port: FTP, SSH, telnet, POP3, IMAP, submission, their TLS forms,
 * RDP, VNC, databases) that failed, or that was short and small: over
 * within `session` (30 s) with little data each way - a login exchange
 * and a goodbye, not a mailbox download or a working shell. Port 25 is
 * left out: mail delivery from many servers a few times each is what a
 * mail host's port 25 looks like every day.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/alert.h"
#include "sensor/campaign_state.h"
#include "sensor/det_util.h"
#include "sensor/detector.h"
#include "sensor/sensor.h"

#define SESSION_MAX   NJ_SEC(30)
#define CLIENT_BYTES  4096   /* client to server, IP bytes */
#define SERVER_BYTES  8192   /* server to client */

struct det_campaign {
	struct nj_campaign_engine *eng;
	struct nj_sensor *s;
	bool enabled;
	uint64_t attempts;
};

static const char *
login_service(uint16_t port)
{
	static const uint16_t ports[] = { 21, 22, 23, 110, 143, 465, 587, 993,
		995, 1433, 3306, 3389, 5432, 5900 };
	size_t i;

	for (i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
		if (ports[i] == port)
			return nj_det_service(port);
	return NULL;
}

static void
campaign_alert(void *arg, const struct nj_campaign_report *r)
{
	struct det_campaign *d = arg;
	static const char *const phase[] = { "new", "update", "final" };
	char dst[NJ_ADDRSTRLEN], src[NJ_ADDRSTRLEN], item[NJ_ADDRSTRLEN + 16];
	char prof[NJ_ALERT_STR_MAX];
	struct nj_alert a;
	size_t off = 0;
	unsigned i;
	int n;

	nj_addr_str(&r->dst, dst, sizeof(dst));
	nj_alert_init(&a, "distributed-campaign", NJ_SEV_HIGH, r->last);
	nj_alert_tuple(&a, r->ntop > 0 ? &r->top[0].src : NULL, 0, &r->dst,
	    r->dport, r->proto);
	a.is_update = r->kind != NJ_CAMPAIGN_REPORT_NEW;
	nj_alert_sig(&a, "Distributed %s login campaign on %s:%u: %u sources, "
	    "%llu attempts, %.0f%% at :00-:02", r->service, dst, r->dport,
	    r->sources, (unsigned long long)r->attempts,
	    100 * r->first3_share);
	nj_alert_str(&a, "phase", phase[r->kind]);
	nj_alert_str(&a, "service", r->service);
	nj_alert_uint(&a, "sources", r->sources);
	nj_alert_uint(&a, "heavy_sources", r->heavy);
	nj_alert_uint(&a, "attempts", r->attempts);
	nj_alert_dbl(&a, "attempts_per_source", r->sources > 0 ?
	    (double)r->attempts / (double)r->sources : 0);
	nj_alert_time(&a, "first", r->first);
	nj_alert_time(&a, "last", r->last);
	nj_alert_dbl(&a, "first3_share", r->first3_share);
	/* The minute-of-hour profile: 60 counts, comma-separated. */
	prof[0] = '\0';
	for (i = 0; i < 60 && off < sizeof(prof); i++) {
		n = snprintf(prof + off, sizeof(prof) - off, "%s%u",
		    i ? "," : "", r->minute[i]);
		if (n < 0)
			break;
		off += (size_t)n;
	}
	nj_alert_str(&a, "minute_profile", prof);
	for (i = 0; i < r->ntop && i < 5; i++) {
		nj_addr_str(&r->top[i].src, src, sizeof(src));
		snprintf(item, sizeof(item), "%s (%u)", src, r->top[i].attempts);
		nj_alert_list(&a, "top_sources", item);
	}
	nj_alert_emit(d->s, &a);
}

static void *
campaign_init(struct nj_sensor *s)
{
	struct nj_campaign_cfg cfg;
	struct det_campaign *d;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	d->s = s;
	d->enabled = nj_det_enabled(s, "distributed-campaign");
	nj_campaign_cfg_default(&cfg);
	cfg.min_sources = (uint32_t)nj_det_threshold(s, "distributed-campaign",
	    "min_sources", cfg.min_sources);
	cfg.max_per_source = (uint32_t)nj_det_threshold(s,
	    "distributed-campaign", "max_per_source", cfg.max_per_source);
	cfg.window = nj_det_duration(s, "distributed-campaign", "window",
	    24 * 3600);
	if ((d->eng = nj_campaign_new(&cfg, NJ_DET_SEED ^ 0xca,
	    campaign_alert, d)) == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

/* A failed connection, or a short small session: a login attempt. */
static bool
is_attempt(const struct nj_flow *f)
{
	if (f->state == NJ_FLOW_ATTEMPTED || f->state == NJ_FLOW_REJECTED)
		return true;
	return f->last - f->first <= SESSION_MAX &&
	    f->bytes[0] <= CLIENT_BYTES && f->bytes[1] <= SERVER_BYTES;
}

static void
campaign_flow_end(void *st, struct nj_sensor *s, const struct nj_flow *f)
{
	struct det_campaign *d = st;
	struct nj_campaign_obs o;
	const char *svc;

	if (!d->enabled || f->proto != IPPROTO_TCP || f->initiator_inferred ||
	    (svc = login_service(f->resp_port)) == NULL || !is_attempt(f))
		return;
	if (!nj_det_is_local(s, &f->resp) || nj_det_is_local(s, &f->orig))
		return;
	memset(&o, 0, sizeof(o));
	o.ts = f->first;
	o.src = f->orig;
	o.dst = f->resp;
	o.dport = f->resp_port;
	o.proto = IPPROTO_TCP;
	o.service = svc;
	d->attempts++;
	nj_campaign_observe(d->eng, &o);
}

static void
campaign_tick(void *st, struct nj_sensor *s, nj_time_t now)
{
	(void)s;
	nj_campaign_tick(((struct det_campaign *)st)->eng, now);
}

static void
campaign_finish(void *st, struct nj_sensor *s, nj_time_t now)
{
	(void)s;
	nj_campaign_finish(((struct det_campaign *)st)->eng, now);
}

static void
campaign_stats(void *st, FILE *out)
{
	struct det_campaign *d = st;
	const struct nj_campaign_stats *x = nj_campaign_stats(d->eng);

	fprintf(out, "distributed-campaign.attempts %llu\n",
	    (unsigned long long)d->attempts);
	fprintf(out, "distributed-campaign.services %llu\n",
	    (unsigned long long)x->services_created);
	fprintf(out, "distributed-campaign.evicted %llu\n",
	    (unsigned long long)x->evicted);
	fprintf(out, "distributed-campaign.alerts %llu\n",
	    (unsigned long long)x->alerts);
}

static void
campaign_fini(void *st)
{
	struct det_campaign *d = st;

	nj_campaign_free(d->eng);
	free(d);
}

const struct nj_detector nj_det_campaign = {
	.name = "distributed-campaign",
	.init = campaign_init,
	.flow_end = campaign_flow_end,
	.tick = campaign_tick,
	.finish = campaign_finish,
	.stats = campaign_stats,
	.fini = campaign_fini,
};
