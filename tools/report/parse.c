/* parse.c: one nightjar JSON line (alert or flow) into a struct rp_alert. */
#include <string.h>

#include <jansson.h>

#include "report.h"

static const char *
str_or_empty(json_t *obj, const char *key)
{
	const char *s;

	s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

/* A count that is a non-negative integer, or 0 when it is anything else. */
static uint64_t
count_of(json_t *v)
{
	json_int_t i;

	if (!json_is_integer(v))
		return 0;
	i = json_integer_value(v);
	return i > 0 ? (uint64_t)i : 0;
}

/*
 * The attempts behind one alert: detectors fold repeats into their first
 * alert, so the evidence object named after the kind carries "attempts"
 * (campaigns), "probes" (scans) or "count" (folded repeats).  An alert with
 * none of them stands for one attempt.
 */
static uint64_t
attempts_of(json_t *root, const char *kind)
{
	static const char *const keys[] = { "attempts", "probes", "count" };
	json_t *ev;
	uint64_t n;
	size_t i;

	ev = json_object_get(root, kind);
	if (!json_is_object(ev))
		return 1;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((n = count_of(json_object_get(ev, keys[i]))) > 0)
			return n;
	return 1;
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

enum rp_line_kind
rp_parse_line(const char *line, size_t len, struct rp_alert *a,
    const char **why, void **keep)
{
	json_error_t err;
	json_t *root, *alert, *sev;
	const char *ts;

	*keep = NULL;
	*why = NULL;
	if (line == NULL) {
		*why = "line too long";
		return RP_LINE_BAD;
	}
	if (blank(line, len))
		return RP_LINE_BLANK;
	root = json_loadb(line, len, JSON_REJECT_DUPLICATES,
	    &err);
	if (root == NULL) {
		*why = "not JSON";
		return RP_LINE_BAD;
	}
	*keep = root;
	if (!json_is_object(root)) {
		*why = "not a JSON object";
		return RP_LINE_BAD;
	}
	if ((ts = json_string_value(json_object_get(root, "timestamp"))) ==
	    NULL) {
		*why = "no timestamp";
		return RP_LINE_BAD;
	}
	memset(a, 0, sizeof(*a));
	if (rp_time_parse(ts, &a->ts) == -1) {
		*why = "bad timestamp";
		return RP_LINE_BAD;
	}
	/* Flow lines may lack event_type; whatever has no alert is a flow. */
	if ((alert = json_object_get(root, "alert")) == NULL)
		return RP_LINE_FLOW;
	if (!json_is_object(alert)) {
		*why = "alert is not an object";
		return RP_LINE_BAD;
	}
	a->kind = json_string_value(json_object_get(alert, "kind"));
	if (a->kind == NULL || a->kind[0] == '\0') {
		*why = "alert without kind";
		return RP_LINE_BAD;
	}
	sev = json_object_get(alert, "severity");
	if (json_is_integer(sev) && json_integer_value(sev) >= 1 &&
	    json_integer_value(sev) <= 3)
		a->severity = (int)json_integer_value(sev);
	a->signature = str_or_empty(alert, "signature");
	a->src = str_or_empty(root, "src_ip");
	a->dst = str_or_empty(root, "dest_ip");
	a->hostname = str_or_empty(root, "hostname");
	a->attempts = attempts_of(root, a->kind);
	a->update = json_is_true(json_object_get(root, "update"));
	return RP_LINE_ALERT;
}

void
rp_parse_free(void *keep)
{
	json_decref(keep);
}
