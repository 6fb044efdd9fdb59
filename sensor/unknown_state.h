/*
 * unknown_state.h - the learned inventory of unknown-local-host, kept in
 * a text file across restarts:
 *	nightjar-inventory 1
 *	learned_for MICROSECONDS
 *	host ADDRESS MAC|- FIRST_SEEN_MICROSECONDS
 * (packet time learned so far; per host the packet time it was first
 * seen; one host a line, least recently seen first).
 */
#ifndef NJ_UNKNOWN_STATE_H
#define NJ_UNKNOWN_STATE_H

#include <stdbool.h>

#include "decoders/types.h"
#include "sensor/addr_table.h"

/*
 * Loads path into t and *learned_for. Returns 0; -1 when the file is
 * absent (silently) or corrupt (one warning naming FILE:LINE; t is left
 * untouched so that learning starts afresh).
 */
int nj_unknown_state_load(const char *path, struct nj_addr_table *t,
    nj_time_t *learned_for);
/* Writes PATH.tmp and renames it over path. 0, or -1 after a warning. */
int nj_unknown_state_save(const char *path, const struct nj_addr_table *t,
    nj_time_t learned_for);

/* det_unknown_host.c: true for addresses that can name a host. */
bool nj_unknown_host_candidate(const struct nj_addr *a);

#endif
