/*
 * fuzz_app.c - every application recogniser on a segmented conversation.
 *
 * Input: one flags byte (bit 0: picked up mid-stream), then segments, each
 * a header byte (bit 0: direction, bits 1-7: length) and that many bytes.
 * Oracle: feeding the same bytes one at a time must give the same verdict
 * and evidence, and every evidence string must be terminated in bounds.
 */
#include <stdlib.h>
#include <string.h>

#include "decoders/app.h"
#include "decoders/cursor.h"
#include "tests/fuzz/fuzz.h"

#define SEG_DIR_BIT   0x01
#define SEG_LEN_SHIFT 1

static void
check_terminated(const char *s, size_t size)
{
	if (memchr(s, '\0', size) == NULL)
		abort();
}

static void
check_evidence(const struct nj_app_evidence *ev)
{
	size_t i;

	check_terminated(ev->user, sizeof(ev->user));
	check_terminated(ev->nick, sizeof(ev->nick));
	for (i = 0; i < NJ_APP_CHANNELS; i++)
		check_terminated(ev->channels[i], sizeof(ev->channels[i]));
	check_terminated(ev->server, sizeof(ev->server));
	check_terminated(ev->helo, sizeof(ev->helo));
	check_terminated(ev->mail_from, sizeof(ev->mail_from));
	check_terminated(ev->client_sw, sizeof(ev->client_sw));
	check_terminated(ev->server_sw, sizeof(ev->server_sw));
	if (ev->nchannels > NJ_APP_CHANNELS)
		abort();
}

/* Feeds the segments whole (bytewise == false) or one byte at a time. */
static enum nj_app_proto
run(const uint8_t *data, size_t size, bool bytewise, struct nj_app_state *st,
    struct nj_app_evidence *ev)
{
	struct nj_cursor c;
	enum nj_app_proto r = NJ_APP_PENDING;
	uint8_t flags;

	nj_cur_init(&c, data, size);
	flags = nj_cur_u8(&c);
	nj_app_init(st, ev, (flags & 1) ? NJ_APP_INFERRED : 0);
	while (nj_cur_left(&c) > 0) {
		uint8_t h = nj_cur_u8(&c);
		struct nj_cursor seg;
		size_t i;

		nj_cur_sub(&c, h >> SEG_LEN_SHIFT, &seg);
		if (!bytewise)
			r = nj_app_feed(st, ev, h & SEG_DIR_BIT, nj_cur_ptr(&seg),
			    nj_cur_left(&seg));
		else
			for (i = 0; i < seg.len; i++)
				r = nj_app_feed(st, ev, h & SEG_DIR_BIT,
				    seg.base + i, 1);
	}
	return r;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nj_app_evidence ev1, ev2;
	struct nj_app_state st1, st2;

	if (run(data, size, false, &st1, &ev1) !=
	    run(data, size, true, &st2, &ev2))
		abort();
	check_evidence(&ev1);
	if (memcmp(&ev1, &ev2, offsetof(struct nj_app_evidence, scratch)) != 0)
		abort();
	if (nj_app_done(&st1) != nj_app_done(&st2))
		abort();
	return 0;
}
