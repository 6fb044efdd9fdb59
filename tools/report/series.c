/* series.c: time buckets into a labelled series for the bar charts. */
#include <stdio.h>
#include <stdlib.h>

#include "report.h"

static uint64_t
measure(const struct rp_bucket *b, enum rp_measure m)
{
	return m == RP_ALERTS ? b->alerts : b->attempts;
}

static int
alloc_series(struct rp_series *s, size_t n)
{
	s->n = n;
	s->label = calloc(n ? n : 1, sizeof(*s->label));
	s->value = calloc(n ? n : 1, sizeof(*s->value));
	if (s->label == NULL || s->value == NULL) {
		rp_series_free(s);
		return -1;
	}
	return 0;
}

/*
 * Per hour, the hours between the first and the last alert are filled in
 * with zeros, because the silences are what a slow campaign is made of.
 * When the span is wider than the bucket cap (hostile or broken timestamps)
 * only the hours that saw alerts are shown.
 */
int
rp_series_make(const struct rp_agg *g, enum rp_per per, enum rp_measure m,
    struct rp_series *s)
{
	const char *unit = m == RP_ALERTS ? "alerts" : "attempts";
	size_t i, j, n;
	int64_t span;
	int fill;

	s->unit = unit;
	s->keyname = per == RP_PER_MINUTE ? "minute_of_hour" : "hour";
	if (per == RP_PER_MINUTE) {
		snprintf(s->title, sizeof(s->title), "%s per minute of the hour",
		    unit);
		if (alloc_series(s, 60) == -1)
			return -1;
		for (i = 0; i < 60; i++) {
			snprintf(s->label[i], sizeof(s->label[i]), "%02zu", i);
			s->value[i] = measure(&g->minutes[i], m);
		}
		return 0;
	}
	snprintf(s->title, sizeof(s->title), "%s per hour (UTC)", unit);
	n = g->nhours;
	fill = 0;
	if (n > 0) {
		span = g->hours[n - 1].key - g->hours[0].key + 1;
		if (span <= RP_HOURS_CAP) {
			n = (size_t)span;
			fill = 1;
		}
	}
	if (alloc_series(s, n) == -1)
		return -1;
	for (i = 0, j = 0; i < n; i++) {
		int64_t key = fill ? g->hours[0].key + (int64_t)i :
		    g->hours[i].key;

		rp_time_format(key * 3600 * 1000000, s->label[i],
		    sizeof(s->label[i]));
		/* "2014-07-18T17:00:00Z" reads better as "2014-07-18 17:00". */
		s->label[i][10] = ' ';
		s->label[i][16] = '\0';
		if (j < g->nhours && g->hours[j].key == key)
			s->value[i] = measure(&g->hours[j++], m);
	}
	return 0;
}

void
rp_series_free(struct rp_series *s)
{
	free(s->label);
	free(s->value);
	s->label = NULL;
	s->value = NULL;
	s->n = 0;
}
