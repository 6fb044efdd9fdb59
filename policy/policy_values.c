/*
 * policy_values.c - the scalar syntaxes of a policy: numbers, durations
 * and RFC 3339 expiry dates. No wall clock: dates become packet-time
 * microseconds and are compared by the caller.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy_impl.h"

int
nj_parse_number(const char *s, double *v)
{
	char *end;

	/* strtod takes hex, "inf" and "nan"; a policy wants plain decimals. */
	if (*s == '\0' || strspn(s, "0123456789.+-eE") != strlen(s))
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(*v))
		return -1;
	return 0;
}

int
nj_parse_duration(const char *s, double *secs)
{
	static const struct { char unit; double mult; } units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
	};
	char buf[32];
	size_t n = strlen(s), i;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (s[n - 1] != units[i].unit)
			continue;
		memcpy(buf, s, n - 1);
		buf[n - 1] = '\0';
		if (nj_parse_number(buf, secs) != 0)
			return -1;
		/* "1e306d" overflows to infinity, which cannot be printed back. */
		*secs *= units[i].mult;
		return *secs < 0 || !isfinite(*secs) ? -1 : 0;
	}
	if (nj_parse_number(s, secs) != 0 || *secs < 0)
		return -1;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int
digits(const char *s, int n, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return 0;
}

int
nj_parse_expiry(const char *s, nj_time_t *t)
{
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	unsigned y, mo, d, h = 0, mi = 0, sec = 0, oh, om;
	int64_t days, secs, off = 0;
	const char *p;

	if (strlen(s) < 10 || digits(s, 4, &y) || s[4] != '-' ||
	    digits(s + 5, 2, &mo) || s[7] != '-' || digits(s + 8, 2, &d))
		return -1;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0))))
		return -1;
	days = days_from_civil(y, mo, d);
	p = s + 10;
	if (*p == '\0') {
		/* A bare date covers that whole day: it expires at its end. */
		*t = NJ_SEC((uint64_t)(days + 1) * 86400);
		return 0;
	}
	if ((*p != 'T' && *p != 't' && *p != ' ') || digits(p + 1, 2, &h) ||
	    p[3] != ':' || digits(p + 4, 2, &mi) || p[6] != ':' ||
	    digits(p + 7, 2, &sec) || h > 23 || mi > 59 || sec > 60)
		return -1;
	p += 9;
	if (*p == '.') {
		/* Fractions of a second are allowed and ignored. */
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
		off = 0;
	else if ((*p == '+' || *p == '-') && !digits(p + 1, 2, &oh) &&
	    p[3] == ':' && !digits(p + 4, 2, &om) && p[6] == '\0' &&
	    oh < 24 && om < 60)
		off = (*p == '-' ? -1 : 1) * (int64_t)(oh * 3600 + om * 60);
	else
		return -1;
	secs = days * 86400 + h * 3600 + mi * 60 + (sec > 59 ? 59 : sec) - off;
	if (secs < 0)
		return -1;
	*t = NJ_SEC((uint64_t)secs);
	return 0;
}

char *
nj_format_time(nj_time_t t, char *buf, size_t len)
{
	int64_t z, era, secs;
	unsigned doe, yoe, doy, mp, d, m;
	int64_t y;

	/* The inverse of days_from_civil (H. Hinnant's civil_from_days). */
	secs = (int64_t)(t / NJ_USEC_PER_SEC);
	z = secs / 86400 + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	secs %= 86400;
	snprintf(buf, len, "%04lld-%02u-%02uT%02u:%02u:%02uZ", (long long)y, m,
	    d, (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60),
	    (unsigned)(secs % 60));
	return buf;
}
