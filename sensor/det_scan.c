/*
 * det_scan.c - the `scan` detector: vertical, horizontal and block
 * scans of every flavour (SYN, FIN, NULL, Xmas, ACK, UDP, ICMP echo),
 * in both directions, with their speed class. Packets and flow ends
 * become observations for the engine (scan_state.c); its reports become
 * one alert per scan, updates while it goes on, and a final summary.
 *
 * Probes are seen at packet time, not at flow end: a SYN opening a new
 * flow, its SYN-ACK or RST, an ICMP unreachable quoting it, and the
 * stealth flavours (no SYN, no ACK: never part of a connection). Flow
 * ends only add the verdict "unanswered" the engine's answer timeout
 * may have given already.
 */
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/alert.h"
#include "sensor/det_util.h"
#include "sensor/detector.h"
#include "sensor/scan_state.h"
#include "sensor/sensor.h"

/* Traceroute's UDP ports: probes that expect ICMP time exceeded. */
#define TRACEROUTE_LO 33434
#define TRACEROUTE_HI 33534

struct det_scan {
	struct nj_scan_engine *eng;
	struct nj_sensor *s;       /* for the report callback */
	bool enabled;              /* detectors.scan.enabled at start */
	uint64_t observations;
};

static void
scan_alert(void *arg, const struct nj_scan_report *r)
{
	struct det_scan *d = arg;
	static const char *const phase[] = { "new", "update", "final" };
	char src[NJ_ADDRSTRLEN], dst[NJ_ADDRSTRLEN], ports[NJ_ALERT_STR_MAX];
	char item[NJ_ADDRSTRLEN + 16], fl[64] = "";
	struct nj_alert a;
	uint8_t proto = IPPROTO_TCP;
	unsigned i;

	for (i = 0; i < NJ_SCAN_NFLAVOURS; i++)
		if (r->flavours & (1u << i)) {
			if (fl[0] != '\0')
				strncat(fl, "+", sizeof(fl) - strlen(fl) - 1);
			strncat(fl, nj_scan_flavour_name(i),
			    sizeof(fl) - strlen(fl) - 1);
		}
	if (r->flavours == 1u << NJ_SCAN_UDP)
		proto = IPPROTO_UDP;
	else if (r->flavours == 1u << NJ_SCAN_ICMP)
		proto = r->host.family == 6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
	nj_addr_str(&r->src, src, sizeof(src));
	nj_addr_str(&r->host, dst, sizeof(dst));
	nj_portset_format(r->portlist, ports, sizeof(ports));

	nj_alert_init(&a, "scan", r->outbound ? NJ_SEV_HIGH : NJ_SEV_MEDIUM,
	    r->last);
	nj_alert_tuple(&a, &r->src, 0, &r->host,
	    r->portlist->n == 1 && !r->portlist->overflow ?
	    r->portlist->port[0] : 0, proto);
	a.fold_dst = false;
	a.is_update = r->kind != NJ_SCAN_REPORT_NEW;
	nj_alert_sig(&a, "%s%s %s scan from %s%s%s: %u probes at %.3g/s "
	    "(%s), %u open", r->outbound ? "Outbound " : "",
	    r->shape, fl, src, r->one_host ? " of " : " across hosts from ",
	    dst, r->probes, r->rate, r->speed, r->open_total);
	nj_alert_str(&a, "phase", phase[r->kind]);
	nj_alert_str(&a, "direction", r->outbound ? "outbound" : "inbound");
	nj_alert_str(&a, "speed", r->speed);
	nj_alert_dbl(&a, "rate", r->rate);
	nj_alert_str(&a, "shape", r->shape);
	nj_alert_str(&a, "flavour", fl);
	nj_alert_str(&a, "trigger", r->trigger);
	nj_alert_uint(&a, "probes", r->probes);
	nj_alert_uint(&a, "probes_before_alert", r->probes_at_alert);
	nj_alert_uint(&a, "ports", (uint64_t)llround(r->ports));
	nj_alert_uint(&a, "hosts", (uint64_t)llround(r->hosts));
	nj_alert_str(&a, "port_list", ports);
	nj_alert_uint(&a, "refused", r->closed);
	nj_alert_uint(&a, "unanswered", r->unanswered);
	nj_alert_uint(&a, "open", r->open_total);
	for (i = 0; i < r->nopen; i++) {
		nj_addr_str(&r->open[i].host, dst, sizeof(dst));
		if (r->open[i].proto == IPPROTO_ICMP ||
		    r->open[i].proto == IPPROTO_ICMPV6)
			snprintf(item, sizeof(item), "%s", dst);
		else
			snprintf(item, sizeof(item), "%s%s%u", r->one_host ?
			    "" : dst, r->one_host ? "" : ":", r->open[i].port);
		nj_alert_list(&a, "open_ports", item);
	}
	nj_alert_time(&a, "first", r->first);
	nj_alert_time(&a, "last", r->last);
	nj_alert_dbl(&a, "trw_ratio", exp(r->llr));
	nj_alert_emit(d->s, &a);
}

static void *
scan_init(struct nj_sensor *s)
{
	struct nj_scan_cfg cfg;
	struct det_scan *d;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	d->s = s;
	d->enabled = nj_det_enabled(s, "scan");
	nj_scan_cfg_default(&cfg);
	cfg.fast_rate = nj_det_threshold(s, "scan", "fast_rate", cfg.fast_rate);
	cfg.slow_interval = nj_det_threshold(s, "scan", "slow_interval",
	    cfg.slow_interval);
	cfg.window = nj_det_duration(s, "scan", "window", 300);
	cfg.min_ports = (uint32_t)nj_det_threshold(s, "scan", "min_ports",
	    cfg.min_ports);
	cfg.min_hosts = (uint32_t)nj_det_threshold(s, "scan", "min_hosts",
	    cfg.min_hosts);
	cfg.idle_end = nj_det_duration(s, "scan", "idle", 600);
	cfg.max_sources = (uint32_t)nj_det_threshold(s, "scan", "max_sources",
	    cfg.max_sources);
	if ((d->eng = nj_scan_new(&cfg, NJ_DET_SEED ^ 0x5ca7,
	    scan_alert, d)) == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

static void
observe(struct det_scan *d, struct nj_sensor *s, nj_time_t ts,
    const struct nj_addr *src, const struct nj_addr *dst, uint16_t port,
    uint8_t proto, enum nj_scan_flavour f, enum nj_scan_outcome oc)
{
	struct nj_scan_obs o;

	if (nj_det_group_addr(dst) || nj_det_loopback(dst))
		return;
	memset(&o, 0, sizeof(o));
	o.ts = ts;
	o.src = *src;
	o.dst = *dst;
	o.dport = port;
	o.proto = proto;
	o.flavour = (uint8_t)f;
	o.outcome = (uint8_t)oc;
	if (oc == NJ_SCAN_SENT || oc == NJ_SCAN_NOANSWER) {
		bool ls = nj_det_is_local(s, src), ld = nj_det_is_local(s, dst);

		o.outbound = ls && !ld;
		o.inbound = !ls && ld;
	}
	d->observations++;
	nj_scan_observe(d->eng, &o);
}

/* A TCP segment with neither SYN nor ACK: FIN, NULL or Xmas probe. */
static enum nj_scan_flavour
stealth_flavour(uint8_t fl)
{
	if ((fl & (NJ_TH_FIN | NJ_TH_PSH | NJ_TH_URG)) ==
	    (NJ_TH_FIN | NJ_TH_PSH | NJ_TH_URG))
		return NJ_SCAN_XMAS;
	return fl & NJ_TH_FIN ? NJ_SCAN_FIN : NJ_SCAN_NULL;
}

/* A flow of one bare ACK one way and one RST back: an ACK probe. */
static bool
ack_probe_answer(const struct nj_flow *f, int dir)
{
	const char *h = f->history;

	if (f->pkts[dir] != 1 || f->pkts[1 - dir] != 1 || f->hist_len != 2)
		return false;
	return (h[0] == 'A' && h[1] == 'r') || (h[0] == 'a' && h[1] == 'R');
}

static void
scan_tcp(struct det_scan *d, struct nj_sensor *s, const struct nj_packet *p,
    const struct nj_flow *f, int dir)
{
	uint8_t fl = p->tcp_flags;
	uint64_t total = f != NULL ? f->pkts[0] + f->pkts[1] : 1;

	if ((fl & (NJ_TH_SYN | NJ_TH_ACK | NJ_TH_RST)) == NJ_TH_SYN) {
		if (total == 1)
			observe(d, s, p->ts, &p->src, &p->dst, p->dport,
			    IPPROTO_TCP, NJ_SCAN_SYN, NJ_SCAN_SENT);
		return;
	}
	if (f == NULL) {
		if ((fl & (NJ_TH_SYN | NJ_TH_ACK | NJ_TH_RST)) == 0)
			observe(d, s, p->ts, &p->src, &p->dst, p->dport,
			    IPPROTO_TCP, stealth_flavour(fl), NJ_SCAN_SENT);
		return;
	}
	if ((fl & (NJ_TH_SYN | NJ_TH_ACK | NJ_TH_RST)) == 0) {
		/* Retransmitted stealth probes are the same probe. */
		if (f->pkts[dir] == 1)
			observe(d, s, p->ts, &p->src, &p->dst, p->dport,
			    IPPROTO_TCP, stealth_flavour(fl), NJ_SCAN_SENT);
		return;
	}
	if (f->initiator_inferred) {
		/* A bare ACK opening a flow, and a lone RST answering it. */
		if (fl == NJ_TH_ACK && p->payload_len == 0 && total == 1)
			observe(d, s, p->ts, &p->src, &p->dst, p->dport,
			    IPPROTO_TCP, NJ_SCAN_ACK, NJ_SCAN_SENT);
		else if ((fl & NJ_TH_RST) && ack_probe_answer(f, dir))
			observe(d, s, p->ts, &p->dst, &p->src, p->sport,
			    IPPROTO_TCP, NJ_SCAN_ACK, NJ_SCAN_CLOSED);
		return;
	}
	if (dir == 0 && f->state == NJ_FLOW_ATTEMPTED && f->pkts[0] == 2 &&
	    f->pkts[1] == 0 && (fl & NJ_TH_ACK)) {
		/*
		 * The initiator goes on as if answered: the capture sees one
		 * direction only. Not a probe left without an answer.
		 */
		observe(d, s, p->ts, &f->orig, &f->resp, f->resp_port,
		    IPPROTO_TCP, NJ_SCAN_SYN, NJ_SCAN_OPEN);
		return;
	}
	if (dir != 1 || f->pkts[1] != 1)
		return;
	/* The responder's first word: SYN-ACK (open) or RST (closed). */
	if ((fl & (NJ_TH_SYN | NJ_TH_ACK)) == (NJ_TH_SYN | NJ_TH_ACK))
		observe(d, s, p->ts, &f->orig, &f->resp, f->resp_port,
		    IPPROTO_TCP, NJ_SCAN_SYN, NJ_SCAN_OPEN);
	else if (fl & NJ_TH_RST)
		observe(d, s, p->ts, &f->orig, &f->resp, f->resp_port,
		    IPPROTO_TCP, NJ_SCAN_SYN, NJ_SCAN_CLOSED);
}

static bool
traceroute_port(uint16_t port)
{
	return port >= TRACEROUTE_LO && port <= TRACEROUTE_HI;
}

static void
scan_icmp(struct det_scan *d, struct nj_sensor *s, const struct nj_packet *p,
    const struct nj_flow *f, int dir)
{
	bool v6 = p->proto == IPPROTO_ICMPV6;
	uint8_t echo = v6 ? 128 : 8, reply = v6 ? 129 : 0;
	uint8_t unreach = v6 ? 1 : 3;
	uint64_t total = f != NULL ? f->pkts[0] + f->pkts[1] : 1;
	const struct nj_icmp_inner *in = &p->inner;

	if (p->icmp_type == echo && total == 1)
		observe(d, s, p->ts, &p->src, &p->dst, 0, p->proto,
		    NJ_SCAN_ICMP, NJ_SCAN_SENT);
	else if (p->icmp_type == reply && f != NULL && f->pkts[dir] == 1 &&
	    f->pkts[1 - dir] >= 1)
		observe(d, s, p->ts, &p->dst, &p->src, 0, p->proto,
		    NJ_SCAN_ICMP, NJ_SCAN_OPEN);
	else if (p->icmp_type == unreach && p->has_inner) {
		/* The quoted probe names the prober, the target and the port. */
		if (in->proto == IPPROTO_UDP && !traceroute_port(in->dport))
			observe(d, s, p->ts, &in->src, &in->dst, in->dport,
			    IPPROTO_UDP, NJ_SCAN_UDP, NJ_SCAN_CLOSED);
		else if (in->proto == IPPROTO_TCP)
			observe(d, s, p->ts, &in->src, &in->dst, in->dport,
			    IPPROTO_TCP, NJ_SCAN_SYN, NJ_SCAN_CLOSED);
	}
}

static void
scan_udp(struct det_scan *d, struct nj_sensor *s, const struct nj_packet *p,
    const struct nj_flow *f, int dir)
{
	uint64_t total = f != NULL ? f->pkts[0] + f->pkts[1] : 1;

	if (traceroute_port(p->dport) || traceroute_port(p->sport))
		return;
	if (total == 1)
		observe(d, s, p->ts, &p->src, &p->dst, p->dport, IPPROTO_UDP,
		    NJ_SCAN_UDP, NJ_SCAN_SENT);
	else if (f != NULL && f->pkts[dir] == 1)
		/* The first datagram back answers the first one out. */
		observe(d, s, p->ts, &p->dst, &p->src, p->sport, IPPROTO_UDP,
		    NJ_SCAN_UDP, NJ_SCAN_OPEN);
}

static void
scan_packet(void *st, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir)
{
	struct det_scan *d = st;

	if (!d->enabled || !p->l4 || p->frag_later)
		return;
	switch (p->proto) {
	case IPPROTO_TCP:
		scan_tcp(d, s, p, flow, dir);
		break;
	case IPPROTO_UDP:
		scan_udp(d, s, p, flow, dir);
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		scan_icmp(d, s, p, flow, dir);
		break;
	}
}

static void
scan_flow_end(void *st, struct nj_sensor *s, const struct nj_flow *f)
{
	struct det_scan *d = st;
	nj_time_t t = f->last;

	if (!d->enabled || f->reply_seen)
		return;
	/* SYNs alone: an initiator that went on saw an answer we missed. */
	if (f->proto == IPPROTO_TCP && !f->initiator_inferred &&
	    f->state == NJ_FLOW_ATTEMPTED && strpbrk(f->history, "AD") == NULL)
		observe(d, s, t, &f->orig, &f->resp, f->resp_port, IPPROTO_TCP,
		    NJ_SCAN_SYN, NJ_SCAN_NOANSWER);
	else if (f->proto == IPPROTO_UDP && f->state == NJ_FLOW_UDP &&
	    !traceroute_port(f->resp_port))
		observe(d, s, t, &f->orig, &f->resp, f->resp_port, IPPROTO_UDP,
		    NJ_SCAN_UDP, NJ_SCAN_NOANSWER);
	else if ((f->proto == IPPROTO_ICMP && f->orig_port == 8) ||
	    (f->proto == IPPROTO_ICMPV6 && f->orig_port == 128))
		observe(d, s, t, &f->orig, &f->resp, 0, f->proto, NJ_SCAN_ICMP,
		    NJ_SCAN_NOANSWER);
}

static void
scan_tick(void *st, struct nj_sensor *s, nj_time_t now)
{
	struct det_scan *d = st;

	(void)s;
	nj_scan_tick(d->eng, now);
}

static void
scan_finish(void *st, struct nj_sensor *s, nj_time_t now)
{
	struct det_scan *d = st;

	(void)s;
	nj_scan_finish(d->eng, now);
}

static void
scan_stats(void *st, FILE *out)
{
	struct det_scan *d = st;
	const struct nj_scan_stats *x = nj_scan_stats(d->eng);

	fprintf(out, "scan.observations %llu\n",
	    (unsigned long long)d->observations);
	fprintf(out, "scan.probes %llu\n", (unsigned long long)x->probes);
	fprintf(out, "scan.sources_created %llu\n",
	    (unsigned long long)x->sources_created);
	fprintf(out, "scan.sources_active %u\n", x->active);
	fprintf(out, "scan.sources_peak %u\n", x->peak);
	fprintf(out, "scan.evicted %llu\n", (unsigned long long)x->evicted);
	fprintf(out, "scan.evicted_evidence %llu\n",
	    (unsigned long long)x->evicted_evidence);
	fprintf(out, "scan.evicted_alerted %llu\n",
	    (unsigned long long)x->evicted_alerted);
	fprintf(out, "scan.expired %llu\n", (unsigned long long)x->expired);
	fprintf(out, "scan.answer_timeouts %llu\n",
	    (unsigned long long)x->answer_timeouts);
	fprintf(out, "scan.alerts %llu\n", (unsigned long long)x->alerts);
	fprintf(out, "scan.updates %llu\n", (unsigned long long)x->updates);
	fprintf(out, "scan.finals %llu\n", (unsigned long long)x->finals);
}

static void
scan_fini(void *st)
{
	struct det_scan *d = st;

	nj_scan_free(d->eng);
	free(d);
}

const struct nj_detector nj_det_scan = {
	.name = "scan",
	.init = scan_init,
	.packet = scan_packet,
	.flow_end = scan_flow_end,
	.tick = scan_tick,
	.finish = scan_finish,
	.stats = scan_stats,
	.fini = scan_fini,
};
