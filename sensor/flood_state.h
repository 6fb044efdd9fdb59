/*
 * flood_state.h - the flood engine: one source opening connections to
 * one service (host and port) at a high rate, whatever the answers (the
 * relay attempts of seed 000: thousands of SMTP sessions in two
 * minutes, every one refused with 554). Not a scan: one port, one host.
 *
 * A count-min sketch counts attempts per (source, service) in the
 * current window; a key is tracked exactly only once its estimate
 * reaches `promote`, in a fixed table of max_keys slots (8-way buckets,
 * the key with the fewest attempts and longest quiet is evicted). So a
 * million sources each opening one connection cost the sketch's fixed
 * memory and nothing else.
 */
#ifndef NJ_FLOOD_STATE_H
#define NJ_FLOOD_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoders/types.h"

enum nj_flood_outcome {
	NJ_FLOOD_ATTEMPT = 0, /* a connection was opened (its first SYN) */
	NJ_FLOOD_REFUSED,     /* it was reset, or unreachable */
	NJ_FLOOD_ANSWERED,    /* it was accepted (an error may follow) */
	NJ_FLOOD_ERROR,       /* the application refused (SMTP 5xx, ...) */
	NJ_FLOOD_UNANSWERED,  /* nothing came back */
};

struct nj_flood_obs {
	nj_time_t ts;
	struct nj_addr src, dst;
	uint16_t dport;
	uint8_t proto;
	uint8_t outcome;   /* enum nj_flood_outcome */
	bool outbound;     /* a local source towards the outside */
};

struct nj_flood_cfg {
	double rate;          /* attempts/s sustained over window: 5 */
	nj_time_t window;     /* 60 s */
	uint32_t promote;     /* sketch estimate that earns a slot: 20 */
	nj_time_t idle_end;   /* quiet this long: the flood ended: 120 s */
	nj_time_t update_every; /* 300 s */
	uint32_t max_keys;    /* 4096 */
	uint32_t cms_width;   /* 65536 counters per row, 4 rows */
};
void nj_flood_cfg_default(struct nj_flood_cfg *cfg);

enum nj_flood_report_kind {
	NJ_FLOOD_REPORT_NEW = 0,
	NJ_FLOOD_REPORT_UPDATE,
	NJ_FLOOD_REPORT_FINAL,
};

struct nj_flood_report {
	enum nj_flood_report_kind kind;
	struct nj_addr src, dst;
	uint16_t dport;
	uint8_t proto;
	bool outbound;
	nj_time_t first, last;
	uint64_t attempts;      /* since tracking began (sketch count included) */
	uint64_t window_attempts; /* in the window that raised the alert */
	double rate;            /* attempts / (last - first), per second */
	uint64_t refused, answered, errors, unanswered;
};

typedef void (*nj_flood_report_fn)(void *arg, const struct nj_flood_report *r);

struct nj_flood_stats {
	uint64_t attempts, promoted, evicted, alerts, updates, finals;
	uint32_t active, peak;
};

struct nj_flood_engine;

struct nj_flood_engine *nj_flood_new(const struct nj_flood_cfg *cfg,
    uint64_t seed, nj_flood_report_fn fn, void *arg);
void nj_flood_free(struct nj_flood_engine *e);
void nj_flood_observe(struct nj_flood_engine *e, const struct nj_flood_obs *o);
void nj_flood_tick(struct nj_flood_engine *e, nj_time_t now);
void nj_flood_finish(struct nj_flood_engine *e, nj_time_t now);
const struct nj_flood_stats *nj_flood_stats(const struct nj_flood_engine *e);
size_t nj_flood_memsize(const struct nj_flood_cfg *cfg);

#endif
