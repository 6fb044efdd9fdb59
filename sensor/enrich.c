/*
 * enrich.c - GeoIP/ASN and reverse-name objects for the remote address
 * of an alert (see enrich.h).
 */
#include <stdio.h>
#include <string.h>

#include "policy/policy.h"
#include "sensor/alert.h"
#include "sensor/alert_pipeline.h"
#include "sensor/enrich.h"
#include "sensor/geo.h"
#include "sensor/ptr.h"
#include "sensor/sensor.h"

bool
nj_enrich_remote(const struct nj_policy *p, const struct nj_alert *a,
    struct nj_addr *out)
{
	if (!a->has_tuple)
		return false;
	if (p == NULL || !nj_policy_is_local(p, &a->dst))
		*out = a->dst;
	else if (!nj_policy_is_local(p, &a->src))
		*out = a->src;
	else
		return false;
	return out->family == 4 || out->family == 6;
}

static void
put_str(struct nj_alert *a, const char *obj, const char *key,
    const char *val)
{
	struct nj_alert_field *f;

	if (val[0] == '\0' ||
	    (f = nj_alert_field_in(a, obj, key, NJ_FIELD_STR)) == NULL)
		return;
	f->truncated = nj_strlcpy_mark(f->s, val, sizeof(f->s));
}

static void
put_ip(struct nj_alert *a, const char *obj, const struct nj_addr *addr)
{
	char buf[NJ_ADDRSTRLEN];

	put_str(a, obj, "ip", nj_addr_str(addr, buf, sizeof(buf)));
}

void
nj_geo_enrich(void *ctx, struct nj_sensor *s, struct nj_alert *a)
{
	struct nj_geo_info gi;
	struct nj_alert_field *f;
	struct nj_addr remote;

	if (ctx == NULL || !nj_enrich_remote(s != NULL ? s->policy : NULL, a,
	    &remote) || nj_geo_lookup(ctx, &remote, &gi) != NJ_GEO_FOUND)
		return;
	put_ip(a, "geo", &remote);
	put_str(a, "geo", "country", gi.country);
	put_str(a, "geo", "country_name", gi.country_name);
	put_str(a, "geo", "city", gi.city);
	if (gi.asn != 0 &&
	    (f = nj_alert_field_in(a, "geo", "asn", NJ_FIELD_UINT)) != NULL)
		f->v.u = gi.asn;
	put_str(a, "geo", "as_org", gi.as_org);
}

void
nj_ptr_enrich(void *ctx, struct nj_sensor *s, struct nj_alert *a)
{
	char name[NJ_PTR_NAME_MAX];
	struct nj_addr remote;

	if (ctx == NULL || !nj_enrich_remote(s != NULL ? s->policy : NULL, a,
	    &remote) || nj_ptr_lookup(ctx, &remote, name, sizeof(name)) !=
	    NJ_PTR_FOUND)
		return;
	put_ip(a, "ptr", &remote);
	put_str(a, "ptr", "name", name);
}

int
nj_enrich_open(struct nj_sensor *s, const struct nj_policy *p, char *err,
    size_t errlen)
{
	const char *city = nj_policy_string(p, "geoip.city");
	const char *asn = nj_policy_string(p, "geoip.asn");
	const char *resolver = nj_policy_string(p, "enrich.ptr.resolver");
	struct nj_ptr_options o;
	struct nj_geo *geo = NULL;
	struct nj_ptr *ptr = NULL;
	double t;

	if ((city != NULL || asn != NULL) &&
	    (geo = nj_geo_open(city, asn, err, errlen)) == NULL)
		return -1;
	if (resolver != NULL) {
		nj_ptr_options_default(&o);
		o.resolver = resolver;
		o.rate = nj_policy_number(p, "enrich.ptr.rate", o.rate);
		/* Kept within 1 ms .. 60 s: a longer wait only holds a slot. */
		t = nj_policy_number(p, "enrich.ptr.timeout", 2);
		o.timeout_ms = t < 0.001 ? 1 : t > 60 ? 60000 :
		    (unsigned)(t * 1000);
		if ((ptr = nj_ptr_new(&o, err, errlen)) == NULL) {
			nj_geo_close(geo);
			return -1;
		}
	}
	nj_enrich_close(s);
	s->geo = geo;
	s->ptr = ptr;
	return 0;
}

static void
enrich_sensor(void *ctx, struct nj_sensor *s, struct nj_alert *a)
{
	(void)ctx;
	if (s == NULL)
		return;
	nj_geo_enrich(s->geo, s, a);
	nj_ptr_enrich(s->ptr, s, a);
}

int
nj_enrich_register(struct nj_sensor *s)
{
	return nj_alerts_add_enricher(s->alerts, enrich_sensor, NULL);
}

void
nj_enrich_tick(struct nj_sensor *s)
{
	if (s->ptr != NULL)
		nj_ptr_tick(s->ptr);
}

void
nj_enrich_stats(const struct nj_sensor *s, FILE *out)
{
	if (s->geo != NULL)
		nj_geo_stats(s->geo, out);
	if (s->ptr != NULL)
		nj_ptr_stats(s->ptr, out);
}

void
nj_enrich_close(struct nj_sensor *s)
{
	nj_geo_close(s->geo);
	nj_ptr_free(s->ptr);
	s->geo = NULL;
	s->ptr = NULL;
}
