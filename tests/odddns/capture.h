/*
 * capture.h - the alerts the odd-DNS tests raised, as plain strings,
 * read back from the alert pipeline's JSON output.
 */
#ifndef NJ_TEST_CAPTURE_H
#define NJ_TEST_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

struct nj_sensor;

#define CAP_MAX 64
#define CAP_FIELDS 40

struct cap_alert {
	char kind[48];
	char src[64], dst[64];
	unsigned dport;
	char sig[512];
	int n;
	char key[CAP_FIELDS][32];
	char val[CAP_FIELDS][600]; /* lists: items joined with "," */
};

/* Prepares s to have its alerts captured; forgets earlier captures. */
void cap_start(struct nj_sensor *s);
/* Collects what was raised since cap_start (flushing the outputs). */
void cap_collect(struct nj_sensor *s);
/* Releases what cap_start set up. */
void cap_stop(struct nj_sensor *s);
size_t cap_count(const char *kind);
/* The i-th alert of kind (NULL when fewer). */
const struct cap_alert *cap_get(const char *kind, size_t i);
/* A field of the kind's own object ("" when absent). */
const char *cap_field(const struct cap_alert *a, const char *key);

/* For the capture back ends: forget all; room for one more (NULL: full). */
void cap_clear(void);
struct cap_alert *cap_add(void);

#endif
