/*
 * types.h - the few value types shared by every layer of nightjar:
 * addresses and packet time.
 */
#ifndef NJ_TYPES_H
#define NJ_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Packet time: microseconds since the Unix epoch, UTC, taken from the
 * capture record. It is the only clock detection code ever sees.
 */
typedef uint64_t nj_time_t;
#define NJ_USEC_PER_SEC 1000000ULL
#define NJ_SEC(s) ((nj_time_t)(s) * NJ_USEC_PER_SEC)

/*
 * An IP address. family is 4 or 6 (0: none). An IPv4 address sits in
 * bytes a[0..3] in network order; a[4..15] are zero, so two addresses
 * compare equal with memcmp of the whole struct.
 */
struct nj_addr {
	uint8_t family;
	uint8_t a[16];
};

#define NJ_ADDRSTRLEN 46 /* INET6_ADDRSTRLEN */

/* Formats an address into buf (at least NJ_ADDRSTRLEN bytes); returns buf. */
char *nj_addr_str(const struct nj_addr *addr, char *buf, size_t len);
/* Parses a textual IPv4 or IPv6 address; 0 on success, -1 otherwise. */
int nj_addr_parse(const char *s, struct nj_addr *addr);
/* Returns <0, 0, >0 like memcmp, ordering IPv4 before IPv6. */
int nj_addr_cmp(const struct nj_addr *x, const struct nj_addr *y);
void nj_addr_set4(struct nj_addr *addr, uint32_t host_order);

#endif
