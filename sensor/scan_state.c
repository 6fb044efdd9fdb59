/*
 * scan_state.c - the scan engine behind det_scan.c: a fixed table of
 * sources, each with a TRW walk, a ring of probes awaiting an answer,
 * distinct-count sketches and a few exact lists for the evidence.
 *
 * What is kept per source (struct nj_scan_src, nj_scan_entry_size()
 * bytes, no pointers, nothing allocated after nj_scan_new):
 *   - address, direction, flavours seen, first/last probe times;
 *   - counters: probes, refused, unanswered, open answers;
 *   - the TRW log likelihood ratio and a 512-bit bitmap of contacts
 *     (host, port, protocol) already decided, so each contact counts
 *     once ("first contact" in the paper);
 *   - checkpoints of probes sent, so that probes older than answer_wait
 *     with no answer count as unanswered without waiting for their flows
 *     to time out (30 s in the flow table), so fast scans are flagged while
 *     they run;
 *   - HyperLogLogs of distinct ports and hosts probed (lifetime) and of
 *     failed ports and hosts (current window), 32 bytes each;
 *   - the first host, up to 24 ports and up to 8 open answers, exactly.
 * Beside the table, two Bloom generations remember sources seen probing,
 * so one evicted for a newcomer is known as "returning" when it comes
 * back (a slow scanner under a flood of one-probe sources).
 * How long: an unreported source stays until it has been quiet for
 * `expire` (6 h: slow scans of one probe every few minutes keep their
 * walk) or is evicted for a newcomer; a reported scan ends after
 * `idle_end` of quiet (or four mean gaps, for slow scans), when its
 * final summary goes out and the slot is freed.
 */
#include <math.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/cadence.h"
#include "sensor/scan_state.h"
#include "sensor/sketch.h"

#define WAYS      8  /* slots per bucket */
#define NCHECK    4  /* checkpoints of probes sent, per source */
#define DECIDED_BITS 512
#define SWEEP_DIV 64 /* a tick checks 1/64 of the table */
/*
 * Sources seen probing, remembered past eviction: two generations of a
 * Bloom filter (2^23 bits, 1 MiB each, 6 probes; a generation takes
 * 800,000 sources, about 2% false positives when full, then the older
 * one is cleared). A source that comes back after losing its slot is
 * "returning" and outranks every one-probe source.
 */
#define SEEN_BITS (1u << 23)
#define SEEN_HASHES 6
#define SEEN_CAP 800000

/* How many probes had been sent by a moment (ms after the first). */
struct checkpoint {
	uint32_t t_ms;
	uint32_t sent;
};

struct nj_scan_src {
	struct nj_addr addr;
	uint8_t used;
	uint8_t alerted;
	uint8_t outbound;
	uint8_t inbound;
	uint8_t multi_host;
	uint8_t returning;    /* seen probing before it took this slot */
	uint8_t flavours;     /* bit per enum nj_scan_flavour */
	const char *trigger;
	nj_time_t first, last, win_start;
	uint32_t probes, closed, unanswered, opened;
	uint32_t probes_at_alert;
	struct nj_cadence cad;
	double llr;
	uint64_t decided[DECIDED_BITS / 64];
	uint32_t sent;        /* probes that expect an answer */
	uint32_t udp_sent, udp_answered;
	uint32_t resolved;    /* answered or judged unanswered */
	uint32_t presumed;    /* judged unanswered, not yet seen to end */
	uint8_t ncheck;
	struct checkpoint check[NCHECK];
	struct nj_hll ports, hosts, wports, whosts;
	struct nj_addr host0;
	struct nj_portset portlist;
	uint8_t nopen;
	struct nj_scan_open open[NJ_SCAN_OPEN_MAX];
};

struct nj_scan_engine {
	struct nj_scan_cfg cfg;
	uint64_t seed;
	double step_fail, step_ok, llr_min, llr_max, llr_max_other;
	nj_scan_report_fn fn;
	void *arg;
	uint32_t nbuckets;
	uint32_t sweep;       /* next slot the tick looks at */
	uint64_t *seen[2];    /* Bloom generations: [cur], [cur ^ 1] older */
	unsigned seen_cur;
	uint32_t seen_n;
	struct nj_scan_src *slot;
	/*
	 * One 32-bit tag per slot (0: free), beside the slots: a lookup
	 * reads its bucket's eight tags in one cache line and touches a
	 * slot only on a tag match.
	 */
	uint32_t *tag;
	struct nj_scan_stats st;
};

static const char *const flavour_names[NJ_SCAN_NFLAVOURS] = {
	"syn", "fin", "null", "xmas", "ack", "udp", "icmp",
};

const char *
nj_scan_flavour_name(enum nj_scan_flavour f)
{
	return (unsigned)f < NJ_SCAN_NFLAVOURS ? flavour_names[f] : "unknown";
}

void
nj_scan_cfg_default(struct nj_scan_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->fast_rate = 5;
	cfg->slow_interval = 15;
	cfg->window = NJ_SEC(300);
	cfg->min_ports = 15;
	cfg->min_hosts = 25;
	cfg->theta0 = 0.8;
	cfg->theta1 = 0.2;
	cfg->eta0 = 0.01;
	cfg->eta1 = 99;
	cfg->eta1_other = 99 * 256;
	cfg->answer_wait = NJ_SEC(1);
	cfg->idle_end = NJ_SEC(600);
	cfg->expire = NJ_SEC(6 * 3600);
	cfg->update_every = NJ_SEC(3600);
	cfg->max_sources = 16384;
}

size_t
nj_scan_entry_size(void)
{
	return sizeof(struct nj_scan_src);
}

static uint32_t
buckets_for(const struct nj_scan_cfg *cfg)
{
	uint32_t n = (cfg->max_sources + WAYS - 1) / WAYS;

	return n < 1 ? 1 : n;
}

size_t
nj_scan_memsize(const struct nj_scan_cfg *cfg)
{
	return sizeof(struct nj_scan_engine) + 2 * SEEN_BITS / 8 +
	    (size_t)buckets_for(cfg) * WAYS * (sizeof(struct nj_scan_src) +
	    sizeof(uint32_t));
}

struct nj_scan_engine *
nj_scan_new(const struct nj_scan_cfg *cfg, uint64_t seed,
    nj_scan_report_fn fn, void *arg)
{
	struct nj_scan_engine *e;

	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	e->cfg = *cfg;
	e->seed = seed;
	e->fn = fn;
	e->arg = arg;
	/* The walk in log space: failures add, successes subtract. */
	e->step_fail = log((1 - cfg->theta1) / (1 - cfg->theta0));
	e->step_ok = log(cfg->theta1 / cfg->theta0);
	e->llr_min = log(cfg->eta0);
	e->llr_max = log(cfg->eta1);
	e->llr_max_other = log(cfg->eta1_other);
	e->nbuckets = buckets_for(cfg);
	e->slot = calloc((size_t)e->nbuckets * WAYS, sizeof(*e->slot));
	e->tag = calloc((size_t)e->nbuckets * WAYS, sizeof(*e->tag));
	e->seen[0] = calloc(SEEN_BITS / 64, sizeof(uint64_t));
	e->seen[1] = calloc(SEEN_BITS / 64, sizeof(uint64_t));
	if (e->slot == NULL || e->tag == NULL || e->seen[0] == NULL ||
	    e->seen[1] == NULL) {
		nj_scan_free(e);
		return NULL;
	}
	return e;
}

void
nj_scan_free(struct nj_scan_engine *e)
{
	if (e == NULL)
		return;
	free(e->seen[0]);
	free(e->seen[1]);
	free(e->tag);
	free(e->slot);
	free(e);
}

static bool
seen_test(const uint64_t *bits, uint64_t h)
{
	uint32_t a = (uint32_t)h, b = (uint32_t)(h >> 32) | 1, i, bit;

	for (i = 0; i < SEEN_HASHES; i++) {
		bit = (a + i * b) & (SEEN_BITS - 1);
		if (!(bits[bit / 64] >> (bit % 64) & 1))
			return false;
	}
	return true;
}

/* True when the source was seen probing before; remembers it now. */
static bool
seen_before(struct nj_scan_engine *e, uint64_t h)
{
	uint64_t *cur = e->seen[e->seen_cur];
	uint32_t a = (uint32_t)h, b = (uint32_t)(h >> 32) | 1, i, bit;
	bool was = seen_test(cur, h) || seen_test(e->seen[e->seen_cur ^ 1], h);

	for (i = 0; i < SEEN_HASHES; i++) {
		bit = (a + i * b) & (SEEN_BITS - 1);
		cur[bit / 64] |= 1ULL << (bit % 64);
	}
	if (++e->seen_n >= SEEN_CAP) {
		e->seen_cur ^= 1;
		memset(e->seen[e->seen_cur], 0, SEEN_BITS / 8);
		e->seen_n = 0;
	}
	return was;
}

const struct nj_scan_stats *
nj_scan_stats(const struct nj_scan_engine *e)
{
	return &e->st;
}

const char *
nj_scan_speed(const struct nj_scan_cfg *cfg, uint32_t probes,
    nj_time_t first, nj_time_t last, double *rate)
{
	double dt = (double)(last - first); /* microseconds */

	if (probes < 2 || last <= first) {
		*rate = 0;
		return "normal";
	}
	*rate = (double)probes * 1e6 / dt;
	/* Compared without dividing, so the boundaries are exact. */
	if ((double)probes * 1e6 >= cfg->fast_rate * dt)
		return "fast";
	if ((double)probes * cfg->slow_interval * 1e6 <= dt)
		return "slow";
	return "normal";
}

static uint32_t
ms_since(const struct nj_scan_src *s, nj_time_t t)
{
	return t > s->first ? (uint32_t)((t - s->first) / 1000) : 0;
}

static const char *
shape_of(const struct nj_scan_src *s, double ports, double hosts)
{
	if (!s->multi_host)
		return "vertical";
	if (ports <= 1)
		return "horizontal";
	if (ports >= 4 * hosts)
		return "vertical";
	if (hosts >= 4 * ports)
		return "horizontal";
	return "block";
}

static double
port_count(const struct nj_scan_src *s)
{
	/* The exact set is the count until it overflows. */
	if (!s->portlist.overflow)
		return s->portlist.n;
	return fmax(nj_hll_count(&s->ports), s->portlist.n);
}

static void
report(struct nj_scan_engine *e, struct nj_scan_src *s,
    enum nj_scan_report_kind kind, nj_time_t now)
{
	struct nj_scan_report r;

	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.src = s->addr;
	r.outbound = s->outbound;
	r.trigger = s->trigger;
	r.speed = nj_scan_speed(&e->cfg, s->probes, s->first, s->last,
	    &r.rate);
	r.ports = port_count(s);
	r.hosts = s->multi_host ? fmax(nj_hll_count(&s->hosts), 2) : 1;
	r.shape = shape_of(s, r.ports, r.hosts);
	r.flavours = s->flavours;
	r.first = s->first;
	r.last = s->last;
	r.probes = s->probes;
	r.probes_at_alert = s->probes_at_alert;
	r.closed = s->closed;
	r.unanswered = s->unanswered;
	r.answered_open = s->opened;
	r.one_host = !s->multi_host;
	r.host = s->host0;
	r.portlist = &s->portlist;
	r.open = s->open;
	r.nopen = s->nopen;
	r.open_total = s->opened;
	r.llr = s->llr;
	nj_cadence_reported(&s->cad, s->probes, now);
	switch (kind) {
	case NJ_SCAN_REPORT_NEW:
		e->st.alerts++;
		break;
	case NJ_SCAN_REPORT_UPDATE:
		e->st.updates++;
		break;
	case NJ_SCAN_REPORT_FINAL:
		e->st.finals++;
		break;
	}
	if (e->fn != NULL)
		e->fn(e->arg, &r);
}

static void
release(struct nj_scan_engine *e, struct nj_scan_src *s)
{
	e->tag[s - e->slot] = 0;
	memset(s, 0, sizeof(*s));
	e->st.active--;
}

/*
 * How much a source is worth keeping: weak ones go first. Worth nothing:
 * a slot made by a flow's end alone (no probe seen in it: under a flood
 * the flow table evicts a one-SYN flow long after its source lost its
 * slot here, and that echo must not outrank a live scanner), and a
 * newcomer with one probe and at most one failure. Otherwise probes,
 * failures and a return count alike, so a fast scanner outranks every
 * one-probe source from its second probe on, before its first probe has
 * waited answer_wait to become a failure.
 */
static uint32_t
worth(const struct nj_scan_src *s)
{
	uint64_t fails = (uint64_t)s->closed + s->unanswered, w;

	if (s->alerted)
		return UINT32_MAX;
	if (s->probes == 0)
		return 0;
	if (s->probes <= 1 && fails <= 1 && !s->returning)
		return 0;
	w = fails + s->probes + 2u * s->returning;
	return w < UINT32_MAX ? (uint32_t)w : UINT32_MAX - 1;
}

/*
 * Quiet sources are let go: an unreported one after expire, a reported
 * scan after idle_end (or four of its mean gaps, so a slow scan is not
 * cut between two probes) with its final summary. Returns true when the
 * slot was freed.
 */
static bool
retire(struct nj_scan_engine *e, struct nj_scan_src *s, nj_time_t now)
{
	nj_time_t idle, gap4;

	if (!s->used || now <= s->last)
		return false;
	idle = now - s->last;
	if (!s->alerted) {
		if (idle < e->cfg.expire)
			return false;
		e->st.expired++;
		release(e, s);
		return true;
	}
	gap4 = s->probes > 1 ? 4 * (s->last - s->first) / (s->probes - 1) : 0;
	if (idle < e->cfg.expire && (idle < e->cfg.idle_end || idle < gap4))
		return false;
	report(e, s, NJ_SCAN_REPORT_FINAL, now);
	release(e, s);
	return true;
}

static struct nj_scan_src *
lookup(struct nj_scan_engine *e, const struct nj_addr *a, nj_time_t now,
    bool create)
{
	uint64_t h = nj_hash64(a, sizeof(*a), e->seed);
	size_t base = (size_t)(h % e->nbuckets) * WAYS;
	struct nj_scan_src *b = &e->slot[base], *victim = NULL, *s;
	uint32_t tag = (uint32_t)(h >> 32) | 1, *tags = &e->tag[base];
	unsigned i;

	for (i = 0; i < WAYS; i++)
		if (tags[i] == tag && memcmp(&b[i].addr, a, sizeof(*a)) == 0)
			return &b[i];
	if (!create)
		return NULL;
	for (i = 0; i < WAYS && victim == NULL; i++)
		if (!b[i].used || retire(e, &b[i], now))
			victim = &b[i];
	if (victim == NULL) {
		/* The weakest goes; among equals, the longest quiet. */
		victim = &b[0];
		for (i = 1; i < WAYS; i++)
			if (worth(&b[i]) < worth(victim) ||
			    (worth(&b[i]) == worth(victim) &&
			    b[i].last < victim->last))
				victim = &b[i];
	}
	if (victim->used) {
		e->st.evicted++;
		if (victim->alerted) {
			e->st.evicted_alerted++;
			report(e, victim, NJ_SCAN_REPORT_FINAL, now);
		} else if (worth(victim) > 0)
			e->st.evicted_evidence++;
		release(e, victim);
	}
	s = victim;
	memset(s, 0, sizeof(*s));
	tags[s - b] = tag;
	s->used = 1;
	s->addr = *a;
	s->returning = seen_before(e, h);
	s->first = s->last = s->win_start = now;
	e->st.sources_created++;
	if (++e->st.active > e->st.peak)
		e->st.peak = e->st.active;
	return s;
}

static uint32_t
host_hash(const struct nj_scan_engine *e, const struct nj_addr *a)
{
	return (uint32_t)nj_hash64(a, sizeof(*a), e->seed ^ 0x5ca9);
}

static uint64_t
contact_hash(const struct nj_scan_engine *e, uint32_t hh, uint16_t port,
    uint8_t proto)
{
	uint64_t k = (uint64_t)hh << 24 | (uint64_t)port << 8 | proto;

	return nj_mix64(k ^ e->seed);
}

static uint64_t
port_hash(const struct nj_scan_engine *e, uint16_t port, uint8_t proto)
{
	return nj_mix64(((uint64_t)proto << 16 | port) + e->seed);
}

static void
window_roll(struct nj_scan_engine *e, struct nj_scan_src *s, nj_time_t now)
{
	if (now >= s->win_start + e->cfg.window) {
		nj_hll_clear(&s->wports);
		nj_hll_clear(&s->whosts);
		s->win_start = now;
	}
}

/* A failed (or, for UDP, unanswered so far) contact in the window. */
static void
window_add(struct nj_scan_engine *e, struct nj_scan_src *s, uint32_t hh,
    uint16_t port, uint8_t proto, nj_time_t now)
{
	window_roll(e, s, now);
	if (proto != IPPROTO_ICMP && proto != IPPROTO_ICMPV6)
		nj_hll_add(&s->wports, port_hash(e, port, proto));
	nj_hll_add(&s->whosts, nj_mix64(hh));
}

/*
 * One contact's outcome. Only the first outcome of a contact moves the
 * walk and the counters (a late answer after a presumed timeout, or a
 * flow ending after its probe was already judged, adds nothing).
 */
static void
decide(struct nj_scan_engine *e, struct nj_scan_src *s, uint32_t hh,
    uint16_t port, uint8_t proto, enum nj_scan_outcome oc, bool presumed,
    nj_time_t now)
{
	if (nj_bits_test_set(s->decided, DECIDED_BITS,
	    contact_hash(e, hh, port, proto)))
		return;
	if (oc != NJ_SCAN_OPEN) {
		window_add(e, s, hh, port, proto, now);
		/* A presumed failure is in the walk already. */
		if (presumed)
			return;
		/*
		 * Silence is no answer for UDP: many services never reply.
		 * Only an ICMP unreachable moves the walk.
		 */
		if (proto == IPPROTO_UDP && oc == NJ_SCAN_NOANSWER) {
			s->unanswered++;
			return;
		}
		s->llr += e->step_fail;
		if (oc == NJ_SCAN_CLOSED)
			s->closed++;
		else
			s->unanswered++;
	} else {
		s->llr += e->step_ok;
		if (s->llr < e->llr_min)
			s->llr = e->llr_min;
	}
}

/*
 * Probes that wait longer than answer_wait for an answer are judged
 * unanswered without waiting for their flows to time out (30 s in the
 * flow table), so a fast scan of filtered ports is flagged while it
 * runs. Which probes they were is not kept (that would cost memory per
 * probe): checkpoints record how many had been sent by when, and of the
 * probes sent by a checkpoint at least sent - resolved are still
 * unanswered once it is answer_wait old. Each such probe is a failure
 * for the walk now; when its flow ends unanswered, it only adds its
 * port and host to the window counts.
 */
static void
presume(struct nj_scan_engine *e, struct nj_scan_src *s, nj_time_t now)
{
	uint32_t now_ms = ms_since(s, now), wait = (uint32_t)(e->cfg.answer_wait /
	    1000), n;
	struct checkpoint *c;

	while (s->ncheck > 0 && now_ms >= s->check[0].t_ms + wait) {
		c = &s->check[0];
		if (c->sent > s->resolved) {
			n = c->sent - s->resolved;
			s->resolved += n;
			s->presumed += n;
			s->unanswered += n;
			s->llr += n * e->step_fail;
			e->st.answer_timeouts += n;
		}
		memmove(&s->check[0], &s->check[1], (NCHECK - 1) *
		    sizeof(s->check[0]));
		s->ncheck--;
	}
	if (s->sent == s->resolved)
		return;
	/* A new checkpoint every quarter of the wait while probes wait. */
	c = s->ncheck > 0 ? &s->check[s->ncheck - 1] : NULL;
	if (c != NULL && (now_ms < c->t_ms + wait / 4 || c->sent == s->sent))
		return;
	if (s->ncheck == NCHECK) {
		/* Full: the newest moves forward, a little later judgement. */
		c->t_ms = now_ms;
		c->sent = s->sent;
		return;
	}
	s->check[s->ncheck].t_ms = now_ms;
	s->check[s->ncheck].sent = s->sent;
	s->ncheck++;
}

static void
note_open(struct nj_scan_src *s, const struct nj_scan_obs *o)
{
	unsigned i;

	for (i = 0; i < s->nopen; i++)
		if (s->open[i].port == o->dport && s->open[i].proto ==
		    o->proto && memcmp(&s->open[i].host, &o->dst,
		    sizeof(o->dst)) == 0)
			return;
	s->opened++;
	if (s->nopen < NJ_SCAN_OPEN_MAX) {
		s->open[s->nopen].host = o->dst;
		s->open[s->nopen].port = o->dport;
		s->open[s->nopen].proto = o->proto;
		s->nopen++;
	}
}

static void
note_probe(struct nj_scan_engine *e, struct nj_scan_src *s,
    const struct nj_scan_obs *o, uint32_t hh)
{
	bool icmp = o->proto == IPPROTO_ICMP || o->proto == IPPROTO_ICMPV6;

	e->st.probes++;
	if (s->probes == 0) {
		s->first = o->ts;
		s->host0 = o->dst;
	} else if (memcmp(&s->host0, &o->dst, sizeof(o->dst)) != 0)
		s->multi_host = 1;
	s->probes++;
	if (o->ts > s->last)
		s->last = o->ts;
	if (o->flavour < NJ_SCAN_NFLAVOURS)
		s->flavours |= (uint8_t)(1u << o->flavour);
	if (o->outbound)
		s->outbound = 1;
	if (o->inbound)
		s->inbound = 1;
	if (!icmp) {
		nj_portset_add(&s->portlist, o->dport);
		nj_hll_add(&s->ports, port_hash(e, o->dport, o->proto));
	}
	nj_hll_add(&s->hosts, nj_mix64(hh));
}

/*
 * Big enough, and shaped, to be a scan: three ports, or three hosts
 * (sixteen for a source not probing inwards: a client cycling through
 * the addresses of a round-robin name is no sweep - one real capture
 * shows a client refused by eleven addresses of one web service). And not scattered:
 * when nearly every probe is a new host on a new port - no host probed
 * on many ports, no port across many hosts - it is a peer-to-peer
 * client looking for peers, not a scan.
 */
static bool
scan_sized(const struct nj_scan_src *s)
{
	double hosts = s->multi_host ? nj_hll_count(&s->hosts) : 1;
	double ports = port_count(s);

	if (s->multi_host && s->probes < 3 * hosts && ports >= hosts / 2)
		return false;
	return ports >= 3 || hosts >= (s->inbound ? 2.5 : 15.5);
}

static void
check(struct nj_scan_engine *e, struct nj_scan_src *s, nj_time_t now)
{
	if (!s->alerted) {
		/*
		 * The paper's walk watches connections into the local
		 * network. Elsewhere (an inside host probing out, transit
		 * traffic) failures are commoner for ordinary reasons - dead
		 * servers, firewalled ports, peer-to-peer clients, captures
		 * that see one direction - so the walk must go four steps
		 * further (on the real captures in ../shared/pcaps, clients
		 * reached 6 net failures; see README-detectors.md). Either
		 * way it must look like a scan (scan_sized): one service
		 * hammered is a flood, a few addresses of one name are a
		 * client's retries, peers on random ports are peer-to-peer.
		 */
		if (!scan_sized(s))
			return;
		if (s->llr >= (s->inbound ? e->llr_max : e->llr_max_other))
			s->trigger = "trw";
		else if (nj_hll_count(&s->wports) >= e->cfg.min_ports ||
		    nj_hll_count(&s->whosts) >= e->cfg.min_hosts)
			s->trigger = "window";
		else
			return;
		s->alerted = 1;
		s->probes_at_alert = s->probes;
		nj_cadence_start(&s->cad, s->probes, now);
		report(e, s, NJ_SCAN_REPORT_NEW, now);
		return;
	}
	if (nj_cadence_due(&s->cad, s->probes, now, e->cfg.update_every))
		report(e, s, NJ_SCAN_REPORT_UPDATE, now);
}

void
nj_scan_observe(struct nj_scan_engine *e, const struct nj_scan_obs *o)
{
	struct nj_scan_src *s;
	uint32_t hh;
	bool stealth = o->flavour >= NJ_SCAN_FIN && o->flavour <= NJ_SCAN_XMAS;
	bool presumed;

	e->st.observations++;
	/* Answers never create a source: only probes do. */
	s = lookup(e, &o->src, o->ts, o->outcome == NJ_SCAN_SENT ||
	    o->outcome == NJ_SCAN_NOANSWER || stealth);
	if (s == NULL)
		return;
	hh = host_hash(e, &o->dst);
	switch (o->outcome) {
	case NJ_SCAN_SENT:
		note_probe(e, s, o, hh);
		/* FIN, NULL, Xmas and lone ACKs are never a connection. */
		if (stealth)
			decide(e, s, hh, o->dport, o->proto, NJ_SCAN_CLOSED,
			    false, o->ts);
		else if (o->proto == IPPROTO_UDP) {
			/*
			 * Connectionless: counted in the window now, since
			 * silence may never be told (UDP flows end a minute
			 * later, and many services never reply) - unless
			 * this source's datagrams are mostly answered (a
			 * client polling its servers is no scanner).
			 */
			if (s->udp_answered * 10 <= s->udp_sent)
				window_add(e, s, hh, o->dport, o->proto, o->ts);
			s->udp_sent++;
		}
		else if (o->flavour != NJ_SCAN_ACK)
			s->sent++;
		break;
	case NJ_SCAN_OPEN:
		if (o->proto != IPPROTO_UDP)
			s->resolved++;
		else
			s->udp_answered++;
		note_open(s, o);
		decide(e, s, hh, o->dport, o->proto, NJ_SCAN_OPEN, false,
		    o->ts);
		break;
	case NJ_SCAN_CLOSED:
		if (o->proto != IPPROTO_UDP)
			s->resolved++;
		decide(e, s, hh, o->dport, o->proto, NJ_SCAN_CLOSED, false,
		    o->ts);
		break;
	case NJ_SCAN_NOANSWER:
		/* Presumed unanswered already, or resolved only now. */
		presumed = o->proto != IPPROTO_UDP && s->presumed > 0;
		if (presumed)
			s->presumed--;
		else if (o->proto != IPPROTO_UDP)
			s->resolved++;
		decide(e, s, hh, o->dport, o->proto, NJ_SCAN_NOANSWER,
		    presumed, o->ts);
		break;
	}
	presume(e, s, o->ts);
	check(e, s, o->ts);
}

void
nj_scan_tick(struct nj_scan_engine *e, nj_time_t now)
{
	size_t n = (size_t)e->nbuckets * WAYS, step = n / SWEEP_DIV + 1, i;
	struct nj_scan_src *s;

	for (i = 0; i < step; i++) {
		s = &e->slot[e->sweep];
		e->sweep = (uint32_t)((e->sweep + 1) % n);
		if (!s->used)
			continue;
		presume(e, s, now);
		if (!s->alerted)
			check(e, s, now);
		retire(e, s, now);
	}
}

void
nj_scan_finish(struct nj_scan_engine *e, nj_time_t now)
{
	size_t n = (size_t)e->nbuckets * WAYS, i;
	struct nj_scan_src *s;

	for (i = 0; i < n; i++) {
		s = &e->slot[i];
		if (!s->used)
			continue;
		presume(e, s, now + e->cfg.answer_wait);
		if (!s->alerted)
			check(e, s, now);
		if (s->alerted)
			report(e, s, NJ_SCAN_REPORT_FINAL, now);
		release(e, s);
	}
}
