/*
 * ptr_wire.h - the DNS side of reverse lookups, all through ldns: the
 * PTR query for an address (RFC 1035 4.1; in-addr.arpa RFC 1035 3.5,
 * ip6.arpa RFC 3596 2.5) and the reading of an answer to it.
 */
#ifndef NJ_PTR_WIRE_H
#define NJ_PTR_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>

#include "decoders/types.h"

enum nj_ptr_answer {
	NJ_PTRA_BAD = 0,  /* not a response to this question: ignore */
	NJ_PTRA_NAME,     /* a PTR name */
	NJ_PTRA_NONE,     /* NXDOMAIN, or no PTR record (NODATA) */
	NJ_PTRA_FAIL,     /* SERVFAIL, REFUSED, any other rcode */
};

/*
 * Builds the query (RD set, id) for addr's reverse name. On success
 * returns 0 with *wire (free() it) of *len bytes and *qname (the reverse
 * name, ldns_rdf_deep_free() it); -1 otherwise.
 */
int nj_ptr_query(const struct nj_addr *addr, uint16_t id, uint8_t **wire,
    size_t *len, ldns_rdf **qname);

/*
 * Reads an answer packet to the question qname PTR IN. On NJ_PTRA_NAME
 * copies the first PTR target in the answer section (presentation
 * format, no final dot, non-printable bytes escaped by ldns) to name
 * and its TTL to *ttl.
 */
enum nj_ptr_answer nj_ptr_answer(const ldns_pkt *pkt, const ldns_rdf *qname,
    char *name, size_t len, uint32_t *ttl);

#endif
