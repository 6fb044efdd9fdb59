/*
 * policy_parse.c - reads a YAML policy (libyaml's document API) into a
 * struct nj_policy. Every key is checked against a table; every error
 * is collected as "FILE:LINE:COL: what was expected" and a policy with
 * any error is thrown away whole.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "policy/policy_impl.h"

#define MAX_ERRORS   100	/* then one "too many errors" line */
#define MAX_PAIRS    1024	/* keys in one mapping */
#define MAX_FILESIZE (1 << 20)

struct pctx {
	const char	 *name;
	yaml_document_t	 *doc;
	struct nj_policy *p;
	char		**errs;
	size_t		  nerrs;
	bool		  overflow;
	bool		  local_given;
	size_t		  supp_cap;
};

typedef void (*key_fn)(struct pctx *, yaml_node_t *, void *);

struct keydef {
	const char *key;
	key_fn	    fn;
};

static void
adderr(struct pctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
adderr(struct pctx *c, const char *fmt, ...)
{
	va_list ap;
	char *s, **v;

	if (c->nerrs >= MAX_ERRORS) {
		c->overflow = true;
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		s = NULL;
	va_end(ap);
	if (s == NULL || (v = realloc(c->errs, (c->nerrs + 1) *
	    sizeof(*v))) == NULL) {
		free(s);
		c->overflow = true;
		return;
	}
	c->errs = v;
	c->errs[c->nerrs++] = s;
}

#define nerr(c, n, fmt, ...) adderr(c, "%s:%zu:%zu: " fmt, (c)->name, \
    (n)->start_mark.line + 1, (n)->start_mark.column + 1, __VA_ARGS__)

/* A value shown in a message: one line, at most 64 bytes. */
static const char *
shown(const char *s, char *buf, size_t len)
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

/* The text of a scalar node, or NULL after an error naming what. */
static const char *
scalar(struct pctx *c, yaml_node_t *n, const char *what)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE) {
		nerr(c, n, "expected %s, got a %s", what,
		    n->type == YAML_MAPPING_NODE ? "mapping" : "sequence");
		return NULL;
	}
	s = (const char *)n->data.scalar.value;
	if (strlen(s) != n->data.scalar.length) {
		nerr(c, n, "expected %s, got a NUL character", what);
		return NULL;
	}
	return s;
}

static char *
string(struct pctx *c, yaml_node_t *n, const char *what)
{
	const char *s;
	char *d;

	if ((s = scalar(c, n, what)) == NULL)
		return NULL;
	if (*s == '\0') {
		nerr(c, n, "expected %s, got an empty value", what);
		return NULL;
	}
	if ((d = strdup(s)) == NULL)
		nerr(c, n, "%s", strerror(errno));
	return d;
}

static void
set_string(struct pctx *c, yaml_node_t *n, char **dst, const char *what)
{
	char *s;

	if ((s = string(c, n, what)) != NULL) {
		free(*dst);
		*dst = s;
	}
}

static int
boolean(struct pctx *c, yaml_node_t *n)
{
	const char *s;
	char b[80];

	if ((s = scalar(c, n, "true or false")) == NULL)
		return -1;
	if (strcmp(s, "true") == 0)
		return 1;
	if (strcmp(s, "false") == 0)
		return 0;
	nerr(c, n, "expected true or false, got '%s'", shown(s, b, sizeof(b)));
	return -1;
}

static int
duration(struct pctx *c, yaml_node_t *n, double *dst)
{
	const char *s;
	char b[80];

	if ((s = scalar(c, n, "a duration")) == NULL)
		return -1;
	if (nj_parse_duration(s, dst) != 0) {
		nerr(c, n, "expected a duration (seconds, or a number with "
		    "s, m, h or d), got '%s'", shown(s, b, sizeof(b)));
		return -1;
	}
	return 0;
}

/* Visits the items of a sequence; a single scalar is a one-item list. */
static void
each_item(struct pctx *c, yaml_node_t *n, const char *what,
    void (*fn)(struct pctx *, yaml_node_t *, void *), void *arg)
{
	yaml_node_item_t *it;

	if (n->type == YAML_SCALAR_NODE) {
		/* "key:" with nothing after it is an empty list. */
		if (n->data.scalar.length == 0 && n->data.scalar.style ==
		    YAML_PLAIN_SCALAR_STYLE)
			return;
		fn(c, n, arg);
		return;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		nerr(c, n, "expected a list of %s, got a mapping", what);
		return;
	}
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++)
		fn(c, yaml_document_get_node(c->doc, *it), arg);
}

static void
prefix_item(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct nj_prefix_set *set = arg;
	struct nj_addr a;
	unsigned len;
	const char *s;
	char b[80];

	if ((s = scalar(c, n, "an IPv4 or IPv6 address or prefix")) == NULL)
		return;
	if (nj_prefix_parse(s, &a, &len) != 0) {
		nerr(c, n, "expected an IPv4 or IPv6 address or prefix, "
		    "got '%s'", shown(s, b, sizeof(b)));
		return;
	}
	if (nj_prefix_insert(set, &a, len, 1) != 0)
		nerr(c, n, "too many prefixes (at most %d)",
		    NJ_PREFIX_MAX_ENTRIES);
}

static void
prefixes(struct pctx *c, yaml_node_t *n, struct nj_prefix_set *set)
{
	each_item(c, n, "addresses or prefixes", prefix_item, set);
}

static int
port(struct pctx *c, yaml_node_t *n)
{
	const char *s;
	char b[80];
	size_t i;
	long v = 0;

	if ((s = scalar(c, n, "a port number (1-65535)")) == NULL)
		return -1;
	for (i = 0; s[i] >= '0' && s[i] <= '9' && v <= 65535; i++)
		v = v * 10 + (s[i] - '0');
	if (i == 0 || s[i] != '\0' || v < 1 || v > 65535) {
		nerr(c, n, "expected a port number (1-65535), got '%s'",
		    shown(s, b, sizeof(b)));
		return -1;
	}
	return (int)v;
}

/*
 * Walks a mapping against a table of keys: rejects what is not a
 * mapping, non-scalar keys, duplicate keys (libyaml keeps both) and
 * unknown keys, and calls the handler of each known key.
 */
static void
walk_map(struct pctx *c, yaml_node_t *n, const char *what,
    const struct keydef *keys, size_t nkeys, void *arg)
{
	yaml_node_pair_t *pr, *q;
	yaml_node_t *k, *k2;
	char expected[512], b[80];
	const char *ks;
	size_t i, len;

	if (n->type == YAML_SCALAR_NODE && n->data.scalar.length == 0 &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return; /* "section:" with nothing under it */
	if (n->type != YAML_MAPPING_NODE) {
		nerr(c, n, "expected a mapping (%s), got a %s", what,
		    n->type == YAML_SCALAR_NODE ? "scalar" : "sequence");
		return;
	}
	if (n->data.mapping.pairs.top - n->data.mapping.pairs.start >
	    MAX_PAIRS) {
		nerr(c, n, "too many keys (at most %d)", MAX_PAIRS);
		return;
	}
	expected[0] = '\0';
	for (i = 0, len = 0; i < nkeys && len < sizeof(expected); i++)
		len += (size_t)snprintf(expected + len, sizeof(expected) - len,
		    "%s%s", i ? ", " : "", keys[i].key);
	for (pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	    pr++) {
		k = yaml_document_get_node(c->doc, pr->key);
		if ((ks = scalar(c, k, "a key")) == NULL)
			continue;
		for (q = n->data.mapping.pairs.start; q < pr; q++) {
			k2 = yaml_document_get_node(c->doc, q->key);
			if (k2->type == YAML_SCALAR_NODE &&
			    strcmp((const char *)k2->data.scalar.value, ks) == 0)
				break;
		}
		if (q < pr) {
			nerr(c, k, "duplicate key '%s'", shown(ks, b,
			    sizeof(b)));
			continue;
		}
		for (i = 0; i < nkeys; i++)
			if (strcmp(keys[i].key, ks) == 0)
				break;
		if (i == nkeys) {
			nerr(c, k, "unknown key '%s' (expected %s)",
			    shown(ks, b, sizeof(b)), expected);
			continue;
		}
		keys[i].fn(c, yaml_document_get_node(c->doc, pr->value), arg);
	}
}

#define WALK(c, n, what, keys, arg) \
	walk_map(c, n, what, keys, sizeof(keys) / sizeof(keys[0]), arg)

/* sensor: */
static void
k_sensor_name(struct pctx *c, yaml_node_t *n, void *arg)
{
	(void)arg;
	set_string(c, n, &c->p->sensor_name, "a sensor name");
}

static const struct keydef sensor_keys[] = { { "name", k_sensor_name } };

/* networks: */
static void
k_local(struct pctx *c, yaml_node_t *n, void *arg)
{
	(void)arg;
	c->local_given = true;
	prefixes(c, n, c->p->local);
}

static const struct keydef networks_keys[] = { { "local", k_local } };

/* hosts: */
static void k_resolvers(struct pctx *c, yaml_node_t *n, void *arg)
{ (void)arg; prefixes(c, n, c->p->roles[NJ_ROLE_RESOLVER]); }
static void k_mail_relays(struct pctx *c, yaml_node_t *n, void *arg)
{ (void)arg; prefixes(c, n, c->p->roles[NJ_ROLE_MAIL_RELAY]); }
static void k_admin(struct pctx *c, yaml_node_t *n, void *arg)
{ (void)arg; prefixes(c, n, c->p->roles[NJ_ROLE_ADMIN]); }
static void k_no_egress(struct pctx *c, yaml_node_t *n, void *arg)
{ (void)arg; prefixes(c, n, c->p->roles[NJ_ROLE_NO_EGRESS]); }

static void
k_allow_hosts(struct pctx *c, yaml_node_t *n, void *arg)
{
	(void)arg;
	c->p->egress_given = true;
	prefixes(c, n, c->p->egress_hosts);
}

static void
allow_port(struct pctx *c, yaml_node_t *n, void *arg)
{
	int v;

	(void)arg;
	if ((v = port(c, n)) > 0)
		c->p->egress_ports[v / 8] |= (uint8_t)(1u << (v % 8));
}

static void
k_allow_ports(struct pctx *c, yaml_node_t *n, void *arg)
{
	c->p->egress_given = true;
	each_item(c, n, "port numbers", allow_port, arg);
}

static const struct keydef allow_keys[] = {
	{ "hosts", k_allow_hosts }, { "ports", k_allow_ports },
};

static void
k_no_egress_allow(struct pctx *c, yaml_node_t *n, void *arg)
{
	c->p->egress_given = true;
	WALK(c, n, "hosts, ports", allow_keys, arg);
}

static const struct keydef hosts_keys[] = {
	{ "resolvers", k_resolvers }, { "mail_relays", k_mail_relays },
	{ "admin", k_admin }, { "no_egress", k_no_egress },
	{ "no_egress_allow", k_no_egress_allow },
};

/* detectors: */
static void
detector(struct pctx *c, yaml_node_t *n, int d)
{
	const struct nj_det_def *def = &nj_det_defs[d];
	struct nj_det_conf *dc = &c->p->det[d];
	yaml_node_pair_t *pr, *q;
	yaml_node_t *k, *v;
	const char *ks, *vs;
	char b[80], b2[80];
	int i, e;

	if (n->type != YAML_MAPPING_NODE) {
		nerr(c, n, "expected a mapping (enabled and thresholds of "
		    "detector %s), got a %s", def->name,
		    n->type == YAML_SCALAR_NODE ? "scalar" : "sequence");
		return;
	}
	for (pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	    pr++) {
		k = yaml_document_get_node(c->doc, pr->key);
		v = yaml_document_get_node(c->doc, pr->value);
		if ((ks = scalar(c, k, "a key")) == NULL)
			continue;
		for (q = n->data.mapping.pairs.start; q < pr; q++) {
			yaml_node_t *k2 = yaml_document_get_node(c->doc, q->key);
			if (k2->type == YAML_SCALAR_NODE &&
			    strcmp((const char *)k2->data.scalar.value, ks) == 0)
				break;
		}
		if (q < pr) {
			nerr(c, k, "duplicate key '%s'", shown(ks, b,
			    sizeof(b)));
			continue;
		}
		if (strcmp(ks, "enabled") == 0) {
			if ((e = boolean(c, v)) >= 0)
				dc->enabled = (int8_t)e;
			continue;
		}
		if ((i = nj_det_key_find(d, ks)) < 0) {
			char exp[256] = "enabled";
			size_t len = strlen(exp);
			for (i = 0; i < NJ_DET_MAX_KEYS && def->keys[i].name &&
			    len < sizeof(exp); i++)
				len += (size_t)snprintf(exp + len,
				    sizeof(exp) - len, ", %s",
				    def->keys[i].name);
			nerr(c, k, "unknown key '%s' for detector %s "
			    "(expected %s)", shown(ks, b, sizeof(b)),
			    def->name, exp);
			continue;
		}
		if (def->keys[i].type == NJ_KEY_DURATION) {
			if (duration(c, v, &dc->val[i]) == 0)
				dc->set[i] = true;
			continue;
		}
		if ((vs = scalar(c, v, "a number")) == NULL)
			continue;
		if (nj_parse_number(vs, &dc->val[i]) != 0) {
			nerr(c, v, "expected a number, got '%s'",
			    shown(vs, b2, sizeof(b2)));
			continue;
		}
		dc->set[i] = true;
	}
}

static void
k_detectors(struct pctx *c, yaml_node_t *n, void *arg)
{
	yaml_node_pair_t *pr, *q;
	yaml_node_t *k;
	const char *ks;
	char exp[512], b[80];
	size_t i, len = 0;
	int d;

	(void)arg;
	if (n->type == YAML_SCALAR_NODE && n->data.scalar.length == 0 &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return;
	if (n->type != YAML_MAPPING_NODE) {
		nerr(c, n, "expected a mapping of detector names, got a %s",
		    n->type == YAML_SCALAR_NODE ? "scalar" : "sequence");
		return;
	}
	exp[0] = '\0';
	for (i = 0; i < nj_ndet_defs && len < sizeof(exp); i++)
		len += (size_t)snprintf(exp + len, sizeof(exp) - len, "%s%s",
		    i ? ", " : "", nj_det_defs[i].name);
	for (pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	    pr++) {
		k = yaml_document_get_node(c->doc, pr->key);
		if ((ks = scalar(c, k, "a detector name")) == NULL)
			continue;
		for (q = n->data.mapping.pairs.start; q < pr; q++) {
			yaml_node_t *k2 = yaml_document_get_node(c->doc, q->key);
			if (k2->type == YAML_SCALAR_NODE &&
			    strcmp((const char *)k2->data.scalar.value, ks) == 0)
				break;
		}
		if (q < pr) {
			nerr(c, k, "duplicate key '%s'", shown(ks, b,
			    sizeof(b)));
			continue;
		}
		if ((d = nj_det_find(ks)) < 0) {
			nerr(c, k, "unknown detector '%s' (expected %s)",
			    shown(ks, b, sizeof(b)), exp);
			continue;
		}
		detector(c, yaml_document_get_node(c->doc, pr->value), d);
	}
}

/* suppressions: */
static void
k_s_kind(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct nj_supp *s = arg;
	char b[80];

	set_string(c, n, &s->kind, "an alert kind");
	if (s->kind != NULL && !nj_kind_known(s->kind))
		nerr(c, n, "expected an alert kind (a detector name or "
		    "bogon-destination), got '%s'", shown(s->kind, b,
		    sizeof(b)));
}

static void
addr_field(struct pctx *c, yaml_node_t *n, bool *has, struct nj_addr *a,
    unsigned *len)
{
	const char *s;
	char b[80];

	if ((s = scalar(c, n, "an IPv4 or IPv6 address or prefix")) == NULL)
		return;
	if (nj_prefix_parse(s, a, len) != 0) {
		nerr(c, n, "expected an IPv4 or IPv6 address or prefix, "
		    "got '%s'", shown(s, b, sizeof(b)));
		return;
	}
	*has = true;
}

static void k_s_src(struct pctx *c, yaml_node_t *n, void *arg)
{ struct nj_supp *s = arg; addr_field(c, n, &s->has_src, &s->src, &s->src_len); }
static void k_s_dst(struct pctx *c, yaml_node_t *n, void *arg)
{ struct nj_supp *s = arg; addr_field(c, n, &s->has_dst, &s->dst, &s->dst_len); }

static void
k_s_port(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct nj_supp *s = arg;
	int v;

	if ((v = port(c, n)) > 0)
		s->port = (uint16_t)v;
}

static void
k_s_hostname(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct nj_supp *s = arg;

	set_string(c, n, &s->hostname, "a host name glob");
}

static void
k_s_expires(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct nj_supp *s = arg;
	const char *v;
	char b[80];

	if ((v = scalar(c, n, "an RFC 3339 date or date-time")) == NULL)
		return;
	if (nj_parse_expiry(v, &s->expires) != 0) {
		nerr(c, n, "expected an RFC 3339 date or date-time "
		    "(2026-12-31 or 2026-12-31T18:00:00Z), got '%s'",
		    shown(v, b, sizeof(b)));
		return;
	}
	s->has_expires = true;
}

static void
k_s_comment(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct nj_supp *s = arg;

	set_string(c, n, &s->comment, "a comment");
}

static const struct keydef supp_keys[] = {
	{ "kind", k_s_kind }, { "src", k_s_src }, { "dst", k_s_dst },
	{ "port", k_s_port }, { "hostname", k_s_hostname },
	{ "expires", k_s_expires }, { "comment", k_s_comment },
};

static void
supp_item(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct nj_policy *p = c->p;
	struct nj_supp *s, *v;
	size_t ncap;

	(void)arg;
	if (n->type != YAML_MAPPING_NODE) {
		nerr(c, n, "expected a mapping (%s), got a %s",
		    "kind, src, dst, port, hostname, expires, comment",
		    n->type == YAML_SCALAR_NODE ? "scalar" : "sequence");
		return;
	}
	if (p->nsupp >= NJ_POLICY_MAX_SUPPRESSIONS) {
		nerr(c, n, "too many suppressions (at most %d)",
		    NJ_POLICY_MAX_SUPPRESSIONS);
		return;
	}
	if (p->nsupp == c->supp_cap) {
		ncap = c->supp_cap ? c->supp_cap * 2 : 8;
		if ((v = realloc(p->supp, ncap * sizeof(*v))) == NULL) {
			nerr(c, n, "%s", strerror(errno));
			return;
		}
		p->supp = v;
		c->supp_cap = ncap;
	}
	s = &p->supp[p->nsupp++];
	memset(s, 0, sizeof(*s));
	WALK(c, n, "kind, src, dst, port, hostname, expires, comment",
	    supp_keys, s);
	if (s->kind == NULL && !s->has_src && !s->has_dst && s->port == 0 &&
	    s->hostname == NULL)
		nerr(c, n, "expected at least one of %s in a suppression",
		    "kind, src, dst, port, hostname");
}

static void
k_suppressions(struct pctx *c, yaml_node_t *n, void *arg)
{
	each_item(c, n, "suppressions", supp_item, arg);
}

/* inventory:, dns:, geoip:, outputs:, alerts: */
static void
k_inv_hosts(struct pctx *c, yaml_node_t *n, void *arg)
{
	(void)arg;
	c->p->inventory_given = true;
	prefixes(c, n, c->p->inventory);
}

static void k_inv_learn(struct pctx *c, yaml_node_t *n, void *arg)
{ (void)arg; (void)duration(c, n, &c->p->learn); }
static void k_inv_state(struct pctx *c, yaml_node_t *n, void *arg)
{ (void)arg; set_string(c, n, &c->p->state_file, "a file path"); }

static const struct keydef inventory_keys[] = {
	{ "hosts", k_inv_hosts }, { "learn", k_inv_learn },
	{ "state_file", k_inv_state },
};

struct strlist_arg {
	struct nj_strlist *l;
	const char	  *what;
	int		 (*valid)(char *);
};

static void
strlist_item(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct strlist_arg *sa = arg;
	char **v, *s, b[80];

	if ((s = string(c, n, sa->what)) == NULL)
		return;
	if (sa->valid != NULL && sa->valid(s) != 0) {
		/* The value as written: valid() may have normalized s. */
		nerr(c, n, "expected %s, got '%s'", sa->what,
		    shown((const char *)n->data.scalar.value, b, sizeof(b)));
		free(s);
		return;
	}
	if (sa->l->n >= NJ_POLICY_MAX_STRINGS) {
		nerr(c, n, "too many items (at most %d)",
		    NJ_POLICY_MAX_STRINGS);
		free(s);
		return;
	}
	if ((v = realloc(sa->l->v, (sa->l->n + 1) * sizeof(*v))) == NULL) {
		free(s);
		return;
	}
	sa->l->v = v;
	v[sa->l->n++] = s;
}

/* A zone name: letters, digits, '-', '_' and inner dots; lower-cased. */
static int
valid_zone(char *s)
{
	size_t i, n = strlen(s);

	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	/* Only one trailing dot goes: "a.." has an empty label. */
	if (n == 0 || n > 253 || s[0] == '.' || s[n - 1] == '.')
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] - 'A' + 'a');
		else if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		    s[i] == '_' || (s[i] == '.' && s[i - 1] != '.')))
			return -1;
	}
	return 0;
}

/* The syslog targets nightjar's outputs understand. */
static int
valid_target(char *s)
{
	static const char *const schemes[] = { "udp://", "tcp://", "relp://" };
	size_t i, n;

	if (strcmp(s, "local") == 0 || s[0] == '/')
		return 0;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		n = strlen(schemes[i]);
		if (strncmp(s, schemes[i], n) == 0 && strchr(s + n, ':') &&
		    s[n] != '\0')
			return 0;
	}
	return -1;
}

static void
k_zones(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct strlist_arg sa = { &c->p->internal_zones, "a DNS zone name",
	    valid_zone };

	(void)arg;
	sa.l->given = true;
	each_item(c, n, "DNS zone names", strlist_item, &sa);
}

static const struct keydef dns_keys[] = { { "internal_zones", k_zones } };

static void k_city(struct pctx *c, yaml_node_t *n, void *arg)
{ (void)arg; set_string(c, n, &c->p->geoip_city, "a file path"); }
static void k_asn(struct pctx *c, yaml_node_t *n, void *arg)
{ (void)arg; set_string(c, n, &c->p->geoip_asn, "a file path"); }

static const struct keydef geoip_keys[] = {
	{ "city", k_city }, { "asn", k_asn },
};

static void k_json(struct pctx *c, yaml_node_t *n, void *arg)
{ (void)arg; set_string(c, n, &c->p->out_json, "a file path or '-'"); }

static void
k_syslog(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct strlist_arg sa = { &c->p->syslog, "a syslog target (local, "
	    "a socket path, udp://HOST:PORT, tcp://HOST:PORT or "
	    "relp://HOST:PORT)", valid_target };

	(void)arg;
	sa.l->given = true;
	each_item(c, n, "syslog targets", strlist_item, &sa);
}

static void
k_syslog_format(struct pctx *c, yaml_node_t *n, void *arg)
{
	char *s, b[80];

	(void)arg;
	if ((s = string(c, n, "rfc5424 or rfc3164")) == NULL)
		return;
	if (strcmp(s, "rfc5424") != 0 && strcmp(s, "rfc3164") != 0) {
		nerr(c, n, "expected rfc5424 or rfc3164, got '%s'",
		    shown(s, b, sizeof(b)));
		free(s);
		return;
	}
	free(c->p->syslog_format);
	c->p->syslog_format = s;
}

static void
k_text(struct pctx *c, yaml_node_t *n, void *arg)
{
	int v;

	(void)arg;
	if ((v = boolean(c, n)) >= 0)
		c->p->text = (int8_t)v;
}

static const struct keydef outputs_keys[] = {
	{ "json", k_json }, { "syslog", k_syslog },
	{ "syslog_format", k_syslog_format }, { "text", k_text },
};

static void k_fold(struct pctx *c, yaml_node_t *n, void *arg)
{ (void)arg; (void)duration(c, n, &c->p->fold_window); }

static const struct keydef alerts_keys[] = { { "fold_window", k_fold } };

#define SECTION(fname, keys, what)					\
	static void fname(struct pctx *c, yaml_node_t *n, void *arg)	\
	{ WALK(c, n, what, keys, arg); }

SECTION(k_sensor, sensor_keys, "name")
SECTION(k_networks, networks_keys, "local")
SECTION(k_hosts, hosts_keys,
    "resolvers, mail_relays, admin, no_egress, no_egress_allow")
SECTION(k_inventory, inventory_keys, "hosts, learn, state_file")
SECTION(k_dns, dns_keys, "internal_zones")
SECTION(k_geoip, geoip_keys, "city, asn")
SECTION(k_outputs, outputs_keys, "json, syslog, syslog_format, text")
SECTION(k_alerts, alerts_keys, "fold_window")

static const struct keydef top_keys[] = {
	{ "sensor", k_sensor }, { "networks", k_networks },
	{ "hosts", k_hosts }, { "detectors", k_detectors },
	{ "suppressions", k_suppressions }, { "inventory", k_inventory },
	{ "dns", k_dns }, { "geoip", k_geoip }, { "outputs", k_outputs },
	{ "alerts", k_alerts },
};

static void
yaml_error(struct pctx *c, const yaml_parser_t *yp)
{
	const char *problem = yp->problem ? yp->problem : "syntax error";

	if (yp->error == YAML_MEMORY_ERROR)
		adderr(c, "%s: out of memory", c->name);
	else if (yp->error == YAML_READER_ERROR)
		adderr(c, "%s: byte %zu: %s", c->name, yp->problem_offset,
		    problem);
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
		WALK(c, root, "sensor, networks, hosts, detectors, "
		    "suppressions, inventory, dns, geoip, outputs, alerts",
		    top_keys, NULL);
	/* A second document would be silently ignored: refuse it. */
	if (!yaml_parser_load(&yp, &next))
		yaml_error(c, &yp);
	else {
		if ((root = yaml_document_get_root_node(&next)) != NULL)
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
		if (!c->local_given && nj_policy_add_default_local(c->p) != 0)
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
	struct nj_policy *p;
	char *buf;
	size_t len;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		if (errs != NULL)
			fprintf(errs, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	if ((buf = malloc(MAX_FILESIZE + 1)) == NULL) {
		if (errs != NULL)
			fprintf(errs, "%s: %s\n", path, strerror(errno));
		fclose(f);
		return NULL;
	}
	len = fread(buf, 1, MAX_FILESIZE + 1, f);
	if (ferror(f) || len > MAX_FILESIZE) {
		if (errs != NULL)
			fprintf(errs, "%s: %s\n", path, ferror(f) ?
			    strerror(EIO) : "file too large (over 1 MiB)");
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	p = nj_policy_parse(path, buf, len, errs);
	free(buf);
	return p;
}
