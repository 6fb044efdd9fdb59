/*
 * capture_stub.c - a test-only stand-in for sensor/alert.c and the
 * pipeline's emit, used until the alert pipeline is built: each alert
 * is kept as strings for capture.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sensor/alert.h"
#include "tests/odddns/capture.h"

static struct cap_alert caps[CAP_MAX];
static size_t ncaps;

void
nj_alert_init(struct nj_alert *a, const char *kind, int severity,
    nj_time_t ts)
{
	memset(a, 0, sizeof(*a));
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
	a->src = *src;
	a->dst = *dst;
	a->sport = sport;
	a->dport = dport;
	a->proto = proto;
}

void
nj_alert_sig(struct nj_alert *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->signature, sizeof(a->signature), fmt, ap);
	va_end(ap);
}

static struct nj_alert_field *
field(struct nj_alert *a, const char *key, enum nj_field_type t)
{
	struct nj_alert_field *f;

	if (a->nfields >= NJ_ALERT_MAX_FIELDS)
		return NULL;
	f = &a->fields[a->nfields++];
	memset(f, 0, sizeof(*f));
	snprintf(f->key, sizeof(f->key), "%s", key);
	f->type = (uint8_t)t;
	return f;
}

void
nj_alert_str(struct nj_alert *a, const char *key, const char *val)
{
	struct nj_alert_field *f = field(a, key, NJ_FIELD_STR);

	if (f != NULL)
		snprintf(f->s, sizeof(f->s), "%s", val);
}

void
nj_alert_int(struct nj_alert *a, const char *key, int64_t val)
{
	struct nj_alert_field *f = field(a, key, NJ_FIELD_INT);

	if (f != NULL)
		f->v.i = val;
}

void
nj_alert_uint(struct nj_alert *a, const char *key, uint64_t val)
{
	struct nj_alert_field *f = field(a, key, NJ_FIELD_UINT);

	if (f != NULL)
		f->v.u = val;
}

void
nj_alert_dbl(struct nj_alert *a, const char *key, double val)
{
	struct nj_alert_field *f = field(a, key, NJ_FIELD_DBL);

	if (f != NULL)
		f->v.d = val;
}

void
nj_alert_bool(struct nj_alert *a, const char *key, bool val)
{
	struct nj_alert_field *f = field(a, key, NJ_FIELD_BOOL);

	if (f != NULL)
		f->v.b = val;
}

void
nj_alert_time(struct nj_alert *a, const char *key, nj_time_t val)
{
	struct nj_alert_field *f = field(a, key, NJ_FIELD_TIME);

	if (f != NULL)
		f->v.t = val;
}

void
nj_alert_list(struct nj_alert *a, const char *key, const char *item)
{
	struct nj_alert_field *f = NULL;
	size_t n;
	int i;

	for (i = 0; i < a->nfields; i++)
		if (strcmp(a->fields[i].key, key) == 0)
			f = &a->fields[i];
	if (f == NULL) {
		if ((f = field(a, key, NJ_FIELD_LIST)) != NULL)
			snprintf(f->s, sizeof(f->s), "%s", item);
		return;
	}
	n = strlen(f->s);
	snprintf(f->s + n, sizeof(f->s) - n, ",%s", item);
}

void
nj_alert_emit(struct nj_sensor *s, struct nj_alert *a)
{
	struct cap_alert *c;
	const struct nj_alert_field *f;
	int i;

	(void)s;
	if (ncaps >= CAP_MAX)
		return;
	c = &caps[ncaps++];
	memset(c, 0, sizeof(*c));
	snprintf(c->kind, sizeof(c->kind), "%s", a->kind);
	nj_addr_str(&a->src, c->src, sizeof(c->src));
	nj_addr_str(&a->dst, c->dst, sizeof(c->dst));
	c->dport = a->dport;
	snprintf(c->sig, sizeof(c->sig), "%s", a->signature);
	for (i = 0; i < a->nfields && c->n < CAP_FIELDS; i++, c->n++) {
		f = &a->fields[i];
		snprintf(c->key[c->n], sizeof(c->key[0]), "%s", f->key);
		switch (f->type) {
		case NJ_FIELD_STR:
		case NJ_FIELD_LIST:
			snprintf(c->val[c->n], sizeof(c->val[0]), "%s", f->s);
			break;
		case NJ_FIELD_INT:
			snprintf(c->val[c->n], sizeof(c->val[0]), "%lld",
			    (long long)f->v.i);
			break;
		case NJ_FIELD_UINT:
			snprintf(c->val[c->n], sizeof(c->val[0]), "%llu",
			    (unsigned long long)f->v.u);
			break;
		case NJ_FIELD_DBL:
			snprintf(c->val[c->n], sizeof(c->val[0]), "%g", f->v.d);
			break;
		case NJ_FIELD_BOOL:
			snprintf(c->val[c->n], sizeof(c->val[0]), "%s",
			    f->v.b ? "true" : "false");
			break;
		default:
			snprintf(c->val[c->n], sizeof(c->val[0]), "%llu",
			    (unsigned long long)f->v.t);
			break;
		}
	}
}

void
cap_start(struct nj_sensor *s)
{
	(void)s;
	ncaps = 0;
}

void
cap_collect(struct nj_sensor *s)
{
	(void)s;
}

void
cap_stop(struct nj_sensor *s)
{
	(void)s;
}

size_t
cap_count(const char *kind)
{
	size_t i, n = 0;

	for (i = 0; i < ncaps; i++)
		n += strcmp(caps[i].kind, kind) == 0;
	return n;
}

const struct cap_alert *
cap_get(const char *kind, size_t k)
{
	size_t i;

	for (i = 0; i < ncaps; i++)
		if (strcmp(caps[i].kind, kind) == 0 && k-- == 0)
			return &caps[i];
	return NULL;
}

const char *
cap_field(const struct cap_alert *a, const char *key)
{
	int i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->key[i], key) == 0)
			return a->val[i];
	return "";
}
