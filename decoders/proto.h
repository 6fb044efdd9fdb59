/*
 * proto.h - the per-protocol decoders as they call one another. Internal
 * to decoders/: everything else calls nj_decode() in packet.h.
 */
#ifndef NJ_PROTO_H
#define NJ_PROTO_H

#include "decoders/cursor.h"
#include "decoders/packet.h"

/* IP protocol numbers the decoders know (IANA "Protocol Numbers"). */
#define NJ_IPPROTO_HOPOPTS  0
#define NJ_IPPROTO_ICMP     1
#define NJ_IPPROTO_IPIP     4
#define NJ_IPPROTO_TCP      6
#define NJ_IPPROTO_UDP      17
#define NJ_IPPROTO_IPV6     41
#define NJ_IPPROTO_GRE      47
#define NJ_IPPROTO_ROUTING  43
#define NJ_IPPROTO_FRAGMENT 44
#define NJ_IPPROTO_ESP      50
#define NJ_IPPROTO_AH       51
#define NJ_IPPROTO_ICMPV6   58
#define NJ_IPPROTO_NONE     59
#define NJ_IPPROTO_DSTOPTS  60

/* EtherTypes (IEEE "EtherType" registry). */
#define NJ_ETHERTYPE_IPV4   0x0800
#define NJ_ETHERTYPE_ARP    0x0806
#define NJ_ETHERTYPE_VLAN   0x8100 /* 802.1Q customer tag */
#define NJ_ETHERTYPE_IPV6   0x86dd
#define NJ_ETHERTYPE_QINQ   0x88a8 /* 802.1ad service tag */
#define NJ_ETHERTYPE_QINQ_OLD 0x9100 /* pre-standard service tag */

/* More IP-in-IP or GRE nesting than this is counted and not followed. */
#define NJ_MAX_TUNNEL_DEPTH 2
/* More IPv6 extension headers than this stop the walk (RFC 8200 4.1). */
#define NJ_MAX_IPV6_EXTHDRS 8

/* State of one nj_decode() call, handed down the layers. */
struct nj_decoder {
	struct nj_packet *pkt;
	struct nj_event_counters *ec;
	unsigned depth;   /* IP headers already seen (tunnels) */
	bool l4_cut;      /* the L4 region was cut by caplen (or is a first
			     fragment), so lengths past it are not errors */
};

/* Where an IPv6 extension-header walk stopped. */
struct nj_ipv6_chain {
	uint8_t proto;    /* first non-extension next-header value */
	bool frag;        /* a fragment header was seen */
	bool frag_later;  /* ... with a non-zero offset */
};

enum nj_decode_status nj_decode_ether(struct nj_decoder *, struct nj_cursor *);
enum nj_decode_status nj_decode_sll(struct nj_decoder *, struct nj_cursor *);
enum nj_decode_status nj_decode_sll2(struct nj_decoder *, struct nj_cursor *);
enum nj_decode_status nj_decode_null(struct nj_decoder *, struct nj_cursor *,
    bool net_order);
enum nj_decode_status nj_decode_raw(struct nj_decoder *, struct nj_cursor *);
enum nj_decode_status nj_decode_ethertype(struct nj_decoder *,
    struct nj_cursor *, uint16_t type);

enum nj_decode_status nj_decode_ipv4(struct nj_decoder *, struct nj_cursor *);
enum nj_decode_status nj_decode_ipv6(struct nj_decoder *, struct nj_cursor *);
enum nj_decode_status nj_ipv6_walk(struct nj_cursor *, uint8_t nh,
    struct nj_ipv6_chain *, struct nj_event_counters *);
enum nj_decode_status nj_decode_l4(struct nj_decoder *, struct nj_cursor *);
enum nj_decode_status nj_decode_tunnel(struct nj_decoder *, struct nj_cursor *,
    int version);
enum nj_decode_status nj_decode_gre(struct nj_decoder *, struct nj_cursor *);

/*
 * Walks IPv4 or TCP options in opt; false when one has an impossible
 * length or one len_ok (may be NULL) rejects for its kind.
 */
bool nj_options_walk(struct nj_cursor *opt, bool (*len_ok)(uint8_t, uint8_t));
/* A non-first fragment: counted, payload recorded, no L4 header. */
enum nj_decode_status nj_frag_later(struct nj_decoder *, struct nj_cursor *,
    enum nj_event);

enum nj_decode_status nj_decode_tcp(struct nj_decoder *, struct nj_cursor *);
enum nj_decode_status nj_decode_udp(struct nj_decoder *, struct nj_cursor *);
enum nj_decode_status nj_decode_icmp(struct nj_decoder *, struct nj_cursor *);
enum nj_decode_status nj_decode_icmp6(struct nj_decoder *, struct nj_cursor *);

#endif
