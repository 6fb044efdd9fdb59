/*
 * policy.c - the policy object: the default policy, freeing, and the
 * queries detectors ask (locality, roles, thresholds, suppressions).
 */
#include <errno.h>
#include <fnmatch.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "policy/policy_impl.h"

struct nj_policy *
nj_policy_new(void)
{
	struct nj_policy *p;
	size_t i;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->learn = -1;
	p->fold_window = -1;
	p->ptr_rate = -1;
	p->ptr_timeout = -1;
	p->text = -1;
	if ((p->det = calloc(nj_ndet_defs, sizeof(*p->det))) == NULL)
		goto fail;
	for (i = 0; i < nj_ndet_defs; i++)
		p->det[i].enabled = -1;
	if ((p->local = nj_prefix_new(0)) == NULL ||
	    (p->egress_hosts = nj_prefix_new(0)) == NULL ||
	    (p->inventory = nj_prefix_new(0)) == NULL ||
	    (p->supp_src = nj_prefix_new(NJ_POLICY_MAX_SUPPRESSIONS)) == NULL)
		goto fail;
	for (i = 0; i < NJ_ROLE_MAX; i++)
		if ((p->roles[i] = nj_prefix_new(0)) == NULL)
			goto fail;
	return p;
fail:
	nj_policy_free(p);
	return NULL;
}

static void
strlist_free(struct nj_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

void
nj_policy_free(struct nj_policy *p)
{
	size_t i;

	if (p == NULL)
		return;
	free(p->sensor_name);
	nj_prefix_free(p->local);
	for (i = 0; i < NJ_ROLE_MAX; i++)
		nj_prefix_free(p->roles[i]);
	nj_prefix_free(p->egress_hosts);
	free(p->det);
	for (i = 0; i < p->nsupp; i++) {
		free(p->supp[i].kind);
		free(p->supp[i].hostname);
		free(p->supp[i].comment);
	}
	free(p->supp);
	nj_prefix_free(p->supp_src);
	nj_prefix_free(p->inventory);
	free(p->state_file);
	strlist_free(&p->internal_zones);
	free(p->baseline_file);
	free(p->geoip_city);
	free(p->geoip_asn);
	free(p->ptr_resolver);
	free(p->out_json);
	strlist_free(&p->syslog);
	free(p->syslog_format);
	free(p);
}

int
nj_policy_add_default_local(struct nj_policy *p)
{
	static const char *const nets[] = { "10.0.0.0/8", "172.16.0.0/12",
	    "192.168.0.0/16", "fc00::/7" };
	struct nj_addr a;
	unsigned len;
	size_t i;

	for (i = 0; i < sizeof(nets) / sizeof(nets[0]); i++)
		if (nj_prefix_parse(nets[i], &a, &len) != 0 ||
		    nj_prefix_insert(p->local, &a, len, 1) != 0)
			return -1;
	return 0;
}

struct nj_policy *
nj_policy_default(void)
{
	struct nj_policy *p;

	if ((p = nj_policy_new()) == NULL)
		return NULL;
	if (nj_policy_add_default_local(p) != 0) {
		nj_policy_free(p);
		return NULL;
	}
	p->is_default = true;
	return p;
}

bool
nj_policy_is_default(const struct nj_policy *p)
{
	return p->is_default;
}

const char *
nj_policy_sensor_name(const struct nj_policy *p)
{
	return p->sensor_name;
}

bool
nj_policy_is_local(const struct nj_policy *p, const struct nj_addr *a)
{
	return nj_prefix_lookup(p->local, a, NULL);
}

int
nj_policy_add_local(struct nj_policy *p, const struct nj_addr *net,
    unsigned prefixlen)
{
	return nj_prefix_insert(p->local, net, prefixlen, 1);
}

bool
nj_policy_has_role(const struct nj_policy *p, enum nj_role role,
    const struct nj_addr *a)
{
	if ((unsigned)role >= NJ_ROLE_MAX)
		return false;
	return nj_prefix_lookup(p->roles[role], a, NULL);
}

bool
nj_policy_role_configured(const struct nj_policy *p, enum nj_role role)
{
	if ((unsigned)role >= NJ_ROLE_MAX)
		return false;
	return nj_prefix_count(p->roles[role]) > 0;
}

bool
nj_policy_no_egress_allowed(const struct nj_policy *p,
    const struct nj_addr *dst, uint16_t dport)
{
	if (dport != 0 && (p->egress_ports[dport / 8] & (1u << (dport % 8))))
		return true;
	return dst != NULL && nj_prefix_lookup(p->egress_hosts, dst, NULL);
}

bool
nj_policy_detector_enabled(const struct nj_policy *p, const char *det,
    bool def)
{
	int d;

	if ((d = nj_det_find(det)) < 0 || p->det[d].enabled < 0)
		return def;
	return p->det[d].enabled != 0;
}

double
nj_policy_threshold(const struct nj_policy *p, const char *det,
    const char *key, double def)
{
	int d, k;

	if ((d = nj_det_find(det)) < 0 || (k = nj_det_key_find(d, key)) < 0 ||
	    !p->det[d].set[k])
		return def;
	return p->det[d].val[k];
}

int
nj_policy_index_supp(struct nj_policy *p)
{
	struct nj_supp *s;
	intptr_t head;
	size_t i;

	/* Built backwards so each chain lists its entries in file order. */
	for (i = p->nsupp; i-- > 0;) {
		s = &p->supp[i];
		if (!s->has_src)
			continue;
		s->next_same_src = NULL;
		if (nj_prefix_get(p->supp_src, &s->src, s->src_len, &head))
			s->next_same_src = (struct nj_supp *)head;
		if (nj_prefix_insert(p->supp_src, &s->src, s->src_len,
		    (intptr_t)s) != 0)
			return -1;
	}
	return 0;
}

struct supp_query {
	const char	     *kind;
	const struct nj_addr *src, *dst;
	uint16_t	      dport;
	const char	     *hostname;
	nj_time_t	      now;
};

static bool
supp_match(const struct nj_supp *s, const struct supp_query *q)
{
	struct nj_addr m;

	if (s->has_expires && q->now >= s->expires)
		return false;
	if (s->kind != NULL && (q->kind == NULL || strcmp(s->kind, q->kind)))
		return false;
	if (s->port != 0 && s->port != q->dport)
		return false;
	if (s->has_src) {
		if (q->src == NULL || q->src->family != s->src.family)
			return false;
		m = *q->src;
		nj_prefix_mask(&m, s->src_len);
		if (memcmp(&m, &s->src, sizeof(m)) != 0)
			return false;
	}
	if (s->has_dst) {
		if (q->dst == NULL || q->dst->family != s->dst.family)
			return false;
		m = *q->dst;
		nj_prefix_mask(&m, s->dst_len);
		if (memcmp(&m, &s->dst, sizeof(m)) != 0)
			return false;
	}
	/* Host names compare without regard to case, as DNS does. */
	if (s->hostname != NULL && (q->hostname == NULL ||
	    fnmatch(s->hostname, q->hostname, FNM_CASEFOLD) != 0))
		return false;
	return true;
}

static bool
supp_chain(intptr_t v, void *arg)
{
	const struct nj_supp *s;

	for (s = (const struct nj_supp *)v; s != NULL; s = s->next_same_src)
		if (supp_match(s, arg))
			return true;
	return false;
}

bool
nj_policy_suppressed(const struct nj_policy *p, const char *kind,
    const struct nj_addr *src, const struct nj_addr *dst, uint16_t dport,
    const char *hostname, nj_time_t now)
{
	struct supp_query q = { kind, src, dst, dport, hostname, now };
	size_t i;

	if (src != NULL && nj_prefix_lookup_all(p->supp_src, src, supp_chain,
	    &q))
		return true;
	for (i = 0; i < p->nsupp; i++)
		if (!p->supp[i].has_src && supp_match(&p->supp[i], &q))
			return true;
	return false;
}

bool
nj_policy_has_inventory(const struct nj_policy *p)
{
	return nj_prefix_count(p->inventory) > 0;
}

bool
nj_policy_in_inventory(const struct nj_policy *p, const struct nj_addr *a)
{
	return nj_prefix_lookup(p->inventory, a, NULL);
}

bool
nj_policy_internal_zone(const struct nj_policy *p, const char *name)
{
	size_t i, n, z;
	const char *zone;

	n = strlen(name);
	if (n > 0 && name[n - 1] == '.')
		n--;
	for (i = 0; i < p->internal_zones.n; i++) {
		zone = p->internal_zones.v[i];
		z = strlen(zone);
		/* The zone itself, or a name ending in ".zone". */
		if (z > n || strncasecmp(name + n - z, zone, z) != 0)
			continue;
		if (z == n || name[n - z - 1] == '.')
			return true;
	}
	return false;
}

const char *
nj_policy_string(const struct nj_policy *p, const char *key)
{
	static const struct { const char *key; size_t off; } keys[] = {
		{ "sensor.name", offsetof(struct nj_policy, sensor_name) },
		{ "geoip.city", offsetof(struct nj_policy, geoip_city) },
		{ "geoip.asn", offsetof(struct nj_policy, geoip_asn) },
		{ "enrich.ptr.resolver",
		    offsetof(struct nj_policy, ptr_resolver) },
		{ "inventory.state_file",
		    offsetof(struct nj_policy, state_file) },
		{ "dns.baseline_file",
		    offsetof(struct nj_policy, baseline_file) },
		{ "outputs.json", offsetof(struct nj_policy, out_json) },
		{ "outputs.syslog_format",
		    offsetof(struct nj_policy, syslog_format) },
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].key, key) == 0)
			return *(char *const *)((const char *)p + keys[i].off);
	return NULL;
}

double
nj_policy_number(const struct nj_policy *p, const char *key, double def)
{
	double v = -1;

	if (strcmp(key, "inventory.learn") == 0)
		v = p->learn;
	else if (strcmp(key, "alerts.fold_window") == 0)
		v = p->fold_window;
	else if (strcmp(key, "enrich.ptr.rate") == 0)
		v = p->ptr_rate;
	else if (strcmp(key, "enrich.ptr.timeout") == 0)
		v = p->ptr_timeout;
	return v < 0 ? def : v;
}

bool
nj_policy_flag(const struct nj_policy *p, const char *key, bool def)
{
	if (strcmp(key, "outputs.text") == 0 && p->text >= 0)
		return p->text != 0;
	return def;
}

size_t
nj_policy_strings(const struct nj_policy *p, const char *key,
    const char *const **items)
{
	const struct nj_strlist *l = NULL;

	if (strcmp(key, "outputs.syslog") == 0)
		l = &p->syslog;
	else if (strcmp(key, "dns.internal_zones") == 0)
		l = &p->internal_zones;
	if (l == NULL || l->n == 0) {
		*items = NULL;
		return 0;
	}
	*items = (const char *const *)l->v;
	return l->n;
}

int
nj_policy_check(const char *path, FILE *out, FILE *err)
{
	struct nj_policy *p;

	if ((p = nj_policy_load(path, err)) == NULL)
		return 1;
	nj_policy_print(p, out);
	nj_policy_free(p);
	return 0;
}
