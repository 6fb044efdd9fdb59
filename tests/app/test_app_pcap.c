/*
 * test_app_pcap.c - the recognisers on real captures (../shared/pcaps/irc
 * and smtp): TCP payload reassembled per flow and direction, compared with
 * the facts the Zeek baselines and Arkime tests state.
 * Frames are decoded by nj_decode (decoders/packet.h).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "decoders/app.h"
#include "decoders/cursor.h"
#include "decoders/packet.h"

#define IPPROTO_TCP_NUM 6
#define TCP_SYN NJ_TH_SYN
#define TCP_ACK NJ_TH_ACK
#define MAX_FLOWS 256
#define SKIP 77

struct seg {
	uint8_t addr[2][16];	/* src, dst */
	uint16_t port[2];
	uint32_t seq;
	uint8_t flags;
	struct nj_cursor payload;
};

struct flow {
	uint8_t addr[2][16];	/* initiator, responder */
	uint16_t port[2];
	bool inferred;
	bool have_next[2];
	uint32_t next[2];	/* next expected sequence number per direction */
	struct nj_app_state st;
	struct nj_app_evidence ev;
};

struct capture {
	struct flow flows[MAX_FLOWS];
	size_t n;
};

static const char *shared;

/* One frame through nj_decode: a TCP segment with its payload, or false. */
static bool
walk(int dlt, const struct pcap_pkthdr *h, const uint8_t *p, struct seg *s)
{
	struct nj_packet pkt;
	enum nj_decode_status st;

	st = nj_decode(dlt, p, h->caplen, h->len, &pkt, NULL);
	if (st != NJ_DECODE_OK || !pkt.l4 || pkt.proto != IPPROTO_TCP_NUM ||
	    pkt.frag_later)
		return false;
	memset(s->addr, 0, sizeof(s->addr));
	memcpy(s->addr[0], pkt.src.a, sizeof(s->addr[0]));
	memcpy(s->addr[1], pkt.dst.a, sizeof(s->addr[1]));
	s->port[0] = pkt.sport;
	s->port[1] = pkt.dport;
	s->seq = pkt.tcp_seq;
	s->flags = pkt.tcp_flags;
	nj_cur_init(&s->payload, pkt.payload, pkt.payload_len);
	return true;
}

static struct flow *
lookup(struct capture *cap, const struct seg *s, unsigned *dir)
{
	struct flow *f;
	size_t i;
	unsigned d;

	for (i = 0; i < cap->n; i++) {
		f = &cap->flows[i];
		for (d = 0; d < 2; d++)
			if (memcmp(f->addr[0], s->addr[d], 16) == 0 &&
			    memcmp(f->addr[1], s->addr[!d], 16) == 0 &&
			    f->port[0] == s->port[d] && f->port[1] == s->port[!d]) {
				*dir = d;
				return f;
			}
	}
	if (cap->n == MAX_FLOWS)
		return NULL;
	f = &cap->flows[cap->n++];
	memset(f, 0, sizeof(*f));
	/* A SYN-ACK names its receiver as the initiator. */
	d = (s->flags & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK);
	memcpy(f->addr[0], s->addr[d], 16);
	memcpy(f->addr[1], s->addr[!d], 16);
	f->port[0] = s->port[d];
	f->port[1] = s->port[!d];
	f->inferred = !(s->flags & TCP_SYN);
	nj_app_init(&f->st, &f->ev, f->inferred ? NJ_APP_INFERRED : 0);
	*dir = d;
	return f;
}

/* In capture order; bytes already fed (retransmissions) are dropped. */
static void
deliver(struct flow *f, unsigned dir, const struct seg *s)
{
	const uint8_t *p = nj_cur_ptr(&s->payload);
	size_t n = nj_cur_left(&s->payload);
	uint32_t seq = s->seq + ((s->flags & TCP_SYN) ? 1 : 0);

	if (!f->have_next[dir]) {
		f->have_next[dir] = true;
		f->next[dir] = seq;
	}
	if (n == 0)
		return;
	if ((int32_t)(seq - f->next[dir]) < 0) {
		uint32_t dup = f->next[dir] - seq;

		if (dup >= n)
			return;
		p += dup;
		n -= dup;
		seq += dup;
	}
	nj_app_feed(&f->st, &f->ev, dir, p, n);
	f->next[dir] = seq + (uint32_t)n;
}

/*
 * Reads a capture; the first skip packets that carry payload, and all
 * before them, are ignored, so the flow is picked up mid-stream.
 */
static int
read_capture(const char *path, struct capture *cap, unsigned skip)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *p;
	struct seg s;
	struct flow *f;
	unsigned dir;
	pcap_t *pc;
	int dlt;
	bool skipping = skip > 0;

	cap->n = 0;
	pc = pcap_open_offline(path, err);
	if (pc == NULL)
		return -1;
	dlt = pcap_datalink(pc);
	while (pcap_next_ex(pc, &h, &p) == 1) {
		if (!walk(dlt, h, p, &s))
			continue;
		if (skipping) {
			/* Start at the first payload after the skipped ones. */
			if (nj_cur_left(&s.payload) == 0)
				continue;
			if (skip > 0) {
				skip--;
				continue;
			}
			skipping = false;
		}
		f = lookup(cap, &s, &dir);
		if (f != NULL)
			deliver(f, dir, &s);
	}
	pcap_close(pc);
	return 0;
}

/* The first flow the recognisers tagged with proto, or NULL. */
static const struct flow *
find(const struct capture *cap, enum nj_app_proto proto)
{
	size_t i;

	for (i = 0; i < cap->n; i++)
		if (cap->flows[i].ev.proto == proto)
			return &cap->flows[i];
	return NULL;
}

/* The flow tagged proto whose responder port or initiator port is port. */
static const struct flow *
find_port(const struct capture *cap, enum nj_app_proto proto, uint16_t port)
{
	size_t i;

	for (i = 0; i < cap->n; i++)
		if (cap->flows[i].ev.proto == proto &&
		    (cap->flows[i].port[1] == port ||
		    cap->flows[i].port[0] == port))
			return &cap->flows[i];
	return NULL;
}

static size_t
count(const struct capture *cap, enum nj_app_proto proto)
{
	size_t i, n = 0;

	for (i = 0; i < cap->n; i++)
		n += cap->flows[i].ev.proto == proto;
	return n;
}

static struct capture *
load_from(const char *dir, const char *file, unsigned skip)
{
	static struct capture cap;
	char path[1024];

	snprintf(path, sizeof(path), "%s/pcaps/%s/%s", shared, dir, file);
	assert_int_equal(read_capture(path, &cap, skip), 0);
	return &cap;
}

static struct capture *
load(const char *dir, const char *file)
{
	return load_from(dir, file, 0);
}

static bool
has_channel(const struct nj_app_evidence *ev, const char *ch)
{
	unsigned i;

	for (i = 0; i < ev->nchannels; i++)
		if (strcmp(ev->channels[i], ch) == 0)
			return true;
	return false;
}

/* zeek Baseline irc.basic/irc.log: nick tim2, user tim, JOIN #testing. */
static void
test_zeek_irc_basic(void **unused)
{
	const struct flow *f;

	(void)unused;
	f = find(load("irc", "zeek__testing__btest__Traces__irc-dcc-send.pcapng"),
	    NJ_APP_IRC);
	assert_non_null(f);
	assert_string_equal(f->ev.nick, "tim2");
	assert_string_equal(f->ev.user, "tim");
	assert_true(has_channel(&f->ev, "#testing"));
	assert_int_equal(f->ev.client_dir, NJ_APP_DIR_ORIG);
}

/* arkime irc-cap-req.test: IRC on port 80, nick and channel THE-USER. */
static void
test_arkime_irc_cap_req(void **unused)
{
	const struct flow *f;

	(void)unused;
	f = find(load("irc", "arkime__tests__pcap__irc-cap-req.pcap"),
	    NJ_APP_IRC);
	assert_non_null(f);
	assert_int_equal(f->port[1], 80);
	assert_string_equal(f->ev.nick, "THE-USER");
	assert_true(has_channel(&f->ev, "#THE-USER"));
}

/*
 * zeek irc-basic picked up mid-stream: the first five payload segments
 * (greeting, USER, NICK) are dropped, so the flow starts with the server's
 * MOTD, cut mid-line, and the server is taken for the initiator. The
 * commands still name the real client (port 49170), which then JOINs
 * #brotest.
 */
static void
test_zeek_irc_midstream(void **unused)
{
	const struct flow *f;

	(void)unused;
	f = find(load_from("irc", "zeek__testing__btest__Traces__irc-basic.pcap",
	    5), NJ_APP_IRC);
	assert_non_null(f);
	assert_true(f->inferred);
	assert_int_equal(f->port[0], 6667);
	assert_true(f->ev.client_known);
	assert_int_equal(f->ev.client_dir, NJ_APP_DIR_RESP);
	assert_int_equal(f->port[1], 49170);
	assert_true(has_channel(&f->ev, "#brotest"));
}

/* HTTP on the IRC port, picked up without its SYN: not IRC. */
static void
test_zeek_http_on_irc_port(void **unused)
{
	struct capture *cap;

	(void)unused;
	cap = load("irc",
	    "zeek__testing__btest__Traces__tcp__http-on-irc-port-missing-syn.pcapng");
	assert_true(cap->n > 0);
	assert_null(find(cap, NJ_APP_IRC));
}

/* zeek Baseline smtp.one-side: helo enzo.icir.org, from robin@icir.org. */
static void
test_zeek_smtp_one_side(void **unused)
{
	const struct flow *f;

	(void)unused;
	f = find(load("smtp", "zeek__testing__btest__Traces__smtp-one-side-only.pcap"),
	    NJ_APP_SMTP);
	assert_non_null(f);
	assert_string_equal(f->ev.helo, "enzo.icir.org");
	assert_string_equal(f->ev.mail_from, "robin@icir.org");
	assert_int_equal(f->ev.rcpts, 2);
}

/* zeek Baseline smtp.attachment-msg (IPv6 loopback). */
static void
test_zeek_smtp_attachment(void **unused)
{
	const struct flow *f;

	(void)unused;
	f = find(load("smtp", "zeek__testing__btest__Traces__smtp-attachment-msg.pcap"),
	    NJ_APP_SMTP);
	assert_non_null(f);
	assert_string_equal(f->ev.helo, "localhost.localdomain");
	assert_string_equal(f->ev.mail_from, "sender@example.com");
	assert_int_equal(f->ev.rcpts, 1);
}

/* zeek Baseline smtp.mail-transactions-invalid: helo Bob-PC, bob@... */
static void
test_zeek_smtp_transactions(void **unused)
{
	const struct flow *f;

	(void)unused;
	f = find(load("smtp",
	    "zeek__testing__btest__Traces__smtp-mail-transactions-invalid.pcap"),
	    NJ_APP_SMTP);
	assert_non_null(f);
	assert_string_equal(f->ev.helo, "Bob-PC");
	assert_string_equal(f->ev.mail_from, "bob@example.org");
}

/* zeek Baseline smtp.starttls: helo openssl.client.net, then TLS. */
static void
test_zeek_smtp_starttls(void **unused)
{
	const struct flow *f;

	(void)unused;
	f = find(load("smtp", "zeek__testing__btest__Traces__tls__smtp-starttls.pcap"),
	    NJ_APP_SMTP);
	assert_non_null(f);
	assert_string_equal(f->ev.helo, "openssl.client.net");
	assert_true(f->ev.starttls);
	assert_true(nj_app_done(&f->st));
}

/* arkime smtp-nospaces.test: email.src random@example.com (no <>). */
static void
test_arkime_smtp_nospaces(void **unused)
{
	const struct flow *f;

	(void)unused;
	f = find(load("smtp", "arkime__tests__pcap__smtp-nospaces.pcap"),
	    NJ_APP_SMTP);
	assert_non_null(f);
	assert_string_equal(f->ev.mail_from, "random@example.com");
	assert_int_equal(f->ev.rcpts, 1);
}

/*
 * arkime smtp-rcpt-553.test: port 587, smtpHello localhost, email.src
 * 12345678@aol.com; the recipient is refused with 553.
 */
static void
test_arkime_smtp_rcpt_553(void **unused)
{
	const struct flow *f;

	(void)unused;
	f = find(load("smtp", "arkime__tests__pcap__smtp-rcpt-553.pcap"),
	    NJ_APP_SMTP);
	assert_non_null(f);
	assert_int_equal(f->port[1], 587);
	assert_string_equal(f->ev.helo, "localhost");
	assert_string_equal(f->ev.mail_from, "12345678@aol.com");
	assert_int_equal(f->ev.refused, 1);
	assert_true(f->ev.confirmed);
}

/*
 * nDPI result pop3.pcap.out: six POP3 flows; the one from port 35287
 * logs in as cicciopernacchio@mail.com with a clear-text password.
 */
static void
test_ndpi_pop3(void **unused)
{
	struct capture *cap;
	const struct flow *f;

	(void)unused;
	cap = load("mixed-real", "nDPI__tests__cfgs__default__pcap__pop3.pcap");
	assert_int_equal(count(cap, NJ_APP_POP3), 6);
	f = find_port(cap, NJ_APP_POP3, 35287);
	assert_non_null(f);
	assert_string_equal(f->ev.user, "cicciopernacchio@mail.com");
	assert_true(f->ev.attempts >= 1);
	assert_null(memmem(&f->ev, sizeof(f->ev), "pippozzo", 8));
}

/*
 * nDPI ssh.pcap (result ssh.pcap.out names the four identification
 * strings; tshark -d tcp.port==8000,ssh says which side sent which): on
 * 22 the client sends SSH-2.0-OpenSSH_5.6, the server SSH-2.0-OpenSSH_5.3;
 * on 8000 OpenSSH_8.2p1 talks to APACHE-SSHD-2.5.0.
 */
static void
test_ndpi_ssh(void **unused)
{
	struct capture *cap;
	const struct flow *f;

	(void)unused;
	cap = load("mixed-real", "nDPI__tests__cfgs__default__pcap__ssh.pcap");
	f = find_port(cap, NJ_APP_SSH, 22);
	assert_non_null(f);
	assert_string_equal(f->ev.client_sw, "OpenSSH_5.6");
	assert_string_equal(f->ev.server_sw, "OpenSSH_5.3");
	assert_int_equal(f->ev.attempts, 1);
	f = find_port(cap, NJ_APP_SSH, 8000);
	assert_non_null(f);
	assert_string_equal(f->ev.client_sw, "OpenSSH_8.2p1");
	assert_string_equal(f->ev.server_sw, "APACHE-SSHD-2.5.0");
}

/* Every SMTP capture named after SMTP holds at least one SMTP flow. */
static void
test_all_smtp(void **unused)
{
	struct capture *cap;
	struct dirent *de;
	char path[1024];
	DIR *d;
	size_t files = 0, missed = 0;

	(void)unused;
	snprintf(path, sizeof(path), "%s/pcaps/smtp", shared);
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		/*
		 * smtps is TLS from the first byte; socks5 and HTTP CONNECT
		 * wrap SMTP after another protocol; smtp-quit holds a lone
		 * QUIT, which FTP, POP3 and IMAP clients send too; in
		 * smtp-tls-protodetect the client speaks TLS (suricata:
		 * app_proto tls).
		 */
		if (strstr(de->d_name, "smtp-quit") != NULL ||
		    strstr(de->d_name, "tls-protodetect") != NULL ||
		    strstr(de->d_name, ".pcap") == NULL ||
		    strstr(de->d_name, ".out") != NULL ||
		    strstr(de->d_name, "smtps") != NULL ||
		    strstr(de->d_name, "socks5") != NULL ||
		    strstr(de->d_name, "connect-with-smtp") != NULL)
			continue;
		cap = load("smtp", de->d_name);
		if (find(cap, NJ_APP_SMTP) == NULL) {
			print_error("%s: no SMTP flow among %zu\n",
			    de->d_name, cap->n);
			missed++;
		}
		files++;
	}
	closedir(d);
	assert_int_equal(missed, 0);
	assert_true(files > 50);
}

/*
 * Every IRC capture holds an IRC flow, but the HTTP one and irc-353, whose
 * only payload is the five bytes "353 \r" from the client.
 */
static void
test_all_irc(void **unused)
{
	struct capture *cap;
	struct dirent *de;
	char path[1024];
	DIR *d;
	size_t missed = 0;

	(void)unused;
	snprintf(path, sizeof(path), "%s/pcaps/irc", shared);
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".pcap") == NULL ||
		    strstr(de->d_name, "http-on-irc") != NULL ||
		    strstr(de->d_name, "irc-353") != NULL)
			continue;
		cap = load("irc", de->d_name);
		if (find(cap, NJ_APP_IRC) == NULL) {
			print_error("%s: no IRC flow among %zu\n",
			    de->d_name, cap->n);
			missed++;
		}
	}
	closedir(d);
	assert_int_equal(missed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zeek_irc_basic),
		cmocka_unit_test(test_arkime_irc_cap_req),
		cmocka_unit_test(test_zeek_irc_midstream),
		cmocka_unit_test(test_zeek_http_on_irc_port),
		cmocka_unit_test(test_zeek_smtp_one_side),
		cmocka_unit_test(test_zeek_smtp_attachment),
		cmocka_unit_test(test_zeek_smtp_transactions),
		cmocka_unit_test(test_zeek_smtp_starttls),
		cmocka_unit_test(test_arkime_smtp_nospaces),
		cmocka_unit_test(test_arkime_smtp_rcpt_553),
		cmocka_unit_test(test_ndpi_pop3),
		cmocka_unit_test(test_ndpi_ssh),
		cmocka_unit_test(test_all_smtp),
		cmocka_unit_test(test_all_irc),
	};
	static char probe[1024];
	DIR *d;

	/* The environment wins over the build's default (ctest sets it). */
	shared = getenv("NJ_SHARED");
	if (shared == NULL)
		shared = getenv("NJ_SHARED_DEFAULT");
	if (shared == NULL)
		shared = "../shared";
	snprintf(probe, sizeof(probe), "%s/pcaps/irc", shared);
	if ((d = opendir(probe)) == NULL) {
		fprintf(stderr, "SKIP: %s absent (set NJ_SHARED)\n", probe);
		return SKIP;
	}
	closedir(d);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
