/*
 * flood_state.c - per (source, service) connection rates: a count-min
 * prefilter, then an exact bounded table for the busy keys.
 *
 * Per tracked key (struct key, about 120 bytes): the tuple, first and
 * last attempt, attempts in all and in the current window, the answers
 * counted by kind, and the report bookkeeping. A key lives until it has
 * been quiet for idle_end (an alerted key then sends its final summary)
 * or is evicted. The sketch is halved every window, so its counts decay.
 */
#include <stdlib.h>
#include <string.h>

#include "sensor/cadence.h"
#include "sensor/flood_state.h"
#include "sensor/sketch.h"

#define WAYS 8

struct key {
	struct nj_addr src, dst;
	uint16_t dport;
	uint8_t proto;
	uint8_t used, alerted, outbound;
	nj_time_t first, last, win_start;
	uint64_t attempts, win_attempts, alert_window;
	struct nj_cadence cad;
	uint64_t refused, answered, errors, unanswered;
};

struct nj_flood_engine {
	struct nj_flood_cfg cfg;
	uint64_t seed;
	nj_flood_report_fn fn;
	void *arg;
	struct nj_cms cms;
	nj_time_t cms_start;
	uint32_t nbuckets, sweep;
	struct key *slot;
	struct nj_flood_stats st;
};

void
nj_flood_cfg_default(struct nj_flood_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->rate = 5;
	cfg->window = NJ_SEC(60);
	cfg->promote = 20;
	cfg->idle_end = NJ_SEC(120);
	cfg->update_every = NJ_SEC(300);
	cfg->max_keys = 4096;
	cfg->cms_width = 65536;
}

static uint32_t
buckets_for(const struct nj_flood_cfg *cfg)
{
	uint32_t n = (cfg->max_keys + WAYS - 1) / WAYS;

	return n < 1 ? 1 : n;
}

size_t
nj_flood_memsize(const struct nj_flood_cfg *cfg)
{
	return sizeof(struct nj_flood_engine) + (size_t)buckets_for(cfg) *
	    WAYS * sizeof(struct key) + (size_t)cfg->cms_width * 4 *
	    sizeof(uint32_t);
}

struct nj_flood_engine *
nj_flood_new(const struct nj_flood_cfg *cfg, uint64_t seed,
    nj_flood_report_fn fn, void *arg)
{
	struct nj_flood_engine *e;

	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	e->cfg = *cfg;
	e->seed = seed;
	e->fn = fn;
	e->arg = arg;
	e->nbuckets = buckets_for(cfg);
	e->slot = calloc((size_t)e->nbuckets * WAYS, sizeof(*e->slot));
	if (e->slot == NULL || nj_cms_init(&e->cms, cfg->cms_width, 4,
	    seed) == -1) {
		free(e->slot);
		free(e);
		return NULL;
	}
	return e;
}

void
nj_flood_free(struct nj_flood_engine *e)
{
	if (e == NULL)
		return;
	nj_cms_free(&e->cms);
	free(e->slot);
	free(e);
}

const struct nj_flood_stats *
nj_flood_stats(const struct nj_flood_engine *e)
{
	return &e->st;
}

static void
report(struct nj_flood_engine *e, struct key *k,
    enum nj_flood_report_kind kind, nj_time_t now)
{
	struct nj_flood_report r;
	double dt = (double)(k->last - k->first) / 1e6;

	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.src = k->src;
	r.dst = k->dst;
	r.dport = k->dport;
	r.proto = k->proto;
	r.outbound = k->outbound;
	r.first = k->first;
	r.last = k->last;
	r.attempts = k->attempts;
	r.window_attempts = k->alert_window;
	r.rate = dt > 0 ? (double)k->attempts / dt : 0;
	r.refused = k->refused;
	r.answered = k->answered;
	r.errors = k->errors;
	r.unanswered = k->unanswered;
	nj_cadence_reported(&k->cad, k->attempts, now);
	if (kind == NJ_FLOOD_REPORT_NEW)
		e->st.alerts++;
	else if (kind == NJ_FLOOD_REPORT_UPDATE)
		e->st.updates++;
	else
		e->st.finals++;
	if (e->fn != NULL)
		e->fn(e->arg, &r);
}

static void
release(struct nj_flood_engine *e, struct key *k, nj_time_t now)
{
	if (k->alerted)
		report(e, k, NJ_FLOOD_REPORT_FINAL, now);
	memset(k, 0, sizeof(*k));
	e->st.active--;
}

static uint64_t
key_hash(const struct nj_flood_engine *e, const struct nj_flood_obs *o)
{
	uint8_t buf[2 * sizeof(struct nj_addr) + 3];

	memcpy(buf, &o->src, sizeof(o->src));
	memcpy(buf + sizeof(o->src), &o->dst, sizeof(o->dst));
	buf[sizeof(buf) - 3] = (uint8_t)(o->dport >> 8);
	buf[sizeof(buf) - 2] = (uint8_t)o->dport;
	buf[sizeof(buf) - 1] = o->proto;
	return nj_hash64(buf, sizeof(buf), e->seed);
}

static bool
same(const struct key *k, const struct nj_flood_obs *o)
{
	return k->used && k->dport == o->dport && k->proto == o->proto &&
	    memcmp(&k->src, &o->src, sizeof(o->src)) == 0 &&
	    memcmp(&k->dst, &o->dst, sizeof(o->dst)) == 0;
}

static struct key *
lookup(struct nj_flood_engine *e, const struct nj_flood_obs *o, uint64_t h,
    bool create)
{
	struct key *b = &e->slot[(size_t)(h % e->nbuckets) * WAYS], *v;
	unsigned i;

	for (i = 0; i < WAYS; i++)
		if (same(&b[i], o))
			return &b[i];
	if (!create)
		return NULL;
	v = &b[0];
	for (i = 0; i < WAYS; i++) {
		if (!b[i].used) {
			v = &b[i];
			break;
		}
		/* Alerted keys go last; then the fewest attempts, the oldest. */
		if (b[i].alerted != v->alerted ? !b[i].alerted :
		    b[i].win_attempts != v->win_attempts ?
		    b[i].win_attempts < v->win_attempts : b[i].last < v->last)
			v = &b[i];
	}
	if (v->used) {
		e->st.evicted++;
		release(e, v, o->ts);
	}
	memset(v, 0, sizeof(*v));
	v->used = 1;
	v->src = o->src;
	v->dst = o->dst;
	v->dport = o->dport;
	v->proto = o->proto;
	v->first = v->last = v->win_start = o->ts;
	e->st.promoted++;
	if (++e->st.active > e->st.peak)
		e->st.peak = e->st.active;
	return v;
}

static void
check(struct nj_flood_engine *e, struct key *k, nj_time_t now)
{
	double need = e->cfg.rate * (double)e->cfg.window / 1e6;

	if (!k->alerted) {
		if ((double)k->win_attempts < need)
			return;
		k->alerted = 1;
		k->alert_window = k->win_attempts;
		nj_cadence_start(&k->cad, k->attempts, now);
		report(e, k, NJ_FLOOD_REPORT_NEW, now);
		return;
	}
	if (nj_cadence_due(&k->cad, k->attempts, now, e->cfg.update_every))
		report(e, k, NJ_FLOOD_REPORT_UPDATE, now);
}

void
nj_flood_observe(struct nj_flood_engine *e, const struct nj_flood_obs *o)
{
	uint64_t h = key_hash(e, o);
	uint32_t est = 0;
	struct key *k;

	if (o->ts >= e->cms_start + e->cfg.window) {
		/* Old counts decay: a slow trickle never adds up to a flood. */
		nj_cms_halve(&e->cms);
		e->cms_start = o->ts;
	}
	if (o->outcome == NJ_FLOOD_ATTEMPT) {
		e->st.attempts++;
		est = nj_cms_add(&e->cms, h, 1);
	}
	k = lookup(e, o, h, o->outcome == NJ_FLOOD_ATTEMPT &&
	    est >= e->cfg.promote);
	if (k == NULL)
		return;
	if (o->outbound)
		k->outbound = 1;
	switch (o->outcome) {
	case NJ_FLOOD_ATTEMPT:
		if (k->attempts == 0) {
			/* The sketch saw the attempts before the slot. */
			k->attempts = est;
			k->win_attempts = est;
		} else {
			if (o->ts >= k->win_start + e->cfg.window) {
				k->win_start = o->ts;
				k->win_attempts = 0;
			}
			k->attempts++;
			k->win_attempts++;
		}
		if (o->ts > k->last)
			k->last = o->ts;
		break;
	case NJ_FLOOD_REFUSED:
		k->refused++;
		break;
	case NJ_FLOOD_ANSWERED:
		k->answered++;
		break;
	case NJ_FLOOD_ERROR:
		k->errors++;
		break;
	case NJ_FLOOD_UNANSWERED:
		k->unanswered++;
		break;
	}
	check(e, k, o->ts);
}

void
nj_flood_tick(struct nj_flood_engine *e, nj_time_t now)
{
	size_t n = (size_t)e->nbuckets * WAYS, step = n / 64 + 1, i;
	struct key *k;

	for (i = 0; i < step; i++) {
		k = &e->slot[e->sweep];
		e->sweep = (uint32_t)((e->sweep + 1) % n);
		if (k->used && now > k->last && now - k->last >= e->cfg.idle_end)
			release(e, k, now);
	}
}

void
nj_flood_finish(struct nj_flood_engine *e, nj_time_t now)
{
	size_t n = (size_t)e->nbuckets * WAYS, i;

	for (i = 0; i < n; i++)
		if (e->slot[i].used)
			release(e, &e->slot[i], now);
}
