/*
 * facts.c - the ground truth a scenario plants: what alert each story
 * should raise, who against whom, and the kinds that must not appear.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "gen.h"

/* The stable alert kinds of issue 4, minus capture-gap (never planted). */
static const char *const kinds[] = { "scan", "flood",
	"distributed-campaign", "outbound-irc", "outbound-smtp",
	"private-destination", "bogon-destination", "no-egress",
	"lateral-ssh", "unknown-local-host", "dns-unsanctioned-resolver",
	"dns-tunnel", "dns-nxdomain", "dns-quiet-host", "dns-private-answer" };

void
gen_time_str(gen_time_t t, char *buf, size_t len)
{
	time_t sec = (time_t)(t / 1000000);
	struct tm tm;
	char d[24];

	gmtime_r(&sec, &tm);
	strftime(d, sizeof(d), "%Y-%m-%dT%H:%M:%S", &tm);
	/* d holds exactly 19 characters for any year below 10000. */
	snprintf(buf, len, "%.19s.%06dZ", d, (int)(t % 1000000));
}

json_t *
gen_fact_ip(uint32_t ip)
{
	char b[16];

	return json_string(gen_ipstr(ip, b));
}

void
gen_fact_time(json_t *f, const char *key, gen_time_t t)
{
	char b[40];

	gen_time_str(t, b, sizeof(b));
	json_object_set_new(f, key, json_string(b));
}

json_t *
gen_fact(struct gen_ctx *g, const char *kind, uint32_t src, uint32_t dst,
    int dport)
{
	json_t *f = json_object();

	json_object_set_new(f, "kind", json_string(kind));
	/* Only a distributed campaign has no single source. */
	json_object_set_new(f, "src", src ? gen_fact_ip(src) : json_null());
	json_object_set_new(f, "dst", dst ? gen_fact_ip(dst) : json_null());
	json_object_set_new(f, "dport", dport > 0 ? json_integer(dport) :
	    json_null());
	json_array_append_new(g->facts, f);
	json_object_set_new(g->kinds, kind, json_true());
	return f;
}

int
gen_facts_write(struct gen_ctx *g, const char *scenario, const char *path)
{
	json_t *doc = json_object(), *must_not = json_array();
	char tmp[4096];
	size_t i;
	int rc = 0;

	json_object_set_new(doc, "generator", json_string("nightjar-gen "
	    NJ_VERSION));
	json_object_set_new(doc, "scenario", json_string(scenario));
	json_object_set_new(doc, "seed", json_integer((json_int_t)g->opt.seed));
	gen_fact_time(doc, "start", g->opt.start);
	gen_fact_time(doc, "end", g->opt.start + g->opt.duration);
	json_object_set_new(doc, "sensor", json_string(SITE_SENSOR));
	json_object_set_new(doc, "packets",
	    json_integer((json_int_t)gen_store_total(&g->store)));
	json_object_set_new(doc, "facts", json_incref(g->facts));
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (json_object_get(g->kinds, kinds[i]) == NULL)
			json_array_append_new(must_not, json_string(kinds[i]));
	json_object_set_new(doc, "must_not", must_not);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (json_dump_file(doc, tmp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) ==
	    -1 || rename(tmp, path) == -1) {
		remove(tmp);
		rc = gen_fail(g, "%s: cannot write the facts file", path);
	}
	json_decref(doc);
	return rc;
}
