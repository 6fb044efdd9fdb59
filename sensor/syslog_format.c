/*
 * syslog_format.c - RFC 5424 and RFC 3164 messages from an alert.
 *
 * RFC 5424 choices: TIMESTAMP is the packet time, UTC, microseconds
 * ("2026-03-02T10:00:01.000123Z"); APP-NAME "nightjar"; PROCID our pid;
 * MSGID the kind. One SD-ELEMENT [nightjar@32473 ...] holds the header
 * (sensor, severity, src_ip, src_port, dest_ip, dest_port, proto,
 * community_id, hostname, and repeats and last_seen on fold updates)
 * and then every evidence field as obj.key (obj is the kind for the
 * kind's own fields) cut to 32 characters, the SD-NAME limit; a list is
 * one SD-PARAM per item under the same name. PARAM-VALUEs are made
 * valid UTF-8 and escape '"', '\' and ']' (section 6.3.3). MSG is the
 * signature; it may carry names from the wire in UTF-8, so it is always
 * MSG-UTF8: a BOM, then UTF-8 (section 6.4).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "sensor/out_json.h"
#include "sensor/syslog_format.h"

/*
 * An append-only bounded buffer: what does not fit is dropped, cut at a
 * UTF-8 character boundary, and nothing is appended after a cut.
 */
struct sbuf {
	char *p;
	size_t len, used;
	bool full;
};

static void
sb_put(struct sbuf *b, const char *s, size_t n)
{
	if (b->full || b->used + 1 >= b->len)
		return;
	if (n > b->len - 1 - b->used) {
		n = b->len - 1 - b->used;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		b->full = true;
	}
	memcpy(b->p + b->used, s, n);
	b->used += n;
	b->p[b->used] = '\0';
}

static void sb_printf(struct sbuf *, const char *, ...) NJ_PRINTF(2, 3);

static void
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		sb_put(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n :
		    sizeof(tmp) - 1);
}

int
nj_syslog_severity(int alert_sev)
{
	/*
	 * An alert is not a failure of this host, so nothing above err:
	 * high -> err (3), medium -> warning (4), low -> notice (5).
	 */
	switch (alert_sev) {
	case 1:
		return LOG_ERR;
	case 2:
		return LOG_WARNING;
	default:
		return LOG_NOTICE;
	}
}

/* PRINTUSASCII only (RFC 5424 HOSTNAME, APP-NAME, MSGID), at most max. */
static void
sb_token(struct sbuf *b, const char *s, size_t max)
{
	size_t i;
	char c;

	if (s == NULL || s[0] == '\0') {
		sb_put(b, "-", 1);
		return;
	}
	for (i = 0; s[i] != '\0' && i < max; i++) {
		c = s[i];
		if (c < 33 || c > 126)
			c = '_';
		sb_put(b, &c, 1);
	}
}

/* An SD-NAME: 1-32 PRINTUSASCII except '=', ' ', ']' and '"'. */
static void
sb_sdname(struct sbuf *b, const char *obj, const char *key)
{
	char name[80], c;
	size_t i;

	if (obj != NULL)
		snprintf(name, sizeof(name), "%s.%s", obj, key);
	else
		snprintf(name, sizeof(name), "%s", key);
	for (i = 0; name[i] != '\0' && i < 32; i++) {
		c = name[i];
		if (c < 33 || c > 126 || c == '=' || c == ']' || c == '"')
			c = '_';
		sb_put(b, &c, 1);
	}
}

/* A PARAM-VALUE: valid UTF-8 with '"', '\' and ']' escaped. */
static void
sb_sdvalue(struct sbuf *b, const char *v, size_t n)
{
	char clean[NJ_ALERT_STR_MAX * 3 + 8];
	size_t i, len;

	len = nj_utf8_sanitize(v, n, clean, sizeof(clean));
	for (i = 0; i < len; i++) {
		if (clean[i] == '"' || clean[i] == '\\' || clean[i] == ']')
			sb_put(b, "\\", 1);
		sb_put(b, clean + i, 1);
	}
}

static void
sb_param(struct sbuf *b, const char *obj, const char *key, const char *v,
    size_t n)
{
	sb_put(b, " ", 1);
	sb_sdname(b, obj, key);
	sb_put(b, "=\"", 2);
	sb_sdvalue(b, v, n);
	sb_put(b, "\"", 1);
}

static void
field_params(struct sbuf *b, const struct nj_alert *a,
    const struct nj_alert_field *f)
{
	const char *obj = nj_alert_field_obj(a, f), *p, *q;
	char v[64];

	switch (f->type) {
	case NJ_FIELD_STR:
		sb_param(b, obj, f->key, f->s, (size_t)-1);
		return;
	case NJ_FIELD_LIST:
		for (p = f->s; *p != '\0'; p = *q != '\0' ? q + 1 : q) {
			if ((q = strchr(p, NJ_ALERT_LIST_SEP)) == NULL)
				q = p + strlen(p);
			sb_param(b, obj, f->key, p, (size_t)(q - p));
		}
		return;
	case NJ_FIELD_INT:
		snprintf(v, sizeof(v), "%lld", (long long)f->v.i);
		break;
	case NJ_FIELD_UINT:
		snprintf(v, sizeof(v), "%llu", (unsigned long long)f->v.u);
		break;
	case NJ_FIELD_DBL:
		snprintf(v, sizeof(v), "%.17g", f->v.d);
		break;
	case NJ_FIELD_BOOL:
		snprintf(v, sizeof(v), "%s", f->v.b ? "true" : "false");
		break;
	case NJ_FIELD_TIME:
		nj_time_rfc3339(f->v.t, 6, v, sizeof(v));
		break;
	default:
		return;
	}
	sb_param(b, obj, f->key, v, (size_t)-1);
}

static void
header_params(struct sbuf *b, const struct nj_alert *a, const char *sensor)
{
	char v[64], pb[8];

	sb_param(b, NULL, "sensor", sensor, (size_t)-1);
	snprintf(v, sizeof(v), "%d", a->severity);
	sb_param(b, NULL, "severity", v, (size_t)-1);
	if (a->has_tuple) {
		sb_param(b, NULL, "src_ip", nj_addr_str(&a->src, v, sizeof(v)),
		    (size_t)-1);
		snprintf(v, sizeof(v), "%u", a->sport);
		sb_param(b, NULL, "src_port", v, (size_t)-1);
		sb_param(b, NULL, "dest_ip", nj_addr_str(&a->dst, v, sizeof(v)),
		    (size_t)-1);
		snprintf(v, sizeof(v), "%u", a->dport);
		sb_param(b, NULL, "dest_port", v, (size_t)-1);
		sb_param(b, NULL, "proto", nj_eve_proto(a->proto, pb,
		    sizeof(pb)), (size_t)-1);
		if (a->community_id[0] != '\0')
			sb_param(b, NULL, "community_id", a->community_id,
			    (size_t)-1);
	}
	if (a->hostname[0] != '\0')
		sb_param(b, NULL, "hostname", a->hostname, (size_t)-1);
	if (a->is_fold_update) {
		snprintf(v, sizeof(v), "%llu", (unsigned long long)a->folded);
		sb_param(b, NULL, "repeats", v, (size_t)-1);
		sb_param(b, NULL, "last_seen", nj_time_rfc3339(a->last_seen, 6,
		    v, sizeof(v)), (size_t)-1);
	}
}

size_t
nj_syslog_rfc5424(const struct nj_alert *a, const char *sensor,
    const struct nj_syslog_hdr *h, char *buf, size_t len)
{
	struct sbuf b = { buf, len, 0, false };
	char ts[40], sig[sizeof(a->signature) * 3];
	int i;

	if (len == 0)
		return 0;
	buf[0] = '\0';
	sb_printf(&b, "<%d>1 %s ", h->facility | nj_syslog_severity(a->severity),
	    nj_time_rfc3339(a->ts, 6, ts, sizeof(ts)));
	sb_token(&b, h->hostname, 255);
	sb_printf(&b, " nightjar %d ", h->pid);
	sb_token(&b, a->kind, 32);
	sb_put(&b, " [" NJ_SYSLOG_SDID, 1 + strlen("[" NJ_SYSLOG_SDID));
	header_params(&b, a, sensor);
	for (i = 0; i < a->nfields && i < NJ_ALERT_MAX_FIELDS; i++)
		field_params(&b, a, &a->fields[i]);
	sb_put(&b, "] \xef\xbb\xbf", 5);
	nj_utf8_sanitize(a->signature, (size_t)-1, sig, sizeof(sig));
	sb_put(&b, sig, strlen(sig));
	return b.used;
}

size_t
nj_syslog_rfc3164(const struct nj_alert *a, const char *sensor,
    const struct nj_syslog_hdr *h, char *buf, size_t len)
{
	struct sbuf b = { buf, len, 0, false };
	char ts[32], sig[sizeof(a->signature) * 3], s1[NJ_ADDRSTRLEN];
	char s2[NJ_ADDRSTRLEN];
	time_t sec = (time_t)(a->ts / NJ_USEC_PER_SEC);
	struct tm tm;

	if (len == 0)
		return 0;
	buf[0] = '\0';
	/* RFC 3164 section 4.1.2: "Mmm dd hh:mm:ss", day space-padded. */
	if (gmtime_r(&sec, &tm) == NULL ||
	    strftime(ts, sizeof(ts), "%b %e %H:%M:%S", &tm) == 0)
		snprintf(ts, sizeof(ts), "Jan  1 00:00:00");
	sb_printf(&b, "<%d>%s ", h->facility | nj_syslog_severity(a->severity),
	    ts);
	sb_token(&b, h->hostname, 255);
	sb_printf(&b, " nightjar[%d]: ", h->pid);
	sb_token(&b, a->kind, 32);
	sb_put(&b, ": ", 2);
	nj_utf8_sanitize(a->signature, (size_t)-1, sig, sizeof(sig));
	sb_put(&b, sig, strlen(sig));
	sb_put(&b, " sensor=", 8);
	sb_token(&b, sensor, 64);
	if (a->has_tuple)
		sb_printf(&b, " src=%s sport=%u dst=%s dport=%u",
		    nj_addr_str(&a->src, s1, sizeof(s1)), a->sport,
		    nj_addr_str(&a->dst, s2, sizeof(s2)), a->dport);
	if (a->is_fold_update)
		sb_printf(&b, " repeats=%llu", (unsigned long long)a->folded);
	return b.used;
}
