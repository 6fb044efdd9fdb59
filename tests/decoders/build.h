/*
 * build.h - hand-built packets for the decoder tests: a byte buffer with
 * append helpers that write each header field by field, as the RFCs lay
 * them out, and the table of every test packet (used by the truncation
 * sweep).
 */
#ifndef NJ_TEST_BUILD_H
#define NJ_TEST_BUILD_H

#include <stddef.h>
#include <stdint.h>

#define PKT_MAX 512

struct pkt_buf {
	uint8_t b[PKT_MAX];
	size_t n;
	size_t hdr; /* end of the last header: cutting before it cuts a header */
};

void put8(struct pkt_buf *, uint8_t);
void put16(struct pkt_buf *, uint16_t);
void put32(struct pkt_buf *, uint32_t);
void putn(struct pkt_buf *, const void *, size_t);
/* Ethernet II: dst 00:11:22:33:44:55, src 66:77:88:99:aa:bb. */
void put_eth(struct pkt_buf *, uint16_t type);
/* IPv4 with ihl words (opts fills ihl*4-20 bytes), 192.0.2.1 -> 198.51.100.2. */
void put_ipv4(struct pkt_buf *, uint8_t ihl, uint16_t totlen, uint16_t off,
    uint8_t proto, const uint8_t *opts);
/* IPv6 2001:db8::1 -> 2001:db8::2, hop limit 64. */
void put_ipv6(struct pkt_buf *, uint16_t plen, uint8_t nh);
void put_udp(struct pkt_buf *, uint16_t sport, uint16_t dport, uint16_t len);

struct test_packet {
	const char *name;
	int dlt;
	void (*build)(struct pkt_buf *);
};

extern const struct test_packet test_packets[];
extern const size_t test_packet_count;

#endif
