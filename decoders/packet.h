/*
 * packet.h - a decoded packet, link layer to transport, and the decoder
 * entry point. The decoders fill a struct nj_packet from untrusted bytes;
 * nothing above them reads raw packet memory except the payload slice.
 */
#ifndef NJ_PACKET_H
#define NJ_PACKET_H

#include "decoders/events.h"
#include "decoders/types.h"

/* Link types decoded (values are libpcap's DLT_ numbers). */
#define NJ_DLT_NULL      0   /* BSD loopback, host-order AF */
#define NJ_DLT_EN10MB    1   /* Ethernet II, 802.1Q, QinQ */
#define NJ_DLT_RAW       12  /* raw IP (some platforms: 14) */
#define NJ_DLT_RAW_ALT   14
#define NJ_DLT_LOOP      108 /* OpenBSD loopback, network-order AF */
#define NJ_DLT_LINUX_SLL 113 /* Linux cooked v1 */
#define NJ_DLT_IPV4      228
#define NJ_DLT_IPV6      229
#define NJ_DLT_LINUX_SLL2 276 /* Linux cooked v2 */

/* Returns true when the decoders understand this link type. */
bool nj_dlt_supported(int dlt);

enum nj_decode_status {
	NJ_DECODE_OK = 0,       /* decoded as far as nightjar goes */
	NJ_DECODE_TRUNCATED,    /* a header was cut short (caplen) */
	NJ_DECODE_MALFORMED,    /* a field is impossible */
	NJ_DECODE_UNSUPPORTED,  /* a protocol nightjar does not decode */
};

/* TCP flag bits, as on the wire. */
#define NJ_TH_FIN 0x01
#define NJ_TH_SYN 0x02
#define NJ_TH_RST 0x04
#define NJ_TH_PSH 0x08
#define NJ_TH_ACK 0x10
#define NJ_TH_URG 0x20
#define NJ_TH_ECE 0x40
#define NJ_TH_CWR 0x80

/*
 * The transport header quoted inside an ICMP/ICMPv6 error (destination
 * unreachable, time exceeded, packet too big, parameter problem): the
 * packet that caused the error, as its sender sent it.
 */
struct nj_icmp_inner {
	struct nj_addr src, dst; /* of the quoted (original) packet */
	uint8_t proto;           /* IPPROTO_* of the quoted packet */
	uint16_t sport, dport;   /* host order; 0 when not TCP/UDP */
};

struct nj_packet {
	nj_time_t ts;       /* capture time */
	uint32_t caplen;    /* bytes captured */
	uint32_t wirelen;   /* bytes on the wire */
	int dlt;            /* link type */

	/* Link layer (Ethernet and cooked captures). */
	bool has_mac;
	uint8_t src_mac[6], dst_mac[6];
	uint8_t vlan_count;  /* 0, 1 or 2 (QinQ) */
	uint16_t vlan[2];    /* VLAN IDs, outer first */
	uint16_t ethertype;  /* innermost EtherType */

	/* Network layer. ip_version 0 means no IP header was decoded. */
	uint8_t ip_version;      /* 4 or 6 */
	struct nj_addr src, dst;
	uint8_t proto;           /* transport protocol (IPPROTO_*) */
	uint8_t ttl;             /* TTL or hop limit */
	uint32_t ip_len;         /* IP total length (IPv6: payload + 40) */
	bool frag;               /* part of a fragmented datagram */
	bool frag_later;         /* a non-first fragment: no L4 header */

	/* Transport layer. l4 is true when the L4 header was decoded. */
	bool l4;
	uint16_t sport, dport;   /* host order (ICMP: 0) */
	uint8_t tcp_flags;       /* NJ_TH_* */
	uint32_t tcp_seq, tcp_ack;
	uint16_t tcp_win;
	uint8_t icmp_type, icmp_code; /* ICMP or ICMPv6 */
	uint16_t icmp_id, icmp_seq;   /* echo request/reply */
	bool has_inner;               /* ICMP error quoting a packet */
	struct nj_icmp_inner inner;

	/*
	 * Application bytes: the L4 payload, narrowed to the IP/UDP length
	 * (never the link padding). Points into the capture buffer; valid
	 * only while the packet is being processed.
	 */
	const uint8_t *payload;
	uint32_t payload_len;
};

/*
 * Decodes one captured frame of link type dlt. Fills *pkt (zeroed first;
 * ts is left for the caller to set) and counts anomalies in *ec (may be
 * NULL). Never reads outside data[0..caplen).
 *
 * OK means decoded as far as nightjar goes; anomalies that leave the
 * headers usable are counted as events with OK still returned: a broken
 * IPv4 or TCP option, a cut ICMP quote, an unknown EtherType, loopback
 * family or IP protocol, a non-first fragment (frag_later, no L4), more
 * than two VLAN tags, a GRE payload not followed. IP-in-IP and GRE
 * carrying IP are decoded as the inner packet (nesting capped). With
 * MALFORMED, fields decoded before the bad one stay set (a UDP length
 * error keeps l4 and the ports).
 */
enum nj_decode_status nj_decode(int dlt, const uint8_t *data, uint32_t caplen,
    uint32_t wirelen, struct nj_packet *pkt, struct nj_event_counters *ec);

#endif
