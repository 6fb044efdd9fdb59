/*
 * flow_table.c - the flow table: a pool of entries allocated once,
 * chained hash buckets keyed with a secret seed (so an attacker cannot
 * aim a flood at one chain), and one LRU list per state class. The
 * lists make expiry incremental (only list heads are ever old) and give
 * the eviction order: unanswered and finished flows go before live ones.
 */
#include <sys/mman.h>

#include <endian.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/flow_table.h"

/* LRU classes, in eviction order. Classes before FT_STRONG are "weak". */
enum ft_list {
	FT_CLOSED = 0,
	FT_REJECTED,
	FT_ATTEMPTED,
	FT_UDP_NOREPLY,
	FT_ICMP_NOREPLY,
	FT_HALF_OPEN,
	FT_TCP_ONEWAY,  /* established by its looks, never answered */
	FT_STRONG,
	FT_UDP = FT_STRONG,
	FT_ICMP,
	FT_ESTABLISHED,
	FT_NLISTS
};

#define FT_NIL 0 /* indices are stored +1 so that calloc'd memory is empty */

struct ft_entry {
	struct nj_flow f;
	uint32_t hnext;          /* bucket chain */
	uint32_t prev, next;     /* LRU list */
	uint16_t kport[2];       /* key ports of orig and resp (ICMP mapped) */
	uint8_t list;            /* enum ft_list */
	uint8_t fin;             /* FIN seen: bit 0 orig, bit 1 resp */
};

struct ft_list_head {
	uint32_t head, tail;
	nj_time_t timeout;
};

struct nj_flow_table {
	struct ft_entry *pool;   /* max entries, touched only as used */
	uint32_t *buckets;       /* nbuckets heads */
	uint32_t nbuckets;       /* power of two */
	uint32_t max, used;      /* used: high-water mark of the pool */
	uint32_t freelist;       /* through hnext */
	uint64_t k0, k1;         /* hash key */
	struct ft_list_head lists[FT_NLISTS];
	nj_flow_end_fn end;
	void *arg;
	struct nj_flow_table_stats st;
};

void
nj_flow_timeouts_default(struct nj_flow_timeouts *to)
{
	to->tcp_attempted = NJ_SEC(30);
	to->tcp_rejected = NJ_SEC(30);
	to->tcp_half_open = NJ_SEC(60);
	to->tcp_established = NJ_SEC(3600);
	to->tcp_closed = NJ_SEC(5);
	to->udp = NJ_SEC(60);
	to->icmp = NJ_SEC(60);
}

static uint32_t
nbuckets_for(uint32_t max)
{
	uint32_t n = 16;

	/* About two buckets per flow keeps chains short at 8 bytes a flow. */
	while (n < max && n < (1u << 31))
		n <<= 1;
	return n < (1u << 31) ? n << 1 : n;
}

size_t
nj_flow_table_memsize(uint32_t max_flows)
{
	return sizeof(struct nj_flow_table) +
	    (size_t)max_flows * sizeof(struct ft_entry) +
	    (size_t)nbuckets_for(max_flows) * sizeof(uint32_t);
}

/*
 * calloc for the two big arrays, asking for transparent huge pages: a
 * flood touches pool and buckets at random, and with 4 KiB pages nearly
 * every packet then also misses the TLB (dearly in a virtual machine).
 * Untouched 2 MiB ranges stay unmapped, so the table still costs only
 * what its flows use, rounded to 2 MiB. Advice only: errors are ignored.
 */
static void *
table_calloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
#ifdef MADV_HUGEPAGE
	uintptr_t a, end, pg = 4096;

	if (p != NULL && n * size >= ((size_t)4 << 20)) {
		a = ((uintptr_t)p + pg - 1) & ~(pg - 1);
		end = ((uintptr_t)p + n * size) & ~(pg - 1);
		(void)madvise((void *)a, end - a, MADV_HUGEPAGE);
	}
#endif
	return p;
}

struct nj_flow_table *
nj_flow_table_new(uint32_t max_flows, uint64_t seed,
    const struct nj_flow_timeouts *to, nj_flow_end_fn end, void *arg)
{
	struct nj_flow_table *ft;

	if (max_flows == 0 || max_flows > (1u << 30))
		return NULL;
	if ((ft = calloc(1, sizeof(*ft))) == NULL)
		return NULL;
	ft->max = max_flows;
	ft->nbuckets = nbuckets_for(max_flows);
	/*
	 * calloc leaves untouched pages unmapped, so a table sized for a
	 * million flows costs only what the flows in it use.
	 */
	ft->pool = table_calloc(max_flows, sizeof(*ft->pool));
	ft->buckets = table_calloc(ft->nbuckets, sizeof(*ft->buckets));
	if (ft->pool == NULL || ft->buckets == NULL) {
		nj_flow_table_free(ft);
		return NULL;
	}
	ft->k0 = seed ^ 0x736f6d6570736575ULL;
	ft->k1 = (seed * 0x9e3779b97f4a7c15ULL) ^ 0x646f72616e646f6dULL;
	ft->lists[FT_CLOSED].timeout = to->tcp_closed;
	ft->lists[FT_REJECTED].timeout = to->tcp_rejected;
	ft->lists[FT_ATTEMPTED].timeout = to->tcp_attempted;
	ft->lists[FT_UDP_NOREPLY].timeout = to->udp;
	ft->lists[FT_ICMP_NOREPLY].timeout = to->icmp;
	ft->lists[FT_HALF_OPEN].timeout = to->tcp_half_open;
	ft->lists[FT_TCP_ONEWAY].timeout = to->tcp_established;
	ft->lists[FT_UDP].timeout = to->udp;
	ft->lists[FT_ICMP].timeout = to->icmp;
	ft->lists[FT_ESTABLISHED].timeout = to->tcp_established;
	ft->end = end;
	ft->arg = arg;
	return ft;
}

void
nj_flow_table_free(struct nj_flow_table *ft)
{
	if (ft == NULL)
		return;
	free(ft->pool);
	free(ft->buckets);
	free(ft);
}

const struct nj_flow_table_stats *
nj_flow_table_stats(const struct nj_flow_table *ft)
{
	return &ft->st;
}

/* SipHash-1-3 over the key words (Aumasson and Bernstein). */
#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND do {                                                   \
	v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);       \
	v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                          \
	v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                          \
	v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);       \
} while (0)

static uint64_t
siphash(uint64_t k0, uint64_t k1, const uint64_t *m, size_t n)
{
	uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
	uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
	uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
	uint64_t v3 = k1 ^ 0x7465646279746573ULL;
	uint64_t b = (uint64_t)(n * 8) << 56;
	size_t i;

	for (i = 0; i < n; i++) {
		v3 ^= m[i];
		SIPROUND;
		v0 ^= m[i];
	}
	v3 ^= b;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

/*
 * nj_addr_cmp's order (family, then the bytes as memcmp sees them) in
 * two word compares: the library call costs more than the rest of the
 * hash's set-up on every packet.
 */
static int
addr_order(const struct nj_addr *x, const struct nj_addr *y)
{
	uint64_t a[2], b[2];

	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	memcpy(a, x->a, sizeof(a));
	memcpy(b, y->a, sizeof(b));
	if (a[0] != b[0])
		return be64toh(a[0]) < be64toh(b[0]) ? -1 : 1;
	if (a[1] != b[1])
		return be64toh(a[1]) < be64toh(b[1]) ? -1 : 1;
	return 0;
}

/* Direction-free hash: the two endpoints are combined in a fixed order. */
static uint32_t
tuple_hash(const struct nj_flow_table *ft, const struct nj_addr *a,
    uint16_t pa, const struct nj_addr *b, uint16_t pb, uint8_t proto,
    uint16_t vlan)
{
	uint64_t m[5];
	int c = addr_order(a, b);
	const struct nj_addr *t;
	uint16_t tp;

	if (c > 0 || (c == 0 && pa > pb)) {
		t = a;
		a = b;
		b = t;
		tp = pa;
		pa = pb;
		pb = tp;
	}
	memcpy(&m[0], a->a, 8);
	memcpy(&m[1], a->a + 8, 8);
	memcpy(&m[2], b->a, 8);
	memcpy(&m[3], b->a + 8, 8);
	m[4] = (uint64_t)pa << 48 | (uint64_t)pb << 32 | (uint64_t)proto << 24 |
	    (uint64_t)vlan << 8 | (uint64_t)(a->family ^ (b->family << 4));
	return (uint32_t)siphash(ft->k0, ft->k1, m, 5);
}

static struct ft_entry *
E(struct nj_flow_table *ft, uint32_t idx)
{
	return &ft->pool[idx - 1];
}

static void
list_unlink(struct nj_flow_table *ft, uint32_t idx)
{
	struct ft_entry *e = E(ft, idx);
	struct ft_list_head *l = &ft->lists[e->list];

	if (e->prev != FT_NIL)
		E(ft, e->prev)->next = e->next;
	else
		l->head = e->next;
	if (e->next != FT_NIL)
		E(ft, e->next)->prev = e->prev;
	else
		l->tail = e->prev;
	e->prev = e->next = FT_NIL;
}

static void
list_append(struct nj_flow_table *ft, uint32_t idx, uint8_t list)
{
	struct ft_entry *e = E(ft, idx);
	struct ft_list_head *l = &ft->lists[list];

	e->list = list;
	e->prev = l->tail;
	e->next = FT_NIL;
	if (l->tail != FT_NIL)
		E(ft, l->tail)->next = idx;
	else
		l->head = idx;
	l->tail = idx;
}

static uint8_t
list_of(const struct nj_flow *f)
{
	switch (f->state) {
	case NJ_FLOW_ATTEMPTED:
		return FT_ATTEMPTED;
	case NJ_FLOW_REJECTED:
		return FT_REJECTED;
	case NJ_FLOW_HALF_OPEN:
		return FT_HALF_OPEN;
	case NJ_FLOW_ESTABLISHED:
		/*
		 * One-way mid-stream TCP (asymmetric routing, or an ACK
		 * flood) keeps the established timeout but not its shield.
		 */
		return f->reply_seen ? FT_ESTABLISHED : FT_TCP_ONEWAY;
	case NJ_FLOW_CLOSED:
		return FT_CLOSED;
	default:
		break;
	}
	if (f->proto == IPPROTO_UDP)
		return f->reply_seen ? FT_UDP : FT_UDP_NOREPLY;
	return f->reply_seen ? FT_ICMP : FT_ICMP_NOREPLY;
}

/* Moves a just-updated entry to the young end of its class. */
static void
touch(struct nj_flow_table *ft, uint32_t idx)
{
	list_unlink(ft, idx);
	list_append(ft, idx, list_of(&E(ft, idx)->f));
}

/*
 * Address equality in two word compares: memcmp of the 17-byte struct
 * is a library call on every packet (four of them on a miss).
 */
static bool
addr_eq(const struct nj_addr *x, const struct nj_addr *y)
{
	uint64_t a[2], b[2];

	memcpy(a, x->a, sizeof(a));
	memcpy(b, y->a, sizeof(b));
	return x->family == y->family && ((a[0] ^ b[0]) | (a[1] ^ b[1])) == 0;
}

static uint32_t
lookup(struct nj_flow_table *ft, uint32_t h, const struct nj_addr *src,
    uint16_t sport, const struct nj_addr *dst, uint16_t dport,
    uint8_t proto, uint16_t vlan, int *dir)
{
	uint32_t idx = ft->buckets[h & (ft->nbuckets - 1)];
	struct ft_entry *e;

	for (; idx != FT_NIL; idx = e->hnext) {
		e = E(ft, idx);
		if (e->f.proto != proto || e->f.vlan != vlan)
			continue;
		if (e->kport[0] == sport && e->kport[1] == dport &&
		    addr_eq(&e->f.orig, src) && addr_eq(&e->f.resp, dst)) {
			*dir = 0;
			return idx;
		}
		if (e->kport[0] == dport && e->kport[1] == sport &&
		    addr_eq(&e->f.orig, dst) && addr_eq(&e->f.resp, src)) {
			*dir = 1;
			return idx;
		}
	}
	return FT_NIL;
}

/* Ends one flow: tells the owner, then unlinks and frees the slot. */
static void
remove_entry(struct nj_flow_table *ft, uint32_t idx, enum nj_flow_end why)
{
	struct ft_entry *e = E(ft, idx);
	uint32_t h, *pp;

	if (ft->end != NULL)
		ft->end(ft->arg, &e->f, why);
	h = tuple_hash(ft, &e->f.orig, e->kport[0], &e->f.resp, e->kport[1],
	    e->f.proto, e->f.vlan);
	for (pp = &ft->buckets[h & (ft->nbuckets - 1)]; *pp != idx;
	    pp = &E(ft, *pp)->hnext)
		;
	*pp = e->hnext;
	list_unlink(ft, idx);
	e->hnext = ft->freelist;
	ft->freelist = idx;
	ft->st.active--;
	if (why == NJ_FLOW_END_EVICTED)
		ft->st.evicted++;
	else if (why == NJ_FLOW_END_TIMEOUT)
		ft->st.expired++;
}

void
nj_flow_table_expire(struct nj_flow_table *ft, nj_time_t now)
{
	struct ft_list_head *l;
	int i;

	for (i = 0; i < FT_NLISTS; i++) {
		l = &ft->lists[i];
		while (l->head != FT_NIL &&
		    E(ft, l->head)->f.last + l->timeout <= now)
			remove_entry(ft, l->head, NJ_FLOW_END_TIMEOUT);
	}
}

void
nj_flow_table_flush(struct nj_flow_table *ft)
{
	int i;

	for (i = 0; i < FT_NLISTS; i++)
		while (ft->lists[i].head != FT_NIL)
			remove_entry(ft, ft->lists[i].head, NJ_FLOW_END_FLUSH);
}

/*
 * A free slot, evicting the oldest weak flow when the cap is reached.
 * Established flows and answered UDP/ICMP give way only once idle for
 * FT_STRONG_IDLE; otherwise the newcomer is refused, so under a flood
 * the flows worth keeping survive and memory stays flat.
 */
#define FT_STRONG_IDLE NJ_SEC(60)

static uint32_t
alloc_entry(struct nj_flow_table *ft, nj_time_t now)
{
	uint32_t idx, h;
	int i;

	if (ft->freelist == FT_NIL && ft->used == ft->max)
		nj_flow_table_expire(ft, now);
	if (ft->freelist != FT_NIL) {
		idx = ft->freelist;
		ft->freelist = E(ft, idx)->hnext;
		return idx;
	}
	if (ft->used < ft->max)
		return ++ft->used;
	for (i = 0; i < FT_STRONG; i++) {
		if (ft->lists[i].head != FT_NIL) {
			remove_entry(ft, ft->lists[i].head,
			    NJ_FLOW_END_EVICTED);
			return alloc_entry(ft, now);
		}
	}
	idx = FT_NIL;
	for (i = FT_STRONG; i < FT_NLISTS; i++) {
		h = ft->lists[i].head;
		if (h != FT_NIL && (idx == FT_NIL ||
		    E(ft, h)->f.last < E(ft, idx)->f.last))
			idx = h;
	}
	if (idx != FT_NIL && E(ft, idx)->f.last + FT_STRONG_IDLE <= now) {
		remove_entry(ft, idx, NJ_FLOW_END_EVICTED);
		return alloc_entry(ft, now);
	}
	return FT_NIL;
}

static void
key_ports(const struct nj_packet *p, uint16_t *sport, uint16_t *dport)
{
	if (p->proto == IPPROTO_ICMP || p->proto == IPPROTO_ICMPV6)
		nj_flow_icmp_ports(p->proto, p->icmp_type, p->icmp_code,
		    sport, dport);
	else {
		*sport = p->sport;
		*dport = p->dport;
	}
}

struct nj_flow *
nj_flow_table_find(struct nj_flow_table *ft, const struct nj_addr *src,
    uint16_t sport, const struct nj_addr *dst, uint16_t dport, uint8_t proto,
    uint16_t vlan, int *dir)
{
	uint32_t h, idx;

	h = tuple_hash(ft, src, sport, dst, dport, proto, vlan);
	idx = lookup(ft, h, src, sport, dst, dport, proto, vlan, dir);
	return idx == FT_NIL ? NULL : &E(ft, idx)->f;
}

/* An ICMP destination unreachable answering a TCP/UDP packet. */
static void
icmp_reject(struct nj_flow_table *ft, const struct nj_packet *p, uint16_t vlan)
{
	const struct nj_icmp_inner *in = &p->inner;
	uint32_t h, idx;
	int dir;
	struct nj_flow *f;

	if ((p->proto == IPPROTO_ICMP && p->icmp_type != 3) ||
	    (p->proto == IPPROTO_ICMPV6 && p->icmp_type != 1))
		return;
	if (in->proto != IPPROTO_TCP && in->proto != IPPROTO_UDP)
		return;
	h = tuple_hash(ft, &in->src, in->sport, &in->dst, in->dport, in->proto,
	    vlan);
	idx = lookup(ft, h, &in->src, in->sport, &in->dst, in->dport,
	    in->proto, vlan, &dir);
	if (idx == FT_NIL)
		return;
	f = &E(ft, idx)->f;
	/* Only a flow the responder never answered was refused. */
	if (f->pkts[1] == 0 &&
	    (f->state == NJ_FLOW_ATTEMPTED || f->state == NJ_FLOW_UDP))
		f->state = NJ_FLOW_REJECTED;
	f->reply_seen = true;
	if (p->ts > f->last)
		f->last = p->ts;
	touch(ft, idx);
}

struct nj_flow *
nj_flow_table_packet(struct nj_flow_table *ft, const struct nj_packet *p,
    int *dir)
{
	struct ft_entry *e;
	uint32_t h, idx, b;
	uint16_t sport, dport, vlan;

	*dir = 0;
	if (!p->l4 || p->frag_later || p->ip_version == 0)
		return NULL;
	if (p->proto != IPPROTO_TCP && p->proto != IPPROTO_UDP &&
	    p->proto != IPPROTO_ICMP && p->proto != IPPROTO_ICMPV6)
		return NULL;
	vlan = p->vlan_count > 0 ? p->vlan[0] : 0;
	if (p->has_inner)
		icmp_reject(ft, p, vlan);
	key_ports(p, &sport, &dport);
	h = tuple_hash(ft, &p->src, sport, &p->dst, dport, p->proto, vlan);
	idx = lookup(ft, h, &p->src, sport, &p->dst, dport, p->proto, vlan,
	    dir);
	/* A fresh SYN on a finished tuple is a new connection (port reuse). */
	if (idx != FT_NIL && p->proto == IPPROTO_TCP &&
	    (p->tcp_flags & (NJ_TH_SYN | NJ_TH_ACK | NJ_TH_RST)) == NJ_TH_SYN &&
	    (E(ft, idx)->f.state == NJ_FLOW_CLOSED ||
	    E(ft, idx)->f.state == NJ_FLOW_REJECTED)) {
		remove_entry(ft, idx, NJ_FLOW_END_REUSED);
		idx = FT_NIL;
	}
	if (idx == FT_NIL) {
		if ((idx = alloc_entry(ft, p->ts)) == FT_NIL) {
			ft->st.refused++;
			return NULL;
		}
		e = E(ft, idx);
		*dir = nj_flow_start(&e->f, p);
		e->fin = 0;
		e->prev = e->next = FT_NIL;
		e->kport[*dir] = sport;
		e->kport[!*dir] = dport;
		b = h & (ft->nbuckets - 1);
		e->hnext = ft->buckets[b];
		ft->buckets[b] = idx;
		list_append(ft, idx, list_of(&e->f));
		ft->st.created++;
		if (++ft->st.active > ft->st.peak)
			ft->st.peak = ft->st.active;
	}
	e = E(ft, idx);
	nj_flow_update(&e->f, p, *dir, &e->fin);
	touch(ft, idx);
	return &e->f;
}
