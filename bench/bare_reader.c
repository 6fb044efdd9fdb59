/*
 * bare_reader.c - the limit of reading a capture file: pcap_open_offline
 * and pcap_loop, counting packets and bytes and doing nothing else.
 * bench/run compares nightjar's rate with this one.
 * Usage: bare_reader FILE   (prints "packets N" and "bytes N")
 */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>

struct counts {
	uint64_t packets, bytes;
};

static void
count(u_char *arg, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct counts *c = (struct counts *)arg;

	/* libpcap has already copied the frame into its buffer (fread). */
	(void)bytes;
	c->packets++;
	c->bytes += h->len;
}

int
main(int argc, char **argv)
{
	char err[PCAP_ERRBUF_SIZE];
	struct counts c = { 0, 0 };
	pcap_t *p;

	if (argc != 2) {
		fprintf(stderr, "usage: bare_reader FILE\n");
		return 1;
	}
	if ((p = pcap_open_offline(argv[1], err)) == NULL) {
		fprintf(stderr, "bare_reader: %s\n", err);
		return 2;
	}
	if (pcap_loop(p, -1, count, (u_char *)&c) == -1) {
		fprintf(stderr, "bare_reader: %s: %s\n", argv[1], pcap_geterr(p));
		pcap_close(p);
		return 2;
	}
	pcap_close(p);
	printf("packets %llu\nbytes %llu\n", (unsigned long long)c.packets,
	    (unsigned long long)c.bytes);
	return 0;
}
