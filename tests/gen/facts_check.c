/*
 * facts_check.c - validates a nightjar-gen facts file against the schema
 * and against what the scenario's story must plant.
 *
 *   gen_facts_check FACTS.json SCENARIO [--empty] [KIND | KIND.KEY=VALUE]...
 *
 * KIND: some fact has that kind. KIND.KEY=VALUE: some fact of that kind has
 * KEY equal to VALUE (a string, or a number written as in JSON). --empty:
 * the story plants nothing and every kind is in must_not.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static const char *const kinds[] = { "scan", "flood",
	"distributed-campaign", "outbound-irc", "outbound-smtp",
	"private-destination", "bogon-destination", "no-egress",
	"lateral-ssh", "unknown-local-host", "dns-unsanctioned-resolver",
	"dns-tunnel", "dns-nxdomain", "dns-quiet-host", "dns-private-answer" };
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static int failures;

static void
fail(const char *what, const char *detail)
{
	fprintf(stderr, "FAIL: %s%s%s\n", what, detail ? ": " : "",
	    detail ? detail : "");
	failures++;
}

static int
is_kind(const char *k)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (strcmp(kinds[i], k) == 0)
			return 1;
	return 0;
}

static int
is_ip(json_t *v)
{
	unsigned char b[16];
	const char *s = json_string_value(v);

	return s != NULL && (inet_pton(AF_INET, s, b) == 1 ||
	    inet_pton(AF_INET6, s, b) == 1);
}

/* RFC 3339 with microseconds and Z, as the generator promises. */
static int
is_time(json_t *v)
{
	const char *s = json_string_value(v);

	return s != NULL && strlen(s) == 27 && s[4] == '-' && s[10] == 'T' &&
	    s[19] == '.' && s[26] == 'Z';
}

static void
check_fact(json_t *f, size_t i)
{
	char where[64];
	json_t *k = json_object_get(f, "kind"), *v;
	const char *kind = json_string_value(k);
	const char *key;

	snprintf(where, sizeof(where), "facts[%zu]", i);
	if (!json_is_object(f) || kind == NULL || !is_kind(kind)) {
		fail(where, "kind missing or not a stable kind");
		return;
	}
	/* A distributed campaign alone has no single source. */
	v = json_object_get(f, "src");
	if (!is_ip(v) && !(json_is_null(v) &&
	    strcmp(kind, "distributed-campaign") == 0))
		fail(where, "src is not an address");
	v = json_object_get(f, "dst");
	if (v == NULL || (!json_is_null(v) && !is_ip(v)))
		fail(where, "dst is neither an address nor null");
	v = json_object_get(f, "dport");
	if (v == NULL || (!json_is_null(v) && (!json_is_integer(v) ||
	    json_integer_value(v) < 1 || json_integer_value(v) > 65535)))
		fail(where, "dport is neither a port nor null");
	json_object_foreach(f, key, v) {
		if ((strcmp(key, "first") == 0 || strcmp(key, "last") == 0) &&
		    !is_time(v))
			fail(where, "first/last is not an RFC 3339 time");
	}
	if (json_object_get(f, "first") && json_object_get(f, "last") &&
	    strcmp(json_string_value(json_object_get(f, "first")),
	    json_string_value(json_object_get(f, "last"))) > 0)
		fail(where, "first comes after last");
	if (strcmp(kind, "scan") == 0) {
		const char *sp = json_string_value(json_object_get(f, "speed"));
		const char *sh = json_string_value(json_object_get(f, "shape"));

		if (sp == NULL || (strcmp(sp, "fast") && strcmp(sp, "slow") &&
		    strcmp(sp, "normal")))
			fail(where, "scan speed is not fast, normal or slow");
		if (sh == NULL || (strcmp(sh, "vertical") &&
		    strcmp(sh, "horizontal") && strcmp(sh, "block")))
			fail(where, "scan shape is not vertical, horizontal or "
			    "block");
		if (!json_is_string(json_object_get(f, "flavour")) ||
		    !json_is_integer(json_object_get(f, "probes")))
			fail(where, "scan lacks flavour or probes");
	}
}

/* Does some fact of kind have key equal to want (string or JSON number)? */
static int
has(json_t *facts, const char *kind, const char *key, const char *want)
{
	json_t *f, *v;
	size_t i;
	char num[64];

	json_array_foreach(facts, i, f) {
		if (strcmp(json_string_value(json_object_get(f, "kind")), kind))
			continue;
		if (key == NULL)
			return 1;
		if ((v = json_object_get(f, key)) == NULL)
			continue;
		if (json_is_string(v) && strcmp(json_string_value(v), want) == 0)
			return 1;
		if (json_is_integer(v)) {
			snprintf(num, sizeof(num), "%lld",
			    (long long)json_integer_value(v));
			if (strcmp(num, want) == 0)
				return 1;
		}
		if (json_is_boolean(v) && strcmp(json_is_true(v) ? "true" :
		    "false", want) == 0)
			return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	json_error_t err;
	json_t *doc, *facts, *must_not, *f, *v;
	size_t i, j;
	int empty = 0;
	char buf[256], *dot, *eq;

	if (argc < 3) {
		fprintf(stderr, "usage: gen_facts_check FACTS SCENARIO ...\n");
		return 2;
	}
	if ((doc = json_load_file(argv[1], 0, &err)) == NULL) {
		fprintf(stderr, "FAIL: %s:%d: %s\n", argv[1], err.line, err.text);
		return 1;
	}
	if (!json_is_object(doc))
		fail("top level", "not an object");
	if (!json_is_string(json_object_get(doc, "scenario")) ||
	    strcmp(json_string_value(json_object_get(doc, "scenario")), argv[2]))
		fail("scenario", "does not name the scenario asked for");
	if (!json_is_integer(json_object_get(doc, "seed")))
		fail("seed", "missing");
	if (!is_time(json_object_get(doc, "start")) ||
	    !is_time(json_object_get(doc, "end")))
		fail("start/end", "not RFC 3339 times");
	if (!json_is_string(json_object_get(doc, "sensor")) ||
	    strcmp(json_string_value(json_object_get(doc, "sensor")), "fw1"))
		fail("sensor", "is not fw1 (policy/demo.yaml)");
	v = json_object_get(doc, "packets");
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		fail("packets", "not a positive count");
	facts = json_object_get(doc, "facts");
	must_not = json_object_get(doc, "must_not");
	if (!json_is_array(facts) || !json_is_array(must_not)) {
		fail("facts/must_not", "not arrays");
		return 1;
	}
	json_array_foreach(facts, i, f)
		check_fact(f, i);
	json_array_foreach(must_not, i, v) {
		if (!json_is_string(v) || !is_kind(json_string_value(v)))
			fail("must_not", "holds something not a stable kind");
		else if (has(facts, json_string_value(v), NULL, NULL))
			fail("must_not", "names a kind the facts plant");
	}
	for (j = 3; j < (size_t)argc; j++) {
		if (strcmp(argv[j], "--empty") == 0) {
			empty = 1;
			continue;
		}
		snprintf(buf, sizeof(buf), "%s", argv[j]);
		dot = strchr(buf, '.');
		eq = strchr(buf, '=');
		if (dot != NULL && eq != NULL && dot < eq) {
			*dot = *eq = '\0';
			if (!has(facts, buf, dot + 1, eq + 1))
				fail("expected fact not planted", argv[j]);
		} else if (!has(facts, buf, NULL, NULL))
			fail("expected kind not planted", argv[j]);
	}
	if (empty && (json_array_size(facts) != 0 ||
	    json_array_size(must_not) != NKINDS))
		fail("background", "plants facts or leaves kinds out of "
		    "must_not");
	json_decref(doc);
	return failures ? 1 : 0;
}
