/*
 * ptr.c - asynchronous reverse (PTR) lookups for alert enrichment: one
 * non-blocking UDP socket connected to the configured resolver, a
 * bounded table of outstanding queries, a token bucket, and a bounded
 * cache of results (see ptr.h).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "sensor/addrcache.h"
#include "sensor/geo.h"
#include "sensor/ptr.h"
#include "sensor/ptr_wire.h"

#define NJ_PTR_MAX_OUTSTANDING 1024
#define NJ_PTR_RECV_PER_TICK   256  /* datagrams read by one tick at most */
#define NJ_PTR_MSG_MAX         4096 /* larger answers are cut: ldns refuses */

struct query {
	bool used;
	uint16_t id;
	struct nj_addr addr;
	ldns_rdf *qname;
	uint64_t sent_ms;
};

/* A cached result: a name, or none (neg). */
struct ptr_cached {
	bool neg;
	char name[NJ_PTR_NAME_MAX];
};

struct nj_ptr {
	struct nj_ptr_options o;
	int fd;
	struct query *q;
	size_t nq;              /* outstanding */
	double tokens;
	uint64_t refill_ms;     /* when tokens were last topped up */
	struct nj_addrcache *cache;
	struct nj_ptr_counters c;
};

void
nj_ptr_options_default(struct nj_ptr_options *o)
{
	memset(o, 0, sizeof(*o));
	o->rate = 10;
	o->burst = 20;
	o->timeout_ms = 2000;
	o->max_outstanding = 64;
	o->cache_cap = 4096;
	o->ttl_max = 3600;
	o->neg_ttl = 300;
	o->fail_ttl = 60;
}

static uint64_t
now_ms(const struct nj_ptr *p)
{
	struct timespec ts;

	if (p->o.clock_ms != NULL)
		return p->o.clock_ms(p->o.clock_ctx);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* "A", "A:PORT", "V6" or "[V6]:PORT" into ss; 0 or -1. */
static int
parse_resolver(const char *s, struct sockaddr_storage *ss, socklen_t *sl)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	char host[64];
	const char *port = NULL, *colon, *end;
	unsigned long pn = 53;
	char *ep;
	size_t n;

	memset(ss, 0, sizeof(*ss));
	if (s[0] == '[') {
		if ((end = strchr(s, ']')) == NULL)
			return -1;
		n = (size_t)(end - s - 1);
		if (end[1] == ':')
			port = end + 2;
		else if (end[1] != '\0')
			return -1;
		s++;
	} else if ((colon = strchr(s, ':')) != NULL &&
	    strchr(colon + 1, ':') == NULL) {
		n = (size_t)(colon - s);
		port = colon + 1;
	} else
		n = strlen(s);
	if (n == 0 || n >= sizeof(host))
		return -1;
	memcpy(host, s, n);
	host[n] = '\0';
	if (port != NULL) {
		errno = 0;
		pn = strtoul(port, &ep, 10);
		if (errno != 0 || ep == port || *ep != '\0' || pn == 0 ||
		    pn > 65535)
			return -1;
	}
	if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)pn);
		*sl = sizeof(*sin);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)pn);
		*sl = sizeof(*sin6);
		return 0;
	}
	return -1;
}

struct nj_ptr *
nj_ptr_new(const struct nj_ptr_options *o, char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	struct nj_ptr *p;
	socklen_t sl;

	if (o->resolver == NULL || parse_resolver(o->resolver, &ss, &sl) != 0) {
		snprintf(err, errlen, "enrich.ptr.resolver: expected IP, IP:PORT "
		    "or [IPv6]:PORT, got '%.64s'", o->resolver ? o->resolver :
		    "");
		return NULL;
	}
	if (!(o->rate > 0) || o->burst == 0 || o->timeout_ms == 0 ||
	    o->max_outstanding == 0 ||
	    o->max_outstanding > NJ_PTR_MAX_OUTSTANDING || o->cache_cap == 0) {
		snprintf(err, errlen, "enrich.ptr: rate, burst, timeout, "
		    "outstanding (at most %d) and cache must be positive",
		    NJ_PTR_MAX_OUTSTANDING);
		return NULL;
	}
	if ((p = calloc(1, sizeof(*p))) != NULL)
		p->fd = -1;
	if (p == NULL || (p->q = calloc(o->max_outstanding, sizeof(*p->q))) == NULL ||
	    (p->cache = nj_addrcache_new(o->cache_cap,
	    sizeof(struct ptr_cached))) == NULL) {
		snprintf(err, errlen, "enrich.ptr: %s", strerror(ENOMEM));
		goto fail;
	}
	p->o = *o;
	p->o.resolver = NULL; /* the caller's string: not kept */
	p->fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	/*
	 * A connected socket only receives datagrams from the resolver's
	 * address and port, and reports its ICMP errors.
	 */
	if (p->fd < 0 || connect(p->fd, (struct sockaddr *)&ss, sl) != 0) {
		snprintf(err, errlen, "enrich.ptr.resolver: %s: %s",
		    o->resolver, strerror(errno));
		goto fail;
	}
	p->tokens = o->burst;
	p->refill_ms = now_ms(p);
	return p;
fail:
	nj_ptr_free(p);
	return NULL;
}

static void
query_done(struct nj_ptr *p, struct query *q)
{
	ldns_rdf_deep_free(q->qname);
	memset(q, 0, sizeof(*q));
	p->nq--;
}

void
nj_ptr_free(struct nj_ptr *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; p->q != NULL && i < p->o.max_outstanding; i++)
		if (p->q[i].used)
			query_done(p, &p->q[i]);
	if (p->fd >= 0)
		close(p->fd);
	free(p->q);
	nj_addrcache_free(p->cache);
	free(p);
}

static void
remember(struct nj_ptr *p, const struct nj_addr *a, const char *name,
    unsigned ttl, uint64_t now)
{
	struct ptr_cached *c = nj_addrcache_put(p->cache, a,
	    now + (uint64_t)ttl * 1000);

	c->neg = name == NULL;
	if (name != NULL)
		snprintf(c->name, sizeof(c->name), "%s", name);
}

/* Tops up the bucket and takes a token; false when there is none. */
static bool
take_token(struct nj_ptr *p, uint64_t now)
{
	if (now > p->refill_ms) {
		p->tokens += (double)(now - p->refill_ms) * p->o.rate / 1000;
		if (p->tokens > p->o.burst)
			p->tokens = p->o.burst;
		p->refill_ms = now;
	}
	if (p->tokens < 1)
		return false;
	p->tokens -= 1;
	return true;
}

static int
send_query(struct nj_ptr *p, struct query *q, const struct nj_addr *a,
    uint64_t now)
{
	uint8_t *wire;
	size_t len, i;
	uint16_t id;
	bool taken;

	/*
	 * A random id: an off-path sender must guess it and the port. It
	 * differs from every outstanding one, so an answer names its query.
	 */
	if (getrandom(&id, sizeof(id), GRND_NONBLOCK) != (ssize_t)sizeof(id))
		id = (uint16_t)(now * 2654435761u);
	/* At most max_outstanding (< 65536) steps find a free one. */
	do {
		for (i = 0, taken = false; i < p->o.max_outstanding; i++)
			taken |= p->q[i].used && p->q[i].id == id;
		id = taken ? (uint16_t)(id + 1) : id;
	} while (taken);
	if (nj_ptr_query(a, id, &wire, &len, &q->qname) != 0) {
		p->c.send_errors++;
		return -1;
	}
	if (send(p->fd, wire, len, 0) != (ssize_t)len) {
		p->c.send_errors++;
		free(wire);
		ldns_rdf_deep_free(q->qname);
		q->qname = NULL;
		return -1;
	}
	free(wire);
	q->used = true;
	q->id = id;
	q->addr = *a;
	q->sent_ms = now;
	p->nq++;
	p->c.queries++;
	return 0;
}

enum nj_ptr_status
nj_ptr_lookup(struct nj_ptr *p, const struct nj_addr *mapped, char *name,
    size_t len)
{
	struct ptr_cached *c;
	struct query *free_q = NULL;
	struct nj_addr a, *addr = &a;
	uint64_t now;
	size_t i;

	name[0] = '\0';
	p->c.lookups++;
	if (nj_geo_skip(mapped)) {
		p->c.skipped++;
		return NJ_PTR_SKIPPED;
	}
	/* ::ffff:a.b.c.d has its name under in-addr.arpa, as a.b.c.d. */
	nj_geo_unmap(mapped, &a);
	now = now_ms(p);
	if ((c = nj_addrcache_get(p->cache, addr, now)) != NULL) {
		if (c->neg)
			return NJ_PTR_NONE;
		snprintf(name, len, "%s", c->name);
		return NJ_PTR_FOUND;
	}
	for (i = 0; i < p->o.max_outstanding; i++) {
		if (p->q[i].used && memcmp(&p->q[i].addr, addr,
		    sizeof(*addr)) == 0)
			return NJ_PTR_PENDING;
		if (!p->q[i].used && free_q == NULL)
			free_q = &p->q[i];
	}
	if (free_q == NULL) {
		p->c.busy++;
		return NJ_PTR_LIMITED;
	}
	if (!take_token(p, now)) {
		p->c.rate_limited++;
		return NJ_PTR_LIMITED;
	}
	if (send_query(p, free_q, addr, now) != 0)
		return NJ_PTR_LIMITED;
	return NJ_PTR_PENDING;
}

/* One datagram: match it to its query and cache what it says. */
static void
handle_answer(struct nj_ptr *p, const uint8_t *buf, size_t n, uint64_t now)
{
	char name[NJ_PTR_NAME_MAX];
	ldns_pkt *pkt = NULL;
	struct query *q = NULL;
	uint32_t ttl = 0;
	size_t i;

	if (ldns_wire2pkt(&pkt, buf, n) != LDNS_STATUS_OK) {
		p->c.unmatched++;
		return;
	}
	for (i = 0; i < p->o.max_outstanding && q == NULL; i++)
		if (p->q[i].used && p->q[i].id == ldns_pkt_id(pkt))
			q = &p->q[i];
	switch (q == NULL ? NJ_PTRA_BAD : nj_ptr_answer(pkt, q->qname, name,
	    sizeof(name), &ttl)) {
	case NJ_PTRA_BAD:
		p->c.unmatched++;
		ldns_pkt_free(pkt);
		return;
	case NJ_PTRA_NAME:
		p->c.names++;
		remember(p, &q->addr, name, ttl < p->o.ttl_max ? ttl :
		    p->o.ttl_max, now);
		break;
	case NJ_PTRA_NONE:
		p->c.negative++;
		remember(p, &q->addr, NULL, p->o.neg_ttl, now);
		break;
	case NJ_PTRA_FAIL:
		p->c.failures++;
		remember(p, &q->addr, NULL, p->o.fail_ttl, now);
		break;
	}
	p->c.answers++;
	ldns_pkt_free(pkt);
	query_done(p, q);
}

void
nj_ptr_tick(struct nj_ptr *p)
{
	uint8_t buf[NJ_PTR_MSG_MAX];
	struct pollfd pfd;
	uint64_t now;
	ssize_t n;
	size_t i;

	/* Nothing asked, nothing to read: no system call at all. */
	if (p->nq == 0)
		return;
	now = now_ms(p);
	pfd.fd = p->fd;
	pfd.events = POLLIN;
	for (i = 0; i < NJ_PTR_RECV_PER_TICK && p->nq > 0; i++) {
		/* POLLERR too: recv() then clears a pending ICMP error. */
		if (poll(&pfd, 1, 0) <= 0 ||
		    (pfd.revents & (POLLIN | POLLERR)) == 0)
			break;
		if ((n = recv(p->fd, buf, sizeof(buf), MSG_DONTWAIT)) < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			/* ECONNREFUSED: nothing listens; the timeout says so. */
			p->c.recv_errors++;
			continue;
		}
		handle_answer(p, buf, (size_t)n, now);
	}
	for (i = 0; i < p->o.max_outstanding; i++) {
		if (!p->q[i].used || now - p->q[i].sent_ms < p->o.timeout_ms)
			continue;
		p->c.timeouts++;
		remember(p, &p->q[i].addr, NULL, p->o.fail_ttl, now);
		query_done(p, &p->q[i]);
	}
}

int
nj_ptr_fd(const struct nj_ptr *p)
{
	return p->fd;
}

void
nj_ptr_counters(const struct nj_ptr *p, struct nj_ptr_counters *c)
{
	struct nj_addrcache_stats st;

	*c = p->c;
	nj_addrcache_stats(p->cache, &st);
	c->cache_hits = st.hits;
	c->cache_misses = st.misses;
	c->cache_evictions = st.evictions;
	c->cache_entries = st.entries;
	c->outstanding = p->nq;
}

void
nj_ptr_stats(const struct nj_ptr *p, FILE *out)
{
	struct nj_ptr_counters c;

	nj_ptr_counters(p, &c);
	const struct { const char *name; uint64_t v; } rows[] = {
		{ "lookups", c.lookups }, { "skipped", c.skipped },
		{ "queries", c.queries }, { "answers", c.answers },
		{ "names", c.names }, { "negative", c.negative },
		{ "failures", c.failures }, { "timeouts", c.timeouts },
		{ "rate_limited", c.rate_limited }, { "busy", c.busy },
		{ "unmatched", c.unmatched }, { "send_errors", c.send_errors },
		{ "recv_errors", c.recv_errors }, { "cache_hits", c.cache_hits },
		{ "cache_misses", c.cache_misses },
		{ "cache_evictions", c.cache_evictions },
		{ "cache_entries", c.cache_entries },
		{ "outstanding", c.outstanding },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		fprintf(out, "ptr.%s %llu\n", rows[i].name,
		    (unsigned long long)rows[i].v);
}
