/*
 * priv_capture.c - live capture after the privilege drop, as nightjar
 * does it: open IFACE with libpcap as root, drop to USER in the chroot
 * DIR with the seccomp filter on, print "ready uid=N", then count the
 * packets matching FILTER with pcap_dispatch until WANT were seen or
 * LIMIT seconds passed (a safety net, not a measurement), and print
 * "packets N".
 *
 * usage: priv_capture IFACE USER DIR FILTER WANT LIMIT
 */
#include <poll.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sensor/log.h"
#include "sensor/privsep.h"

static void
count(u_char *arg, const struct pcap_pkthdr *h, const u_char *bytes)
{
	(void)h;
	(void)bytes;
	(*(unsigned long *)arg)++;
}

int
main(int argc, char **argv)
{
	struct nj_priv_options o = { 0 };
	char errbuf[PCAP_ERRBUF_SIZE];
	struct bpf_program prog;
	struct pollfd pfd;
	unsigned long n = 0, want, limit;
	time_t end;
	pcap_t *p;

	if (argc != 7) {
		fprintf(stderr, "usage: priv_capture IFACE USER DIR FILTER "
		    "WANT LIMIT\n");
		return 1;
	}
	log_init("priv_capture", 1);
	want = strtoul(argv[5], NULL, 10);
	limit = strtoul(argv[6], NULL, 10);
	if ((p = pcap_create(argv[1], errbuf)) == NULL ||
	    pcap_set_snaplen(p, 65535) != 0 || pcap_set_promisc(p, 1) != 0 ||
	    pcap_set_immediate_mode(p, 1) != 0 || pcap_activate(p) < 0 ||
	    pcap_compile(p, &prog, argv[4], 1, PCAP_NETMASK_UNKNOWN) != 0 ||
	    pcap_setfilter(p, &prog) != 0 || pcap_setnonblock(p, 1, errbuf)) {
		fprintf(stderr, "priv_capture: %s: %s\n", argv[1],
		    p != NULL ? pcap_geterr(p) : errbuf);
		return 2;
	}
	pcap_freecode(&prog);
	o.user = argv[2];
	o.chroot_dir = argv[3];
	if (nj_drop_privileges(&o) == -1)
		return 2;
	printf("ready uid=%u\n", (unsigned)getuid());
	fflush(stdout);

	pfd.fd = pcap_get_selectable_fd(p);
	pfd.events = POLLIN;
	end = time(NULL) + (time_t)limit;
	while (n < want && time(NULL) < end) {
		if (poll(&pfd, 1, 200) == -1)
			break;
		if (pcap_dispatch(p, -1, count, (u_char *)&n) == -1) {
			fprintf(stderr, "priv_capture: %s\n", pcap_geterr(p));
			return 2;
		}
	}
	printf("packets %lu\n", n);
	pcap_close(p);
	return 0;
}
