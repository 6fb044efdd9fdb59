/*
 * gen.h - nightjar-gen: the generator context, the packet store, and the
 * helpers every scenario builds its story with (frames, TCP sessions,
 * DNS, ICMP, application payloads, ground-truth facts).
 */
#ifndef NJ_GEN_H
#define NJ_GEN_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <libnet.h>

/* Scenario time: microseconds since the Unix epoch, UTC. */
typedef int64_t gen_time_t;
#define GEN_MS(x) ((gen_time_t)(x) * 1000)
#define GEN_S(x) ((gen_time_t)(x) * 1000000)
#define GEN_MIN(x) (GEN_S(x) * 60)
#define GEN_H(x) (GEN_MIN(x) * 60)
#define GEN_DAY(x) (GEN_H(x) * 24)

/* Deterministic PRNG (xoshiro256**, seeded through splitmix64). */
struct gen_rng {
	uint64_t s[4];
};
void gen_rng_seed(struct gen_rng *, uint64_t seed);
uint64_t gen_rng_next(struct gen_rng *);
/* Uniform in [0, n); n > 0. */
uint32_t gen_rng_below(struct gen_rng *, uint32_t n);
/* Uniform in [lo, hi]. */
int64_t gen_rng_range(struct gen_rng *, int64_t lo, int64_t hi);
void gen_rng_bytes(struct gen_rng *, uint8_t *buf, size_t len);
/* Exponentially distributed delay with the given mean (for arrivals). */
gen_time_t gen_rng_exp(struct gen_rng *, gen_time_t mean);

/*
 * The packet store: frames are built in any time order (a TCP session is
 * built start to end before the next one begins) and sorted by timestamp,
 * then by build order, when the capture is written. Merging a scenario into
 * background traffic is therefore just building both into one store.
 */
struct gen_pkt {
	gen_time_t ts;
	uint64_t order; /* build order, the tie-breaker */
	size_t off;     /* offset of the frame in the arena */
	uint32_t len;
};

struct gen_store {
	struct gen_pkt *pkts;   /* built, not yet written */
	size_t npkts, cap;
	uint8_t *arena;
	size_t used, arena_cap;
	uint64_t seq;           /* next build order */
	uint64_t written;       /* packets already written out */
	uint64_t written_bytes;
	void *out;              /* the pcap_dumper_t the packets go to */
};

/* Parameters from the command line; 0 / NULL mean "scenario default". */
struct gen_opts {
	uint64_t seed;
	gen_time_t start;
	gen_time_t duration;
	double rate;
	const char *flavour;
	int port;
	uint64_t count; /* background: keep going until this many packets */
	int sparse;     /* background: stretch every gap this many times */
};

struct gen_ctx {
	struct gen_opts opt;
	struct gen_rng rng;
	libnet_t *ln;
	struct gen_store store;
	json_t *facts;  /* array of planted facts */
	json_t *kinds;  /* object: kinds planted (for must_not) */
	uint16_t ipid;  /* next IPv4 identification */
	uint16_t next_port; /* last ephemeral port handed out (0: none) */
	char err[256];  /* first error, if any */
};

/* store.c */
int gen_store_add(struct gen_ctx *, gen_time_t ts, const uint8_t *frame,
    uint32_t len);
/*
 * Writes, in time order, every stored packet older than cutoff and drops
 * it from the store. Safe whenever nothing built later can be older than
 * cutoff: a scenario that builds its events in time order, each packet at
 * or after its event's time, flushes up to the current event's time and so
 * streams any number of packets through a bounded store.
 */
int gen_store_flush(struct gen_ctx *, gen_time_t cutoff);
/* Packets built so far, written or not. */
uint64_t gen_store_total(const struct gen_store *);
void gen_store_free(struct gen_store *);

/* site.c: the demo site and the outside world (IPv4, host byte order). */
#define GEN_IP(a, b, c, d) \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#define SITE_LAN GEN_IP(192, 168, 50, 0)
#define SITE_DMZ GEN_IP(192, 0, 2, 0)
#define SITE_RESOLVER GEN_IP(192, 168, 50, 2)
#define SITE_ADMIN GEN_IP(192, 168, 50, 10)
#define SITE_RELAY GEN_IP(192, 0, 2, 25)
#define SITE_WEB GEN_IP(192, 0, 2, 80)
#define SITE_NTP_SERVER GEN_IP(192, 168, 50, 3)
#define SITE_NWORKSTATIONS 20
#define SITE_SENSOR "fw1"
/* Workstation i (0-based) of the inventory: 192.168.50.100 + i. */
uint32_t site_workstation(int i);
int site_is_local(uint32_t ip);
void site_mac(uint32_t ip, uint8_t mac[6]);
const char *gen_ipstr(uint32_t ip, char buf[16]);
/*
 * A local host's IPv6 address in 2001:db8:50::/48: the LAN is subnet 1,
 * the DMZ subnet 2, and the host number is written with the same digits
 * as in IPv4 (192.168.50.105 is 2001:db8:50:1::105).
 */
void site_ip6(uint32_t v4, uint8_t out[16]);
/* Is a v6 address inside the site's /48? */
int site_is_local6(const uint8_t a[16]);

/* A public web site the workstations use, with its real-looking address. */
struct site_name {
	const char *name;
	uint32_t addr;
	const char *addr6; /* its AAAA, or NULL */
	uint16_t port; /* 443 or 80 */
};
extern const struct site_name site_web_names[];
extern const size_t site_nweb_names;
/* Public name servers the resolver recurses to. */
extern const uint32_t site_root_servers[];
extern const size_t site_nroot_servers;
/* A random public (non-special) IPv4 address for an outside client. */
uint32_t gen_public_addr(struct gen_ctx *);

/* frame.c: one complete Ethernet frame through libnet, into the store. */
#define TH_FIN_ 0x01
#define TH_SYN_ 0x02
#define TH_RST_ 0x04
#define TH_PSH_ 0x08
#define TH_ACK_ 0x10
#define TH_URG_ 0x20
int gen_tcp4(struct gen_ctx *, gen_time_t ts, uint32_t src, uint32_t dst,
    uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
    uint16_t win, const uint8_t *payload, uint32_t len);
/* The same with TCP options (at most 40 bytes, a multiple of 4). */
int gen_tcp4_opts(struct gen_ctx *, gen_time_t ts, uint32_t src, uint32_t dst,
    uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
    uint16_t win, const uint8_t *opts, uint32_t optlen,
    const uint8_t *payload, uint32_t len);
int gen_tcp6_opts(struct gen_ctx *, gen_time_t ts, const uint8_t src[16],
    const uint8_t dst[16], uint16_t sport, uint16_t dport, uint32_t seq,
    uint32_t ack, uint8_t flags, uint16_t win, const uint8_t *opts,
    uint32_t optlen, const uint8_t *payload, uint32_t len);
int gen_udp4(struct gen_ctx *, gen_time_t ts, uint32_t src, uint32_t dst,
    uint16_t sport, uint16_t dport, const uint8_t *payload, uint32_t len);
int gen_icmp4_echo(struct gen_ctx *, gen_time_t ts, uint32_t src, uint32_t dst,
    int reply, uint16_t id, uint16_t seq);
/* ICMP port unreachable from dst back to src, quoting the UDP probe. */
int gen_icmp4_port_unreach(struct gen_ctx *, gen_time_t ts, uint32_t src,
    uint32_t dst, uint16_t sport, uint16_t dport, const uint8_t *payload,
    uint32_t len);

/* tcp.c: TCP sessions with correct sequence numbers. */
struct gen_tcp {
	uint32_t cli, srv;   /* IPv4, or 0 when v6 */
	int v6;              /* the session runs over IPv6 */
	uint8_t cli6[16], srv6[16];
	uint16_t sport, dport;
	uint32_t cseq, sseq; /* next sequence number each side sends */
	gen_time_t t;        /* the session's clock */
	gen_time_t rtt;
	uint16_t cwin, swin;
};
void gen_tcp_init(struct gen_ctx *, struct gen_tcp *, gen_time_t t,
    uint32_t cli, uint32_t srv, uint16_t dport);
/* The same over IPv6 (cli4 names the client's host, for its MAC). */
void gen_tcp_init6(struct gen_ctx *, struct gen_tcp *, gen_time_t t,
    const uint8_t cli[16], const uint8_t srv[16], uint16_t dport);
/* SYN, SYN-ACK, ACK. */
int gen_tcp_connect(struct gen_ctx *, struct gen_tcp *);
/* Data from the client (from_client = 1) or the server, acknowledged. */
int gen_tcp_send(struct gen_ctx *, struct gen_tcp *, int from_client,
    const void *data, size_t len);
int gen_tcp_sendstr(struct gen_ctx *, struct gen_tcp *, int from_client,
    const char *s);
/* FIN from one side, FIN-ACK, last ACK. */
int gen_tcp_close(struct gen_ctx *, struct gen_tcp *, int client_first);
/* RST from one side. */
int gen_tcp_reset(struct gen_ctx *, struct gen_tcp *, int from_client);
/* SYN answered by RST-ACK. */
int gen_tcp_refused(struct gen_ctx *, struct gen_tcp *);
/* SYN then tries - 1 retransmissions at 1 s, 2 s, 4 s ... spacing. */
int gen_tcp_unanswered(struct gen_ctx *, struct gen_tcp *, int tries);
uint16_t gen_ephemeral_port(struct gen_ctx *);

/* dns.c: DNS messages built with ldns, carried over UDP. */
struct gen_dns_rr {
	const char *text; /* zone-file form, e.g. "a.example. 300 IN A 5.6.7.8" */
};
/*
 * One exchange: query from client to server, answer after delay. rrs is
 * NULL-terminated (may be NULL); rcode is an LDNS_RCODE_*. Returns the time
 * of the answer, or -1.
 */
gen_time_t gen_dns_exchange(struct gen_ctx *, gen_time_t t, uint32_t client,
    uint32_t server, const char *qname, int qtype, const char *const *rrs,
    int rcode, gen_time_t delay);
/*
 * A client resolves name through the site resolver; the resolver recurses
 * to a public name server on a cache miss (miss != 0). Returns the time the
 * client has the answer, or -1.
 */
gen_time_t gen_dns_resolve(struct gen_ctx *, gen_time_t t, uint32_t client,
    const char *name, int qtype, const char *const *rrs, int miss);

/* payload.c: application bytes that decode cleanly. */
/* A TLS 1.2 ClientHello with SNI; returns its length. */
size_t gen_tls_client_hello(struct gen_ctx *, const char *sni, uint8_t *buf,
    size_t cap);
size_t gen_tls_server_hello(struct gen_ctx *, uint8_t *buf, size_t cap);
/* A TLS application-data record of n random bytes. */
size_t gen_tls_appdata(struct gen_ctx *, size_t n, uint8_t *buf, size_t cap);
/* An HTTPS exchange over an established connection. */
int gen_https_exchange(struct gen_ctx *, struct gen_tcp *, const char *sni,
    size_t reqlen, size_t resplen);
/* An HTTP GET and a 200 response with a body of n bytes. */
int gen_http_exchange(struct gen_ctx *, struct gen_tcp *, const char *host,
    const char *path, size_t n);
/* An outside client reads a page or two on the public web server. */
int gen_web_visit(struct gen_ctx *, gen_time_t t, uint32_t client);
/* SSH: banners, KEXINIT, ECDH, NEWKEYS, then encrypted packets. */
int gen_ssh_session(struct gen_ctx *, struct gen_tcp *, int exchanges);
/* NTP client request and server reply. */
int gen_ntp_exchange(struct gen_ctx *, gen_time_t t, uint32_t client,
    uint32_t server);

/*
 * facts.c: the ground truth. gen_fact() appends {kind, src, dst, dport};
 * src or dst 0 and dport <= 0 are written as null.
 */
json_t *gen_fact(struct gen_ctx *, const char *kind, uint32_t src,
    uint32_t dst, int dport);
void gen_fact_time(json_t *, const char *key, gen_time_t t);
json_t *gen_fact_ip(uint32_t ip);
int gen_facts_write(struct gen_ctx *, const char *scenario, const char *path);
/* Formats t as RFC 3339 with microseconds, UTC. */
void gen_time_str(gen_time_t t, char *buf, size_t len);

/* Lengthens the scenario's window so that it ends after t. */
void gen_window_extend(struct gen_ctx *, gen_time_t t);

/* Sets the first error message; returns -1. */
int gen_fail(struct gen_ctx *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
