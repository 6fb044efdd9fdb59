/*
 * decode_check.c - reads a nightjar-gen capture through nightjar's own
 * decoders: every frame must decode OK with no decode event, the records
 * must be in time order, and every DNS message must parse with ldns.
 *
 *   gen_decode_check FILE.pcap
 */
#include <pcap/pcap.h>
#include <stdio.h>

#include <ldns/ldns.h>

#include "decoders/packet.h"

int
main(int argc, char **argv)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct nj_event_counters ec = { { 0 } };
	struct pcap_pkthdr *h;
	const u_char *data;
	struct nj_packet pkt;
	enum nj_decode_status st;
	ldns_pkt *dns;
	pcap_t *p;
	uint64_t n = 0, ndns = 0, bad = 0, prev = 0, ts;
	int i, rc;

	if (argc != 2) {
		fprintf(stderr, "usage: gen_decode_check FILE.pcap\n");
		return 2;
	}
	if ((p = pcap_open_offline(argv[1], errbuf)) == NULL) {
		fprintf(stderr, "FAIL: %s\n", errbuf);
		return 1;
	}
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		n++;
		ts = (uint64_t)h->ts.tv_sec * 1000000 + (uint64_t)h->ts.tv_usec;
		if (ts < prev && bad++ < 5)
			fprintf(stderr, "FAIL: packet %llu goes back in time\n",
			    (unsigned long long)n);
		prev = ts;
		st = nj_decode(pcap_datalink(p), data, h->caplen, h->len, &pkt,
		    &ec);
		if (st != NJ_DECODE_OK || !pkt.l4) {
			if (bad++ < 5)
				fprintf(stderr, "FAIL: packet %llu: status %d, "
				    "l4 %d\n", (unsigned long long)n, (int)st,
				    (int)pkt.l4);
			continue;
		}
		if (pkt.proto == 17 && (pkt.sport == 53 || pkt.dport == 53)) {
			ndns++;
			if (ldns_wire2pkt(&dns, pkt.payload, pkt.payload_len) !=
			    LDNS_STATUS_OK) {
				if (bad++ < 5)
					fprintf(stderr, "FAIL: packet %llu: DNS "
					    "does not parse\n",
					    (unsigned long long)n);
				continue;
			}
			ldns_pkt_free(dns);
		}
	}
	if (rc == PCAP_ERROR) {
		fprintf(stderr, "FAIL: %s\n", pcap_geterr(p));
		bad++;
	}
	pcap_close(p);
	for (i = 0; i < NJ_EV_MAX; i++)
		if (ec.n[i] > 0) {
			fprintf(stderr, "FAIL: %llu x %s\n",
			    (unsigned long long)ec.n[i],
			    nj_event_name((enum nj_event)i));
			bad++;
		}
	if (n == 0) {
		fprintf(stderr, "FAIL: no packets\n");
		bad++;
	}
	printf("%llu packets (%llu DNS) decoded, %llu problems\n",
	    (unsigned long long)n, (unsigned long long)ndns,
	    (unsigned long long)bad);
	return bad ? 1 : 0;
}
