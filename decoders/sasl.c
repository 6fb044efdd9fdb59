/*
 * sasl.c - the user name from a SASL response (RFC 4422): PLAIN (RFC 4616)
 * and LOGIN, base64 (RFC 4648) as SMTP AUTH, POP3 AUTH and IMAP
 * AUTHENTICATE carry them. Passwords are decoded into a local buffer only
 * and wiped.
 */
#include <string.h>

#include "decoders/app.h"
#include "decoders/cursor.h"

#define NJ_APP_B64_INVALID 0xff

static uint8_t
b64_value(uint8_t c)
{
	if (c >= 'A' && c <= 'Z')
		return (uint8_t)(c - 'A');
	if (c >= 'a' && c <= 'z')
		return (uint8_t)(c - 'a' + 26);
	if (c >= '0' && c <= '9')
		return (uint8_t)(c - '0' + 52);
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return NJ_APP_B64_INVALID;
}

/* Decodes base64 text up to the first '=' or invalid byte; returns bytes. */
static size_t
b64_decode(const char *src, uint8_t *dst, size_t size)
{
	struct nj_cursor c;
	uint32_t acc = 0;
	unsigned bits = 0;
	size_t n = 0;

	nj_cur_init(&c, (const uint8_t *)src, strlen(src));
	while (nj_cur_left(&c) > 0 && n < size) {
		uint8_t v = b64_value(nj_cur_u8(&c));

		if (v == NJ_APP_B64_INVALID)
			break;
		acc = (acc << 6) | v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			dst[n++] = (uint8_t)(acc >> bits);
		}
	}
	return n;
}

/*
 * The user name from a SASL response: LOGIN sends it alone, PLAIN sends
 * authzid NUL authcid NUL password (RFC 4616). The password is wiped.
 */
void
nj_app_sasl_user(char *b64, bool plain, struct nj_app_evidence *ev)
{
	uint8_t raw[NJ_APP_SCRATCH_MAX];
	size_t n = b64_decode(b64, raw, sizeof(raw)), start = 0, end;

	if (plain) {
		while (start < n && raw[start] != '\0')
			start++;
		start++;
	}
	for (end = start; end < n && raw[end] != '\0'; end++)
		continue;
	if (start < end)
		nj_app_capture(ev->user, sizeof(ev->user), 0, raw + start,
		    end - start);
	memset(raw, 0, sizeof(raw));
	memset(b64, 0, NJ_APP_SCRATCH_MAX);
}
