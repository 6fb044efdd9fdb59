/*
 * smtp.c - SMTP recogniser (RFC 5321; AUTH RFC 4954, STARTTLS RFC 3207):
 * banner, EHLO/HELO name, MAIL FROM, RCPT count, AUTH attempts, refusals.
 */
#include <string.h>

#include "decoders/app.h"

/* What the current line is (rs->kind[dir]). */
enum smtp_line {
	SMTP_L_NONE = 0,	/* no word yet */
	SMTP_L_REPLY,		/* a reply without special meaning */
	SMTP_L_BANNER,		/* 220: greeting, or go-ahead for TLS */
	SMTP_L_AUTH_OK,		/* 235 authentication succeeded */
	SMTP_L_AUTH_FAIL,	/* 535 authentication credentials invalid */
	SMTP_L_AUTH_MORE,	/* 334 server challenge */
	SMTP_L_GO_DATA,		/* 354 start mail input */
	SMTP_L_REFUSED,		/* 550-554: mailbox or transaction refused */
	SMTP_L_HELO,		/* EHLO/HELO <domain> */
	SMTP_L_MAIL,		/* MAIL FROM:<path> */
	SMTP_L_MAIL_SPACE,	/* MAIL FROM: <path> (path is the third word) */
	SMTP_L_RCPT,		/* RCPT TO:<path> */
	SMTP_L_DATA,		/* DATA */
	SMTP_L_BDAT,		/* BDAT <size>: binary chunks follow */
	SMTP_L_STARTTLS,	/* STARTTLS */
	SMTP_L_AUTH,		/* AUTH <other mechanism> */
	SMTP_L_AUTH_LOGIN,	/* AUTH LOGIN [initial user] */
	SMTP_L_AUTH_PLAIN,	/* AUTH PLAIN [initial response] */
	SMTP_L_STRONG,		/* VRFY, EXPN: SMTP only */
	SMTP_L_WEAK,		/* QUIT, RSET, NOOP, HELP: shared with FTP */
	SMTP_L_SASL,		/* a client AUTH continuation line */
	SMTP_L_BODY,		/* a message line after DATA */
	SMTP_L_MISS		/* not SMTP */
};

/* Protocol stage (rs->stage). */
enum smtp_stage {
	SMTP_S_COMMAND = 0,	/* client sends commands */
	SMTP_S_LOGIN_USER,	/* next client line: base64 user name */
	SMTP_S_LOGIN_PASS,	/* next client lines: password, never kept */
	SMTP_S_PLAIN,		/* next client line: base64 PLAIN response */
	SMTP_S_SASL,		/* other mechanisms: lines until the reply */
	SMTP_S_DATA_WAIT,	/* DATA sent, waiting for 354 */
	SMTP_S_DATA,		/* message lines until "." */
	SMTP_S_TLS_WAIT,	/* STARTTLS sent, waiting for 220 */
	SMTP_S_FINISHED = NJ_APP_RS_FINISHED
};

/* Facts seen (rs->bits). */
#define SMTP_B_BANNER 0x01	/* the server's first line was 220 */
#define SMTP_B_ESMTP  0x02	/* the banner names SMTP or ESMTP */
#define SMTP_B_HELO   0x04	/* EHLO/HELO sent */
#define SMTP_B_CMD    0x08	/* another command only SMTP has */
#define SMTP_B_REPLY  0x10	/* a reply line */
#define SMTP_B_FROM   0x20	/* mail_from holds the first sender */
#define SMTP_B_SRV0   0x40	/* direction 0 sent replies */
#define SMTP_B_SRV1   0x80	/* direction 1 sent replies */

#define SMTP_MAX_MISSES 3
#define SMTP_LAST_WORD  7	/* a banner names ESMTP early on */
#define SMTP_GREETING   220
#define SMTP_AUTH_OK    235
#define SMTP_CHALLENGE  334
#define SMTP_START_DATA 354
#define SMTP_AUTH_FAIL  535
#define SMTP_REFUSE_MIN 550
#define SMTP_REFUSE_MAX 554

static bool
in_auth(unsigned stage)
{
	return stage == SMTP_S_LOGIN_USER || stage == SMTP_S_LOGIN_PASS ||
	    stage == SMTP_S_PLAIN || stage == SMTP_S_SASL;
}

/* The client is the side that does not reply; by default the initiator. */
static unsigned
client_dir(const struct nj_app_rs *rs)
{
	if (rs->bits & SMTP_B_SRV0)
		return NJ_APP_DIR_RESP;
	return NJ_APP_DIR_ORIG;
}

static bool
is_client(const struct nj_app_rs *rs, const struct nj_app_tok *t)
{
	return t->dir == client_dir(rs);
}

static void
smtp_chunk(struct nj_app_rs *rs, const struct nj_app_tok *t, const uint8_t *p,
    size_t n, struct nj_app_evidence *ev)
{
	unsigned k = rs->kind[t->dir];
	char *sc = ev->scratch[t->dir];

	if (t->widx == 0 && is_client(rs, t) &&
	    (rs->stage == SMTP_S_LOGIN_USER || rs->stage == SMTP_S_PLAIN))
		nj_app_capture(sc, NJ_APP_SCRATCH_MAX, t->wlen, p, n);
	else if (t->widx == 1 && k == SMTP_L_HELO)
		nj_app_capture(ev->helo, sizeof(ev->helo), t->wlen, p, n);
	else if (t->widx == 1 && k == SMTP_L_MAIL &&
	    !(rs->bits & SMTP_B_FROM))
		nj_app_capture(ev->mail_from, sizeof(ev->mail_from), t->wlen,
		    p, n);
	else if (t->widx == 2 && k == SMTP_L_MAIL_SPACE &&
	    !(rs->bits & SMTP_B_FROM))
		nj_app_capture(ev->mail_from, sizeof(ev->mail_from), t->wlen,
		    p, n);
	else if (t->widx == 2 &&
	    (k == SMTP_L_AUTH_LOGIN || k == SMTP_L_AUTH_PLAIN))
		nj_app_capture(sc, NJ_APP_SCRATCH_MAX, t->wlen, p, n);
}

static unsigned
reply_kind(unsigned code)
{
	if (code == SMTP_GREETING)
		return SMTP_L_BANNER;
	if (code == SMTP_AUTH_OK)
		return SMTP_L_AUTH_OK;
	if (code == SMTP_AUTH_FAIL)
		return SMTP_L_AUTH_FAIL;
	if (code == SMTP_CHALLENGE)
		return SMTP_L_AUTH_MORE;
	if (code == SMTP_START_DATA)
		return SMTP_L_GO_DATA;
	if (code >= SMTP_REFUSE_MIN && code <= SMTP_REFUSE_MAX)
		return SMTP_L_REFUSED;
	return SMTP_L_REPLY;
}

static unsigned
first_word(const struct nj_app_rs *rs, const struct nj_app_tok *t)
{
	unsigned code;

	if (is_client(rs, t) && rs->stage == SMTP_S_DATA)
		return SMTP_L_BODY;
	if (t->binary)
		return SMTP_L_MISS;
	if (nj_app_word_is_reply(t, &code))
		return reply_kind(code);
	if (is_client(rs, t) && in_auth(rs->stage))
		return SMTP_L_SASL;
	if (nj_app_word_is(t, "EHLO") || nj_app_word_is(t, "HELO"))
		return SMTP_L_HELO;
	if (nj_app_word_is(t, "MAIL"))
		return SMTP_L_MAIL;
	if (nj_app_word_is(t, "RCPT"))
		return SMTP_L_RCPT;
	if (nj_app_word_is(t, "DATA"))
		return SMTP_L_DATA;
	if (nj_app_word_is(t, "BDAT"))
		return SMTP_L_BDAT;
	if (nj_app_word_is(t, "STARTTLS"))
		return SMTP_L_STARTTLS;
	if (nj_app_word_is(t, "AUTH"))
		return SMTP_L_AUTH;
	if (nj_app_word_is(t, "VRFY") || nj_app_word_is(t, "EXPN"))
		return SMTP_L_STRONG;
	if (nj_app_word_is(t, "QUIT") || nj_app_word_is(t, "RSET") ||
	    nj_app_word_is(t, "NOOP") || nj_app_word_is(t, "HELP"))
		return SMTP_L_WEAK;
	return SMTP_L_MISS;
}

/* "FROM:<a@b>" -> "a@b"; the keyword is matched without regard to case. */
static void
strip_path(char *s, const char *kw)
{
	size_t n = strlen(kw), i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c != kw[i])
			break;
	}
	if (i == n)
		memmove(s, s + n, strlen(s + n) + 1);
	nj_app_strip(s, "<", ">");
}

/*
 * YES on: a banner naming (E)SMTP; a 220 banner answered with SMTP
 * commands; EHLO/HELO answered with replies; or, in a capture holding only
 * the client's side, EHLO/HELO followed by another SMTP-only command.
 */
static void
smtp_decide(struct nj_app_rs *rs, struct nj_app_evidence *ev)
{
	if ((rs->bits & SMTP_B_ESMTP) ||
	    ((rs->bits & SMTP_B_BANNER) &&
	    (rs->bits & (SMTP_B_CMD | SMTP_B_HELO))) ||
	    ((rs->bits & SMTP_B_HELO) &&
	    (rs->bits & (SMTP_B_REPLY | SMTP_B_CMD))))
		nj_app_set_verdict(rs, NJ_APP_YES);
	if (rs->verdict == NJ_APP_YES) {
		ev->client_dir = (uint8_t)client_dir(rs);
		ev->client_known = (rs->bits & (SMTP_B_SRV0 | SMTP_B_SRV1)) != 0;
		ev->confirmed = (rs->bits & SMTP_B_ESMTP) != 0;
	}
}

static void
smtp_word(struct nj_app_rs *rs, const struct nj_app_tok *t,
    struct nj_app_evidence *ev)
{
	uint8_t *k = &rs->kind[t->dir];

	if (t->widx == 0) {
		*k = (uint8_t)first_word(rs, t);
		return;
	}
	if (*k == SMTP_L_BANNER && t->lineno == 0 &&
	    !(rs->bits & (SMTP_B_CMD | SMTP_B_HELO)) && t->wlen >= 4 &&
	    t->wlen <= 6 && (memcmp(t->word, "SMTP", 4) == 0 ||
	    memcmp(t->word, "ESMTP", 5) == 0)) {
		/* Decided now: a banner line may outlast the budget. */
		rs->bits |= SMTP_B_ESMTP | SMTP_B_BANNER;
		rs->bits |= t->dir ? SMTP_B_SRV1 : SMTP_B_SRV0;
		smtp_decide(rs, ev);
	}
	if (t->widx == 1 && *k == SMTP_L_MAIL && !(rs->bits & SMTP_B_FROM)) {
		if (nj_app_word_is(t, "FROM:"))
			*k = SMTP_L_MAIL_SPACE;
		else
			strip_path(ev->mail_from, "FROM:");
	} else if (t->widx == 2 && *k == SMTP_L_MAIL_SPACE)
		strip_path(ev->mail_from, "");
	else if (t->widx == 1 && *k == SMTP_L_AUTH) {
		if (nj_app_word_is(t, "LOGIN"))
			*k = SMTP_L_AUTH_LOGIN;
		else if (nj_app_word_is(t, "PLAIN"))
			*k = SMTP_L_AUTH_PLAIN;
	}
}

static void
server_line(struct nj_app_rs *rs, const struct nj_app_tok *t, unsigned k,
    struct nj_app_evidence *ev)
{
	rs->bits |= SMTP_B_REPLY | (t->dir ? SMTP_B_SRV1 : SMTP_B_SRV0);
	if (k == SMTP_L_AUTH_MORE)
		return;
	if (in_auth(rs->stage)) {
		if (k == SMTP_L_AUTH_OK)
			ev->successes = nj_app_inc16(ev->successes);
		else if (k == SMTP_L_AUTH_FAIL)
			ev->failures = nj_app_inc16(ev->failures);
		rs->stage = SMTP_S_COMMAND;
	} else if (rs->stage == SMTP_S_DATA_WAIT)
		rs->stage = k == SMTP_L_GO_DATA ? SMTP_S_DATA : SMTP_S_COMMAND;
	else if (rs->stage == SMTP_S_TLS_WAIT) {
		if (k == SMTP_L_BANNER) {
			ev->starttls = true;
			rs->stage = SMTP_S_FINISHED;
		} else
			rs->stage = SMTP_S_COMMAND;
	}
	if (k == SMTP_L_REFUSED)
		ev->refused = nj_app_inc16(ev->refused);
}

static void
auth_line(struct nj_app_rs *rs, const struct nj_app_tok *t, unsigned k,
    struct nj_app_evidence *ev)
{
	char *sc = ev->scratch[t->dir];
	bool initial = t->widx >= 3;

	ev->attempts = nj_app_inc16(ev->attempts);
	if (k == SMTP_L_AUTH_LOGIN && initial) {
		nj_app_sasl_user(sc, false, ev);
		rs->stage = SMTP_S_LOGIN_PASS;
	} else if (k == SMTP_L_AUTH_LOGIN)
		rs->stage = SMTP_S_LOGIN_USER;
	else if (k == SMTP_L_AUTH_PLAIN && initial) {
		nj_app_sasl_user(sc, true, ev);
		rs->stage = SMTP_S_SASL;
	} else if (k == SMTP_L_AUTH_PLAIN)
		rs->stage = SMTP_S_PLAIN;
	else
		rs->stage = SMTP_S_SASL;
}

static void
client_line(struct nj_app_rs *rs, const struct nj_app_tok *t, unsigned k,
    struct nj_app_evidence *ev)
{
	switch (k) {
	case SMTP_L_HELO:
		rs->bits |= SMTP_B_HELO;
		break;
	case SMTP_L_MAIL:
	case SMTP_L_MAIL_SPACE:
		rs->bits |= SMTP_B_CMD | SMTP_B_FROM;
		ev->mails = nj_app_inc16(ev->mails);
		break;
	case SMTP_L_RCPT:
	case SMTP_L_STRONG:
		rs->bits |= SMTP_B_CMD;
		if (k == SMTP_L_RCPT)
			ev->rcpts = nj_app_inc16(ev->rcpts);
		break;
	case SMTP_L_DATA:
		rs->bits |= SMTP_B_CMD;
		rs->stage = SMTP_S_DATA_WAIT;
		break;
	case SMTP_L_BDAT:
		/* Chunks are binary and sized; nothing more is read. */
		rs->bits |= SMTP_B_CMD;
		rs->stage = SMTP_S_FINISHED;
		break;
	case SMTP_L_STARTTLS:
		rs->bits |= SMTP_B_CMD;
		rs->stage = SMTP_S_TLS_WAIT;
		break;
	case SMTP_L_AUTH:
	case SMTP_L_AUTH_LOGIN:
	case SMTP_L_AUTH_PLAIN:
		auth_line(rs, t, k, ev);
		break;
	default:
		break;
	}
}

static void
smtp_line(struct nj_app_rs *rs, const struct nj_app_tok *t,
    struct nj_app_evidence *ev)
{
	unsigned k = rs->kind[t->dir];

	rs->kind[t->dir] = SMTP_L_NONE;
	if (k == SMTP_L_NONE)
		return;
	if (k == SMTP_L_BODY) {
		/* A line holding only "." ends the message (RFC 5321 4.1.1.4). */
		if (t->widx == 1 && t->wlen == 1 && t->word[0] == '.')
			rs->stage = SMTP_S_COMMAND;
		return;
	}
	if (k == SMTP_L_SASL) {
		if (rs->stage == SMTP_S_LOGIN_USER) {
			nj_app_sasl_user(ev->scratch[t->dir], false, ev);
			rs->stage = SMTP_S_LOGIN_PASS;
		} else if (rs->stage == SMTP_S_PLAIN) {
			nj_app_sasl_user(ev->scratch[t->dir], true, ev);
			rs->stage = SMTP_S_SASL;
		}
		return;
	}
	if (k == SMTP_L_MISS) {
		nj_app_miss(rs, t, SMTP_MAX_MISSES);
		return;
	}
	if (k <= SMTP_L_REFUSED) {
		/* The server speaks first: 220 after a command is no banner. */
		if (t->lineno == 0 && k == SMTP_L_BANNER &&
		    !(rs->bits & (SMTP_B_CMD | SMTP_B_HELO)))
			rs->bits |= SMTP_B_BANNER;
		server_line(rs, t, k, ev);
	} else if (t->lineno == 0 && !t->inferred && k == SMTP_L_WEAK &&
	    !(rs->bits & SMTP_B_BANNER))
		/* A bare QUIT or NOOP first is as likely FTP. */
		return;
	else
		client_line(rs, t, k, ev);
	smtp_decide(rs, ev);
}

const struct nj_app_recogniser nj_app_smtp = {
	.proto = NJ_APP_SMTP,
	.last_word = SMTP_LAST_WORD,
	.logins = true,
	.name = "smtp",
	.chunk = smtp_chunk,
	.word = smtp_word,
	.line = smtp_line,
};
