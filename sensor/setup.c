/*
 * setup.c - policy, alert pipeline and outputs, and SIGHUP reload.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy/policy.h"
#include "sensor/alert_pipeline.h"
#include "sensor/capture.h"
#include "sensor/enrich.h"
#include "sensor/log.h"
#include "sensor/setup.h"

int
nj_setup_check_policy(const struct nj_config *cfg)
{
	if (cfg->policy_path == NULL) {
		log_warnx("-n needs a policy: nightjar -n -c FILE");
		return 1;
	}
	return nj_policy_check(cfg->policy_path, stdout, stderr);
}

/* Prefix length of a netmask; -1 when the mask is not contiguous. */
static int
mask_len(const uint8_t *m, size_t n)
{
	int len = 0;
	size_t i;
	int b;

	for (i = 0; i < n; i++)
		for (b = 7; b >= 0; b--) {
			if (m[i] & (1u << b)) {
				if (len != (int)(i * 8 + (size_t)(7 - b)))
					return -1;
				len++;
			}
		}
	return len;
}

/* The address bytes of an IPv4 or IPv6 sockaddr; -1 for other families. */
static int
sa_bytes(const struct sockaddr *sa, struct nj_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (sa->sa_family == AF_INET) {
		out->family = 4;
		memcpy(out->a, &((const struct sockaddr_in *)(const void *)sa)->
		    sin_addr, 4);
	} else if (sa->sa_family == AF_INET6) {
		out->family = 6;
		memcpy(out->a, &((const struct sockaddr_in6 *)(const void *)sa)->
		    sin6_addr, 16);
	} else
		return -1;
	return 0;
}

/*
 * With a live interface and no policy, the interface's own networks
 * are local too (a sensor on a public DMZ sees its own addresses).
 */
static void
add_iface_networks(struct nj_policy *p, const char *iface)
{
	char errbuf[PCAP_ERRBUF_SIZE], buf[NJ_ADDRSTRLEN];
	pcap_if_t *all, *d;
	pcap_addr_t *a;
	struct nj_addr net, mask;
	size_t i, n;
	int len;

	if (pcap_findalldevs(&all, errbuf) < 0)
		return;
	for (d = all; d != NULL; d = d->next) {
		if (strcmp(d->name, iface) != 0)
			continue;
		for (a = d->addresses; a != NULL; a = a->next) {
			if (a->addr == NULL || a->netmask == NULL)
				continue;
			if (sa_bytes(a->addr, &net) < 0 ||
			    sa_bytes(a->netmask, &mask) < 0 ||
			    mask.family != net.family)
				continue;
			n = net.family == 4 ? 4 : 16;
			len = mask_len(mask.a, n);
			for (i = 0; i < n; i++)
				net.a[i] &= mask.a[i];
			if (len < 0 || nj_policy_add_local(p, &net,
			    (unsigned)len) < 0)
				continue;
			log_warnx("no policy: %s/%d (on %s) counts as local",
			    nj_addr_str(&net, buf, sizeof(buf)), len, iface);
		}
	}
	pcap_freealldevs(all);
}

/*
 * The sensor's name, copied out of the policy: the outputs keep a pointer
 * to it, so it outlives any one policy. A reload does not rename the
 * sensor (restart for that).
 */
static char sensor_name[256];

int
nj_setup_policy(struct nj_sensor *s, const struct nj_config *cfg,
    struct nj_capture *cap)
{
	const char *name;

	if (cfg->policy_path != NULL) {
		if ((s->policy = nj_policy_load(cfg->policy_path, stderr)) ==
		    NULL)
			return 1;
	} else {
		if ((s->policy = nj_policy_default()) == NULL)
			fatalx("out of memory");
		if (!cfg->quiet)
			log_warnx("no policy given (-c): private address space "
			    "(RFC 1918, ULA fc00::/7) counts as local; site "
			    "roles are unknown");
		if (nj_capture_live(cap) && cfg->iface != NULL)
			add_iface_networks(s->policy, cfg->iface);
	}
	if ((name = nj_policy_sensor_name(s->policy)) != NULL)
		snprintf(sensor_name, sizeof(sensor_name), "%s", name);
	else if (gethostname(sensor_name, sizeof(sensor_name) - 1) < 0 ||
	    sensor_name[0] == '\0')
		snprintf(sensor_name, sizeof(sensor_name), "nightjar");
	s->name = sensor_name;
	return 0;
}

int
nj_setup_alerts(struct nj_sensor *s, const struct nj_config *cfg)
{
	struct nj_alert_options ao;
	char err[512];
	const char *const *targets = NULL;
	const char *json, *fmt;
	size_t ntargets, i;
	int text;

	nj_alert_options_default(&ao);
	ao.suppressed = nj_policy_suppressed;
	ao.fold_window = NJ_SEC(nj_policy_number(s->policy,
	    "alerts.fold_window", 300));
	ao.syslog_hostname = s->name;
	if ((s->alerts = nj_alerts_new(&ao)) == NULL)
		fatalx("out of memory");
	/* GeoIP/ASN and reverse names, when the policy names them. */
	if (nj_enrich_open(s, s->policy, err, sizeof(err)) != 0) {
		log_warnx("%s", err);
		return 1;
	}
	if (nj_enrich_register(s) != 0)
		fatalx("out of memory");

	fmt = cfg->syslog_format != NULL ? cfg->syslog_format :
	    nj_policy_string(s->policy, "outputs.syslog_format");
	if (fmt != NULL && nj_alerts_set_syslog_format(s->alerts, fmt) < 0)
		return 1;
	if (cfg->nsyslog > 0) {
		for (i = 0; i < (size_t)cfg->nsyslog; i++)
			if (nj_alerts_add_syslog(s->alerts, cfg->syslog[i]) < 0)
				return 1;
	} else {
		ntargets = nj_policy_strings(s->policy, "outputs.syslog",
		    &targets);
		for (i = 0; i < ntargets; i++)
			if (nj_alerts_add_syslog(s->alerts, targets[i]) < 0)
				return 1;
	}
	json = cfg->json_path != NULL ? cfg->json_path :
	    nj_policy_string(s->policy, "outputs.json");
	if (json != NULL && nj_alerts_add_json(s->alerts, json) < 0)
		return 1;
	/*
	 * Text is the default on the terminal; it yields stdout to JSON
	 * lines when those go there.
	 */
	text = cfg->text;
	if (text < 0)
		text = nj_policy_flag(s->policy, "outputs.text",
		    json == NULL || strcmp(json, "-") != 0);
	if (text && nj_alerts_add_text(s->alerts, "-") < 0)
		return 1;
	return 0;
}

void
nj_setup_reload(struct nj_sensor *s, const struct nj_config *cfg,
    struct nj_capture *cap)
{
	struct nj_policy *np, *old;
	char err[512];

	if (s->alerts != NULL)
		nj_alerts_reopen(s->alerts);
	if (cfg->policy_path == NULL) {
		log_warnx("SIGHUP: no policy file to re-read; outputs reopened");
		return;
	}
	if ((np = nj_policy_load(cfg->policy_path, stderr)) == NULL) {
		log_warnx("SIGHUP: %s has errors; the old policy stays",
		    cfg->policy_path);
		return;
	}
	(void)cap;
	if (nj_enrich_open(s, np, err, sizeof(err)) != 0) {
		log_warnx("SIGHUP: %s; the old policy stays", err);
		nj_policy_free(np);
		return;
	}
	old = s->policy;
	s->policy = np;
	/* Nothing keeps pointers into a policy across packets. */
	nj_policy_free(old);
	log_warnx("SIGHUP: policy %s reloaded", cfg->policy_path);
}

void
nj_setup_free(struct nj_sensor *s)
{
	nj_enrich_close(s);
	if (s->alerts != NULL)
		nj_alerts_free(s->alerts);
	s->alerts = NULL;
	if (s->policy != NULL)
		nj_policy_free(s->policy);
	s->policy = NULL;
}
