/*
 * scan_state.h - the scan engine: per-source Threshold Random Walk
 * (Jung, Paxson, Berger, Balakrishnan 2004) over first-contact outcomes,
 * with time-window counting of failed contacts beside it, speed class,
 * shape, open ports, and one alert per scan followed by updates and a
 * final summary. Pure: it knows nothing of flows, packets or alerts;
 * det_scan.c turns packets into observations and reports into alerts,
 * and the unit tests drive it with synthetic observations and time.
 *
 * Memory is fixed at creation: max_sources slots of struct nj_scan_src
 * (nj_scan_entry_size() bytes each) in 8-way buckets. A new source
 * takes a free or expired slot of its bucket, else evicts the weakest:
 * a slot with no probe (made by a flow's end alone) or a newcomer with
 * one probe and at most one failure (oldest first), then the one with
 * the fewest probes plus failures (a return counts two). Sources already reported as scanners are evicted
 * last. Every eviction is counted. See sensor/README-detectors.md.
 */
#ifndef NJ_SCAN_STATE_H
#define NJ_SCAN_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoders/types.h"
#include "sensor/portset.h"

enum nj_scan_flavour {
	NJ_SCAN_SYN = 0, /* TCP SYN (or a full connect) */
	NJ_SCAN_FIN,     /* FIN alone */
	NJ_SCAN_NULL,    /* no flags */
	NJ_SCAN_XMAS,    /* FIN, PSH, URG */
	NJ_SCAN_ACK,     /* ACK opening a flow (a probe, or a flow picked up
			    mid-stream): counted; its RST answer a failure */
	NJ_SCAN_UDP,     /* UDP datagram */
	NJ_SCAN_ICMP,    /* ICMP echo request */
	NJ_SCAN_NFLAVOURS
};
const char *nj_scan_flavour_name(enum nj_scan_flavour f);

enum nj_scan_outcome {
	NJ_SCAN_SENT = 0, /* a probe went out; its answer is not known yet */
	NJ_SCAN_OPEN,     /* answered: SYN-ACK, echo reply, UDP reply */
	NJ_SCAN_CLOSED,   /* refused: RST, ICMP unreachable */
	NJ_SCAN_NOANSWER, /* nothing came back (the flow ended unanswered) */
};

/* One observation of a probe or of its answer, in packet time. */
struct nj_scan_obs {
	nj_time_t ts;
	struct nj_addr src, dst;  /* prober and probed host */
	uint16_t dport;           /* probed port (0 for ICMP) */
	uint8_t proto;            /* IPPROTO_TCP, _UDP, _ICMP, _ICMPV6 */
	uint8_t flavour;          /* enum nj_scan_flavour */
	uint8_t outcome;          /* enum nj_scan_outcome */
	bool outbound;            /* a local source probing outside */
	bool inbound;             /* an outside source probing a local host */
};

struct nj_scan_cfg {
	double fast_rate;      /* probes/s at or above which a scan is fast: 5 */
	double slow_interval;  /* s per probe at or above which it is slow: 15 */
	nj_time_t window;      /* window counting period: 300 s */
	uint32_t min_ports;    /* failed distinct ports in a window: 15 */
	uint32_t min_hosts;    /* failed distinct hosts in a window: 25 */
	double theta0, theta1; /* P(success | benign), P(success | scanner) */
	double eta0, eta1;     /* TRW thresholds: benign floor, scanner */
	double eta1_other;     /* scanner threshold for sources never seen
				  probing inwards: eta1 * 256 (four more
				  failures) */
	nj_time_t answer_wait; /* unanswered after this: a failure: 1 s */
	nj_time_t idle_end;    /* a scan quiet this long has ended: 600 s */
	nj_time_t expire;      /* an unreported source is forgotten: 6 h */
	nj_time_t update_every; /* at most one timed update per: 3600 s */
	uint32_t max_sources;  /* slots (rounded up to 8): 16384 */
};
void nj_scan_cfg_default(struct nj_scan_cfg *cfg);

enum nj_scan_report_kind {
	NJ_SCAN_REPORT_NEW = 0, /* the first alert of a scan */
	NJ_SCAN_REPORT_UPDATE,  /* it goes on (10x more probes, or time) */
	NJ_SCAN_REPORT_FINAL,   /* it ended (idle, or end of input) */
};

#define NJ_SCAN_OPEN_MAX 8

struct nj_scan_open {
	struct nj_addr host;
	uint16_t port;   /* 0 for ICMP */
	uint8_t proto;
};

/* What a report says; valid only during the callback. */
struct nj_scan_report {
	enum nj_scan_report_kind kind;
	struct nj_addr src;
	bool outbound;
	const char *trigger;     /* "trw" or "window" */
	const char *speed;       /* "fast", "normal", "slow" */
	double rate;             /* probes / (last - first), per second */
	const char *shape;       /* "vertical", "horizontal", "block" */
	unsigned flavours;       /* bit (1 << enum nj_scan_flavour) */
	nj_time_t first, last;   /* first and last probe */
	uint32_t probes;         /* probes seen (retransmissions excluded) */
	uint32_t probes_at_alert; /* probes seen when the first alert went */
	uint32_t closed, unanswered, answered_open; /* decided contacts */
	double ports, hosts;     /* distinct ports and hosts probed (estimates) */
	bool one_host;           /* every probe went to host */
	struct nj_addr host;
	const struct nj_portset *portlist; /* ports probed, exact up to a cap */
	const struct nj_scan_open *open;   /* answered (open) ports/hosts */
	unsigned nopen;          /* entries in open[] */
	uint32_t open_total;     /* open answers, including those not listed */
	double llr;              /* TRW log likelihood ratio */
};

typedef void (*nj_scan_report_fn)(void *arg, const struct nj_scan_report *r);

struct nj_scan_stats {
	uint64_t observations, probes, sources_created;
	uint64_t evicted;          /* sources pushed out by a newcomer */
	uint64_t evicted_evidence; /* ... while worth keeping (worth() > 0) */
	uint64_t evicted_alerted;  /* ... already reported (final sent) */
	uint64_t expired;          /* unreported sources forgotten when idle */
	uint64_t answer_timeouts;  /* probes failed for lack of an answer */
	uint64_t alerts, updates, finals;
	uint32_t active, peak;     /* sources tracked now and at most */
};

struct nj_scan_engine;

/* Returns NULL when memory runs out. fn is called for every report. */
struct nj_scan_engine *nj_scan_new(const struct nj_scan_cfg *cfg,
    uint64_t seed, nj_scan_report_fn fn, void *arg);
void nj_scan_free(struct nj_scan_engine *e);
void nj_scan_observe(struct nj_scan_engine *e, const struct nj_scan_obs *o);
/* Advances time: a slice of the table is checked for ended scans. */
void nj_scan_tick(struct nj_scan_engine *e, nj_time_t now);
/* End of input: every scan still going gets its final summary. */
void nj_scan_finish(struct nj_scan_engine *e, nj_time_t now);
const struct nj_scan_stats *nj_scan_stats(const struct nj_scan_engine *e);
/* Bytes one tracked source takes, and the whole engine for cfg. */
size_t nj_scan_entry_size(void);
size_t nj_scan_memsize(const struct nj_scan_cfg *cfg);
/* The speed class of probes over [first, last]; "normal" for one probe. */
const char *nj_scan_speed(const struct nj_scan_cfg *cfg, uint32_t probes,
    nj_time_t first, nj_time_t last, double *rate);

#endif
