/*
 * app_path.c - the side table of flows under application recognition:
 * pool, chained hash on the flow pointer, LRU eviction, in-order feeding.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/app_path.h"
#include "sensor/detector.h"
#include "sensor/lru.h"
#include "sensor/sensor.h"

/*
 * flow->app_state bit: this flow's recognition is over (verdict final,
 * nothing claimed it, or its entry was evicted); never start it again.
 */
#define NJ_APP_STATE_DONE 0x80000000u
/* flow->app_state bit: the recognisers read its payload and none said yes. */
#define NJ_APP_STATE_NONE 0x40000000u

#define NIL UINT32_MAX

struct entry {
	struct nj_app_flow af;     /* first: nj_app_ev_final casts to it */
	struct nj_app_state st;
	struct nj_flow *flow;      /* key; NULL when the entry is free */
	uint32_t next_seq[2];      /* next payload byte expected, per dir */
	uint8_t seq_ok;            /* bit dir: next_seq[dir] is valid */
	bool announced;            /* detectors heard of the verdict */
	uint32_t hnext;            /* hash chain */
};

struct nj_app_path {
	struct entry *e;
	uint32_t cap, nbuckets;    /* nbuckets: a power of two */
	uint32_t *bucket;
	uint32_t free;             /* free list through hnext */
	struct nj_lru_link *link;  /* LRU list, parallel to e */
	struct nj_lru lru;         /* head: fed most recently */
	struct nj_app_path_stats st;
};

struct nj_app_path *
nj_app_path_new(size_t cap)
{
	struct nj_app_path *ap;
	uint32_t i;

	if (cap < 1 || cap > UINT32_MAX / 4)
		return NULL;
	if ((ap = calloc(1, sizeof(*ap))) == NULL)
		return NULL;
	ap->cap = (uint32_t)cap;
	ap->nbuckets = 1;
	while (ap->nbuckets < ap->cap)
		ap->nbuckets <<= 1;
	ap->e = calloc(ap->cap, sizeof(*ap->e));
	ap->bucket = malloc(ap->nbuckets * sizeof(*ap->bucket));
	ap->link = calloc(ap->cap, sizeof(*ap->link));
	if (ap->e == NULL || ap->bucket == NULL || ap->link == NULL) {
		nj_app_path_free(ap);
		return NULL;
	}
	for (i = 0; i < ap->nbuckets; i++)
		ap->bucket[i] = NIL;
	for (i = 0; i < ap->cap; i++)
		ap->e[i].hnext = i + 1 < ap->cap ? i + 1 : NIL;
	ap->free = 0;
	nj_lru_init(&ap->lru);
	return ap;
}

void
nj_app_path_free(struct nj_app_path *ap)
{
	if (ap == NULL)
		return;
	free(ap->e);
	free(ap->bucket);
	free(ap->link);
	free(ap);
}

bool
nj_app_ev_final(const struct nj_app_evidence *ev)
{
	return ((const struct nj_app_flow *)(const void *)ev)->final;
}

enum nj_app
nj_app_tag(enum nj_app_proto proto)
{
	switch (proto) {
	case NJ_APP_IRC:
		return NJ_FLOW_APP_IRC;
	case NJ_APP_SMTP:
		return NJ_FLOW_APP_SMTP;
	case NJ_APP_POP3:
		return NJ_FLOW_APP_POP3;
	case NJ_APP_IMAP:
		return NJ_FLOW_APP_IMAP;
	case NJ_APP_SSH:
		return NJ_FLOW_APP_SSH;
	default:
		return NJ_FLOW_APP_UNKNOWN;
	}
}

bool
nj_app_flow_unclaimed(const struct nj_flow *f)
{
	return (f->app_state & NJ_APP_STATE_NONE) != 0;
}

bool
nj_app_endpoints(const struct nj_flow *f, const struct nj_app_evidence *ev,
    const struct nj_addr **client, const struct nj_addr **server,
    uint16_t *server_port)
{
	bool swap = ev->client_known && ev->client_dir == NJ_APP_DIR_RESP;

	*client = swap ? &f->resp : &f->orig;
	*server = swap ? &f->orig : &f->resp;
	*server_port = swap ? f->orig_port : f->resp_port;
	return swap;
}

static uint32_t
hash(const struct nj_app_path *ap, const struct nj_flow *f)
{
	uint64_t x = (uint64_t)(uintptr_t)f;

	/* Flows are slots of one pool: mix the address bits (splitmix64). */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return (uint32_t)x & (ap->nbuckets - 1);
}

static uint32_t
lookup(const struct nj_app_path *ap, const struct nj_flow *f)
{
	uint32_t i;

	for (i = ap->bucket[hash(ap, f)]; i != NIL; i = ap->e[i].hnext)
		if (ap->e[i].flow == f)
			return i;
	return NIL;
}

static void
release(struct nj_app_path *ap, uint32_t i)
{
	struct entry *e = &ap->e[i];
	uint32_t *pp;

	for (pp = &ap->bucket[hash(ap, e->flow)]; *pp != i;
	    pp = &ap->e[*pp].hnext)
		;
	*pp = e->hnext;
	nj_lru_unlink(&ap->lru, ap->link, i);
	e->flow = NULL;
	e->hnext = ap->free;
	ap->free = i;
	ap->st.active--;
}

/* Every detector interested in application verdicts hears of this one. */
static void
tell(struct nj_sensor *s, struct nj_flow *flow, struct entry *e, bool final)
{
	const struct nj_detector *d;
	size_t i;

	e->af.final = final;
	for (i = 0; (d = nj_detectors[i]) != NULL && i < NJ_MAX_DETECTORS; i++)
		if (d->app != NULL)
			d->app(s->det_state[i], s, flow, &e->af.ev);
}

/* Recognition of a flow is over: final word to the detectors, free. */
static void
finish(struct nj_sensor *s, struct nj_app_path *ap, uint32_t i)
{
	struct entry *e = &ap->e[i];
	struct nj_flow *flow = e->flow;

	if (e->announced)
		tell(s, flow, e, true);
	else if (e->af.ev.proto == NJ_APP_NONE) {
		flow->app_state |= NJ_APP_STATE_NONE;
		ap->st.none++;
	}
	release(ap, i);
}

static uint32_t
start(struct nj_sensor *s, struct nj_app_path *ap, struct nj_flow *flow)
{
	struct entry *e;
	uint32_t i, h;

	if (ap->free == NIL) {
		/* Full: the flow fed least recently gives up its place. */
		i = ap->lru.tail;
		ap->e[i].flow->app_state |= NJ_APP_STATE_DONE;
		ap->st.evicted++;
		finish(s, ap, i);
	}
	i = ap->free;
	e = &ap->e[i];
	ap->free = e->hnext;
	memset(e, 0, sizeof(*e));
	e->flow = flow;
	nj_app_init(&e->st, &e->af.ev,
	    flow->initiator_inferred ? NJ_APP_INFERRED : 0);
	h = hash(ap, flow);
	e->hnext = ap->bucket[h];
	ap->bucket[h] = i;
	nj_lru_push(&ap->lru, ap->link, i);
	ap->st.started++;
	if (++ap->st.active > ap->st.peak)
		ap->st.peak = ap->st.active;
	return i;
}

void
nj_app_path_packet(struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir)
{
	struct nj_app_path *ap = s->app;
	const uint8_t *data;
	struct entry *e;
	uint32_t i, len, behind, bit;
	enum nj_app_proto proto;

	if (ap == NULL || flow == NULL || flow->proto != IPPROTO_TCP ||
	    p->proto != IPPROTO_TCP || !p->l4 || p->payload_len == 0 ||
	    (flow->app_state & NJ_APP_STATE_DONE))
		return;
	if ((i = lookup(ap, flow)) == NIL)
		i = start(s, ap, flow);
	else
		nj_lru_touch(&ap->lru, ap->link, i);
	e = &ap->e[i];
	data = p->payload;
	len = p->payload_len;
	bit = 1u << (dir & 1);
	if (e->seq_ok & bit) {
		/* Bytes behind the next expected one were fed already. */
		behind = e->next_seq[dir & 1] - p->tcp_seq;
		if (behind != 0 && behind < 0x80000000u) {
			if (behind >= len) {
				ap->st.retrans++;
				return;
			}
			data += behind;
			len -= behind;
			ap->st.trimmed++;
		}
	}
	e->next_seq[dir & 1] = p->tcp_seq + p->payload_len;
	e->seq_ok |= bit;

	proto = nj_app_feed(&e->st, &e->af.ev, (unsigned)(dir & 1), data, len);
	if (proto > NJ_APP_NONE && !e->announced) {
		e->announced = true;
		flow->app = (uint8_t)nj_app_tag(proto);
		ap->st.recognised++;
		tell(s, flow, e, false);
	}
	if (nj_app_done(&e->st)) {
		flow->app_state |= NJ_APP_STATE_DONE;
		finish(s, ap, i);
	}
}

const struct nj_app_evidence *
nj_app_path_evidence(const struct nj_app_path *ap, const struct nj_flow *flow)
{
	uint32_t i;

	if (ap == NULL || (i = lookup(ap, flow)) == NIL)
		return NULL;
	return &ap->e[i].af.ev;
}

void
nj_app_path_flow_end(struct nj_sensor *s, const struct nj_flow *flow)
{
	struct nj_app_path *ap = s->app;
	uint32_t i;

	if (ap == NULL || (i = lookup(ap, flow)) == NIL)
		return;
	finish(s, ap, i);
}

void
nj_app_path_get_stats(const struct nj_app_path *ap,
    struct nj_app_path_stats *st)
{
	*st = ap->st;
}

void
nj_app_path_stats(const struct nj_app_path *ap, FILE *out)
{
	if (ap == NULL)
		return;
	fprintf(out, "app.started %llu\n", (unsigned long long)ap->st.started);
	fprintf(out, "app.recognised %llu\n",
	    (unsigned long long)ap->st.recognised);
	fprintf(out, "app.none %llu\n", (unsigned long long)ap->st.none);
	fprintf(out, "app.evicted %llu\n", (unsigned long long)ap->st.evicted);
	fprintf(out, "app.retrans %llu\n", (unsigned long long)ap->st.retrans);
	fprintf(out, "app.trimmed %llu\n", (unsigned long long)ap->st.trimmed);
	fprintf(out, "app.active %llu\n", (unsigned long long)ap->st.active);
	fprintf(out, "app.peak %llu\n", (unsigned long long)ap->st.peak);
}
