/*
 * ktab.c - the bounded keyed table for detector state (see ktab.h).
 */
#include <stdlib.h>
#include <string.h>

#include "sensor/ktab.h"

struct kent {
	struct kent *hnext;            /* bucket chain */
	struct kent *prev, *next;      /* LRU list: head oldest */
	uint64_t hash;
	/* key (klen bytes), then the value, aligned to 8 */
	max_align_t data[];
};

struct nj_ktab {
	size_t cap, klen, koff, vlen, nb;
	struct kent **b;
	struct kent *head, *tail;
	nj_ktab_evict_fn evict;
	void *ctx;
	struct nj_ktab_stats st;
};

struct nj_ktab *
nj_ktab_new(size_t cap, size_t klen, size_t vlen, nj_ktab_evict_fn evict,
    void *ctx)
{
	struct nj_ktab *t;

	if (cap == 0 || (t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->cap = cap;
	t->klen = klen;
	t->koff = (klen + 7) & ~(size_t)7;
	t->vlen = vlen;
	for (t->nb = 16; t->nb < cap; t->nb <<= 1)
		;
	if ((t->b = calloc(t->nb, sizeof(*t->b))) == NULL) {
		free(t);
		return NULL;
	}
	t->evict = evict;
	t->ctx = ctx;
	t->st.cap = cap;
	return t;
}

static void *
val_of(const struct nj_ktab *t, struct kent *e)
{
	return (char *)e->data + t->koff;
}

static struct kent *
ent_of(const struct nj_ktab *t, const void *val)
{
	return (struct kent *)(void *)((char *)(uintptr_t)val - t->koff -
	    offsetof(struct kent, data));
}

const void *
nj_ktab_key(const struct nj_ktab *t, const void *val)
{
	return ent_of(t, val)->data;
}

static void
lru_unlink(struct nj_ktab *t, struct kent *e)
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
lru_append(struct nj_ktab *t, struct kent *e)
{
	e->prev = t->tail;
	e->next = NULL;
	if (t->tail != NULL)
		t->tail->next = e;
	else
		t->head = e;
	t->tail = e;
}

static void
unlink_free(struct nj_ktab *t, struct kent *e)
{
	struct kent **pp = &t->b[e->hash & (t->nb - 1)];

	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	lru_unlink(t, e);
	free(e);
	t->st.entries--;
}

void *
nj_ktab_get(struct nj_ktab *t, const void *key, bool create, bool *created)
{
	uint64_t h = nj_hash64(key, t->klen, 0);
	struct kent *e, **bp = &t->b[h & (t->nb - 1)];

	if (created != NULL)
		*created = false;
	for (e = *bp; e != NULL; e = e->hnext) {
		if (e->hash == h && memcmp(e->data, key, t->klen) == 0) {
			if (e != t->tail) {
				lru_unlink(t, e);
				lru_append(t, e);
			}
			return val_of(t, e);
		}
	}
	if (!create)
		return NULL;
	if (t->st.entries >= t->cap && t->head != NULL) {
		e = t->head;
		if (t->evict != NULL)
			t->evict(t->ctx, e->data, val_of(t, e));
		unlink_free(t, e);
		t->st.evicted++;
	}
	if ((e = calloc(1, sizeof(*e) + t->koff + t->vlen)) == NULL) {
		t->st.refused++;
		return NULL;
	}
	e->hash = h;
	memcpy(e->data, key, t->klen);
	e->hnext = *bp;
	*bp = e;
	lru_append(t, e);
	t->st.entries++;
	t->st.inserted++;
	if (created != NULL)
		*created = true;
	return val_of(t, e);
}

void
nj_ktab_del(struct nj_ktab *t, void *val)
{
	unlink_free(t, ent_of(t, val));
}

size_t
nj_ktab_walk(struct nj_ktab *t,
    bool (*fn)(void *arg, const void *key, void *val), void *arg)
{
	struct kent *e, *next;
	size_t n = 0;

	for (e = t->head; e != NULL; e = next) {
		next = e->next;
		if (fn(arg, e->data, val_of(t, e))) {
			unlink_free(t, e);
			t->st.expired++;
			n++;
		}
	}
	return n;
}

void *
nj_ktab_oldest(struct nj_ktab *t)
{
	return t->head != NULL ? val_of(t, t->head) : NULL;
}

void
nj_ktab_stats(const struct nj_ktab *t, struct nj_ktab_stats *out)
{
	*out = t->st;
}

void
nj_ktab_free(struct nj_ktab *t)
{
	struct kent *e, *next;

	if (t == NULL)
		return;
	for (e = t->head; e != NULL; e = next) {
		next = e->next;
		free(e);
	}
	free(t->b);
	free(t);
}
