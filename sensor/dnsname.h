/*
 * dnsname.h - what the odd-DNS detectors ask of a query name: its
 * registered domain (public suffix list), the part left of it, and
 * whether the name is of a kind they leave alone (reverse lookups,
 * link-local multicast names).
 */
#ifndef NJ_DNSNAME_H
#define NJ_DNSNAME_H

#include <stdbool.h>
#include <stddef.h>

struct nj_psl;

/*
 * The registered domain of name (a suffix of name): by the list when psl
 * is not NULL, else the last two labels. A name that is itself a public
 * suffix (or a single label) is its own registered domain.
 */
const char *nj_dns_regdom(const struct nj_psl *psl, const char *name);

/* Reverse lookups: in or under in-addr.arpa or ip6.arpa. */
bool nj_dns_name_reverse(const char *name);

/*
 * Names no odd-DNS detector counts: reverse lookups, the root, mDNS
 * ".local" names, and anything under "arpa" (home.arpa, ...).
 */
bool nj_dns_name_ignored(const char *name);

/* The longest label of s[0..len), in bytes. */
size_t nj_dns_longest_label(const char *s, size_t len);

/*
 * Keeps in zone (NUL-terminated, at most zlen bytes with the NUL) the
 * longest common whole-label suffix of its current value and name; an
 * empty zone takes name whole. Used to name the zone a tunnel uses.
 */
void nj_dns_common_zone(char *zone, size_t zlen, const char *name);

#endif
