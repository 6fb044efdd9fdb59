/*
 * prefix.c - a path-compressed binary trie for longest-prefix match
 * (IPv4 and IPv6). Nodes live in one growing array and link by index,
 * so freeing a set is one free() and a set never holds a dangling child.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/prefix.h"

#define NIL 0 /* node 0 is never a child: it is the IPv4 root */

/*
 * A node stands for the prefix key/len. Path compression: a node exists
 * only where a prefix ends or two branches part, so a chain of single
 * children collapses into one edge and a set of n prefixes holds fewer
 * than 2n + 2 nodes whatever their length. Each child's key extends its
 * parent's; child[b] holds keys whose bit at the parent's len is b.
 */
struct node {
	uint8_t	 key[16];   /* network order, bits past len zero */
	uint8_t	 len;
	bool	 has;       /* a prefix ends here */
	intptr_t value;
	uint32_t child[2];
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
bit(const uint8_t *a, unsigned i)
{
	return (a[i / 8] >> (7 - i % 8)) & 1;
}

static unsigned
maxlen(const struct nj_addr *a)
{
	return a->family == 4 ? 32 : 128;
}

/* The first bit in [from, to) where a and b differ, or to. */
static unsigned
diverge(const uint8_t *a, const uint8_t *b, unsigned from, unsigned to)
{
	unsigned i = from;

	while (i < to) {
		if (i % 8 == 0 && to - i >= 8 && a[i / 8] == b[i / 8]) {
			i += 8;
			continue;
		}
		if (bit(a, i) != bit(b, i))
			return i;
		i++;
	}
	return to;
}

struct nj_prefix_set *
nj_prefix_new(size_t max_entries)
{
	struct nj_prefix_set *s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->cap = 16;
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

/* Room for two more nodes: an insert never needs more. */
static int
reserve(struct nj_prefix_set *s)
{
	struct node *n;
	size_t ncap;

	if (s->nnodes + 2 <= s->cap)
		return 0;
	if (s->cap > UINT32_MAX / 2)
		return -1;
	ncap = s->cap * 2;
	if ((n = realloc(s->nodes, ncap * sizeof(*n))) == NULL)
		return -1;
	s->nodes = n;
	s->cap = ncap;
	return 0;
}

static uint32_t
newnode(struct nj_prefix_set *s, const uint8_t *key, unsigned len)
{
	struct node *n = &s->nodes[s->nnodes];
	struct nj_addr a;

	memset(n, 0, sizeof(*n));
	memset(&a, 0, sizeof(a));
	memcpy(a.a, key, sizeof(a.a));
	nj_prefix_mask(&a, len);
	memcpy(n->key, a.a, sizeof(n->key));
	n->len = (uint8_t)len;
	return (uint32_t)s->nnodes++;
}

/* The node holding exactly key/len, or NIL (key is masked). */
static uint32_t
exact(const struct nj_prefix_set *s, const struct nj_addr *key, unsigned len)
{
	const struct node *c;
	uint32_t n = key->family == 4 ? 0 : 1;

	unsigned from;

	while ((from = s->nodes[n].len) < len) {
		if ((n = s->nodes[n].child[bit(key->a, from)]) == NIL)
			return NIL;
		c = &s->nodes[n];
		if (c->len > len ||
		    diverge(key->a, c->key, from, c->len) < c->len)
			return NIL;
	}
	return n;
}

int
nj_prefix_insert(struct nj_prefix_set *s, const struct nj_addr *net,
    unsigned plen, intptr_t value)
{
	struct nj_addr m;
	uint32_t n, c, mid, leaf;
	unsigned b, d, clen;

	if ((net->family != 4 && net->family != 6) || plen > maxlen(net)) {
		errno = EINVAL;
		return -1;
	}
	m = *net;
	nj_prefix_mask(&m, plen);
	/* An existing prefix only changes value, so the cap does not apply. */
	n = exact(s, &m, plen);
	if ((n != NIL || plen == 0) && s->nodes[n].len == plen &&
	    s->nodes[n].has) {
		s->nodes[n].value = value;
		return 0;
	}
	if (s->count >= s->max) {
		s->refused++;
		errno = E2BIG;
		return -1;
	}
	if (reserve(s) != 0) {
		errno = ENOMEM;
		return -1;
	}
	n = m.family == 4 ? 0 : 1;
	for (;;) {
		if (s->nodes[n].len == plen)
			break;
		b = bit(m.a, s->nodes[n].len);
		if ((c = s->nodes[n].child[b]) == NIL) {
			leaf = newnode(s, m.a, plen);
			s->nodes[n].child[b] = leaf;
			n = leaf;
			break;
		}
		clen = s->nodes[c].len;
		d = diverge(m.a, s->nodes[c].key, s->nodes[n].len,
		    clen < plen ? clen : plen);
		if (d == clen) {
			n = c; /* c's key is a prefix of ours: go down */
			continue;
		}
		/* Ours parts from c's key at bit d: a node at d joins them. */
		mid = newnode(s, m.a, d);
		s->nodes[mid].child[bit(s->nodes[c].key, d)] = c;
		s->nodes[n].child[b] = mid;
		if (d == plen) {
			n = mid;
			break;
		}
		leaf = newnode(s, m.a, plen);
		s->nodes[mid].child[bit(m.a, d)] = leaf;
		n = leaf;
		break;
	}
	s->nodes[n].has = true;
	s->nodes[n].value = value;
	s->count++;
	return 0;
}

bool
nj_prefix_lookup_all(const struct nj_prefix_set *s, const struct nj_addr *a,
    bool (*fn)(intptr_t value, void *arg), void *arg)
{
	const struct node *c;
	uint32_t n;
	unsigned len, from;

	if (s == NULL || (a->family != 4 && a->family != 6))
		return false;
	n = a->family == 4 ? 0 : 1;
	len = maxlen(a);
	for (;;) {
		if (s->nodes[n].has && fn(s->nodes[n].value, arg))
			return true;
		from = s->nodes[n].len;
		if (from == len || (n = s->nodes[n].child[bit(a->a, from)]) ==
		    NIL)
			return false;
		/* Only the bits this edge skipped remain to be compared. */
		c = &s->nodes[n];
		if (diverge(a->a, c->key, from, c->len) < c->len)
			return false;
	}
}

struct last {
	bool	 found;
	intptr_t value;
};

static bool
keep_last(intptr_t value, void *arg)
{
	struct last *l = arg;

	l->found = true;
	l->value = value;
	return false;
}

bool
nj_prefix_lookup(const struct nj_prefix_set *s, const struct nj_addr *a,
    intptr_t *value)
{
	struct last l = { false, 0 };

	/* Every match is visited shortest first, so the last is the longest. */
	nj_prefix_lookup_all(s, a, keep_last, &l);
	if (l.found && value != NULL)
		*value = l.value;
	return l.found;
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
	n = exact(s, &m, plen);
	if ((n == NIL && plen > 0) || s->nodes[n].len != plen ||
	    !s->nodes[n].has)
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
 * Pre-order walk (a node, then its 0 side, then its 1 side) with an
 * explicit stack: each level is at least one bit longer, so 129 deep.
 */
static void
walk(const struct nj_prefix_set *s, uint8_t family,
    void (*fn)(const struct nj_addr *, unsigned, intptr_t, void *), void *arg)
{
	uint32_t st[2 * 129 + 1];
	const struct node *nd;
	struct nj_addr a;
	int sp = 0;

	st[0] = family == 4 ? 0 : 1;
	while (sp >= 0) {
		nd = &s->nodes[st[sp--]];
		if (nd->has) {
			memset(&a, 0, sizeof(a));
			a.family = family;
			memcpy(a.a, nd->key, sizeof(a.a));
			fn(&a, nd->len, nd->value, arg);
		}
		/* Pushed 1 then 0, so the 0 side comes out first. */
		if (nd->child[1] != NIL)
			st[++sp] = nd->child[1];
		if (nd->child[0] != NIL)
			st[++sp] = nd->child[0];
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
