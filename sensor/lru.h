/*
 * lru.h - an LRU list threaded through a table's slots by index: the
 * links live in an array parallel to the slots, head is the most recent.
 */
#ifndef NJ_LRU_H
#define NJ_LRU_H

#include <stdint.h>

#define NJ_LRU_NIL UINT32_MAX

struct nj_lru_link {
	uint32_t prev, next;
};

struct nj_lru {
	uint32_t head, tail;  /* NJ_LRU_NIL when empty */
};

static inline void
nj_lru_init(struct nj_lru *l)
{
	l->head = l->tail = NJ_LRU_NIL;
}

static inline void
nj_lru_unlink(struct nj_lru *l, struct nj_lru_link *k, uint32_t i)
{
	if (k[i].prev != NJ_LRU_NIL)
		k[k[i].prev].next = k[i].next;
	else
		l->head = k[i].next;
	if (k[i].next != NJ_LRU_NIL)
		k[k[i].next].prev = k[i].prev;
	else
		l->tail = k[i].prev;
}

static inline void
nj_lru_push(struct nj_lru *l, struct nj_lru_link *k, uint32_t i)
{
	k[i].prev = NJ_LRU_NIL;
	k[i].next = l->head;
	if (l->head != NJ_LRU_NIL)
		k[l->head].prev = i;
	l->head = i;
	if (l->tail == NJ_LRU_NIL)
		l->tail = i;
}

/* Moves slot i to the head (most recently used). */
static inline void
nj_lru_touch(struct nj_lru *l, struct nj_lru_link *k, uint32_t i)
{
	if (l->head != i) {
		nj_lru_unlink(l, k, i);
		nj_lru_push(l, k, i);
	}
}

#endif
