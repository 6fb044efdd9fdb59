/*
 * addr_table.c - bounded address table: pool, chained hash, LRU list.
 */
#include <stdlib.h>
#include <string.h>

#include "sensor/addr_table.h"
#include "sensor/lru.h"

#define NIL UINT32_MAX

struct ent {
	struct nj_addr a;
	struct nj_addr_val v;
	uint32_t hnext;
	bool used;
};

struct nj_addr_table {
	struct ent *e;
	uint32_t *bucket;
	uint32_t cap, nbuckets, n, next_fresh;
	uint32_t free;
	struct nj_lru_link *link;  /* parallel to e */
	struct nj_lru lru;
	uint64_t evicted;
};

struct nj_addr_table *
nj_addr_table_new(size_t cap)
{
	struct nj_addr_table *t;
	uint32_t i;

	if (cap < 1 || cap > (1u << 26))
		return NULL;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->cap = (uint32_t)cap;
	t->nbuckets = 1;
	while (t->nbuckets < t->cap)
		t->nbuckets <<= 1;
	t->e = calloc(t->cap, sizeof(*t->e));
	t->bucket = malloc(t->nbuckets * sizeof(*t->bucket));
	t->link = calloc(t->cap, sizeof(*t->link));
	if (t->e == NULL || t->bucket == NULL || t->link == NULL) {
		nj_addr_table_free(t);
		return NULL;
	}
	for (i = 0; i < t->nbuckets; i++)
		t->bucket[i] = NIL;
	t->free = NIL;
	nj_lru_init(&t->lru);
	return t;
}

void
nj_addr_table_free(struct nj_addr_table *t)
{
	if (t == NULL)
		return;
	free(t->e);
	free(t->bucket);
	free(t->link);
	free(t);
}

/* FNV-1a over the address: the keys are local addresses, not chosen
 * by an attacker at will beyond the site's own prefixes. */
static uint32_t
hash(const struct nj_addr_table *t, const struct nj_addr *a)
{
	uint32_t h = 2166136261u;
	size_t i;

	h = (h ^ a->family) * 16777619u;
	for (i = 0; i < sizeof(a->a); i++)
		h = (h ^ a->a[i]) * 16777619u;
	return h & (t->nbuckets - 1);
}

static uint32_t
find(const struct nj_addr_table *t, const struct nj_addr *a, uint32_t h)
{
	uint32_t i;

	for (i = t->bucket[h]; i != NIL; i = t->e[i].hnext)
		if (memcmp(&t->e[i].a, a, sizeof(*a)) == 0)
			return i;
	return NIL;
}

struct nj_addr_val *
nj_addr_table_get(struct nj_addr_table *t, const struct nj_addr *a)
{
	uint32_t i;

	if ((i = find(t, a, hash(t, a))) == NIL)
		return NULL;
	nj_lru_touch(&t->lru, t->link, i);
	return &t->e[i].v;
}

static void
remove_ent(struct nj_addr_table *t, uint32_t i)
{
	uint32_t *pp;

	for (pp = &t->bucket[hash(t, &t->e[i].a)]; *pp != i;
	    pp = &t->e[*pp].hnext)
		;
	*pp = t->e[i].hnext;
	nj_lru_unlink(&t->lru, t->link, i);
	t->e[i].used = false;
	t->e[i].hnext = t->free;
	t->free = i;
	t->n--;
}

struct nj_addr_val *
nj_addr_table_put(struct nj_addr_table *t, const struct nj_addr *a,
    nj_time_t now, bool *created)
{
	struct nj_addr_val *v;
	uint32_t h, i;

	*created = false;
	if ((v = nj_addr_table_get(t, a)) != NULL)
		return v;
	if (t->free == NIL && t->next_fresh == t->cap) {
		remove_ent(t, t->lru.tail);
		t->evicted++;
	}
	if (t->free != NIL) {
		i = t->free;
		t->free = t->e[i].hnext;
	} else
		i = t->next_fresh++;
	memset(&t->e[i], 0, sizeof(t->e[i]));
	t->e[i].a = *a;
	t->e[i].used = true;
	t->e[i].v.first = now;
	h = hash(t, a);
	t->e[i].hnext = t->bucket[h];
	t->bucket[h] = i;
	nj_lru_push(&t->lru, t->link, i);
	t->n++;
	*created = true;
	return &t->e[i].v;
}

void
nj_addr_table_walk(const struct nj_addr_table *t,
    void (*fn)(void *arg, const struct nj_addr *a,
    const struct nj_addr_val *v), void *arg)
{
	uint32_t i;

	/* Oldest first, so that a reload keeps the same LRU order. */
	for (i = t->lru.tail; i != NIL; i = t->link[i].prev)
		fn(arg, &t->e[i].a, &t->e[i].v);
}

size_t
nj_addr_table_count(const struct nj_addr_table *t)
{
	return t->n;
}

uint64_t
nj_addr_table_evicted(const struct nj_addr_table *t)
{
	return t->evicted;
}
