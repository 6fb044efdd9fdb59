/*
 * dnsdet.h - what every odd-DNS detector asks of a DNS message before
 * counting it: who is the client and who the server, and is this
 * message one they look at at all. Also the set of hosts seen serving
 * DNS to local clients (the learned resolvers), which each detector
 * keeps for itself.
 */
#ifndef NJ_DNSDET_H
#define NJ_DNSDET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "decoders/dns.h"
#include "decoders/packet.h"
#include "decoders/types.h"

struct nj_policy;
struct nj_psl;
struct nj_ktab;

struct nj_dns_view {
	struct nj_addr client, server;
	uint16_t cport, sport;  /* host order */
	uint8_t proto;          /* IPPROTO_UDP or IPPROTO_TCP */
	bool query;             /* a query (client -> server), else a response */
};

/*
 * Fills *v from the packet and the message. False for what the odd-DNS
 * detectors leave alone: opcodes other than QUERY, messages without a
 * question, multicast and broadcast destinations, and the link-local
 * name protocols that reuse the DNS format (mDNS 5353, LLMNR 5355,
 * NetBIOS 137).
 */
bool nj_dns_view(const struct nj_packet *p, const struct nj_dns_msg *m,
    struct nj_dns_view *v);

/* True for a multicast, limited broadcast or unspecified address. */
bool nj_addr_multicast(const struct nj_addr *a);

/*
 * The hosts seen answering DNS for local clients: a recursive resolver
 * is one whether or not the policy lists it, and its own recursion is
 * not a client's doing. Bounded (NJ_DNS_SERVERS_CAP, least recently
 * used evicted).
 */
#define NJ_DNS_SERVERS_CAP 256

struct nj_dns_servers {
	struct nj_ktab *t;
};

int nj_dns_servers_init(struct nj_dns_servers *ds);
void nj_dns_servers_fini(struct nj_dns_servers *ds);
/* Notes v->server when v is a response to a local client. */
void nj_dns_servers_note(struct nj_dns_servers *ds, const struct nj_policy *p,
    const struct nj_dns_view *v);
/* True when a is a resolver: listed in the policy, or seen answering. */
bool nj_dns_servers_is(const struct nj_dns_servers *ds,
    const struct nj_policy *p, const struct nj_addr *a);


/*
 * The part every odd-DNS detector's state starts with: its learned
 * resolvers, and the policy it reads (the sensor's, or the default
 * policy when the sensor has none yet).
 */
struct nj_dnsdet_base {
	const char *name;               /* the detector's, for stats and logs */
	struct nj_dns_servers servers;
	struct nj_policy *def;          /* owned: nj_policy_default() */
	const struct nj_policy *seen;   /* the policy the conf was read from */
	nj_time_t conf_at;              /* packet time it was read */
	bool enabled;                   /* detectors.<name>.enabled (true) */
	struct nj_ktab *t;              /* the detector's table, or NULL */
	struct nj_psl *psl;             /* the public suffix list, or NULL */
	nj_time_t last_expire;          /* packet time of the last expiry walk */
};

/*
 * Allocates a detector state of size bytes (zeroed) that starts with a
 * struct nj_dnsdet_base, with a table of cap entries (klen, vlen; none
 * when cap is 0; evict gets the state as its context) and, when
 * want_psl, the public suffix list (a warning when it is missing:
 * registered domains are then the last two labels). NULL on failure.
 */
void *nj_dnsdet_new(const char *name, size_t size, size_t cap, size_t klen,
    size_t vlen, void (*evict)(void *, const void *, void *), bool want_psl);
void nj_dnsdet_free(void *st);
/* "<name>.entries", ".cap", ".evicted", ".expired" lines of the table. */
void nj_dnsdet_table_stats(const struct nj_dnsdet_base *b, FILE *out);
/*
 * Once a minute of packet time, drops the entries whose time (read by
 * when) is more than idle before now, calling gone (may be NULL) on each
 * first with the detector state.
 */
void nj_dnsdet_expire(struct nj_dnsdet_base *b, nj_time_t now,
    nj_time_t idle, nj_time_t (*when)(const void *val),
    void (*gone)(void *st, const void *key, void *val));
/* Calls fn on every entry of the table (at the end of input). */
void nj_dnsdet_each(struct nj_dnsdet_base *b,
    void (*fn)(void *st, const void *key, void *val));
struct nj_sensor;
/*
 * The policy in force; *changed is set when it differs from the one the
 * detector last read its thresholds from (a SIGHUP swapped it), and
 * once a minute of packet time anyway: a policy freed and another
 * allocated at the same address must not leave stale thresholds for
 * long. Reads b->enabled from it then. Pointers into a policy are not
 * to be kept across callbacks.
 */
const struct nj_policy *nj_dnsdet_policy(struct nj_dnsdet_base *b,
    const struct nj_sensor *s, bool *changed);

#endif
