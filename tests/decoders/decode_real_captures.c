/*
 * decode_real_captures.c - every third-party capture under NJ_SHARED/pcaps
 * (walked recursively; index.tsv lists them, and the files libpcap cannot
 * open are the notes beside them), read with libpcap and decoded packet
 * by packet: no crash, no sanitizer report, statuses tallied. Exits 77
 * (skipped) when the shared folder is absent.
 *
 * Usage: decode_real_captures [PCAPS_DIR]   (default: $NJ_SHARED/pcaps)
 */
#include <ftw.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decoders/packet.h"

#define SKIP 77

struct tally {
	unsigned long files, unreadable, unsupported_link;
	unsigned long packets, status[4];
	struct nj_event_counters ec;
};

/* nftw() passes no user pointer; this is the walk's only state. */
static struct tally tally;

static void
decode_file(const char *path, struct tally *t)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	struct nj_packet pkt;
	pcap_t *p;
	int dlt, rc;

	p = pcap_open_offline(path, err);
	if (p == NULL) {
		t->unreadable++;
		return;
	}
	t->files++;
	dlt = pcap_datalink(p);
	if (!nj_dlt_supported(dlt))
		t->unsupported_link++;
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		enum nj_decode_status st;

		pkt.ts = 0;
		st = nj_decode(dlt, data, h->caplen, h->len, &pkt, &t->ec);
		if ((unsigned)st < 4)
			t->status[st]++;
		if (pkt.payload_len > 0 && (pkt.payload < data ||
		    pkt.payload + pkt.payload_len > data + h->caplen)) {
			fprintf(stderr, "%s: payload outside the capture\n", path);
			exit(1);
		}
		t->packets++;
	}
	pcap_close(p);
}

static int
visit(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (type == FTW_F)
		decode_file(path, &tally);
	return 0;
}

int
main(int argc, char **argv)
{
	char dir[4096];
	struct tally *t = &tally;
	struct stat sb;
	const char *shared;
	size_t i;

	if (argc > 1) {
		snprintf(dir, sizeof(dir), "%s", argv[1]);
	} else {
		shared = getenv("NJ_SHARED");
		if (shared == NULL) {
			fprintf(stderr, "SKIP: no pcaps folder given and NJ_SHARED unset\n");
			return SKIP;
		}
		snprintf(dir, sizeof(dir), "%s/pcaps", shared);
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr, "SKIP: %s absent (shared captures not here)\n", dir);
		return SKIP;
	}
	if (nftw(dir, visit, 16, FTW_PHYS) != 0) {
		fprintf(stderr, "%s: cannot walk\n", dir);
		return 1;
	}

	printf("captures %lu (other files %lu, unsupported link %lu), packets %lu\n",
	    t->files, t->unreadable, t->unsupported_link, t->packets);
	printf("ok %lu truncated %lu malformed %lu unsupported %lu\n",
	    t->status[NJ_DECODE_OK], t->status[NJ_DECODE_TRUNCATED],
	    t->status[NJ_DECODE_MALFORMED], t->status[NJ_DECODE_UNSUPPORTED]);
	for (i = 0; i < NJ_EV_MAX; i++)
		if (t->ec.n[i] > 0)
			printf("  %-24s %llu\n", nj_event_name((enum nj_event)i),
			    (unsigned long long)t->ec.n[i]);
	if (t->files == 0) {
		fprintf(stderr, "%s: no capture could be opened\n", dir);
		return 1;
	}
	return 0;
}
