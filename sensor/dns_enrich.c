/*
 * dns_enrich.c - puts the name a client resolved on every alert about a
 * connection (hostname and a "dns" object), so the analyst reads who
 * looked up what, through which resolver and when, instead of digging
 * through proxy logs and resolver caches after the records expired.
 */
#include <stdio.h>
#include <string.h>

#include "policy/policy.h"
#include "policy/special.h"
#include "sensor/alert_pipeline.h"
#include "sensor/dns_enrich.h"
#include "sensor/sensor.h"

bool
nj_sensor_is_local(const struct nj_sensor *s, const struct nj_addr *a)
{
	struct nj_special_info si;

	if (s->policy != NULL)
		return nj_policy_is_local(s->policy, a);
	return nj_special_classify(a, &si) && si.cat == NJ_SPECIAL_PRIVATE;
}

bool
nj_dns_correlate(struct nj_sensor *s, const struct nj_addr *client,
    const struct nj_addr *addr, struct nj_dns_hit *hit)
{
	if (s == NULL || s->dns == NULL)
		return false;
	return nj_dnscache_lookup(s->dns, client, addr, s->now, hit);
}

static void
field_str(struct nj_alert *a, const char *key, const char *val)
{
	struct nj_alert_field *f;

	if ((f = nj_alert_field_in(a, "dns", key, NJ_FIELD_STR)) != NULL)
		f->truncated = nj_strlcpy_mark(f->s, val, sizeof(f->s));
}

void
nj_dns_enrich_hit(struct nj_alert *a, const struct nj_dns_hit *hit)
{
	struct nj_alert_field *f;
	char buf[NJ_ADDRSTRLEN];
	int i;

	field_str(a, "query", nj_dns_hit_qname(hit));
	for (i = 0; i < hit->nchain; i++)
		nj_alert_list_in(a, "dns", "chain", hit->chain[i]);
	field_str(a, "resolver", nj_addr_str(&hit->resolver, buf, sizeof(buf)));
	if ((f = nj_alert_field_in(a, "dns", "answered", NJ_FIELD_TIME)) != NULL)
		f->v.t = hit->when;
	if ((f = nj_alert_field_in(a, "dns", "ttl", NJ_FIELD_UINT)) != NULL)
		f->v.u = hit->ttl;
	if ((f = nj_alert_field_in(a, "dns", "by_client", NJ_FIELD_BOOL)) != NULL)
		f->v.b = hit->by_client;
	if (!hit->by_client)
		field_str(a, "client", nj_addr_str(&hit->client, buf,
		    sizeof(buf)));
}

void
nj_dns_enrich(void *ctx, struct nj_sensor *s, struct nj_alert *a)
{
	const struct nj_addr *client = &a->src, *addr = &a->dst;
	struct nj_dns_hit hit;

	(void)ctx;
	/* A detector that named the host itself knows better. */
	if (!a->has_tuple || a->hostname[0] != '\0' || s == NULL ||
	    s->dns == NULL)
		return;
	if (!nj_sensor_is_local(s, &a->src) && nj_sensor_is_local(s, &a->dst)) {
		client = &a->dst;
		addr = &a->src;
	}
	if (!nj_dns_correlate(s, client, addr, &hit))
		return;
	nj_strlcpy_mark(a->hostname, nj_dns_hit_qname(&hit),
	    sizeof(a->hostname));
	nj_dns_enrich_hit(a, &hit);
}

int
nj_dns_enrich_register(struct nj_alert_pipeline *pl)
{
	return nj_alerts_add_enricher(pl, nj_dns_enrich, NULL);
}
