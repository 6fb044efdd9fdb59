/*
 * portset.h - a small exact set of ports, kept sorted, for evidence
 * ("21-25,80,443"). Past its capacity it only counts what it dropped.
 */
#ifndef NJ_PORTSET_H
#define NJ_PORTSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NJ_PORTSET_MAX 24

struct nj_portset {
	uint16_t port[NJ_PORTSET_MAX];
	uint8_t n;
	bool overflow; /* a port did not fit */
};

/* Adds a port; returns true when it was new (or did not fit). */
bool nj_portset_add(struct nj_portset *s, uint16_t port);
bool nj_portset_has(const struct nj_portset *s, uint16_t port);
/*
 * Formats the set as comma-separated ports and ranges ("21-25,80,443"),
 * with ",..." when ports were dropped. Always NUL-terminates; returns
 * buf.
 */
char *nj_portset_format(const struct nj_portset *s, char *buf, size_t len);

#endif
