/*
 * dns_path_bench.c - the cost of the DNS path inside the sensor: the
 * capture's frames (held in memory) through (a) the decoders alone, the
 * bare reader's cost; (b) the decoders plus nj_dns_path_packet (ldns,
 * the passive DNS cache, the detectors' dns callbacks); (c) the whole
 * nj_sensor_packet (flows, DNS path, detectors, ticks). Prints frames/s
 * for each and DNS messages/s through the path ((b) minus (a)).
 * Usage: dns_path_bench [-n rounds] capture...
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "decoders/packet.h"
#include "sensor/config.h"
#include "sensor/dns_path.h"
#include "sensor/dnscache.h"
#include "sensor/sensor.h"

struct frame {
	struct pcap_pkthdr h;
	uint8_t *data;
};

static struct frame *frames;
static size_t nframes, capframes;
static int dlt = -1;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
load(const char *path)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	pcap_t *p;

	if ((p = pcap_open_offline(path, err)) == NULL) {
		fprintf(stderr, "%s: %s\n", path, err);
		exit(1);
	}
	if (dlt < 0)
		dlt = pcap_datalink(p);
	else if (pcap_datalink(p) != dlt) {
		fprintf(stderr, "%s: link type differs; skipped\n", path);
		pcap_close(p);
		return;
	}
	while (pcap_next_ex(p, &h, &d) == 1) {
		if (nframes == capframes) {
			capframes = capframes ? capframes * 2 : 4096;
			frames = realloc(frames, capframes * sizeof(*frames));
			if (frames == NULL)
				exit(1);
		}
		frames[nframes].h = *h;
		if ((frames[nframes].data = malloc(h->caplen)) == NULL)
			exit(1);
		memcpy(frames[nframes].data, d, h->caplen);
		nframes++;
	}
	pcap_close(p);
}

static void
decode(size_t i, struct nj_packet *pkt, struct nj_event_counters *ec)
{
	nj_decode(dlt, frames[i].data, frames[i].h.caplen, frames[i].h.len,
	    pkt, ec);
	pkt->ts = NJ_SEC(frames[i].h.ts.tv_sec) + (nj_time_t)frames[i].h.ts.tv_usec;
}

int
main(int argc, char **argv)
{
	struct nj_dns_path_stats dst;
	struct nj_event_counters ec;
	struct nj_config cfg;
	struct nj_sensor s;
	struct nj_packet pkt;
	double t0, bare = 0, path = 0, full = 0;
	uint64_t msgs = 0, sink = 0;
	int c, rounds = 5, r;
	size_t i;

	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n')
			goto usage;
		rounds = (int)strtol(optarg, NULL, 10);
	}
	if (optind == argc || rounds < 1)
		goto usage;
	for (; optind < argc; optind++)
		load(argv[optind]);
	memset(&cfg, 0, sizeof(cfg));
	cfg.max_flows = 65536;
	cfg.seed = 1;
	nj_flow_timeouts_default(&cfg.timeouts);

	for (r = 0; r < rounds; r++) {
		memset(&ec, 0, sizeof(ec));
		t0 = now_s();
		for (i = 0; i < nframes; i++) {
			decode(i, &pkt, &ec);
			sink += pkt.payload_len;
		}
		bare += now_s() - t0;

		/* The DNS path alone: its own cache, no flows (UDP only). */
		memset(&s, 0, sizeof(s));
		s.dns = nj_dnscache_new(0);
		s.dnspath = nj_dns_path_new(0);
		if (s.dns == NULL || s.dnspath == NULL)
			return 1;
		t0 = now_s();
		for (i = 0; i < nframes; i++) {
			decode(i, &pkt, &s.events);
			s.now = pkt.ts;
			nj_dns_path_packet(s.dnspath, &s, &pkt, NULL, 0);
		}
		path += now_s() - t0;
		nj_dns_path_stats(s.dnspath, &dst);
		msgs = dst.messages;
		nj_dns_path_free(s.dnspath, &s);
		nj_dnscache_free(s.dns);

		/* The whole per-packet path. */
		memset(&s, 0, sizeof(s));
		if (nj_sensor_init(&s, &cfg, dlt, false) < 0)
			return 1;
		t0 = now_s();
		for (i = 0; i < nframes; i++)
			nj_sensor_packet(&s, &frames[i].h, frames[i].data);
		nj_sensor_finish(&s);
		full += now_s() - t0;
		nj_sensor_free(&s);
	}
	printf("frames %zu, DNS messages %llu (UDP), rounds %d\n", nframes,
	    (unsigned long long)msgs, rounds);
	printf("decode only:          %10.0f frames/s\n",
	    (double)nframes * rounds / bare);
	printf("decode + DNS path:    %10.0f frames/s\n",
	    (double)nframes * rounds / path);
	printf("whole sensor path:    %10.0f frames/s\n",
	    (double)nframes * rounds / full);
	if (path > bare)
		printf("DNS path (ldns, cache, detectors): %.0f messages/s, "
		    "%.2f us/message, %.0f%% of the sensor's time\n",
		    (double)msgs * rounds / (path - bare),
		    (path - bare) * 1e6 / ((double)msgs * rounds),
		    100.0 * (path - bare) / full);
	return sink == 0xdeadbeef;
usage:
	fprintf(stderr, "usage: dns_path_bench [-n rounds] capture...\n");
	return 1;
}
