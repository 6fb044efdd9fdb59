/*
 * pcap_hole.c - cuts a hole in a capture for the capture-gap test: copies
 * IN to OUT, moving every packet from the middle one on forward by SECONDS.
 * Prints the hole it made, in epoch microseconds: "gap_start T" (the last
 * packet before it) and "gap_end T" (the first after it, moved).
 *
 * Usage: pcap_hole IN OUT SECONDS
 */
#include <errno.h>
#include <inttypes.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t
usec(const struct pcap_pkthdr *h)
{
	return (uint64_t)h->ts.tv_sec * 1000000 + (uint64_t)h->ts.tv_usec;
}

int
main(int argc, char **argv)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h, copy;
	uint64_t n = 0, total = 0, start = 0, end = 0;
	const u_char *bytes;
	pcap_dumper_t *d;
	unsigned long shift;
	char *e;
	pcap_t *p;

	if (argc != 4) {
		fprintf(stderr, "usage: pcap_hole IN OUT SECONDS\n");
		return 2;
	}
	errno = 0;
	shift = strtoul(argv[3], &e, 10);
	if (argv[3][0] == '\0' || *e != '\0' || errno != 0) {
		fprintf(stderr, "pcap_hole: bad SECONDS '%s'\n", argv[3]);
		return 2;
	}
	/* Count first: the hole goes after the middle packet. */
	if ((p = pcap_open_offline(argv[1], err)) == NULL) {
		fprintf(stderr, "pcap_hole: %s\n", err);
		return 1;
	}
	while (pcap_next_ex(p, &h, &bytes) == 1)
		total++;
	pcap_close(p);
	if (total < 2 || (p = pcap_open_offline(argv[1], err)) == NULL) {
		fprintf(stderr, "pcap_hole: %s: too few packets\n", argv[1]);
		return 1;
	}
	if ((d = pcap_dump_open(p, argv[2])) == NULL) {
		fprintf(stderr, "pcap_hole: %s\n", pcap_geterr(p));
		return 1;
	}
	while (pcap_next_ex(p, &h, &bytes) == 1) {
		copy = *h;
		if (n >= total / 2)
			copy.ts.tv_sec += (time_t)shift;
		if (n + 1 == total / 2)
			start = usec(&copy);
		if (n == total / 2)
			end = usec(&copy);
		pcap_dump((u_char *)d, &copy, bytes);
		n++;
	}
	pcap_dump_close(d);
	pcap_close(p);
	printf("gap_start %" PRIu64 "\ngap_end %" PRIu64 "\n", start, end);
	return 0;
}
