/*
 * alert.c - building an alert: the tuple, the sentence and the typed
 * evidence fields, every copy bounded and every cut marked.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sensor/alert.h"
#include "sensor/flow.h"

void
nj_alert_init(struct nj_alert *a, const char *kind, int severity,
    nj_time_t ts)
{
	/*
	 * Only the header is cleared: the field array is large and every
	 * field is written in full when it is added.
	 */
	memset(a, 0, offsetof(struct nj_alert, fields));
	a->kind = kind;
	a->severity = severity;
	a->ts = ts;
	a->fold_dst = true;
}

void
nj_alert_tuple(struct nj_alert *a, const struct nj_addr *src, uint16_t sport,
    const struct nj_addr *dst, uint16_t dport, uint8_t proto)
{
	a->has_tuple = true;
	if (src != NULL)
		a->src = *src;
	if (dst != NULL)
		a->dst = *dst;
	a->sport = sport;
	a->dport = dport;
	a->proto = proto;
}

/* Length of the UTF-8 character starting with byte c (1 if invalid). */
static size_t
utf8_lead_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		return 2;
	if ((c & 0xf0) == 0xe0)
		return 3;
	if ((c & 0xf8) == 0xf0)
		return 4;
	return 1;
}

/* The longest prefix of s, at most max bytes, that ends on a character. */
static size_t
utf8_cut(const char *s, size_t max)
{
	size_t i = 0, n;

	while (s[i] != '\0') {
		n = utf8_lead_len((unsigned char)s[i]);
		if (i + n > max)
			break;
		i += n;
	}
	return i < max ? i : max;
}

bool
nj_strlcpy_mark(char *dst, const char *src, size_t dstlen)
{
	size_t len = strlen(src), mark = sizeof(NJ_ALERT_TRUNC_MARK) - 1, n;

	if (dstlen == 0)
		return len > 0;
	if (len < dstlen) {
		memcpy(dst, src, len + 1);
		return false;
	}
	if (dstlen <= mark) {
		dst[0] = '\0';
		return true;
	}
	n = utf8_cut(src, dstlen - 1 - mark);
	memcpy(dst, src, n);
	memcpy(dst + n, NJ_ALERT_TRUNC_MARK, mark + 1);
	return true;
}

void
nj_alert_sig(struct nj_alert *a, const char *fmt, ...)
{
	char buf[sizeof(a->signature) * 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	nj_strlcpy_mark(a->signature, buf, sizeof(a->signature));
}

const char *
nj_alert_field_obj(const struct nj_alert *a, const struct nj_alert_field *f)
{
	return f->obj[0] != '\0' ? f->obj : a->kind;
}

struct nj_alert_field *
nj_alert_field_in(struct nj_alert *a, const char *obj, const char *key,
    enum nj_field_type type)
{
	struct nj_alert_field *f;

	if (obj == NULL)
		obj = "";
	if (a->nfields >= NJ_ALERT_MAX_FIELDS) {
		a->dropped_fields++;
		return NULL;
	}
	f = &a->fields[a->nfields++];
	memset(f, 0, offsetof(struct nj_alert_field, s) + 1);
	/* Object and key names are ours, not the wire's: cut silently. */
	snprintf(f->obj, sizeof(f->obj), "%s", obj);
	snprintf(f->key, sizeof(f->key), "%s", key);
	f->type = (uint8_t)type;
	return f;
}

void
nj_alert_str(struct nj_alert *a, const char *key, const char *val)
{
	struct nj_alert_field *f = nj_alert_field_in(a, "", key, NJ_FIELD_STR);

	if (f != NULL)
		f->truncated = nj_strlcpy_mark(f->s, val != NULL ? val : "",
		    sizeof(f->s));
}

void
nj_alert_int(struct nj_alert *a, const char *key, int64_t val)
{
	struct nj_alert_field *f = nj_alert_field_in(a, "", key, NJ_FIELD_INT);

	if (f != NULL)
		f->v.i = val;
}

void
nj_alert_uint(struct nj_alert *a, const char *key, uint64_t val)
{
	struct nj_alert_field *f = nj_alert_field_in(a, "", key, NJ_FIELD_UINT);

	if (f != NULL)
		f->v.u = val;
}

void
nj_alert_dbl(struct nj_alert *a, const char *key, double val)
{
	struct nj_alert_field *f = nj_alert_field_in(a, "", key, NJ_FIELD_DBL);

	if (f != NULL)
		f->v.d = val;
}

void
nj_alert_bool(struct nj_alert *a, const char *key, bool val)
{
	struct nj_alert_field *f = nj_alert_field_in(a, "", key, NJ_FIELD_BOOL);

	if (f != NULL)
		f->v.b = val;
}

void
nj_alert_time(struct nj_alert *a, const char *key, nj_time_t val)
{
	struct nj_alert_field *f = nj_alert_field_in(a, "", key, NJ_FIELD_TIME);

	if (f != NULL)
		f->v.t = val;
}

void
nj_alert_list(struct nj_alert *a, const char *key, const char *item)
{
	nj_alert_list_in(a, "", key, item);
}

void
nj_alert_list_in(struct nj_alert *a, const char *obj, const char *key,
    const char *item)
{
	struct nj_alert_field *f = NULL;
	size_t used, mark = sizeof(NJ_ALERT_TRUNC_MARK) - 1;
	int i;

	for (i = 0; i < a->nfields; i++) {
		if (a->fields[i].type == NJ_FIELD_LIST &&
		    strcmp(a->fields[i].obj, obj) == 0 &&
		    strcmp(a->fields[i].key, key) == 0) {
			f = &a->fields[i];
			break;
		}
	}
	if (f == NULL) {
		f = nj_alert_field_in(a, obj, key, NJ_FIELD_LIST);
		if (f == NULL)
			return;
		f->truncated = nj_strlcpy_mark(f->s, item, sizeof(f->s));
		return;
	}
	if (f->truncated)
		return;
	used = strlen(f->s);
	/*
	 * An item that does not fit whole is left out and the list marked:
	 * a half item would read as a different value.
	 */
	if (used + 1 + strlen(item) + 1 > sizeof(f->s)) {
		if (used + 1 + mark + 1 <= sizeof(f->s)) {
			f->s[used] = NJ_ALERT_LIST_SEP;
			memcpy(f->s + used + 1, NJ_ALERT_TRUNC_MARK, mark + 1);
		}
		f->truncated = true;
		return;
	}
	f->s[used] = NJ_ALERT_LIST_SEP;
	memcpy(f->s + used + 1, item, strlen(item) + 1);
}
