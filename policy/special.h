/*
 * special.h - the IANA IPv4 and IPv6 special-purpose address registries
 * (RFC 6890 and the registries' current contents), plus multicast and the
 * deprecated site-local block, kept as one table of data: what an address
 * is when it is not an ordinary global unicast address.
 */
#ifndef NJ_SPECIAL_H
#define NJ_SPECIAL_H

#include <stdbool.h>
#include <stdint.h>

#include "decoders/types.h"

enum nj_special_cat {
	NJ_SPECIAL_NONE = 0,      /* not in the table: ordinary unicast */
	NJ_SPECIAL_PRIVATE,       /* RFC 1918, ULA (RFC 4193) */
	NJ_SPECIAL_SHARED,        /* RFC 6598 carrier-grade NAT space */
	NJ_SPECIAL_LOOPBACK,
	NJ_SPECIAL_LINK_LOCAL,
	NJ_SPECIAL_DOCUMENTATION,
	NJ_SPECIAL_BENCHMARKING,
	NJ_SPECIAL_RESERVED,      /* future use, IETF assignments, SRv6 SIDs */
	NJ_SPECIAL_MULTICAST,
	NJ_SPECIAL_BROADCAST,     /* 255.255.255.255 */
	NJ_SPECIAL_UNSPECIFIED,   /* 0.0.0.0, :: */
	NJ_SPECIAL_THIS_NETWORK,  /* 0.0.0.0/8 */
	NJ_SPECIAL_ANYCAST,       /* global services: AS112, PCP, TURN, AMT */
	NJ_SPECIAL_TRANSLATION,   /* NAT64 prefixes */
	NJ_SPECIAL_TUNNEL,        /* 6to4, Teredo */
	NJ_SPECIAL_DISCARD,       /* 100::/64 and the dummy prefixes */
	NJ_SPECIAL_DEPRECATED,    /* ORCHID, 6to4 relay anycast, site-local */
	NJ_SPECIAL_CAT_MAX
};

/* One registry entry, as the caller sees it. */
struct nj_special_info {
	struct nj_addr prefix;    /* the entry's network */
	uint8_t prefixlen;
	const char *name;         /* registry name, e.g. "Private-Use" */
	const char *rfc;          /* defining document, e.g. "RFC 1918" */
	enum nj_special_cat cat;
	/*
	 * The registry's "Globally Reachable" column; entries it marks N/A
	 * (6to4, Teredo, the 6to4 relay anycast block) count as reachable,
	 * because real traffic to them is not a sign of a misconfiguration.
	 */
	bool global;
	/* The address was IPv4-mapped IPv6 and was classified as its IPv4. */
	bool mapped;
};

/*
 * Finds the most specific entry containing addr and fills *out. Returns
 * false (out->cat NJ_SPECIAL_NONE, global true) when no entry contains
 * it. An IPv4-mapped IPv6 address (::ffff:0:0/96) is classified by the
 * IPv4 address it embeds. A linear scan of ~50 entries with masks: meant
 * for once per new flow or per DNS answer, not per packet.
 */
bool nj_special_classify(const struct nj_addr *addr,
    struct nj_special_info *out);

/* RFC 1918, RFC 6598 shared space and ULA (mapped IPv4 included). */
bool nj_special_is_private(const struct nj_addr *addr);
/*
 * Not globally reachable per the registries: private, loopback,
 * link-local, documentation, reserved... and also multicast and the
 * limited broadcast, which callers looking for unroutable unicast
 * destinations should filter by category.
 */
bool nj_special_is_bogon(const struct nj_addr *addr);

const char *nj_special_cat_name(enum nj_special_cat cat);

/* The table itself (for tests and documentation). */
size_t nj_special_count(void);
void nj_special_entry(size_t i, struct nj_special_info *out);

#endif
