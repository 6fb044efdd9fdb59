/*
 * stats.h - the statistics block: "name value" lines, one counter each,
 * so both people and scripts read them (at exit, on SIGUSR1, and every
 * --stats-interval minutes live).
 */
#ifndef NJ_STATS_H
#define NJ_STATS_H

#include <stdio.h>

#include "sensor/sensor.h"

struct nj_capture;

/* Writes every counter of the sensor (and of the capture when live). */
void nj_stats_write(FILE *out, const struct nj_sensor *s,
    struct nj_capture *cap);

#endif
