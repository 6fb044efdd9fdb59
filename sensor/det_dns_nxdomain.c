/*
 * det_dns_nxdomain.c - dns-nxdomain: a client getting many NXDOMAIN
 * answers (RFC 1035 RCODE 3) for distinct, random-looking names in a
 * short time: a domain generation algorithm looking for its command
 * server. One alert per client and window.
 *
 * Not counted: the resolvers' own recursion (listed or learned), mail
 * relays and MX lookups (spam carries made-up domains), reverse lookups
 * (scanners and loggers ask PTRs that do not exist), internal zones
 * (search-list suffixes fail all day), link-local names. Typos are few
 * and read as words; the count and the randomness share keep them out.
 */
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"
#include "sensor/alert.h"
#include "sensor/det_dns.h"
#include "sensor/dnsdet.h"
#include "sensor/dnsname.h"
#include "sensor/entropy.h"
#include "sensor/ktab.h"
#include "sensor/lincount.h"
#include "sensor/sensor.h"

#define DET "dns-nxdomain"
#define NSAMPLES 5

struct nx {
	nj_time_t first, last;          /* the window's first answer, last NX */
	uint32_t answers;               /* answers to the client in the window */
	uint32_t nx;                    /* of which NXDOMAIN */
	uint32_t nx_random;             /* NXDOMAIN names that look generated */
	struct nj_lincount names;       /* distinct NXDOMAIN names */
	struct nj_addr server;
	uint16_t sport;
	uint8_t proto;
	bool alerted;                   /* in this window */
	uint32_t reported;              /* nx when reported */
	uint8_t nsamples;
	char sample[NSAMPLES][NJ_DNS_NAME_MAX];
};

struct st {
	struct nj_dnsdet_base b;        /* first: see dnsdet.h */
	struct nj_nxdomain_conf conf;
	struct nj_sensor *s;            /* for updates from walks */
	uint64_t answers, nx, alerts;
};

void
nj_nxdomain_conf(const struct nj_policy *p, struct nj_nxdomain_conf *c)
{
	c->min_nxdomain = nj_policy_threshold(p, DET, "min_nxdomain", 20);
	c->ratio = nj_policy_threshold(p, DET, "ratio", 0.25);
	c->window = NJ_SEC(nj_policy_threshold(p, DET, "window", 300));
}

bool
nj_nxdomain_verdict(const struct nj_nxdomain_conf *c, uint32_t answers,
    uint32_t nx, uint64_t nx_distinct, uint32_t nx_random)
{
	return nx_distinct >= c->min_nxdomain && answers > 0 &&
	    (double)nx >= c->ratio * (double)answers && nx_random * 3 >= nx;
}

/*
 * A generated name hides its randomness in the label under the public
 * suffix ("kxjvqmbe.com") or, under a dynamic-DNS or free domain, in the
 * leftmost label; either may tell.
 */
bool
nj_nxdomain_name_random(const struct nj_psl *psl, const char *name)
{
	const char *dom = nj_dns_regdom(psl, name), *dot;
	size_t n;

	dot = strchr(dom, '.');
	n = dot != NULL ? (size_t)(dot - dom) : strlen(dom);
	if (nj_label_random(dom, n))
		return true;
	if (dom == name)
		return false;
	dot = strchr(name, '.');
	return dot != NULL && nj_label_random(name, (size_t)(dot - name));
}

static void
emit(struct st *st, struct nj_sensor *s, const struct nj_addr *client,
    struct nx *e, bool update)
{
	struct nj_alert a;
	uint64_t distinct = nj_lc_estimate(&e->names);
	int i;

	nj_alert_init(&a, DET, NJ_SEV_MEDIUM, e->last);
	a.is_update = update;
	nj_alert_tuple(&a, client, 0, &e->server, e->sport, e->proto);
	nj_alert_sig(&a, "NXDOMAIN storm: %u of %u answers NXDOMAIN in %.0f s, "
	    "%llu distinct names, %u random-looking (DGA?)", e->nx, e->answers,
	    (double)(e->last - e->first) / 1e6, (unsigned long long)distinct,
	    e->nx_random);
	nj_alert_uint(&a, "nxdomain", e->nx);
	nj_alert_uint(&a, "answers", e->answers);
	nj_alert_dbl(&a, "nxdomain_share", (double)e->nx / e->answers);
	nj_alert_uint(&a, "distinct_names", distinct);
	nj_alert_uint(&a, "random_names", e->nx_random);
	nj_alert_time(&a, "first", e->first);
	for (i = 0; i < e->nsamples; i++)
		nj_alert_list(&a, "samples", e->sample[i]);
	nj_alert_emit(s, &a);
	e->alerted = true;
	e->reported = e->nx;
	st->alerts++;
}

/* The window's totals, once it closes, when it went on after the alert. */
static void
flush(void *arg, const void *key, void *val)
{
	struct st *st = arg;
	struct nx *e = val;

	if (e->alerted && e->nx > e->reported && st->s != NULL)
		emit(st, st->s, key, e, true);
}

static void
nx_dns(void *arg, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir, const struct nj_dns_msg *m)
{
	struct st *st = arg;
	const struct nj_policy *pol;
	struct nj_dns_view v;
	struct nx *e;
	bool created, changed;

	(void)flow;
	(void)dir;
	if (!nj_dns_view(p, m, &v))
		return;
	st->s = s;
	pol = nj_dnsdet_policy(&st->b, s, &changed);
	if (!st->b.enabled)
		return;
	if (changed)
		nj_nxdomain_conf(pol, &st->conf);
	nj_dns_servers_note(&st->b.servers, pol, &v);
	if (v.query || nj_dns_name_ignored(m->qname) || m->qtype ==
	    NJ_DNS_T_MX || nj_dns_servers_is(&st->b.servers, pol, &v.client) ||
	    nj_policy_has_role(pol, NJ_ROLE_MAIL_RELAY, &v.client) ||
	    nj_policy_internal_zone(pol, m->qname))
		return;
	/* Only a client's own failures count; quiet clients cost nothing. */
	e = nj_ktab_get(st->b.t, &v.client, m->rcode == NJ_DNS_RCODE_NXDOMAIN,
	    &created);
	if (e == NULL)
		return;
	st->answers++;
	if (created || p->ts > e->first + st->conf.window) {
		if (!created)
			flush(st, &v.client, e);
		memset(e, 0, sizeof(*e));
		e->first = p->ts;
	}
	e->answers++;
	if (m->rcode != NJ_DNS_RCODE_NXDOMAIN)
		return;
	st->nx++;
	e->nx++;
	e->last = p->ts;
	if (nj_lc_add(&e->names, nj_hash64(m->qname, strlen(m->qname), 2)) &&
	    nj_nxdomain_name_random(st->b.psl, m->qname)) {
		e->nx_random++;
		if (e->nsamples < NSAMPLES)
			memcpy(e->sample[e->nsamples++], m->qname,
			    sizeof(m->qname));
	}
	if (e->nx == 1) {
		e->server = v.server;
		e->sport = v.sport;
		e->proto = v.proto;
	}
	if (!e->alerted && nj_nxdomain_verdict(&st->conf, e->answers, e->nx,
	    nj_lc_estimate(&e->names), e->nx_random))
		emit(st, s, &v.client, e, false);
}

static nj_time_t
window_start(const void *val)
{
	return ((const struct nx *)val)->first;
}

static void
nx_tick(void *arg, struct nj_sensor *s, nj_time_t now)
{
	struct st *st = arg;

	st->s = s;
	nj_dnsdet_expire(&st->b, now, 2 * st->conf.window, window_start,
	    flush);
}

static void
nx_finish(void *arg, struct nj_sensor *s, nj_time_t now)
{
	struct st *st = arg;

	(void)now;
	st->s = s;
	nj_dnsdet_each(&st->b, flush);
}

static void *
nx_init(struct nj_sensor *s)
{
	struct st *st;

	(void)s;
	if ((st = nj_dnsdet_new(DET, sizeof(*st), NJ_NXDOMAIN_CAP,
	    sizeof(struct nj_addr), sizeof(struct nx), NULL, true)) == NULL)
		return NULL;
	nj_nxdomain_conf(st->b.def, &st->conf);
	return st;
}

static void
nx_stats(void *arg, FILE *out)
{
	struct st *st = arg;

	fprintf(out, DET ".answers %llu\n" DET ".nxdomain %llu\n"
	    DET ".alerts %llu\n", (unsigned long long)st->answers,
	    (unsigned long long)st->nx, (unsigned long long)st->alerts);
	nj_dnsdet_table_stats(&st->b, out);
}

const struct nj_detector nj_det_dns_nxdomain = {
	.name = DET,
	.init = nx_init,
	.dns = nx_dns,
	.tick = nx_tick,
	.finish = nx_finish,
	.stats = nx_stats,
	.fini = nj_dnsdet_free,
};
