/*
 * events.h - named decode events: every anomaly a decoder meets is one of
 * these, counted, never logged. One list (an X-macro: id, name,
 * description) feeds the enum, the names and the statistics output.
 */
#ifndef NJ_EVENTS_H
#define NJ_EVENTS_H

#include <stdint.h>

#define NJ_DECODE_EVENTS(X)                                                         \
	X(LINK_TRUNCATED,        "link.truncated",        "link header cut short")      \
	X(LINK_UNSUPPORTED,      "link.unsupported",      "link type not decoded")      \
	X(ETHER_UNKNOWN_TYPE,    "ether.unknown_type",    "EtherType not decoded")      \
	X(VLAN_TOO_DEEP,         "vlan.too_deep",         "more than two VLAN tags")    \
	X(NULL_UNKNOWN_FAMILY,   "null.unknown_family",   "loopback address family not decoded") \
	X(RAW_BAD_VERSION,       "raw.bad_version",       "raw IP version neither 4 nor 6") \
	X(IPV4_TRUNCATED,        "ipv4.truncated",        "IPv4 header cut short")      \
	X(IPV4_BAD_VERSION,      "ipv4.bad_version",      "IP version is not 4")        \
	X(IPV4_BAD_HLEN,         "ipv4.bad_hlen",         "IPv4 header length < 20")    \
	X(IPV4_BAD_TOTLEN,       "ipv4.bad_totlen",       "IPv4 total length < header") \
	X(IPV4_OPT_MALFORMED,    "ipv4.opt_malformed",    "IPv4 option length invalid") \
	X(IPV4_FRAG_LATER,       "ipv4.frag_later",       "IPv4 non-first fragment")    \
	X(IPV6_TRUNCATED,        "ipv6.truncated",        "IPv6 header cut short")      \
	X(IPV6_BAD_VERSION,      "ipv6.bad_version",      "IP version is not 6")        \
	X(IPV6_EXTHDR_TRUNCATED, "ipv6.exthdr_truncated", "IPv6 extension header cut")  \
	X(IPV6_EXTHDR_TOO_MANY,  "ipv6.exthdr_too_many",  "too many extension headers") \
	X(IPV6_FRAG_LATER,       "ipv6.frag_later",       "IPv6 non-first fragment")    \
	X(IP_UNKNOWN_PROTO,      "ip.unknown_proto",      "transport not decoded")      \
	X(IP_TUNNEL_TOO_DEEP,    "ip.tunnel_too_deep",    "IP-in-IP/GRE nested too deep") \
	X(GRE_TRUNCATED,         "gre.truncated",         "GRE header cut short")       \
	X(GRE_UNSUPPORTED,       "gre.unsupported",       "GRE version, routing or payload not decoded") \
	X(TCP_TRUNCATED,         "tcp.truncated",         "TCP header cut short")       \
	X(TCP_BAD_HLEN,          "tcp.bad_hlen",          "TCP data offset < 5 or past segment")        \
	X(TCP_OPT_MALFORMED,     "tcp.opt_malformed",     "TCP option length invalid")  \
	X(UDP_TRUNCATED,         "udp.truncated",         "UDP header cut short")       \
	X(UDP_BAD_LEN,           "udp.bad_len",           "UDP length invalid")         \
	X(ICMP_TRUNCATED,        "icmp.truncated",        "ICMP header cut short")      \
	X(ICMP_INNER_TRUNCATED,  "icmp.inner_truncated",  "ICMP quoted packet cut")     \
	X(ICMP_INNER_MALFORMED,  "icmp.inner_malformed",  "ICMP quoted header invalid") \
	X(ICMPV6_TRUNCATED,      "icmpv6.truncated",      "ICMPv6 header cut short")    \
	X(DNS_MALFORMED,         "dns.malformed",         "DNS message not parsable")   \
	X(DNS_TCP_TRUNCATED,     "dns.tcp_truncated",     "DNS over TCP length exceeds data") \
	X(DNS_TCP_GAP,           "dns.tcp_gap",           "DNS over TCP gap, resynchronised") \
	X(DNS_TCP_OVERFLOW,      "dns.tcp_overflow",      "DNS over TCP buffer unavailable")

enum nj_event {
#define NJ_EV_ENUM(id, name, desc) NJ_EV_##id,
	NJ_DECODE_EVENTS(NJ_EV_ENUM)
#undef NJ_EV_ENUM
	NJ_EV_MAX
};

/* Counters, one per event, owned by the caller. */
struct nj_event_counters {
	uint64_t n[NJ_EV_MAX];
};

const char *nj_event_name(enum nj_event ev);
const char *nj_event_desc(enum nj_event ev);

static inline void
nj_event(struct nj_event_counters *ec, enum nj_event ev)
{
	if (ec != NULL)
		ec->n[ev]++;
}

#endif
