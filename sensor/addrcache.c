/*
 * addrcache.c - bounded LRU cache keyed by IP address (see addrcache.h).
 *
 * Entries live in one array; a bucket array of chains (by index) finds
 * them and a doubly linked list orders them by use. The hash is seeded
 * at random so that traffic cannot choose addresses that all fall into
 * one chain; even then a chain is at most cap entries long.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "sensor/addrcache.h"

#define NIL UINT32_MAX
#define NJ_ADDRCACHE_MAX_CAP (1u << 20)

struct entry {
	struct nj_addr key;
	uint64_t expires;
	uint32_t hnext;          /* next in the bucket chain, or free list */
	uint32_t prev, next;     /* use order: head is the most recent */
};

struct nj_addrcache {
	struct entry *e;
	unsigned char *val;
	size_t valsize, cap, n;
	uint32_t *bucket;
	uint32_t mask;
	uint32_t head, tail, freel;
	uint64_t seed;
	struct nj_addrcache_stats st;
};

static uint64_t
hash_addr(const struct nj_addrcache *c, const struct nj_addr *a)
{
	uint64_t h = c->seed ^ 0xcbf29ce484222325ULL;
	size_t i;

	h = (h ^ a->family) * 0x100000001b3ULL;
	for (i = 0; i < sizeof(a->a); i++)
		h = (h ^ a->a[i]) * 0x100000001b3ULL;
	/* A final mix (MurmurHash3's fmix64) so low bits depend on all. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

struct nj_addrcache *
nj_addrcache_new(size_t cap, size_t valsize)
{
	struct nj_addrcache *c;
	size_t nb = 1, i;

	if (cap == 0 || cap > NJ_ADDRCACHE_MAX_CAP)
		return NULL;
	while (nb < cap * 2)
		nb <<= 1;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->e = calloc(cap, sizeof(*c->e));
	c->val = calloc(cap, valsize ? valsize : 1);
	c->bucket = malloc(nb * sizeof(*c->bucket));
	if (c->e == NULL || c->val == NULL || c->bucket == NULL) {
		nj_addrcache_free(c);
		return NULL;
	}
	if (getrandom(&c->seed, sizeof(c->seed), GRND_NONBLOCK) !=
	    (ssize_t)sizeof(c->seed))
		c->seed = (uint64_t)(uintptr_t)c ^ 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < nb; i++)
		c->bucket[i] = NIL;
	for (i = 0; i < cap; i++)
		c->e[i].hnext = i + 1 < cap ? (uint32_t)(i + 1) : NIL;
	c->freel = 0;
	c->head = c->tail = NIL;
	c->mask = (uint32_t)(nb - 1);
	c->cap = cap;
	c->valsize = valsize;
	c->st.cap = cap;
	return c;
}

void
nj_addrcache_free(struct nj_addrcache *c)
{
	if (c == NULL)
		return;
	free(c->e);
	free(c->val);
	free(c->bucket);
	free(c);
}

static void
lru_unlink(struct nj_addrcache *c, uint32_t i)
{
	struct entry *e = &c->e[i];

	if (e->prev != NIL)
		c->e[e->prev].next = e->next;
	else
		c->head = e->next;
	if (e->next != NIL)
		c->e[e->next].prev = e->prev;
	else
		c->tail = e->prev;
}

static void
lru_push(struct nj_addrcache *c, uint32_t i)
{
	struct entry *e = &c->e[i];

	e->prev = NIL;
	e->next = c->head;
	if (c->head != NIL)
		c->e[c->head].prev = i;
	c->head = i;
	if (c->tail == NIL)
		c->tail = i;
}

/* Finds a's entry; *link is the pointer that leads to it in its chain. */
static uint32_t
find(struct nj_addrcache *c, const struct nj_addr *a, uint32_t **link)
{
	uint32_t *l = &c->bucket[hash_addr(c, a) & c->mask];

	while (*l != NIL && memcmp(&c->e[*l].key, a, sizeof(*a)) != 0)
		l = &c->e[*l].hnext;
	*link = l;
	return *l;
}

static void
drop(struct nj_addrcache *c, uint32_t i)
{
	uint32_t *link;

	if (find(c, &c->e[i].key, &link) == i)
		*link = c->e[i].hnext;
	lru_unlink(c, i);
	c->e[i].hnext = c->freel;
	c->freel = i;
	c->n--;
}

void *
nj_addrcache_get(struct nj_addrcache *c, const struct nj_addr *a,
    uint64_t now)
{
	uint32_t *link, i;

	if ((i = find(c, a, &link)) == NIL) {
		c->st.misses++;
		return NULL;
	}
	if (now >= c->e[i].expires) {
		drop(c, i);
		c->st.expired++;
		c->st.misses++;
		return NULL;
	}
	lru_unlink(c, i);
	lru_push(c, i);
	c->st.hits++;
	return c->val + (size_t)i * c->valsize;
}

void *
nj_addrcache_put(struct nj_addrcache *c, const struct nj_addr *a,
    uint64_t expires)
{
	uint32_t *link, i;

	c->st.inserts++;
	if ((i = find(c, a, &link)) != NIL)
		drop(c, i);
	if (c->freel == NIL) {
		drop(c, c->tail);
		c->st.evictions++;
	}
	i = c->freel;
	c->freel = c->e[i].hnext;
	c->e[i].key = *a;
	c->e[i].expires = expires;
	/* The chain head may have moved with a drop above: look again. */
	(void)find(c, a, &link);
	c->e[i].hnext = NIL;
	*link = i;
	lru_push(c, i);
	c->n++;
	memset(c->val + (size_t)i * c->valsize, 0, c->valsize);
	return c->val + (size_t)i * c->valsize;
}

void
nj_addrcache_stats(const struct nj_addrcache *c, struct nj_addrcache_stats *st)
{
	*st = c->st;
	st->entries = c->n;
}
