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
#include <stdint.h>

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

/*
 * The question name of a DNS message (msg, len bytes) whose presentation
 * form did not fit NJ_DNS_NAME_MAX (nj_dns_msg.names_cut: binary labels
 * escaped as \DDD, as iodine sends): its longest whole-label tail that
 * fits buf, so that the registered domain can still be found, and in
 * *wire_len the name's length on the wire. Parsed again with ldns; false
 * when the message does not parse.
 */
bool nj_dns_qname_tail(const uint8_t *msg, size_t len, char *buf,
    size_t buflen, size_t *wire_len);

#endif
