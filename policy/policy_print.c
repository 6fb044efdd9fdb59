/*
 * policy_print.c - writes a policy back as normalized YAML: keys sorted,
 * prefixes canonical and sorted, durations in seconds, dates in UTC. The
 * output parses back to the same policy and prints identically.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy_impl.h"

/* A double-quoted YAML string with every awkward character escaped. */
static void
qstr(FILE *out, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	fputc('"', out);
	for (; *u != '\0'; u++) {
		if (*u == '"' || *u == '\\')
			fprintf(out, "\\%c", *u);
		else if (*u < 0x20 || *u == 0x7f)
			fprintf(out, "\\x%02x", *u);
		/* U+0085, U+2028, U+2029 and U+FEFF are breaks or a BOM. */
		else if (u[0] == 0xc2 && u[1] == 0x85) {
			fputs("\\N", out);
			u++;
		} else if (u[0] == 0xe2 && u[1] == 0x80 &&
		    (u[2] == 0xa8 || u[2] == 0xa9)) {
			fputs(u[2] == 0xa8 ? "\\L" : "\\P", out);
			u += 2;
		} else if (u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
			fputs("\\uFEFF", out);
			u += 2;
		} else
			fputc(*u, out);
	}
	fputc('"', out);
}

static void
prefix_out(FILE *out, const struct nj_addr *a, unsigned len)
{
	char buf[NJ_ADDRSTRLEN + 8];

	nj_prefix_str(a, len, buf, sizeof(buf));
	/* IPv6 is quoted: a plain ':' is too close to YAML syntax. */
	if (a->family == 6)
		fprintf(out, "\"%s\"", buf);
	else
		fputs(buf, out);
}

struct plist {
	FILE  *out;
	size_t n;
};

static void
plist_item(const struct nj_addr *a, unsigned len, intptr_t v, void *arg)
{
	struct plist *pl = arg;

	(void)v;
	fputs(pl->n++ ? ", " : "", pl->out);
	prefix_out(pl->out, a, len);
}

static void
prefixes(FILE *out, const char *indent, const char *key,
    const struct nj_prefix_set *s)
{
	struct plist pl = { out, 0 };

	fprintf(out, "%s%s: [", indent, key);
	nj_prefix_walk(s, plist_item, &pl);
	fputs("]\n", out);
}

static void
strings(FILE *out, const char *indent, const char *key,
    const struct nj_strlist *l)
{
	size_t i;

	fprintf(out, "%s%s: [", indent, key);
	for (i = 0; i < l->n; i++) {
		fputs(i ? ", " : "", out);
		qstr(out, l->v[i]);
	}
	fputs("]\n", out);
}

static void
string(FILE *out, const char *indent, const char *key, const char *v)
{
	fprintf(out, "%s%s: ", indent, key);
	qstr(out, v);
	fputc('\n', out);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
print_detectors(const struct nj_policy *p, FILE *out)
{
	const char *names[64], *keys[NJ_DET_MAX_KEYS + 1];
	const struct nj_det_conf *dc;
	size_t i, j, n = 0, nk;
	int d, k;

	for (i = 0; i < nj_ndet_defs && n < 64; i++) {
		dc = &p->det[i];
		for (k = 0; k < NJ_DET_MAX_KEYS && !dc->set[k]; k++)
			;
		if (dc->enabled >= 0 || k < NJ_DET_MAX_KEYS)
			names[n++] = nj_det_defs[i].name;
	}
	if (n == 0)
		return;
	qsort(names, n, sizeof(names[0]), cmp_str);
	fputs("detectors:\n", out);
	for (i = 0; i < n; i++) {
		d = nj_det_find(names[i]);
		dc = &p->det[d];
		fprintf(out, "  %s:\n", names[i]);
		nk = 0;
		if (dc->enabled >= 0)
			keys[nk++] = "enabled";
		for (k = 0; k < NJ_DET_MAX_KEYS; k++)
			if (dc->set[k])
				keys[nk++] = nj_det_defs[d].keys[k].name;
		qsort(keys, nk, sizeof(keys[0]), cmp_str);
		for (j = 0; j < nk; j++) {
			if (strcmp(keys[j], "enabled") == 0) {
				fprintf(out, "    enabled: %s\n",
				    dc->enabled ? "true" : "false");
				continue;
			}
			k = nj_det_key_find(d, keys[j]);
			fprintf(out, "    %s: %.15g\n", keys[j], dc->val[k]);
		}
	}
}

static void
print_supp(const struct nj_supp *s, FILE *out)
{
	char buf[40];
	const char *lead = "  - ";

	/* Keys in sorted order: comment, dst, expires, hostname, kind, port, src. */
	if (s->comment != NULL) {
		string(out, lead, "comment", s->comment);
		lead = "    ";
	}
	if (s->has_dst) {
		fprintf(out, "%sdst: ", lead);
		prefix_out(out, &s->dst, s->dst_len);
		fputc('\n', out);
		lead = "    ";
	}
	if (s->has_expires) {
		fprintf(out, "%sexpires: %s\n", lead,
		    nj_format_time(s->expires, buf, sizeof(buf)));
		lead = "    ";
	}
	if (s->hostname != NULL) {
		string(out, lead, "hostname", s->hostname);
		lead = "    ";
	}
	if (s->kind != NULL) {
		fprintf(out, "%skind: %s\n", lead, s->kind);
		lead = "    ";
	}
	if (s->port != 0) {
		fprintf(out, "%sport: %u\n", lead, s->port);
		lead = "    ";
	}
	if (s->has_src) {
		fprintf(out, "%ssrc: ", lead);
		prefix_out(out, &s->src, s->src_len);
		fputc('\n', out);
	}
}

static void
print_egress(const struct nj_policy *p, FILE *out)
{
	unsigned port, n = 0;

	fputs("  no_egress_allow:\n", out);
	prefixes(out, "    ", "hosts", p->egress_hosts);
	fputs("    ports: [", out);
	for (port = 1; port < 65536; port++)
		if (p->egress_ports[port / 8] & (1u << (port % 8)))
			fprintf(out, "%s%u", n++ ? ", " : "", port);
	fputs("]\n", out);
}

void
nj_policy_print(const struct nj_policy *p, FILE *out)
{
	static const struct { const char *key; enum nj_role role; } roles[] = {
		{ "admin", NJ_ROLE_ADMIN },
		{ "mail_relays", NJ_ROLE_MAIL_RELAY },
		{ "no_egress", NJ_ROLE_NO_EGRESS },
		{ "resolvers", NJ_ROLE_RESOLVER },
	};
	size_t i;
	bool any;

	if (p->fold_window >= 0)
		fprintf(out, "alerts:\n  fold_window: %.15g\n", p->fold_window);
	print_detectors(p, out);
	if (p->internal_zones.given || p->baseline_file != NULL) {
		fputs("dns:\n", out);
		if (p->baseline_file != NULL)
			string(out, "  ", "baseline_file", p->baseline_file);
		if (p->internal_zones.given)
			strings(out, "  ", "internal_zones",
			    &p->internal_zones);
	}
	if (p->ptr_rate >= 0 || p->ptr_resolver != NULL ||
	    p->ptr_timeout >= 0) {
		fputs("enrich:\n  ptr:\n", out);
		if (p->ptr_rate >= 0)
			fprintf(out, "    rate: %.15g\n", p->ptr_rate);
		if (p->ptr_resolver != NULL)
			string(out, "    ", "resolver", p->ptr_resolver);
		if (p->ptr_timeout >= 0)
			fprintf(out, "    timeout: %.15g\n", p->ptr_timeout);
	}
	if (p->geoip_asn != NULL || p->geoip_city != NULL) {
		fputs("geoip:\n", out);
		if (p->geoip_asn != NULL)
			string(out, "  ", "asn", p->geoip_asn);
		if (p->geoip_city != NULL)
			string(out, "  ", "city", p->geoip_city);
	}
	any = p->egress_given;
	for (i = 0; i < NJ_ROLE_MAX; i++)
		any |= nj_prefix_count(p->roles[i]) > 0;
	if (any) {
		fputs("hosts:\n", out);
		for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
			if (nj_prefix_count(p->roles[roles[i].role]) > 0)
				prefixes(out, "  ", roles[i].key,
				    p->roles[roles[i].role]);
			if (roles[i].role == NJ_ROLE_NO_EGRESS &&
			    p->egress_given)
				print_egress(p, out);
		}
	}
	if (p->inventory_given || p->learn >= 0 || p->state_file != NULL) {
		fputs("inventory:\n", out);
		if (p->inventory_given)
			prefixes(out, "  ", "hosts", p->inventory);
		if (p->learn >= 0)
			fprintf(out, "  learn: %.15g\n", p->learn);
		if (p->state_file != NULL)
			string(out, "  ", "state_file", p->state_file);
	}
	fputs("networks:\n", out);
	prefixes(out, "  ", "local", p->local);
	if (p->out_json != NULL || p->syslog.given ||
	    p->syslog_format != NULL || p->text >= 0) {
		fputs("outputs:\n", out);
		if (p->out_json != NULL)
			string(out, "  ", "json", p->out_json);
		if (p->syslog.given)
			strings(out, "  ", "syslog", &p->syslog);
		if (p->syslog_format != NULL)
			fprintf(out, "  syslog_format: %s\n", p->syslog_format);
		if (p->text >= 0)
			fprintf(out, "  text: %s\n", p->text ? "true" : "false");
	}
	if (p->sensor_name != NULL) {
		fputs("sensor:\n", out);
		string(out, "  ", "name", p->sensor_name);
	}
	if (p->nsupp > 0) {
		fputs("suppressions:\n", out);
		for (i = 0; i < p->nsupp; i++)
			print_supp(&p->supp[i], out);
	}
}
