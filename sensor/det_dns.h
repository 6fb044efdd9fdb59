/*
 * det_dns.h - the odd-DNS detectors (dns-unsanctioned-resolver,
 * dns-tunnel, dns-nxdomain, dns-quiet-host): their modules, and the
 * pure decision pieces the tests and the benchmark call directly.
 * Thresholds come from detectors.<name>.<key> in the policy
 * (policy/README.md); the defaults are here.
 */
#ifndef NJ_DET_DNS_H
#define NJ_DET_DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoders/types.h"
#include "sensor/detector.h"

struct nj_policy;
struct nj_psl;

extern const struct nj_detector nj_det_dns_resolver;
extern const struct nj_detector nj_det_dns_tunnel;
extern const struct nj_detector nj_det_dns_nxdomain;
extern const struct nj_detector nj_det_dns_quiet;

/* Table caps: entries kept, least recently used evicted (counted). */
#define NJ_RESOLVER_CAP 4096   /* (client, server) pairs */
#define NJ_TUNNEL_CAP   4096   /* (client, registered domain) streams */
#define NJ_NXDOMAIN_CAP 8192   /* clients */
#define NJ_QUIET_CAP    65536  /* hosts with a baseline */

/* dns-unsanctioned-resolver */
struct nj_resolver_conf {
	nj_time_t window;        /* report a pair this long after its first query (300 s) */
};
void nj_resolver_conf(const struct nj_policy *p, struct nj_resolver_conf *c);

/* dns-tunnel */
struct nj_tunnel_conf {
	double min_queries;      /* queries under one domain in the window (40) */
	double min_label_len;    /* a label this long makes a query odd (30) */
	double min_entropy;      /* bits/char of 20+ name bytes that make it odd (3.5) */
	nj_time_t window;        /* 600 s */
};
void nj_tunnel_conf(const struct nj_policy *p, struct nj_tunnel_conf *c);
/*
 * Is one query odd: sub is the part of the name left of its registered
 * domain (sublen bytes). Sets *entropy to its entropy.
 */
bool nj_tunnel_query_odd(const struct nj_tunnel_conf *c, const char *sub,
    size_t sublen, uint16_t qtype, double *entropy);
/* A stream is a tunnel: enough queries, half odd, half distinct. */
bool nj_tunnel_verdict(const struct nj_tunnel_conf *c, uint32_t queries,
    uint32_t odd, uint64_t distinct);

/* dns-nxdomain */
struct nj_nxdomain_conf {
	double min_nxdomain;     /* distinct NXDOMAIN names in the window (20) */
	double ratio;            /* NXDOMAIN share of the client's answers (0.25) */
	nj_time_t window;        /* 300 s */
};
void nj_nxdomain_conf(const struct nj_policy *p, struct nj_nxdomain_conf *c);
/* A client is a DGA suspect: enough distinct NX names, share, randomness. */
bool nj_nxdomain_verdict(const struct nj_nxdomain_conf *c, uint32_t answers,
    uint32_t nx, uint64_t nx_distinct, uint32_t nx_random);
/* The label of name that tells a generated name: see det_dns_nxdomain.c. */
bool nj_nxdomain_name_random(const struct nj_psl *psl, const char *name);

/* dns-quiet-host */
struct nj_quiet_conf {
	nj_time_t learn;         /* learning period per host (7 days) */
	double min_queries;      /* queries in an hour to alert at all (3) */
	double factor;           /* times the baseline's busiest hour (10) */
	double max_baseline;     /* hosts busier than this per hour are not quiet (20) */
};
void nj_quiet_conf(const struct nj_policy *p, struct nj_quiet_conf *c);
/* The threshold for a host whose busiest learned hour had peak queries. */
uint32_t nj_quiet_threshold(const struct nj_quiet_conf *c, uint32_t peak);

#endif
