/*
 * policy_keys.c - the keys of a policy, one table per mapping, and what
 * each value must look like. Adding a key: a row in the right table
 * (generic handlers cover strings, prefix lists, durations and
 * sections), a line in policy_print.c and one in README.md.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy_yaml.h"

#define FIELD(base, k, type) ((type *)(void *)((char *)(base) + (k)->off))

static void
h_section(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	py_walk(c, n, k->sub, k->nsub, base);
}

static void
h_string(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	char **dst = FIELD(base, k, char *), *s;

	if ((s = py_string(c, n, k->what)) != NULL) {
		free(*dst);
		*dst = s;
	}
}

static void
h_duration(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	(void)py_duration(c, n, FIELD(base, k, double));
}

/* A number above zero (a rate). */
static void
h_positive(struct pctx *c, yaml_node_t *n, void *base,
    const struct keydef *k)
{
	const char *s;
	char b[80];
	double v;

	if ((s = py_scalar(c, n, k->what)) == NULL)
		return;
	if (nj_parse_number(s, &v) != 0 || !(v > 0))
		py_err(c, n, "expected %s, got '%s'", k->what,
		    py_shown(s, b, sizeof(b)));
	else
		*FIELD(base, k, double) = v;
}

static void
h_bool(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	int v;

	if ((v = py_boolean(c, n)) >= 0)
		*FIELD(base, k, int8_t) = (int8_t)v;
}

static void
prefix_item(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct nj_addr a;
	unsigned len;

	if (py_prefix(c, n, &a, &len) == 0 &&
	    nj_prefix_insert(arg, &a, len, 1) != 0)
		py_err(c, n, "too many prefixes (at most %d)",
		    NJ_PREFIX_MAX_ENTRIES);
}

static void
h_prefixes(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	py_items(c, n, "addresses or prefixes", prefix_item,
	    *FIELD(base, k, struct nj_prefix_set *));
}

/* Prefix lists whose mere presence matters to the printer or defaults. */
static void
h_local(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	c->p->local_given = true;
	h_prefixes(c, n, base, k);
}

static void
h_inventory(struct pctx *c, yaml_node_t *n, void *base,
    const struct keydef *k)
{
	c->p->inventory_given = true;
	h_prefixes(c, n, base, k);
}

static void
h_egress(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	c->p->egress_given = true;
	if (k->sub != NULL)
		h_section(c, n, base, k);
	else
		h_prefixes(c, n, base, k);
}

static void
port_item(struct pctx *c, yaml_node_t *n, void *arg)
{
	int v;

	(void)arg;
	if ((v = py_port(c, n)) > 0)
		c->p->egress_ports[v / 8] |= (uint8_t)(1u << (v % 8));
}

static void
h_ports(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	(void)base;
	(void)k;
	c->p->egress_given = true;
	py_items(c, n, "port numbers", port_item, NULL);
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
		if (strncmp(s, schemes[i], n) == 0 && s[n] != '\0' &&
		    strchr(s + n, ':') != NULL)
			return 0;
	}
	return -1;
}

struct strlist_arg {
	struct nj_strlist *l;
	const char	  *what;
	int		 (*valid)(char *);
};

static void
string_item(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct strlist_arg *sa = arg;
	char **v, *s, b[80];

	if ((s = py_string(c, n, sa->what)) == NULL)
		return;
	if (sa->valid(s) != 0) {
		/* The value as written: valid() may have normalized s. */
		py_err(c, n, "expected %s, got '%s'", sa->what,
		    py_shown((const char *)n->data.scalar.value, b, sizeof(b)));
		free(s);
		return;
	}
	if (sa->l->n >= NJ_POLICY_MAX_STRINGS) {
		py_err(c, n, "too many items (at most %d)",
		    NJ_POLICY_MAX_STRINGS);
		free(s);
		return;
	}
	if ((v = realloc(sa->l->v, (sa->l->n + 1) * sizeof(*v))) == NULL) {
		py_err(c, n, "%s", strerror(errno));
		free(s);
		return;
	}
	sa->l->v = v;
	v[sa->l->n++] = s;
}

static void
strings(struct pctx *c, yaml_node_t *n, struct nj_strlist *l,
    const char *what, int (*valid)(char *))
{
	struct strlist_arg sa = { l, what, valid };

	l->given = true;
	py_items(c, n, "values", string_item, &sa);
}

static void
h_zones(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	strings(c, n, FIELD(base, k, struct nj_strlist), k->what, valid_zone);
}

static void
h_targets(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	strings(c, n, FIELD(base, k, struct nj_strlist), k->what,
	    valid_target);
}

static void
h_syslog_format(struct pctx *c, yaml_node_t *n, void *base,
    const struct keydef *k)
{
	char *s, b[80];

	(void)base;
	(void)k;
	if ((s = py_string(c, n, "rfc5424 or rfc3164")) == NULL)
		return;
	if (strcmp(s, "rfc5424") != 0 && strcmp(s, "rfc3164") != 0) {
		py_err(c, n, "expected rfc5424 or rfc3164, got '%s'",
		    py_shown(s, b, sizeof(b)));
		free(s);
		return;
	}
	free(c->p->syslog_format);
	c->p->syslog_format = s;
}

/* detectors.<name>.enabled and detectors.<name>.<key>: nj_det_defs[]. */
static void
detector(struct pctx *c, yaml_node_t *n, int d)
{
	const struct nj_det_def *def = &nj_det_defs[d];
	struct nj_det_conf *dc = &c->p->det[d];
	char exp[256] = "enabled", b[80];
	yaml_node_pair_t *pr;
	yaml_node_t *k, *v;
	const char *ks, *vs;
	size_t len = strlen(exp);
	int i, e;

	if (n->type != YAML_MAPPING_NODE) {
		py_err(c, n, "expected a mapping (enabled and thresholds of "
		    "detector %s), got a %s", def->name, py_kind(n));
		return;
	}
	for (i = 0; i < NJ_DET_MAX_KEYS && def->keys[i].name &&
	    len < sizeof(exp); i++)
		len += (size_t)snprintf(exp + len, sizeof(exp) - len, ", %s",
		    def->keys[i].name);
	for (pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	    pr++) {
		k = yaml_document_get_node(c->doc, pr->key);
		v = yaml_document_get_node(c->doc, pr->value);
		if ((ks = py_scalar(c, k, "a key")) == NULL ||
		    py_duplicate(c, n, pr))
			continue;
		if (strcmp(ks, "enabled") == 0) {
			if ((e = py_boolean(c, v)) >= 0)
				dc->enabled = (int8_t)e;
		} else if ((i = nj_det_key_find(d, ks)) < 0)
			py_err(c, k, "unknown key '%s' for detector %s "
			    "(expected %s)", py_shown(ks, b, sizeof(b)),
			    def->name, exp);
		else if (def->keys[i].type == NJ_KEY_DURATION) {
			if (py_duration(c, v, &dc->val[i]) == 0)
				dc->set[i] = true;
		} else if ((vs = py_scalar(c, v, "a number")) == NULL)
			continue;
		else if (nj_parse_number(vs, &dc->val[i]) != 0)
			py_err(c, v, "expected a number, got '%s'",
			    py_shown(vs, b, sizeof(b)));
		else
			dc->set[i] = true;
	}
}

static void
h_detectors(struct pctx *c, yaml_node_t *n, void *base,
    const struct keydef *k)
{
	yaml_node_pair_t *pr;
	yaml_node_t *key;
	const char *ks;
	char exp[512], b[80];
	size_t i, len = 0;
	int d;

	(void)base;
	(void)k;
	if (py_empty(n))
		return;
	if (n->type != YAML_MAPPING_NODE) {
		py_err(c, n, "expected a mapping of detector names, got a %s",
		    py_kind(n));
		return;
	}
	exp[0] = '\0';
	for (i = 0; i < nj_ndet_defs && len < sizeof(exp); i++)
		len += (size_t)snprintf(exp + len, sizeof(exp) - len, "%s%s",
		    i ? ", " : "", nj_det_defs[i].name);
	for (pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	    pr++) {
		key = yaml_document_get_node(c->doc, pr->key);
		if ((ks = py_scalar(c, key, "a detector name")) == NULL ||
		    py_duplicate(c, n, pr))
			continue;
		if ((d = nj_det_find(ks)) < 0) {
			py_err(c, key, "unknown detector '%s' (expected %s)",
			    py_shown(ks, b, sizeof(b)), exp);
			continue;
		}
		detector(c, yaml_document_get_node(c->doc, pr->value), d);
	}
}

/* suppressions: each entry's fields are set in a struct nj_supp. */
static void
h_kind(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	struct nj_supp *s = base;
	char b[80];

	h_string(c, n, base, k);
	if (s->kind != NULL && !nj_kind_known(s->kind))
		py_err(c, n, "expected an alert kind (a detector name or "
		    "bogon-destination), got '%s'", py_shown(s->kind, b,
		    sizeof(b)));
}

static void
h_src(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	struct nj_supp *s = base;

	(void)k;
	if (py_prefix(c, n, &s->src, &s->src_len) == 0)
		s->has_src = true;
}

static void
h_dst(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	struct nj_supp *s = base;

	(void)k;
	if (py_prefix(c, n, &s->dst, &s->dst_len) == 0)
		s->has_dst = true;
}

static void
h_port(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	struct nj_supp *s = base;
	int v;

	(void)k;
	if ((v = py_port(c, n)) > 0)
		s->port = (uint16_t)v;
}

static void
h_expires(struct pctx *c, yaml_node_t *n, void *base, const struct keydef *k)
{
	struct nj_supp *s = base;
	const char *v;
	char b[80];

	(void)k;
	if ((v = py_scalar(c, n, "an RFC 3339 date or date-time")) == NULL)
		return;
	if (nj_parse_expiry(v, &s->expires) != 0) {
		py_err(c, n, "expected an RFC 3339 date or date-time "
		    "(2026-12-31 or 2026-12-31T18:00:00Z), got '%s'",
		    py_shown(v, b, sizeof(b)));
		return;
	}
	s->has_expires = true;
}

#define S(f) offsetof(struct nj_supp, f)
static const struct keydef supp_keys[] = {
	{ "kind", h_kind, S(kind), "an alert kind", NULL, 0 },
	{ "src", h_src, 0, NULL, NULL, 0 },
	{ "dst", h_dst, 0, NULL, NULL, 0 },
	{ "port", h_port, 0, NULL, NULL, 0 },
	{ "hostname", h_string, S(hostname), "a host name glob", NULL, 0 },
	{ "expires", h_expires, 0, NULL, NULL, 0 },
	{ "comment", h_string, S(comment), "a comment", NULL, 0 },
};
#undef S

static void
supp_item(struct pctx *c, yaml_node_t *n, void *arg)
{
	struct nj_policy *p = c->p;
	struct nj_supp *s, *v;
	size_t ncap;

	(void)arg;
	if (n->type != YAML_MAPPING_NODE) {
		py_err(c, n, "expected a mapping (kind, src, dst, port, "
		    "hostname, expires, comment), got a %s", py_kind(n));
		return;
	}
	if (p->nsupp >= NJ_POLICY_MAX_SUPPRESSIONS) {
		py_err(c, n, "too many suppressions (at most %d)",
		    NJ_POLICY_MAX_SUPPRESSIONS);
		return;
	}
	if (p->nsupp == c->supp_cap) {
		ncap = c->supp_cap ? c->supp_cap * 2 : 8;
		if ((v = realloc(p->supp, ncap * sizeof(*v))) == NULL) {
			py_err(c, n, "%s", strerror(errno));
			return;
		}
		p->supp = v;
		c->supp_cap = ncap;
	}
	s = &p->supp[p->nsupp++];
	memset(s, 0, sizeof(*s));
	py_walk(c, n, supp_keys, NKEYS(supp_keys), s);
	/* An entry matching everything would silence the sensor. */
	if (s->kind == NULL && !s->has_src && !s->has_dst && s->port == 0 &&
	    s->hostname == NULL)
		py_err(c, n, "expected at least one of %s in a suppression",
		    "kind, src, dst, port, hostname");
}

static void
h_suppressions(struct pctx *c, yaml_node_t *n, void *base,
    const struct keydef *k)
{
	(void)base;
	(void)k;
	py_items(c, n, "suppressions", supp_item, NULL);
}

#define P(f) offsetof(struct nj_policy, f)
#define SECTION(t) NULL, t, NKEYS(t)

static const struct keydef sensor_keys[] = {
	{ "name", h_string, P(sensor_name), "a sensor name", NULL, 0 },
};
static const struct keydef networks_keys[] = {
	{ "local", h_local, P(local), NULL, NULL, 0 },
};
static const struct keydef allow_keys[] = {
	{ "hosts", h_egress, P(egress_hosts), NULL, NULL, 0 },
	{ "ports", h_ports, 0, NULL, NULL, 0 },
};
static const struct keydef hosts_keys[] = {
	{ "resolvers", h_prefixes, P(roles[NJ_ROLE_RESOLVER]), NULL, NULL, 0 },
	{ "mail_relays", h_prefixes, P(roles[NJ_ROLE_MAIL_RELAY]), NULL,
	    NULL, 0 },
	{ "admin", h_prefixes, P(roles[NJ_ROLE_ADMIN]), NULL, NULL, 0 },
	{ "no_egress", h_prefixes, P(roles[NJ_ROLE_NO_EGRESS]), NULL, NULL,
	    0 },
	{ "no_egress_allow", h_egress, 0, SECTION(allow_keys) },
};
static const struct keydef inventory_keys[] = {
	{ "hosts", h_inventory, P(inventory), NULL, NULL, 0 },
	{ "learn", h_duration, P(learn), NULL, NULL, 0 },
	{ "state_file", h_string, P(state_file), "a file path", NULL, 0 },
};
static const struct keydef dns_keys[] = {
	{ "baseline_file", h_string, P(baseline_file), "a file path", NULL,
	    0 },
	{ "internal_zones", h_zones, P(internal_zones), "a DNS zone name",
	    NULL, 0 },
};
static const struct keydef geoip_keys[] = {
	{ "city", h_string, P(geoip_city), "a file path", NULL, 0 },
	{ "asn", h_string, P(geoip_asn), "a file path", NULL, 0 },
};
static const struct keydef ptr_keys[] = {
	{ "resolver", h_string, P(ptr_resolver), "an address (IP, IP:PORT or "
	    "[IPv6]:PORT)", NULL, 0 },
	{ "rate", h_positive, P(ptr_rate), "a number of queries per second "
	    "above 0", NULL, 0 },
	{ "timeout", h_duration, P(ptr_timeout), NULL, NULL, 0 },
};
static const struct keydef enrich_keys[] = {
	{ "ptr", h_section, 0, SECTION(ptr_keys) },
};
static const struct keydef outputs_keys[] = {
	{ "json", h_string, P(out_json), "a file path or '-'", NULL, 0 },
	{ "syslog", h_targets, P(syslog), "a syslog target (local, a socket "
	    "path, udp://HOST:PORT, tcp://HOST:PORT or relp://HOST:PORT)",
	    NULL, 0 },
	{ "syslog_format", h_syslog_format, 0, NULL, NULL, 0 },
	{ "text", h_bool, P(text), NULL, NULL, 0 },
};
static const struct keydef alerts_keys[] = {
	{ "fold_window", h_duration, P(fold_window), NULL, NULL, 0 },
};

/* In the order of the documentation, which unknown-key errors list. */
const struct keydef nj_top_keys[] = {
	{ "sensor", h_section, 0, SECTION(sensor_keys) },
	{ "networks", h_section, 0, SECTION(networks_keys) },
	{ "hosts", h_section, 0, SECTION(hosts_keys) },
	{ "detectors", h_detectors, 0, NULL, NULL, 0 },
	{ "suppressions", h_suppressions, 0, NULL, NULL, 0 },
	{ "inventory", h_section, 0, SECTION(inventory_keys) },
	{ "dns", h_section, 0, SECTION(dns_keys) },
	{ "geoip", h_section, 0, SECTION(geoip_keys) },
	{ "enrich", h_section, 0, SECTION(enrich_keys) },
	{ "outputs", h_section, 0, SECTION(outputs_keys) },
	{ "alerts", h_section, 0, SECTION(alerts_keys) },
};
const size_t nj_ntop_keys = NKEYS(nj_top_keys);
