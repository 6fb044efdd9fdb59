/*
 * alert_text.c - text helpers every output shares: RFC 3339 packet
 * time and UTF-8 sanitising of bytes that came off the wire.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sensor/alert.h"

char *
nj_time_rfc3339(nj_time_t t, int frac, char *buf, size_t len)
{
	time_t sec = (time_t)(t / NJ_USEC_PER_SEC);
	unsigned usec = (unsigned)(t % NJ_USEC_PER_SEC);
	struct tm tm;
	char base[32];

	if (gmtime_r(&sec, &tm) == NULL ||
	    strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
		snprintf(buf, len, "1970-01-01T00:00:00Z");
		return buf;
	}
	if (frac == 0)
		snprintf(buf, len, "%sZ", base);
	else if (frac > 0)
		snprintf(buf, len, "%s.%06uZ", base, usec);
	else
		snprintf(buf, len, "%s.%06u+0000", base, usec);
	return buf;
}

/*
 * Length of the valid UTF-8 sequence at p (n bytes left), or 0 when it
 * is invalid (RFC 3629 section 4: no overlongs, no surrogates, nothing
 * above U+10FFFF).
 */
static size_t
utf8_valid(const unsigned char *p, size_t n)
{
	size_t need, i;
	uint32_t cp;

	if (p[0] >= 0x01 && p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		need = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		need = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		need = 4;
		cp = p[0] & 0x07;
	} else
		return 0;
	if (n < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return need;
}

size_t
nj_utf8_sanitize(const char *in, size_t len, char *out, size_t outlen)
{
	static const char repl[] = "\xef\xbf\xbd"; /* U+FFFD */
	const unsigned char *p = (const unsigned char *)in;
	size_t i = 0, o = 0, n;

	if (outlen == 0)
		return 0;
	if (len == (size_t)-1)
		len = strlen(in);
	while (i < len) {
		n = utf8_valid(p + i, len - i);
		if (n == 0) {
			if (o + 3 >= outlen)
				break;
			memcpy(out + o, repl, 3);
			o += 3;
			i++;
			continue;
		}
		if (o + n >= outlen)
			break;
		memcpy(out + o, p + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	return o;
}
