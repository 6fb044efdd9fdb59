/*
 * policy_yaml.c - reads a YAML policy with libyaml's document API:
 * collects every error as "FILE:LINE:COL: what was expected", checks
 * scalars and mappings against the key tables of policy_keys.c, and
 * throws a policy with any error away whole.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy_yaml.h"

#define MAX_ERRORS   100	/* then one "too many errors" line */
#define MAX_PAIRS    1024	/* keys in one mapping */
#define MAX_FILESIZE (1 << 20)

static void
vadderr(struct pctx *c, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void
vadderr(struct pctx *c, const char *fmt, va_list ap)
{
	char *s, **v;

	if (c->nerrs >= MAX_ERRORS) {
		c->overflow = true;
		return;
	}
	if (vasprintf(&s, fmt, ap) == -1)
		s = NULL;
	if (s == NULL || (v = realloc(c->errs, (c->nerrs + 1) *
	    sizeof(*v))) == NULL) {
		free(s);
		c->overflow = true;
		return;
	}
	c->errs = v;
	c->errs[c->nerrs++] = s;
}

static void
adderr(struct pctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
adderr(struct pctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadderr(c, fmt, ap);
	va_end(ap);
}

void
py_err(struct pctx *c, const yaml_node_t *n, const char *fmt, ...)
{
	char *msg;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1) {
		va_end(ap);
		c->overflow = true;
		return;
	}
	va_end(ap);
	/* libyaml counts lines and columns from 0; editors from 1. */
	adderr(c, "%s:%zu:%zu: %s", c->name, n->start_mark.line + 1,
	    n->start_mark.column + 1, msg);
	free(msg);
}

const char *
py_shown(const char *s, char *buf, size_t len)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 4 < len && i < 64; i++)
		buf[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ?
		    '?' : s[i];
	if (s[i] != '\0' && i + 4 <= len) {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return buf;
}

const char *
py_kind(const yaml_node_t *n)
{
	if (n->type == YAML_MAPPING_NODE)
		return "mapping";
	return n->type == YAML_SEQUENCE_NODE ? "sequence" : "scalar";
}

bool
py_empty(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE && n->data.scalar.length == 0 &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

const char *
py_scalar(struct pctx *c, yaml_node_t *n, const char *what)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE) {
		py_err(c, n, "expected %s, got a %s", what, py_kind(n));
		return NULL;
	}
	s = (const char *)n->data.scalar.value;
	/* "\0" in a quoted scalar would cut the C string short. */
	if (strlen(s) != n->data.scalar.length) {
		py_err(c, n, "expected %s, got a NUL character", what);
		return NULL;
	}
	return s;
}

char *
py_string(struct pctx *c, yaml_node_t *n, const char *what)
{
	const char *s;
	char *d;

	if ((s = py_scalar(c, n, what)) == NULL)
		return NULL;
	if (*s == '\0') {
		py_err(c, n, "expected %s, got an empty value", what);
		return NULL;
	}
	if ((d = strdup(s)) == NULL)
		py_err(c, n, "%s", strerror(errno));
	return d;
}

int
py_boolean(struct pctx *c, yaml_node_t *n)
{
	const char *s;
	char b[80];

	if ((s = py_scalar(c, n, "true or false")) == NULL)
		return -1;
	if (strcmp(s, "true") == 0)
		return 1;
	if (strcmp(s, "false") == 0)
		return 0;
	py_err(c, n, "expected true or false, got '%s'",
	    py_shown(s, b, sizeof(b)));
	return -1;
}

int
py_duration(struct pctx *c, yaml_node_t *n, double *secs)
{
	const char *s;
	char b[80];

	if ((s = py_scalar(c, n, "a duration")) == NULL)
		return -1;
	if (nj_parse_duration(s, secs) != 0) {
		py_err(c, n, "expected a duration (seconds, or a number with "
		    "s, m, h or d), got '%s'", py_shown(s, b, sizeof(b)));
		return -1;
	}
	return 0;
}

int
py_port(struct pctx *c, yaml_node_t *n)
{
	const char *s;
	char b[80];
	size_t i;
	long v = 0;

	if ((s = py_scalar(c, n, "a port number (1-65535)")) == NULL)
		return -1;
	for (i = 0; s[i] >= '0' && s[i] <= '9' && v <= 65535; i++)
		v = v * 10 + (s[i] - '0');
	if (i == 0 || s[i] != '\0' || v < 1 || v > 65535) {
		py_err(c, n, "expected a port number (1-65535), got '%s'",
		    py_shown(s, b, sizeof(b)));
		return -1;
	}
	return (int)v;
}

int
py_prefix(struct pctx *c, yaml_node_t *n, struct nj_addr *a, unsigned *len)
{
	const char *s;
	char b[80];

	if ((s = py_scalar(c, n, "an IPv4 or IPv6 address or prefix")) == NULL)
		return -1;
	if (nj_prefix_parse(s, a, len) != 0) {
		py_err(c, n, "expected an IPv4 or IPv6 address or prefix, "
		    "got '%s'", py_shown(s, b, sizeof(b)));
		return -1;
	}
	return 0;
}

void
py_items(struct pctx *c, yaml_node_t *n, const char *what,
    void (*fn)(struct pctx *, yaml_node_t *, void *), void *arg)
{
	yaml_node_item_t *it;

	if (py_empty(n))
		return;
	if (n->type == YAML_SCALAR_NODE) {
		fn(c, n, arg);
		return;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		py_err(c, n, "expected a list of %s, got a mapping", what);
		return;
	}
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++)
		fn(c, yaml_document_get_node(c->doc, *it), arg);
}

bool
py_duplicate(struct pctx *c, yaml_node_t *map, yaml_node_pair_t *pr)
{
	yaml_node_t *k, *k2;
	yaml_node_pair_t *q;
	char b[80];

	k = yaml_document_get_node(c->doc, pr->key);
	for (q = map->data.mapping.pairs.start; q < pr; q++) {
		k2 = yaml_document_get_node(c->doc, q->key);
		if (k2->type == YAML_SCALAR_NODE && strcmp(
		    (const char *)k2->data.scalar.value,
		    (const char *)k->data.scalar.value) == 0) {
			py_err(c, k, "duplicate key '%s'", py_shown(
			    (const char *)k->data.scalar.value, b, sizeof(b)));
			return true;
		}
	}
	return false;
}

void
py_walk(struct pctx *c, yaml_node_t *n, const struct keydef *keys,
    size_t nkeys, void *base)
{
	yaml_node_pair_t *pr;
	yaml_node_t *k;
	char expected[512], b[80];
	const char *ks;
	size_t i, len;

	expected[0] = '\0';
	for (i = 0, len = 0; i < nkeys && len < sizeof(expected); i++)
		len += (size_t)snprintf(expected + len, sizeof(expected) - len,
		    "%s%s", i ? ", " : "", keys[i].key);
	if (py_empty(n))
		return;
	if (n->type != YAML_MAPPING_NODE) {
		py_err(c, n, "expected a mapping (%s), got a %s", expected,
		    py_kind(n));
		return;
	}
	/* Duplicate checks are quadratic: keep mappings modest. */
	if (n->data.mapping.pairs.top - n->data.mapping.pairs.start >
	    MAX_PAIRS) {
		py_err(c, n, "too many keys (at most %d)", MAX_PAIRS);
		return;
	}
	for (pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	    pr++) {
		k = yaml_document_get_node(c->doc, pr->key);
		if ((ks = py_scalar(c, k, "a key")) == NULL ||
		    py_duplicate(c, n, pr))
			continue;
		for (i = 0; i < nkeys; i++)
			if (strcmp(keys[i].key, ks) == 0)
				break;
		if (i == nkeys) {
			py_err(c, k, "unknown key '%s' (expected %s)",
			    py_shown(ks, b, sizeof(b)), expected);
			continue;
		}
		keys[i].fn(c, yaml_document_get_node(c->doc, pr->value), base,
		    &keys[i]);
	}
}

static void
yaml_error(struct pctx *c, const yaml_parser_t *yp)
{
	const char *problem = yp->problem ? yp->problem : "syntax error";

	if (yp->error == YAML_MEMORY_ERROR)
		adderr(c, "%s: out of memory", c->name);
	else if (yp->error == YAML_READER_ERROR) {
		/* The reader gives a byte offset: make it a line and column. */
		size_t i, line = 1, col = 1;

		for (i = 0; i < yp->problem_offset && i < c->len; i++) {
			if (c->text[i] == '\n') {
				line++;
				col = 1;
			} else
				col++;
		}
		adderr(c, "%s:%zu:%zu: %s", c->name, line, col, problem);
	}
	else if (yp->context != NULL)
		adderr(c, "%s:%zu:%zu: %s %s", c->name,
		    yp->problem_mark.line + 1, yp->problem_mark.column + 1,
		    problem, yp->context);
	else
		adderr(c, "%s:%zu:%zu: %s", c->name,
		    yp->problem_mark.line + 1, yp->problem_mark.column + 1,
		    problem);
}

static void
parse_doc(struct pctx *c, const char *text, size_t len)
{
	yaml_parser_t yp;
	yaml_document_t doc, next;
	yaml_node_t *root;

	if (!yaml_parser_initialize(&yp)) {
		adderr(c, "%s: out of memory", c->name);
		return;
	}
	yaml_parser_set_input_string(&yp, (const unsigned char *)text, len);
	if (!yaml_parser_load(&yp, &doc)) {
		yaml_error(c, &yp);
		yaml_parser_delete(&yp);
		return;
	}
	c->doc = &doc;
	if ((root = yaml_document_get_root_node(&doc)) != NULL)
		py_walk(c, root, nj_top_keys, nj_ntop_keys, c->p);
	/* A second document would be silently ignored: refuse it. */
	if (!yaml_parser_load(&yp, &next))
		yaml_error(c, &yp);
	else {
		if (yaml_document_get_root_node(&next) != NULL)
			adderr(c, "%s:%zu:%zu: expected a single YAML document",
			    c->name, next.start_mark.line + 1,
			    next.start_mark.column + 1);
		yaml_document_delete(&next);
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&yp);
}

static struct nj_policy *
finish(struct pctx *c, FILE *errs)
{
	size_t i;

	if (c->nerrs == 0 && !c->overflow) {
		/* No networks.local at all: the default local networks. */
		if (!c->p->local_given && nj_policy_add_default_local(c->p))
			adderr(c, "%s: %s", c->name, strerror(errno));
		else if (nj_policy_index_supp(c->p) != 0)
			adderr(c, "%s: %s", c->name, strerror(errno));
	}
	if (c->overflow && c->nerrs == 0)
		adderr(c, "%s: out of memory", c->name);
	for (i = 0; i < c->nerrs; i++) {
		if (errs != NULL)
			fprintf(errs, "%s\n", c->errs[i]);
		free(c->errs[i]);
	}
	if (c->overflow && errs != NULL && c->nerrs >= MAX_ERRORS)
		fprintf(errs, "%s: too many errors, stopped after %d\n",
		    c->name, MAX_ERRORS);
	free(c->errs);
	if (c->nerrs > 0 || c->overflow) {
		nj_policy_free(c->p);
		return NULL;
	}
	return c->p;
}

struct nj_policy *
nj_policy_parse(const char *name, const char *text, size_t len, FILE *errs)
{
	struct pctx c;

	memset(&c, 0, sizeof(c));
	c.name = name;
	c.text = text;
	c.len = len;
	if ((c.p = nj_policy_new()) == NULL) {
		if (errs != NULL)
			fprintf(errs, "%s: %s\n", name, strerror(errno));
		return NULL;
	}
	parse_doc(&c, text, len);
	return finish(&c, errs);
}

struct nj_policy *
nj_policy_load(const char *path, FILE *errs)
{
	struct nj_policy *p = NULL;
	const char *why = NULL;
	char *buf;
	size_t len;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		why = strerror(errno);
		goto done;
	}
	if ((buf = malloc(MAX_FILESIZE + 1)) == NULL) {
		why = strerror(errno);
		goto done;
	}
	len = fread(buf, 1, MAX_FILESIZE + 1, f);
	if (ferror(f))
		why = strerror(EIO);
	else if (len > MAX_FILESIZE)
		why = "file too large (over 1 MiB)";
	else
		p = nj_policy_parse(path, buf, len, errs);
	free(buf);
done:
	if (f != NULL)
		fclose(f);
	if (why != NULL && errs != NULL)
		fprintf(errs, "%s: %s\n", path, why);
	return p;
}
