/*
 * alert_fold.c - a hash table of open fold windows with an LRU list:
 * capped at cap entries, the least recently seen evicted and counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/alert_fold.h"

struct fold_entry {
	struct fold_entry *hnext;        /* hash chain */
	struct fold_entry *prev, *next;  /* LRU: head is the most recent */
	uint32_t hash;
	char kind[32];
	bool with_dst;
	struct nj_addr src, dst;
	uint64_t repeats;                /* since the first alert */
	uint64_t reported;               /* repeats in the last update */
	nj_time_t last_seen;
	char sensor[64];
	struct nj_alert *first;          /* a copy holding nfields fields */
};

struct nj_fold_table {
	struct fold_entry **buckets;
	size_t nbuckets, n, cap;
	struct fold_entry *head, *tail;
	nj_time_t window;
	uint64_t every, evicted;
	nj_fold_sink sink;
	void *ctx;
};

struct nj_fold_table *
nj_fold_new(size_t cap, nj_time_t window, uint64_t every, nj_fold_sink sink,
    void *ctx)
{
	struct nj_fold_table *t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->cap = cap > 0 ? cap : 1;
	t->nbuckets = 64;
	while (t->nbuckets < t->cap)
		t->nbuckets <<= 1;
	if ((t->buckets = calloc(t->nbuckets, sizeof(*t->buckets))) == NULL) {
		free(t);
		return NULL;
	}
	t->window = window;
	t->every = every;
	t->sink = sink;
	t->ctx = ctx;
	return t;
}

/* FNV-1a over the key. */
static uint32_t
fold_hash(const char *kind, const struct nj_addr *src,
    const struct nj_addr *dst)
{
	uint32_t h = 2166136261u;
	const uint8_t *p;
	size_t i;

	for (p = (const uint8_t *)kind; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	p = (const uint8_t *)src;
	for (i = 0; i < sizeof(*src); i++)
		h = (h ^ p[i]) * 16777619u;
	if (dst != NULL) {
		p = (const uint8_t *)dst;
		for (i = 0; i < sizeof(*dst); i++)
			h = (h ^ p[i]) * 16777619u;
	}
	return h;
}

static void
lru_unlink(struct nj_fold_table *t, struct fold_entry *e)
{
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		t->head = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	else
		t->tail = e->prev;
	e->prev = e->next = NULL;
}

static void
lru_push(struct nj_fold_table *t, struct fold_entry *e)
{
	e->next = t->head;
	e->prev = NULL;
	if (t->head != NULL)
		t->head->prev = e;
	t->head = e;
	if (t->tail == NULL)
		t->tail = e;
}

/* Writes an update of the first alert when repeats came since the last. */
static void
fold_update(struct nj_fold_table *t, struct fold_entry *e)
{
	if (e->repeats == e->reported)
		return;
	e->first->is_update = true;
	e->first->is_fold_update = true;
	e->first->folded = e->repeats;
	e->first->last_seen = e->last_seen;
	e->reported = e->repeats;
	t->sink(t->ctx, e->first, e->sensor);
}

/* Closes an entry: its last update, then unlinks and frees it. */
static void
fold_close(struct nj_fold_table *t, struct fold_entry *e)
{
	struct fold_entry **pp;

	fold_update(t, e);
	for (pp = &t->buckets[e->hash & (t->nbuckets - 1)]; *pp != NULL;
	    pp = &(*pp)->hnext) {
		if (*pp == e) {
			*pp = e->hnext;
			break;
		}
	}
	lru_unlink(t, e);
	t->n--;
	free(e->first);
	free(e);
}

void
nj_fold_free(struct nj_fold_table *t)
{
	struct fold_entry *e, *next;

	if (t == NULL)
		return;
	for (e = t->head; e != NULL; e = next) {
		next = e->next;
		free(e->first);
		free(e);
	}
	free(t->buckets);
	free(t);
}

static struct fold_entry *
fold_find(struct nj_fold_table *t, uint32_t h, const struct nj_alert *a)
{
	struct fold_entry *e;

	for (e = t->buckets[h & (t->nbuckets - 1)]; e != NULL; e = e->hnext) {
		if (e->hash == h && e->with_dst == a->fold_dst &&
		    strcmp(e->kind, a->kind) == 0 &&
		    memcmp(&e->src, &a->src, sizeof(e->src)) == 0 &&
		    (!a->fold_dst ||
		    memcmp(&e->dst, &a->dst, sizeof(e->dst)) == 0))
			return e;
	}
	return NULL;
}

static void
fold_insert(struct nj_fold_table *t, uint32_t h, const struct nj_alert *a,
    const char *sensor)
{
	size_t size = offsetof(struct nj_alert, fields) +
	    (size_t)a->nfields * sizeof(a->fields[0]);
	struct fold_entry *e;

	if (t->n >= t->cap) {
		t->evicted++;
		fold_close(t, t->tail);
	}
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return;
	/* Only the fields in use are kept: a full alert is ~14 KiB. */
	if ((e->first = malloc(size)) == NULL) {
		free(e);
		return;
	}
	memcpy(e->first, a, size);
	snprintf(e->kind, sizeof(e->kind), "%s", a->kind);
	e->first->kind = e->kind; /* the caller's string may not outlive it */
	e->hash = h;
	e->with_dst = a->fold_dst;
	e->src = a->src;
	if (a->fold_dst)
		e->dst = a->dst;
	e->last_seen = a->ts;
	snprintf(e->sensor, sizeof(e->sensor), "%s", sensor);
	e->hnext = t->buckets[h & (t->nbuckets - 1)];
	t->buckets[h & (t->nbuckets - 1)] = e;
	lru_push(t, e);
	t->n++;
}

bool
nj_fold_offer(struct nj_fold_table *t, const struct nj_alert *a,
    const char *sensor)
{
	uint32_t h = fold_hash(a->kind, &a->src, a->fold_dst ? &a->dst : NULL);
	struct fold_entry *e = fold_find(t, h, a);

	if (e != NULL && a->ts >= e->first->ts + t->window) {
		fold_close(t, e);
		e = NULL;
	}
	if (e == NULL) {
		fold_insert(t, h, a, sensor);
		return false;
	}
	e->repeats++;
	if (a->ts > e->last_seen)
		e->last_seen = a->ts;
	lru_unlink(t, e);
	lru_push(t, e);
	if (t->every > 0 && e->repeats % t->every == 0)
		fold_update(t, e);
	return true;
}

void
nj_fold_expire(struct nj_fold_table *t, nj_time_t now, bool all)
{
	struct fold_entry *e, *prev;

	/* From the oldest: fold_close() unlinks only the entry itself. */
	for (e = t->tail; e != NULL; e = prev) {
		prev = e->prev;
		if (all || now >= e->first->ts + t->window)
			fold_close(t, e);
	}
}

void
nj_fold_counters(const struct nj_fold_table *t, uint64_t *evicted,
    uint64_t *entries)
{
	*evicted = t->evicted;
	*entries = t->n;
}
