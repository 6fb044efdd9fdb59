/*
 * det_dns_private_answer.c - dns-private-answer: a public name resolved
 * to a private address (RFC 1918, ULA, IPv4-mapped IPv6 of either). The
 * DNS side of seed 003's story: proof.smh.com.au published 172.16.45.35,
 * and every client that looked it up then knocked on an address that
 * goes nowhere. Informational (severity low): it is usually someone
 * else's mistake, and it names the host before the connection attempts
 * (private-destination) do.
 *
 * Not alerts, because they are private by design:
 *   - names in the policy's dns.internal_zones;
 *   - reverse zones (.arpa, home.arpa with them), the special-use and
 *     customary private names (.local, .internal, .lan, .home, .corp,
 *     .intranet, .private, .localdomain, .localhost) and single-label
 *     names (search-domain shortcuts such as "printer");
 *   - answers in 127.0.0.0/8 (DNSBLs answer there; it is loopback, not
 *     private, so the category test leaves it out) and 0.0.0.0 (the
 *     blocking resolvers' sinkhole);
 *   - mDNS (port 5353): link-local names by definition;
 *   - a resolver's own recursion: a response to a query without RD, or
 *     to a host the policy lists in hosts.resolvers. The stub client's
 *     answer follows, and that is the one that says who will connect;
 *   - answers that point into the site: inside a local network the
 *     policy configures (split-horizon views of the site's own names),
 *     or, with any policy, inside the client's own /24 (IPv4) or /64
 *     (IPv6): ad-blocking resolvers answer blocked names with their own
 *     LAN address (nDPI's telegram.pcap: www.googletagservices.com ->
 *     192.168.1.157, TTL 0), and a LAN answer is not the seed's story of
 *     a foreign internal address leaking through public DNS. With the
 *     default policy every private range counts as local, so only the
 *     same-subnet rule applies there.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decoders/dns.h"
#include "policy/policy.h"
#include "policy/special.h"
#include "sensor/alert.h"
#include "sensor/detector.h"
#include "sensor/dns_path.h"
#include "sensor/sensor.h"

#define DPA_NAME "dns-private-answer"

struct dpa_state {
	uint64_t raised, internal, recursion, site;
};

static const char *const private_suffixes[] = {
	"arpa", "local", "internal", "lan", "home", "corp", "intranet",
	"private", "localdomain", "localhost",
};

static void *
dpa_init(struct nj_sensor *s)
{
	(void)s;
	return calloc(1, sizeof(struct dpa_state));
}

static void
dpa_fini(void *st)
{
	free(st);
}

/* True when name is a private name by the rules above. */
static bool
private_name(const struct nj_sensor *s, const char *name)
{
	const char *tld;
	size_t i;

	if ((tld = strrchr(name, '.')) == NULL)
		return true;
	tld++;
	for (i = 0; i < sizeof(private_suffixes) / sizeof(private_suffixes[0]);
	    i++)
		if (strcasecmp(tld, private_suffixes[i]) == 0)
			return true;
	return s->policy != NULL && nj_policy_internal_zone(s->policy, name);
}

/* True when a is in client's /24 (IPv4) or /64 (IPv6). */
static bool
same_subnet(const struct nj_addr *a, const struct nj_addr *client)
{
	if (a->family != client->family)
		return false;
	return memcmp(a->a, client->a, a->family == 4 ? 3 : 8) == 0;
}

/* True when the answer points into the site (see above). */
static bool
site_answer(const struct nj_sensor *s, const struct nj_addr *a,
    const struct nj_addr *client)
{
	if (same_subnet(a, client))
		return true;
	return s->policy != NULL && !nj_policy_is_default(s->policy) &&
	    nj_policy_is_local(s->policy, a);
}

static bool
private_answer(const struct nj_dns_rr *rr, struct nj_special_info *si)
{
	if (rr->rclass != NJ_DNS_C_IN ||
	    (rr->type != NJ_DNS_T_A && rr->type != NJ_DNS_T_AAAA) ||
	    rr->addr.family == 0)
		return false;
	return nj_special_classify(&rr->addr, si) &&
	    si->cat == NJ_SPECIAL_PRIVATE;
}

static void
dpa_dns(void *vst, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir, const struct nj_dns_msg *m)
{
	struct dpa_state *st = vst;
	char cb[NJ_ADDRSTRLEN], rb[NJ_ADDRSTRLEN], ab[NJ_ADDRSTRLEN];
	struct nj_special_info si;
	const struct nj_dns_rr *first = NULL;
	struct nj_alert a;
	uint32_t ttl = UINT32_MAX;
	int i;

	(void)flow;
	(void)dir;
	if (!m->qr || m->opcode != 0 || m->rcode != NJ_DNS_RCODE_NOERROR ||
	    !m->has_question || m->n_answers == 0 ||
	    p->sport == NJ_MDNS_PORT || p->dport == NJ_MDNS_PORT)
		return;
	for (i = 0; i < m->n_answers; i++)
		if (private_answer(&m->an[i], &si)) {
			if (site_answer(s, &m->an[i].addr, &p->dst)) {
				st->site++;
				return;
			}
			if (first == NULL)
				first = &m->an[i];
		}
	if (first == NULL)
		return;
	if (private_name(s, m->qname)) {
		st->internal++;
		return;
	}
	if (!m->rd || (s->policy != NULL &&
	    nj_policy_has_role(s->policy, NJ_ROLE_RESOLVER, &p->dst))) {
		st->recursion++;
		return;
	}
	if (s->policy != NULL &&
	    !nj_policy_detector_enabled(s->policy, DPA_NAME, true))
		return;

	nj_special_classify(&first->addr, &si);
	nj_alert_init(&a, DPA_NAME, NJ_SEV_LOW, p->ts);
	/* The client asked, the resolver answered: src is the client. */
	nj_alert_tuple(&a, &p->dst, p->dport, &p->src, p->sport, p->proto);
	nj_strlcpy_mark(a.hostname, m->qname, sizeof(a.hostname));
	nj_addr_str(&p->dst, cb, sizeof(cb));
	nj_addr_str(&p->src, rb, sizeof(rb));
	nj_alert_sig(&a, "%s resolves to the private address %s (%s); %s "
	    "asked %s", m->qname, nj_addr_str(&first->addr, ab, sizeof(ab)),
	    si.rfc, cb, rb);
	nj_alert_str(&a, "name", m->qname);
	for (i = 0; i < m->n_answers; i++) {
		if (!private_answer(&m->an[i], &si))
			continue;
		nj_alert_list(&a, "answers", nj_addr_str(&m->an[i].addr, ab,
		    sizeof(ab)));
		if (m->an[i].ttl < ttl)
			ttl = m->an[i].ttl;
	}
	if (strcmp(first->name, m->qname) != 0)
		nj_alert_str(&a, "owner", first->name);
	nj_alert_str(&a, "resolver", rb);
	nj_alert_str(&a, "client", cb);
	nj_alert_uint(&a, "ttl", ttl);
	st->raised++;
	nj_alert_emit(s, &a);
}

static void
dpa_stats(void *vst, FILE *out)
{
	const struct dpa_state *st = vst;

	fprintf(out, "dns-private-answer.alerts %llu\n",
	    (unsigned long long)st->raised);
	fprintf(out, "dns-private-answer.internal_names %llu\n",
	    (unsigned long long)st->internal);
	fprintf(out, "dns-private-answer.recursion %llu\n",
	    (unsigned long long)st->recursion);
	fprintf(out, "dns-private-answer.site_answers %llu\n",
	    (unsigned long long)st->site);
}

const struct nj_detector nj_det_dns_private_answer = {
	.name = DPA_NAME,
	.init = dpa_init,
	.dns = dpa_dns,
	.stats = dpa_stats,
	.fini = dpa_fini,
};
