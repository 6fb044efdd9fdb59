/*
 * det_private_dest.c - private-destination and bogon-destination: a
 * local host tries to reach an address no packet should be sent to
 * from here, because it is private space that is not the site's own, or
 * space that is not routable at all (documentation, benchmarking,
 * shared, reserved, loopback on the wire, "this network").
 *
 * Seed 003: a workstation kept trying 172.16.45.35 at lunchtime; the
 * answer was a public name (proof.smh.com.au) published with a private
 * address. The alert therefore says which name led there (the DNS
 * cache, through the enricher and in the sentence), how many attempts,
 * and whether anything ever answered.
 *
 * Not alerts: multicast and broadcast (mDNS, SSDP, DHCP, 255.255.255.255
 * are ordinary LAN chatter), globally reachable special addresses (AS112,
 * 6to4, ...), and link-local space (169.254/16, fe80::/10): link-local is
 * autoconfiguration, neighbour discovery and cloud metadata services
 * (169.254.169.254), all benign and never routed past the link. The
 * policy key detectors.private-destination.link_local: 1 counts it as
 * bogon-destination all the same.
 *
 * Severity medium for both kinds. A public name behind the address is
 * usually a mistake in someone's zone (the seed's end), so the name
 * explains rather than aggravates; an address with no name behind it
 * came from a configuration or a program, which is worth a look but is
 * not proof of anything either.
 *
 * One alert per client and destination, raised at the first attempt so
 * it comes while the host is still trying; every time one of the pair's
 * flows ends an update (is_update) follows with the attempt count so
 * far, first and last attempt and whether anything answered.
 */
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"
#include "policy/special.h"
#include "sensor/alert.h"
#include "sensor/detector.h"
#include "sensor/dns_enrich.h"
#include "sensor/flow_table.h"
#include "sensor/sensor.h"

#define PD_NAME "private-destination"
#define PD_CAP 4096                  /* (client, destination) pairs */
#define PD_HOLD_DEFAULT NJ_SEC(3600) /* idle pairs are forgotten after */

#ifndef IPPROTO_ICMP
#define IPPROTO_ICMP 1
#endif
#ifndef IPPROTO_TCP
#define IPPROTO_TCP 6
#endif
#ifndef IPPROTO_UDP
#define IPPROTO_UDP 17
#endif
#ifndef IPPROTO_ICMPV6
#define IPPROTO_ICMPV6 58
#endif

struct pd_entry {
	bool used;
	bool bogon;                 /* bogon-destination, else private */
	bool answered;
	struct nj_addr client, dst;
	uint16_t sport, dport;
	uint8_t proto;
	uint64_t attempts;
	nj_time_t first, last;
	const char *registry;       /* the special-purpose entry's name */
	const char *rfc;
};

struct pd_state {
	struct pd_entry e[PD_CAP];
	size_t used;                /* entries in use */
	uint64_t raised, updates, evicted, expired, skipped_link_local;
};

/* The policy's value, or def when the sensor runs without one. */
static double
pd_threshold(const struct nj_sensor *s, const char *key, double def)
{
	return s->policy != NULL ? nj_policy_threshold(s->policy, PD_NAME, key,
	    def) : def;
}

static void *
pd_init(struct nj_sensor *s)
{
	(void)s;
	return calloc(1, sizeof(struct pd_state));
}

static void
pd_fini(void *st)
{
	free(st);
}

/* True for the packets that try to open something. */
static bool
initiating(const struct nj_packet *p, const struct nj_flow *flow)
{
	switch (p->proto) {
	case IPPROTO_TCP:
		return (p->tcp_flags & (NJ_TH_SYN | NJ_TH_ACK)) == NJ_TH_SYN;
	case IPPROTO_UDP:
		return !flow->reply_seen;
	case IPPROTO_ICMP:
		return p->icmp_type == 8;   /* echo request */
	case IPPROTO_ICMPV6:
		return p->icmp_type == 128; /* echo request */
	default:
		return false;
	}
}

/*
 * Which kind, if any, dst earns. Returns false when it is not an alert;
 * else sets *bogon and the registry entry.
 */
static bool
classify(struct pd_state *st, struct nj_sensor *s, const struct nj_addr *dst,
    bool *bogon, struct nj_special_info *si)
{
	if (!nj_special_classify(dst, si) || si->global)
		return false;
	switch (si->cat) {
	case NJ_SPECIAL_PRIVATE:
		*bogon = false;
		return true;
	case NJ_SPECIAL_MULTICAST:
	case NJ_SPECIAL_BROADCAST:
		return false;
	case NJ_SPECIAL_LINK_LOCAL:
		if (pd_threshold(s, "link_local", 0) < 1) {
			st->skipped_link_local++;
			return false;
		}
		*bogon = true;
		return true;
	default:
		*bogon = true;
		return true;
	}
}

static struct pd_entry *
pd_find(struct pd_state *st, const struct nj_addr *client,
    const struct nj_addr *dst)
{
	size_t i;

	for (i = 0; i < PD_CAP; i++)
		if (st->e[i].used &&
		    memcmp(&st->e[i].dst, dst, sizeof(*dst)) == 0 &&
		    memcmp(&st->e[i].client, client, sizeof(*client)) == 0)
			return &st->e[i];
	return NULL;
}

/* A free slot, or the least recently active pair's (counted). */
static struct pd_entry *
pd_slot(struct pd_state *st)
{
	struct pd_entry *old = NULL;
	size_t i;

	for (i = 0; i < PD_CAP; i++) {
		if (!st->e[i].used) {
			st->used++;
			return &st->e[i];
		}
		if (old == NULL || st->e[i].last < old->last)
			old = &st->e[i];
	}
	st->evicted++;
	return old;
}

static void
pd_alert(struct pd_state *st, struct nj_sensor *s, const struct pd_entry *e,
    bool update)
{
	char cb[NJ_ADDRSTRLEN], db[NJ_ADDRSTRLEN], rb[NJ_ADDRSTRLEN];
	char when[40];
	struct nj_dns_hit hit;
	struct nj_alert a;

	nj_alert_init(&a, e->bogon ? "bogon-destination" : PD_NAME,
	    NJ_SEV_MEDIUM, e->first);
	nj_alert_tuple(&a, &e->client, e->sport, &e->dst, e->dport, e->proto);
	a.is_update = update;
	nj_addr_str(&e->client, cb, sizeof(cb));
	nj_addr_str(&e->dst, db, sizeof(db));
	if (nj_dns_correlate(s, &e->client, &e->dst, &hit))
		nj_alert_sig(&a, "%s tried to reach %s:%u/%s (%s, %s) after "
		    "%s resolved %s via %s at %s", cb, db, e->dport,
		    nj_proto_name(e->proto), e->registry, e->rfc,
		    hit.by_client ? "it" : "someone", nj_dns_hit_qname(&hit),
		    nj_addr_str(&hit.resolver, rb, sizeof(rb)),
		    nj_time_rfc3339(hit.when, 0, when, sizeof(when)));
	else
		nj_alert_sig(&a, "%s tried to reach %s:%u/%s (%s, %s), an "
		    "address outside the site that no name led to", cb, db,
		    e->dport, nj_proto_name(e->proto), e->registry, e->rfc);
	nj_alert_uint(&a, "attempts", e->attempts);
	nj_alert_bool(&a, "answered", e->answered);
	nj_alert_time(&a, "first", e->first);
	nj_alert_time(&a, "last", e->last);
	nj_alert_str(&a, "registry", e->registry);
	nj_alert_str(&a, "rfc", e->rfc);
	if (update)
		st->updates++;
	else
		st->raised++;
	nj_alert_emit(s, &a);
}

static void
pd_packet(void *vst, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir)
{
	struct pd_state *st = vst;
	struct nj_special_info si;
	struct pd_entry *e;
	bool bogon;

	/* Cheapest first: most initiating packets go to public addresses. */
	if (flow == NULL || dir != 0 || !initiating(p, flow) ||
	    !nj_sensor_is_local(s, &flow->orig) ||
	    nj_sensor_is_local(s, &flow->resp) ||
	    !classify(st, s, &flow->resp, &bogon, &si))
		return;
	if ((e = pd_find(st, &flow->orig, &flow->resp)) != NULL) {
		e->attempts++;
		e->last = p->ts;
		return;
	}
	if (s->policy != NULL &&
	    !nj_policy_detector_enabled(s->policy, PD_NAME, true))
		return;
	e = pd_slot(st);
	memset(e, 0, sizeof(*e));
	e->used = true;
	e->bogon = bogon;
	e->client = flow->orig;
	e->dst = flow->resp;
	e->sport = flow->orig_port;
	e->dport = flow->resp_port;
	e->proto = flow->proto;
	e->attempts = 1;
	e->first = e->last = p->ts;
	e->registry = si.name;
	e->rfc = si.rfc;
	pd_alert(st, s, e, false);
}

static void
pd_flow_end(void *vst, struct nj_sensor *s, const struct nj_flow *f)
{
	struct pd_state *st = vst;
	struct nj_special_info si;
	struct pd_entry *e;

	/*
	 * Most flows end with an ordinary or a local address: spare them
	 * the registry's linear scan (the local test is a trie lookup).
	 */
	if (st->used == 0 || nj_sensor_is_local(s, &f->resp) ||
	    !nj_special_classify(&f->resp, &si) || si.global ||
	    (e = pd_find(st, &f->orig, &f->resp)) == NULL)
		return;
	if (f->reply_seen)
		e->answered = true;
	pd_alert(st, s, e, true);
}

/* Forgets pairs idle past the hold time, once a minute of packet time. */
static void
pd_tick(void *vst, struct nj_sensor *s, nj_time_t now)
{
	struct pd_state *st = vst;
	nj_time_t hold;
	size_t i;

	if (now % NJ_SEC(60) >= NJ_USEC_PER_SEC)
		return;
	hold = (nj_time_t)(pd_threshold(s, "hold",
	    (double)PD_HOLD_DEFAULT / NJ_USEC_PER_SEC) * NJ_USEC_PER_SEC);
	for (i = 0; i < PD_CAP; i++)
		if (st->e[i].used && st->e[i].last + hold < now) {
			st->e[i].used = false;
			st->used--;
			st->expired++;
		}
}

static void
pd_stats(void *vst, FILE *out)
{
	const struct pd_state *st = vst;

	fprintf(out, "private-destination.alerts %llu\n",
	    (unsigned long long)st->raised);
	fprintf(out, "private-destination.updates %llu\n",
	    (unsigned long long)st->updates);
	fprintf(out, "private-destination.evicted %llu\n",
	    (unsigned long long)st->evicted);
	fprintf(out, "private-destination.expired %llu\n",
	    (unsigned long long)st->expired);
	fprintf(out, "private-destination.link_local_skipped %llu\n",
	    (unsigned long long)st->skipped_link_local);
}

const struct nj_detector nj_det_private_dest = {
	.name = PD_NAME,
	.init = pd_init,
	.packet = pd_packet,
	.flow_end = pd_flow_end,
	.tick = pd_tick,
	.stats = pd_stats,
	.fini = pd_fini,
};
