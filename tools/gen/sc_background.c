/*
 * sc_background.c - hours of ordinary life on the demo site: workstations
 * resolving names through the site resolver before browsing, the resolver
 * recursing, NTP, the mail relay delivering and receiving mail, the admin
 * host using SSH into the DMZ, and outside clients browsing the web server.
 * A sensible sensor raises nothing on it.
 */
#include <arpa/inet.h>
#include <ldns/ldns.h>
#include <stdio.h>

#include "scenario.h"
#include "smtp.h"

static const char *const mail_domains[] = { "example.org", "lists.debian.org",
	"gmail.com", "posteo.de", "fastmail.com", "bsdly.net" };
static const uint32_t mail_mx[] = { GEN_IP(93, 184, 215, 14),
	GEN_IP(82, 195, 75, 100), GEN_IP(142, 250, 27, 26),
	GEN_IP(185, 67, 36, 169), GEN_IP(103, 168, 172, 221),
	GEN_IP(213, 187, 179, 198) };
static const uint32_t ntp_pool[] = { GEN_IP(162, 159, 200, 1),
	GEN_IP(85, 199, 214, 101), GEN_IP(5, 39, 80, 51) };

/*
 * A workstation looks a name up, then fetches a page or two from it; a
 * third of the lookups for dual-stack sites are AAAA, and the fetch then
 * goes over IPv6.
 */
static int
browse(struct gen_ctx *g, gen_time_t t)
{
	const struct site_name *s = &site_web_names[gen_rng_below(&g->rng,
	    (uint32_t)site_nweb_names)];
	uint32_t ws = site_workstation((int)gen_rng_below(&g->rng,
	    SITE_NWORKSTATIONS));
	int v6 = s->addr6 != NULL && gen_rng_below(&g->rng, 3) == 0;
	char rr[160], ip[16];
	const char *rrs[] = { rr, NULL };
	uint8_t ws6[16], srv6[16];
	struct gen_tcp c;
	gen_time_t ta;

	if (v6)
		snprintf(rr, sizeof(rr), "%s. 300 IN AAAA %s", s->name, s->addr6);
	else
		snprintf(rr, sizeof(rr), "%s. 300 IN A %s", s->name,
		    gen_ipstr(s->addr, ip));
	ta = gen_dns_resolve(g, t, ws, s->name, v6 ? LDNS_RR_TYPE_AAAA :
	    LDNS_RR_TYPE_A, rrs, gen_rng_below(&g->rng, 3) == 0);
	if (ta == -1)
		return -1;
	ta += gen_rng_range(&g->rng, 100, 3000);
	if (v6) {
		site_ip6(ws, ws6);
		if (inet_pton(AF_INET6, s->addr6, srv6) != 1)
			return gen_fail(g, "bad IPv6 address %s", s->addr6);
		gen_tcp_init6(g, &c, ta, ws6, srv6, s->port);
	} else
		gen_tcp_init(g, &c, ta, ws, s->addr, s->port);
	if (gen_tcp_connect(g, &c) == -1)
		return -1;
	if (s->port == 443) {
		if (gen_https_exchange(g, &c, s->name,
		    (size_t)gen_rng_range(&g->rng, 300, 900),
		    (size_t)gen_rng_range(&g->rng, 1500, 20000)) == -1)
			return -1;
	} else if (gen_http_exchange(g, &c, s->name, "/debian/dists/bookworm/"
	    "InRelease", (size_t)gen_rng_range(&g->rng, 500, 20000)) == -1)
		return -1;
	return gen_tcp_close(g, &c, 1);
}

/* The relay looks up the MX, then delivers over SMTP. */
static int
relay_out(struct gen_ctx *g, gen_time_t t)
{
	uint32_t i = gen_rng_below(&g->rng, 6);
	char mx[128], a[128], host[96], ip[16], to[128];
	const char *mxrrs[] = { mx, NULL }, *arrs[] = { a, NULL };
	struct gen_tcp c;
	gen_time_t ta;

	snprintf(host, sizeof(host), "mx1.%s", mail_domains[i]);
	snprintf(mx, sizeof(mx), "%s. 3600 IN MX 10 %s.", mail_domains[i], host);
	snprintf(a, sizeof(a), "%s. 3600 IN A %s", host,
	    gen_ipstr(mail_mx[i], ip));
	if ((ta = gen_dns_resolve(g, t, SITE_RELAY, mail_domains[i],
	    LDNS_RR_TYPE_MX, mxrrs, 1)) == -1 ||
	    (ta = gen_dns_resolve(g, ta + 200, SITE_RELAY, host, LDNS_RR_TYPE_A,
	    arrs, 1)) == -1)
		return -1;
	snprintf(to, sizeof(to), "someone@%s", mail_domains[i]);
	gen_tcp_init(g, &c, ta + 500, SITE_RELAY, mail_mx[i], 25);
	if (gen_tcp_connect(g, &c) == -1)
		return -1;
	return gen_smtp_deliver(g, &c, host, "mail.nightjar-demo.org",
	    "staff@nightjar-demo.org", to);
}

/* Mail for the site arrives at the relay from an outside MTA. */
static int
relay_in(struct gen_ctx *g, gen_time_t t)
{
	uint32_t i = gen_rng_below(&g->rng, 6);
	char from[128];
	struct gen_tcp c;

	snprintf(from, sizeof(from), "news@%s", mail_domains[i]);
	gen_tcp_init(g, &c, t, mail_mx[i], SITE_RELAY, 25);
	if (gen_tcp_connect(g, &c) == -1)
		return -1;
	return gen_smtp_deliver(g, &c, "mail.nightjar-demo.org", mail_domains[i],
	    from, "staff@nightjar-demo.org");
}

static int
admin_ssh(struct gen_ctx *g, gen_time_t t)
{
	struct gen_tcp c;

	gen_tcp_init(g, &c, t, SITE_ADMIN, gen_rng_below(&g->rng, 2) ?
	    SITE_RELAY : SITE_WEB, 22);
	if (gen_tcp_connect(g, &c) == -1 ||
	    gen_ssh_session(g, &c, 3 + (int)gen_rng_below(&g->rng, 10)) == -1)
		return -1;
	return gen_tcp_close(g, &c, 1);
}

/*
 * Each activity is a Poisson process with its own mean gap; --count keeps
 * the processes running past the duration until enough packets exist.
 */
static int
background(struct gen_ctx *g)
{
	static const gen_time_t gaps[] = { GEN_S(8), GEN_S(6), GEN_MIN(4),
		GEN_MIN(6), GEN_MIN(25), GEN_MIN(2) };
	gen_time_t next[6], end = g->opt.start + g->opt.duration, t;
	gen_time_t scale = g->opt.sparse > 1 ? g->opt.sparse : 1;
	uint32_t clients[400];
	size_t i, k;
	int rc = 0;

	for (i = 0; i < 400; i++)
		clients[i] = gen_public_addr(g);
	for (k = 0; k < 6; k++)
		next[k] = g->opt.start + gen_rng_exp(&g->rng, gaps[k] * scale);
	for (;;) {
		/* The earliest pending activity goes next. */
		for (i = 0, k = 1; k < 6; k++)
			if (next[k] < next[i])
				i = k;
		t = next[i];
		if (g->opt.count ? gen_store_total(&g->store) >= g->opt.count :
		    t >= end)
			break;
		/* Nothing built from now on is older than t: stream it out. */
		if (g->store.npkts >= 65536 && gen_store_flush(g, t) == -1)
			return -1;
		switch (i) {
		case 0:
			rc = browse(g, t);
			break;
		case 1:
			rc = gen_web_visit(g, t, clients[gen_rng_below(&g->rng, 400)]);
			break;
		case 2:
			rc = relay_out(g, t);
			break;
		case 3:
			rc = relay_in(g, t);
			break;
		case 4:
			rc = admin_ssh(g, t);
			break;
		default:
			/* The NTP server polls the pool; a workstation polls it. */
			rc = gen_ntp_exchange(g, t, SITE_NTP_SERVER,
			    ntp_pool[gen_rng_below(&g->rng, 3)]);
			if (rc == 0)
				rc = gen_ntp_exchange(g, t + GEN_S(7),
				    site_workstation((int)gen_rng_below(&g->rng,
				    SITE_NWORKSTATIONS)), SITE_NTP_SERVER);
			break;
		}
		if (rc == -1)
			return -1;
		next[i] = t + 1 + gen_rng_exp(&g->rng, gaps[i] * scale);
	}
	if (g->opt.count && t > end)
		g->opt.duration = t - g->opt.start;
	return 0;
}

const struct gen_scenario sc_background = {
	.name = "background",
	.summary = "hours of ordinary site life that should raise no alert",
	.default_duration = GEN_H(4),
	.run = background,
};
