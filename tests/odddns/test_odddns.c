/*
 * test_odddns.c - the odd-DNS detectors driven through their dns() and
 * packet() callbacks with messages built by ldns and injected packet
 * time: what each must raise, and the ordinary traffic it must not.
 */
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "decoders/dns.h"
#include "policy/policy.h"
#include "policy/psl.h"
#include "sensor/det_dns.h"
#include "sensor/flow.h"
#include "sensor/entropy.h"
#include "sensor/hostbaseline.h"
#include "tests/odddns/capture.h"
#include "tests/odddns/harness.h"

#define WS "192.168.50.115"
#define RESOLVER "192.168.50.2"

static const char site[] =
    "networks:\n  local: [192.168.50.0/24, 192.0.2.0/24, \"2001:db8:50::/48\"]\n"
    "hosts:\n  resolvers: [192.168.50.2]\n  mail_relays: [192.0.2.25]\n"
    "  no_egress: [192.0.2.80]\n";

struct run {
	struct nj_sensor s;
	const struct nj_detector *d;
	void *st;
};

static void
run_start(struct run *r, const struct nj_detector *d, const char *yaml)
{
	h_sensor(&r->s, yaml);
	cap_start(&r->s);
	r->d = d;
	assert_non_null(r->st = d->init(&r->s));
}

static void
run_end(struct run *r)
{
	if (r->d->finish != NULL)
		r->d->finish(r->st, &r->s, r->s.now);
	cap_collect(&r->s);
	r->d->fini(r->st);
	cap_stop(&r->s);
	h_sensor_free(&r->s);
}

/* ---- dns-tunnel ---- */

static void
tunnel_stream(struct run *r, const char *client, const char *zone, int n,
    uint16_t type, double t0)
{
	char a[64], b[64], name[256], rr[400];
	const char *rrs[] = { rr, NULL };
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	int i;

	for (i = 0; i < n; i++) {
		h_random_label(&seed, a, 60);
		h_random_label(&seed, b, 40);
		snprintf(name, sizeof(name), "%s.%s.%04x.%s", a, b, i, zone);
		snprintf(rr, sizeof(rr), "%s. 0 IN TXT \"%s\"", name, b);
		h_exchange(r->d, r->st, &r->s, client, RESOLVER, name, type,
		    0, type == NJ_DNS_T_TXT ? rrs : NULL, t0 + i * 0.8);
	}
}

static void
test_tunnel_flagged(void **state)
{
	struct run r;
	const struct cap_alert *a;

	(void)state;
	run_start(&r, &nj_det_dns_tunnel, site);
	tunnel_stream(&r, WS, "t.cdn-sync.example.net", 300, NJ_DNS_T_TXT,
	    1000);
	run_end(&r);
	/* One alert per (client, registered domain), not one per query. */
	assert_int_equal(cap_count("dns-tunnel"), 1);
	a = cap_get("dns-tunnel", 0);
	assert_string_equal(a->src, WS);
	assert_string_equal(a->dst, RESOLVER);
	assert_string_equal(cap_field(a, "registered_domain"), "example.net");
	/* The parent of every tunnel name. */
	assert_string_equal(cap_field(a, "domain"), "t.cdn-sync.example.net");
	assert_string_equal(cap_field(a, "qtype"), "TXT");
	/* Raised at the 40th query (the default min_queries). */
	assert_string_equal(cap_field(a, "queries"), "40");
	/*
	 * Left of example.net each name has labels of 60, 40, 4, 1 ("t")
	 * and 8 ("cdn-sync") bytes and 4 dots: 117 bytes, 40 times.
	 */
	assert_string_equal(cap_field(a, "name_bytes"), "4680");
	assert_string_equal(cap_field(a, "longest_label"), "60");
	assert_true(strtoul(cap_field(a, "distinct_names"), NULL, 10) >= 38);
	/* At the end of input, one update with the totals: all 300 queries. */
	assert_int_equal(cap_count("dns-tunnel/update"), 1);
	a = cap_get("dns-tunnel/update", 0);
	assert_string_equal(cap_field(a, "queries"), "300");
	assert_string_equal(cap_field(a, "odd_queries"), "300");
}

static void
test_tunnel_disabled(void **state)
{
	struct run r;
	char yaml[512];

	(void)state;
	snprintf(yaml, sizeof(yaml), "%sdetectors:\n  dns-tunnel:\n"
	    "    enabled: false\n", site);
	run_start(&r, &nj_det_dns_tunnel, yaml);
	tunnel_stream(&r, WS, "t.cdn-sync.example.net", 100, NJ_DNS_T_TXT,
	    1000);
	run_end(&r);
	assert_int_equal(cap_count("dns-tunnel"), 0);
}

static void
test_tunnel_psl(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &nj_det_dns_tunnel, site);
	tunnel_stream(&r, WS, "x.exfil.co.uk", 50, NJ_DNS_T_NULL, 1000);
	run_end(&r);
	assert_int_equal(cap_count("dns-tunnel"), 1);
	/* co.uk is a public suffix: the registered domain is exfil.co.uk. */
	if (access(NJ_PSL_PATH, R_OK) == 0)
		assert_string_equal(cap_field(cap_get("dns-tunnel", 0),
		    "registered_domain"), "exfil.co.uk");
	assert_string_equal(cap_field(cap_get("dns-tunnel", 0), "qtype"),
	    "NULL");
}

/* 50 distinct ordinary names across 30 domains, answered with addresses. */
static void
browse(struct run *r, const char *client, double t0)
{
	static const char *const hosts[] = { "www", "static", "cdn", "api",
		"img" };
	char name[128], rr[200];
	const char *rrs[] = { rr, NULL };
	int i;

	for (i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "%s.site%d.com", hosts[i % 5],
		    i % 30);
		snprintf(rr, sizeof(rr), "%s. 300 IN A 198.51.100.%d", name,
		    i + 1);
		h_exchange(r->d, r->st, &r->s, client, RESOLVER, name,
		    NJ_DNS_T_A, 0, rrs, t0 + i * 2);
	}
}

/* A client's share of CDN names: hashed, short labels under one domain. */
static void
cdn(struct run *r, const char *client, double t0)
{
	char name[128], rr[200], l[16];
	const char *rrs[] = { rr, NULL };
	uint64_t seed = 7;
	int i;

	for (i = 0; i < 60; i++) {
		h_random_label(&seed, l, 13);
		snprintf(name, sizeof(name), "d%s.cloudfront.net", l);
		snprintf(rr, sizeof(rr), "%s. 60 IN A 203.0.113.%d", name,
		    i + 1);
		h_exchange(r->d, r->st, &r->s, client, RESOLVER, name,
		    NJ_DNS_T_A, 0, rrs, t0 + i);
	}
}

static void
test_tunnel_not_browsing(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &nj_det_dns_tunnel, site);
	browse(&r, WS, 1000);
	cdn(&r, WS, 2000);
	run_end(&r);
	assert_int_equal(cap_count("dns-tunnel"), 0);
}

static void
test_tunnel_not_recursion_or_reverse(void **state)
{
	struct run r;
	char name[128];
	int i;

	(void)state;
	run_start(&r, &nj_det_dns_tunnel, site);
	/* The resolver itself asking outside: its recursion. */
	tunnel_stream(&r, RESOLVER, "t.cdn-sync.example.net", 100,
	    NJ_DNS_T_TXT, 1000);
	/* The mail relay's DNSBL lookups. */
	tunnel_stream(&r, "192.0.2.25", "zen.spamhaus.org", 100, NJ_DNS_T_TXT,
	    2000);
	/* Reverse lookups of a whole /24. */
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "%d.100.51.198.in-addr.arpa", i);
		h_exchange(r.d, r.st, &r.s, WS, RESOLVER, name, NJ_DNS_T_PTR,
		    3, NULL, 3000 + i * 0.1);
	}
	run_end(&r);
	assert_int_equal(cap_count("dns-tunnel"), 0);
}

/* ---- dns-nxdomain ---- */

static void
dga(struct run *r, const char *client, int n, double t0)
{
	static const char *const tlds[] = { "com", "net", "org", "info",
		"biz" };
	char l[24], name[64], *c;
	uint64_t seed = 12345;
	int i;

	for (i = 0; i < n; i++) {
		h_random_label(&seed, l, 8 + (size_t)(seed % 10));
		for (c = l; *c; c++)
			if (*c < 'a')
				*c = (char)('a' + (*c - '2') * 3);
		snprintf(name, sizeof(name), "%s.%s", l, tlds[i % 5]);
		h_exchange(r->d, r->st, &r->s, client, RESOLVER, name,
		    NJ_DNS_T_A, NJ_DNS_RCODE_NXDOMAIN, NULL, t0 + i * 0.2);
	}
}

static void
test_nxdomain_flagged(void **state)
{
	struct run r;
	const struct cap_alert *a;

	(void)state;
	run_start(&r, &nj_det_dns_nxdomain, site);
	browse(&r, "192.168.50.106", 900);
	dga(&r, "192.168.50.106", 150, 1000);
	run_end(&r);
	assert_int_equal(cap_count("dns-nxdomain"), 1);
	a = cap_get("dns-nxdomain", 0);
	assert_string_equal(a->src, "192.168.50.106");
	/* Raised once 20 distinct NX names were seen (min_nxdomain). */
	assert_true(strtoul(cap_field(a, "distinct_names"), NULL, 10) >= 20);
	assert_true(strtoul(cap_field(a, "nxdomain"), NULL, 10) >= 20);
	assert_true(strtoul(cap_field(a, "nxdomain"), NULL, 10) <= 30);
	assert_string_not_equal(cap_field(a, "samples"), "");
	/* The update at the end counts all 150 failures (30 s, one window). */
	assert_int_equal(cap_count("dns-nxdomain/update"), 1);
	a = cap_get("dns-nxdomain/update", 0);
	assert_string_equal(cap_field(a, "nxdomain"), "150");
	/*
	 * Answers count from the client's first NXDOMAIN on: the 50
	 * browsing answers came before it.
	 */
	assert_string_equal(cap_field(a, "answers"), "150");
}

static void
test_nxdomain_typos(void **state)
{
	static const char *const typos[] = { "gogle.com", "wikipedai.org",
		"githb.com", "debain.org", "lwn.nte" };
	struct run r;
	int i;

	(void)state;
	run_start(&r, &nj_det_dns_nxdomain, site);
	browse(&r, WS, 1000);
	for (i = 0; i < 5; i++)
		h_exchange(r.d, r.st, &r.s, WS, RESOLVER, typos[i], NJ_DNS_T_A,
		    NJ_DNS_RCODE_NXDOMAIN, NULL, 1010 + i);
	/* The resolver's recursion failing at the roots is not a client. */
	dga(&r, RESOLVER, 100, 1100);
	run_end(&r);
	assert_int_equal(cap_count("dns-nxdomain"), 0);
}

/* ---- dns-quiet-host ---- */

static void
new_flow(struct run *r, const char *orig, const char *resp, double ts)
{
	struct nj_packet p;
	struct nj_flow f;

	h_packet(&p, orig, 40000, resp, 443, ts);
	memset(&f, 0, sizeof(f));
	f.orig = p.src;
	f.resp = p.dst;
	f.pkts[0] = 1;
	r->d->packet(r->st, &r->s, &p, &f, 0);
}

static void
queries(struct run *r, const char *host, int n, double t0)
{
	char name[64];
	const char *rrs[] = { NULL };
	int i;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "host%d.example.org", i);
		h_exchange(r->d, r->st, &r->s, host, RESOLVER, name,
		    NJ_DNS_T_A, 0, rrs, t0 + i);
	}
}

static const char quiet_site[] =
    "networks:\n  local: [192.168.50.0/24, 192.0.2.0/24]\n"
    "hosts:\n  resolvers: [192.168.50.2]\n  no_egress: [192.0.2.80]\n"
    "detectors:\n  dns-quiet-host:\n    learn: 3h\n";

#define H0 1772409600.0 /* 2026-03-02T00:00:00Z */

static void
test_quiet_learned_then_exceeded(void **state)
{
	struct run r;
	const struct cap_alert *a;
	int h;

	(void)state;
	run_start(&r, &nj_det_dns_quiet, quiet_site);
	new_flow(&r, "192.0.2.30", "198.51.100.1", H0);
	/* Learning: one query an hour, then two, for 3 hours. */
	for (h = 0; h < 2; h++)
		queries(&r, "192.0.2.30", 1, H0 + h * 3600 + 60);
	queries(&r, "192.0.2.30", 2, H0 + 2 * 3600 + 60);
	assert_int_equal(cap_count("dns-quiet-host"), 0);
	/* Learned (3 h): peak 2, so 10 x 2 = 20 queries in an hour. */
	queries(&r, "192.0.2.30", 19, H0 + 3 * 3600 + 60);
	cap_collect(&r.s);
	assert_int_equal(cap_count("dns-quiet-host"), 0);
	/* That hour is now the busiest: 190 are needed, 189 are not. */
	queries(&r, "192.0.2.30", 189, H0 + 4 * 3600 + 60);
	cap_collect(&r.s);
	assert_int_equal(cap_count("dns-quiet-host"), 0);
	queries(&r, "192.0.2.30", 1, H0 + 4 * 3600 + 3000);
	run_end(&r);
	assert_int_equal(cap_count("dns-quiet-host"), 1);
	a = cap_get("dns-quiet-host", 0);
	assert_string_equal(a->src, "192.0.2.30");
	assert_string_equal(cap_field(a, "queries"), "190");
	assert_string_equal(cap_field(a, "baseline_peak"), "19");
	assert_string_equal(cap_field(a, "baseline_hours"), "4");
	assert_string_equal(cap_field(a, "quiet_by"), "baseline");
}

static void
test_quiet_silent_server(void **state)
{
	struct run r;
	const struct cap_alert *a;

	(void)state;
	run_start(&r, &nj_det_dns_quiet, quiet_site);
	/* Two servers, known from their flows, silent on DNS for 4 hours. */
	new_flow(&r, "198.51.100.7", "192.0.2.31", H0);
	new_flow(&r, "198.51.100.7", "192.0.2.32", H0);
	queries(&r, "192.0.2.31", 3, H0 + 4 * 3600);
	queries(&r, "192.0.2.32", 2, H0 + 4 * 3600);
	/* A workstation that asks all the time is not quiet. */
	queries(&r, WS, 50, H0);
	queries(&r, WS, 50, H0 + 4 * 3600);
	run_end(&r);
	assert_int_equal(cap_count("dns-quiet-host"), 1);
	a = cap_get("dns-quiet-host", 0);
	assert_string_equal(a->src, "192.0.2.31");
	assert_string_equal(cap_field(a, "baseline_peak"), "0");
	assert_string_equal(cap_field(a, "names"),
	    "host0.example.org,host1.example.org,host2.example.org");
}

static void
test_quiet_by_policy(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &nj_det_dns_quiet, quiet_site);
	/* No learning needed: the policy says the web server never asks. */
	new_flow(&r, "198.51.100.7", "192.0.2.80", H0);
	queries(&r, "192.0.2.80", 3, H0 + 1800);
	run_end(&r);
	assert_int_equal(cap_count("dns-quiet-host"), 1);
	assert_string_equal(cap_field(cap_get("dns-quiet-host", 0),
	    "quiet_by"), "policy");
}

static void
test_baseline_file_round_trip(void **state)
{
	char path[] = "/tmp/nj_odddns_XXXXXX", yaml[512], errs[256];
	struct nj_hostbaseline *hb;
	struct nj_hb_host *h;
	struct nj_addr a;
	struct run r;
	FILE *f, *e;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	unlink(path); /* absent: a fresh start, not an error */
	snprintf(yaml, sizeof(yaml), "%sdns:\n  baseline_file: %s\n",
	    quiet_site, path);
	/* First run: learn a silent server, write the state at the end. */
	run_start(&r, &nj_det_dns_quiet, yaml);
	new_flow(&r, "198.51.100.7", "192.0.2.31", H0);
	queries(&r, "192.0.2.31", 1, H0 + 600);
	run_end(&r);
	assert_int_equal(cap_count("dns-quiet-host"), 0);
	/* The file holds what was learned. */
	assert_non_null(hb = nj_hb_new(16));
	assert_int_equal(nj_hb_load(hb, path, stderr), 0);
	assert_int_equal(nj_addr_parse("192.0.2.31", &a), 0);
	assert_non_null(h = nj_hb_get(hb, &a, false, NJ_SEC(H0 + 600)));
	assert_true(h->first_seen == NJ_SEC(H0));
	assert_int_equal(h->cur, 1);
	nj_hb_free(hb);
	/* Second run, 5 hours later: learned already, so 10 queries alert. */
	run_start(&r, &nj_det_dns_quiet, yaml);
	queries(&r, "192.0.2.31", 10, H0 + 5 * 3600);
	run_end(&r);
	assert_int_equal(cap_count("dns-quiet-host"), 1);
	assert_string_equal(cap_field(cap_get("dns-quiet-host", 0),
	    "baseline_peak"), "1");
	/* A damaged file: one FILE:LINE message, and an empty baseline. */
	assert_non_null(f = fopen(path, "w"));
	fputs("nightjar-dns-baseline 1\n192.0.2.31 12 x\n", f);
	fclose(f);
	assert_non_null(hb = nj_hb_new(16));
	assert_non_null(e = fmemopen(errs, sizeof(errs), "w"));
	assert_int_equal(nj_hb_load(hb, path, e), -1);
	fclose(e);
	assert_true(strstr(errs, ":2: expected ADDRESS") != NULL);
	assert_null(nj_hb_get(hb, &a, false, NJ_SEC(H0)));
	nj_hb_free(hb);
	unlink(path);
}

/* ---- dns-unsanctioned-resolver ---- */

static void
test_resolver_with_policy(void **state)
{
	static const char *const names[] = { "www.wikipedia.org",
		"github.com", "lwn.net", "www.debian.org" };
	struct run r;
	struct nj_packet p;
	struct nj_dns_msg m;
	const struct cap_alert *a;
	static const uint8_t junk[] = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
	/* RFC 1035 4.2.2: length 19, then a query "a" A IN, id 7, RD. */
	static const uint8_t tcpdns[] = { 0, 19, 0, 7, 1, 0, 0, 1, 0, 0, 0, 0,
		0, 0, 1, 'a', 0, 0, 1, 0, 1 };
	struct nj_flow f;
	int i;

	(void)state;
	run_start(&r, &nj_det_dns_resolver, site);
	browse(&r, WS, 900);                     /* the sanctioned resolver */
	for (i = 0; i < 4; i++)
		h_exchange(r.d, r.st, &r.s, "192.168.50.104", "8.8.8.8",
		    names[i], NJ_DNS_T_A, 0, NULL, 1000 + i * 30);
	/* The resolver's own recursion. */
	h_exchange(r.d, r.st, &r.s, RESOLVER, "198.41.0.4", "com",
	    NJ_DNS_T_NS, 0, NULL, 1001);
	/* DNS on a non-standard port. */
	h_query(&m, "c2.example.com", NJ_DNS_T_TXT);
	h_packet(&p, "192.168.50.107", 40001, "203.0.113.5", 5300, 1002);
	r.d->dns(r.st, &r.s, &p, NULL, 0, &m);
	/* Something that is not DNS, to port 53. */
	h_packet(&p, "192.168.50.108", 40002, "203.0.113.9", 53, 1003);
	p.payload = junk;
	p.payload_len = sizeof(junk) - 1;
	r.d->packet(r.st, &r.s, &p, NULL, 0);
	/* SSH over TCP port 53, as the recognisers named it. */
	h_packet(&p, "192.168.50.110", 40003, "203.0.113.22", 53, 1003.5);
	p.proto = IPPROTO_TCP;
	p.payload = (const uint8_t *)"SSH-2.0-OpenSSH_9.6\r\n";
	p.payload_len = 21;
	memset(&f, 0, sizeof(f));
	f.app = NJ_FLOW_APP_SSH;
	r.d->packet(r.st, &r.s, &p, &f, 0);
	/*
	 * Real DNS over TCP is left to dns() (the DNS path hands it there):
	 * packet() must not count it as something else.
	 */
	h_packet(&p, "192.168.50.111", 40004, "203.0.113.23", 53, 1003.6);
	p.proto = IPPROTO_TCP;
	p.payload = tcpdns;
	p.payload_len = sizeof(tcpdns);
	r.d->packet(r.st, &r.s, &p, NULL, 0);
	/* mDNS is not a resolver. */
	h_query(&m, "printer.local", NJ_DNS_T_A);
	h_packet(&p, "192.168.50.109", 5353, "224.0.0.251", 5353, 1004);
	r.d->dns(r.st, &r.s, &p, NULL, 0, &m);
	run_end(&r);
	assert_int_equal(cap_count("dns-unsanctioned-resolver"), 4);
	a = cap_get("dns-unsanctioned-resolver", 0);
	assert_string_equal(a->src, "192.168.50.104");
	assert_string_equal(a->dst, "8.8.8.8");
	assert_string_equal(cap_field(a, "queries"), "4");
	assert_string_equal(cap_field(a, "samples"),
	    "www.wikipedia.org,github.com,lwn.net");
	a = cap_get("dns-unsanctioned-resolver", 1);
	assert_string_equal(a->dst, "203.0.113.5");
	assert_int_equal(a->dport, 5300);
	a = cap_get("dns-unsanctioned-resolver", 2);
	assert_string_equal(a->dst, "203.0.113.9");
	assert_string_equal(cap_field(a, "not_dns"), "1");
	assert_string_equal(cap_field(a, "queries"), "0");
	a = cap_get("dns-unsanctioned-resolver", 3);
	assert_string_equal(a->src, "192.168.50.110");
	assert_string_equal(a->dst, "203.0.113.22");
	assert_string_equal(cap_field(a, "not_dns"), "1");
}

static void
test_resolver_without_policy(void **state)
{
	struct run r;

	(void)state;
	/* Nobody local serves DNS: asking outside is how this site works. */
	run_start(&r, &nj_det_dns_resolver, NULL);
	h_exchange(r.d, r.st, &r.s, "192.168.1.20", "8.8.8.8", "github.com",
	    NJ_DNS_T_A, 0, NULL, 1000);
	run_end(&r);
	assert_int_equal(cap_count("dns-unsanctioned-resolver"), 0);
	/*
	 * A host that uses the local resolver and also asks outside is
	 * reported; one that only ever asks outside is not, and neither is
	 * the local resolver's own recursion.
	 */
	run_start(&r, &nj_det_dns_resolver, NULL);
	h_exchange(r.d, r.st, &r.s, "192.168.1.20", "192.168.1.1",
	    "debian.org", NJ_DNS_T_A, 0, NULL, 999);
	h_exchange(r.d, r.st, &r.s, "192.168.1.1", "198.41.0.4",
	    "debian.org", NJ_DNS_T_A, 0, NULL, 999.5);
	h_exchange(r.d, r.st, &r.s, "192.168.1.20", "8.8.8.8", "github.com",
	    NJ_DNS_T_A, 0, NULL, 1000);
	h_exchange(r.d, r.st, &r.s, "192.168.1.22", "9.9.9.9", "lwn.net",
	    NJ_DNS_T_A, 0, NULL, 1001);
	run_end(&r);
	assert_int_equal(cap_count("dns-unsanctioned-resolver"), 1);
	assert_string_equal(cap_get("dns-unsanctioned-resolver", 0)->src,
	    "192.168.1.20");
	assert_string_equal(cap_field(cap_get("dns-unsanctioned-resolver",
	    0), "resolvers_listed"), "false");
}

static void
test_resolver_reported_after_window(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &nj_det_dns_resolver, site);
	h_exchange(r.d, r.st, &r.s, "192.168.50.104", "8.8.8.8", "github.com",
	    NJ_DNS_T_A, 0, NULL, 1000);
	h_exchange(r.d, r.st, &r.s, "192.168.50.104", "8.8.8.8", "lwn.net",
	    NJ_DNS_T_A, 0, NULL, 1100);
	/* Not before the window (300 s) has passed... */
	r.d->tick(r.st, &r.s, NJ_SEC(1299));
	cap_collect(&r.s);
	assert_int_equal(cap_count("dns-unsanctioned-resolver"), 0);
	/* ...then at the next walk, with both queries, and only once. */
	r.d->tick(r.st, &r.s, NJ_SEC(1310));
	cap_collect(&r.s);
	assert_int_equal(cap_count("dns-unsanctioned-resolver"), 1);
	assert_string_equal(cap_field(cap_get("dns-unsanctioned-resolver", 0),
	    "queries"), "2");
	h_exchange(r.d, r.st, &r.s, "192.168.50.104", "8.8.8.8", "a.example",
	    NJ_DNS_T_A, 0, NULL, 1400);
	run_end(&r);
	assert_int_equal(cap_count("dns-unsanctioned-resolver"), 1);
}

static void
test_resolver_ipv6(void **state)
{
	struct run r;
	const struct cap_alert *a;

	(void)state;
	run_start(&r, &nj_det_dns_resolver, site);
	h_exchange(r.d, r.st, &r.s, "2001:db8:50:1::104",
	    "2001:4860:4860::8888", "github.com", NJ_DNS_T_AAAA, 0, NULL,
	    1000);
	run_end(&r);
	assert_int_equal(cap_count("dns-unsanctioned-resolver"), 1);
	a = cap_get("dns-unsanctioned-resolver", 0);
	assert_string_equal(a->src, "2001:db8:50:1::104");
	assert_string_equal(a->dst, "2001:4860:4860::8888");
}

/* ---- helpers ---- */

static void
test_random_labels(void **state)
{
	static const char *const words[] = { "facebook", "wikipedia",
		"stackoverflow", "microsoft", "googleapis", "cloudfront",
		"akamaiedge", "githubusercontent", "windowsupdate", "doubleclick" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		assert_false(nj_label_random(words[i], strlen(words[i])));
	assert_true(nj_label_random("xkqzvbtrwplm", 12));
	assert_true(nj_label_random("a8f3k2q9z7x1", 12));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tunnel_flagged),
		cmocka_unit_test(test_tunnel_disabled),
		cmocka_unit_test(test_tunnel_psl),
		cmocka_unit_test(test_tunnel_not_browsing),
		cmocka_unit_test(test_tunnel_not_recursion_or_reverse),
		cmocka_unit_test(test_nxdomain_flagged),
		cmocka_unit_test(test_nxdomain_typos),
		cmocka_unit_test(test_quiet_learned_then_exceeded),
		cmocka_unit_test(test_quiet_silent_server),
		cmocka_unit_test(test_quiet_by_policy),
		cmocka_unit_test(test_baseline_file_round_trip),
		cmocka_unit_test(test_resolver_with_policy),
		cmocka_unit_test(test_resolver_without_policy),
		cmocka_unit_test(test_resolver_reported_after_window),
		cmocka_unit_test(test_resolver_ipv6),
		cmocka_unit_test(test_random_labels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
