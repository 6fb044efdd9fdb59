/*
 * dns.c - DNS queries and answers (RFC 1035) built with ldns and carried
 * over UDP port 53, including the site resolver's recursion.
 */
#include <stdlib.h>

#include <ldns/ldns.h>

#include "gen.h"

/* Builds the wire form of a query, or of its answer when rrs/rcode apply. */
static int
dns_wire(struct gen_ctx *g, const char *qname, int qtype, uint16_t id, int rd,
    int answer, int aa, const char *const *rrs, int rcode, uint8_t **wire,
    size_t *len)
{
	ldns_rdf *name;
	ldns_pkt *p;
	ldns_rr *rr;
	ldns_status st;
	size_t i;

	if ((name = ldns_dname_new_frm_str(qname)) == NULL)
		return gen_fail(g, "bad DNS name %s", qname);
	p = ldns_pkt_query_new(name, (ldns_rr_type)qtype, LDNS_RR_CLASS_IN,
	    rd ? LDNS_RD : 0);
	if (p == NULL)
		return gen_fail(g, "ldns: cannot build a query for %s", qname);
	ldns_pkt_set_id(p, id);
	if (answer) {
		ldns_pkt_set_qr(p, true);
		ldns_pkt_set_ra(p, !aa);
		ldns_pkt_set_aa(p, aa != 0);
		ldns_pkt_set_rcode(p, (uint8_t)rcode);
		for (i = 0; rrs != NULL && rrs[i] != NULL; i++) {
			st = ldns_rr_new_frm_str(&rr, rrs[i], 300, NULL, NULL);
			if (st != LDNS_STATUS_OK) {
				ldns_pkt_free(p);
				return gen_fail(g, "ldns: %s: %s", rrs[i],
				    ldns_get_errorstr_by_id(st));
			}
			ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr);
		}
	}
	st = ldns_pkt2wire(wire, p, len);
	ldns_pkt_free(p);
	if (st != LDNS_STATUS_OK)
		return gen_fail(g, "ldns: %s", ldns_get_errorstr_by_id(st));
	return 0;
}

static int
dns_send(struct gen_ctx *g, gen_time_t t, uint32_t from, uint32_t to,
    uint16_t sport, uint16_t dport, const char *qname, int qtype, uint16_t id,
    int rd, int answer, int aa, const char *const *rrs, int rcode)
{
	uint8_t *wire;
	size_t len;
	int rc;

	if (dns_wire(g, qname, qtype, id, rd, answer, aa, rrs, rcode, &wire,
	    &len) == -1)
		return -1;
	rc = gen_udp4(g, t, from, to, sport, dport, wire, (uint32_t)len);
	free(wire);
	return rc;
}

gen_time_t
gen_dns_exchange(struct gen_ctx *g, gen_time_t t, uint32_t client,
    uint32_t server, const char *qname, int qtype, const char *const *rrs,
    int rcode, gen_time_t delay)
{
	uint16_t sport = gen_ephemeral_port(g);
	uint16_t id = (uint16_t)gen_rng_next(&g->rng);

	if (dns_send(g, t, client, server, sport, 53, qname, qtype, id, 1, 0, 0,
	    NULL, 0) == -1 ||
	    dns_send(g, t + delay, server, client, 53, sport, qname, qtype, id, 1,
	    1, 0, rrs, rcode) == -1)
		return -1;
	return t + delay;
}

gen_time_t
gen_dns_resolve(struct gen_ctx *g, gen_time_t t, uint32_t client,
    const char *name, int qtype, const char *const *rrs, int miss)
{
	uint16_t sport = gen_ephemeral_port(g), rport;
	uint16_t id = (uint16_t)gen_rng_next(&g->rng), rid;
	uint32_t auth;
	gen_time_t ta = t + gen_rng_range(&g->rng, 150, 600);

	if (dns_send(g, t, client, SITE_RESOLVER, sport, 53, name,
	    qtype, id, 1, 0, 0, NULL, 0) == -1)
		return -1;
	if (miss) {
		/* The resolver asks an authoritative server, without RD. */
		auth = site_root_servers[gen_rng_below(&g->rng,
		    (uint32_t)site_nroot_servers)];
		rport = gen_ephemeral_port(g);
		rid = (uint16_t)gen_rng_next(&g->rng);
		if (dns_send(g, ta, SITE_RESOLVER, auth, rport, 53, name,
		    qtype, rid, 0, 0, 0, NULL, 0) == -1)
			return -1;
		ta += gen_rng_range(&g->rng, GEN_MS(10), GEN_MS(90));
		if (dns_send(g, ta, auth, SITE_RESOLVER, 53, rport, name,
		    qtype, rid, 0, 1, 1, rrs, LDNS_RCODE_NOERROR) == -1)
			return -1;
		ta += gen_rng_range(&g->rng, 100, 400);
	}
	if (dns_send(g, ta, SITE_RESOLVER, client, 53, sport, name,
	    qtype, id, 1, 1, 0, rrs, LDNS_RCODE_NOERROR) == -1)
		return -1;
	return ta;
}
