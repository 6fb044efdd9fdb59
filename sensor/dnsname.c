/*
 * dnsname.c - query names as the odd-DNS detectors see them (see
 * dnsname.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "policy/psl.h"
#include "sensor/dnsname.h"

static bool
has_suffix(const char *name, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	if (n == k)
		return memcmp(name, suf, k) == 0;
	return n > k && name[n - k - 1] == '.' &&
	    memcmp(name + n - k, suf, k) == 0;
}

const char *
nj_dns_regdom(const struct nj_psl *psl, const char *name)
{
	const char *r, *p;
	int dots = 0;

	if (psl != NULL)
		return (r = nj_psl_registered_domain(psl, name)) != NULL ?
		    r : name;
	for (p = name + strlen(name); p > name; p--)
		if (p[-1] == '.' && ++dots == 2)
			return p;
	return name;
}

bool
nj_dns_name_reverse(const char *name)
{
	size_t n = strlen(name);

	return has_suffix(name, n, "in-addr.arpa") ||
	    has_suffix(name, n, "ip6.arpa");
}

bool
nj_dns_name_ignored(const char *name)
{
	size_t n = strlen(name);

	return n == 0 || strcmp(name, ".") == 0 || has_suffix(name, n, "arpa") ||
	    has_suffix(name, n, "local");
}

size_t
nj_dns_longest_label(const char *s, size_t len)
{
	size_t i, run = 0, best = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '.')
			run = 0;
		else if (++run > best)
			best = run;
	}
	return best;
}

void
nj_dns_common_zone(char *zone, size_t zlen, const char *name)
{
	size_t zn = strlen(zone), nn = strlen(name), k = 0;

	if (zn == 0) {
		/* The whole name, or its longest whole-label tail that fits. */
		while (nn >= zlen) {
			const char *dot = strchr(name, '.');

			if (dot == NULL)
				return;
			name = dot + 1;
			nn = strlen(name);
		}
		memcpy(zone, name, nn + 1);
		return;
	}
	/* Walk back while both agree; then cut forward to a label start. */
	while (k < zn && k < nn && zone[zn - 1 - k] == name[nn - 1 - k])
		k++;
	if (k == zn && (k == nn || name[nn - 1 - k] == '.'))
		return;
	while (k > 0 && zone[zn - k] != '.')
		k--;
	if (k > 0)
		k--; /* drop the dot itself */
	memmove(zone, zone + zn - k, k);
	zone[k] = '\0';
}

bool
nj_dns_qname_tail(const uint8_t *msg, size_t len, char *buf, size_t buflen,
    size_t *wire_len)
{
	ldns_pkt *pkt = NULL;
	ldns_rdf *owner, *tail;
	char *s;
	size_t n, i, labels;
	bool ok = false;

	if (buflen < 2 || ldns_wire2pkt(&pkt, msg, len) != LDNS_STATUS_OK)
		goto out;
	if (ldns_rr_list_rr_count(ldns_pkt_question(pkt)) == 0)
		goto out;
	owner = ldns_rr_owner(ldns_rr_list_rr(ldns_pkt_question(pkt), 0));
	*wire_len = ldns_rdf_size(owner);
	labels = ldns_dname_label_count(owner);
	/* Drop leading labels until the rest prints short enough. */
	for (i = 0; i < labels && !ok; i++) {
		if ((tail = ldns_dname_clone_from(owner, i)) == NULL)
			break;
		s = ldns_rdf2str(tail);
		ldns_rdf_deep_free(tail);
		if (s == NULL)
			break;
		n = strlen(s);
		if (n > 1 && s[n - 1] == '.')
			s[--n] = '\0';
		if (n < buflen) {
			for (n = 0; s[n] != '\0'; n++)
				buf[n] = (char)tolower((unsigned char)s[n]);
			buf[n] = '\0';
			ok = true;
		}
		free(s);
	}
out:
	ldns_pkt_free(pkt);
	return ok;
}
