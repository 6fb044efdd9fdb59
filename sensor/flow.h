/*
 * flow.h - bidirectional flows: what detectors may read of a flow.
 *
 * A flow is keyed by the canonical (direction-free) 5-tuple plus the
 * outer VLAN ID. The initiator ("orig") is the sender of the first SYN;
 * for a flow picked up mid-stream it is inferred from the ports and the
 * first packet, and initiator_inferred is set. Index 0 of the per-
 * direction arrays is orig->resp, index 1 resp->orig.
 */
#ifndef NJ_FLOW_H
#define NJ_FLOW_H

#include "decoders/packet.h"
#include "decoders/types.h"

enum nj_flow_state {
	NJ_FLOW_ATTEMPTED = 0, /* TCP: SYN seen, nothing back */
	NJ_FLOW_REJECTED,      /* TCP: RST, or ICMP unreachable, in answer */
	NJ_FLOW_HALF_OPEN,     /* TCP: SYN and SYN-ACK, no final ACK yet */
	NJ_FLOW_ESTABLISHED,   /* TCP: handshake done or data both ways */
	NJ_FLOW_CLOSED,        /* TCP: FIN both ways, or RST after data */
	NJ_FLOW_UDP,           /* UDP/ICMP pseudo-connection */
};

/*
 * Application tags set by the recognisers (flow->app; sensor/app_path.c
 * for IRC, SMTP, SSH, POP3, IMAP). Named NJ_FLOW_APP_* so that they do
 * not clash with decoders/app.h's enum nj_app_proto (NJ_APP_IRC ...).
 */
enum nj_app {
	NJ_FLOW_APP_UNKNOWN = 0,
	NJ_FLOW_APP_DNS,
	NJ_FLOW_APP_IRC,
	NJ_FLOW_APP_SMTP,
	NJ_FLOW_APP_SSH,
	NJ_FLOW_APP_HTTP,
	NJ_FLOW_APP_TLS,
	NJ_FLOW_APP_POP3,
	NJ_FLOW_APP_IMAP,
	NJ_FLOW_APP_OTHER,
};

#define NJ_FLOW_HISTORY_MAX 15

struct nj_flow {
	/* Initiator view of the tuple. */
	struct nj_addr orig, resp;
	uint16_t orig_port, resp_port; /* host order */
	uint8_t proto;                 /* IPPROTO_TCP, _UDP, _ICMP, _ICMPV6 */
	uint16_t vlan;                 /* outer VLAN ID, 0 for none */

	nj_time_t first, last;         /* packet times */
	uint64_t pkts[2], bytes[2];    /* [0] orig->resp, [1] resp->orig */
	uint8_t state;                 /* enum nj_flow_state */
	bool initiator_inferred;       /* no SYN seen: orig is a guess */
	bool reply_seen;               /* anything came back */
	uint8_t app;                   /* enum nj_app */
	uint8_t hist_len;
	char history[NJ_FLOW_HISTORY_MAX + 1]; /* Zeek conn.log letters */

	/*
	 * Scratch for the application recognisers (IRC/SMTP/DNS over TCP):
	 * opaque bytes owned by whichever recogniser set flow->app. The top
	 * bit (0x80000000) is app_path.c's: recognition of this flow is over.
	 */
	uint32_t app_state;
};

/* Community ID v1 (seed 0) of the flow, base64 form with "1:" prefix. */
#define NJ_COMMUNITY_ID_LEN 64
void nj_flow_community_id(const struct nj_flow *f, uint16_t seed,
    char *buf, size_t len);
/* Community ID of an arbitrary tuple (for alerts that have no flow). */
void nj_community_id(const struct nj_addr *src, uint16_t sport,
    const struct nj_addr *dst, uint16_t dport, uint8_t proto, uint16_t seed,
    char *buf, size_t len);
const char *nj_flow_state_name(enum nj_flow_state st);

#endif
