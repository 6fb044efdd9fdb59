/*
 * campaign_state.h - the distributed-campaign engine: many sources, each
 * below every per-source threshold, attempting logins on the same local
 * service over hours or days (seed 001: the Hail Mary Cloud, hundreds
 * of hosts, a few POP3 attempts each, bunched in the first minutes of
 * every hour).
 *
 * Per service (host and port; at most max_services, the quietest
 * evicted): a count-min sketch of attempts per source, which also
 * counts distinct sources (so a source that passes max_per_source is known
 * to be a brute-forcer of its own and leaves the count of "light"
 * sources), a minute-of-hour histogram, first and last attempt, and the
 * top sources (a small array ranked by the sketch's estimate). All of it
 * is allocated once, in nj_campaign_new.
 */
#ifndef NJ_CAMPAIGN_STATE_H
#define NJ_CAMPAIGN_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoders/types.h"

struct nj_campaign_obs {
	nj_time_t ts;
	struct nj_addr src, dst;   /* attempting source, local service host */
	uint16_t dport;
	uint8_t proto;
	const char *service;       /* "ssh", "pop3", ... (static string) */
};

struct nj_campaign_cfg {
	uint32_t min_sources;      /* light sources that make a campaign: 20 */
	uint32_t max_per_source;   /* attempts above which a source is heavy: 10 */
	nj_time_t window;          /* counting period: 24 h */
	uint32_t max_services;     /* 64 */
	uint32_t cms_width;        /* per service, 4 rows: 2048 */
};
void nj_campaign_cfg_default(struct nj_campaign_cfg *cfg);

#define NJ_CAMPAIGN_TOP 8

struct nj_campaign_top {
	struct nj_addr src;
	uint32_t attempts;
};

enum nj_campaign_report_kind {
	NJ_CAMPAIGN_REPORT_NEW = 0,
	NJ_CAMPAIGN_REPORT_UPDATE, /* the number of sources doubled */
	NJ_CAMPAIGN_REPORT_FINAL,  /* end of input, or quiet for a window */
};

struct nj_campaign_report {
	enum nj_campaign_report_kind kind;
	struct nj_addr dst;
	uint16_t dport;
	uint8_t proto;
	const char *service;
	uint32_t sources;          /* distinct sources */
	uint32_t heavy;            /* of them above max_per_source */
	uint64_t attempts;
	nj_time_t first, last;
	const uint32_t *minute;    /* [60] attempts by minute of the hour */
	double first3_share;       /* share of attempts at :00-:02 */
	const struct nj_campaign_top *top; /* by attempts, most first */
	unsigned ntop;
};

typedef void (*nj_campaign_report_fn)(void *arg,
    const struct nj_campaign_report *r);

struct nj_campaign_stats {
	uint64_t attempts, services_created, evicted, alerts, updates, finals;
};

struct nj_campaign_engine;

struct nj_campaign_engine *nj_campaign_new(const struct nj_campaign_cfg *cfg,
    uint64_t seed, nj_campaign_report_fn fn, void *arg);
void nj_campaign_free(struct nj_campaign_engine *e);
void nj_campaign_observe(struct nj_campaign_engine *e,
    const struct nj_campaign_obs *o);
void nj_campaign_tick(struct nj_campaign_engine *e, nj_time_t now);
void nj_campaign_finish(struct nj_campaign_engine *e, nj_time_t now);
const struct nj_campaign_stats *nj_campaign_stats(
    const struct nj_campaign_engine *e);
size_t nj_campaign_memsize(const struct nj_campaign_cfg *cfg);

#endif
