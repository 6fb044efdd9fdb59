/*
 * odddns_replay.c - runs the odd-DNS detectors over captures, standing
 * in for the sensor's DNS path until it is built: each frame decoded
 * (nj_decode), a new 5-tuple handed to packet() as a new flow, every
 * UDP payload (and every TCP segment holding whole length-prefixed
 * messages) that parses as DNS handed to dns(), ticks every second of
 * packet time. Alerts go to a JSON lines file through the real pipeline.
 * Usage: odddns_replay [-c policy.yaml] -j alerts.json capture...
 */
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decoders/dns.h"
#include "policy/policy.h"
#include "sensor/alert_pipeline.h"
#include "sensor/det_dns.h"
#include "sensor/flow.h"
#include "sensor/ktab.h"
#include "sensor/sensor.h"

static const struct nj_detector *const dets[] = { &nj_det_dns_resolver,
	&nj_det_dns_tunnel, &nj_det_dns_nxdomain, &nj_det_dns_quiet };
#define NDETS (sizeof(dets) / sizeof(dets[0]))

struct tuple {
	struct nj_addr a, b;
	uint16_t pa, pb;
	uint8_t proto, pad[3];
};

struct replay {
	struct nj_sensor s;
	void *st[NDETS];
	struct nj_ktab *flows;
	uint64_t last_sec, dns;
};

static void
each_dns(struct replay *r, const struct nj_packet *p, const uint8_t *b,
    size_t len)
{
	struct nj_dns_msg m;
	size_t i;

	if (nj_dns_parse(b, len, &m, NULL) != NJ_DECODE_OK)
		return;
	r->dns++;
	for (i = 0; i < NDETS; i++)
		if (dets[i]->dns != NULL)
			dets[i]->dns(r->st[i], &r->s, p, NULL, 0, &m);
}

static void
frame(struct replay *r, int dlt, const struct pcap_pkthdr *h,
    const uint8_t *bytes)
{
	struct nj_packet p;
	struct nj_flow f;
	struct tuple t;
	size_t i, len;
	uint64_t sec;
	bool created = false;

	if (nj_decode(dlt, bytes, h->caplen, h->len, &p, NULL) !=
	    NJ_DECODE_OK || p.ip_version == 0)
		return;
	p.ts = NJ_SEC(h->ts.tv_sec) + (nj_time_t)h->ts.tv_usec;
	r->s.now = p.ts;
	sec = p.ts / NJ_USEC_PER_SEC;
	if (sec != r->last_sec) {
		for (i = 0; i < NDETS; i++)
			if (dets[i]->tick != NULL)
				dets[i]->tick(r->st[i], &r->s, NJ_SEC(sec));
		r->last_sec = sec;
	}
	/* Direction-free key: the lower address first. */
	memset(&t, 0, sizeof(t));
	if (nj_addr_cmp(&p.src, &p.dst) <= 0) {
		t.a = p.src, t.b = p.dst, t.pa = p.sport, t.pb = p.dport;
	} else {
		t.a = p.dst, t.b = p.src, t.pa = p.dport, t.pb = p.sport;
	}
	t.proto = p.proto;
	(void)nj_ktab_get(r->flows, &t, true, &created);
	memset(&f, 0, sizeof(f));
	f.orig = p.src;
	f.resp = p.dst;
	f.orig_port = p.sport;
	f.resp_port = p.dport;
	f.proto = p.proto;
	f.pkts[0] = created ? 1 : 2;
	for (i = 0; i < NDETS; i++)
		if (dets[i]->packet != NULL)
			dets[i]->packet(r->st[i], &r->s, &p, &f, 0);
	if (!p.l4 || p.payload_len == 0)
		return;
	if (p.proto == IPPROTO_UDP)
		each_dns(r, &p, p.payload, p.payload_len);
	else if (p.proto == IPPROTO_TCP && p.payload_len > 2) {
		len = (size_t)p.payload[0] << 8 | p.payload[1];
		if (len + 2 <= p.payload_len)
			each_dns(r, &p, p.payload + 2, len);
	}
}

int
main(int argc, char **argv)
{
	struct replay r;
	const char *policy = NULL, *json = NULL;
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const uint8_t *bytes;
	pcap_t *pc;
	size_t i;
	int c, rc = 0;

	while ((c = getopt(argc, argv, "c:j:")) != -1) {
		if (c == 'c')
			policy = optarg;
		else if (c == 'j')
			json = optarg;
		else
			return 1;
	}
	if (json == NULL || optind >= argc) {
		fprintf(stderr, "usage: odddns_replay [-c policy] -j alerts.json "
		    "capture...\n");
		return 1;
	}
	memset(&r, 0, sizeof(r));
	r.s.name = "replay";
	if (policy != NULL &&
	    (r.s.policy = nj_policy_load(policy, stderr)) == NULL)
		return 1;
	if ((r.s.alerts = nj_alerts_new(NULL)) == NULL ||
	    nj_alerts_add_json(r.s.alerts, json) != 0 ||
	    (r.flows = nj_ktab_new(1u << 20, sizeof(struct tuple), 1, NULL,
	    NULL)) == NULL)
		return 2;
	for (i = 0; i < NDETS; i++)
		if ((r.st[i] = dets[i]->init(&r.s)) == NULL)
			return 2;
	for (; optind < argc; optind++) {
		if ((pc = pcap_open_offline(argv[optind], err)) == NULL) {
			fprintf(stderr, "%s: %s\n", argv[optind], err);
			rc = 1;
			continue;
		}
		while ((c = pcap_next_ex(pc, &h, &bytes)) == 1)
			frame(&r, pcap_datalink(pc), h, bytes);
		pcap_close(pc);
	}
	for (i = 0; i < NDETS; i++) {
		if (dets[i]->finish != NULL)
			dets[i]->finish(r.st[i], &r.s, r.s.now);
		if (getenv("ODDDNS_STATS") != NULL)
			dets[i]->stats(r.st[i], stderr);
		dets[i]->fini(r.st[i]);
	}
	nj_alerts_finish(r.s.alerts, r.s.now);
	nj_alerts_free(r.s.alerts);
	nj_ktab_free(r.flows);
	nj_policy_free(r.s.policy);
	return rc;
}
