/*
 * det_lateral_ssh.c - lateral-ssh: SSH between two local hosts started
 * by a host that is not an admin host (seed 002: an intruder moving from
 * a workstation to its neighbours). SSH is port 22, or an SSH
 * identification line on any port.
 *
 * An SSH flow is reported when the recogniser has seen the banners
 * (state established, both software versions); a flow to port 22 that
 * never showed a banner (refused, unanswered, cut) when it ends, with
 * its final state, unless its payload was read and is not SSH (a proxy
 * or web server on 22). Repeats between one pair fold in the pipeline.
 *
 * Without hosts.admin in the policy every local SSH client would be
 * "not an admin host": the alerts are then low severity (the default
 * policy's case); with admin hosts configured, medium.
 */
#include <netinet/in.h>
#include <stdlib.h>

#include "policy/policy.h"
#include "sensor/alert.h"
#include "sensor/app_path.h"
#include "sensor/det_egress.h"
#include "sensor/detector.h"
#include "sensor/sensor.h"

#define KIND "lateral-ssh"

struct lat {
	uint64_t alerts, admin;
};

static void *
lat_init(struct nj_sensor *s)
{
	(void)s;
	return calloc(1, sizeof(struct lat));
}

static void
lat_fini(void *st)
{
	free(st);
}

/* Both ends local, the initiator no admin host, the detector on. */
static bool
lateral(struct lat *d, struct nj_sensor *s, const struct nj_flow *f)
{
	if (s->policy == NULL || !nj_policy_is_local(s->policy, &f->orig) ||
	    !nj_policy_is_local(s->policy, &f->resp) ||
	    !nj_policy_detector_enabled(s->policy, KIND, true))
		return false;
	if (nj_policy_has_role(s->policy, NJ_ROLE_ADMIN, &f->orig)) {
		d->admin++;
		return false;
	}
	return true;
}

static void
report(struct lat *d, struct nj_sensor *s, const struct nj_flow *f,
    const struct nj_app_evidence *ev)
{
	struct nj_alert a;
	char ob[NJ_ADDRSTRLEN], rb[NJ_ADDRSTRLEN];
	bool established, admins;

	/* Banners from both sides mean the TCP session was up. */
	established = (ev != NULL && ev->confirmed) ||
	    f->state == NJ_FLOW_ESTABLISHED ||
	    (f->state == NJ_FLOW_CLOSED && f->reply_seen && f->pkts[1] > 1);
	admins = nj_policy_role_configured(s->policy, NJ_ROLE_ADMIN);
	d->alerts++;
	nj_alert_init(&a, KIND, admins ? NJ_SEV_MEDIUM : NJ_SEV_LOW, f->first);
	nj_alert_tuple(&a, &f->orig, f->orig_port, &f->resp, f->resp_port,
	    IPPROTO_TCP);
	nj_addr_str(&f->orig, ob, sizeof(ob));
	nj_addr_str(&f->resp, rb, sizeof(rb));
	nj_alert_sig(&a, "%s %s SSH to local host %s port %u", ob,
	    established ? "opens" : "tries", rb, f->resp_port);
	nj_alert_uint(&a, "port", f->resp_port);
	nj_alert_bool(&a, "established", established);
	nj_alert_str(&a, "state", nj_flow_state_name(f->state));
	nj_alert_bool(&a, "by_protocol", ev != NULL);
	if (ev != NULL && ev->client_sw[0] != '\0')
		nj_alert_str(&a, "client_banner", ev->client_sw);
	if (ev != NULL && ev->server_sw[0] != '\0')
		nj_alert_str(&a, "banner", ev->server_sw);
	nj_alert_uint(&a, "bytes_out", f->bytes[0]);
	nj_alert_uint(&a, "bytes_in", f->bytes[1]);
	nj_alert_bool(&a, "admins_configured", admins);
	nj_alert_emit(s, &a);
}

static void
lat_app(void *st, struct nj_sensor *s, struct nj_flow *flow,
    const struct nj_app_evidence *ev)
{
	if (ev->proto == NJ_APP_SSH && nj_app_ev_final(ev) &&
	    lateral(st, s, flow))
		report(st, s, flow, ev);
}

static void
lat_flow_end(void *st, struct nj_sensor *s, const struct nj_flow *f)
{
	if (f->proto == IPPROTO_TCP && f->resp_port == 22 &&
	    f->app != NJ_FLOW_APP_SSH && !nj_app_flow_unclaimed(f) &&
	    lateral(st, s, f))
		report(st, s, f, NULL);
}

static void
lat_stats(void *st, FILE *out)
{
	struct lat *d = st;

	fprintf(out, "lateral_ssh.alerts %llu\n", (unsigned long long)d->alerts);
	fprintf(out, "lateral_ssh.admin %llu\n", (unsigned long long)d->admin);
}

const struct nj_detector nj_det_lateral_ssh = {
	.name = KIND,
	.init = lat_init,
	.app = lat_app,
	.flow_end = lat_flow_end,
	.stats = lat_stats,
	.fini = lat_fini,
};
