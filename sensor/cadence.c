/*
 * cadence.c - update cadence of running alerts (tenfold, or timed).
 */
#include "sensor/cadence.h"

void
nj_cadence_start(struct nj_cadence *c, uint64_t count, nj_time_t now)
{
	c->next_count = count * 10;
	nj_cadence_reported(c, count, now);
}

void
nj_cadence_reported(struct nj_cadence *c, uint64_t count, nj_time_t now)
{
	c->count_at_report = count;
	c->last_report = now;
}

bool
nj_cadence_due(struct nj_cadence *c, uint64_t count, nj_time_t now,
    nj_time_t every)
{
	if (count >= c->next_count) {
		c->next_count = count * 10;
		return true;
	}
	return now >= c->last_report + every && count > c->count_at_report;
}
