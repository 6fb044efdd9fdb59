/*
 * det_dns_tunnel.c - dns-tunnel: a client carrying data in DNS, the
 * iodine / dnscat2 / DNS-exfiltration pattern (RFC 1035 names used as
 * a transport): many queries under one registered domain within a
 * window, mostly distinct, with long or high-entropy labels or unusual
 * types (TXT, NULL, CNAME, MX). One alert per (client, registered
 * domain) while the entry lives.
 *
 * Not counted: the resolvers' own recursion (listed or learned), mail
 * relays (DNSBL lookups), reverse lookups, internal zones, link-local
 * names. CDN names are distinct and hashed too, but short, answered
 * with addresses, and few per client under any one domain: the label
 * length and entropy thresholds and the query count keep them out.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"
#include "sensor/alert.h"
#include "sensor/det_dns.h"
#include "sensor/detector.h"
#include "sensor/dnsdet.h"
#include "sensor/dnsname.h"
#include "sensor/entropy.h"
#include "sensor/ktab.h"
#include "sensor/lincount.h"
#include "sensor/sensor.h"

#define DET "dns-tunnel"
#define NSAMPLES 3

enum { T_A, T_AAAA, T_TXT, T_NULL, T_CNAME, T_MX, T_OTHER, T_MAX };
static const char *const tnames[T_MAX] = { "A", "AAAA", "TXT", "NULL",
	"CNAME", "MX", "other" };

struct key {
	struct nj_addr client;
	uint8_t pad[7];
	uint64_t dom;                 /* hash of the registered domain */
};

struct tun {
	nj_time_t first, last;        /* this window's first and last query */
	uint32_t queries;             /* queries in the window */
	uint32_t odd;                 /* of which long, random or odd-typed */
	uint32_t types[T_MAX];
	uint64_t name_bytes;          /* bytes left of the registered domain */
	uint64_t answer_bytes;        /* response bytes for this domain */
	uint32_t longest;             /* longest label */
	double entropy_sum;           /* over the odd queries */
	struct nj_lincount subs;      /* distinct names */
	struct nj_addr server;
	uint16_t sport;
	uint8_t proto;
	bool alerted;                 /* reported (kept across windows) */
	uint32_t reported;            /* queries of this window when reported */
	uint8_t nsamples;
	char dom[128];
	char zone[128];
	char sample[NSAMPLES][NJ_DNS_NAME_MAX];
};

struct st {
	struct nj_dnsdet_base b;        /* first: see dnsdet.h */
	struct nj_tunnel_conf conf;
	struct nj_sensor *s;            /* for updates from walks */
	uint64_t counted, alerts;
};

void
nj_tunnel_conf(const struct nj_policy *p, struct nj_tunnel_conf *c)
{
	c->min_queries = nj_policy_threshold(p, DET, "min_queries", 40);
	c->min_label_len = nj_policy_threshold(p, DET, "min_label_len", 30);
	c->min_entropy = nj_policy_threshold(p, DET, "min_entropy", 3.5);
	c->window = NJ_SEC(nj_policy_threshold(p, DET, "window", 600));
}

bool
nj_tunnel_query_odd(const struct nj_tunnel_conf *c, const char *sub,
    size_t sublen, uint16_t qtype, double *entropy)
{
	*entropy = nj_entropy(sub, sublen);
	if (nj_dns_longest_label(sub, sublen) >= c->min_label_len)
		return true;
	if (sublen >= 20 && *entropy >= c->min_entropy)
		return true;
	/* Data-carrying types with a name that is not a plain host name. */
	return (qtype == NJ_DNS_T_TXT || qtype == NJ_DNS_T_NULL) &&
	    sublen >= 16 && *entropy >= c->min_entropy - 0.5;
}

bool
nj_tunnel_verdict(const struct nj_tunnel_conf *c, uint32_t queries,
    uint32_t odd, uint64_t distinct)
{
	return queries >= c->min_queries && odd * 2 >= queries &&
	    distinct * 2 >= queries;
}

static int
type_slot(uint16_t t)
{
	switch (t) {
	case NJ_DNS_T_A: return T_A;
	case NJ_DNS_T_AAAA: return T_AAAA;
	case NJ_DNS_T_TXT: return T_TXT;
	case NJ_DNS_T_NULL: return T_NULL;
	case NJ_DNS_T_CNAME: return T_CNAME;
	case NJ_DNS_T_MX: return T_MX;
	default: return T_OTHER;
	}
}

static void
emit(struct st *st, struct nj_sensor *s, const struct key *k, struct tun *e,
    bool update)
{
	struct nj_alert a;
	double secs = (double)(e->last - e->first) / 1e6;
	uint64_t distinct = nj_lc_estimate(&e->subs);
	int i, top = 0;

	for (i = 1; i < T_MAX; i++)
		if (e->types[i] > e->types[top])
			top = i;
	nj_alert_init(&a, DET, NJ_SEV_HIGH, e->last);
	a.is_update = update;
	nj_alert_tuple(&a, &k->client, 0, &e->server, e->sport, e->proto);
	nj_alert_sig(&a, "DNS tunnel%s: %u queries under %s in %.0f s, %llu "
	    "distinct names, %llu bytes in names", update ? " (going on)" : "",
	    e->queries, e->zone, secs, (unsigned long long)distinct,
	    (unsigned long long)e->name_bytes);
	nj_alert_str(&a, "domain", e->zone);
	nj_alert_str(&a, "registered_domain", e->dom);
	nj_alert_uint(&a, "queries", e->queries);
	nj_alert_uint(&a, "odd_queries", e->odd);
	nj_alert_uint(&a, "distinct_names", distinct);
	nj_alert_uint(&a, "name_bytes", e->name_bytes);
	nj_alert_uint(&a, "answer_bytes", e->answer_bytes);
	nj_alert_dbl(&a, "rate_per_min", secs > 1 ? e->queries * 60.0 / secs :
	    e->queries * 60.0);
	nj_alert_str(&a, "qtype", tnames[top]);
	for (i = 0; i < T_MAX; i++)
		if (e->types[i] > 0)
			nj_alert_list(&a, "qtypes", tnames[i]);
	nj_alert_uint(&a, "longest_label", e->longest);
	nj_alert_dbl(&a, "mean_entropy", e->odd ? e->entropy_sum / e->odd : 0);
	nj_alert_time(&a, "first", e->first);
	for (i = 0; i < e->nsamples; i++)
		nj_alert_list(&a, "samples", e->sample[i]);
	nj_alert_emit(s, &a);
	e->alerted = true;
	e->reported = e->queries;
	st->alerts++;
}

/*
 * A reported stream that went on after its alert: one update with the
 * window's totals when the window closes, the entry goes, or input ends.
 */
static void
flush(void *arg, const void *key, void *val)
{
	struct st *st = arg;
	struct tun *e = val;

	if (e->alerted && e->queries > e->reported && st->s != NULL)
		emit(st, st->s, key, e, true);
}

static void
reset(struct st *st, const struct key *k, struct tun *e, nj_time_t now)
{
	bool alerted = e->alerted;
	char dom[sizeof(e->dom)];

	flush(st, k, e);
	memcpy(dom, e->dom, sizeof(dom));
	memset(e, 0, sizeof(*e));
	memcpy(e->dom, dom, sizeof(dom));
	e->alerted = alerted;
	e->first = now;
}

static bool
skip_client(struct st *st, const struct nj_policy *pol,
    const struct nj_addr *client)
{
	return nj_dns_servers_is(&st->b.servers, pol, client) ||
	    nj_policy_has_role(pol, NJ_ROLE_MAIL_RELAY, client);
}

static void
tun_dns(void *arg, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir, const struct nj_dns_msg *m)
{
	struct st *st = arg;
	struct nj_dns_view v;
	struct key k;
	struct tun *e;
	const char *dom;
	size_t n, sublen;
	const struct nj_policy *pol;
	const char *qname;
	char tail[NJ_DNS_NAME_MAX];
	size_t wire = 0;
	double h;
	bool created, changed, odd;

	(void)flow;
	(void)dir;
	if (!nj_dns_view(p, m, &v))
		return;
	st->s = s;
	pol = nj_dnsdet_policy(&st->b, s, &changed);
	if (!st->b.enabled)
		return;
	if (changed)
		nj_tunnel_conf(pol, &st->conf);
	nj_dns_servers_note(&st->b.servers, pol, &v);
	if (nj_dns_name_ignored(m->qname) || skip_client(st, pol, &v.client) ||
	    nj_policy_internal_zone(pol, m->qname))
		return;
	qname = m->qname;
	/*
	 * A name too long to print whole carries binary labels: find its
	 * domain from the tail, and count it as odd whatever its labels.
	 */
	if (m->names_cut && p->proto == IPPROTO_UDP && nj_dns_qname_tail(
	    p->payload, p->payload_len, tail, sizeof(tail), &wire))
		qname = tail;
	dom = nj_dns_regdom(st->b.psl, qname);
	memset(&k, 0, sizeof(k));
	k.client = v.client;
	k.dom = nj_hash64(dom, strlen(dom), 0);
	if (!v.query) {
		/* Responses only add their size to a stream already counted. */
		if ((e = nj_ktab_get(st->b.t, &k, false, NULL)) != NULL)
			e->answer_bytes += m->size;
		return;
	}
	if ((e = nj_ktab_get(st->b.t, &k, true, &created)) == NULL)
		return;
	st->counted++;
	if (created) {
		n = strlen(dom);
		memcpy(e->dom, dom, n < sizeof(e->dom) ? n + 1 : sizeof(e->dom));
		e->dom[sizeof(e->dom) - 1] = '\0';
		e->first = p->ts;
	} else if (p->ts > e->first + st->conf.window)
		reset(st, &k, e, p->ts);
	e->last = p->ts;
	if (e->queries == 0) {
		e->server = v.server;
		e->sport = v.sport;
		e->proto = v.proto;
	}
	e->queries++;
	e->types[type_slot(m->qtype)]++;
	sublen = dom > qname ? (size_t)(dom - qname) - 1 : 0;
	if (qname == tail) {
		/* Wire length less the domain's labels, lengths and root. */
		sublen = wire > strlen(dom) + 2 ? wire - strlen(dom) - 2 : 0;
		odd = true;
		h = 8;  /* binary: the most a byte can carry */
		n = 63;
	} else {
		odd = nj_tunnel_query_odd(&st->conf, qname, sublen, m->qtype,
		    &h);
		n = nj_dns_longest_label(qname, sublen);
	}
	e->name_bytes += sublen;
	if (n > e->longest)
		e->longest = (uint32_t)n;
	nj_lc_add(&e->subs, nj_hash64(m->qname, strlen(m->qname), 1));
	if (odd) {
		e->odd++;
		e->entropy_sum += h;
		nj_dns_common_zone(e->zone, sizeof(e->zone), qname);
		if (e->nsamples < NSAMPLES)
			memcpy(e->sample[e->nsamples++], m->qname,
			    sizeof(m->qname));
	}
	if (!e->alerted && nj_tunnel_verdict(&st->conf, e->queries, e->odd,
	    nj_lc_estimate(&e->subs)))
		emit(st, s, &k, e, false);
}

static nj_time_t
last_query(const void *val)
{
	return ((const struct tun *)val)->last;
}

static void
tun_tick(void *arg, struct nj_sensor *s, nj_time_t now)
{
	struct st *st = arg;

	st->s = s;
	nj_dnsdet_expire(&st->b, now, 2 * st->conf.window, last_query, flush);
}

static void
tun_finish(void *arg, struct nj_sensor *s, nj_time_t now)
{
	struct st *st = arg;

	(void)now;
	st->s = s;
	nj_dnsdet_each(&st->b, flush);
}

static void *
tun_init(struct nj_sensor *s)
{
	struct st *st;

	(void)s;
	if ((st = nj_dnsdet_new(DET, sizeof(*st), NJ_TUNNEL_CAP,
	    sizeof(struct key), sizeof(struct tun), NULL, true)) == NULL)
		return NULL;
	nj_tunnel_conf(st->b.def, &st->conf);
	return st;
}

static void
tun_stats(void *arg, FILE *out)
{
	struct st *st = arg;

	fprintf(out, DET ".queries %llu\n" DET ".alerts %llu\n",
	    (unsigned long long)st->counted, (unsigned long long)st->alerts);
	nj_dnsdet_table_stats(&st->b, out);
}

const struct nj_detector nj_det_dns_tunnel = {
	.name = DET,
	.init = tun_init,
	.dns = tun_dns,
	.tick = tun_tick,
	.finish = tun_finish,
	.stats = tun_stats,
	.fini = nj_dnsdet_free,
};
