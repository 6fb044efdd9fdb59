/*
 * dnscache.h - the passive DNS cache: for each client, the addresses it
 * was given and the names behind them (the CNAME chain from the question
 * to the address record), which resolver answered, when, and the TTL.
 * Detectors ask it "what name led this client to this address?".
 */
#ifndef NJ_DNSCACHE_H
#define NJ_DNSCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoders/dns.h"
#include "decoders/types.h"

struct nj_dnscache;

#define NJ_DNSCACHE_DEFAULT_CAP (256u * 1024) /* (client, address) entries */
/* Names kept per chain: the question, up to 6 CNAME targets, the owner. */
#define NJ_DNSCACHE_CHAIN_MAX 8
/*
 * An entry is kept max(TTL, grace) after the answer, at most a week.
 * TTLs say how long a resolver may reuse an answer, not how long a client
 * uses the address: browsers and long-lived connections keep addresses
 * well past short CDN TTLs (20-60 s), and a connection opened then must
 * still carry its name. Eviction (least recently used) bounds the memory.
 */
#define NJ_DNSCACHE_DEFAULT_GRACE NJ_SEC(3600)
#define NJ_DNSCACHE_MAX_HOLD NJ_SEC(7 * 86400)

struct nj_dns_hit {
	/*
	 * chain[0] is the question, chain[nchain-1] the address's owner;
	 * entries past nchain are undefined.
	 */
	uint8_t nchain;
	bool chain_cut;               /* longer than NJ_DNSCACHE_CHAIN_MAX */
	char chain[NJ_DNSCACHE_CHAIN_MAX][NJ_DNS_NAME_MAX];
	struct nj_addr client;        /* who was given the answer */
	struct nj_addr resolver;      /* who answered */
	nj_time_t when;               /* packet time of the answer */
	uint32_t ttl;                 /* smallest TTL along the chain, seconds */
	bool by_client;               /* the asking client's own answer */
};

/* The question the client asked, and the name that owns the address. */
static inline const char *
nj_dns_hit_qname(const struct nj_dns_hit *h)
{
	return h->chain[0];
}

static inline const char *
nj_dns_hit_name(const struct nj_dns_hit *h)
{
	return h->chain[h->nchain > 0 ? h->nchain - 1 : 0];
}

struct nj_dnscache_stats {
	uint64_t entries;     /* (client, address) entries now */
	uint64_t cap;
	uint64_t messages;    /* responses that gave at least one address */
	uint64_t inserted;    /* new entries */
	uint64_t refreshed;   /* entries replaced by a newer answer */
	uint64_t evicted;     /* dropped for room, least recently used first */
	uint64_t expired;     /* dropped past their hold time */
	uint64_t hits_client; /* lookups answered by the client's own answer */
	uint64_t hits_other;  /* by the most recent answer to anyone else */
	uint64_t misses;
	uint64_t skipped;     /* address records not on the question's chain */
};

/* cap 0 means NJ_DNSCACHE_DEFAULT_CAP. Returns NULL when out of memory. */
struct nj_dnscache *nj_dnscache_new(size_t cap);
void nj_dnscache_free(struct nj_dnscache *c);
/* Sets the grace period (packet-time microseconds). */
void nj_dnscache_set_grace(struct nj_dnscache *c, nj_time_t grace);

/*
 * Ingests a response sent by resolver to client at packet time now: every
 * A/AAAA record (class IN, mDNS cache-flush bit ignored) whose owner is
 * the end of the CNAME chain that starts at the question. Records off the
 * chain are counted as skipped (they are not what the client asked for).
 * An IPv4-mapped AAAA (::ffff:a.b.c.d) is kept as the IPv4 address the
 * client's packets will carry. Queries, errors and opcodes other than QUERY are ignored. Returns the
 * number of addresses ingested.
 */
int nj_dnscache_answer(struct nj_dnscache *c, const struct nj_addr *client,
    const struct nj_addr *resolver, const struct nj_dns_msg *m,
    nj_time_t now);

/*
 * What led client to addr: the most recent unexpired answer to that
 * client, else the most recent unexpired answer to anyone. Returns true
 * and fills *out on a hit. O(1) on average.
 */
bool nj_dnscache_lookup(struct nj_dnscache *c, const struct nj_addr *client,
    const struct nj_addr *addr, nj_time_t now, struct nj_dns_hit *out);

void nj_dnscache_stats(const struct nj_dnscache *c,
    struct nj_dnscache_stats *out);

#endif
