/*
 * spool.h - a bounded FIFO of messages waiting for a collector: up to
 * mem_max in memory, then a spool file up to file_max bytes; past that
 * new messages are dropped and counted. Order is kept: once anything
 * waits in the file, new messages go to the file too.
 */
#ifndef NJ_SPOOL_H
#define NJ_SPOOL_H

#include <stddef.h>
#include <stdint.h>

struct nj_spool;

struct nj_spool_counters {
	uint64_t queued;   /* messages waiting (memory and file) */
	uint64_t in_file;  /* of which in the file */
	uint64_t file_bytes;
	uint64_t spilled;  /* ever written to the file */
	uint64_t dropped;  /* refused: both bounds reached */
};

/* file NULL: memory only. */
struct nj_spool *nj_spool_new(size_t mem_max, const char *file,
    uint64_t file_max);
void nj_spool_free(struct nj_spool *sp);
/* 0 when queued, -1 when dropped (counted). */
int nj_spool_push(struct nj_spool *sp, const char *msg, size_t len);
/* The oldest message, or NULL when empty. */
const char *nj_spool_peek(struct nj_spool *sp, size_t *len);
void nj_spool_pop(struct nj_spool *sp);
void nj_spool_counters(const struct nj_spool *sp,
    struct nj_spool_counters *c);

#endif
