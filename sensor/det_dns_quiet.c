/*
 * det_dns_quiet.c - dns-quiet-host: a host that rarely asks DNS (a
 * server) starts asking. "While there's nothing suspect from a machine
 * that does tens of thousands DNS requests a day, one that does 10
 * might be suspect" (seed 002). Each host's queries per hour are
 * learned over packet time (detectors.dns-quiet-host.learn) and kept
 * across restarts in dns.baseline_file; a host is quiet when its
 * busiest learned hour stayed under max_baseline, or at once when the
 * policy lists it under hosts.no_egress. It is reported when an hour's
 * queries reach max(min_queries, factor x its busiest hour).
 *
 * Not counted: resolvers (listed or learned) and mail relays, whose
 * recursion and MX lookups are their job; reverse lookups; link-local
 * names. Hosts are known from their first flow, so a server silent on
 * DNS still has a baseline (of zero).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"
#include "sensor/alert.h"
#include "sensor/det_dns.h"
#include "sensor/dnsdet.h"
#include "sensor/dnsname.h"
#include "sensor/hostbaseline.h"
#include "sensor/log.h"
#include "sensor/sensor.h"

#define DET "dns-quiet-host"

struct st {
	struct nj_dnsdet_base b;   /* first: see dnsdet.h */
	struct nj_hostbaseline *hb;
	struct nj_quiet_conf conf;
	char *loaded;              /* the file read (once), owned */
	uint64_t hour;             /* packet hour of the last save */
	uint64_t queries, alerts;
};

void
nj_quiet_conf(const struct nj_policy *p, struct nj_quiet_conf *c)
{
	c->learn = NJ_SEC(nj_policy_threshold(p, DET, "learn", 7 * 86400));
	c->min_queries = nj_policy_threshold(p, DET, "min_queries", 3);
	c->factor = nj_policy_threshold(p, DET, "factor", 10);
	c->max_baseline = nj_policy_threshold(p, DET, "max_baseline", 20);
}

uint32_t
nj_quiet_threshold(const struct nj_quiet_conf *c, uint32_t peak)
{
	double t = c->factor * peak;

	if (t < c->min_queries)
		t = c->min_queries;
	if (t < 1)
		t = 1;
	return t > UINT32_MAX ? UINT32_MAX : (uint32_t)t;
}

static const struct nj_policy *
policy(struct st *st, const struct nj_sensor *s)
{
	const struct nj_policy *pol;
	const char *path;
	bool changed;

	pol = nj_dnsdet_policy(&st->b, s, &changed);
	if (!changed)
		return pol;
	nj_quiet_conf(pol, &st->conf);
	path = nj_policy_string(pol, "dns.baseline_file");
	/* Read the state once, the first time a policy names a file. */
	if (path != NULL && st->loaded == NULL) {
		if ((st->loaded = strdup(path)) == NULL)
			return pol;
		if (nj_hb_load(st->hb, path, stderr) != 0)
			log_warnx("%s: the baseline state is unusable; starting "
			    "with an empty baseline", DET);
	}
	return pol;
}

static void
emit(struct st *st, struct nj_sensor *s, const struct nj_addr *host,
    const struct nj_dns_view *v, struct nj_hb_host *h, bool by_policy,
    nj_time_t now)
{
	struct nj_alert a;
	uint64_t hours = nj_hb_hours(h, now);
	int i;

	nj_alert_init(&a, DET, NJ_SEV_MEDIUM, now);
	nj_alert_tuple(&a, host, 0, &v->server, v->sport, v->proto);
	nj_alert_sig(&a, "A quiet host is asking DNS: %u queries this hour, "
	    "its busiest hour in %llu h of baseline had %u", h->cur,
	    (unsigned long long)hours, h->peak);
	nj_alert_uint(&a, "queries", h->cur);
	nj_alert_time(&a, "hour", (nj_time_t)h->hour * NJ_HB_HOUR);
	nj_alert_uint(&a, "baseline_peak", h->peak);
	nj_alert_dbl(&a, "baseline_mean", hours > 0 ?
	    (double)h->total / (double)hours : 0);
	nj_alert_uint(&a, "baseline_hours", hours);
	nj_alert_time(&a, "first_seen", h->first_seen);
	nj_alert_str(&a, "quiet_by", by_policy ? "policy" : "baseline");
	for (i = 0; i < h->nsamples; i++)
		nj_alert_list(&a, "names", h->sample[i]);
	nj_alert_emit(s, &a);
	h->alerted = true;
	st->alerts++;
}

static void
q_dns(void *arg, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir, const struct nj_dns_msg *m)
{
	struct st *st = arg;
	const struct nj_policy *pol;
	struct nj_dns_view v;
	struct nj_hb_host *h;
	bool by_policy, learned;

	(void)flow;
	(void)dir;
	if (!nj_dns_view(p, m, &v))
		return;
	pol = policy(st, s);
	if (!st->b.enabled)
		return;
	nj_dns_servers_note(&st->b.servers, pol, &v);
	if (!v.query || nj_dns_name_ignored(m->qname) ||
	    !nj_policy_is_local(pol, &v.client) ||
	    nj_dns_servers_is(&st->b.servers, pol, &v.client) ||
	    nj_policy_has_role(pol, NJ_ROLE_MAIL_RELAY, &v.client))
		return;
	if ((h = nj_hb_get(st->hb, &v.client, true, p->ts)) == NULL)
		return;
	st->queries++;
	nj_hb_count(h, m->qname);
	if (h->alerted)
		return;
	by_policy = nj_policy_has_role(pol, NJ_ROLE_NO_EGRESS, &v.client);
	learned = p->ts >= h->first_seen + st->conf.learn &&
	    h->peak <= st->conf.max_baseline;
	if ((by_policy || learned) &&
	    h->cur >= nj_quiet_threshold(&st->conf, h->peak))
		emit(st, s, &v.client, &v, h, by_policy, p->ts);
}

/* A new flow makes its local ends known hosts with a baseline of zero. */
static void
q_packet(void *arg, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir)
{
	struct st *st = arg;
	const struct nj_policy *pol;

	(void)dir;
	if (flow == NULL || flow->pkts[0] + flow->pkts[1] != 1)
		return;
	pol = policy(st, s);
	if (!st->b.enabled)
		return;
	if (nj_policy_is_local(pol, &flow->orig))
		(void)nj_hb_get(st->hb, &flow->orig, true, p->ts);
	if (nj_policy_is_local(pol, &flow->resp))
		(void)nj_hb_get(st->hb, &flow->resp, true, p->ts);
}

static void
save(struct st *st, const struct nj_policy *pol)
{
	const char *path = nj_policy_string(pol, "dns.baseline_file");

	/* A switched-off detector learned nothing: keep the file as it is. */
	if (st->b.enabled && path != NULL && nj_hb_save(st->hb, path) != 0)
		log_warn("%s: cannot write %s", DET, path);
}

static void
q_tick(void *arg, struct nj_sensor *s, nj_time_t now)
{
	struct st *st = arg;
	const struct nj_policy *pol = policy(st, s);

	/* Once an hour of packet time: a crash loses at most that. */
	if (now / NJ_HB_HOUR != st->hour) {
		if (st->hour != 0)
			save(st, pol);
		st->hour = now / NJ_HB_HOUR;
	}
}

static void
q_finish(void *arg, struct nj_sensor *s, nj_time_t now)
{
	struct st *st = arg;

	(void)now;
	save(st, policy(st, s));
}

static void *
q_init(struct nj_sensor *s)
{
	struct st *st;

	if ((st = nj_dnsdet_new(DET, sizeof(*st), 0, 0, 0, NULL, false)) ==
	    NULL)
		return NULL;
	if ((st->hb = nj_hb_new(NJ_QUIET_CAP)) == NULL) {
		nj_dnsdet_free(st);
		return NULL;
	}
	/* With the sensor's policy already set, the state is read now. */
	if (s != NULL && s->policy != NULL)
		(void)policy(st, s);
	else
		nj_quiet_conf(st->b.def, &st->conf);
	return st;
}

static void
q_stats(void *arg, FILE *out)
{
	struct st *st = arg;
	struct nj_hb_stats hs;

	nj_hb_stats(st->hb, &hs);
	fprintf(out, DET ".queries %llu\n" DET ".alerts %llu\n"
	    DET ".hosts %llu\n" DET ".cap %llu\n" DET ".evicted %llu\n"
	    DET ".loaded %llu\n" DET ".saved %llu\n" DET ".save_errors %llu\n",
	    (unsigned long long)st->queries, (unsigned long long)st->alerts,
	    (unsigned long long)hs.hosts, (unsigned long long)hs.cap,
	    (unsigned long long)hs.evicted, (unsigned long long)hs.loaded,
	    (unsigned long long)hs.saved, (unsigned long long)hs.save_errors);
	nj_dnsdet_table_stats(&st->b, out);
}

static void
q_fini(void *arg)
{
	struct st *st = arg;

	if (st == NULL)
		return;
	nj_hb_free(st->hb);
	free(st->loaded);
	nj_dnsdet_free(st);
}

const struct nj_detector nj_det_dns_quiet = {
	.name = DET,
	.init = q_init,
	.packet = q_packet,
	.dns = q_dns,
	.tick = q_tick,
	.finish = q_finish,
	.stats = q_stats,
	.fini = q_fini,
};
