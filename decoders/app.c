/*
 * app.c - line tokenizer and dispatcher for the application recognisers
 * (IRC RFC 2812, SMTP RFC 5321, POP3 RFC 1939, IMAP RFC 3501, SSH RFC 4253).
 *
 * Every recogniser runs in parallel on the same words; each gives up on its
 * own (first lines that do not fit, or the byte and line limits), and once
 * one says YES the others are stopped and only that one is followed, for a
 * bounded number of bytes. A flow whose recognisers have all given up costs
 * one comparison per segment.
 */
#include <string.h>

#include "decoders/app.h"
#include "decoders/cursor.h"

/* Tokenizer flags, per direction (struct nj_app_dir.flags). */
#define NJ_APP_DF_INWORD 0x01	/* inside a word */
#define NJ_APP_DF_PREFIX 0x02	/* the line began with ':' */
#define NJ_APP_DF_BINARY 0x04	/* a control byte in the first word */

/* State flags beside NJ_APP_INFERRED (struct nj_app_state.flags). */
#define NJ_APP_SF_DONE 0x80	/* nothing more to learn from this flow */

/* Saturation points of the small counters. */
#define NJ_APP_U8_MAX  0xff
#define NJ_APP_U16_MAX 0xffff

_Static_assert(sizeof(struct nj_app_state) <= 64,
    "nj_app_state must stay within 64 bytes per flow");

static const struct nj_app_recogniser *const recognisers[NJ_APP_NREC] = {
	&nj_app_irc,
	&nj_app_smtp,
	&nj_app_pop3,
	&nj_app_imap,
	&nj_app_ssh,
};

static const char *const proto_names[NJ_APP_PROTO_MAX] = {
	[NJ_APP_PENDING] = "pending",
	[NJ_APP_NONE] = "none",
	[NJ_APP_IRC] = "irc",
	[NJ_APP_SMTP] = "smtp",
	[NJ_APP_POP3] = "pop3",
	[NJ_APP_IMAP] = "imap",
	[NJ_APP_SSH] = "ssh",
};

const char *
nj_app_proto_name(enum nj_app_proto p)
{
	if ((unsigned)p >= NJ_APP_PROTO_MAX)
		return "?";
	return proto_names[p];
}

void
nj_app_init(struct nj_app_state *st, struct nj_app_evidence *ev,
    unsigned flags)
{
	memset(st, 0, sizeof(*st));
	memset(ev, 0, sizeof(*ev));
	st->flags = (uint8_t)(flags & NJ_APP_INFERRED);
	st->proto = NJ_APP_PENDING;
	ev->proto = NJ_APP_PENDING;
	ev->client_dir = NJ_APP_DIR_ORIG;
}

bool
nj_app_done(const struct nj_app_state *st)
{
	return (st->flags & NJ_APP_SF_DONE) != 0;
}

enum nj_app_verdict
nj_app_verdict_of(const struct nj_app_state *st, enum nj_app_proto p)
{
	size_t i;

	for (i = 0; i < NJ_APP_NREC; i++)
		if (recognisers[i]->proto == p)
			return (enum nj_app_verdict)st->rs[i].verdict;
	return NJ_APP_NO;
}

uint16_t
nj_app_inc16(uint16_t v)
{
	return v < NJ_APP_U16_MAX ? (uint16_t)(v + 1) : v;
}

void
nj_app_set_verdict(struct nj_app_rs *rs, enum nj_app_verdict v)
{
	/* A verdict, once given, is final. */
	if (rs->verdict == NJ_APP_MAYBE)
		rs->verdict = (uint8_t)v;
}

/*
 * A line the recogniser does not understand. The first line of a direction
 * decides, unless the flow was picked up mid-stream (it may start inside a
 * line); otherwise max_misses such lines end the recogniser's interest.
 */
void
nj_app_miss(struct nj_app_rs *rs, const struct nj_app_tok *t,
    unsigned max_misses)
{
	if (rs->misses < NJ_APP_U8_MAX)
		rs->misses++;
	if ((t->lineno == 0 && !t->inferred) || rs->misses >= max_misses)
		nj_app_set_verdict(rs, NJ_APP_NO);
}

/* True when the current word is one of list (upper case). */
bool
nj_app_word_in(const struct nj_app_tok *t, const char *const *list, size_t n)
{
	size_t i;

	if (t->wlen == 0)
		return false;
	for (i = 0; i < n; i++)
		/* The first letter rules out most entries cheaply. */
		if (list[i][0] == t->word[0] && nj_app_word_is(t, list[i]))
			return true;
	return false;
}

/* "220", "220-..." or "220 ": a three-digit reply code as first word. */
bool
nj_app_word_is_reply(const struct nj_app_tok *t, unsigned *code)
{
	unsigned i, v = 0;

	if (t->wlen < 3)
		return false;
	for (i = 0; i < 3; i++) {
		if (t->word[i] < '0' || t->word[i] > '9')
			return false;
		v = v * 10 + (unsigned)(t->word[i] - '0');
	}
	if (t->wlen > 3 && t->word[3] != '-')
		return false;
	if (code != NULL)
		*code = v;
	return true;
}

/*
 * Writes n bytes into dst at offset off and terminates after them, within
 * size; bytes outside printable ASCII become '?' so evidence is always
 * safe to print. The write is positional, so a word fed in any number of
 * pieces leaves the same string.
 */
void
nj_app_capture(char *dst, size_t size, size_t off, const uint8_t *p,
    size_t n)
{
	size_t i;

	if (size == 0 || off >= size - 1)
		return;
	for (i = 0; i < n && off + i < size - 1; i++)
		dst[off + i] = (p[i] >= 0x20 && p[i] < 0x7f) ? (char)p[i] : '?';
	dst[off + i] = '\0';
}

/* Removes one leading run of chars in lead and trailing chars in trail. */
void
nj_app_strip(char *s, const char *lead, const char *trail)
{
	size_t n, skip = 0;

	while (s[skip] != '\0' && strchr(lead, s[skip]) != NULL)
		skip++;
	n = strlen(s + skip);
	memmove(s, s + skip, n + 1);
	while (n > 0 && strchr(trail, s[n - 1]) != NULL)
		s[--n] = '\0';
}

static bool
active(const struct nj_app_state *st, size_t i)
{
	return st->rs[i].verdict != NJ_APP_NO;
}

static void
tok_fill(const struct nj_app_state *st, unsigned dir, struct nj_app_tok *t)
{
	const struct nj_app_dir *d = &st->dir[dir];

	t->dir = dir;
	t->widx = d->widx;
	t->wlen = d->wlen;
	t->word = d->word;
	t->lineno = d->lines;
	t->prefixed = (d->flags & NJ_APP_DF_PREFIX) != 0;
	t->binary = (d->flags & NJ_APP_DF_BINARY) != 0;
	t->inferred = (st->flags & NJ_APP_INFERRED) != 0;
}

static void
word_end(struct nj_app_state *st, struct nj_app_evidence *ev, unsigned dir)
{
	struct nj_app_dir *d = &st->dir[dir];
	struct nj_app_tok t;
	size_t i;

	tok_fill(st, dir, &t);
	for (i = 0; i < NJ_APP_NREC; i++)
		if (active(st, i) && t.widx <= recognisers[i]->last_word)
			recognisers[i]->word(&st->rs[i], &t, ev);
	d->flags &= (uint8_t)~NJ_APP_DF_INWORD;
	d->wlen = 0;
	if (d->widx < NJ_APP_U8_MAX)
		d->widx++;
}

/* After a line: enforce the line limit, then settle the flow's verdict. */
static void
settle(struct nj_app_state *st, struct nj_app_evidence *ev)
{
	size_t i, yes = NJ_APP_NREC, open = 0;

	for (i = 0; i < NJ_APP_NREC; i++) {
		if (st->proto == NJ_APP_PENDING &&
		    (st->dir[0].lines >= NJ_APP_CLASSIFY_LINES ||
		    st->dir[1].lines >= NJ_APP_CLASSIFY_LINES ||
		    st->bytes >= NJ_APP_CLASSIFY_BYTES))
			nj_app_set_verdict(&st->rs[i], NJ_APP_NO);
		if (st->rs[i].verdict == NJ_APP_YES && yes == NJ_APP_NREC)
			yes = i;
		else if (st->rs[i].verdict == NJ_APP_MAYBE)
			open++;
	}
	if (st->proto == NJ_APP_PENDING && yes < NJ_APP_NREC) {
		/* The first to say yes wins; the rest stop costing. */
		for (i = 0; i < NJ_APP_NREC; i++)
			if (i != yes)
				st->rs[i].verdict = NJ_APP_NO;
		st->proto = (uint8_t)recognisers[yes]->proto;
		ev->proto = recognisers[yes]->proto;
		/*
		 * Undecided recognisers ran on the same lines: POP3 counts
		 * an IRC client's PASS. Counts stand only for the winner.
		 */
		if (!recognisers[yes]->logins) {
			ev->attempts = 0;
			ev->failures = 0;
			ev->successes = 0;
		}
	} else if (st->proto == NJ_APP_PENDING && open == 0) {
		st->proto = NJ_APP_NONE;
		ev->proto = NJ_APP_NONE;
		st->flags |= NJ_APP_SF_DONE;
	}
	if (st->proto > NJ_APP_NONE) {
		for (i = 0; i < NJ_APP_NREC; i++)
			if (st->rs[i].verdict == NJ_APP_YES &&
			    (st->rs[i].stage == NJ_APP_RS_FINISHED))
				st->flags |= NJ_APP_SF_DONE;
	}
}

static void
line_end(struct nj_app_state *st, struct nj_app_evidence *ev, unsigned dir)
{
	struct nj_app_dir *d = &st->dir[dir];
	struct nj_app_tok t;
	size_t i;

	if (d->flags & NJ_APP_DF_INWORD)
		word_end(st, ev, dir);
	tok_fill(st, dir, &t);
	for (i = 0; i < NJ_APP_NREC; i++)
		if (active(st, i))
			recognisers[i]->line(&st->rs[i], &t, ev);
	if (d->lines < NJ_APP_U8_MAX)
		d->lines++;
	d->widx = 0;
	d->wlen = 0;
	d->flags = 0;
	settle(st, ev);
}

static bool
is_sep(uint8_t b)
{
	return b == ' ' || b == '\t' || b == '\r' || b == '\n';
}

/*
 * A control byte in the first word a side sends: TLS, or another binary
 * protocol. None of the recognised protocols starts so, so all give up at
 * once rather than wait for a line end that may never come.
 */
static void
binary_start(struct nj_app_state *st, struct nj_app_evidence *ev)
{
	size_t i;

	for (i = 0; i < NJ_APP_NREC; i++)
		nj_app_set_verdict(&st->rs[i], NJ_APP_NO);
	settle(st, ev);
}

/* A run of word bytes: remember the head, flag control bytes, hand it on. */
static void
word_bytes(struct nj_app_state *st, struct nj_app_evidence *ev, unsigned dir,
    const uint8_t *p, size_t n)
{
	struct nj_app_dir *d = &st->dir[dir];
	struct nj_app_tok t;
	size_t i;

	if (!(d->flags & NJ_APP_DF_INWORD)) {
		d->flags |= NJ_APP_DF_INWORD;
		d->wlen = 0;
		if (d->widx == 0 && p[0] == ':')
			d->flags |= NJ_APP_DF_PREFIX;
	}
	for (i = 0; i < n; i++) {
		if (d->widx == 0 && (p[i] < 0x20 || p[i] >= 0x7f))
			d->flags |= NJ_APP_DF_BINARY;
		if ((d->flags & NJ_APP_DF_BINARY) && d->lines == 0 &&
		    st->proto == NJ_APP_PENDING &&
		    !(st->flags & NJ_APP_INFERRED)) {
			binary_start(st, ev);
			return;
		}
		if ((size_t)d->wlen + i < NJ_APP_WORD_MAX) {
			uint8_t b = p[i];

			if (b >= 'a' && b <= 'z')
				b = (uint8_t)(b - 'a' + 'A');
			d->word[d->wlen + i] = (char)b;
		}
	}
	tok_fill(st, dir, &t);
	for (i = 0; i < NJ_APP_NREC; i++)
		if (active(st, i) && t.widx <= recognisers[i]->last_word &&
		    recognisers[i]->chunk != NULL)
			recognisers[i]->chunk(&st->rs[i], &t, p, n, ev);
	d->wlen = (uint8_t)((size_t)d->wlen + n < NJ_APP_U8_MAX ?
	    d->wlen + n : NJ_APP_U8_MAX);
}

static void
feed_bytes(struct nj_app_state *st, struct nj_app_evidence *ev, unsigned dir,
    struct nj_cursor *c)
{
	struct nj_app_dir *d = &st->dir[dir];

	while (nj_cur_left(c) > 0 && !nj_app_done(st)) {
		const uint8_t *p = nj_cur_ptr(c);
		size_t left = nj_cur_left(c), n;

		if (p[0] == '\n') {
			line_end(st, ev, dir);
			nj_cur_skip(c, 1);
			continue;
		}
		if (is_sep(p[0])) {
			if (d->flags & NJ_APP_DF_INWORD)
				word_end(st, ev, dir);
			nj_cur_skip(c, 1);
			continue;
		}
		for (n = 1; n < left && !is_sep(p[n]); n++)
			continue;
		word_bytes(st, ev, dir, p, n);
		nj_cur_skip(c, n);
	}
}

enum nj_app_proto
nj_app_feed(struct nj_app_state *st, struct nj_app_evidence *ev,
    unsigned dir, const uint8_t *p, size_t len)
{
	struct nj_cursor c;
	size_t room;

	if (nj_app_done(st) || dir > NJ_APP_DIR_RESP || len == 0)
		return (enum nj_app_proto)st->proto;
	if (st->proto == NJ_APP_PENDING) {
		/* Only the classification budget is read before a verdict. */
		room = NJ_APP_CLASSIFY_BYTES - st->bytes;
		nj_cur_init(&c, p, len < room ? len : room);
		st->bytes = (uint16_t)(st->bytes + c.len);
		feed_bytes(st, ev, dir, &c);
		if (st->proto == NJ_APP_PENDING && st->bytes >= NJ_APP_CLASSIFY_BYTES)
			settle(st, ev);
		/* The rest of a segment that brought the verdict is followed. */
		if (st->proto > NJ_APP_NONE && c.off < len && !nj_app_done(st))
			return nj_app_feed(st, ev, dir, p + c.off, len - c.off);
		return (enum nj_app_proto)st->proto;
	}
	room = NJ_APP_FOLLOW_BYTES - st->follow;
	nj_cur_init(&c, p, len < room ? len : room);
	st->follow = (uint16_t)(st->follow + c.len);
	feed_bytes(st, ev, dir, &c);
	if (st->follow >= NJ_APP_FOLLOW_BYTES)
		st->flags |= NJ_APP_SF_DONE;
	return (enum nj_app_proto)st->proto;
}
