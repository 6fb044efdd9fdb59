/*
 * det_dns_resolver.c - dns-unsanctioned-resolver: a local host, not one
 * of the sanctioned resolvers, sending DNS (RFC 1035) to a server that
 * is not a sanctioned resolver: on port 53, on any other port where the
 * DNS path recognised DNS, or sending to port 53 something that is not
 * DNS at all (a tunnel or a covert channel using the open port). One
 * alert per (host, server), raised a window after the first query so
 * that it carries the count, the ports and sample names.
 *
 * Without hosts.resolvers the detector cannot know the sanctioned
 * resolvers. It then takes every local server as sanctioned and reports
 * a local host querying an outside server only when that host has also
 * been seen using a local resolver: a host configured with the site's
 * resolver that also asks outside is what malware with a hard-coded
 * resolver looks like, while a host (or a whole network) that always
 * asks an outside resolver is how it was set up. It says so once.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "decoders/dns.h"
#include "policy/policy.h"
#include "sensor/alert.h"
#include "sensor/det_dns.h"
#include "sensor/dnsdet.h"
#include "sensor/dnsname.h"
#include "sensor/ktab.h"
#include "sensor/log.h"
#include "sensor/sensor.h"

#define DET "dns-unsanctioned-resolver"
#define NSAMPLES 3
#define NPORTS 4
#define IDLE NJ_SEC(86400) /* a pair idle this long is forgotten */

struct key {
	struct nj_addr client, server;
};

struct pair {
	nj_time_t first, last;
	uint32_t queries;          /* DNS queries */
	uint32_t not_dns;          /* packets to port 53 that are not DNS */
	uint16_t ports[NPORTS];    /* server ports used, first few */
	uint8_t nports, proto;
	bool alerted, done;        /* reported, or judged and dropped */
	uint8_t nsamples;
	char sample[NSAMPLES][NJ_DNS_NAME_MAX];
};

struct st {
	struct nj_dnsdet_base b;   /* first: see dnsdet.h */
	struct nj_resolver_conf conf;
	struct nj_sensor *s;       /* for reports on eviction */
	struct nj_ktab *local_users; /* no list: hosts seen asking a local server */
	bool said;                 /* the no-policy notice was logged */
	nj_time_t last_walk;       /* packet time of the last report walk */
	uint64_t queries, not_dns, alerts, unjudged;
};

void
nj_resolver_conf(const struct nj_policy *p, struct nj_resolver_conf *c)
{
	c->window = NJ_SEC(nj_policy_threshold(p, DET, "window", 300));
}

static bool
sanctioned(const struct nj_policy *pol, const struct nj_addr *server)
{
	if (nj_policy_role_configured(pol, NJ_ROLE_RESOLVER))
		return nj_policy_has_role(pol, NJ_ROLE_RESOLVER, server);
	return nj_policy_is_local(pol, server);
}

/* A local host that may ask anyone: a resolver, listed or (no list) seen. */
static bool
is_resolver(struct st *st, const struct nj_policy *pol,
    const struct nj_addr *a)
{
	if (nj_policy_role_configured(pol, NJ_ROLE_RESOLVER))
		return nj_policy_has_role(pol, NJ_ROLE_RESOLVER, a);
	return nj_dns_servers_is(&st->b.servers, pol, a);
}

static const struct nj_policy *
policy(struct st *st, struct nj_sensor *s)
{
	const struct nj_policy *pol;
	bool changed;

	st->s = s;
	pol = nj_dnsdet_policy(&st->b, s, &changed);
	if (changed) {
		nj_resolver_conf(pol, &st->conf);
		if (!st->said && !nj_policy_role_configured(pol,
		    NJ_ROLE_RESOLVER)) {
			log_info("%s: no hosts.resolvers in the policy: local "
			    "servers are taken as sanctioned, and hosts asking "
			    "outside servers are reported once a local "
			    "resolver is seen", DET);
			st->said = true;
		}
	}
	return pol;
}

static void
report(struct st *st, struct nj_sensor *s, const struct key *k,
    struct pair *e)
{
	const struct nj_policy *pol;
	struct nj_alert a;
	char srv[NJ_ADDRSTRLEN], port[8];
	int i;

	if (e->alerted || e->done || s == NULL)
		return;
	pol = policy(st, s);
	if (!nj_policy_role_configured(pol, NJ_ROLE_RESOLVER) &&
	    (nj_dns_servers_is(&st->b.servers, pol, &k->client) ||
	    nj_ktab_get(st->local_users, &k->client, false, NULL) == NULL)) {
		e->done = true;
		st->unjudged++;
		return;
	}
	nj_alert_init(&a, DET, NJ_SEV_MEDIUM, e->first);
	nj_alert_tuple(&a, &k->client, 0, &k->server, e->ports[0], e->proto);
	nj_addr_str(&k->server, srv, sizeof(srv));
	if (e->queries > 0)
		nj_alert_sig(&a, "DNS to an unsanctioned resolver: %u queries "
		    "to %s port %u%s", e->queries, srv, e->ports[0],
		    e->not_dns ? ", and traffic to port 53 that is not DNS" :
		    "");
	else
		nj_alert_sig(&a, "Traffic to DNS port 53 of %s that is not "
		    "DNS: %u packets", srv, e->not_dns);
	nj_alert_uint(&a, "queries", e->queries);
	nj_alert_uint(&a, "not_dns", e->not_dns);
	for (i = 0; i < e->nports; i++) {
		snprintf(port, sizeof(port), "%u", e->ports[i]);
		nj_alert_list(&a, "ports", port);
	}
	nj_alert_time(&a, "first", e->first);
	nj_alert_time(&a, "last", e->last);
	nj_alert_bool(&a, "resolvers_listed",
	    nj_policy_role_configured(pol, NJ_ROLE_RESOLVER));
	for (i = 0; i < e->nsamples; i++)
		nj_alert_list(&a, "samples", e->sample[i]);
	nj_alert_emit(s, &a);
	e->alerted = true;
	st->alerts++;
}

static void
evicted(void *ctx, const void *key, void *val)
{
	struct st *st = ctx;

	report(st, st->s, key, val);
}

static struct pair *
pair_get(struct st *st, const struct nj_addr *client,
    const struct nj_addr *server, uint16_t port, uint8_t proto, nj_time_t ts)
{
	struct key k;
	struct pair *e;
	bool created;
	int i;

	memset(&k, 0, sizeof(k));
	k.client = *client;
	k.server = *server;
	if ((e = nj_ktab_get(st->b.t, &k, true, &created)) == NULL)
		return NULL;
	if (created) {
		e->first = ts;
		e->proto = proto;
	}
	e->last = ts;
	for (i = 0; i < e->nports && e->ports[i] != port; i++)
		;
	if (i == e->nports && e->nports < NPORTS)
		e->ports[e->nports++] = port;
	return e;
}

static void
res_dns(void *arg, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir, const struct nj_dns_msg *m)
{
	struct st *st = arg;
	const struct nj_policy *pol;
	struct nj_dns_view v;
	struct pair *e;

	(void)flow;
	(void)dir;
	if (!nj_dns_view(p, m, &v))
		return;
	pol = policy(st, s);
	if (!st->b.enabled)
		return;
	nj_dns_servers_note(&st->b.servers, pol, &v);
	if (!v.query || !nj_policy_is_local(pol, &v.client) ||
	    is_resolver(st, pol, &v.client))
		return;
	if (sanctioned(pol, &v.server)) {
		if (!nj_policy_role_configured(pol, NJ_ROLE_RESOLVER))
			(void)nj_ktab_get(st->local_users, &v.client, true,
			    NULL);
		return;
	}
	if ((e = pair_get(st, &v.client, &v.server, v.sport, v.proto,
	    p->ts)) == NULL)
		return;
	st->queries++;
	e->queries++;
	if (e->nsamples < NSAMPLES && !nj_dns_name_ignored(m->qname))
		memcpy(e->sample[e->nsamples++], m->qname, sizeof(m->qname));
}

/*
 * Is this payload to port 53 DNS? A flow the recognisers named as
 * another protocol (SSH, IRC, ...) is not. UDP: one message. TCP: a
 * two-byte length then the message (RFC 1035 4.2.2); a segment holding
 * only part of a message cannot be judged and counts as DNS.
 */
static bool
looks_dns(const struct nj_packet *p, const struct nj_flow *flow)
{
	struct nj_dns_msg m;
	size_t len;

	if (flow != NULL && flow->app != NJ_FLOW_APP_UNKNOWN &&
	    flow->app != NJ_FLOW_APP_DNS)
		return false;
	if (p->proto == IPPROTO_UDP)
		return nj_dns_parse(p->payload, p->payload_len, &m, NULL) ==
		    NJ_DECODE_OK;
	if (p->payload_len < 2)
		return true;
	len = (size_t)p->payload[0] << 8 | p->payload[1];
	if (len < 12)
		return false;
	if (len > p->payload_len - 2)
		return true;
	return nj_dns_parse(p->payload + 2, len, &m, NULL) == NJ_DECODE_OK;
}

static void
res_packet(void *arg, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir)
{
	struct st *st = arg;
	const struct nj_policy *pol;
	struct pair *e;

	(void)dir;
	if (!p->l4 || p->dport != 53 || p->payload_len == 0 ||
	    (p->proto != IPPROTO_UDP && p->proto != IPPROTO_TCP) ||
	    nj_addr_multicast(&p->dst))
		return;
	pol = policy(st, s);
	if (!st->b.enabled || !nj_policy_is_local(pol, &p->src) ||
	    sanctioned(pol, &p->dst) ||
	    is_resolver(st, pol, &p->src) || looks_dns(p, flow))
		return;
	if ((e = pair_get(st, &p->src, &p->dst, 53, p->proto, p->ts)) == NULL)
		return;
	st->not_dns++;
	e->not_dns++;
}

struct walk {
	struct st *st;
	struct nj_sensor *s;
	nj_time_t now;
	bool all;
};

static bool
due(void *arg, const void *key, void *val)
{
	struct walk *w = arg;
	struct pair *e = val;

	if (w->all || w->now >= e->first + w->st->conf.window)
		report(w->st, w->s, key, e);
	return w->now >= e->last + IDLE;
}

static void
res_tick(void *arg, struct nj_sensor *s, nj_time_t now)
{
	struct st *st = arg;
	struct walk w = { st, s, now, false };

	/* Every 10 s of packet time is soon enough to report. */
	if (now < st->last_walk + NJ_SEC(10))
		return;
	st->last_walk = now;
	st->s = s;
	nj_ktab_walk(st->b.t, due, &w);
}

static void
res_finish(void *arg, struct nj_sensor *s, nj_time_t now)
{
	struct st *st = arg;
	struct walk w = { st, s, now, true };

	st->s = s;
	nj_ktab_walk(st->b.t, due, &w);
}

static void *
res_init(struct nj_sensor *s)
{
	struct st *st;

	if ((st = nj_dnsdet_new(DET, sizeof(*st), NJ_RESOLVER_CAP,
	    sizeof(struct key), sizeof(struct pair), evicted, false)) == NULL)
		return NULL;
	if ((st->local_users = nj_ktab_new(NJ_RESOLVER_CAP * 16,
	    sizeof(struct nj_addr), 1, NULL, NULL)) == NULL) {
		nj_dnsdet_free(st);
		return NULL;
	}
	st->s = s;
	nj_resolver_conf(st->b.def, &st->conf);
	return st;
}

static void
res_stats(void *arg, FILE *out)
{
	struct st *st = arg;
	struct nj_ktab_stats ks;

	fprintf(out, DET ".queries %llu\n" DET ".not_dns %llu\n"
	    DET ".alerts %llu\n" DET ".unjudged %llu\n",
	    (unsigned long long)st->queries, (unsigned long long)st->not_dns,
	    (unsigned long long)st->alerts, (unsigned long long)st->unjudged);
	nj_dnsdet_table_stats(&st->b, out);
	nj_ktab_stats(st->local_users, &ks);
	fprintf(out, DET ".local_users %llu\n" DET ".local_users_evicted "
	    "%llu\n", (unsigned long long)ks.entries,
	    (unsigned long long)ks.evicted);
}

static void
res_fini(void *arg)
{
	struct st *st = arg;

	if (st != NULL)
		nj_ktab_free(st->local_users);
	nj_dnsdet_free(st);
}

const struct nj_detector nj_det_dns_resolver = {
	.name = DET,
	.init = res_init,
	.packet = res_packet,
	.dns = res_dns,
	.tick = res_tick,
	.finish = res_finish,
	.stats = res_stats,
	.fini = res_fini,
};
