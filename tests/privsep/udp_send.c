/*
 * udp_send.c - sends COUNT small UDP datagrams to ADDR PORT (IPv4), for
 * the namespace capture test: the only traffic it makes stays inside
 * the veth pair the test created.
 *
 * usage: udp_send ADDR PORT COUNT
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sockaddr_in sin;
	struct timespec gap = { 0, 100 * 1000 * 1000 };
	unsigned long i, n;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: udp_send ADDR PORT COUNT\n");
		return 1;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)strtoul(argv[2], NULL, 10));
	n = strtoul(argv[3], NULL, 10);
	if (inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1) {
		fprintf(stderr, "udp_send: bad address %s\n", argv[1]);
		return 1;
	}
	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1) {
		perror("udp_send: socket");
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (sendto(fd, "nightjar", 8, 0, (struct sockaddr *)&sin,
		    sizeof(sin)) != 8) {
			perror("udp_send: sendto");
			return 1;
		}
		/* Spaced, so the first waits for ARP rather than racing it. */
		nanosleep(&gap, NULL);
	}
	close(fd);
	return 0;
}
