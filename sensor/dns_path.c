/*
 * dns_path.c - DNS messages out of the packet flow: UDP datagrams and
 * reassembled TCP streams on port 53 (and mDNS on 5353), parsed with
 * ldns, responses fed to the passive DNS cache, every message handed to
 * the detectors.
 *
 * Only the DNS ports are looked at: trying ldns on every UDP payload
 * would cost a parse per packet for the rare resolver on an odd port,
 * and a random payload that happens to parse would poison the cache.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "decoders/dns.h"
#include "decoders/dns_tcp.h"
#include "sensor/detector.h"
#include "sensor/dns_path.h"
#include "sensor/dnscache.h"
#include "sensor/sensor.h"

#ifndef IPPROTO_TCP
#define IPPROTO_TCP 6
#endif
#ifndef IPPROTO_UDP
#define IPPROTO_UDP 17
#endif

/* One TCP DNS connection being reassembled, one stream per direction. */
struct tcp_slot {
	const struct nj_flow *flow; /* NULL: free */
	nj_time_t last;
	struct nj_dns_tcp r[2];
};

struct nj_dns_path {
	size_t cap;
	struct tcp_slot *slots;
	struct nj_dns_path_stats st;
};

/* What a reassembled TCP message needs to go down the same path. */
struct tcp_ctx {
	struct nj_dns_path *dp;
	struct nj_sensor *s;
	const struct nj_packet *p;
	struct nj_flow *flow;
	int dir;
};

struct nj_dns_path *
nj_dns_path_new(size_t tcp_cap)
{
	struct nj_dns_path *dp;

	if ((dp = calloc(1, sizeof(*dp))) == NULL)
		return NULL;
	dp->cap = tcp_cap > 0 ? tcp_cap : NJ_DNS_PATH_TCP_CAP;
	if ((dp->slots = calloc(dp->cap, sizeof(*dp->slots))) == NULL) {
		free(dp);
		return NULL;
	}
	return dp;
}

static void
slot_release(struct nj_dns_path *dp, struct nj_sensor *s, struct tcp_slot *t)
{
	struct nj_event_counters *ec = s != NULL ? &s->events : NULL;

	nj_dns_tcp_free(&t->r[0], ec);
	nj_dns_tcp_free(&t->r[1], ec);
	t->flow = NULL;
	dp->st.tcp_conns--;
}

void
nj_dns_path_free(struct nj_dns_path *dp, struct nj_sensor *s)
{
	size_t i;

	if (dp == NULL)
		return;
	for (i = 0; i < dp->cap; i++)
		if (dp->slots[i].flow != NULL)
			slot_release(dp, s, &dp->slots[i]);
	free(dp->slots);
	free(dp);
}

static bool
is_multicast(const struct nj_addr *a)
{
	if (a->family == 4)
		return (a->a[0] & 0xf0) == 0xe0;
	return a->family == 6 && a->a[0] == 0xff;
}

/* One parsed message: the cache first, then every detector. */
static void
dns_message(struct nj_dns_path *dp, struct nj_sensor *s,
    const struct nj_packet *p, struct nj_flow *flow, int dir,
    const struct nj_dns_msg *m, bool mdns)
{
	const struct nj_detector *d;
	size_t i;

	dp->st.messages++;
	if (m->qr) {
		dp->st.responses++;
		/*
		 * An mDNS announcement to the group has no client: every
		 * listener hears it, nobody asked for it.
		 */
		if (s->dns != NULL && !(mdns && is_multicast(&p->dst))) {
			nj_dnscache_answer(s->dns, &p->dst, &p->src, m, p->ts);
			dp->st.cached++;
		}
	}
	/* A detector whose state was not built (tests, benches) is skipped. */
	for (i = 0; (d = nj_detectors[i]) != NULL; i++)
		if (d->dns != NULL && (d->init == NULL || s->det_state[i] != NULL))
			d->dns(s->det_state[i], s, p, flow, dir, m);
}

static void
parse_and_dispatch(struct nj_dns_path *dp, struct nj_sensor *s,
    const struct nj_packet *p, struct nj_flow *flow, int dir,
    const uint8_t *data, size_t len, bool mdns)
{
	struct nj_dns_msg m;

	if (nj_dns_parse(data, len, &m, &s->events) != NJ_DECODE_OK) {
		dp->st.malformed++;
		return;
	}
	if (mdns)
		dp->st.mdns++;
	dns_message(dp, s, p, flow, dir, &m, mdns);
}

static void
tcp_message(void *arg, const uint8_t *msg, size_t len)
{
	struct tcp_ctx *x = arg;

	x->dp->st.tcp_messages++;
	parse_and_dispatch(x->dp, x->s, x->p, x->flow, x->dir, msg, len,
	    false);
}

/*
 * The flow's slot, or a new one. A linear scan: TCP DNS is rare (zone
 * transfers, truncated answers), the table small, and the scan runs only
 * for TCP segments on port 53.
 */
static struct tcp_slot *
slot_get(struct nj_dns_path *dp, struct nj_sensor *s,
    const struct nj_flow *flow, nj_time_t now)
{
	struct tcp_slot *t, *idlest = NULL, *free_slot = NULL;
	size_t i;

	for (i = 0; i < dp->cap; i++) {
		t = &dp->slots[i];
		if (t->flow == flow)
			return t;
		if (t->flow == NULL) {
			if (free_slot == NULL)
				free_slot = t;
		} else if (idlest == NULL || t->last < idlest->last)
			idlest = t;
	}
	if (free_slot == NULL) {
		if (idlest == NULL) {
			dp->st.tcp_refused++;
			return NULL;
		}
		slot_release(dp, s, idlest);
		dp->st.tcp_evicted++;
		free_slot = idlest;
	}
	nj_dns_tcp_init(&free_slot->r[0]);
	nj_dns_tcp_init(&free_slot->r[1]);
	free_slot->flow = flow;
	free_slot->last = now;
	dp->st.tcp_conns++;
	return free_slot;
}

static void
tcp_segment(struct nj_dns_path *dp, struct nj_sensor *s,
    const struct nj_packet *p, struct nj_flow *flow, int dir)
{
	struct tcp_ctx x = { dp, s, p, flow, dir };
	struct tcp_slot *t;
	uint32_t seq;

	if (flow == NULL || p->payload_len == 0)
		return;
	if ((t = slot_get(dp, s, flow, p->ts)) == NULL)
		return;
	t->last = p->ts;
	/* Data on a SYN starts one past the SYN's own number. */
	seq = p->tcp_seq + ((p->tcp_flags & NJ_TH_SYN) != 0 ? 1 : 0);
	nj_dns_tcp_feed(&t->r[dir != 0], p->payload, p->payload_len, seq,
	    tcp_message, &x, &s->events);
}

void
nj_dns_path_packet(struct nj_dns_path *dp, struct nj_sensor *s,
    const struct nj_packet *p, struct nj_flow *flow, int dir)
{
	bool mdns;

	if (!p->l4 || p->frag_later)
		return;
	if (p->proto == IPPROTO_UDP) {
		mdns = p->sport == NJ_MDNS_PORT || p->dport == NJ_MDNS_PORT;
		if ((p->sport != NJ_DNS_PORT && p->dport != NJ_DNS_PORT &&
		    !mdns) || p->payload_len == 0)
			return;
		parse_and_dispatch(dp, s, p, flow, dir, p->payload,
		    p->payload_len, mdns);
	} else if (p->proto == IPPROTO_TCP &&
	    (p->sport == NJ_DNS_PORT || p->dport == NJ_DNS_PORT))
		tcp_segment(dp, s, p, flow, dir);
}

void
nj_dns_path_flow_end(struct nj_dns_path *dp, struct nj_sensor *s,
    const struct nj_flow *f)
{
	size_t i;

	if (dp == NULL || dp->st.tcp_conns == 0 || f->proto != IPPROTO_TCP ||
	    (f->orig_port != NJ_DNS_PORT && f->resp_port != NJ_DNS_PORT))
		return;
	for (i = 0; i < dp->cap; i++)
		if (dp->slots[i].flow == f) {
			slot_release(dp, s, &dp->slots[i]);
			return;
		}
}

void
nj_dns_path_stats(const struct nj_dns_path *dp, struct nj_dns_path_stats *out)
{
	*out = dp->st;
}

void
nj_dns_path_write_stats(const struct nj_dns_path *dp,
    const struct nj_sensor *s, FILE *out)
{
	struct nj_dnscache_stats cs;
	const struct nj_dns_path_stats *st = &dp->st;

	fprintf(out, "dns.messages %" PRIu64 "\n", st->messages);
	fprintf(out, "dns.responses %" PRIu64 "\n", st->responses);
	fprintf(out, "dns.malformed %" PRIu64 "\n", st->malformed);
	fprintf(out, "dns.mdns %" PRIu64 "\n", st->mdns);
	fprintf(out, "dns.tcp_messages %" PRIu64 "\n", st->tcp_messages);
	fprintf(out, "dns.tcp_conns %" PRIu64 "\n", st->tcp_conns);
	fprintf(out, "dns.tcp_evicted %" PRIu64 "\n", st->tcp_evicted);
	if (s->dns == NULL)
		return;
	nj_dnscache_stats(s->dns, &cs);
	fprintf(out, "dns.cache.entries %" PRIu64 "\n", cs.entries);
	fprintf(out, "dns.cache.cap %" PRIu64 "\n", cs.cap);
	fprintf(out, "dns.cache.inserted %" PRIu64 "\n", cs.inserted);
	fprintf(out, "dns.cache.refreshed %" PRIu64 "\n", cs.refreshed);
	fprintf(out, "dns.cache.evicted %" PRIu64 "\n", cs.evicted);
	fprintf(out, "dns.cache.expired %" PRIu64 "\n", cs.expired);
	fprintf(out, "dns.cache.hits_client %" PRIu64 "\n", cs.hits_client);
	fprintf(out, "dns.cache.hits_other %" PRIu64 "\n", cs.hits_other);
	fprintf(out, "dns.cache.misses %" PRIu64 "\n", cs.misses);
}
