/*
 * options.c - the type-length-value option walk shared by IPv4 (RFC 791
 * 3.1) and TCP (RFC 9293 3.1), which use the same layout: kind 0 ends
 * the list, kind 1 is a one-byte pad, every other kind has a length byte
 * covering kind and length.
 */
#include "decoders/proto.h"

#define OPT_EOL 0
#define OPT_NOP 1

bool
nj_options_walk(struct nj_cursor *opt, bool (*len_ok)(uint8_t, uint8_t))
{
	uint8_t kind, len;

	while (nj_cur_left(opt) > 0) {
		kind = nj_cur_u8(opt);
		if (kind == OPT_EOL)
			return true;
		if (kind == OPT_NOP)
			continue;
		if (nj_cur_left(opt) < 1)
			return false;
		len = nj_cur_u8(opt);
		/* The length must cover kind and length and fit in the area. */
		if (len < 2 || (size_t)len - 2 > nj_cur_left(opt))
			return false;
		if (len_ok != NULL && !len_ok(kind, len))
			return false;
		nj_cur_skip(opt, (size_t)len - 2);
	}
	return true;
}
