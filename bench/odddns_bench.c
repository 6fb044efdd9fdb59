/*
 * odddns_bench.c - the cost per DNS message of the odd-DNS detectors
 * (dns-unsanctioned-resolver, dns-tunnel, dns-nxdomain, dns-quiet-host):
 * the UDP port 53 messages of the captures named on the command line
 * are parsed once (nj_dns_parse, not timed), then fed n rounds through
 * each detector's dns() callback, packet time moving on 1 h per round
 * so that windows roll; alerts go nowhere (no pipeline). Prints CPU ns
 * per message for each detector and for all four.
 * Usage: odddns_bench [-n rounds] capture...
 * e.g. nightjar-gen odd-dns --with background -w /tmp/o.pcap &&
 *      odddns_bench -n 20 /tmp/o.pcap
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "decoders/dns.h"
#include "decoders/packet.h"
#include "policy/policy.h"
#include "sensor/det_dns.h"
#include "sensor/sensor.h"

struct msg {
	struct nj_packet p;   /* payload points into pay */
	uint8_t *pay;
	struct nj_dns_msg m;
};

static struct msg *msgs;
static size_t nmsgs, capmsgs;

static void
load(const char *path)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const uint8_t *b;
	struct nj_packet w;
	struct msg *m;
	pcap_t *pc;

	if ((pc = pcap_open_offline(path, err)) == NULL) {
		fprintf(stderr, "%s: %s\n", path, err);
		exit(1);
	}
	while (pcap_next_ex(pc, &h, &b) == 1) {
		if (nj_decode(pcap_datalink(pc), b, h->caplen, h->len, &w,
		    NULL) != NJ_DECODE_OK || !w.l4 || w.proto != 17 ||
		    (w.sport != 53 && w.dport != 53))
			continue;
		if (nmsgs == capmsgs) {
			capmsgs = capmsgs ? capmsgs * 2 : 4096;
			if ((msgs = realloc(msgs, capmsgs * sizeof(*msgs))) ==
			    NULL)
				exit(2);
		}
		m = &msgs[nmsgs];
		if (nj_dns_parse(w.payload, w.payload_len, &m->m, NULL) !=
		    NJ_DECODE_OK)
			continue;
		if ((m->pay = malloc(w.payload_len + 1)) == NULL)
			exit(2);
		memcpy(m->pay, w.payload, w.payload_len);
		m->p = w;
		m->p.payload = m->pay;
		m->p.ts = NJ_SEC(h->ts.tv_sec) + (nj_time_t)h->ts.tv_usec;
		nmsgs++;
	}
	pcap_close(pc);
}

static double
cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds for rounds passes of every message through detector d. */
static double
run(const struct nj_detector *d, struct nj_sensor *s, int rounds)
{
	void *st;
	double t0, t;
	nj_time_t shift, ts;
	size_t i;
	int r;

	if ((st = d->init(s)) == NULL)
		exit(2);
	t0 = cpu_s();
	for (r = 0; r < rounds; r++) {
		shift = (nj_time_t)r * NJ_SEC(86400);
		for (i = 0; i < nmsgs; i++) {
			ts = msgs[i].p.ts + shift;
			msgs[i].p.ts = ts;
			s->now = ts;
			d->dns(st, s, &msgs[i].p, NULL, 0, &msgs[i].m);
			msgs[i].p.ts = ts - shift;
		}
	}
	t = cpu_s() - t0;
	d->fini(st);
	return t;
}

int
main(int argc, char **argv)
{
	static const struct nj_detector *const dets[] = {
		&nj_det_dns_resolver, &nj_det_dns_tunnel, &nj_det_dns_nxdomain,
		&nj_det_dns_quiet };
	static const char pol[] = "hosts:\n  resolvers: [192.168.50.2]\n";
	struct nj_sensor s;
	double t, total = 0, n;
	size_t i;
	int c, rounds = 10;

	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n' || (rounds = (int)strtol(optarg, NULL, 10)) <= 0) {
			fprintf(stderr, "usage: odddns_bench [-n rounds] "
			    "capture...\n");
			return 1;
		}
	}
	for (; optind < argc; optind++)
		load(argv[optind]);
	if (nmsgs == 0) {
		fprintf(stderr, "odddns_bench: no DNS messages\n");
		return 1;
	}
	memset(&s, 0, sizeof(s));
	s.name = "bench";
	if ((s.policy = nj_policy_parse("bench", pol, strlen(pol),
	    stderr)) == NULL)
		return 2;
	n = (double)nmsgs * rounds;
	printf("%zu messages x %d rounds\n", nmsgs, rounds);
	for (i = 0; i < sizeof(dets) / sizeof(dets[0]); i++) {
		t = run(dets[i], &s, rounds);
		total += t;
		printf("%-26s %7.1f ns/message\n", dets[i]->name, t * 1e9 / n);
	}
	printf("%-26s %7.1f ns/message (%.2f M messages/s)\n", "all four",
	    total * 1e9 / n, n / total / 1e6);
	nj_policy_free(s.policy);
	return 0;
}
