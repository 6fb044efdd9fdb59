/*
 * dnsdet.c - the common view of a DNS message for the odd-DNS detectors
 * and the learned resolvers (see dnsdet.h).
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"
#include "policy/psl.h"
#include "sensor/dnsdet.h"
#include "sensor/ktab.h"
#include "sensor/log.h"
#include "sensor/sensor.h"

/* Protocols in DNS format that are not DNS service (RFC 6762, 4795, 1002). */
static bool
link_local_port(uint16_t port)
{
	return port == 5353 || port == 5355 || port == 137;
}

bool
nj_addr_multicast(const struct nj_addr *a)
{
	static const uint8_t zero[16];

	if (a->family == 4)
		return (a->a[0] >= 224 && a->a[0] <= 239) ||
		    memcmp(a->a, "\xff\xff\xff\xff", 4) == 0 ||
		    memcmp(a->a, zero, 4) == 0;
	if (a->family == 6)
		return a->a[0] == 0xff || memcmp(a->a, zero, 16) == 0;
	return true;
}

bool
nj_dns_view(const struct nj_packet *p, const struct nj_dns_msg *m,
    struct nj_dns_view *v)
{
	if (m->opcode != 0 || !m->has_question || !p->l4)
		return false;
	if (link_local_port(p->sport) || link_local_port(p->dport) ||
	    nj_addr_multicast(&p->dst) || nj_addr_multicast(&p->src))
		return false;
	v->query = !m->qr;
	v->proto = p->proto;
	if (v->query) {
		v->client = p->src;
		v->server = p->dst;
		v->cport = p->sport;
		v->sport = p->dport;
	} else {
		v->client = p->dst;
		v->server = p->src;
		v->cport = p->dport;
		v->sport = p->sport;
	}
	return true;
}

int
nj_dns_servers_init(struct nj_dns_servers *ds)
{
	ds->t = nj_ktab_new(NJ_DNS_SERVERS_CAP, sizeof(struct nj_addr), 1,
	    NULL, NULL);
	return ds->t != NULL ? 0 : -1;
}

void
nj_dns_servers_fini(struct nj_dns_servers *ds)
{
	nj_ktab_free(ds->t);
	ds->t = NULL;
}

void
nj_dns_servers_note(struct nj_dns_servers *ds, const struct nj_policy *p,
    const struct nj_dns_view *v)
{
	uint8_t *local;

	if (v->query || p == NULL || !nj_policy_is_local(p, &v->client))
		return;
	if ((local = nj_ktab_get(ds->t, &v->server, true, NULL)) != NULL)
		*local = nj_policy_is_local(p, &v->server);
}

bool
nj_dns_servers_is(const struct nj_dns_servers *ds, const struct nj_policy *p,
    const struct nj_addr *a)
{
	if (p != NULL && nj_policy_has_role(p, NJ_ROLE_RESOLVER, a))
		return true;
	/* A lookup refreshes recency: a resolver in use stays learned. */
	return nj_ktab_get(ds->t, a, false, NULL) != NULL;
}

void *
nj_dnsdet_new(const char *name, size_t size, size_t cap, size_t klen,
    size_t vlen, void (*evict)(void *, const void *, void *), bool want_psl)
{
	struct nj_dnsdet_base *b;

	if ((b = calloc(1, size)) == NULL)
		return NULL;
	b->name = name;
	if ((b->def = nj_policy_default()) == NULL ||
	    nj_dns_servers_init(&b->servers) != 0 ||
	    (cap > 0 && (b->t = nj_ktab_new(cap, klen, vlen, evict, b)) ==
	    NULL)) {
		nj_dnsdet_free(b);
		return NULL;
	}
	if (want_psl && (b->psl = nj_psl_load(NJ_PSL_PATH, NULL)) == NULL)
		log_warnx("%s: no public suffix list at %s; registered "
		    "domains are taken as the last two labels", name,
		    NJ_PSL_PATH);
	return b;
}

void
nj_dnsdet_free(void *st)
{
	struct nj_dnsdet_base *b = st;

	if (b == NULL)
		return;
	nj_ktab_free(b->t);
	nj_dns_servers_fini(&b->servers);
	nj_policy_free(b->def);
	nj_psl_free(b->psl);
	free(b);
}

void
nj_dnsdet_table_stats(const struct nj_dnsdet_base *b, FILE *out)
{
	struct nj_ktab_stats ks;

	if (b->t != NULL) {
		nj_ktab_stats(b->t, &ks);
		fprintf(out, "%s.entries %llu\n%s.cap %llu\n"
		    "%s.evicted %llu\n%s.expired %llu\n", b->name,
		    (unsigned long long)ks.entries, b->name,
		    (unsigned long long)ks.cap, b->name,
		    (unsigned long long)ks.evicted, b->name,
		    (unsigned long long)ks.expired);
	}
	nj_ktab_stats(b->servers.t, &ks);
	fprintf(out, "%s.resolvers_learned %llu\n%s.resolvers_evicted %llu\n",
	    b->name, (unsigned long long)ks.entries, b->name,
	    (unsigned long long)ks.evicted);
}

struct expire {
	struct nj_dnsdet_base *b;
	nj_time_t lim;
	nj_time_t (*when)(const void *val);
	void (*gone)(void *st, const void *key, void *val);
	bool all;
};

static bool
expired(void *arg, const void *key, void *val)
{
	const struct expire *x = arg;

	if (!x->all && x->when(val) >= x->lim)
		return false;
	if (x->gone != NULL)
		x->gone(x->b, key, val);
	return !x->all;
}

void
nj_dnsdet_expire(struct nj_dnsdet_base *b, nj_time_t now, nj_time_t idle,
    nj_time_t (*when)(const void *val),
    void (*gone)(void *st, const void *key, void *val))
{
	struct expire x = { b, now - idle, when, gone, false };

	/* Ticks come with packets: a quiet link may skip whole seconds. */
	if (now < b->last_expire + NJ_SEC(60) || now < idle)
		return;
	b->last_expire = now;
	nj_ktab_walk(b->t, expired, &x);
}

void
nj_dnsdet_each(struct nj_dnsdet_base *b,
    void (*fn)(void *st, const void *key, void *val))
{
	struct expire x = { b, 0, NULL, fn, true };

	nj_ktab_walk(b->t, expired, &x);
}

const struct nj_policy *
nj_dnsdet_policy(struct nj_dnsdet_base *b, const struct nj_sensor *s,
    bool *changed)
{
	const struct nj_policy *p = s != NULL && s->policy != NULL ?
	    s->policy : b->def;

	nj_time_t now = s != NULL ? s->now : 0;

	*changed = p != b->seen || now >= b->conf_at + NJ_SEC(60) ||
	    now < b->conf_at;
	if (*changed) {
		b->enabled = nj_policy_detector_enabled(p, b->name, true);
		b->conf_at = now;
	}
	b->seen = p;
	return p;
}
