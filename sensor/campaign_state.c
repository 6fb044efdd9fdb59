/*
 * campaign_state.c - per-service counting of login attempts by many
 * light sources. Per service: about 400 bytes plus the sketch (4 rows
 * of cms_width 32-bit counters, 32 KiB at the default). A service's
 * counts restart after `window` unless it is a campaign already, which
 * lasts until it has been quiet for a whole window.
 */
#include <stdlib.h>
#include <string.h>

#include "sensor/campaign_state.h"
#include "sensor/sketch.h"

struct service {
	struct nj_addr dst;
	uint16_t dport;
	uint8_t proto;
	uint8_t used, alerted;
	const char *name;
	nj_time_t first, last, win_start;
	uint64_t attempts;
	uint32_t heavy;
	uint32_t sources;        /* distinct: first seen by the sketch */
	uint32_t sources_at_report;
	struct nj_cms per_source;
	uint32_t minute[60];
	struct nj_campaign_top top[NJ_CAMPAIGN_TOP];
	unsigned ntop;
};

struct nj_campaign_engine {
	struct nj_campaign_cfg cfg;
	uint64_t seed;
	nj_campaign_report_fn fn;
	void *arg;
	struct service *svc;
	uint32_t sweep;
	struct nj_campaign_stats st;
};

void
nj_campaign_cfg_default(struct nj_campaign_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->min_sources = 20;
	cfg->max_per_source = 10;
	cfg->window = NJ_SEC(24 * 3600);
	cfg->max_services = 64;
	cfg->cms_width = 2048;
}

size_t
nj_campaign_memsize(const struct nj_campaign_cfg *cfg)
{
	return sizeof(struct nj_campaign_engine) + (size_t)cfg->max_services *
	    (sizeof(struct service) + (size_t)cfg->cms_width * 4 *
	    sizeof(uint32_t));
}

struct nj_campaign_engine *
nj_campaign_new(const struct nj_campaign_cfg *cfg, uint64_t seed,
    nj_campaign_report_fn fn, void *arg)
{
	struct nj_campaign_engine *e;
	uint32_t i;

	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	e->cfg = *cfg;
	if (e->cfg.max_services < 1)
		e->cfg.max_services = 1;
	e->seed = seed;
	e->fn = fn;
	e->arg = arg;
	if ((e->svc = calloc(e->cfg.max_services, sizeof(*e->svc))) == NULL)
		goto fail;
	for (i = 0; i < e->cfg.max_services; i++)
		if (nj_cms_init(&e->svc[i].per_source, cfg->cms_width, 4,
		    seed + i) == -1)
			goto fail;
	return e;
fail:
	nj_campaign_free(e);
	return NULL;
}

void
nj_campaign_free(struct nj_campaign_engine *e)
{
	uint32_t i;

	if (e == NULL)
		return;
	for (i = 0; e->svc != NULL && i < e->cfg.max_services; i++)
		nj_cms_free(&e->svc[i].per_source);
	free(e->svc);
	free(e);
}

const struct nj_campaign_stats *
nj_campaign_stats(const struct nj_campaign_engine *e)
{
	return &e->st;
}

static uint32_t
light_sources(const struct service *s)
{
	return s->sources > s->heavy ? s->sources - s->heavy : 0;
}

static void
report(struct nj_campaign_engine *e, struct service *s,
    enum nj_campaign_report_kind kind)
{
	struct nj_campaign_report r;
	uint64_t early = (uint64_t)s->minute[0] + s->minute[1] + s->minute[2];

	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.dst = s->dst;
	r.dport = s->dport;
	r.proto = s->proto;
	r.service = s->name;
	r.sources = s->sources;
	r.heavy = s->heavy;
	r.attempts = s->attempts;
	r.first = s->first;
	r.last = s->last;
	r.minute = s->minute;
	r.first3_share = s->attempts ? (double)early / (double)s->attempts : 0;
	r.top = s->top;
	r.ntop = s->ntop;
	s->sources_at_report = s->sources;
	if (kind == NJ_CAMPAIGN_REPORT_NEW)
		e->st.alerts++;
	else if (kind == NJ_CAMPAIGN_REPORT_UPDATE)
		e->st.updates++;
	else
		e->st.finals++;
	if (e->fn != NULL)
		e->fn(e->arg, &r);
}

/* Clears a service's counts, keeping its sketch's memory. */
static void
reset(struct service *s)
{
	struct nj_cms cms = s->per_source;

	nj_cms_clear(&cms);
	memset(s, 0, sizeof(*s));
	s->per_source = cms;
}

static struct service *
lookup(struct nj_campaign_engine *e, const struct nj_campaign_obs *o)
{
	struct service *s, *v = NULL;
	uint32_t i;

	for (i = 0; i < e->cfg.max_services; i++) {
		s = &e->svc[i];
		if (s->used && s->dport == o->dport && s->proto == o->proto &&
		    memcmp(&s->dst, &o->dst, sizeof(o->dst)) == 0)
			return s;
		/* The victim: a free slot, else the fewest attempts. */
		if (v == NULL || (v->used && (!s->used || (s->alerted ==
		    v->alerted ? s->attempts < v->attempts : !s->alerted))))
			v = s;
	}
	if (v->used) {
		e->st.evicted++;
		if (v->alerted)
			report(e, v, NJ_CAMPAIGN_REPORT_FINAL);
	}
	reset(v);
	v->used = 1;
	v->dst = o->dst;
	v->dport = o->dport;
	v->proto = o->proto;
	v->name = o->service;
	v->first = v->last = v->win_start = o->ts;
	e->st.services_created++;
	return v;
}

static void
top_update(struct service *s, const struct nj_addr *src, uint32_t n)
{
	unsigned i, min = 0;
	struct nj_campaign_top t;

	for (i = 0; i < s->ntop; i++)
		if (memcmp(&s->top[i].src, src, sizeof(*src)) == 0)
			break;
	if (i == s->ntop) {
		if (s->ntop < NJ_CAMPAIGN_TOP)
			i = s->ntop++;
		else {
			for (i = 1; i < s->ntop; i++)
				if (s->top[i].attempts < s->top[min].attempts)
					min = i;
			if (s->top[min].attempts >= n)
				return;
			i = min;
		}
		s->top[i].src = *src;
	}
	s->top[i].attempts = n;
	/* Keep the array sorted, most attempts first. */
	while (i > 0 && s->top[i].attempts > s->top[i - 1].attempts) {
		t = s->top[i];
		s->top[i] = s->top[i - 1];
		s->top[i - 1] = t;
		i--;
	}
}

void
nj_campaign_observe(struct nj_campaign_engine *e,
    const struct nj_campaign_obs *o)
{
	struct service *s = lookup(e, o);
	uint64_t h = nj_hash64(&o->src, sizeof(o->src), e->seed);
	uint32_t n;

	e->st.attempts++;
	if (!s->alerted && o->ts >= s->win_start + e->cfg.window) {
		/* A quiet trickle over more than a window starts again. */
		const char *name = s->name;

		reset(s);
		s->used = 1;
		s->dst = o->dst;
		s->dport = o->dport;
		s->proto = o->proto;
		s->name = name;
		s->first = s->win_start = o->ts;
	}
	if (s->attempts == 0)
		s->first = o->ts;
	if (o->ts > s->last)
		s->last = o->ts;
	s->attempts++;
	s->minute[(o->ts / NJ_USEC_PER_SEC / 60) % 60]++;
	/*
	 * A source is new when the sketch has never counted it: with
	 * conservative update and four rows a stranger looks known only if
	 * all four of its counters were taken, so the count is near exact.
	 */
	if (nj_cms_estimate(&s->per_source, h) == 0)
		s->sources++;
	n = nj_cms_add(&s->per_source, h, 1);
	if (n == e->cfg.max_per_source + 1)
		s->heavy++;
	top_update(s, &o->src, n);
	if (!s->alerted) {
		if (light_sources(s) >= e->cfg.min_sources) {
			s->alerted = 1;
			report(e, s, NJ_CAMPAIGN_REPORT_NEW);
		}
	} else if (s->sources >= 2 * s->sources_at_report)
		report(e, s, NJ_CAMPAIGN_REPORT_UPDATE);
}

void
nj_campaign_tick(struct nj_campaign_engine *e, nj_time_t now)
{
	struct service *s = &e->svc[e->sweep];

	e->sweep = (e->sweep + 1) % e->cfg.max_services;
	if (s->used && now > s->last && now - s->last >= e->cfg.window) {
		if (s->alerted)
			report(e, s, NJ_CAMPAIGN_REPORT_FINAL);
		reset(s);
	}
}

void
nj_campaign_finish(struct nj_campaign_engine *e, nj_time_t now)
{
	uint32_t i;

	(void)now;
	for (i = 0; i < e->cfg.max_services; i++) {
		if (e->svc[i].used && e->svc[i].alerted)
			report(e, &e->svc[i], NJ_CAMPAIGN_REPORT_FINAL);
		reset(&e->svc[i]);
	}
}
