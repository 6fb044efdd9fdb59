/*
 * harness.c - messages, packets and sensors for the odd-DNS tests (see
 * harness.h).
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "policy/policy.h"
#include "tests/odddns/harness.h"

static void
parse_wire(ldns_pkt *pkt, struct nj_dns_msg *m)
{
	uint8_t *wire = NULL;
	size_t len = 0;

	if (ldns_pkt2wire(&wire, pkt, &len) != LDNS_STATUS_OK ||
	    nj_dns_parse(wire, len, m, NULL) != NJ_DECODE_OK) {
		fprintf(stderr, "harness: cannot build a DNS message\n");
		abort();
	}
	free(wire);
	ldns_pkt_free(pkt);
}

void
h_query(struct nj_dns_msg *m, const char *name, uint16_t type)
{
	ldns_pkt *pkt = NULL;

	if (ldns_pkt_query_new_frm_str(&pkt, name, (ldns_rr_type)type,
	    LDNS_RR_CLASS_IN, LDNS_RD) != LDNS_STATUS_OK) {
		fprintf(stderr, "harness: bad name %s\n", name);
		abort();
	}
	ldns_pkt_set_id(pkt, 1);
	parse_wire(pkt, m);
}

void
h_response(struct nj_dns_msg *m, const char *name, uint16_t type, int rcode,
    const char *const *rrs)
{
	ldns_pkt *pkt = NULL;
	ldns_rr *rr;

	if (ldns_pkt_query_new_frm_str(&pkt, name, (ldns_rr_type)type,
	    LDNS_RR_CLASS_IN, LDNS_RD) != LDNS_STATUS_OK) {
		fprintf(stderr, "harness: bad name %s\n", name);
		abort();
	}
	ldns_pkt_set_id(pkt, 1);
	ldns_pkt_set_qr(pkt, true);
	ldns_pkt_set_ra(pkt, true);
	ldns_pkt_set_rcode(pkt, (uint8_t)rcode);
	for (; rrs != NULL && *rrs != NULL; rrs++) {
		if (ldns_rr_new_frm_str(&rr, *rrs, 0, NULL, NULL) !=
		    LDNS_STATUS_OK) {
			fprintf(stderr, "harness: bad record %s\n", *rrs);
			abort();
		}
		ldns_pkt_push_rr(pkt, LDNS_SECTION_ANSWER, rr);
	}
	parse_wire(pkt, m);
}

void
h_packet(struct nj_packet *p, const char *src, uint16_t sport,
    const char *dst, uint16_t dport, double ts)
{
	memset(p, 0, sizeof(*p));
	if (nj_addr_parse(src, &p->src) != 0 ||
	    nj_addr_parse(dst, &p->dst) != 0) {
		fprintf(stderr, "harness: bad address\n");
		abort();
	}
	p->ts = (nj_time_t)(ts * 1e6);
	p->ip_version = p->src.family;
	p->proto = IPPROTO_UDP;
	p->l4 = true;
	p->sport = sport;
	p->dport = dport;
}

void
h_sensor(struct nj_sensor *s, const char *yaml)
{
	memset(s, 0, sizeof(*s));
	s->name = "test";
	if (yaml != NULL &&
	    (s->policy = nj_policy_parse("test.yaml", yaml, strlen(yaml),
	    stderr)) == NULL)
		abort();
}

void
h_sensor_free(struct nj_sensor *s)
{
	nj_policy_free(s->policy);
	s->policy = NULL;
}

void
h_exchange(const struct nj_detector *d, void *st, struct nj_sensor *s,
    const char *client, const char *server, const char *name, uint16_t type,
    int rcode, const char *const *rrs, double ts)
{
	struct nj_packet p;
	struct nj_dns_msg m;

	h_query(&m, name, type);
	h_packet(&p, client, 40000, server, 53, ts);
	s->now = p.ts;
	d->dns(st, s, &p, NULL, 0, &m);
	h_response(&m, name, type, rcode, rrs);
	h_packet(&p, server, 53, client, 40000, ts + 0.01);
	s->now = p.ts;
	d->dns(st, s, &p, NULL, 1, &m);
}

void
h_random_label(uint64_t *seed, char *out, size_t n)
{
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyz234567";
	size_t i;

	for (i = 0; i < n; i++) {
		/* xorshift64: deterministic, no libc state. */
		*seed ^= *seed << 13;
		*seed ^= *seed >> 7;
		*seed ^= *seed << 17;
		out[i] = alpha[*seed % 32];
	}
	out[n] = '\0';
}
