/*
 * fuzz_ptr_answer.c - a datagram from the reverse-name resolver, as
 * sensor/ptr.c reads it: ldns_wire2pkt, then nj_ptr_answer against a
 * fixed question and against the packet's own (so that the answer
 * section is walked, not only the question compared).
 */
#include <stddef.h>
#include <stdint.h>

#include "sensor/ptr.h"
#include "sensor/ptr_wire.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ldns_rdf *fixed;
	char name[NJ_PTR_NAME_MAX];
	const ldns_rr_list *q;
	ldns_pkt *pkt = NULL;
	uint32_t ttl;

	if (fixed == NULL &&
	    (fixed = ldns_dname_new_frm_str("142.69.2.81.in-addr.arpa.")) ==
	    NULL)
		return 0;
	if (ldns_wire2pkt(&pkt, data, size) != LDNS_STATUS_OK)
		return 0;
	(void)nj_ptr_answer(pkt, fixed, name, sizeof(name), &ttl);
	q = ldns_pkt_question(pkt);
	if (q != NULL && ldns_rr_list_rr_count(q) > 0)
		(void)nj_ptr_answer(pkt, ldns_rr_owner(ldns_rr_list_rr(q, 0)),
		    name, sizeof(name), &ttl);
	ldns_pkt_free(pkt);
	return 0;
}
