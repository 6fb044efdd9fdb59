/*
 * sc_outbound_smtp.c - seed 002: a workstation speaks SMTP straight to an
 * outside host (banner, EHLO, MAIL FROM ...) on 25 after an MX lookup, and
 * again on a non-standard port (--port, default 2525) with no lookup. The
 * mail relay delivering the same way is legitimate and plants nothing.
 */
#include <ldns/ldns.h>
#include <stdio.h>

#include "scenario.h"
#include "smtp.h"

#define HELO "desktop-7q2k"
#define MAIL_FROM "invoice@desktop-7q2k.local"

static int
deliver(struct gen_ctx *g, gen_time_t t, uint32_t src, uint32_t dst,
    uint16_t port, int fact)
{
	struct gen_tcp c;
	json_t *f;

	gen_tcp_init(g, &c, t, src, dst, port);
	if (fact) {
		f = gen_fact(g, "outbound-smtp", src, dst, port);
		json_object_set_new(f, "helo", json_string(HELO));
		json_object_set_new(f, "mail_from", json_string(MAIL_FROM));
		json_object_set_new(f, "by_port", json_boolean(port == 25));
		gen_fact_time(f, "first", t);
	}
	if (gen_tcp_connect(g, &c) == -1)
		return -1;
	return gen_smtp_deliver(g, &c, "mx.mailbox-drop.example.net",
	    fact ? HELO : "mail.nightjar-demo.org", fact ? MAIL_FROM :
	    "staff@nightjar-demo.org", "drop@mailbox-drop.example.net");
}

static int
outbound_smtp(struct gen_ctx *g)
{
	static const char *const mx[] = { "mailbox-drop.example.net. 3600 IN "
		"MX 10 mx.mailbox-drop.example.net.", NULL };
	uint32_t ws = site_workstation(9), dst = gen_public_addr(g);
	uint32_t dst2 = gen_public_addr(g);
	uint16_t alt = g->opt.port ? (uint16_t)g->opt.port : 2525;
	gen_time_t t = g->opt.start + GEN_S(30), ta;

	if ((ta = gen_dns_resolve(g, t, ws, "mailbox-drop.example.net",
	    LDNS_RR_TYPE_MX, mx, 1)) == -1 ||
	    deliver(g, ta + GEN_MS(3), ws, dst, 25, 1) == -1 ||
	    deliver(g, t + GEN_MIN(3), ws, dst2, alt, 1) == -1 ||
	    deliver(g, t + GEN_MIN(5), SITE_RELAY, dst, 25, 0) == -1)
		return -1;
	return 0;
}

const struct gen_scenario sc_outbound_smtp = {
	.name = "outbound-smtp",
	.summary = "a workstation sends mail out directly on 25 and on --port "
	    "(default 2525); the relay doing so is fine",
	.default_duration = GEN_MIN(10),
	.run = outbound_smtp,
};
