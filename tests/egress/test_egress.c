/*
 * test_egress.c - the egress detectors' decisions, one callback at a
 * time, against the demo site's policy (tools/gen/site.c): who is local,
 * which roles, what severity, which evidence.
 */
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sensor/det_egress.h"
#include "harness.h"

#define T0 NJ_SEC(1700000000)

static const char roles[] = H_SITE
    "hosts:\n"
    "  mail_relays: [192.0.2.25]\n"
    "  admin: [192.168.50.10]\n"
    "  no_egress: [192.0.2.80]\n"
    "  no_egress_allow: {hosts: [198.51.100.53], ports: [123]}\n";

static void
irc_ev(struct nj_app_flow *af, uint8_t client_dir)
{
	memset(af, 0, sizeof(*af));
	af->ev.proto = NJ_APP_IRC;
	af->ev.client_dir = client_dir;
	af->ev.client_known = true;
	af->ev.confirmed = true;
	snprintf(af->ev.nick, sizeof(af->ev.nick), "bot|42");
	snprintf(af->ev.channels[0], sizeof(af->ev.channels[0]), "#k33p");
	snprintf(af->ev.channels[1], sizeof(af->ev.channels[1]), "#k33p");
	af->ev.nchannels = 2;
	snprintf(af->ev.server, sizeof(af->ev.server), "irc.example.net");
}

/* A workstation's IRC: medium, only on the final call, with evidence. */
static void
irc_workstation(void **state)
{
	struct harness h;
	struct nj_flow f;
	struct nj_app_flow af;
	const struct nj_alert_field *ch;
	char b[NJ_ADDRSTRLEN];

	(void)state;
	h_open(&h, &nj_det_irc, roles);
	h_flow(&f, IPPROTO_TCP, "192.168.50.101", 50000, "203.0.113.7", 6667,
	    T0);
	irc_ev(&af, NJ_APP_DIR_ORIG);
	/* Recognised before any JOIN: it waits for the channel. */
	af.ev.nchannels = 0;
	h_app(&h, &f, &af, false);
	assert_int_equal(h.n, 0);
	af.ev.nchannels = 2;
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.got[0].kind, "outbound-irc");
	assert_int_equal(h.got[0].severity, NJ_SEV_MEDIUM);
	assert_string_equal(h_src(&h.got[0], b), "192.168.50.101");
	assert_int_equal(h.got[0].dport, 6667);
	assert_string_equal(h_str(&h.got[0], "nick"), "bot|42");
	assert_string_equal(h_str(&h.got[0], "server"), "irc.example.net");
	assert_true(h_bool(&h.got[0], "by_port"));
	assert_true(h_bool(&h.got[0], "by_protocol"));
	/* The channel joined twice is listed once. */
	ch = h_field(&h.got[0], "channels");
	assert_non_null(ch);
	assert_string_equal(ch->s, "#k33p");
	/* A channel known at once: reported then, and not again at the end. */
	h_flow(&f, IPPROTO_TCP, "192.168.50.103", 50000, "203.0.113.7", 6667,
	    T0);
	h_app(&h, &f, &af, false);
	assert_int_equal(h.n, 2);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 2);
	h_close(&h);
}

/* Picked up mid-stream with the server as "orig": the client is resp. */
static void
irc_midstream_client_from_content(void **state)
{
	struct harness h;
	struct nj_flow f;
	struct nj_app_flow af;
	char b[NJ_ADDRSTRLEN];

	(void)state;
	h_open(&h, &nj_det_irc, roles);
	h_flow(&f, IPPROTO_TCP, "203.0.113.7", 443, "192.168.50.101", 50000,
	    T0);
	f.initiator_inferred = true;
	irc_ev(&af, NJ_APP_DIR_RESP);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 1);
	assert_string_equal(h_src(&h.got[0], b), "192.168.50.101");
	assert_int_equal(h.got[0].sport, 50000);
	assert_int_equal(h.got[0].dport, 443);
	assert_false(h_bool(&h.got[0], "by_port"));
	/* The same flow with the outside host as the client: not outbound. */
	irc_ev(&af, NJ_APP_DIR_ORIG);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 1);
	h_close(&h);
}

/* The no_egress web server speaking IRC is high. */
static void
irc_server_high(void **state)
{
	struct harness h;
	struct nj_flow f;
	struct nj_app_flow af;

	(void)state;
	h_open(&h, &nj_det_irc, roles);
	h_flow(&f, IPPROTO_TCP, "192.0.2.80", 50000, "203.0.113.7", 7000, T0);
	irc_ev(&af, NJ_APP_DIR_ORIG);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.got[0].severity, NJ_SEV_HIGH);
	assert_true(h_bool(&h.got[0], "server_role"));
	h_close(&h);
}

/*
 * A workstation contacted from outside 10 minutes before its IRC is
 * high, with the contact as evidence; 2 hours before, medium.
 */
static void
irc_after_inbound(void **state)
{
	struct harness h;
	struct nj_flow in, f;
	struct nj_app_flow af;
	struct nj_packet p;

	(void)state;
	memset(&p, 0, sizeof(p));
	h_open(&h, &nj_det_irc, roles);
	h_flow(&in, IPPROTO_TCP, "198.51.100.9", 40000, "192.168.50.102", 80,
	    T0);
	in.pkts[0] = 1;
	in.pkts[1] = 1;
	h.det->packet(h.st, &h.s, &p, &in, 1);
	h_flow(&f, IPPROTO_TCP, "192.168.50.102", 50000, "203.0.113.7", 6667,
	    T0 + NJ_SEC(600));
	irc_ev(&af, NJ_APP_DIR_ORIG);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.got[0].severity, NJ_SEV_HIGH);
	assert_string_equal(h_str(&h.got[0], "inbound_from"), "198.51.100.9");
	f.first = T0 + NJ_SEC(7200);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 2);
	assert_int_equal(h.got[1].severity, NJ_SEV_MEDIUM);
	assert_null(h_field(&h.got[1], "inbound_from"));
	h_close(&h);
}

/* The port alone: low on 6667 with nothing recognised, none on 443. */
static void
irc_port_only(void **state)
{
	struct harness h;
	struct nj_flow f;

	(void)state;
	h_open(&h, &nj_det_irc, roles);
	h_flow(&f, IPPROTO_TCP, "192.168.50.101", 50000, "203.0.113.7", 6667,
	    T0);
	f.state = NJ_FLOW_ATTEMPTED;
	h.det->flow_end(h.st, &h.s, &f);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.got[0].severity, NJ_SEV_LOW);
	assert_false(h_bool(&h.got[0], "by_protocol"));
	assert_true(h_bool(&h.got[0], "by_port"));
	f.resp_port = 443;
	h.det->flow_end(h.st, &h.s, &f);
	/* Recognised as IRC: the app callback reported it already. */
	f.resp_port = 6697;
	f.app = NJ_FLOW_APP_IRC;
	h.det->flow_end(h.st, &h.s, &f);
	/* Local to local is not outbound. */
	h_flow(&f, IPPROTO_TCP, "192.168.50.101", 50000, "192.0.2.7", 6667,
	    T0);
	h.det->flow_end(h.st, &h.s, &f);
	assert_int_equal(h.n, 1);
	h_close(&h);
}

static void
smtp_ev(struct nj_app_flow *af)
{
	memset(af, 0, sizeof(*af));
	af->ev.proto = NJ_APP_SMTP;
	af->ev.client_known = true;
	af->ev.confirmed = true;
	snprintf(af->ev.helo, sizeof(af->ev.helo), "desktop-7q2k");
	snprintf(af->ev.mail_from, sizeof(af->ev.mail_from), "a@b.example");
	af->ev.mails = 1;
	af->ev.rcpts = 3;
}

/* A workstation sending mail out: medium; the relay doing it: nothing. */
static void
smtp_relay_and_workstation(void **state)
{
	struct harness h;
	struct nj_flow f;
	struct nj_app_flow af;
	const struct nj_alert_field *r;

	(void)state;
	h_open(&h, &nj_det_smtp, roles);
	smtp_ev(&af);
	h_flow(&f, IPPROTO_TCP, "192.0.2.25", 50000, "203.0.113.25", 25, T0);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 0);
	h_flow(&f, IPPROTO_TCP, "192.168.50.109", 50000, "203.0.113.25", 2525,
	    T0);
	h_app(&h, &f, &af, false);
	assert_int_equal(h.n, 0);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.got[0].kind, "outbound-smtp");
	assert_int_equal(h.got[0].severity, NJ_SEV_MEDIUM);
	assert_string_equal(h_str(&h.got[0], "helo"), "desktop-7q2k");
	assert_string_equal(h_str(&h.got[0], "mail_from"), "a@b.example");
	assert_false(h_bool(&h.got[0], "by_port"));
	r = h_field(&h.got[0], "rcpts");
	assert_non_null(r);
	assert_int_equal(r->v.u, 3);
	/* Mail to a local server is not outbound. */
	h_flow(&f, IPPROTO_TCP, "192.168.50.109", 50000, "192.0.2.25", 25, T0);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 1);
	h_close(&h);
}

/* Without mail_relays every local client is reported, low. */
static void
smtp_no_relays_low(void **state)
{
	struct harness h;
	struct nj_flow f;
	struct nj_app_flow af;

	(void)state;
	h_open(&h, &nj_det_smtp, H_SITE);
	smtp_ev(&af);
	h_flow(&f, IPPROTO_TCP, "192.0.2.25", 50000, "203.0.113.25", 25, T0);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.got[0].severity, NJ_SEV_LOW);
	assert_false(h_bool(&h.got[0], "relays_configured"));
	h_close(&h);
}

static void
noeg_send(struct harness *h, struct nj_flow *f, uint8_t icmp_type)
{
	struct nj_packet p;

	memset(&p, 0, sizeof(p));
	p.ts = f->first;
	p.icmp_type = icmp_type;
	f->pkts[0]++;
	h->det->packet(h->st, &h->s, &p, f, 0);
}

/* The web server opening anything outward is high, once per flow. */
static void
no_egress(void **state)
{
	struct harness h;
	struct nj_flow f;

	(void)state;
	h_open(&h, &nj_det_no_egress, roles);
	h_flow(&f, IPPROTO_TCP, "192.0.2.80", 50000, "203.0.113.9", 80, T0);
	noeg_send(&h, &f, 0);
	noeg_send(&h, &f, 0);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.got[0].kind, "no-egress");
	assert_int_equal(h.got[0].severity, NJ_SEV_HIGH);
	assert_int_equal(h.got[0].dport, 80);
	/* Allowed: NTP anywhere, the listed resolver, local hosts. */
	h_flow(&f, IPPROTO_UDP, "192.0.2.80", 123, "203.0.113.9", 123, T0);
	noeg_send(&h, &f, 0);
	h_flow(&f, IPPROTO_UDP, "192.0.2.80", 5353, "198.51.100.53", 53, T0);
	noeg_send(&h, &f, 0);
	h_flow(&f, IPPROTO_TCP, "192.0.2.80", 5353, "192.168.50.2", 53, T0);
	noeg_send(&h, &f, 0);
	/* Another host, and ICMP that is not an echo request. */
	h_flow(&f, IPPROTO_TCP, "192.168.50.101", 50000, "203.0.113.9", 80,
	    T0);
	noeg_send(&h, &f, 0);
	h_flow(&f, IPPROTO_ICMP, "192.0.2.80", 0, "203.0.113.9", 0, T0);
	noeg_send(&h, &f, 0);
	assert_int_equal(h.n, 1);
	h_flow(&f, IPPROTO_ICMP, "192.0.2.80", 0, "203.0.113.9", 0, T0);
	noeg_send(&h, &f, 8);
	assert_int_equal(h.n, 2);
	assert_int_equal(h.got[1].dport, 0);
	h_close(&h);
}

static void
ssh_ev(struct nj_app_flow *af)
{
	memset(af, 0, sizeof(*af));
	af->ev.proto = NJ_APP_SSH;
	af->ev.confirmed = true;
	snprintf(af->ev.client_sw, sizeof(af->ev.client_sw), "OpenSSH_9.6");
	snprintf(af->ev.server_sw, sizeof(af->ev.server_sw), "OpenSSH_7.9p1");
}

/* Workstation to workstation: medium, established; the admin: nothing. */
static void
lateral_ssh(void **state)
{
	struct harness h;
	struct nj_flow f;
	struct nj_app_flow af;

	(void)state;
	h_open(&h, &nj_det_lateral_ssh, roles);
	ssh_ev(&af);
	h_flow(&f, IPPROTO_TCP, "192.168.50.10", 50000, "192.168.50.111", 22,
	    T0);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 0);
	h_flow(&f, IPPROTO_TCP, "192.168.50.102", 50000, "192.168.50.111",
	    2222, T0);
	h_app(&h, &f, &af, false);
	assert_int_equal(h.n, 0);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.got[0].kind, "lateral-ssh");
	assert_int_equal(h.got[0].severity, NJ_SEV_MEDIUM);
	assert_true(h_bool(&h.got[0], "established"));
	assert_string_equal(h_str(&h.got[0], "banner"), "OpenSSH_7.9p1");
	/* To the outside: not lateral. */
	h_flow(&f, IPPROTO_TCP, "192.168.50.102", 50000, "203.0.113.9", 22,
	    T0);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 1);
	/* A refused attempt on 22, reported when the flow ends. */
	h_flow(&f, IPPROTO_TCP, "192.168.50.102", 50000, "192.168.50.113", 22,
	    T0);
	f.state = NJ_FLOW_REJECTED;
	h.det->flow_end(h.st, &h.s, &f);
	assert_int_equal(h.n, 2);
	assert_false(h_bool(&h.got[1], "established"));
	assert_string_equal(h_str(&h.got[1], "state"), "rejected");
	/* Recognised as SSH: already reported by the app callback. */
	f.app = NJ_FLOW_APP_SSH;
	h.det->flow_end(h.st, &h.s, &f);
	assert_int_equal(h.n, 2);
	h_close(&h);
}

/* Without admin hosts in the policy, the same is low. */
static void
lateral_ssh_no_admins(void **state)
{
	struct harness h;
	struct nj_flow f;
	struct nj_app_flow af;

	(void)state;
	h_open(&h, &nj_det_lateral_ssh, H_SITE);
	ssh_ev(&af);
	h_flow(&f, IPPROTO_TCP, "192.168.50.10", 50000, "192.168.50.111", 22,
	    T0);
	h_app(&h, &f, &af, true);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.got[0].severity, NJ_SEV_LOW);
	h_close(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(irc_workstation),
		cmocka_unit_test(irc_midstream_client_from_content),
		cmocka_unit_test(irc_server_high),
		cmocka_unit_test(irc_after_inbound),
		cmocka_unit_test(irc_port_only),
		cmocka_unit_test(smtp_relay_and_workstation),
		cmocka_unit_test(smtp_no_relays_low),
		cmocka_unit_test(no_egress),
		cmocka_unit_test(lateral_ssh),
		cmocka_unit_test(lateral_ssh_no_admins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
