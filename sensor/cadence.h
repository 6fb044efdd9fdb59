/*
 * cadence.h - when a detector's running alert deserves an update: each
 * time its count grows tenfold, or after `every` of packet time if the
 * count grew at all. Shared by the scan and flood engines.
 */
#ifndef NJ_CADENCE_H
#define NJ_CADENCE_H

#include <stdbool.h>
#include <stdint.h>

#include "decoders/types.h"

struct nj_cadence {
	uint64_t next_count;     /* an update is due at this count */
	uint64_t count_at_report;
	nj_time_t last_report;
};

/* The first alert went out at count, at now. */
void nj_cadence_start(struct nj_cadence *c, uint64_t count, nj_time_t now);
/* True (and the cadence advanced) when an update is due. */
bool nj_cadence_due(struct nj_cadence *c, uint64_t count, nj_time_t now,
    nj_time_t every);
/* Any report (an update or a final) went out. */
void nj_cadence_reported(struct nj_cadence *c, uint64_t count, nj_time_t now);

#endif
