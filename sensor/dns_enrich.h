/*
 * dns_enrich.h - DNS correlation: the name that led a client to an
 * address, for alerts (an enricher of the alert pipeline) and flow
 * records.
 */
#ifndef NJ_DNS_ENRICH_H
#define NJ_DNS_ENRICH_H

#include <stdbool.h>

#include "decoders/types.h"
#include "sensor/alert.h"
#include "sensor/dnscache.h"

struct nj_sensor;
struct nj_alert_pipeline;

/*
 * True when a is one of the site's hosts: the policy's local networks,
 * or with no policy RFC 1918 and ULA space (the default policy's).
 */
bool nj_sensor_is_local(const struct nj_sensor *s, const struct nj_addr *a);

/*
 * What led client to addr (s->dns at packet time s->now): the client's
 * own answer, else anyone's. False when the cache is off or has none.
 */
bool nj_dns_correlate(struct nj_sensor *s, const struct nj_addr *client,
    const struct nj_addr *addr, struct nj_dns_hit *hit);

/*
 * The enricher (nj_enrich_fn; ctx unused). For an alert with a tuple and
 * no hostname yet, the client is src and the address dst; when src is
 * not local and dst is, the roles swap (an outside host reached a local
 * one that had resolved it). On a hit sets a->hostname to the question
 * the client asked and adds the "dns" object: query, chain (list, the
 * question through every CNAME to the address's owner), resolver,
 * answered (time), ttl, by_client and, when the answer was someone
 * else's, client.
 */
void nj_dns_enrich(void *ctx, struct nj_sensor *s, struct nj_alert *a);
/* Adds the "dns" object of hit to a (used by the enricher). */
void nj_dns_enrich_hit(struct nj_alert *a, const struct nj_dns_hit *hit);
/* Registers nj_dns_enrich with pl; 0, or -1 when pl is full. */
int nj_dns_enrich_register(struct nj_alert_pipeline *pl);

#endif
