/*
 * det_smtp.c - outbound-smtp: a local host that is not one of the
 * site's mail relays speaks SMTP, as the client, to an outside server on
 * any port (seed 002: mail that bypasses the relay is spam from a bot or
 * data leaving).
 *
 * Without hosts.mail_relays in the policy nightjar cannot tell the relay
 * from a bot, yet SMTP straight out of a workstation is still worth a
 * look: every local client speaking SMTP out is then reported at low
 * severity (said once, at the first such flow); with relays configured,
 * medium, and high from a no_egress host.
 */
#include <netinet/in.h>
#include <stdlib.h>

#include "policy/policy.h"
#include "sensor/alert.h"
#include "sensor/app_path.h"
#include "sensor/det_egress.h"
#include "sensor/detector.h"
#include "sensor/log.h"
#include "sensor/sensor.h"

#define KIND "outbound-smtp"

struct smtp {
	uint64_t alerts, relayed, not_outbound;
	bool said_no_relays;
};

static void *
smtp_init(struct nj_sensor *s)
{
	(void)s;
	return calloc(1, sizeof(struct smtp));
}

static void
smtp_fini(void *st)
{
	free(st);
}

static bool
smtp_port(uint16_t port)
{
	return port == 25 || port == 465 || port == 587;
}

/* Waits for the final word: the HELO name and sender come after the banner. */
static void
smtp_app(void *st, struct nj_sensor *s, struct nj_flow *flow,
    const struct nj_app_evidence *ev)
{
	struct smtp *d = st;
	const struct nj_addr *client, *server;
	struct nj_alert a;
	char cb[NJ_ADDRSTRLEN], sb[NJ_ADDRSTRLEN];
	uint16_t port;
	bool swap, relays;
	int sev;

	if (ev->proto != NJ_APP_SMTP || !nj_app_ev_final(ev) ||
	    s->policy == NULL ||
	    !nj_policy_detector_enabled(s->policy, KIND, true))
		return;
	swap = nj_app_endpoints(flow, ev, &client, &server, &port);
	if (!nj_policy_is_local(s->policy, client) ||
	    nj_policy_is_local(s->policy, server)) {
		d->not_outbound++;
		return;
	}
	if (nj_policy_has_role(s->policy, NJ_ROLE_MAIL_RELAY, client)) {
		d->relayed++;
		return;
	}
	relays = nj_policy_role_configured(s->policy, NJ_ROLE_MAIL_RELAY);
	if (!relays && !d->said_no_relays) {
		d->said_no_relays = true;
		log_info("%s: no hosts.mail_relays in the policy: every local "
		    "host speaking SMTP out is reported, at low severity", KIND);
	}
	if (!relays)
		sev = NJ_SEV_LOW;
	else if (nj_policy_has_role(s->policy, NJ_ROLE_NO_EGRESS, client))
		sev = NJ_SEV_HIGH;
	else
		sev = NJ_SEV_MEDIUM;
	d->alerts++;
	nj_alert_init(&a, KIND, sev, flow->first);
	nj_alert_tuple(&a, client, swap ? flow->resp_port : flow->orig_port,
	    server, port, IPPROTO_TCP);
	nj_addr_str(client, cb, sizeof(cb));
	nj_addr_str(server, sb, sizeof(sb));
	nj_alert_sig(&a, "%s sends mail to %s port %u%s%s%s", cb, sb, port,
	    relays ? ", not through the mail relay" : "",
	    ev->mail_from[0] ? " from " : "", ev->mail_from);
	nj_alert_uint(&a, "port", port);
	nj_alert_bool(&a, "by_port", smtp_port(port));
	nj_alert_bool(&a, "confirmed", ev->confirmed);
	if (ev->helo[0] != '\0')
		nj_alert_str(&a, "helo", ev->helo);
	if (ev->mail_from[0] != '\0')
		nj_alert_str(&a, "mail_from", ev->mail_from);
	nj_alert_uint(&a, "mails", ev->mails);
	nj_alert_uint(&a, "rcpts", ev->rcpts);
	nj_alert_uint(&a, "refused", ev->refused);
	nj_alert_bool(&a, "starttls", ev->starttls);
	if (ev->attempts > 0) {
		nj_alert_uint(&a, "auth_attempts", ev->attempts);
		if (ev->user[0] != '\0')
			nj_alert_str(&a, "auth_user", ev->user);
	}
	nj_alert_bool(&a, "relays_configured", relays);
	nj_alert_uint(&a, "bytes_out", flow->bytes[swap ? 1 : 0]);
	nj_alert_emit(s, &a);
}

static void
smtp_stats(void *st, FILE *out)
{
	struct smtp *d = st;

	fprintf(out, "outbound_smtp.alerts %llu\n",
	    (unsigned long long)d->alerts);
	fprintf(out, "outbound_smtp.relayed %llu\n",
	    (unsigned long long)d->relayed);
	fprintf(out, "outbound_smtp.not_outbound %llu\n",
	    (unsigned long long)d->not_outbound);
}

const struct nj_detector nj_det_smtp = {
	.name = KIND,
	.init = smtp_init,
	.app = smtp_app,
	.stats = smtp_stats,
	.fini = smtp_fini,
};
