/*
 * app.h - application recognisers (IRC, SMTP, POP3, IMAP, SSH banners) fed
 * with TCP payload in order, per direction, on any port.
 *
 * A line tokenizer (app.c) walks each direction's bytes once; it keeps no
 * line buffer, only the first NJ_APP_WORD_MAX bytes of the current word
 * (upper-cased, for matching command words) and its position in the line.
 * Recognisers see words as they complete and may copy chosen words
 * straight into the caller's evidence struct, so lines split across
 * segments, and lines of any length, cost no per-flow buffer.
 *
 * Memory: struct nj_app_state is 60 bytes (asserted <= 64) and is all a
 * flow keeps for recognition. struct nj_app_evidence (712 bytes) holds
 * the bounded strings and counters; the caller keeps it beside the state
 * while the flow is being recognised or followed and may discard it after
 * reading it once nj_app_done() is true.
 *
 * Use, per TCP flow:
 *	nj_app_init(&st, &ev, picked_up_mid_stream ? NJ_APP_INFERRED : 0);
 *	for each payload segment, in sequence order:
 *		if (!nj_app_done(&st))
 *			proto = nj_app_feed(&st, &ev, dir, payload, len);
 *	proto (== ev.proto) > NJ_APP_NONE: ev holds that protocol's facts.
 * Evidence fields belong to ev.proto only: other recognisers ran on the
 * same first lines before giving up and may have left partial strings.
 *
 * How each protocol is decided (the first line each side sends must fit,
 * unless NJ_APP_INFERRED; a control byte in a side's first word ends all):
 *	IRC: NICK and USER, or RPL_WELCOME..RPL_ISUPPORT, or bare client
 *	     commands one way and ":prefix" lines the other, or a lone
 *	     PRIVMSG/JOIN/NICK with arguments, or three server lines.
 *	SMTP: a first 220 line naming SMTP/ESMTP, or a 220 banner answered
 *	     with SMTP-only commands, or EHLO/HELO with replies or followed
 *	     by MAIL/RCPT/DATA (one-sided captures).
 *	POP3: the +OK greeting with a command, or naming POP; USER/PASS
 *	     answered with +OK/-ERR.
 *	IMAP: the "* OK" greeting with a tagged command, or naming IMAP;
 *	     LOGIN answered.
 *	SSH: an "SSH-<digit>" identification line from either side.
 */
#ifndef NJ_APP_H
#define NJ_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Protocols recognised. NJ_APP_PENDING: still looking. */
enum nj_app_proto {
	NJ_APP_PENDING = 0,	/* no verdict yet */
	NJ_APP_NONE,		/* every recogniser gave up */
	NJ_APP_IRC,		/* RFC 1459 / 2812 */
	NJ_APP_SMTP,		/* RFC 5321 */
	NJ_APP_POP3,		/* RFC 1939 */
	NJ_APP_IMAP,		/* RFC 3501 */
	NJ_APP_SSH,		/* RFC 4253 identification strings */
	NJ_APP_PROTO_MAX
};

/* One recogniser's verdict on one flow. */
enum nj_app_verdict {
	NJ_APP_MAYBE = 0,	/* not decided */
	NJ_APP_YES,		/* the flow speaks this protocol */
	NJ_APP_NO		/* it does not, or we stopped looking */
};

/* Directions, as the caller's flow table sees them. */
#define NJ_APP_DIR_ORIG 0	/* flow initiator -> responder */
#define NJ_APP_DIR_RESP 1	/* responder -> initiator */

/* nj_app_init flags. */
#define NJ_APP_INFERRED 0x01	/* picked up mid-stream: roles guessed */

/*
 * Limits. A recogniser still undecided after NJ_APP_CLASSIFY_BYTES bytes
 * of the flow, or NJ_APP_CLASSIFY_LINES lines in one direction, says NO.
 * Once a protocol is chosen it is followed (to count login attempts,
 * recipients, refusals) for at most NJ_APP_FOLLOW_BYTES more bytes.
 */
#define NJ_APP_CLASSIFY_BYTES 4096
#define NJ_APP_CLASSIFY_LINES 12
#define NJ_APP_FOLLOW_BYTES   60000
#define NJ_APP_WORD_MAX       8	/* word bytes kept for matching */

/* Evidence string sizes (bytes, including the terminating NUL). */
#define NJ_APP_NAME_MAX     64
#define NJ_APP_NICK_MAX     32
#define NJ_APP_CHANNELS     3
#define NJ_APP_CHANNEL_MAX  32
#define NJ_APP_ADDR_MAX     80
#define NJ_APP_SCRATCH_MAX  96

/*
 * What was seen. Strings are NUL-terminated, truncated to their size, with
 * bytes outside printable ASCII replaced by '?'. Counters saturate.
 * Passwords are never stored.
 */
struct nj_app_evidence {
	enum nj_app_proto proto;	/* as returned by nj_app_feed */
	uint8_t client_dir;	/* side that spoke as the client, from the
				   content (IRC commands, SMTP/POP3/IMAP
				   commands); NJ_APP_DIR_ORIG by default */
	bool client_known;	/* client_dir was decided by the content */
	bool confirmed;		/* IRC: server numerics seen; SMTP: a
				   banner naming (E)SMTP; POP3/IMAP: the
				   greeting; SSH: both identifications */
	bool starttls;		/* STARTTLS/STLS accepted: rest unreadable */
	uint16_t attempts;	/* login attempts (PASS, LOGIN, AUTH, SSH
				   client identification) */
	uint16_t failures;	/* login replies saying no (-ERR, NO, 535) */
	uint16_t successes;	/* login replies saying yes (+OK, OK, 235) */
	uint16_t mails;		/* SMTP MAIL FROM commands */
	uint16_t rcpts;		/* SMTP RCPT TO commands */
	uint16_t refused;	/* SMTP 550-554 replies */
	uint8_t nchannels;	/* IRC channels[] filled */
	char user[NJ_APP_NICK_MAX];	/* IRC USER, or login user tried */
	char nick[NJ_APP_NICK_MAX];	/* IRC nick (last NICK, or 001) */
	char channels[NJ_APP_CHANNELS][NJ_APP_CHANNEL_MAX]; /* IRC JOINs */
	char server[NJ_APP_NAME_MAX];	/* IRC server (001 prefix) */
	char helo[NJ_APP_NAME_MAX];	/* SMTP EHLO/HELO argument */
	char mail_from[NJ_APP_ADDR_MAX];	/* SMTP first MAIL FROM address */
	char client_sw[NJ_APP_NAME_MAX];	/* SSH client software */
	char server_sw[NJ_APP_NAME_MAX];	/* SSH server software */
	/* Working space per direction (IRC prefix, SMTP AUTH base64). */
	char scratch[2][NJ_APP_SCRATCH_MAX];
};

/* Per-direction tokenizer state. */
struct nj_app_dir {
	char word[NJ_APP_WORD_MAX];	/* current word, upper-cased */
	uint8_t wlen;		/* bytes in the current word (saturates) */
	uint8_t widx;		/* word index in the line (saturates) */
	uint8_t lines;		/* complete lines (saturates) */
	uint8_t flags;		/* NJ_APP_DF_* (app.c) */
};

/* Per-recogniser state. The meaning of kind/stage/bits is the module's. */
struct nj_app_rs {
	uint8_t verdict;	/* enum nj_app_verdict */
	uint8_t kind[2];	/* what the current line is, per direction */
	uint8_t stage;		/* protocol stage (AUTH pending, DATA, ...) */
	uint8_t bits;		/* facts seen so far */
	uint8_t misses;		/* lines not understood (saturates) */
};

/* rs->stage value by which a followed recogniser says it has finished. */
#define NJ_APP_RS_FINISHED 0xff

#define NJ_APP_NREC 5		/* recognisers in the table */

/* Per-flow recognition state: 60 bytes, no pointers, no allocation. */
struct nj_app_state {
	struct nj_app_dir dir[2];
	struct nj_app_rs rs[NJ_APP_NREC];
	uint16_t bytes;		/* payload bytes fed while classifying */
	uint16_t follow;	/* bytes fed after the verdict */
	uint8_t proto;		/* enum nj_app_proto */
	uint8_t flags;		/* NJ_APP_INFERRED, NJ_APP_SF_* (app.c) */
};

/*
 * What the tokenizer hands a recogniser: the word being read (dir, index
 * in line, the first NJ_APP_WORD_MAX bytes upper-cased, its length so far
 * or in all) and the line's facts.
 */
struct nj_app_tok {
	unsigned dir;		/* 0 or 1 */
	unsigned widx;		/* word index in the line, 0-based */
	size_t wlen;		/* chunk: offset of the chunk in the word;
				   word: the word's full length (saturated) */
	const char *word;	/* upper-cased first bytes, not terminated */
	unsigned lineno;	/* lines before this one in this direction */
	bool prefixed;		/* the line began with ':' */
	bool binary;		/* a control byte in the first word */
	bool inferred;		/* roles guessed (mid-stream pickup) */
};

/* A recogniser: one file per protocol, listed in app.c's table. */
struct nj_app_recogniser {
	enum nj_app_proto proto;
	const char *name;
	bool logins;		/* counts attempts/failures/successes */
	uint8_t last_word;	/* chunk() and word() only up to this index */
	/* Bytes of word t->widx at offset t->wlen; called before word(). */
	void (*chunk)(struct nj_app_rs *, const struct nj_app_tok *,
	    const uint8_t *, size_t, struct nj_app_evidence *);
	/* A word ended (t->wlen is its length). */
	void (*word)(struct nj_app_rs *, const struct nj_app_tok *,
	    struct nj_app_evidence *);
	/* A line ended (t->widx words); set rs->verdict here. */
	void (*line)(struct nj_app_rs *, const struct nj_app_tok *,
	    struct nj_app_evidence *);
};

extern const struct nj_app_recogniser nj_app_irc;
extern const struct nj_app_recogniser nj_app_smtp;
extern const struct nj_app_recogniser nj_app_pop3;
extern const struct nj_app_recogniser nj_app_imap;
extern const struct nj_app_recogniser nj_app_ssh;

/* Starts recognition of a new flow; flags: NJ_APP_INFERRED or 0. */
void nj_app_init(struct nj_app_state *, struct nj_app_evidence *,
    unsigned flags);

/*
 * Feeds one TCP payload segment, in sequence order, from direction dir
 * (NJ_APP_DIR_ORIG or NJ_APP_DIR_RESP). Returns NJ_APP_PENDING while
 * undecided, NJ_APP_NONE when nothing matched, else the protocol. Cheap
 * once nj_app_done() is true (returns at once).
 */
enum nj_app_proto nj_app_feed(struct nj_app_state *, struct nj_app_evidence *,
    unsigned dir, const uint8_t *p, size_t len);

/* True when feeding more bytes cannot change the verdict or evidence. */
bool nj_app_done(const struct nj_app_state *);

/* One recogniser's verdict on this flow. */
enum nj_app_verdict nj_app_verdict_of(const struct nj_app_state *,
    enum nj_app_proto);

/* "irc", "smtp", ... ; "pending", "none". */
const char *nj_app_proto_name(enum nj_app_proto);

/*
 * True when the current word is lit (upper case). Words longer than the
 * kept prefix match on prefix and length. Inline so strlen(lit) folds.
 */
static inline bool
nj_app_word_is(const struct nj_app_tok *t, const char *lit)
{
	size_t n = strlen(lit);

	return t->wlen == n &&
	    memcmp(t->word, lit, n < NJ_APP_WORD_MAX ? n : NJ_APP_WORD_MAX) == 0;
}

/* Helpers for recognisers (app.c). */
bool nj_app_word_in(const struct nj_app_tok *, const char *const *list,
    size_t n);
#define NJ_APP_WORD_IN(t, list) \
	nj_app_word_in((t), (list), sizeof(list) / sizeof((list)[0]))
bool nj_app_word_is_reply(const struct nj_app_tok *, unsigned *code);
void nj_app_capture(char *dst, size_t size, size_t off, const uint8_t *p,
    size_t n);
void nj_app_strip(char *s, const char *lead, const char *trail);
void nj_app_set_verdict(struct nj_app_rs *, enum nj_app_verdict);
void nj_app_miss(struct nj_app_rs *, const struct nj_app_tok *,
    unsigned max_misses);
uint16_t nj_app_inc16(uint16_t);
/* sasl.c: user name from base64 SASL LOGIN/PLAIN text; wipes b64. */
void nj_app_sasl_user(char *b64, bool plain, struct nj_app_evidence *);

#endif
