/*
 * imap.c - IMAP login recogniser (RFC 3501 §6.2, §7.1): the "* OK"
 * greeting, tagged commands, LOGIN/AUTHENTICATE attempts and their results.
 */
#include <string.h>

#include "decoders/app.h"

/* What the current line is (rs->kind[dir]). */
enum imap_line {
	IMAP_L_NONE = 0,	/* no word yet */
	IMAP_L_UNTAGGED,	/* "* ...", status not yet read */
	IMAP_L_GREETING,	/* "* OK" or "* PREAUTH" */
	IMAP_L_UNTAGGED_DATA,	/* another untagged response */
	IMAP_L_MORE,		/* "+ " continuation request */
	IMAP_L_TAG,		/* "tag", second word not yet read */
	IMAP_L_RESP_OK,		/* "tag OK" */
	IMAP_L_RESP_NO,		/* "tag NO" or "tag BAD" */
	IMAP_L_LOGIN,		/* "tag LOGIN user password" */
	IMAP_L_AUTHENTICATE,	/* "tag AUTHENTICATE mechanism" */
	IMAP_L_AUTH_PLAIN,	/* "tag AUTHENTICATE PLAIN [response]" */
	IMAP_L_AUTH_LOGIN,	/* "tag AUTHENTICATE LOGIN [user]" */
	IMAP_L_STARTTLS,	/* "tag STARTTLS" */
	IMAP_L_CMD,		/* another command */
	IMAP_L_SASL,		/* a client SASL response line */
	IMAP_L_MISS		/* not IMAP */
};

/* Protocol stage (rs->stage). */
enum imap_stage {
	IMAP_S_COMMAND = 0,
	IMAP_S_LOGIN_WAIT,	/* LOGIN or AUTHENTICATE sent */
	IMAP_S_SASL,		/* AUTHENTICATE exchange running */
	IMAP_S_SASL_PLAIN,	/* next client line: base64 PLAIN response */
	IMAP_S_SASL_LOGIN,	/* next client line: base64 user name */
	IMAP_S_TLS_WAIT,	/* STARTTLS sent */
	IMAP_S_FINISHED = NJ_APP_RS_FINISHED
};

/* Facts seen (rs->bits). */
#define IMAP_B_GREETING 0x01	/* a first line "* OK" / "* PREAUTH" */
#define IMAP_B_CMD      0x02	/* a tagged command */
#define IMAP_B_RESP     0x04	/* a tagged or untagged response */
#define IMAP_B_LOGIN    0x08	/* LOGIN sent */
#define IMAP_B_SRV0     0x10	/* direction 0 sent responses */
#define IMAP_B_SRV1     0x20	/* direction 1 sent responses */
#define IMAP_B_NAMED    0x40	/* the greeting names IMAP */

#define IMAP_MAX_MISSES 3
#define IMAP_LAST_WORD  7	/* a greeting names IMAP early on */

static const char *const commands[] = {
	"CAPABILITY", "NOOP", "LOGOUT", "SELECT", "EXAMINE", "LIST", "LSUB",
	"STATUS", "FETCH", "UID", "SEARCH", "ID", "ENABLE", "IDLE",
	"NAMESPACE", "CLOSE", "EXPUNGE", "CREATE", "DELETE", "RENAME",
	"SUBSCRIBE", "UNSUBSCRIBE", "APPEND", "CHECK", "STORE", "COPY", "MOVE",
};

static unsigned
client_dir(const struct nj_app_rs *rs)
{
	return (rs->bits & IMAP_B_SRV0) ? NJ_APP_DIR_RESP : NJ_APP_DIR_ORIG;
}

static bool
in_sasl(unsigned stage)
{
	return stage == IMAP_S_SASL || stage == IMAP_S_SASL_PLAIN ||
	    stage == IMAP_S_SASL_LOGIN;
}

static void
imap_chunk(struct nj_app_rs *rs, const struct nj_app_tok *t, const uint8_t *p,
    size_t n, struct nj_app_evidence *ev)
{
	unsigned k = rs->kind[t->dir];

	if (t->widx == 2 && k == IMAP_L_LOGIN)
		nj_app_capture(ev->user, sizeof(ev->user), t->wlen, p, n);
	else if ((t->widx == 3 &&
	    (k == IMAP_L_AUTH_PLAIN || k == IMAP_L_AUTH_LOGIN)) ||
	    (t->widx == 0 && t->dir == client_dir(rs) && in_sasl(rs->stage) &&
	    rs->stage != IMAP_S_SASL))
		nj_app_capture(ev->scratch[t->dir], NJ_APP_SCRATCH_MAX,
		    t->wlen, p, n);
}

static unsigned
second_word(const struct nj_app_tok *t)
{
	if (nj_app_word_is(t, "OK"))
		return IMAP_L_RESP_OK;
	if (nj_app_word_is(t, "NO") || nj_app_word_is(t, "BAD"))
		return IMAP_L_RESP_NO;
	if (nj_app_word_is(t, "LOGIN"))
		return IMAP_L_LOGIN;
	if (nj_app_word_is(t, "AUTHENTICATE"))
		return IMAP_L_AUTHENTICATE;
	if (nj_app_word_is(t, "STARTTLS"))
		return IMAP_L_STARTTLS;
	if (NJ_APP_WORD_IN(t, commands))
		return IMAP_L_CMD;
	return IMAP_L_MISS;
}

static void
imap_word(struct nj_app_rs *rs, const struct nj_app_tok *t,
    struct nj_app_evidence *ev)
{
	uint8_t *k = &rs->kind[t->dir];

	if (t->widx == 0) {
		if (t->binary)
			*k = IMAP_L_MISS;
		else if (nj_app_word_is(t, "*"))
			*k = IMAP_L_UNTAGGED;
		else if (nj_app_word_is(t, "+"))
			*k = IMAP_L_MORE;
		else if (in_sasl(rs->stage) && t->dir == client_dir(rs))
			*k = IMAP_L_SASL;
		else
			*k = IMAP_L_TAG;
	} else if (t->widx == 1 && *k == IMAP_L_UNTAGGED)
		*k = (nj_app_word_is(t, "OK") || nj_app_word_is(t, "PREAUTH")) ?
		    IMAP_L_GREETING : IMAP_L_UNTAGGED_DATA;
	else if (t->widx == 1 && *k == IMAP_L_TAG)
		*k = (uint8_t)second_word(t);
	else if (t->widx == 2 && *k == IMAP_L_LOGIN)
		nj_app_strip(ev->user, "\"", "\"");
	else if (t->widx == 2 && *k == IMAP_L_AUTHENTICATE) {
		if (nj_app_word_is(t, "PLAIN"))
			*k = IMAP_L_AUTH_PLAIN;
		else if (nj_app_word_is(t, "LOGIN"))
			*k = IMAP_L_AUTH_LOGIN;
	}
	else if (t->widx >= 2 && *k == IMAP_L_GREETING && t->lineno == 0 &&
	    !(rs->bits & IMAP_B_CMD) && t->wlen >= 4 &&
	    (memcmp(t->word, "IMAP", 4) == 0 || (t->wlen >= NJ_APP_WORD_MAX &&
	    memcmp(t->word, "[CAPABIL", NJ_APP_WORD_MAX) == 0)))
		rs->bits |= IMAP_B_NAMED;
}

static void
response(struct nj_app_rs *rs, const struct nj_app_tok *t, unsigned k,
    struct nj_app_evidence *ev)
{
	rs->bits |= IMAP_B_RESP | (t->dir ? IMAP_B_SRV1 : IMAP_B_SRV0);
	/* The server speaks first: "* OK" after a command is no greeting. */
	if (k == IMAP_L_GREETING && t->lineno == 0 && !(rs->bits & IMAP_B_CMD))
		rs->bits |= IMAP_B_GREETING;
	if (k != IMAP_L_RESP_OK && k != IMAP_L_RESP_NO)
		return;
	if (rs->stage == IMAP_S_LOGIN_WAIT || in_sasl(rs->stage)) {
		if (k == IMAP_L_RESP_OK)
			ev->successes = nj_app_inc16(ev->successes);
		else
			ev->failures = nj_app_inc16(ev->failures);
		rs->stage = IMAP_S_COMMAND;
	} else if (rs->stage == IMAP_S_TLS_WAIT) {
		if (k == IMAP_L_RESP_OK) {
			ev->starttls = true;
			rs->stage = IMAP_S_FINISHED;
		} else
			rs->stage = IMAP_S_COMMAND;
	}
}

static void
imap_line(struct nj_app_rs *rs, const struct nj_app_tok *t,
    struct nj_app_evidence *ev)
{
	unsigned k = rs->kind[t->dir];

	rs->kind[t->dir] = IMAP_L_NONE;
	switch (k) {
	case IMAP_L_NONE:
		return;
	case IMAP_L_SASL:
		/* The first response of PLAIN or LOGIN names the user. */
		if (rs->stage != IMAP_S_SASL)
			nj_app_sasl_user(ev->scratch[t->dir],
			    rs->stage == IMAP_S_SASL_PLAIN, ev);
		rs->stage = IMAP_S_SASL;
		return;
	case IMAP_L_UNTAGGED:
	case IMAP_L_TAG:
	case IMAP_L_MISS:
		/* A bare tag or star, or an unknown command. */
		nj_app_miss(rs, t, IMAP_MAX_MISSES);
		return;
	case IMAP_L_LOGIN:
		rs->bits |= IMAP_B_LOGIN | IMAP_B_CMD;
		ev->attempts = nj_app_inc16(ev->attempts);
		rs->stage = IMAP_S_LOGIN_WAIT;
		break;
	case IMAP_L_AUTHENTICATE:
	case IMAP_L_AUTH_PLAIN:
	case IMAP_L_AUTH_LOGIN:
		rs->bits |= IMAP_B_LOGIN | IMAP_B_CMD;
		ev->attempts = nj_app_inc16(ev->attempts);
		rs->stage = IMAP_S_SASL;
		/* RFC 4959 initial response, else the next client line. */
		if (k != IMAP_L_AUTHENTICATE && t->widx >= 4)
			nj_app_sasl_user(ev->scratch[t->dir],
			    k == IMAP_L_AUTH_PLAIN, ev);
		else if (k == IMAP_L_AUTH_PLAIN)
			rs->stage = IMAP_S_SASL_PLAIN;
		else if (k == IMAP_L_AUTH_LOGIN)
			rs->stage = IMAP_S_SASL_LOGIN;
		break;
	case IMAP_L_STARTTLS:
		rs->bits |= IMAP_B_CMD;
		rs->stage = IMAP_S_TLS_WAIT;
		break;
	case IMAP_L_CMD:
		rs->bits |= IMAP_B_CMD;
		break;
	default:
		response(rs, t, k, ev);
		break;
	}
	/* A greeting naming IMAP suffices: scanners often stop there. */
	if (((rs->bits & IMAP_B_GREETING) &&
	    (rs->bits & (IMAP_B_CMD | IMAP_B_NAMED))) ||
	    ((rs->bits & IMAP_B_LOGIN) && (rs->bits & IMAP_B_RESP)))
		nj_app_set_verdict(rs, NJ_APP_YES);
	if (rs->verdict == NJ_APP_YES) {
		ev->client_dir = (uint8_t)client_dir(rs);
		ev->client_known = (rs->bits & (IMAP_B_SRV0 | IMAP_B_SRV1)) != 0;
		ev->confirmed = (rs->bits & IMAP_B_GREETING) != 0;
	}
}

const struct nj_app_recogniser nj_app_imap = {
	.proto = NJ_APP_IMAP,
	.last_word = IMAP_LAST_WORD,
	.logins = true,
	.name = "imap",
	.chunk = imap_chunk,
	.word = imap_word,
	.line = imap_line,
};
