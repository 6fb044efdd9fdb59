/* test_app.c - recognisers on hand-built conversations: verdicts, evidence,
 * split and truncation sweeps, mid-stream pickup, negatives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tests/app/conv.h"

static size_t
conv_len(const struct conv *cv)
{
	size_t i, n = 0;

	for (i = 0; i < cv->n; i++)
		n += strlen(cv->msgs[i].bytes);
	return n;
}

static size_t
longest_msg(const struct conv *cv)
{
	size_t i, n = 0;

	for (i = 0; i < cv->n; i++)
		if (strlen(cv->msgs[i].bytes) > n)
			n = strlen(cv->msgs[i].bytes);
	return n;
}

/*
 * Every message cut at every offset must give the same verdict and the
 * same evidence as the uncut conversation.
 */
static void
split_sweep(const struct conv *cv, enum nj_app_proto want,
    const struct nj_app_evidence *ref)
{
	struct nj_app_state st;
	struct nj_app_evidence ev;
	size_t k;

	for (k = 0; k <= longest_msg(cv); k++) {
		assert_int_equal(conv_run(cv, k, SIZE_MAX, &st, &ev), want);
		assert_memory_equal(&ev, ref, offsetof(struct nj_app_evidence,
		    scratch));
	}
}

/* A prefix of a conversation never yields another protocol. */
static void
truncation_sweep(const struct conv *cv, enum nj_app_proto want)
{
	struct nj_app_state st;
	struct nj_app_evidence ev;
	size_t l;
	enum nj_app_proto r;

	for (l = 0; l <= conv_len(cv); l++) {
		r = conv_run(cv, SIZE_MAX, l, &st, &ev);
		if (r != NJ_APP_PENDING)
			assert_int_equal(r, want);
	}
}

static enum nj_app_proto
whole(const struct conv *cv, struct nj_app_evidence *ev)
{
	struct nj_app_state st;
	enum nj_app_proto r;

	r = conv_run(cv, SIZE_MAX, SIZE_MAX, &st, ev);
	split_sweep(cv, r, ev);
	truncation_sweep(cv, r);
	return r;
}

static void
test_irc(void **unused)
{
	struct nj_app_evidence ev;

	(void)unused;
	assert_int_equal(whole(&conv_irc, &ev), NJ_APP_IRC);
	assert_string_equal(ev.nick, "Wiz");
	assert_string_equal(ev.user, "guest");
	assert_string_equal(ev.server, "irc.example.net");
	assert_int_equal(ev.nchannels, 2);
	assert_string_equal(ev.channels[0], "#twilight_zone");
	assert_string_equal(ev.channels[1], "#sun");
	assert_true(ev.confirmed);
	assert_true(ev.client_known);
	assert_int_equal(ev.client_dir, NJ_APP_DIR_ORIG);
}

static void
test_irc_midstream(void **unused)
{
	struct nj_app_evidence ev;

	(void)unused;
	assert_int_equal(whole(&conv_irc_midstream, &ev), NJ_APP_IRC);
	/* The responder sent the bare commands: it is the real client. */
	assert_true(ev.client_known);
	assert_int_equal(ev.client_dir, NJ_APP_DIR_RESP);
	assert_string_equal(ev.nick, "Angelfan");
	assert_int_equal(ev.nchannels, 1);
	assert_string_equal(ev.channels[0], "#other");
	assert_true(ev.confirmed);
	/* No welcome seen: the first numeric's prefix names the server. */
	assert_string_equal(ev.server, "irc.example.net");
}

static void
test_smtp(void **unused)
{
	struct nj_app_evidence ev;

	(void)unused;
	assert_int_equal(whole(&conv_smtp, &ev), NJ_APP_SMTP);
	assert_string_equal(ev.helo, "bar.com");
	assert_string_equal(ev.mail_from, "Smith@bar.com");
	/* The MAIL and RCPT lines inside DATA are message text. */
	assert_int_equal(ev.mails, 1);
	assert_int_equal(ev.rcpts, 3);
	assert_int_equal(ev.refused, 1);
	assert_int_equal(ev.attempts, 2);
	assert_int_equal(ev.failures, 1);
	assert_int_equal(ev.successes, 1);
	/* Last user tried: PLAIN's authcid; passwords are not kept. */
	assert_string_equal(ev.user, "jones");
	assert_null(memmem(&ev, sizeof(ev), "hunter2", 7));
	assert_true(ev.confirmed);
	assert_int_equal(ev.client_dir, NJ_APP_DIR_ORIG);
}

static void
test_pop3(void **unused)
{
	struct nj_app_evidence ev;

	(void)unused;
	assert_int_equal(whole(&conv_pop3, &ev), NJ_APP_POP3);
	assert_string_equal(ev.user, "admin");
	assert_int_equal(ev.attempts, 2);
	assert_int_equal(ev.failures, 1);
	assert_int_equal(ev.successes, 1);
	assert_true(ev.confirmed);
	assert_null(memmem(&ev, sizeof(ev), "tanstaaf", 8));
}

static void
test_imap(void **unused)
{
	struct nj_app_evidence ev;

	(void)unused;
	assert_int_equal(whole(&conv_imap, &ev), NJ_APP_IMAP);
	assert_string_equal(ev.user, "smith");
	assert_int_equal(ev.attempts, 2);
	assert_int_equal(ev.failures, 1);
	assert_int_equal(ev.successes, 1);
	assert_true(ev.confirmed);
	assert_null(memmem(&ev, sizeof(ev), "sesame", 6));
}

static void
test_ssh(void **unused)
{
	struct nj_app_evidence ev;
	struct nj_app_state st;

	(void)unused;
	assert_int_equal(whole(&conv_ssh, &ev), NJ_APP_SSH);
	assert_string_equal(ev.client_sw, "libssh_0.9.6");
	assert_string_equal(ev.server_sw, "OpenSSH_9.6p1");
	assert_int_equal(ev.attempts, 1);
	assert_true(ev.confirmed);
	conv_run(&conv_ssh, SIZE_MAX, SIZE_MAX, &st, &ev);
	assert_true(nj_app_done(&st));
}

static void
test_irc_cap(void **unused)
{
	struct nj_app_evidence ev;

	(void)unused;
	assert_int_equal(whole(&conv_irc_cap, &ev), NJ_APP_IRC);
	assert_string_equal(ev.nick, "jdoe");
	assert_string_equal(ev.user, "jdoe");
	assert_string_equal(ev.server, "irc.libera.chat");
	assert_int_equal(ev.client_dir, NJ_APP_DIR_ORIG);
	/* A server password is no login attempt, and is not kept. */
	assert_int_equal(ev.attempts, 0);
	assert_null(memmem(&ev, sizeof(ev), "hunter2", 7));
}

/* Short sessions that end after one login exchange: one attempt each. */
static void
test_login_attempts(void **unused)
{
	struct nj_app_evidence ev;

	(void)unused;
	assert_int_equal(whole(&conv_smtp_guess, &ev), NJ_APP_SMTP);
	assert_string_equal(ev.user, "admin");
	assert_string_equal(ev.helo, "scanner");
	assert_int_equal(ev.attempts, 1);
	assert_int_equal(ev.failures, 1);
	assert_int_equal(ev.successes, 0);

	assert_int_equal(whole(&conv_pop3_apop, &ev), NJ_APP_POP3);
	assert_string_equal(ev.user, "mrose");
	assert_int_equal(ev.attempts, 1);
	assert_int_equal(ev.successes, 1);

	assert_int_equal(whole(&conv_pop3_sasl, &ev), NJ_APP_POP3);
	assert_string_equal(ev.user, "admin");
	assert_int_equal(ev.attempts, 2);
	assert_int_equal(ev.failures, 2);
	assert_null(memmem(&ev, sizeof(ev), "hunter2", 7));

	assert_int_equal(whole(&conv_imap_auth, &ev), NJ_APP_IMAP);
	assert_string_equal(ev.user, "bob");
	assert_null(memmem(&ev, sizeof(ev), "pw", 3));
	assert_int_equal(ev.attempts, 1);
	assert_int_equal(ev.failures, 1);

	/* Connect, read the greeting, leave: still the protocol. */
	assert_int_equal(whole(&conv_pop3_greeting, &ev), NJ_APP_POP3);
	assert_int_equal(ev.attempts, 0);
	assert_int_equal(whole(&conv_imap_greeting, &ev), NJ_APP_IMAP);
	assert_true(ev.confirmed);

	assert_int_equal(whole(&conv_ssh_text, &ev), NJ_APP_SSH);
	assert_string_equal(ev.server_sw, "dropbear_2022.83");
	assert_string_equal(ev.client_sw, "Go");
	assert_int_equal(ev.attempts, 1);
}

static void
test_negatives(void **unused)
{
	struct nj_app_evidence ev;
	struct nj_app_state st;

	(void)unused;
	assert_int_equal(whole(&conv_http_6667, &ev), NJ_APP_NONE);
	assert_int_equal(whole(&conv_http_6667_inferred, &ev), NJ_APP_NONE);
	assert_int_equal(whole(&conv_http_post_smtp, &ev), NJ_APP_NONE);
	conv_run(&conv_http_post_smtp, SIZE_MAX, SIZE_MAX, &st, &ev);
	assert_int_equal(nj_app_verdict_of(&st, NJ_APP_SMTP), NJ_APP_NO);
	assert_true(nj_app_done(&st));
	assert_int_not_equal(whole(&conv_ftp, &ev), NJ_APP_SMTP);
	assert_int_equal(whole(&conv_redis, &ev), NJ_APP_NONE);
}

/* Undecided flows stop being read after the classification budget. */
static void
test_budget(void **unused)
{
	struct nj_app_evidence ev;
	struct nj_app_state st;
	uint8_t junk[NJ_APP_CLASSIFY_BYTES + 100];
	size_t i;

	(void)unused;
	/* Server text before an SSH identification keeps SSH open. */
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = 'a';
	nj_app_init(&st, &ev, 0);
	assert_int_equal(nj_app_feed(&st, &ev, 1, junk, sizeof(junk)),
	    NJ_APP_NONE);
	assert_true(nj_app_done(&st));
	assert_int_equal(nj_app_verdict_of(&st, NJ_APP_IRC), NJ_APP_NO);

	/* A recognised flow is followed for NJ_APP_FOLLOW_BYTES, no more. */
	assert_int_equal(conv_run(&conv_pop3_greeting, SIZE_MAX, SIZE_MAX, &st,
	    &ev), NJ_APP_POP3);
	for (i = 0; i * sizeof(junk) < NJ_APP_FOLLOW_BYTES; i++) {
		assert_false(nj_app_done(&st));
		assert_int_equal(nj_app_feed(&st, &ev, 0, junk, sizeof(junk)),
		    NJ_APP_POP3);
	}
	assert_true(nj_app_done(&st));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_irc),
		cmocka_unit_test(test_irc_midstream),
		cmocka_unit_test(test_smtp),
		cmocka_unit_test(test_pop3),
		cmocka_unit_test(test_imap),
		cmocka_unit_test(test_ssh),
		cmocka_unit_test(test_irc_cap),
		cmocka_unit_test(test_login_attempts),
		cmocka_unit_test(test_negatives),
		cmocka_unit_test(test_budget),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
