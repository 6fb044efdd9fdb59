/*
 * wire_check.c - checks a capture against the facts nightjar-gen planted
 * in it: what each fact claims (probe counts, open ports, sessions, SYN
 * retransmissions, IRC and SMTP commands, DNS names and answers) must be
 * on the wire, counted here independently through nightjar's decoders and
 * ldns.
 *
 *   gen_wire_check FACTS.json FILE.pcap
 */
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <ldns/ldns.h>

#include "decoders/packet.h"

struct rec {
	nj_time_t ts;
	struct nj_packet p;
	uint8_t *data; /* the frame; p.payload points into it */
};

static struct rec *recs;
static size_t nrecs;
static int failures;

static void fail(const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
fail(const char *kind, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "FAIL: %s: ", kind);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	failures++;
}

static int
load(const char *path)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	size_t cap = 0;
	pcap_t *pc;
	struct rec *r;

	if ((pc = pcap_open_offline(path, errbuf)) == NULL) {
		fprintf(stderr, "FAIL: %s\n", errbuf);
		return -1;
	}
	while (pcap_next_ex(pc, &h, &data) == 1) {
		if (nrecs == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((recs = realloc(recs, cap * sizeof(*recs))) == NULL)
				return -1;
		}
		r = &recs[nrecs];
		if ((r->data = malloc(h->caplen)) == NULL)
			return -1;
		memcpy(r->data, data, h->caplen);
		if (nj_decode(pcap_datalink(pc), r->data, h->caplen, h->len,
		    &r->p, NULL) != NJ_DECODE_OK) {
			free(r->data);
			continue;
		}
		r->ts = (nj_time_t)h->ts.tv_sec * 1000000 + (nj_time_t)h->ts.tv_usec;
		nrecs++;
	}
	pcap_close(pc);
	return 0;
}

static int
addr(json_t *f, const char *key, struct nj_addr *a)
{
	const char *s = json_string_value(json_object_get(f, key));

	memset(a, 0, sizeof(*a));
	return s != NULL && nj_addr_parse(s, a) == 0;
}

static long long
num(json_t *f, const char *key)
{
	return json_integer_value(json_object_get(f, key));
}

static int
from_to(const struct rec *r, const struct nj_addr *s, const struct nj_addr *d)
{
	return nj_addr_cmp(&r->p.src, s) == 0 &&
	    (d->family == 0 || nj_addr_cmp(&r->p.dst, d) == 0);
}

static int
is_syn(const struct rec *r)
{
	return r->p.proto == 6 && (r->p.tcp_flags & (NJ_TH_SYN | NJ_TH_ACK)) ==
	    NJ_TH_SYN;
}

/* Does a payload from s to d (port dport, 0: any) contain needle? */
static int
says(const struct nj_addr *s, const struct nj_addr *d, int dport,
    const char *needle)
{
	size_t i, n = strlen(needle);
	uint32_t k;

	for (i = 0; i < nrecs; i++) {
		const struct rec *r = &recs[i];

		if (!from_to(r, s, d) || (dport && r->p.dport != dport &&
		    r->p.sport != dport) || r->p.payload_len < n)
			continue;
		for (k = 0; k + n <= r->p.payload_len; k++)
			if (memcmp(r->p.payload + k, needle, n) == 0)
				return 1;
	}
	return 0;
}

/* A DNS message in a UDP/53 record, or NULL. */
static ldns_pkt *
dns(const struct rec *r)
{
	ldns_pkt *m;

	if (r->p.proto != 17 || (r->p.sport != 53 && r->p.dport != 53) ||
	    ldns_wire2pkt(&m, r->p.payload, r->p.payload_len) != LDNS_STATUS_OK)
		return NULL;
	return m;
}

static char *
qname(ldns_pkt *m)
{
	ldns_rr *q = ldns_rr_list_rr(ldns_pkt_question(m), 0);

	return q ? ldns_rdf2str(ldns_rr_owner(q)) : NULL;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && strcmp(s + a - b, tail) == 0;
}

static void
check_scan(json_t *f, const struct nj_addr *src, const struct nj_addr *dst)
{
	const char *shape = json_string_value(json_object_get(f, "shape"));
	const char *fl = json_string_value(json_object_get(f, "flavour"));
	json_t *open = json_object_get(f, "open_ports"), *v;
	long long probes = 0, synacks = 0, hosts = 0;
	uint8_t seen[256] = { 0 };
	size_t i, j;

	for (i = 0; i < nrecs; i++) {
		const struct rec *r = &recs[i];

		if (from_to(r, src, dst) && !(r->p.tcp_flags & NJ_TH_RST) &&
		    (r->p.proto != 1 || r->p.icmp_type == 8)) {
			probes++;
			if (strcmp(shape, "horizontal") == 0 &&
			    !seen[r->p.dst.a[3]]++)
				hosts++;
		}
		if (from_to(r, dst, src) && r->p.proto == 6 &&
		    (r->p.tcp_flags & (NJ_TH_SYN | NJ_TH_ACK)) ==
		    (NJ_TH_SYN | NJ_TH_ACK)) {
			synacks++;
			json_array_foreach(open, j, v)
				if (json_integer_value(v) == r->p.sport)
					break;
			if (j == json_array_size(open))
				fail("scan", "port %d answered SYN-ACK but is not "
				    "in open_ports", r->p.sport);
		}
	}
	if (probes != num(f, "probes"))
		fail("scan", "%lld probes on the wire, facts say %lld", probes,
		    num(f, "probes"));
	if (strcmp(fl, "syn") == 0 && strcmp(shape, "vertical") == 0 &&
	    synacks != (long long)json_array_size(open))
		fail("scan", "%lld SYN-ACKs, %lld open ports", synacks,
		    (long long)json_array_size(open));
	if (strcmp(shape, "horizontal") == 0 && hosts != num(f, "hosts"))
		fail("scan", "%lld hosts probed, facts say %lld", hosts,
		    num(f, "hosts"));
}

/* SYNs from src to dst:dport (all of dst when dst is unset). */
static long long
syns(const struct nj_addr *src, const struct nj_addr *dst, int dport)
{
	long long n = 0;
	size_t i;

	for (i = 0; i < nrecs; i++)
		if (from_to(&recs[i], src, dst) && is_syn(&recs[i]) &&
		    recs[i].p.dport == dport)
			n++;
	return n;
}

static void
check_campaign(json_t *f, const struct nj_addr *dst, int dport)
{
	long long n = 0, late = 0;
	json_t *v;
	size_t i, j;
	struct nj_addr s;

	json_array_foreach(json_object_get(f, "source_addrs"), j, v) {
		nj_addr_parse(json_string_value(v), &s);
		if (syns(&s, dst, dport) > 0)
			n++;
		for (i = 0; i < nrecs; i++)
			if (from_to(&recs[i], &s, dst) && is_syn(&recs[i]) &&
			    recs[i].p.dport == dport &&
			    recs[i].ts / 1000000 % 3600 >= 180)
				late++;
	}
	if (n != num(f, "sources") ||
	    n != (long long)json_array_size(json_object_get(f, "source_addrs")))
		fail("distributed-campaign", "%lld sources connect, facts say "
		    "%lld", n, num(f, "sources"));
	if (late)
		fail("distributed-campaign", "%lld attempts after minute 3", late);
}

/* DNS queries (or answers with rcode) from a to b whose name ends so. */
static long long
dns_count(const struct nj_addr *a, const struct nj_addr *b, const char *tail,
    int qtype, int rcode)
{
	long long n = 0;
	size_t i;
	ldns_pkt *m;
	char *q;

	for (i = 0; i < nrecs; i++) {
		if (!from_to(&recs[i], a, b) || (m = dns(&recs[i])) == NULL)
			continue;
		q = qname(m);
		if (q != NULL && (tail == NULL || ends_with(q, tail)) &&
		    (rcode < 0 ? !ldns_pkt_qr(m) : ldns_pkt_qr(m) &&
		    (int)ldns_pkt_get_rcode(m) == rcode) && (qtype < 0 ||
		    (int)ldns_rr_get_type(ldns_rr_list_rr(ldns_pkt_question(m),
		    0)) == qtype))
			n++;
		free(q);
		ldns_pkt_free(m);
	}
	return n;
}

static void
check(json_t *f)
{
	const char *kind = json_string_value(json_object_get(f, "kind"));
	struct nj_addr src, dst;
	int dport = (int)num(f, "dport");
	char b[256];

	addr(f, "src", &src);
	addr(f, "dst", &dst);
	if (strcmp(kind, "scan") == 0)
		check_scan(f, &src, &dst);
	else if (strcmp(kind, "flood") == 0) {
		if (syns(&src, &dst, dport) != num(f, "sessions"))
			fail(kind, "%lld sessions, facts say %lld",
			    syns(&src, &dst, dport), num(f, "sessions"));
		if (!says(&dst, &src, 0, "554 5.7.1"))
			fail(kind, "no 554 reply");
	} else if (strcmp(kind, "distributed-campaign") == 0)
		check_campaign(f, &dst, dport);
	else if (strcmp(kind, "private-destination") == 0 ||
	    strcmp(kind, "bogon-destination") == 0) {
		if (syns(&src, &dst, dport) != num(f, "attempts"))
			fail(kind, "%lld SYNs, facts say %lld attempts",
			    syns(&src, &dst, dport), num(f, "attempts"));
	} else if (strcmp(kind, "outbound-irc") == 0) {
		snprintf(b, sizeof(b), "NICK %s", json_string_value(
		    json_object_get(f, "nick")));
		if (!says(&src, &dst, dport, b) || !says(&dst, &src, dport, " 001 "))
			fail(kind, "no NICK/001 on port %d", dport);
		snprintf(b, sizeof(b), "JOIN %s", json_string_value(
		    json_object_get(f, "channel")));
		if (!says(&src, &dst, dport, b))
			fail(kind, "no JOIN on port %d", dport);
	} else if (strcmp(kind, "outbound-smtp") == 0) {
		snprintf(b, sizeof(b), "EHLO %s", json_string_value(
		    json_object_get(f, "helo")));
		if (!says(&src, &dst, dport, b))
			fail(kind, "no EHLO on port %d", dport);
		snprintf(b, sizeof(b), "MAIL FROM:<%s>", json_string_value(
		    json_object_get(f, "mail_from")));
		if (!says(&src, &dst, dport, b))
			fail(kind, "no MAIL FROM on port %d", dport);
	} else if (strcmp(kind, "no-egress") == 0) {
		if (syns(&src, &dst, dport) < 1)
			fail(kind, "no SYN out to port %d", dport);
	} else if (strcmp(kind, "lateral-ssh") == 0) {
		if (syns(&src, &dst, 22) < 1)
			fail(kind, "no SYN to 22");
		if (json_is_true(json_object_get(f, "established")) &&
		    (!says(&src, &dst, 22, "SSH-2.0-") ||
		    !says(&dst, &src, 22, "SSH-2.0-")))
			fail(kind, "no SSH banners");
	} else if (strcmp(kind, "dns-unsanctioned-resolver") == 0) {
		if (dns_count(&src, &dst, NULL, -1, -1) != num(f, "queries"))
			fail(kind, "%lld queries, facts say %lld",
			    dns_count(&src, &dst, NULL, -1, -1), num(f, "queries"));
	} else if (strcmp(kind, "dns-tunnel") == 0) {
		snprintf(b, sizeof(b), ".%s.", json_string_value(
		    json_object_get(f, "domain")));
		if (dns_count(&src, &dst, b, LDNS_RR_TYPE_TXT, -1) !=
		    num(f, "queries"))
			fail(kind, "%lld TXT queries, facts say %lld",
			    dns_count(&src, &dst, b, LDNS_RR_TYPE_TXT, -1),
			    num(f, "queries"));
	} else if (strcmp(kind, "dns-nxdomain") == 0) {
		if (dns_count(&dst, &src, NULL, -1, LDNS_RCODE_NXDOMAIN) !=
		    num(f, "nxdomain"))
			fail(kind, "%lld NXDOMAIN answers, facts say %lld",
			    dns_count(&dst, &src, NULL, -1, LDNS_RCODE_NXDOMAIN),
			    num(f, "nxdomain"));
	} else if (strcmp(kind, "dns-quiet-host") == 0) {
		if (dns_count(&src, &dst, NULL, -1, -1) != num(f, "queries"))
			fail(kind, "%lld queries, facts say %lld",
			    dns_count(&src, &dst, NULL, -1, -1), num(f, "queries"));
	} else if (strcmp(kind, "dns-private-answer") == 0) {
		snprintf(b, sizeof(b), "%s.", json_string_value(
		    json_object_get(f, "hostname")));
		if (dns_count(&dst, &src, b, LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR)
		    < 1)
			fail(kind, "no answer to the client");
	} else if (strcmp(kind, "unknown-local-host") == 0) {
		struct nj_addr none = { 0, { 0 } };
		size_t i;

		for (i = 0; i < nrecs && !from_to(&recs[i], &src, &none); i++)
			;
		if (i == nrecs)
			fail(kind, "the host never sends");
	}
}

int
main(int argc, char **argv)
{
	json_error_t err;
	json_t *doc, *f;
	size_t i;

	if (argc != 3) {
		fprintf(stderr, "usage: gen_wire_check FACTS PCAP\n");
		return 2;
	}
	if ((doc = json_load_file(argv[1], 0, &err)) == NULL) {
		fprintf(stderr, "FAIL: %s: %s\n", argv[1], err.text);
		return 1;
	}
	if (load(argv[2]) == -1)
		return 1;
	json_array_foreach(json_object_get(doc, "facts"), i, f)
		check(f);
	printf("%zu facts checked against %zu packets, %d failures\n",
	    json_array_size(json_object_get(doc, "facts")), nrecs, failures);
	json_decref(doc);
	for (i = 0; i < nrecs; i++)
		free(recs[i].data);
	free(recs);
	return failures ? 1 : 0;
}
