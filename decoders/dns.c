/*
 * dns.c - DNS messages (RFC 1035, RFC 6891 EDNS) from wire bytes, parsed
 * by ldns (ldns_wire2pkt does decompression and every bounds check) and
 * copied into the caller's fixed-size struct nj_dns_msg.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <ldns/ldns.h>

#include "decoders/dns.h"

/* Appends s (n bytes) when it fits whole, leaving room for the NUL. */
static bool
put(char *buf, size_t len, size_t *pos, const char *s, size_t n)
{
	if (*pos + n >= len)
		return false;
	memcpy(buf + *pos, s, n);
	*pos += n;
	return true;
}

/* Appends one label byte, lowercased or escaped as ldns presents it. */
static bool
put_byte(char *buf, size_t len, size_t *pos, uint8_t c)
{
	char esc[5];

	if (c == '.' || c == ';' || c == '(' || c == ')' || c == '\\') {
		esc[0] = '\\';
		esc[1] = (char)c;
		return put(buf, len, pos, esc, 2);
	}
	if (c <= 0x20 || c >= 0x7f) {
		esc[0] = '\\';
		esc[1] = (char)('0' + c / 100);
		esc[2] = (char)('0' + c / 10 % 10);
		esc[3] = (char)('0' + c % 10);
		return put(buf, len, pos, esc, 4);
	}
	if (c >= 'A' && c <= 'Z')
		c = (uint8_t)(c - 'A' + 'a');
	esc[0] = (char)c;
	return put(buf, len, pos, esc, 1);
}

bool
nj_dns_name_str(const uint8_t *wire, size_t wlen, char *buf, size_t len)
{
	size_t i = 0, pos = 0, lab, j;

	buf[0] = '\0';
	while (i < wlen) {
		lab = wire[i++];
		if (lab == 0)
			break;
		/* A compression pointer or an extended label type: not here. */
		if (lab > 63 || lab > wlen - i)
			goto fail;
		if (pos > 0 && !put(buf, len, &pos, ".", 1))
			goto fail;
		for (j = 0; j < lab; j++) {
			if (!put_byte(buf, len, &pos, wire[i + j]))
				goto fail;
		}
		i += lab;
	}
	if (pos == 0)
		pos = 1, buf[0] = '.';
	buf[pos] = '\0';
	return true;
fail:
	buf[pos] = '\0';
	return false;
}

/* Renders a dname rdf; a NULL or non-dname rdf gives "". */
static void
rdf_name(const ldns_rdf *rdf, char *buf, size_t len, struct nj_dns_msg *m)
{
	buf[0] = '\0';
	if (rdf == NULL || ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME)
		return;
	if (!nj_dns_name_str(ldns_rdf_data(rdf), ldns_rdf_size(rdf), buf, len))
		m->names_cut = true;
}

/* The rdata field index holding a target name, or -1 for none. */
static int
target_field(uint16_t type)
{
	switch (type) {
	case NJ_DNS_T_CNAME:
	case NJ_DNS_T_DNAME:
	case NJ_DNS_T_PTR:
	case NJ_DNS_T_NS:
		return 0;
	case NJ_DNS_T_MX:
		return 1;
	case NJ_DNS_T_SRV:
		return 3;
	default:
		return -1;
	}
}

static void
copy_rr(const ldns_rr *rr, struct nj_dns_rr *out, struct nj_dns_msg *m)
{
	const ldns_rdf *rdf;
	size_t i, n;
	int tf;

	rdf_name(ldns_rr_owner(rr), out->name, sizeof(out->name), m);
	out->type = (uint16_t)ldns_rr_get_type(rr);
	out->rclass = (uint16_t)ldns_rr_get_class(rr);
	out->ttl = ldns_rr_ttl(rr);
	n = ldns_rr_rd_count(rr);
	rdf = n > 0 ? ldns_rr_rdf(rr, 0) : NULL;
	if (out->type == NJ_DNS_T_A && rdf != NULL &&
	    ldns_rdf_get_type(rdf) == LDNS_RDF_TYPE_A && ldns_rdf_size(rdf) == 4) {
		out->addr.family = 4;
		memcpy(out->addr.a, ldns_rdf_data(rdf), 4);
	} else if (out->type == NJ_DNS_T_AAAA && rdf != NULL &&
	    ldns_rdf_get_type(rdf) == LDNS_RDF_TYPE_AAAA &&
	    ldns_rdf_size(rdf) == 16) {
		out->addr.family = 6;
		memcpy(out->addr.a, ldns_rdf_data(rdf), 16);
	}
	tf = target_field(out->type);
	if (tf >= 0 && (size_t)tf < n)
		rdf_name(ldns_rr_rdf(rr, (size_t)tf), out->target,
		    sizeof(out->target), m);
	if (out->type == NJ_DNS_T_TXT) {
		/* Each character-string rdf keeps its length octet. */
		for (i = 0; i < n; i++) {
			rdf = ldns_rr_rdf(rr, i);
			if (rdf != NULL && ldns_rdf_size(rdf) > 0)
				out->txt_len += (uint32_t)ldns_rdf_size(rdf) - 1;
		}
	}
}

enum nj_decode_status
nj_dns_parse(const uint8_t *data, size_t len, struct nj_dns_msg *m,
    struct nj_event_counters *ec)
{
	ldns_pkt *pkt = NULL;
	const ldns_rr_list *l;
	const ldns_rr *q;
	size_t i, n;

	/*
	 * The answers are zeroed one by one as they are filled: clearing
	 * all NJ_DNS_MAX_ANSWERS (8 KB) per message showed in the bench.
	 */
	memset(m, 0, offsetof(struct nj_dns_msg, an));
	memset(&m->edns, 0, sizeof(*m) - offsetof(struct nj_dns_msg, edns));
	if (data == NULL || len < LDNS_HEADER_SIZE ||
	    ldns_wire2pkt(&pkt, data, len) != LDNS_STATUS_OK) {
		ldns_pkt_free(pkt);
		nj_event(ec, NJ_EV_DNS_MALFORMED);
		return NJ_DECODE_MALFORMED;
	}
	m->id = ldns_pkt_id(pkt);
	m->qr = ldns_pkt_qr(pkt);
	m->opcode = (uint8_t)ldns_pkt_get_opcode(pkt);
	m->rcode = ldns_pkt_get_rcode(pkt);
	m->aa = ldns_pkt_aa(pkt);
	m->tc = ldns_pkt_tc(pkt);
	m->rd = ldns_pkt_rd(pkt);
	m->ra = ldns_pkt_ra(pkt);
	m->ad = ldns_pkt_ad(pkt);
	m->cd = ldns_pkt_cd(pkt);
	/* ldns rewrites the counts to what it parsed; the header says more. */
	m->qdcount = (uint16_t)((data[4] << 8) | data[5]);
	m->ancount = (uint16_t)((data[6] << 8) | data[7]);
	m->nscount = (uint16_t)((data[8] << 8) | data[9]);
	m->arcount = (uint16_t)((data[10] << 8) | data[11]);
	m->size = (uint32_t)len;

	l = ldns_pkt_question(pkt);
	if (l != NULL && ldns_rr_list_rr_count(l) > 0) {
		q = ldns_rr_list_rr(l, 0);
		m->has_question = true;
		rdf_name(ldns_rr_owner(q), m->qname, sizeof(m->qname), m);
		m->qtype = (uint16_t)ldns_rr_get_type(q);
		m->qclass = (uint16_t)ldns_rr_get_class(q);
	}
	l = ldns_pkt_answer(pkt);
	n = l != NULL ? ldns_rr_list_rr_count(l) : 0;
	if (n > NJ_DNS_MAX_ANSWERS) {
		m->answers_capped = true;
		n = NJ_DNS_MAX_ANSWERS;
	}
	for (i = 0; i < n; i++) {
		memset(&m->an[i], 0, sizeof(m->an[i]));
		copy_rr(ldns_rr_list_rr(l, i), &m->an[i], m);
	}
	m->n_answers = (uint8_t)n;

	if (ldns_pkt_edns(pkt)) {
		m->edns = true;
		m->edns_udp_size = ldns_pkt_edns_udp_size(pkt);
		m->edns_version = ldns_pkt_edns_version(pkt);
		m->edns_do = ldns_pkt_edns_do(pkt);
		m->rcode |= (uint16_t)(ldns_pkt_edns_extended_rcode(pkt) << 4);
	}
	ldns_pkt_free(pkt);
	return NJ_DECODE_OK;
}

const char *
nj_dns_type_name(uint16_t type, char *buf, size_t len)
{
	const ldns_rr_descriptor *d = ldns_rr_descript(type);

	/* ldns answers unknown types with a descriptor named NULL or "". */
	if (d != NULL && d->_name != NULL && d->_name[0] != '\0' &&
	    d->_type == type)
		snprintf(buf, len, "%s", d->_name);
	else
		snprintf(buf, len, "TYPE%u", (unsigned)type);
	return buf;
}

const char *
nj_dns_rcode_name(uint16_t rcode, char *buf, size_t len)
{
	const ldns_lookup_table *t = ldns_lookup_by_id(ldns_rcodes, rcode);

	if (t != NULL && t->name != NULL)
		snprintf(buf, len, "%s", t->name);
	else
		snprintf(buf, len, "RCODE%u", (unsigned)rcode);
	return buf;
}
