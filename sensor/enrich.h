/*
 * enrich.h - the alert enrichers for the remote address of an alert:
 * GeoIP/ASN (object "geo") and the reverse name (object "ptr"). Each is
 * an nj_enrich_fn for nj_alerts_add_enricher() (alert_pipeline.h).
 */
#ifndef NJ_ENRICH_H
#define NJ_ENRICH_H

#include <stdbool.h>

#include "decoders/types.h"

struct nj_alert;
struct nj_policy;
struct nj_sensor;

/*
 * The remote side of an alert's tuple: the side that is not local per
 * the policy; dst when neither is local; none (false) when both are or
 * the alert has no tuple. Without a policy, dst.
 */
bool nj_enrich_remote(const struct nj_policy *p, const struct nj_alert *a,
    struct nj_addr *out);

/*
 * ctx is a struct nj_geo *. Adds "geo": ip, and those of country,
 * country_name, city, asn, as_org the databases know. Private and
 * reserved remotes get nothing.
 */
void nj_geo_enrich(void *ctx, struct nj_sensor *s, struct nj_alert *a);
/*
 * ctx is a struct nj_ptr *. Adds "ptr": ip, name when the name is
 * cached; otherwise asks the resolver (never waiting) so that later
 * alerts about the same remote carry it.
 */
void nj_ptr_enrich(void *ctx, struct nj_sensor *s, struct nj_alert *a);

#endif
