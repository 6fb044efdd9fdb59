/*
 * prefix.c - a binary trie for longest-prefix match (IPv4 and IPv6).
 * Nodes live in one growing array and link by index, so freeing a set
 * is one free() and a set can never hold a dangling child.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/prefix.h"

#define NIL 0 /* node 0 is never a child: it is the IPv4 root */

struct node {
	uint32_t child[2];
	bool	 has;   /* a prefix ends here */
	intptr_t value;
};

struct nj_prefix_set {
	struct node *nodes;    /* [0] IPv4 root, [1] IPv6 root */
	size_t	     nnodes;
	size_t	     cap;      /* allocated nodes */
	size_t	     count;    /* prefixes stored */
	size_t	     max;      /* cap on count */
	uint64_t     refused;  /* inserts refused at the cap */
};

static unsigned
bit(const struct nj_addr *a, unsigned i)
{
	return (a->a[i / 8] >> (7 - i % 8)) & 1;
}

static unsigned
maxlen(const struct nj_addr *a)
{
	return a->family == 4 ? 32 : 128;
}

struct nj_prefix_set *
nj_prefix_new(size_t max_entries)
{
	struct nj_prefix_set *s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->cap = 64;
	if ((s->nodes = calloc(s->cap, sizeof(*s->nodes))) == NULL) {
		free(s);
		return NULL;
	}
	s->nnodes = 2;
	s->max = max_entries ? max_entries : NJ_PREFIX_MAX_ENTRIES;
	return s;
}

void
nj_prefix_free(struct nj_prefix_set *s)
{
	if (s == NULL)
		return;
	free(s->nodes);
	free(s);
}

void
nj_prefix_mask(struct nj_addr *a, unsigned plen)
{
	unsigned i;

	for (i = plen; i < 128; i++)
		a->a[i / 8] &= (uint8_t)~(1u << (7 - i % 8));
}

static uint32_t
newnode(struct nj_prefix_set *s)
{
	struct node *n;
	size_t ncap;

	if (s->nnodes == s->cap) {
		if (s->cap > UINT32_MAX / 2)
			return NIL;
		ncap = s->cap * 2;
		if ((n = realloc(s->nodes, ncap * sizeof(*n))) == NULL)
			return NIL;
		s->nodes = n;
		s->cap = ncap;
	}
	memset(&s->nodes[s->nnodes], 0, sizeof(s->nodes[0]));
	return (uint32_t)s->nnodes++;
}

/* Returns the node for net/plen, or NIL; creates the path when create. */
static uint32_t
find(struct nj_prefix_set *s, const struct nj_addr *net, unsigned plen,
    bool create)
{
	uint32_t n, c;
	unsigned i, b;

	n = net->family == 4 ? 0 : 1;
	for (i = 0; i < plen; i++) {
		b = bit(net, i);
		if ((c = s->nodes[n].child[b]) == NIL) {
			if (!create || (c = newnode(s)) == NIL)
				return NIL;
			s->nodes[n].child[b] = c;
		}
		n = c;
	}
	return n;
}

int
nj_prefix_insert(struct nj_prefix_set *s, const struct nj_addr *net,
    unsigned plen, intptr_t value)
{
	struct nj_addr m;
	uint32_t n;

	if ((net->family != 4 && net->family != 6) || plen > maxlen(net)) {
		errno = EINVAL;
		return -1;
	}
	m = *net;
	nj_prefix_mask(&m, plen);
	/* An existing prefix only changes value, so the cap does not apply. */
	n = find(s, &m, plen, false);
	if (!(plen == 0 || n != NIL) || !s->nodes[n].has) {
		if (s->count >= s->max) {
			s->refused++;
			errno = E2BIG;
			return -1;
		}
		if ((n = find(s, &m, plen, true)) == NIL && plen > 0) {
			errno = ENOMEM;
			return -1;
		}
		s->count++;
	}
	s->nodes[n].has = true;
	s->nodes[n].value = value;
	return 0;
}

bool
nj_prefix_lookup_all(const struct nj_prefix_set *s, const struct nj_addr *a,
    bool (*fn)(intptr_t value, void *arg), void *arg)
{
	uint32_t n;
	unsigned i, len;

	if (s == NULL || (a->family != 4 && a->family != 6))
		return false;
	n = a->family == 4 ? 0 : 1;
	len = maxlen(a);
	for (i = 0;; i++) {
		if (s->nodes[n].has && fn(s->nodes[n].value, arg))
			return true;
		if (i == len || (n = s->nodes[n].child[bit(a, i)]) == NIL)
			return false;
	}
}

bool
nj_prefix_lookup(const struct nj_prefix_set *s, const struct nj_addr *a,
    intptr_t *value)
{
	uint32_t n;
	unsigned i, len;
	bool found = false;

	if (s == NULL || (a->family != 4 && a->family != 6))
		return false;
	n = a->family == 4 ? 0 : 1;
	len = maxlen(a);
	for (i = 0;; i++) {
		if (s->nodes[n].has) {
			found = true;
			if (value != NULL)
				*value = s->nodes[n].value;
		}
		if (i == len || (n = s->nodes[n].child[bit(a, i)]) == NIL)
			return found;
	}
}

bool
nj_prefix_get(const struct nj_prefix_set *s, const struct nj_addr *net,
    unsigned plen, intptr_t *value)
{
	struct nj_addr m;
	uint32_t n;

	if (s == NULL || (net->family != 4 && net->family != 6) ||
	    plen > maxlen(net))
		return false;
	m = *net;
	nj_prefix_mask(&m, plen);
	n = find((struct nj_prefix_set *)s, &m, plen, false);
	if ((n == NIL && plen > 0) || !s->nodes[n].has)
		return false;
	if (value != NULL)
		*value = s->nodes[n].value;
	return true;
}

size_t
nj_prefix_count(const struct nj_prefix_set *s)
{
	return s == NULL ? 0 : s->count;
}

uint64_t
nj_prefix_refused(const struct nj_prefix_set *s)
{
	return s == NULL ? 0 : s->refused;
}

/*
 * Depth-first walk with an explicit stack (depth is at most 128, so the
 * stack is fixed) to keep recursion off the node chain.
 */
static void
walk(const struct nj_prefix_set *s, uint8_t family,
    void (*fn)(const struct nj_addr *, unsigned, intptr_t, void *), void *arg)
{
	struct { uint32_t n; unsigned depth, next; } st[129];
	struct nj_addr a;
	int sp = 0;
	uint32_t c;

	memset(&a, 0, sizeof(a));
	a.family = family;
	st[0].n = family == 4 ? 0 : 1;
	st[0].depth = 0;
	st[0].next = 0;
	if (s->nodes[st[0].n].has)
		fn(&a, 0, s->nodes[st[0].n].value, arg);
	while (sp >= 0) {
		if (st[sp].next > 1) {
			sp--;
			continue;
		}
		unsigned b = st[sp].next++, d = st[sp].depth;
		if ((c = s->nodes[st[sp].n].child[b]) == NIL)
			continue;
		if (b)
			a.a[d / 8] |= (uint8_t)(1u << (7 - d % 8));
		else
			a.a[d / 8] &= (uint8_t)~(1u << (7 - d % 8));
		nj_prefix_mask(&a, d + 1);
		if (s->nodes[c].has)
			fn(&a, d + 1, s->nodes[c].value, arg);
		sp++;
		st[sp].n = c;
		st[sp].depth = d + 1;
		st[sp].next = 0;
	}
}

void
nj_prefix_walk(const struct nj_prefix_set *s,
    void (*fn)(const struct nj_addr *, unsigned, intptr_t, void *), void *arg)
{
	if (s == NULL)
		return;
	walk(s, 4, fn, arg);
	walk(s, 6, fn, arg);
}

int
nj_prefix_parse(const char *s, struct nj_addr *net, unsigned *plen)
{
	char buf[NJ_ADDRSTRLEN + 8];
	const char *slash;
	unsigned long len;
	char *end;
	size_t n;

	if ((slash = strchr(s, '/')) == NULL)
		n = strlen(s);
	else
		n = (size_t)(slash - s);
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (nj_addr_parse(buf, net) != 0)
		return -1;
	if (slash == NULL) {
		*plen = maxlen(net);
		return 0;
	}
	/* Only plain decimal digits: no sign, space or hex after the slash. */
	if (slash[1] < '0' || slash[1] > '9' || strlen(slash + 1) > 3)
		return -1;
	errno = 0;
	len = strtoul(slash + 1, &end, 10);
	if (errno != 0 || *end != '\0' || len > maxlen(net))
		return -1;
	*plen = (unsigned)len;
	nj_prefix_mask(net, *plen);
	return 0;
}

char *
nj_prefix_str(const struct nj_addr *net, unsigned plen, char *buf, size_t len)
{
	char a[NJ_ADDRSTRLEN];

	nj_addr_str(net, a, sizeof(a));
	if (plen == maxlen(net))
		snprintf(buf, len, "%s", a);
	else
		snprintf(buf, len, "%s/%u", a, plen);
	return buf;
}
