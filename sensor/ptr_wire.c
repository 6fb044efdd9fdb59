/*
 * ptr_wire.c - PTR queries built and answers read with ldns (RFC 1035,
 * RFC 3596); see ptr_wire.h.
 */
#include <stdlib.h>
#include <string.h>

#include "sensor/ptr_wire.h"

int
nj_ptr_query(const struct nj_addr *addr, uint16_t id, uint8_t **wire,
    size_t *len, ldns_rdf **qname)
{
	ldns_rdf *ip, *rev, *owned;
	ldns_pkt *q;
	ldns_status st;

	*wire = NULL;
	*qname = NULL;
	if (addr->family == 4)
		ip = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_A, 4, addr->a);
	else if (addr->family == 6)
		ip = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_AAAA, 16, addr->a);
	else
		return -1;
	if (ip == NULL)
		return -1;
	rev = ldns_rdf_address_reverse(ip);
	ldns_rdf_deep_free(ip);
	if (rev == NULL)
		return -1;
	/* The packet takes ownership of its question name: give it a copy. */
	if ((owned = ldns_rdf_clone(rev)) == NULL) {
		ldns_rdf_deep_free(rev);
		return -1;
	}
	q = ldns_pkt_query_new(owned, LDNS_RR_TYPE_PTR, LDNS_RR_CLASS_IN,
	    LDNS_RD);
	if (q == NULL) {
		ldns_rdf_deep_free(rev);
		return -1;
	}
	ldns_pkt_set_id(q, id);
	st = ldns_pkt2wire(wire, q, len);
	ldns_pkt_free(q);
	if (st != LDNS_STATUS_OK) {
		free(*wire);
		*wire = NULL;
		ldns_rdf_deep_free(rev);
		return -1;
	}
	*qname = rev;
	return 0;
}

/* True when pkt is a response whose one question is qname PTR IN. */
static bool
answers(const ldns_pkt *pkt, const ldns_rdf *qname)
{
	const ldns_rr_list *qs = ldns_pkt_question(pkt);
	const ldns_rr *q;

	if (!ldns_pkt_qr(pkt) || ldns_pkt_get_opcode(pkt) != LDNS_PACKET_QUERY ||
	    qs == NULL || ldns_rr_list_rr_count(qs) != 1)
		return false;
	q = ldns_rr_list_rr(qs, 0);
	return ldns_rr_get_type(q) == LDNS_RR_TYPE_PTR &&
	    ldns_rr_get_class(q) == LDNS_RR_CLASS_IN &&
	    ldns_dname_compare(ldns_rr_owner(q), qname) == 0;
}

enum nj_ptr_answer
nj_ptr_answer(const ldns_pkt *pkt, const ldns_rdf *qname, char *name,
    size_t len, uint32_t *ttl)
{
	const ldns_rr_list *an;
	const ldns_rr *rr;
	ldns_rdf *target;
	char *s;
	size_t i, n;

	name[0] = '\0';
	if (!answers(pkt, qname))
		return NJ_PTRA_BAD;
	if (ldns_pkt_get_rcode(pkt) == LDNS_RCODE_NXDOMAIN)
		return NJ_PTRA_NONE;
	if (ldns_pkt_get_rcode(pkt) != LDNS_RCODE_NOERROR)
		return NJ_PTRA_FAIL;
	/*
	 * The first PTR in the answer section: with RFC 2317 classless
	 * delegation its owner is the CNAME's target, not qname.
	 */
	an = ldns_pkt_answer(pkt);
	for (i = 0; an != NULL && i < ldns_rr_list_rr_count(an); i++) {
		rr = ldns_rr_list_rr(an, i);
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_PTR ||
		    ldns_rr_rd_count(rr) < 1)
			continue;
		target = ldns_rr_rdf(rr, 0);
		if (target == NULL || (s = ldns_rdf2str(target)) == NULL)
			continue;
		n = strlen(s);
		if (n > 1 && s[n - 1] == '.')
			s[--n] = '\0';
		snprintf(name, len, "%s", s);
		free(s);
		*ttl = ldns_rr_ttl(rr);
		return NJ_PTRA_NAME;
	}
	return NJ_PTRA_NONE;
}
