/*
 * ptr.h - reverse (PTR) names of remote addresses, asked of one
 * configured resolver without ever making capture wait.
 *
 * ldns has no asynchronous resolver (ldns_resolver_send blocks for its
 * whole timeout on a silent server), so nightjar builds each query with
 * ldns, sends it on its own non-blocking UDP socket and reads answers
 * with a zero-timeout poll from nj_ptr_tick(); ldns parses them. Results
 * are cached (names and failures, bounded, TTL-limited); queries are
 * rate-limited by a token bucket and at most max_outstanding wait for
 * an answer, each until its timeout. Time here is a monotonic clock:
 * this is I/O, not detection, and packet time says nothing about when
 * a resolver answers.
 *
 * Answers arrive after the alert that asked was written: an alert gets
 * the name when it is already cached (an earlier alert about the same
 * remote asked); see doc/geoip.md for why alerts are not held back.
 */
#ifndef NJ_PTR_H
#define NJ_PTR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "decoders/types.h"

#define NJ_PTR_NAME_MAX 256 /* a presentation-format name, NUL included */

struct nj_ptr_options {
	/* "IPv4", "IPv4:PORT", "IPv6" or "[IPv6]:PORT"; port 53 by default. */
	const char *resolver;
	double rate;              /* queries per second; default 10 */
	unsigned burst;           /* token bucket size; default 20 */
	unsigned timeout_ms;      /* wait for one answer; default 2000 */
	unsigned max_outstanding; /* queries awaiting answers; default 64 */
	size_t cache_cap;         /* cached results; default 4096 */
	unsigned ttl_max;         /* seconds a name is kept at most; 3600 */
	unsigned neg_ttl;         /* seconds NXDOMAIN / no PTR is kept; 300 */
	unsigned fail_ttl;        /* seconds a timeout or SERVFAIL is kept; 60 */
	/* Milliseconds of a monotonic clock; NULL: CLOCK_MONOTONIC. */
	uint64_t (*clock_ms)(void *ctx);
	void *clock_ctx;
};

enum nj_ptr_status {
	NJ_PTR_FOUND = 0, /* name holds the cached name */
	NJ_PTR_NONE,      /* cached: no name (NXDOMAIN, no PTR, failure) */
	NJ_PTR_PENDING,   /* a query is out (sent now or earlier) */
	NJ_PTR_LIMITED,   /* not asked: rate limit or too many outstanding */
	NJ_PTR_SKIPPED,   /* private or reserved: never asked */
};

struct nj_ptr;

struct nj_ptr_counters {
	uint64_t lookups;      /* nj_ptr_lookup() calls */
	uint64_t skipped;      /* private or reserved addresses */
	uint64_t queries;      /* sent to the resolver */
	uint64_t answers;      /* matched answers */
	uint64_t names;        /* answers with a PTR name */
	uint64_t negative;     /* NXDOMAIN or no PTR record */
	uint64_t failures;     /* SERVFAIL, REFUSED, other rcodes */
	uint64_t timeouts;     /* no answer within timeout_ms */
	uint64_t rate_limited; /* not sent: no token */
	uint64_t busy;         /* not sent: max_outstanding reached */
	uint64_t unmatched;    /* datagrams that answer nothing we asked */
	uint64_t send_errors, recv_errors;
	uint64_t cache_hits, cache_misses, cache_evictions;
	size_t cache_entries, outstanding;
};

/* Fills o with the defaults above (resolver NULL). */
void nj_ptr_options_default(struct nj_ptr_options *o);
/*
 * Parses the resolver, opens the socket. On failure writes one line to
 * err ("enrich.ptr.resolver: ...") and returns NULL.
 */
struct nj_ptr *nj_ptr_new(const struct nj_ptr_options *o, char *err,
    size_t errlen);
void nj_ptr_free(struct nj_ptr *p);

/*
 * The reverse name of addr: from the cache, or NJ_PTR_PENDING after
 * sending a query (at most one per address at a time). Never blocks.
 * name (len bytes) is set on NJ_PTR_FOUND, "" otherwise.
 */
enum nj_ptr_status nj_ptr_lookup(struct nj_ptr *p, const struct nj_addr *addr,
    char *name, size_t len);
/*
 * Reads every answer waiting on the socket (poll with zero timeout) and
 * expires queries past their timeout. Never blocks; cheap when nothing
 * is outstanding. Call it from the main loop, e.g. with the alert
 * pipeline's tick, or when nj_ptr_fd() is readable.
 */
void nj_ptr_tick(struct nj_ptr *p);
/* The UDP socket, for a caller that polls it. */
int nj_ptr_fd(const struct nj_ptr *p);

void nj_ptr_counters(const struct nj_ptr *p, struct nj_ptr_counters *c);
/* "ptr.<counter> value" lines. */
void nj_ptr_stats(const struct nj_ptr *p, FILE *out);

#endif
