/*
 * alert_fold.h - the bounded table that folds repeated alerts (the
 * rules are documented in alert_pipeline.h).
 */
#ifndef NJ_ALERT_FOLD_H
#define NJ_ALERT_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sensor/alert.h"

/* Where the table writes first alerts' updates. */
typedef void (*nj_fold_sink)(void *ctx, const struct nj_alert *a,
    const char *sensor);

struct nj_fold_table;

struct nj_fold_table *nj_fold_new(size_t cap, nj_time_t window,
    uint64_t every, nj_fold_sink sink, void *ctx);
void nj_fold_free(struct nj_fold_table *t);
/*
 * Offers an alert. Returns true when it was folded into an open entry
 * (the caller writes nothing), false when the caller must write it (it
 * became the first alert of a new entry, or the table could not hold
 * it).
 */
bool nj_fold_offer(struct nj_fold_table *t, const struct nj_alert *a,
    const char *sensor);
/* Closes windows ending at or before now (every window when all). */
void nj_fold_expire(struct nj_fold_table *t, nj_time_t now, bool all);
void nj_fold_counters(const struct nj_fold_table *t, uint64_t *evicted,
    uint64_t *entries);

#endif
