/*
 * enrich.c - GeoIP/ASN and reverse-name objects for the remote address
 * of an alert (see enrich.h).
 */
#include <stdio.h>
#include <string.h>

#include "policy/policy.h"
#include "sensor/alert.h"
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
