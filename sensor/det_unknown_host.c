/*
 * det_unknown_host.c - unknown-local-host: a local address the site does
 * not know sends traffic (seed 002: a device nobody registered, or an
 * intruder's own machine plugged in).
 *
 * With inventory.hosts in the policy, any local source outside it is
 * reported, once per address. Without, nightjar learns the inventory:
 * for inventory.learn (default one day) of watched packet time every
 * local source is remembered silently; after that a source not learned
 * is reported once and then remembered. Watched time is packet time
 * while traffic flows: a silence over 10 minutes (a capture gap, the
 * sensor down, a capture file spanning days) does not count, so a short
 * capture never "learns" across a jump in time. The learned hosts and
 * the time learned so far survive restarts in
 * inventory.state_file (written atomically: a temporary file renamed
 * over it, at most every 5 minutes of packet time and at the end; a
 * corrupt file is reported once and learning starts afresh).
 *
 * Not hosts: 0.0.0.0 and :: (DHCP, DAD), multicast and limited
 * broadcast sources, and link-local addresses (169.254/16, fe80::/10):
 * every host makes up its own, so they would all be unknown; the
 * address that host then uses on the site is what counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"
#include "sensor/addr_table.h"
#include "sensor/alert.h"
#include "sensor/det_egress.h"
#include "sensor/detector.h"
#include "sensor/log.h"
#include "sensor/sensor.h"
#include "sensor/unknown_state.h"

#define KIND "unknown-local-host"
#define KNOWN_CAP 65536
#define LEARN_DEFAULT 86400.0
#define SAVE_EVERY NJ_SEC(300)
#define GAP_MAX NJ_SEC(600)

struct unk {
	struct nj_addr_table *known;  /* learned, or already reported */
	bool ready;                   /* state loaded (needs the policy) */
	bool learning_mode;           /* no inventory in the policy */
	nj_time_t learn;              /* inventory.learn */
	nj_time_t learned_for;        /* watched packet time so far */
	nj_time_t last_tick;
	char *state_file;             /* a copy: the policy may be reloaded */
	bool dirty;
	nj_time_t saved_at;
	uint64_t alerts, learned, ignored, save_errors;
};

static void *
unk_init(struct nj_sensor *s)
{
	struct unk *d;

	(void)s;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	if ((d->known = nj_addr_table_new(KNOWN_CAP)) == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

static void
unk_fini(void *st)
{
	struct unk *d = st;

	nj_addr_table_free(d->known);
	free(d->state_file);
	free(d);
}

bool
nj_unknown_host_candidate(const struct nj_addr *a)
{
	static const uint8_t zero[16];

	if (a->family == 4) {
		if (memcmp(a->a, zero, 4) == 0)
			return false;               /* 0.0.0.0 */
		if ((a->a[0] & 0xf0) == 0xe0 || a->a[0] == 255)
			return false;               /* multicast, broadcast */
		if (a->a[0] == 169 && a->a[1] == 254)
			return false;               /* link-local */
		return true;
	}
	if (a->family == 6) {
		if (memcmp(a->a, zero, 16) == 0)
			return false;               /* :: */
		if (a->a[0] == 0xff)
			return false;               /* multicast */
		if (a->a[0] == 0xfe && (a->a[1] & 0xc0) == 0x80)
			return false;               /* fe80::/10 */
		return true;
	}
	return false;
}

/* First packet with a policy: load the learned state. */
static void
setup(struct unk *d, struct nj_sensor *s, nj_time_t now)
{
	const char *path;

	d->ready = true;
	d->learning_mode = !nj_policy_has_inventory(s->policy);
	if (!d->learning_mode)
		return;
	d->learn = (nj_time_t)(nj_policy_number(s->policy, "inventory.learn",
	    LEARN_DEFAULT) * NJ_USEC_PER_SEC);
	if ((path = nj_policy_string(s->policy, "inventory.state_file")) !=
	    NULL && (d->state_file = strdup(path)) == NULL)
		log_warn("%s: inventory.state_file", KIND);
	d->learned_for = 0;
	if (d->state_file != NULL &&
	    nj_unknown_state_load(d->state_file, d->known, &d->learned_for) ==
	    -1)
		d->learned_for = 0;
	d->last_tick = d->saved_at = now;
	log_info("%s: %s local hosts (%zu known, %llu of %llu s learned)",
	    KIND, d->learned_for < d->learn ? "learning" : "watching for new",
	    nj_addr_table_count(d->known),
	    (unsigned long long)(d->learned_for / NJ_USEC_PER_SEC),
	    (unsigned long long)(d->learn / NJ_USEC_PER_SEC));
}

static void
report(struct unk *d, struct nj_sensor *s, const struct nj_packet *p,
    const struct nj_flow *flow, int dir)
{
	struct nj_alert a;
	char ab[NJ_ADDRSTRLEN], mb[18];
	const struct nj_addr *peer = dir == 0 ? &flow->resp : &flow->orig;
	uint16_t sport = dir == 0 ? flow->orig_port : flow->resp_port;
	uint16_t dport = dir == 0 ? flow->resp_port : flow->orig_port;

	d->alerts++;
	nj_alert_init(&a, KIND, NJ_SEV_MEDIUM, p->ts);
	nj_alert_tuple(&a, &p->src, sport, peer, dport, flow->proto);
	a.fold_dst = false;
	nj_addr_str(&p->src, ab, sizeof(ab));
	if (p->has_mac)
		snprintf(mb, sizeof(mb), "%02x:%02x:%02x:%02x:%02x:%02x",
		    p->src_mac[0], p->src_mac[1], p->src_mac[2],
		    p->src_mac[3], p->src_mac[4], p->src_mac[5]);
	nj_alert_sig(&a, "unknown local host %s%s%s%s sends traffic", ab,
	    p->has_mac ? " (" : "", p->has_mac ? mb : "",
	    p->has_mac ? ")" : "");
	if (p->has_mac)
		nj_alert_str(&a, "mac", mb);
	nj_alert_str(&a, "inventory", d->learning_mode ? "learned" :
	    "policy");
	if (d->learning_mode) {
		nj_alert_uint(&a, "learned_seconds",
		    d->learned_for / NJ_USEC_PER_SEC);
		nj_alert_uint(&a, "known_hosts", nj_addr_table_count(d->known));
	}
	nj_alert_emit(s, &a);
}

/* Each flow's first packet in each direction names a sender. */
static void
unk_packet(void *st, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir)
{
	struct unk *d = st;
	struct nj_addr_val *v;
	bool created;

	if (flow == NULL || flow->pkts[dir & 1] != 1 || s->policy == NULL)
		return;
	if (!nj_unknown_host_candidate(&p->src) ||
	    !nj_policy_is_local(s->policy, &p->src)) {
		return;
	}
	if (!d->ready)
		setup(d, s, p->ts);
	if (!d->learning_mode) {
		if (nj_policy_in_inventory(s->policy, &p->src))
			return;
	} else if (nj_addr_table_get(d->known, &p->src) != NULL)
		return;
	v = nj_addr_table_put(d->known, &p->src, p->ts, &created);
	if (!created)
		return;
	v->t = p->ts;
	if ((v->has_mac = p->has_mac))
		memcpy(v->mac, p->src_mac, sizeof(v->mac));
	d->dirty = d->learning_mode;
	if (d->learning_mode && d->learned_for < d->learn) {
		d->learned++;
		return;
	}
	if (nj_policy_detector_enabled(s->policy, KIND, true))
		report(d, s, p, flow, dir);
	else
		d->ignored++;
}

static void
save(struct unk *d, nj_time_t now)
{
	d->saved_at = now;
	if (!d->dirty || d->state_file == NULL)
		return;
	d->dirty = false;
	if (nj_unknown_state_save(d->state_file, d->known, d->learned_for) ==
	    -1)
		d->save_errors++;
}

static void
unk_tick(void *st, struct nj_sensor *s, nj_time_t now)
{
	struct unk *d = st;

	(void)s;
	if (!d->ready || !d->learning_mode)
		return;
	if (now > d->last_tick && now - d->last_tick <= GAP_MAX &&
	    d->learned_for < d->learn) {
		d->learned_for += now - d->last_tick;
		d->dirty = true;
	}
	if (now > d->last_tick)
		d->last_tick = now;
	if (d->dirty && now >= d->saved_at + SAVE_EVERY)
		save(d, now);
}

static void
unk_finish(void *st, struct nj_sensor *s, nj_time_t now)
{
	(void)s;
	save(st, now);
}

static void
unk_stats(void *st, FILE *out)
{
	struct unk *d = st;

	fprintf(out, "unknown_host.alerts %llu\n",
	    (unsigned long long)d->alerts);
	fprintf(out, "unknown_host.learned %llu\n",
	    (unsigned long long)d->learned);
	fprintf(out, "unknown_host.known %zu\n",
	    nj_addr_table_count(d->known));
	fprintf(out, "unknown_host.evicted %llu\n",
	    (unsigned long long)nj_addr_table_evicted(d->known));
	fprintf(out, "unknown_host.save_errors %llu\n",
	    (unsigned long long)d->save_errors);
}

const struct nj_detector nj_det_unknown_host = {
	.name = KIND,
	.init = unk_init,
	.packet = unk_packet,
	.tick = unk_tick,
	.finish = unk_finish,
	.stats = unk_stats,
	.fini = unk_fini,
};
