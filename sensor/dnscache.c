/*
 * dnscache.c - the passive DNS cache: a pool of (client, address)
 * entries in two hash indexes, one on the pair and one on the address
 * alone (each address node heads a list of its entries, newest first),
 * with a least-recently-used list for eviction. The answers (chain,
 * resolver, time, TTL) are shared by the entries one message created.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "sensor/dnscache.h"

#define NIL UINT32_MAX

/* One response's facts, shared by the entries it created. */
struct dc_answer {
	uint32_t refs;
	uint32_t ttl;
	nj_time_t when;
	struct nj_addr resolver;
	uint8_t nchain;
	bool cut;
	uint16_t off[NJ_DNSCACHE_CHAIN_MAX]; /* into names */
	char names[];                        /* NUL-terminated, back to back */
};

struct dc_entry {
	struct nj_addr client, addr;
	struct dc_answer *ans;       /* NULL: the entry is free */
	nj_time_t expires;
	uint32_t hnext;              /* pair index chain; free list */
	uint32_t lprev, lnext;       /* LRU list, oldest at the head */
	uint32_t aprev, anext;       /* entries of this address, newest first */
	uint32_t node;               /* the address node */
};

struct dc_node {
	struct nj_addr addr;
	uint32_t head;               /* newest entry for the address */
	uint32_t hnext;              /* address index chain; free list */
};

struct nj_dnscache {
	uint32_t cap, mask, count;
	struct dc_entry *e;
	struct dc_node *nd;
	uint32_t *ptab, *atab;       /* bucket heads */
	uint32_t efree, nfree;
	uint32_t lru_head, lru_tail;
	nj_time_t grace;
	uint64_t seed;
	struct nj_dnscache_stats st;
};

static uint64_t
mix(uint64_t h)
{
	/* The splitmix64 finaliser. */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

static uint64_t
hash_addr(uint64_t h, const struct nj_addr *a)
{
	uint64_t w[2];

	memcpy(w, a->a, sizeof(w));
	h = mix(h ^ a->family);
	h = mix(h ^ w[0]);
	return mix(h ^ w[1]);
}

static uint32_t
pair_bucket(const struct nj_dnscache *c, const struct nj_addr *client,
    const struct nj_addr *addr)
{
	return (uint32_t)(hash_addr(hash_addr(c->seed, client), addr) & c->mask);
}

static uint32_t
addr_bucket(const struct nj_dnscache *c, const struct nj_addr *addr)
{
	return (uint32_t)(hash_addr(~c->seed, addr) & c->mask);
}

static bool
addr_eq(const struct nj_addr *x, const struct nj_addr *y)
{
	return memcmp(x, y, sizeof(*x)) == 0;
}

struct nj_dnscache *
nj_dnscache_new(size_t cap)
{
	struct nj_dnscache *c;
	uint32_t i, n = 1;

	if (cap == 0)
		cap = NJ_DNSCACHE_DEFAULT_CAP;
	if (cap > (1u << 30))
		return NULL;
	while (n < cap)
		n <<= 1;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->cap = (uint32_t)cap;
	c->mask = n - 1;
	c->e = calloc(cap, sizeof(*c->e));
	c->nd = calloc(cap, sizeof(*c->nd));
	c->ptab = malloc(n * sizeof(*c->ptab));
	c->atab = malloc(n * sizeof(*c->atab));
	if (c->e == NULL || c->nd == NULL || c->ptab == NULL || c->atab == NULL) {
		nj_dnscache_free(c);
		return NULL;
	}
	for (i = 0; i < n; i++)
		c->ptab[i] = c->atab[i] = NIL;
	for (i = 0; i < c->cap; i++) {
		c->e[i].hnext = i + 1 < c->cap ? i + 1 : NIL;
		c->nd[i].hnext = i + 1 < c->cap ? i + 1 : NIL;
	}
	c->efree = c->nfree = 0;
	c->lru_head = c->lru_tail = NIL;
	c->grace = NJ_DNSCACHE_DEFAULT_GRACE;
	/* A secret seed keeps crafted answers from piling into one bucket. */
	if (getrandom(&c->seed, sizeof(c->seed), GRND_NONBLOCK) !=
	    (ssize_t)sizeof(c->seed))
		c->seed = 0x6e696768746a6172ULL;
	c->st.cap = cap;
	return c;
}

static void
answer_release(struct dc_answer *a)
{
	if (a != NULL && --a->refs == 0)
		free(a);
}

void
nj_dnscache_free(struct nj_dnscache *c)
{
	uint32_t i;

	if (c == NULL)
		return;
	if (c->e != NULL) {
		for (i = 0; i < c->cap; i++)
			answer_release(c->e[i].ans);
	}
	free(c->e);
	free(c->nd);
	free(c->ptab);
	free(c->atab);
	free(c);
}

void
nj_dnscache_set_grace(struct nj_dnscache *c, nj_time_t grace)
{
	c->grace = grace;
}

void
nj_dnscache_stats(const struct nj_dnscache *c, struct nj_dnscache_stats *out)
{
	*out = c->st;
	out->entries = c->count;
}

/* List surgery: the LRU list and the per-address lists. */
static void
lru_unlink(struct nj_dnscache *c, uint32_t i)
{
	struct dc_entry *e = &c->e[i];

	if (e->lprev != NIL)
		c->e[e->lprev].lnext = e->lnext;
	else
		c->lru_head = e->lnext;
	if (e->lnext != NIL)
		c->e[e->lnext].lprev = e->lprev;
	else
		c->lru_tail = e->lprev;
}

static void
lru_append(struct nj_dnscache *c, uint32_t i)
{
	c->e[i].lprev = c->lru_tail;
	c->e[i].lnext = NIL;
	if (c->lru_tail != NIL)
		c->e[c->lru_tail].lnext = i;
	else
		c->lru_head = i;
	c->lru_tail = i;
}

static void
alist_unlink(struct nj_dnscache *c, uint32_t i)
{
	struct dc_entry *e = &c->e[i];

	if (e->aprev != NIL)
		c->e[e->aprev].anext = e->anext;
	else
		c->nd[e->node].head = e->anext;
	if (e->anext != NIL)
		c->e[e->anext].aprev = e->aprev;
}

static void
alist_push(struct nj_dnscache *c, uint32_t i)
{
	struct dc_entry *e = &c->e[i];
	struct dc_node *n = &c->nd[e->node];

	e->aprev = NIL;
	e->anext = n->head;
	if (n->head != NIL)
		c->e[n->head].aprev = i;
	n->head = i;
}

static uint32_t
find_pair(const struct nj_dnscache *c, const struct nj_addr *client,
    const struct nj_addr *addr)
{
	uint32_t i = c->ptab[pair_bucket(c, client, addr)];

	while (i != NIL && !(addr_eq(&c->e[i].addr, addr) &&
	    addr_eq(&c->e[i].client, client)))
		i = c->e[i].hnext;
	return i;
}

static uint32_t
find_node(const struct nj_dnscache *c, const struct nj_addr *addr)
{
	uint32_t i = c->atab[addr_bucket(c, addr)];

	while (i != NIL && !addr_eq(&c->nd[i].addr, addr))
		i = c->nd[i].hnext;
	return i;
}

/* Unlinks index i from the singly linked bucket chain at *head. */
static void
chain_remove(uint32_t *head, uint32_t i, uint32_t *(*next)(struct nj_dnscache *,
    uint32_t), struct nj_dnscache *c)
{
	uint32_t *p = head;

	while (*p != NIL && *p != i)
		p = next(c, *p);
	if (*p == i)
		*p = *next(c, i);
}

static uint32_t *
entry_next(struct nj_dnscache *c, uint32_t i)
{
	return &c->e[i].hnext;
}

static uint32_t *
node_next(struct nj_dnscache *c, uint32_t i)
{
	return &c->nd[i].hnext;
}

static void
remove_entry(struct nj_dnscache *c, uint32_t i)
{
	struct dc_entry *e = &c->e[i];
	struct dc_node *n = &c->nd[e->node];

	chain_remove(&c->ptab[pair_bucket(c, &e->client, &e->addr)], i,
	    entry_next, c);
	lru_unlink(c, i);
	alist_unlink(c, i);
	if (n->head == NIL) {
		chain_remove(&c->atab[addr_bucket(c, &n->addr)], e->node,
		    node_next, c);
		n->hnext = c->nfree;
		c->nfree = e->node;
	}
	answer_release(e->ans);
	e->ans = NULL;
	e->hnext = c->efree;
	c->efree = i;
	c->count--;
}

static void
insert(struct nj_dnscache *c, const struct nj_addr *client,
    const struct nj_addr *addr, struct dc_answer *ans, nj_time_t expires)
{
	struct dc_entry *e;
	uint32_t i, b, nd;
	int k;

	/* Retire up to two expired entries from the old end as we go. */
	for (k = 0; k < 2 && c->lru_head != NIL &&
	    c->e[c->lru_head].expires <= ans->when; k++) {
		remove_entry(c, c->lru_head);
		c->st.expired++;
	}
	if ((i = find_pair(c, client, addr)) != NIL) {
		e = &c->e[i];
		answer_release(e->ans);
		c->st.refreshed++;
		lru_unlink(c, i);
		alist_unlink(c, i);
	} else {
		if (c->count == c->cap) {
			remove_entry(c, c->lru_head);
			c->st.evicted++;
		}
		i = c->efree;
		e = &c->e[i];
		c->efree = e->hnext;
		e->client = *client;
		e->addr = *addr;
		b = pair_bucket(c, client, addr);
		e->hnext = c->ptab[b];
		c->ptab[b] = i;
		if ((nd = find_node(c, addr)) == NIL) {
			nd = c->nfree;
			c->nfree = c->nd[nd].hnext;
			c->nd[nd].addr = *addr;
			c->nd[nd].head = NIL;
			b = addr_bucket(c, addr);
			c->nd[nd].hnext = c->atab[b];
			c->atab[b] = nd;
		}
		e->node = nd;
		c->count++;
		c->st.inserted++;
	}
	ans->refs++;
	e->ans = ans;
	e->expires = expires;
	lru_append(c, i);
	alist_push(c, i);
}

/* The index of the CNAME record owned by name, or -1. */
static int
find_cname(const struct nj_dns_msg *m, const char *name)
{
	int i;

	for (i = 0; i < m->n_answers; i++) {
		if (m->an[i].type == NJ_DNS_T_CNAME &&
		    strcmp(m->an[i].name, name) == 0)
			return i;
	}
	return -1;
}

/* Builds the shared answer: the chain from the question, the least TTL. */
static struct dc_answer *
make_answer(const struct nj_dns_msg *m, const struct nj_addr *resolver,
    nj_time_t now, const char **end, uint32_t *ttl)
{
	const char *chain[NJ_DNSCACHE_CHAIN_MAX];
	struct dc_answer *a;
	size_t n = 1, total, l, i;
	bool cut = false;
	int r, hops;

	chain[0] = m->qname;
	*ttl = UINT32_MAX;
	for (hops = 0; (r = find_cname(m, chain[n - 1])) >= 0; hops++) {
		/* More hops than records: the CNAMEs loop. */
		if (hops == NJ_DNS_MAX_ANSWERS)
			return NULL;
		if (n == NJ_DNSCACHE_CHAIN_MAX) {
			/* Keep the question and the end; drop the middle. */
			cut = true;
			chain[n - 1] = m->an[r].target;
		} else
			chain[n++] = m->an[r].target;
		if (m->an[r].ttl < *ttl)
			*ttl = m->an[r].ttl;
	}
	*end = chain[n - 1];
	for (total = 0, i = 0; i < n; i++)
		total += strlen(chain[i]) + 1;
	if ((a = calloc(1, sizeof(*a) + total)) == NULL)
		return NULL;
	a->when = now;
	a->resolver = *resolver;
	a->nchain = (uint8_t)n;
	a->cut = cut;
	for (total = 0, i = 0; i < n; i++) {
		l = strlen(chain[i]) + 1;
		a->off[i] = (uint16_t)total;
		memcpy(a->names + total, chain[i], l);
		total += l;
	}
	return a;
}

/*
 * An IPv4-mapped AAAA (::ffff:a.b.c.d) reaches the wire as IPv4 packets
 * to a.b.c.d when a dual-stack socket connects to it: keep it as that.
 */
static struct nj_addr
wire_addr(const struct nj_addr *a)
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
	struct nj_addr v4;

	if (a->family != 6 || memcmp(a->a, mapped, sizeof(mapped)) != 0)
		return *a;
	memset(&v4, 0, sizeof(v4));
	v4.family = 4;
	memcpy(v4.a, a->a + 12, 4);
	return v4;
}

int
nj_dnscache_answer(struct nj_dnscache *c, const struct nj_addr *client,
    const struct nj_addr *resolver, const struct nj_dns_msg *m, nj_time_t now)
{
	const struct nj_dns_rr *rr;
	struct nj_addr addr;
	struct dc_answer *a;
	const char *end;
	nj_time_t hold;
	uint32_t ttl, t;
	int i, n = 0;

	if (!m->qr || m->opcode != 0 || (m->rcode & 0xf) != 0 ||
	    !m->has_question || m->n_answers == 0)
		return 0;
	if ((a = make_answer(m, resolver, now, &end, &ttl)) == NULL)
		return 0;
	a->refs = 1; /* held while ingesting */
	for (i = 0; i < m->n_answers; i++) {
		rr = &m->an[i];
		if (rr->addr.family == 0 || (rr->rclass & 0x7fff) != NJ_DNS_C_IN)
			continue;
		if (strcmp(rr->name, end) != 0) {
			c->st.skipped++;
			continue;
		}
		t = rr->ttl < ttl ? rr->ttl : ttl;
		a->ttl = n == 0 || t < a->ttl ? t : a->ttl;
		hold = NJ_SEC(t) > c->grace ? NJ_SEC(t) : c->grace;
		if (hold > NJ_DNSCACHE_MAX_HOLD)
			hold = NJ_DNSCACHE_MAX_HOLD;
		addr = wire_addr(&rr->addr);
		insert(c, client, &addr, a, now + hold);
		n++;
	}
	if (n > 0)
		c->st.messages++;
	answer_release(a);
	return n;
}

static void
fill_hit(const struct nj_dnscache *c, uint32_t i, bool by_client,
    struct nj_dns_hit *out)
{
	const struct dc_entry *e = &c->e[i];
	const struct dc_answer *a = e->ans;
	size_t k, l;

	/* Only the names in use are written: a hit is 2 KB, asked per flow. */
	out->nchain = a->nchain;
	out->chain_cut = a->cut;
	for (k = 0; k < a->nchain; k++) {
		/* Stored names came from NJ_DNS_NAME_MAX buffers: they fit. */
		l = strnlen(a->names + a->off[k], NJ_DNS_NAME_MAX - 1);
		memcpy(out->chain[k], a->names + a->off[k], l);
		out->chain[k][l] = '\0';
	}
	out->client = e->client;
	out->resolver = a->resolver;
	out->when = a->when;
	out->ttl = a->ttl;
	out->by_client = by_client;
}

bool
nj_dnscache_lookup(struct nj_dnscache *c, const struct nj_addr *client,
    const struct nj_addr *addr, nj_time_t now, struct nj_dns_hit *out)
{
	uint32_t i, next, nd;
	int steps;

	if ((i = find_pair(c, client, addr)) != NIL) {
		if (c->e[i].expires > now) {
			c->st.hits_client++;
			lru_unlink(c, i);
			lru_append(c, i);
			fill_hit(c, i, true, out);
			return true;
		}
		remove_entry(c, i);
		c->st.expired++;
	}
	if ((nd = find_node(c, addr)) != NIL) {
		/*
		 * Newest first; an expired one may hide an older answer with
		 * a longer TTL, so look a few further before giving up.
		 */
		for (i = c->nd[nd].head, steps = 0; i != NIL && steps < 8;
		    i = next, steps++) {
			next = c->e[i].anext;
			if (c->e[i].expires > now) {
				c->st.hits_other++;
				fill_hit(c, i, false, out);
				return true;
			}
			/* The node may go with its last entry: stop then. */
			if (next == NIL) {
				remove_entry(c, i);
				c->st.expired++;
				break;
			}
			remove_entry(c, i);
			c->st.expired++;
		}
	}
	c->st.misses++;
	return false;
}
