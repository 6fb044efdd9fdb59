/* strtab.c: a bounded string-keyed hash table (open addressing, FNV-1a). */
#include <stdlib.h>
#include <string.h>

#include "report.h"

struct slot {
	char		*key;
	void		*val;
	uint64_t	 hash;		/* of key, to skip most strcmp calls */
};

struct rp_strtab {
	struct slot	*slot;
	size_t		 nslots;	/* a power of two, at least 2 * cap */
	size_t		 count;
	size_t		 cap;		/* entries beyond this are refused */
	size_t		 valsize;
	uint64_t	 dropped;	/* refused insertions */
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/*
 * The table is sized for its cap at the start and never grows: a report
 * over hostile input must not balloon, and a load factor of at most one half
 * keeps probe sequences short without a rehash.
 */
struct rp_strtab *
rp_strtab_new(size_t cap, size_t valsize)
{
	struct rp_strtab *t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->nslots = 16;
	while (t->nslots < 2 * cap)
		t->nslots *= 2;
	if ((t->slot = calloc(t->nslots, sizeof(*t->slot))) == NULL) {
		free(t);
		return NULL;
	}
	t->cap = cap;
	t->valsize = valsize;
	return t;
}

void
rp_strtab_free(struct rp_strtab *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nslots; i++) {
		free(t->slot[i].key);
		free(t->slot[i].val);
	}
	free(t->slot);
	free(t);
}

static struct slot *
lookup(const struct rp_strtab *t, const char *key, uint64_t h)
{
	size_t i;

	i = (size_t)h & (t->nslots - 1);
	while (t->slot[i].key != NULL && (t->slot[i].hash != h ||
	    strcmp(t->slot[i].key, key) != 0))
		i = (i + 1) & (t->nslots - 1);
	return &t->slot[i];
}

void *
rp_strtab_find(const struct rp_strtab *t, const char *key)
{
	return lookup(t, key, hash(key))->val;
}

void *
rp_strtab_get(struct rp_strtab *t, const char *key, int *created)
{
	struct slot *s;
	uint64_t h;

	if (created != NULL)
		*created = 0;
	h = hash(key);
	s = lookup(t, key, h);
	if (s->key != NULL)
		return s->val;
	if (t->count >= t->cap) {
		t->dropped++;
		return NULL;
	}
	if ((s->key = strdup(key)) == NULL)
		goto fail;
	s->hash = h;
	if ((s->val = calloc(1, t->valsize ? t->valsize : 1)) == NULL) {
		free(s->key);
		s->key = NULL;
		goto fail;
	}
	t->count++;
	if (created != NULL)
		*created = 1;
	return s->val;
fail:
	t->dropped++;
	return NULL;
}

size_t
rp_strtab_count(const struct rp_strtab *t)
{
	return t->count;
}

uint64_t
rp_strtab_dropped(const struct rp_strtab *t)
{
	return t->dropped;
}

struct rp_strent *
rp_strtab_list(const struct rp_strtab *t, size_t *n)
{
	struct rp_strent *e;
	size_t i, j = 0;

	if ((e = calloc(t->count + 1, sizeof(*e))) == NULL) {
		*n = 0;
		return NULL;
	}
	for (i = 0; i < t->nslots; i++)
		if (t->slot[i].key != NULL) {
			e[j].key = t->slot[i].key;
			e[j].val = t->slot[i].val;
			j++;
		}
	*n = j;
	return e;
}

int
rp_strent_keycmp(const void *a, const void *b)
{
	const struct rp_strent *x = a, *y = b;

	return strcmp(x->key, y->key);
}
