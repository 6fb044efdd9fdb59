/*
 * enrich.h - the alert enrichers for the remote address of an alert:
 * GeoIP/ASN (object "geo") and the reverse name (object "ptr"). Each is
 * an nj_enrich_fn for nj_alerts_add_enricher() (alert_pipeline.h).
 */
#ifndef NJ_ENRICH_H
#define NJ_ENRICH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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

/*
 * The sensor's enrichment, as the policy names it: opens geoip.city and
 * geoip.asn into s->geo, and enrich.ptr.* into s->ptr (each NULL when
 * not named). Returns 0, or -1 with one line in err and s unchanged, so
 * that a SIGHUP reload keeps the old objects when the new ones fail.
 * On success the previous s->geo and s->ptr are closed.
 */
int nj_enrich_open(struct nj_sensor *s, const struct nj_policy *p,
    char *err, size_t errlen);
/*
 * Registers one enricher with s->alerts that adds "geo" and "ptr" from
 * whatever s->geo and s->ptr are at each alert (so a reload needs no
 * second registration). Once, after nj_alerts_new(). 0 or -1.
 */
int nj_enrich_register(struct nj_sensor *s);
/* Reads reverse-name answers (never blocks); from the main loop. */
void nj_enrich_tick(struct nj_sensor *s);
/* "geo.*" and "ptr.*" counter lines, for what is on. */
void nj_enrich_stats(const struct nj_sensor *s, FILE *out);
/* Closes s->geo and s->ptr. */
void nj_enrich_close(struct nj_sensor *s);

#endif
