/*
 * cursor.h - the one bounds-checked reader for untrusted bytes.
 *
 * Every decoder reads packet memory through a struct nj_cursor. A read
 * past the end fails, returns zero, and sets the sticky truncated flag,
 * so a decoder may read a whole header and check once at the end.
 * skip() only moves forward; sub() narrows a cursor to a child of known
 * length (IP hands L4 min(total length, captured), UDP hands DNS
 * min(udp length, remaining)) so inner decoders never see padding.
 * No packet memory is ever cast to a struct; multi-byte values are
 * assembled byte by byte, so alignment does not matter.
 */
#ifndef NJ_CURSOR_H
#define NJ_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct nj_cursor {
	const uint8_t *base; /* first byte of the region */
	size_t len;          /* bytes in the region */
	size_t off;          /* next byte to read, 0..len */
	bool truncated;      /* a read went past len (sticky) */
};

static inline void
nj_cur_init(struct nj_cursor *c, const uint8_t *p, size_t len)
{
	c->base = p;
	c->len = p != NULL ? len : 0;
	c->off = 0;
	c->truncated = false;
}

static inline size_t
nj_cur_left(const struct nj_cursor *c)
{
	return c->len - c->off;
}

static inline const uint8_t *
nj_cur_ptr(const struct nj_cursor *c)
{
	return c->base + c->off;
}

/* True when n more bytes can be read; never sets the truncated flag. */
static inline bool
nj_cur_has(const struct nj_cursor *c, size_t n)
{
	return n <= c->len - c->off;
}

static inline bool
nj_cur_need(struct nj_cursor *c, size_t n)
{
	if (!nj_cur_has(c, n)) {
		c->truncated = true;
		c->off = c->len;
		return false;
	}
	return true;
}

static inline uint8_t
nj_cur_u8(struct nj_cursor *c)
{
	if (!nj_cur_need(c, 1))
		return 0;
	return c->base[c->off++];
}

/* The next byte without consuming it; 0 (and no flag) at the end. */
static inline uint8_t
nj_cur_peek8(const struct nj_cursor *c)
{
	return nj_cur_has(c, 1) ? c->base[c->off] : 0;
}

static inline uint16_t
nj_cur_be16(struct nj_cursor *c)
{
	const uint8_t *p;

	if (!nj_cur_need(c, 2))
		return 0;
	p = c->base + c->off;
	c->off += 2;
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint16_t
nj_cur_le16(struct nj_cursor *c)
{
	const uint8_t *p;

	if (!nj_cur_need(c, 2))
		return 0;
	p = c->base + c->off;
	c->off += 2;
	return (uint16_t)((p[1] << 8) | p[0]);
}

static inline uint32_t
nj_cur_be32(struct nj_cursor *c)
{
	const uint8_t *p;

	if (!nj_cur_need(c, 4))
		return 0;
	p = c->base + c->off;
	c->off += 4;
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	    ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static inline uint32_t
nj_cur_le32(struct nj_cursor *c)
{
	const uint8_t *p;

	if (!nj_cur_need(c, 4))
		return 0;
	p = c->base + c->off;
	c->off += 4;
	return ((uint32_t)p[3] << 24) | ((uint32_t)p[2] << 16) |
	    ((uint32_t)p[1] << 8) | (uint32_t)p[0];
}

/* Copies n bytes into dst; on a short read dst is zeroed. */
static inline bool
nj_cur_bytes(struct nj_cursor *c, void *dst, size_t n)
{
	if (!nj_cur_need(c, n)) {
		memset(dst, 0, n);
		return false;
	}
	memcpy(dst, c->base + c->off, n);
	c->off += n;
	return true;
}

static inline bool
nj_cur_skip(struct nj_cursor *c, size_t n)
{
	if (!nj_cur_need(c, n))
		return false;
	c->off += n;
	return true;
}

/*
 * Narrows: child covers the next min(n, left) bytes and the parent moves
 * past them. Returns false (and marks the parent truncated) when fewer
 * than n bytes were left; the child then holds what there was.
 */
static inline bool
nj_cur_sub(struct nj_cursor *c, size_t n, struct nj_cursor *child)
{
	size_t have = nj_cur_left(c);
	bool whole = n <= have;

	if (!whole) {
		n = have;
		c->truncated = true;
	}
	nj_cur_init(child, c->base + c->off, n);
	c->off += n;
	return whole;
}

#endif
