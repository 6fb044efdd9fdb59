/*
 * dns.h - one DNS message (RFC 1035, EDNS RFC 6891) parsed with ldns into
 * a compact, fixed-size summary the caller owns: header, first question,
 * the first answers, EDNS. Nothing in it points into ldns or the packet.
 */
#ifndef NJ_DNS_H
#define NJ_DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoders/events.h"
#include "decoders/packet.h"
#include "decoders/types.h"

/*
 * Room for one name in presentation form, NUL included. Every name of
 * printable labels fits (at most 253 characters); a name whose labels
 * hold escaped bytes (\DDD, four characters per byte) may not: it is
 * then cut at an escape boundary and the message's names_cut is set.
 */
#define NJ_DNS_NAME_MAX 256
/* Answers kept per message; the rest are counted, not kept. */
#define NJ_DNS_MAX_ANSWERS 16

/* RR types and classes nightjar looks at (RFC 1035, 3596, 2782, 6672). */
#define NJ_DNS_T_A     1
#define NJ_DNS_T_NS    2
#define NJ_DNS_T_CNAME 5
#define NJ_DNS_T_SOA   6
#define NJ_DNS_T_NULL  10
#define NJ_DNS_T_PTR   12
#define NJ_DNS_T_MX    15
#define NJ_DNS_T_TXT   16
#define NJ_DNS_T_AAAA  28
#define NJ_DNS_T_SRV   33
#define NJ_DNS_T_DNAME 39
#define NJ_DNS_T_OPT   41
#define NJ_DNS_T_ANY   255
#define NJ_DNS_C_IN    1

#define NJ_DNS_RCODE_NOERROR  0
#define NJ_DNS_RCODE_FORMERR  1
#define NJ_DNS_RCODE_SERVFAIL 2
#define NJ_DNS_RCODE_NXDOMAIN 3
#define NJ_DNS_RCODE_REFUSED  5

/* One resource record of the answer section. */
struct nj_dns_rr {
	char name[NJ_DNS_NAME_MAX];   /* owner, lowercase, no trailing dot */
	uint16_t type;                /* NJ_DNS_T_* or any other number */
	uint16_t rclass;              /* NJ_DNS_C_IN mostly */
	uint32_t ttl;                 /* seconds, as sent */
	struct nj_addr addr;          /* A/AAAA: the address; else family 0 */
	/* CNAME/DNAME/PTR/NS target, MX exchange, SRV target; else "". */
	char target[NJ_DNS_NAME_MAX];
	uint32_t txt_len;             /* TXT: bytes of text (no length octets) */
};

struct nj_dns_msg {
	uint16_t id;
	bool qr;                      /* a response */
	uint8_t opcode;               /* 0 query, 4 notify, 5 update */
	/* Header RCODE, extended by the EDNS upper bits when EDNS is present. */
	uint16_t rcode;
	bool aa, tc, rd, ra, ad, cd;
	uint16_t qdcount, ancount, nscount, arcount; /* as sent in the header */

	/* The first question; has_question false when QDCOUNT is 0. */
	bool has_question;
	char qname[NJ_DNS_NAME_MAX];  /* lowercase, no trailing dot; root "." */
	uint16_t qtype, qclass;

	/* The first answers, in message order; an[n_answers..] are undefined. */
	uint8_t n_answers;
	bool answers_capped;          /* the message held more than were kept */
	struct nj_dns_rr an[NJ_DNS_MAX_ANSWERS];

	bool edns;                    /* an OPT record was present */
	uint16_t edns_udp_size;       /* requestor's payload size */
	uint8_t edns_version;
	bool edns_do;                 /* DNSSEC OK */

	uint32_t size;                /* message bytes (without TCP prefix) */
	bool names_cut;               /* some name did not fit NJ_DNS_NAME_MAX */
};

/*
 * Parses one DNS message of len bytes (a UDP payload, or a TCP message
 * without its length prefix) into *m. Returns NJ_DECODE_OK, or
 * NJ_DECODE_MALFORMED (counting NJ_EV_DNS_MALFORMED in ec, which may be
 * NULL) when ldns cannot parse it; *m then has no question and no
 * answers.
 */
enum nj_decode_status nj_dns_parse(const uint8_t *data, size_t len,
    struct nj_dns_msg *m, struct nj_event_counters *ec);

/*
 * Renders a name in uncompressed wire form (labels, ending with the root
 * label) as lowercase presentation text without the trailing dot, the
 * root as ".", escaping like ldns: "\." "\;" "\(" "\)" "\\" and
 * \DDD for bytes that are not printable ASCII. Returns false when the
 * wire form is invalid or the text did not fit (then it is cut at an
 * escape boundary). len must be at least 2.
 */
bool nj_dns_name_str(const uint8_t *wire, size_t wlen, char *buf, size_t len);

/*
 * Mnemonics for evidence and logs, from ldns's static tables (no
 * allocation): "AAAA", "TYPE65280"; "NXDOMAIN", "RCODE11". Return buf.
 */
const char *nj_dns_type_name(uint16_t type, char *buf, size_t len);
const char *nj_dns_rcode_name(uint16_t rcode, char *buf, size_t len);

#endif
