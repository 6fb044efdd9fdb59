/*
 * out_json.c - alerts as JSON lines after Suricata's EVE format, so the
 * tools that read eve.json read these (--json PATH, "-" for stdout).
 *
 * timestamp is packet time as EVE writes it: RFC 3339, UTC,
 * microseconds, "+0000" (e.g. "2026-03-02T10:00:01.000123+0000").
 * Strings from the wire are made valid UTF-8 first (invalid bytes
 * become U+FFFD) because jansson refuses anything else.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sensor/log.h"
#include "sensor/out_json.h"
#include "sensor/output.h"

struct out_json {
	struct nj_outfile f;
	uint64_t written, errors;
};

const char *
nj_eve_proto(uint8_t proto, char *buf, size_t len)
{
	switch (proto) {
	case 1:
		return "ICMP";
	case 6:
		return "TCP";
	case 17:
		return "UDP";
	case 58:
		return "IPv6-ICMP";
	default:
		snprintf(buf, len, "%u", proto);
		return buf;
	}
}

/* A jansson string from untrusted bytes (NULL-safe). */
static json_t *
json_wire_string(const char *s, size_t len)
{
	char buf[NJ_ALERT_STR_MAX * 3 + 8];
	size_t n;

	n = nj_utf8_sanitize(s, len, buf, sizeof(buf));
	return json_stringn(buf, n);
}

static json_t *
field_value(const struct nj_alert_field *f)
{
	char tbuf[40];
	json_t *arr;
	const char *p, *q;

	switch (f->type) {
	case NJ_FIELD_STR:
		return json_wire_string(f->s, (size_t)-1);
	case NJ_FIELD_INT:
		return json_integer((json_int_t)f->v.i);
	case NJ_FIELD_UINT:
		if (f->v.u > (uint64_t)INT64_MAX)
			return json_real((double)f->v.u);
		return json_integer((json_int_t)f->v.u);
	case NJ_FIELD_DBL:
		/* jansson has no NaN or infinity; null says "no number". */
		if (f->v.d != f->v.d || f->v.d > 1e308 || f->v.d < -1e308)
			return json_null();
		return json_real(f->v.d);
	case NJ_FIELD_BOOL:
		return json_boolean(f->v.b);
	case NJ_FIELD_TIME:
		return json_string(nj_time_rfc3339(f->v.t, -6, tbuf,
		    sizeof(tbuf)));
	case NJ_FIELD_LIST:
		arr = json_array();
		for (p = f->s; *p != '\0'; p = *q != '\0' ? q + 1 : q) {
			q = strchr(p, NJ_ALERT_LIST_SEP);
			if (q == NULL)
				q = p + strlen(p);
			json_array_append_new(arr, json_wire_string(p,
			    (size_t)(q - p)));
		}
		return arr;
	}
	return json_null();
}

json_t *
nj_alert_to_json(const struct nj_alert *a, const char *sensor)
{
	char buf[64], pbuf[8];
	json_t *o, *al, *obj;
	const struct nj_alert_field *f;
	const char *name;
	int i;

	o = json_object();
	json_object_set_new(o, "timestamp",
	    json_string(nj_time_rfc3339(a->ts, -6, buf, sizeof(buf))));
	json_object_set_new(o, "sensor", json_wire_string(sensor, (size_t)-1));
	json_object_set_new(o, "event_type", json_string("alert"));
	if (a->has_tuple) {
		if (a->src.family != 0)
			json_object_set_new(o, "src_ip", json_string(
			    nj_addr_str(&a->src, buf, sizeof(buf))));
		if (a->sport != 0 || a->proto == 6 || a->proto == 17)
			json_object_set_new(o, "src_port",
			    json_integer(a->sport));
		if (a->dst.family != 0)
			json_object_set_new(o, "dest_ip", json_string(
			    nj_addr_str(&a->dst, buf, sizeof(buf))));
		if (a->dport != 0 || a->proto == 6 || a->proto == 17)
			json_object_set_new(o, "dest_port",
			    json_integer(a->dport));
		if (a->proto != 0)
			json_object_set_new(o, "proto", json_string(
			    nj_eve_proto(a->proto, pbuf, sizeof(pbuf))));
		if (a->community_id[0] != '\0')
			json_object_set_new(o, "community_id",
			    json_string(a->community_id));
	}
	al = json_object();
	json_object_set_new(al, "kind", json_wire_string(a->kind, (size_t)-1));
	json_object_set_new(al, "severity", json_integer(a->severity));
	json_object_set_new(al, "signature",
	    json_wire_string(a->signature, (size_t)-1));
	json_object_set_new(o, "alert", al);
	if (a->hostname[0] != '\0')
		json_object_set_new(o, "hostname",
		    json_wire_string(a->hostname, (size_t)-1));
	if (a->is_update)
		json_object_set_new(o, "update", json_true());
	if (a->is_fold_update) {
		json_object_set_new(o, "repeats", json_integer(
		    (json_int_t)a->folded));
		json_object_set_new(o, "last_seen", json_string(
		    nj_time_rfc3339(a->last_seen, -6, buf, sizeof(buf))));
	}
	if (a->dropped_fields > 0)
		json_object_set_new(o, "fields_dropped",
		    json_integer(a->dropped_fields));
	for (i = 0; i < a->nfields && i < NJ_ALERT_MAX_FIELDS; i++) {
		f = &a->fields[i];
		name = nj_alert_field_obj(a, f);
		obj = json_object_get(o, name);
		if (obj == NULL) {
			obj = json_object();
			json_object_set_new(o, name, obj);
		}
		/* A field object cannot take the name of a header key. */
		if (!json_is_object(obj) || obj == al)
			continue;
		json_object_set_new(obj, f->key, field_value(f));
	}
	return o;
}

static void *
json_open(const char *path, const struct nj_alert_options *opt)
{
	struct out_json *j;

	(void)opt;
	if ((j = calloc(1, sizeof(*j))) == NULL)
		return NULL;
	if (nj_outfile_open(&j->f, "--json", path) == -1) {
		free(j);
		return NULL;
	}
	return j;
}

static void
json_write(void *st, const struct nj_alert *a, const char *sensor)
{
	struct out_json *j = st;
	json_t *o;

	if (j->f.fp == NULL)
		return;
	o = nj_alert_to_json(a, sensor);
	if (o == NULL || json_dumpf(o, j->f.fp, JSON_COMPACT) != 0 ||
	    fputc('\n', j->f.fp) == EOF)
		j->errors++;
	else
		j->written++;
	json_decref(o);
	/* One line at a time, so that tail -f and log shippers see it now. */
	fflush(j->f.fp);
}

static void
json_flush(void *st)
{
	struct out_json *j = st;

	if (j->f.fp != NULL)
		fflush(j->f.fp);
}

static void
json_reopen(void *st)
{
	struct out_json *j = st;

	nj_outfile_reopen(&j->f);
}

static void
json_stats(void *st, FILE *out)
{
	struct out_json *j = st;

	fprintf(out, "alerts.json.written %llu\n",
	    (unsigned long long)j->written);
	fprintf(out, "alerts.json.errors %llu\n", (unsigned long long)j->errors);
}

static void
json_close(void *st)
{
	struct out_json *j = st;

	nj_outfile_close(&j->f);
	free(j);
}

const struct nj_output_ops nj_out_json = {
	.name = "json",
	.open = json_open,
	.write = json_write,
	.flush = json_flush,
	.tick = NULL,
	.reopen = json_reopen,
	.queued = NULL,
	.stats = json_stats,
	.close = json_close,
};
