/*
 * det_no_egress.c - no-egress: a host the policy says must never open
 * connections (hosts.no_egress: a public web server) initiates one to a
 * destination outside the site (seed 002, 004: a server that suddenly
 * downloads or calls home has been taken over). Destinations and ports
 * in hosts.no_egress_allow (the resolver, NTP, a proxy) are fine.
 *
 * Raised on the initiator's first packet of each flow; the alert
 * pipeline folds the repeats of one host and destination into one alert
 * with a count. ICMP counts only for echo requests: a server's errors
 * and echo replies answer someone else.
 */
#include <netinet/in.h>
#include <stdlib.h>

#include "policy/policy.h"
#include "sensor/alert.h"
#include "sensor/det_egress.h"
#include "sensor/detector.h"
#include "sensor/flow_table.h"
#include "sensor/sensor.h"

#define KIND "no-egress"

struct noeg {
	uint64_t alerts, allowed;
};

static void *
noeg_init(struct nj_sensor *s)
{
	(void)s;
	return calloc(1, sizeof(struct noeg));
}

static void
noeg_fini(void *st)
{
	free(st);
}

static bool
initiates(const struct nj_packet *p, const struct nj_flow *flow, int dir)
{
	if (dir != 0 || flow->pkts[0] != 1)
		return false;
	if (flow->proto == IPPROTO_ICMP)
		return p->icmp_type == 8;
	if (flow->proto == IPPROTO_ICMPV6)
		return p->icmp_type == 128;
	return true;
}

static void
noeg_packet(void *st, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir)
{
	struct noeg *d = st;
	struct nj_alert a;
	char ob[NJ_ADDRSTRLEN], rb[NJ_ADDRSTRLEN];
	uint16_t dport;

	if (flow == NULL || s->policy == NULL || !initiates(p, flow, dir) ||
	    !nj_policy_has_role(s->policy, NJ_ROLE_NO_EGRESS, &flow->orig) ||
	    nj_policy_is_local(s->policy, &flow->resp) ||
	    !nj_policy_detector_enabled(s->policy, KIND, true))
		return;
	dport = flow->proto == IPPROTO_TCP || flow->proto == IPPROTO_UDP ?
	    flow->resp_port : 0;
	if (nj_policy_no_egress_allowed(s->policy, &flow->resp, dport)) {
		d->allowed++;
		return;
	}
	d->alerts++;
	nj_alert_init(&a, KIND, NJ_SEV_HIGH, p->ts);
	nj_alert_tuple(&a, &flow->orig, dport ? flow->orig_port : 0,
	    &flow->resp, dport, flow->proto);
	nj_addr_str(&flow->orig, ob, sizeof(ob));
	nj_addr_str(&flow->resp, rb, sizeof(rb));
	nj_alert_sig(&a, "no-egress host %s opens a %s connection to %s%s%.0u",
	    ob, nj_proto_name(flow->proto), rb, dport ? " port " : "", dport);
	nj_alert_str(&a, "proto", nj_proto_name(flow->proto));
	if (dport != 0)
		nj_alert_uint(&a, "port", dport);
	nj_alert_bool(&a, "midstream", flow->initiator_inferred);
	nj_alert_emit(s, &a);
}

static void
noeg_stats(void *st, FILE *out)
{
	struct noeg *d = st;

	fprintf(out, "no_egress.alerts %llu\n", (unsigned long long)d->alerts);
	fprintf(out, "no_egress.allowed %llu\n",
	    (unsigned long long)d->allowed);
}

const struct nj_detector nj_det_no_egress = {
	.name = KIND,
	.init = noeg_init,
	.packet = noeg_packet,
	.stats = noeg_stats,
	.fini = noeg_fini,
};
