/*
 * capture_json.c - alerts captured through the real pipeline: a JSON
 * lines output to a temporary file, read back with jansson. The
 * pipeline's fold updates are skipped; a detector's own updates are
 * kept under the kind "KIND/update".
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sensor/alert_pipeline.h"
#include "sensor/sensor.h"
#include "tests/odddns/capture.h"

static char path[64];

void
cap_start(struct nj_sensor *s)
{
	int fd;

	cap_clear();
	snprintf(path, sizeof(path), "/tmp/nj-odddns-XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		abort();
	close(fd);
	if ((s->alerts = nj_alerts_new(NULL)) == NULL ||
	    nj_alerts_add_json(s->alerts, path) != 0)
		abort();
}

static void
value(json_t *v, char *out, size_t len)
{
	size_t i, n;
	json_t *item;

	if (json_is_string(v))
		snprintf(out, len, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(out, len, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, len, "%g", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(out, len, "%s", json_is_true(v) ? "true" : "false");
	else if (json_is_array(v)) {
		out[0] = '\0';
		json_array_foreach(v, i, item) {
			n = strlen(out);
			snprintf(out + n, len - n, "%s%s", i ? "," : "",
			    json_is_string(item) ? json_string_value(item) : "");
		}
	}
}

static void
one(json_t *o)
{
	struct cap_alert *c;
	json_t *al, *obj, *v;
	const char *k;

	al = json_object_get(o, "alert");
	if (json_object_get(o, "repeats") != NULL || al == NULL ||
	    (c = cap_add()) == NULL)
		return;
	value(json_object_get(al, "kind"), c->kind, sizeof(c->kind));
	if ((obj = json_object_get(o, c->kind)) != NULL &&
	    json_is_true(json_object_get(o, "update")))
		snprintf(c->kind + strlen(c->kind), sizeof(c->kind) -
		    strlen(c->kind), "/update");
	value(json_object_get(al, "signature"), c->sig, sizeof(c->sig));
	value(json_object_get(o, "src_ip"), c->src, sizeof(c->src));
	value(json_object_get(o, "dest_ip"), c->dst, sizeof(c->dst));
	c->dport = (unsigned)json_integer_value(json_object_get(o,
	    "dest_port"));
	if (obj == NULL)
		return;
	json_object_foreach(obj, k, v) {
		if (c->n >= CAP_FIELDS)
			break;
		snprintf(c->key[c->n], sizeof(c->key[0]), "%s", k);
		value(v, c->val[c->n], sizeof(c->val[0]));
		c->n++;
	}
}

void
cap_collect(struct nj_sensor *s)
{
	char line[65536];
	json_t *o;
	FILE *f;

	(void)s;
	cap_clear();
	if ((f = fopen(path, "r")) == NULL)
		abort();
	while (fgets(line, sizeof(line), f) != NULL) {
		if ((o = json_loads(line, 0, NULL)) == NULL)
			abort();
		one(o);
		json_decref(o);
	}
	fclose(f);
}

void
cap_stop(struct nj_sensor *s)
{
	nj_alerts_free(s->alerts);
	s->alerts = NULL;
	unlink(path);
}
