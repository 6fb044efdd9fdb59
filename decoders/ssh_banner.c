/*
 * ssh_banner.c - SSH identification strings (RFC 4253 §4.2):
 * "SSH-protoversion-softwareversion SP comments CR LF" from both sides.
 * Only the banners are readable; the connection counts as one attempt.
 */
#include <string.h>

#include "decoders/app.h"

/* What the current line is (rs->kind[dir]). */
enum ssh_line {
	SSH_L_NONE = 0,		/* no word yet */
	SSH_L_IDENT,		/* SSH-x.y-software */
	SSH_L_TEXT,		/* server text before its identification */
	SSH_L_AFTER,		/* after this side's identification: binary */
	SSH_L_MISS		/* not SSH */
};

/* Facts seen (rs->bits). */
#define SSH_B_IDENT0 0x01	/* direction 0 identified itself */
#define SSH_B_IDENT1 0x02	/* direction 1 identified itself */

/* "SSH-" then a digit: the smallest identification prefix. */
#define SSH_PREFIX     "SSH-"
#define SSH_PREFIX_LEN 4
#define SSH_LAST_WORD  0	/* only the identification itself */

static bool
is_ident(const struct nj_app_tok *t)
{
	return t->wlen > SSH_PREFIX_LEN &&
	    memcmp(t->word, SSH_PREFIX, SSH_PREFIX_LEN) == 0 &&
	    t->word[SSH_PREFIX_LEN] >= '0' && t->word[SSH_PREFIX_LEN] <= '9';
}

static void
ssh_chunk(struct nj_app_rs *rs, const struct nj_app_tok *t, const uint8_t *p,
    size_t n, struct nj_app_evidence *ev)
{
	uint8_t mine = t->dir ? SSH_B_IDENT1 : SSH_B_IDENT0;

	if (t->widx == 0 && !(rs->bits & mine))
		nj_app_capture(ev->scratch[t->dir], NJ_APP_SCRATCH_MAX,
		    t->wlen, p, n);
}

static void
ssh_word(struct nj_app_rs *rs, const struct nj_app_tok *t,
    struct nj_app_evidence *ev)
{
	uint8_t mine = t->dir ? SSH_B_IDENT1 : SSH_B_IDENT0;

	(void)ev;
	if (t->widx != 0)
		return;
	if (rs->bits & mine)
		rs->kind[t->dir] = SSH_L_AFTER;
	else if (t->binary)
		rs->kind[t->dir] = SSH_L_MISS;
	else if (is_ident(t))
		rs->kind[t->dir] = SSH_L_IDENT;
	else if (t->dir == NJ_APP_DIR_RESP)
		/* Servers may send other lines first (RFC 4253 4.2). */
		rs->kind[t->dir] = SSH_L_TEXT;
	else
		rs->kind[t->dir] = SSH_L_MISS;
}

/* "SSH-2.0-OpenSSH_9.6" -> "OpenSSH_9.6" (after the protocol version). */
static void
software(const char *ident, char *dst, size_t size)
{
	const char *sw = strchr(ident + SSH_PREFIX_LEN, '-');

	sw = sw != NULL ? sw + 1 : ident;
	nj_app_capture(dst, size, 0, (const uint8_t *)sw, strlen(sw));
}

static void
ssh_line(struct nj_app_rs *rs, const struct nj_app_tok *t,
    struct nj_app_evidence *ev)
{
	unsigned k = rs->kind[t->dir];

	rs->kind[t->dir] = SSH_L_NONE;
	if (k == SSH_L_MISS) {
		nj_app_set_verdict(rs, NJ_APP_NO);
		return;
	}
	if (k != SSH_L_IDENT)
		return;
	rs->bits |= t->dir ? SSH_B_IDENT1 : SSH_B_IDENT0;
	if (t->dir == NJ_APP_DIR_ORIG) {
		software(ev->scratch[t->dir], ev->client_sw,
		    sizeof(ev->client_sw));
		ev->attempts = 1;
	} else
		software(ev->scratch[t->dir], ev->server_sw,
		    sizeof(ev->server_sw));
	nj_app_set_verdict(rs, NJ_APP_YES);
	ev->client_dir = NJ_APP_DIR_ORIG;
	ev->client_known = false;
	ev->confirmed = (rs->bits & (SSH_B_IDENT0 | SSH_B_IDENT1)) ==
	    (SSH_B_IDENT0 | SSH_B_IDENT1);
	if (ev->confirmed)
		rs->stage = NJ_APP_RS_FINISHED;
}

const struct nj_app_recogniser nj_app_ssh = {
	.proto = NJ_APP_SSH,
	.last_word = SSH_LAST_WORD,
	.logins = true,
	.name = "ssh",
	.chunk = ssh_chunk,
	.word = ssh_word,
	.line = ssh_line,
};
