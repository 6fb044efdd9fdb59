/*
 * pop3.c - POP3 recogniser (RFC 1939; AUTH RFC 5034, STLS RFC 2595):
 * the +OK greeting, client commands, USER/PASS/APOP/AUTH login attempts.
 */
#include <string.h>

#include "decoders/app.h"

/* What the current line is (rs->kind[dir]). */
enum pop3_line {
	POP3_L_NONE = 0,	/* no word yet */
	POP3_L_OK,		/* +OK ... */
	POP3_L_ERR,		/* -ERR ... */
	POP3_L_MORE,		/* "+ " SASL continuation */
	POP3_L_USER,		/* USER <name> */
	POP3_L_PASS,		/* PASS <secret>: never kept */
	POP3_L_APOP,		/* APOP <name> <digest> */
	POP3_L_AUTH,		/* AUTH <mechanism> */
	POP3_L_AUTH_PLAIN,	/* AUTH PLAIN [response] */
	POP3_L_AUTH_LOGIN,	/* AUTH LOGIN [user] */
	POP3_L_STLS,		/* STLS */
	POP3_L_CMD,		/* another POP3 command */
	POP3_L_SASL,		/* a client SASL response line */
	POP3_L_MISS		/* not POP3 */
};

/* Protocol stage (rs->stage). */
enum pop3_stage {
	POP3_S_COMMAND = 0,	/* transaction or authorization commands */
	POP3_S_LOGIN_WAIT,	/* PASS or APOP sent: +OK or -ERR decides */
	POP3_S_SASL,		/* AUTH exchange running */
	POP3_S_SASL_PLAIN,	/* next client line: base64 PLAIN response */
	POP3_S_SASL_LOGIN,	/* next client line: base64 user name */
	POP3_S_TLS_WAIT,	/* STLS sent */
	POP3_S_FINISHED = NJ_APP_RS_FINISHED
};

/* Facts seen (rs->bits). */
#define POP3_B_GREETING 0x01	/* the server's first line was +OK */
#define POP3_B_CMD      0x02	/* a POP3 command */
#define POP3_B_REPLY    0x04	/* a +OK or -ERR line */
#define POP3_B_LOGIN    0x08	/* USER or PASS sent */
#define POP3_B_SRV0     0x10	/* direction 0 sent replies */
#define POP3_B_SRV1     0x20	/* direction 1 sent replies */
#define POP3_B_NAMED    0x40	/* the greeting names POP */

#define POP3_MAX_MISSES 3
#define POP3_LAST_WORD  7	/* a greeting names POP early on */

static const char *const commands[] = {
	"STAT", "LIST", "RETR", "DELE", "NOOP", "RSET", "QUIT", "TOP", "UIDL",
	"CAPA",
};

static unsigned
client_dir(const struct nj_app_rs *rs)
{
	return (rs->bits & POP3_B_SRV0) ? NJ_APP_DIR_RESP : NJ_APP_DIR_ORIG;
}

static bool
in_sasl(unsigned stage)
{
	return stage == POP3_S_SASL || stage == POP3_S_SASL_PLAIN ||
	    stage == POP3_S_SASL_LOGIN;
}

static void
pop3_chunk(struct nj_app_rs *rs, const struct nj_app_tok *t, const uint8_t *p,
    size_t n, struct nj_app_evidence *ev)
{
	unsigned k = rs->kind[t->dir];

	if (t->widx == 1 && (k == POP3_L_USER || k == POP3_L_APOP))
		nj_app_capture(ev->user, sizeof(ev->user), t->wlen, p, n);
	else if ((t->widx == 2 &&
	    (k == POP3_L_AUTH_PLAIN || k == POP3_L_AUTH_LOGIN)) ||
	    (t->widx == 0 && t->dir == client_dir(rs) &&
	    (rs->stage == POP3_S_SASL_PLAIN || rs->stage == POP3_S_SASL_LOGIN)))
		nj_app_capture(ev->scratch[t->dir], NJ_APP_SCRATCH_MAX,
		    t->wlen, p, n);
}

static unsigned
first_word(const struct nj_app_rs *rs, const struct nj_app_tok *t)
{
	if (t->binary)
		return POP3_L_MISS;
	if (nj_app_word_is(t, "+OK"))
		return POP3_L_OK;
	if (nj_app_word_is(t, "-ERR"))
		return POP3_L_ERR;
	if (nj_app_word_is(t, "+"))
		return POP3_L_MORE;
	if (in_sasl(rs->stage) && t->dir == client_dir(rs))
		return POP3_L_SASL;
	if (nj_app_word_is(t, "USER"))
		return POP3_L_USER;
	if (nj_app_word_is(t, "PASS"))
		return POP3_L_PASS;
	if (nj_app_word_is(t, "APOP"))
		return POP3_L_APOP;
	if (nj_app_word_is(t, "AUTH"))
		return POP3_L_AUTH;
	if (nj_app_word_is(t, "STLS"))
		return POP3_L_STLS;
	if (NJ_APP_WORD_IN(t, commands))
		return POP3_L_CMD;
	return POP3_L_MISS;
}

static void
pop3_word(struct nj_app_rs *rs, const struct nj_app_tok *t,
    struct nj_app_evidence *ev)
{
	(void)ev;
	if (t->widx == 0)
		rs->kind[t->dir] = (uint8_t)first_word(rs, t);
	else if (t->widx == 1 && rs->kind[t->dir] == POP3_L_AUTH) {
		if (nj_app_word_is(t, "PLAIN"))
			rs->kind[t->dir] = POP3_L_AUTH_PLAIN;
		else if (nj_app_word_is(t, "LOGIN"))
			rs->kind[t->dir] = POP3_L_AUTH_LOGIN;
	} else if (rs->kind[t->dir] == POP3_L_OK && t->lineno == 0 &&
	    !(rs->bits & POP3_B_CMD) && t->wlen >= 3 &&
	    memcmp(t->word, "POP", 3) == 0)
		rs->bits |= POP3_B_NAMED;
}

static void
reply(struct nj_app_rs *rs, const struct nj_app_tok *t, unsigned k,
    struct nj_app_evidence *ev)
{
	rs->bits |= POP3_B_REPLY | (t->dir ? POP3_B_SRV1 : POP3_B_SRV0);
	/* The server speaks first: +OK after a command is no greeting. */
	if (t->lineno == 0 && k == POP3_L_OK && !(rs->bits & POP3_B_CMD))
		rs->bits |= POP3_B_GREETING;
	if (k == POP3_L_MORE)
		return;
	if (rs->stage == POP3_S_LOGIN_WAIT || in_sasl(rs->stage)) {
		if (k == POP3_L_OK)
			ev->successes = nj_app_inc16(ev->successes);
		else
			ev->failures = nj_app_inc16(ev->failures);
		rs->stage = POP3_S_COMMAND;
	} else if (rs->stage == POP3_S_TLS_WAIT) {
		if (k == POP3_L_OK) {
			ev->starttls = true;
			rs->stage = POP3_S_FINISHED;
		} else
			rs->stage = POP3_S_COMMAND;
	}
}

static void
command(struct nj_app_rs *rs, const struct nj_app_tok *t, unsigned k,
    struct nj_app_evidence *ev)
{
	rs->bits |= POP3_B_CMD;
	switch (k) {
	case POP3_L_USER:
		rs->bits |= POP3_B_LOGIN;
		break;
	case POP3_L_PASS:
	case POP3_L_APOP:
		rs->bits |= POP3_B_LOGIN;
		ev->attempts = nj_app_inc16(ev->attempts);
		rs->stage = POP3_S_LOGIN_WAIT;
		break;
	case POP3_L_AUTH:
	case POP3_L_AUTH_PLAIN:
	case POP3_L_AUTH_LOGIN:
		ev->attempts = nj_app_inc16(ev->attempts);
		rs->stage = POP3_S_SASL;
		/* RFC 5034 initial response, else the next client line. */
		if (k != POP3_L_AUTH && t->widx >= 3)
			nj_app_sasl_user(ev->scratch[t->dir],
			    k == POP3_L_AUTH_PLAIN, ev);
		else if (k == POP3_L_AUTH_PLAIN)
			rs->stage = POP3_S_SASL_PLAIN;
		else if (k == POP3_L_AUTH_LOGIN)
			rs->stage = POP3_S_SASL_LOGIN;
		break;
	case POP3_L_STLS:
		rs->stage = POP3_S_TLS_WAIT;
		break;
	default:
		break;
	}
}

static void
pop3_line(struct nj_app_rs *rs, const struct nj_app_tok *t,
    struct nj_app_evidence *ev)
{
	unsigned k = rs->kind[t->dir];

	rs->kind[t->dir] = POP3_L_NONE;
	if (k == POP3_L_NONE)
		return;
	if (k == POP3_L_SASL) {
		/* The first response of PLAIN or LOGIN names the user. */
		if (rs->stage != POP3_S_SASL)
			nj_app_sasl_user(ev->scratch[t->dir],
			    rs->stage == POP3_S_SASL_PLAIN, ev);
		rs->stage = POP3_S_SASL;
		return;
	}
	if (k == POP3_L_MISS) {
		nj_app_miss(rs, t, POP3_MAX_MISSES);
		return;
	}
	if (k <= POP3_L_MORE)
		reply(rs, t, k, ev);
	else
		command(rs, t, k, ev);
	/* A greeting naming POP suffices: scanners often stop there. */
	if (((rs->bits & POP3_B_GREETING) &&
	    (rs->bits & (POP3_B_CMD | POP3_B_NAMED))) ||
	    ((rs->bits & POP3_B_LOGIN) && (rs->bits & POP3_B_REPLY)))
		nj_app_set_verdict(rs, NJ_APP_YES);
	if (rs->verdict == NJ_APP_YES) {
		ev->client_dir = (uint8_t)client_dir(rs);
		ev->client_known = (rs->bits & (POP3_B_SRV0 | POP3_B_SRV1)) != 0;
		ev->confirmed = (rs->bits & POP3_B_GREETING) != 0;
	}
}

const struct nj_app_recogniser nj_app_pop3 = {
	.proto = NJ_APP_POP3,
	.last_word = POP3_LAST_WORD,
	.logins = true,
	.name = "pop3",
	.chunk = pop3_chunk,
	.word = pop3_word,
	.line = pop3_line,
};
