/* time.c: RFC 3339 timestamps to and from microseconds since the epoch, UTC. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "report.h"

/* n decimal digits at *p into *v; advances *p. */
static int
digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 0;
}

static int
expect(const char **p, const char *set)
{
	if (**p == '\0' || strchr(set, **p) == NULL)
		return -1;
	(*p)++;
	return 0;
}

/*
 * "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM|+HHMM|-HHMM)" or a bare "YYYY-MM-DD"
 * (midnight UTC), the forms nightjar writes and people type.
 */
int
rp_time_parse(const char *s, rp_time_t *out)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	struct tm tm;
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0, oh, om, sign, n;
	int64_t usec = 0, scale = 100000;
	time_t t;

	if (digits(&p, 4, &y) || expect(&p, "-") || digits(&p, 2, &mo) ||
	    expect(&p, "-") || digits(&p, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return -1;
	if (mo == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)))
		return -1;
	if (*p == '\0')
		goto done;
	if (expect(&p, "Tt ") || digits(&p, 2, &h) || expect(&p, ":") ||
	    digits(&p, 2, &mi) || expect(&p, ":") || digits(&p, 2, &sec))
		return -1;
	/* Second 60 is a leap second; fold it into the next minute's 0. */
	if (h > 23 || mi > 59 || sec > 60)
		return -1;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++) {
			usec += (*p - '0') * scale;
			scale /= 10;
		}
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '+' ? 1 : -1;
		/*
		 * RFC 3339 writes the offset "+00:00"; Suricata's EVE, and so
		 * nightjar's JSON, write "+0000". Both are read.
		 */
		if (digits(&p, 2, &oh) || (*p == ':' && expect(&p, ":")) ||
		    digits(&p, 2, &om) || oh > 23 || om > 59)
			return -1;
		n = sign * (oh * 60 + om);
		mi -= n;
	} else
		return -1;
	if (*p != '\0')
		return -1;
done:
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	*out = (int64_t)t * 1000000 + usec;
	return 0;
}

void
rp_time_format(rp_time_t ts, char *buf, size_t len)
{
	struct tm tm;
	time_t t;

	if (ts == RP_TIME_NONE) {
		snprintf(buf, len, "-");
		return;
	}
	/* Floor division, so times before 1970 still print their own second. */
	t = (time_t)(ts / 1000000 - (ts % 1000000 < 0));
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "?");
}
