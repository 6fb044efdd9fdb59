/*
 * hostbaseline.h - per-host DNS queries per hour, learned over packet
 * time and kept across restarts in a state file: what dns-quiet-host
 * compares a host's current hour with. Bounded: at most cap hosts,
 * least recently used evicted (counted).
 */
#ifndef NJ_HOSTBASELINE_H
#define NJ_HOSTBASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "decoders/types.h"

#define NJ_HB_HOUR NJ_SEC(3600)
#define NJ_HB_SAMPLES 3
#define NJ_HB_NAME 128 /* sample names are cut to this, NUL included */

struct nj_hb_host {
	nj_time_t first_seen;  /* packet time the host was first seen */
	uint64_t hour;         /* hour (packet time / 1 h) that cur counts */
	uint32_t cur;          /* queries in that hour */
	uint32_t peak;         /* busiest completed hour, reported hours excluded */
	uint64_t total;        /* queries in completed hours */
	bool alerted;          /* the current hour was reported */
	uint8_t nsamples;      /* names asked in the current hour */
	char sample[NJ_HB_SAMPLES][NJ_HB_NAME];
};

struct nj_hostbaseline;

struct nj_hb_stats {
	uint64_t hosts, cap, evicted, loaded, saved, save_errors;
};

struct nj_hostbaseline *nj_hb_new(size_t cap);
void nj_hb_free(struct nj_hostbaseline *hb);

/*
 * The host's baseline, brought up to the hour of now (a finished hour
 * is folded into peak and total). create: add the host, first seen now.
 */
struct nj_hb_host *nj_hb_get(struct nj_hostbaseline *hb,
    const struct nj_addr *a, bool create, nj_time_t now);
/* Counts one query (name may be NULL) in the host's current hour. */
void nj_hb_count(struct nj_hb_host *h, const char *name);
/* Hours of baseline the host has, up to the hour of now. */
uint64_t nj_hb_hours(const struct nj_hb_host *h, nj_time_t now);

/*
 * Reads a state file written by nj_hb_save into hb (which should be
 * empty). Returns 0 on success or when the file does not exist; -1 when
 * it cannot be read or is not a valid state file, after writing one
 * "FILE:LINE: message" line to errs (may be NULL) and emptying hb.
 */
int nj_hb_load(struct nj_hostbaseline *hb, const char *path, FILE *errs);
/*
 * Writes hb to path atomically (PATH.tmp, then rename). Returns 0, or
 * -1 with errno set.
 */
int nj_hb_save(struct nj_hostbaseline *hb, const char *path);

void nj_hb_stats(const struct nj_hostbaseline *hb, struct nj_hb_stats *out);

#endif
