/*
 * sc_odd_dns.c - seed 002's DNS hints: a workstation asking an outside
 * resolver directly; a tunnel-like stream of long random base32 labels
 * under one domain (TXT); an NXDOMAIN burst of random names; and the
 * public web server, silent for the baseline, suddenly querying.
 */
#include <ldns/ldns.h>
#include <stdio.h>
#include <string.h>

#include "scenario.h"

#define TUNNEL_DOMAIN "t.cdn-sync.example.net"

static void
base32(struct gen_ctx *g, char *out, size_t n)
{
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyz234567";
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = alpha[gen_rng_below(&g->rng, 32)];
	out[n] = '\0';
}

static int
unsanctioned(struct gen_ctx *g, gen_time_t t, uint32_t ws)
{
	static const char *const names[] = { "www.wikipedia.org",
		"github.com", "lwn.net", "www.debian.org" };
	static const char *const rr[][2] = {
		{ "www.wikipedia.org. 300 IN A 185.15.59.224", NULL },
		{ "github.com. 60 IN A 140.82.121.4", NULL },
		{ "lwn.net. 300 IN A 45.33.94.129", NULL },
		{ "www.debian.org. 300 IN A 151.101.2.132", NULL } };
	uint32_t google = GEN_IP(8, 8, 8, 8);
	json_t *f = gen_fact(g, "dns-unsanctioned-resolver", ws, google, 53);
	size_t i;

	json_object_set_new(f, "queries", json_integer(4));
	gen_fact_time(f, "first", t);
	for (i = 0; i < 4; i++, t += gen_rng_range(&g->rng, GEN_S(5),
	    GEN_S(60)))
		if (gen_dns_exchange(g, t, ws, google, names[i], LDNS_RR_TYPE_A,
		    rr[i], LDNS_RCODE_NOERROR, GEN_MS(18)) == -1)
			return -1;
	return 0;
}

static int
tunnel(struct gen_ctx *g, gen_time_t t, uint32_t ws, int n)
{
	char a[64], b[64], name[256], rr[400], txt[120];
	const char *rrs[] = { rr, NULL };
	json_t *f = gen_fact(g, "dns-tunnel", ws, SITE_RESOLVER, 53);
	gen_time_t first = t;
	int i;

	for (i = 0; i < n; i++) {
		base32(g, a, 60);
		base32(g, b, 40);
		base32(g, txt, 100);
		snprintf(name, sizeof(name), "%s.%s.%04x.%s", a, b, i,
		    TUNNEL_DOMAIN);
		snprintf(rr, sizeof(rr), "%s. 0 IN TXT \"%s\"", name, txt);
		if (gen_dns_resolve(g, t, ws, name, LDNS_RR_TYPE_TXT, rrs, 1) ==
		    -1)
			return -1;
		t += gen_rng_range(&g->rng, GEN_MS(200), GEN_MS(1500));
	}
	json_object_set_new(f, "domain", json_string(TUNNEL_DOMAIN));
	json_object_set_new(f, "qtype", json_string("TXT"));
	json_object_set_new(f, "queries", json_integer(n));
	gen_fact_time(f, "first", first);
	gen_fact_time(f, "last", t);
	return 0;
}

/* Random names answered NXDOMAIN by the resolver after recursion. */
static int
nxburst(struct gen_ctx *g, gen_time_t t, uint32_t ws, int n)
{
	static const char *const tlds[] = { "com", "net", "org", "info", "biz" };
	char label[24], name[64];
	json_t *f = gen_fact(g, "dns-nxdomain", ws, SITE_RESOLVER, 53);
	uint32_t auth;
	gen_time_t first = t;
	int i;

	for (i = 0; i < n; i++) {
		base32(g, label, 8 + gen_rng_below(&g->rng, 10));
		/* base32 digits in a DGA name read oddly: letters only. */
		for (char *p = label; *p; p++)
			if (*p < 'a')
				*p = (char)('a' + (*p - '2') * 3);
		snprintf(name, sizeof(name), "%s.%s", label,
		    tlds[gen_rng_below(&g->rng, 5)]);
		auth = site_root_servers[gen_rng_below(&g->rng,
		    (uint32_t)site_nroot_servers)];
		if (gen_dns_exchange(g, t + 200, SITE_RESOLVER, auth, name,
		    LDNS_RR_TYPE_A, NULL, LDNS_RCODE_NXDOMAIN, GEN_MS(30)) == -1 ||
		    gen_dns_exchange(g, t, ws, SITE_RESOLVER, name,
		    LDNS_RR_TYPE_A, NULL, LDNS_RCODE_NXDOMAIN, GEN_MS(31)) == -1)
			return -1;
		t += gen_rng_range(&g->rng, GEN_MS(50), GEN_MS(400));
	}
	json_object_set_new(f, "queries", json_integer(n));
	json_object_set_new(f, "nxdomain", json_integer(n));
	gen_fact_time(f, "first", first);
	gen_fact_time(f, "last", t);
	return 0;
}

/* The web server serves for the baseline, then starts asking names. */
static int
quiet_host(struct gen_ctx *g, gen_time_t t, gen_time_t baseline)
{
	static const char *const names[] = { "pastebin.com",
		"raw.githubusercontent.com", "update.cdn-sync.example.net" };
	static const char *const rr[][2] = {
		{ "pastebin.com. 300 IN A 104.20.67.143", NULL },
		{ "raw.githubusercontent.com. 300 IN A 185.199.108.133", NULL },
		{ "update.cdn-sync.example.net. 60 IN A 45.95.147.236", NULL } };
	gen_time_t q = t + baseline, tv;
	json_t *f;
	size_t i;

	for (tv = t; tv < q; tv += gen_rng_exp(&g->rng, GEN_MIN(2)))
		if (gen_web_visit(g, tv, gen_public_addr(g)) == -1)
			return -1;
	f = gen_fact(g, "dns-quiet-host", SITE_WEB, SITE_RESOLVER, 53);
	json_object_set_new(f, "queries", json_integer(3));
	gen_fact_time(f, "quiet_since", t);
	gen_fact_time(f, "first", q);
	for (i = 0; i < 3; i++, q += gen_rng_range(&g->rng, GEN_S(2),
	    GEN_S(20)))
		if (gen_dns_resolve(g, q, SITE_WEB, names[i], LDNS_RR_TYPE_A,
		    rr[i], 1) == -1)
			return -1;
	return 0;
}

static int
odd_dns(struct gen_ctx *g)
{
	gen_time_t t = g->opt.start;
	gen_time_t baseline = g->opt.duration * 2 / 3;

	if (unsanctioned(g, t + GEN_S(30), site_workstation(4)) == -1 ||
	    tunnel(g, t + GEN_MIN(3), site_workstation(15), 300) == -1 ||
	    nxburst(g, t + GEN_MIN(12), site_workstation(6), 150) == -1 ||
	    quiet_host(g, t, baseline) == -1)
		return -1;
	return 0;
}

const struct gen_scenario sc_odd_dns = {
	.name = "odd-dns",
	.summary = "an outside resolver used directly, a TXT tunnel, an NXDOMAIN "
	    "burst, a quiet server that starts querying",
	.default_duration = GEN_MIN(45),
	.run = odd_dns,
};
