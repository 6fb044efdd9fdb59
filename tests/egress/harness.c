/*
 * harness.c - the egress unit tests' sensor (harness.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "policy/policy.h"
#include "sensor/alert_pipeline.h"
#include "harness.h"

static void
capture(void *ctx, struct nj_sensor *s, struct nj_alert *a)
{
	struct harness *h = ctx;

	(void)s;
	assert_true(h->n < H_MAX_ALERTS);
	h->got[h->n++] = *a;
}

void
h_open(struct harness *h, const struct nj_detector *det, const char *yaml)
{
	struct nj_alert_options o;

	memset(h, 0, sizeof(*h));
	h->s.policy = nj_policy_parse("test.yaml", yaml, strlen(yaml), stderr);
	assert_non_null(h->s.policy);
	nj_alert_options_default(&o);
	h->s.alerts = nj_alerts_new(&o);
	assert_non_null(h->s.alerts);
	assert_int_equal(nj_alerts_add_enricher(h->s.alerts, capture, h), 0);
	h->det = det;
	h->st = det->init(&h->s);
	assert_non_null(h->st);
}

void
h_close(struct harness *h)
{
	h->det->fini(h->st);
	nj_alerts_free(h->s.alerts);
	nj_policy_free(h->s.policy);
}

struct nj_addr
h_addr(const char *s)
{
	struct nj_addr a;

	assert_int_equal(nj_addr_parse(s, &a), 0);
	return a;
}

void
h_flow(struct nj_flow *f, uint8_t proto, const char *orig, uint16_t op,
    const char *resp, uint16_t rp, nj_time_t first)
{
	memset(f, 0, sizeof(*f));
	f->proto = proto;
	f->orig = h_addr(orig);
	f->resp = h_addr(resp);
	f->orig_port = op;
	f->resp_port = rp;
	f->first = f->last = first;
	f->state = NJ_FLOW_ESTABLISHED;
}

void
h_app(struct harness *h, struct nj_flow *f, struct nj_app_flow *af,
    bool final)
{
	af->final = final;
	h->det->app(h->st, &h->s, f, &af->ev);
}

const struct nj_alert_field *
h_field(const struct nj_alert *a, const char *key)
{
	int i;

	for (i = 0; i < a->nfields; i++)
		if (a->fields[i].obj[0] == '\0' &&
		    strcmp(a->fields[i].key, key) == 0)
			return &a->fields[i];
	return NULL;
}

const char *
h_str(const struct nj_alert *a, const char *key)
{
	const struct nj_alert_field *f = h_field(a, key);

	return f != NULL ? f->s : NULL;
}

bool
h_bool(const struct nj_alert *a, const char *key)
{
	const struct nj_alert_field *f = h_field(a, key);

	assert_non_null(f);
	assert_int_equal(f->type, NJ_FIELD_BOOL);
	return f->v.b;
}

const char *
h_src(const struct nj_alert *a, char *buf)
{
	return nj_addr_str(&a->src, buf, NJ_ADDRSTRLEN);
}
