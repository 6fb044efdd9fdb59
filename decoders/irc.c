/*
 * irc.c - IRC recogniser (RFC 1459, RFC 2812 §2.3 messages, §5 numerics):
 * finds the client side from the commands themselves, on any port.
 */
#include <string.h>

#include "decoders/app.h"

/* What the current line is (rs->kind[dir]). */
enum irc_line {
	IRC_L_NONE = 0,		/* no word yet */
	IRC_L_NICK,		/* NICK <nick> */
	IRC_L_USER,		/* USER <user> <mode> <unused> :<real> */
	IRC_L_JOIN,		/* JOIN <channel>{,<channel>} */
	IRC_L_PRIVMSG,		/* PRIVMSG <target> :<text> */
	IRC_L_CLIENT,		/* another command only clients send bare */
	IRC_L_EITHER,		/* PING, PONG, NOTICE, ERROR: either side */
	IRC_L_PREFIX,		/* ":prefix", command not yet read */
	IRC_L_SERVER,		/* ":prefix COMMAND ..." */
	IRC_L_NUMERIC,		/* ":prefix 3-digit-reply ..." */
	IRC_L_WELCOME,		/* ":prefix 001 nick :Welcome ..." */
	IRC_L_MISS		/* not IRC */
};

/* Facts seen (rs->bits). */
#define IRC_B_CLIENT0 0x01	/* direction 0 sent client commands */
#define IRC_B_CLIENT1 0x02
#define IRC_B_SERVER0 0x04	/* direction 0 sent prefixed lines */
#define IRC_B_SERVER1 0x08
#define IRC_B_NICK    0x10	/* NICK sent */
#define IRC_B_USER    0x20	/* USER sent */
#define IRC_B_NUMERIC 0x40	/* a server numeric reply */
#define IRC_B_WELCOME 0x80	/* RPL_WELCOME .. RPL_ISUPPORT (001-005) */

/* Misses tolerated before giving up, and prefixed lines that suffice. */
#define IRC_MAX_MISSES   3
#define IRC_LAST_WORD    2	/* ":prefix 001 nick": nothing later */
#define IRC_SERVER_LINES 3
#define IRC_RPL_WELCOME  1
#define IRC_RPL_ISUPPORT 5
#define IRC_RPL_STARTTLS 670	/* IRCv3 tls extension: TLS follows */

static const char *const client_cmds[] = {
	"MODE", "CAP", "PART", "QUIT", "WHO", "WHOIS", "WHOWAS",
	"ISON", "USERHOST", "LIST", "NAMES", "TOPIC", "AWAY", "PASS", "KICK",
	"INVITE", "OPER", "MOTD", "LUSERS", "VERSION", "STATS", "TIME",
	"ADMIN", "INFO", "SERVICE", "SQUERY", "WALLOPS", "STARTTLS",
};

static const char *const either_cmds[] = {
	"PING", "PONG", "NOTICE", "ERROR",
};

static const char *const server_cmds[] = {
	"PRIVMSG", "NOTICE", "JOIN", "PART", "MODE", "QUIT", "NICK", "PING",
	"PONG", "KICK", "TOPIC", "CAP", "INVITE", "ERROR", "KILL", "WALLOPS",
	"AUTHENTICATE", "ACCOUNT", "AWAY",
};

static void
irc_chunk(struct nj_app_rs *rs, const struct nj_app_tok *t, const uint8_t *p,
    size_t n, struct nj_app_evidence *ev)
{
	unsigned k = rs->kind[t->dir];

	if (t->widx == 0 && t->prefixed)
		nj_app_capture(ev->scratch[t->dir], sizeof(ev->scratch[0]),
		    t->wlen, p, n);
	else if (t->widx == 1 && k == IRC_L_NICK)
		nj_app_capture(ev->nick, sizeof(ev->nick), t->wlen, p, n);
	else if (t->widx == 1 && k == IRC_L_USER)
		nj_app_capture(ev->user, sizeof(ev->user), t->wlen, p, n);
	else if (t->widx == 1 && k == IRC_L_JOIN &&
	    ev->nchannels < NJ_APP_CHANNELS)
		nj_app_capture(ev->channels[ev->nchannels],
		    sizeof(ev->channels[0]), t->wlen, p, n);
	else if (t->widx == 2 && k == IRC_L_WELCOME)
		nj_app_capture(ev->nick, sizeof(ev->nick), t->wlen, p, n);
}

static unsigned
first_word(const struct nj_app_tok *t)
{
	if (t->binary)
		return IRC_L_MISS;
	if (t->prefixed)
		return t->wlen > 1 ? IRC_L_PREFIX : IRC_L_MISS;
	if (nj_app_word_is(t, "NICK"))
		return IRC_L_NICK;
	if (nj_app_word_is(t, "USER"))
		return IRC_L_USER;
	if (nj_app_word_is(t, "JOIN"))
		return IRC_L_JOIN;
	if (nj_app_word_is(t, "PRIVMSG"))
		return IRC_L_PRIVMSG;
	if (NJ_APP_WORD_IN(t, client_cmds))
		return IRC_L_CLIENT;
	if (NJ_APP_WORD_IN(t, either_cmds))
		return IRC_L_EITHER;
	return IRC_L_MISS;
}

/* The prefix of the line being read (kept in scratch) as the server. */
static void
server_from_prefix(struct nj_app_evidence *ev, unsigned dir)
{
	const char *prefix = ev->scratch[dir] + 1;	/* past the ':' */

	nj_app_capture(ev->server, sizeof(ev->server), 0,
	    (const uint8_t *)prefix, strlen(prefix));
}

/*
 * The command after ":prefix". Numerics come from servers only, so their
 * prefix names the server as seen: RPL_WELCOME's always, any other's
 * when nothing better is known yet (a flow picked up mid-stream).
 */
static unsigned
after_prefix(struct nj_app_rs *rs, const struct nj_app_tok *t,
    struct nj_app_evidence *ev)
{
	unsigned code;

	if (t->wlen == 3 && nj_app_word_is_reply(t, &code)) {
		rs->bits |= IRC_B_NUMERIC;
		if (code == IRC_RPL_STARTTLS)
			ev->starttls = true;
		if (code >= IRC_RPL_WELCOME && code <= IRC_RPL_ISUPPORT)
			rs->bits |= IRC_B_WELCOME;
		if (code == IRC_RPL_WELCOME || ev->server[0] == '\0')
			server_from_prefix(ev, t->dir);
		return code == IRC_RPL_WELCOME ? IRC_L_WELCOME : IRC_L_NUMERIC;
	}
	if (NJ_APP_WORD_IN(t, server_cmds))
		return IRC_L_SERVER;
	return IRC_L_MISS;
}

static void
irc_word(struct nj_app_rs *rs, const struct nj_app_tok *t,
    struct nj_app_evidence *ev)
{
	uint8_t *k = &rs->kind[t->dir];

	if (t->widx == 0) {
		*k = (uint8_t)first_word(t);
		return;
	}
	if (t->widx == 1 && *k == IRC_L_PREFIX) {
		*k = (uint8_t)after_prefix(rs, t, ev);
		return;
	}
	if (t->widx == 1 && *k == IRC_L_NICK)
		nj_app_strip(ev->nick, ":", "");
	else if (t->widx == 1 && *k == IRC_L_JOIN &&
	    ev->nchannels < NJ_APP_CHANNELS) {
		nj_app_strip(ev->channels[ev->nchannels], ":", "");
		if (ev->channels[ev->nchannels][0] != '\0')
			ev->nchannels++;
	} else if (t->widx == 2 && *k == IRC_L_WELCOME)
		nj_app_strip(ev->nick, ":", "");
}

/* The client is whoever sent bare client commands, else the other side. */
static void
irc_roles(const struct nj_app_rs *rs, struct nj_app_evidence *ev)
{
	if (rs->bits & (IRC_B_CLIENT0 | IRC_B_SERVER1))
		ev->client_dir = NJ_APP_DIR_ORIG;
	else if (rs->bits & (IRC_B_CLIENT1 | IRC_B_SERVER0))
		ev->client_dir = NJ_APP_DIR_RESP;
	ev->client_known = (rs->bits & (IRC_B_CLIENT0 | IRC_B_CLIENT1 |
	    IRC_B_SERVER0 | IRC_B_SERVER1)) != 0;
}

static void
irc_line(struct nj_app_rs *rs, const struct nj_app_tok *t,
    struct nj_app_evidence *ev)
{
	unsigned k = rs->kind[t->dir];
	uint8_t client = t->dir ? IRC_B_CLIENT1 : IRC_B_CLIENT0;
	uint8_t server = t->dir ? IRC_B_SERVER1 : IRC_B_SERVER0;
	uint8_t other_server = t->dir ? IRC_B_SERVER0 : IRC_B_SERVER1;
	uint8_t other_client = t->dir ? IRC_B_CLIENT0 : IRC_B_CLIENT1;

	rs->kind[t->dir] = IRC_L_NONE;
	switch (k) {
	case IRC_L_NONE:
	case IRC_L_EITHER:
		break;
	case IRC_L_NICK:
		rs->bits |= client | IRC_B_NICK;
		break;
	case IRC_L_USER:
		rs->bits |= client | IRC_B_USER;
		break;
	case IRC_L_JOIN:
	case IRC_L_PRIVMSG:
		/*
		 * These words with arguments are IRC's alone: enough when
		 * nothing else was misunderstood (a lone DCC offer).
		 */
		if (t->widx >= 2 && rs->misses == 0)
			nj_app_set_verdict(rs, NJ_APP_YES);
		/* FALLTHROUGH */
	case IRC_L_CLIENT:
		rs->bits |= client;
		break;
	case IRC_L_WELCOME:
	case IRC_L_SERVER:
	case IRC_L_NUMERIC:
		rs->bits |= server;
		if (rs->stage < IRC_SERVER_LINES)
			rs->stage++;
		break;
	default:
		/* A miss: the first line of a direction decides. */
		nj_app_miss(rs, t, IRC_MAX_MISSES);
		break;
	}
	if (((rs->bits & IRC_B_NICK) && (rs->bits & IRC_B_USER)) ||
	    (rs->bits & IRC_B_WELCOME) ||
	    ((rs->bits & client) && (rs->bits & other_server)) ||
	    ((rs->bits & server) && (rs->bits & other_client)) ||
	    (rs->stage >= IRC_SERVER_LINES && rs->misses == 0))
		nj_app_set_verdict(rs, NJ_APP_YES);
	/* Shared evidence fields are written only by the chosen protocol. */
	if (rs->verdict == NJ_APP_YES && ev->starttls)
		rs->stage = NJ_APP_RS_FINISHED;
	if (rs->verdict == NJ_APP_YES) {
		irc_roles(rs, ev);
		ev->confirmed = (rs->bits & IRC_B_NUMERIC) != 0;
	}
}

const struct nj_app_recogniser nj_app_irc = {
	.proto = NJ_APP_IRC,
	.last_word = IRC_LAST_WORD,
	.logins = false,
	.name = "irc",
	.chunk = irc_chunk,
	.word = irc_word,
	.line = irc_line,
};
