/*
 * det_capture_gap.c - capture-gap: the sensor watches its own input.
 * "Check for long holes in logs ... count the number of events per hour
 * and observe huge variations" (seed 002): a sensor that went deaf, a
 * capture file with an hour cut out, or a clock that stepped, all leave
 * holes in what the analyst later believes was seen.
 *
 * Four reasons, one kind (severity medium; the evidence's "reason"):
 *  - silence: no packet for min_gap on a link whose learned rate says
 *    that is abnormal (> min_rate packets/s). Raised when traffic
 *    resumes, naming the gap's start, end, duration and the usual rate;
 *    offline this is exactly a hole in the capture. Live, the health
 *    report (below) raises "silence-ongoing" while it lasts, and the
 *    alert at resumption is then marked as its update.
 *  - clock-forward: the same, but the step is at least jump_forward: a
 *    clock set forward, or an equally long hole; the bytes cannot tell.
 *  - clock-back: on such a busy link, a packet at least jump_back older
 *    than the one before (merged captures reorder by milliseconds, not
 *    seconds). The clock
 *    then follows the new time; a lone stray packet whose successor
 *    returns to the old time is one alert, not a silence too.
 *  - drops: the kernel dropped packets (pcap_stats, live only): more
 *    than drop_ratio of those received over a minute of packet time, or
 *    at least drop_burst between two health reports.
 *
 * The learned rate is an exponentially weighted mean of packets per
 * minute of packet time (span RATE_SPAN minutes); minutes without a
 * packet count as zeros once the packet after them arrives, so a link
 * that turns quiet for good stops being "busy" within the span. Only IP
 * packets reach detectors, so ARP or other non-IP traffic is not counted.
 *
 * Clocks: detection on packets uses packet time only. The health
 * callback runs from the live capture loop, which measures the silence
 * with the monotonic clock (capture.c): a silent link has no packet time
 * to measure itself with. That alert's timestamp is the last packet time
 * plus the measured silence.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"
#include "sensor/alert.h"
#include "sensor/det_capture_gap.h"
#include "sensor/sensor.h"

#define DET       "capture-gap"
#define MINUTE    NJ_SEC(60)
#define RATE_SPAN 15 /* minutes: the EWMA's alpha is 2 / (span + 1) */

struct st {
	const struct nj_policy *pol; /* the policy conf was read from */
	bool conf_read;
	struct nj_gap_conf conf;
	bool enabled;

	/* Packet time. */
	bool seen;              /* last and minute are set */
	nj_time_t last;         /* time of the previous packet */
	nj_time_t first;        /* time of the first packet */
	bool jumped;            /* a clock-back alert is open */
	nj_time_t before_jump;  /* the time the clock stepped back from */

	/* The learned rate. */
	uint64_t minute;        /* current minute of packet time */
	uint64_t first_minute;  /* the first minute: partial, not learned */
	uint64_t count;         /* packets in the current minute */
	uint64_t minutes;       /* whole minutes folded into rate */
	double rate;            /* packets per minute (EWMA) */

	/* Live health. */
	bool silence_open;      /* a silence-ongoing alert was raised */
	bool kseen;             /* the counters below are set */
	uint64_t k_drop;        /* drops at the previous health report */
	nj_time_t win_start;    /* the drop window, packet time */
	uint64_t win_recv, win_drop;

	uint64_t n_silence, n_forward, n_back, n_drops, n_ongoing;
};

void
nj_gap_conf(const struct nj_policy *p, struct nj_gap_conf *c)
{
	c->min_gap = NJ_SEC(300);
	c->min_rate = 1;
	c->learn = NJ_SEC(600);
	c->jump_back = NJ_SEC(2);
	c->jump_forward = NJ_SEC(3600);
	c->drop_ratio = 0.001;
	c->drop_burst = 1000;
	if (p == NULL)
		return;
	/* Durations arrive as seconds, fractions allowed. */
	c->min_gap = (nj_time_t)(nj_policy_threshold(p, DET, "min_gap", 300) *
	    1e6);
	c->min_rate = nj_policy_threshold(p, DET, "min_rate", c->min_rate);
	c->learn = (nj_time_t)(nj_policy_threshold(p, DET, "learn", 600) * 1e6);
	c->jump_back = (nj_time_t)(nj_policy_threshold(p, DET, "jump_back", 2) *
	    1e6);
	c->jump_forward = (nj_time_t)(nj_policy_threshold(p, DET,
	    "jump_forward", 3600) * 1e6);
	c->drop_ratio = nj_policy_threshold(p, DET, "drop_ratio",
	    c->drop_ratio);
	c->drop_burst = nj_policy_threshold(p, DET, "drop_burst",
	    c->drop_burst);
}

/* Re-reads the thresholds when SIGHUP swapped the policy. */
static void
refresh(struct st *st, const struct nj_sensor *s)
{
	if (st->conf_read && st->pol == s->policy)
		return;
	st->conf_read = true;
	st->pol = s->policy;
	nj_gap_conf(st->pol, &st->conf);
	st->enabled = st->pol == NULL ||
	    nj_policy_detector_enabled(st->pol, DET, true);
}

static void *
gap_init(struct nj_sensor *s)
{
	struct st *st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	refresh(st, s);
	return st;
}

/* Packets per second the link usually carries. */
static double
usual_rate(const struct st *st)
{
	return st->rate / 60.0;
}

/* True when the rate has been learned long enough to judge a silence. */
static bool
busy(const struct st *st)
{
	return st->minutes > 0 &&
	    NJ_SEC(60) * st->minutes >= st->conf.learn &&
	    usual_rate(st) >= st->conf.min_rate;
}

/* Folds the finished minute, then the empty ones, into the rate. */
static void
roll(struct st *st, uint64_t minute)
{
	const double alpha = 2.0 / (RATE_SPAN + 1);
	uint64_t empty, i;

	if (minute <= st->minute)
		return;
	if (st->minute != st->first_minute) {
		st->rate = st->minutes == 0 ? (double)st->count :
		    alpha * (double)st->count + (1 - alpha) * st->rate;
		st->minutes++;
	}
	empty = minute - st->minute - 1;
	if (st->minutes > 0) {
		/* Ends early: below 1e-9 the rate is zero for any purpose. */
		for (i = 0; i < empty && st->rate > 1e-9; i++)
			st->rate *= 1 - alpha;
		st->minutes += empty;
	}
	st->minute = minute;
	st->count = 0;
}

static void
gap_alert(struct st *st, struct nj_sensor *s, const char *reason,
    nj_time_t start, nj_time_t end, bool update)
{
	struct nj_alert a;
	char b1[40], b2[40];
	double secs = (double)(end - start) / 1e6;

	nj_alert_init(&a, DET, NJ_SEV_MEDIUM, end);
	a.is_update = update;
	nj_time_rfc3339(start, 0, b1, sizeof(b1));
	nj_time_rfc3339(end, 0, b2, sizeof(b2));
	if (strcmp(reason, "clock-forward") == 0)
		nj_alert_sig(&a, "Packet time jumped forward %.0f s (%s to %s) "
		    "on a link that usually carries %.1f packets/s: a clock "
		    "step or a hole in the capture", secs, b1, b2,
		    usual_rate(st));
	else if (update)
		nj_alert_sig(&a, "Packets again after %.0f s of silence (%s to "
		    "%s) on a link that usually carries %.1f packets/s", secs,
		    b1, b2, usual_rate(st));
	else
		nj_alert_sig(&a, "No packets for %.0f s (%s to %s) on a link "
		    "that usually carries %.1f packets/s: a hole in the "
		    "capture", secs, b1, b2, usual_rate(st));
	nj_alert_str(&a, "reason", reason);
	nj_alert_time(&a, "gap_start", start);
	nj_alert_time(&a, "gap_end", end);
	nj_alert_dbl(&a, "duration", secs);
	nj_alert_dbl(&a, "usual_rate", usual_rate(st));
	nj_alert_emit(s, &a);
}

static void
back_alert(struct st *st, struct nj_sensor *s, nj_time_t from, nj_time_t to)
{
	struct nj_alert a;
	char b1[40], b2[40];
	double secs = (double)(from - to) / 1e6;

	nj_alert_init(&a, DET, NJ_SEV_MEDIUM, to);
	nj_time_rfc3339(from, 6, b1, sizeof(b1));
	nj_time_rfc3339(to, 6, b2, sizeof(b2));
	nj_alert_sig(&a, "Packet time went back %.1f s (%s to %s): a clock "
	    "step, or packets from another time mixed in", secs, b1, b2);
	nj_alert_str(&a, "reason", "clock-back");
	nj_alert_time(&a, "from", from);
	nj_alert_time(&a, "to", to);
	nj_alert_dbl(&a, "jump", -secs);
	nj_alert_dbl(&a, "usual_rate", usual_rate(st));
	nj_alert_emit(s, &a);
	st->n_back++;
}

static void
gap_packet(void *arg, struct nj_sensor *s, const struct nj_packet *p,
    struct nj_flow *flow, int dir)
{
	struct st *st = arg;
	nj_time_t ts = p->ts, from, gap;
	const struct nj_gap_conf *c;

	(void)flow;
	(void)dir;
	refresh(st, s);
	if (!st->enabled)
		return;
	c = &st->conf;
	if (!st->seen) {
		st->seen = true;
		st->first = st->last = ts;
		st->minute = st->first_minute = ts / MINUTE;
		st->count = 1;
		return;
	}
	if (ts + c->jump_back <= st->last) {
		if (!st->jumped) {
			st->jumped = true;
			st->before_jump = st->last;
		}
		/*
		 * Short captures stitched from several (test suites) and
		 * quiet links step back harmlessly; a busy link's does not.
		 */
		if (busy(st))
			back_alert(st, s, st->last, ts);
		st->last = ts;
		st->count++;
		return;
	}
	/* Back on the old clock: measure from where it stepped away. */
	from = st->last;
	if (st->jumped && ts >= st->before_jump) {
		from = st->before_jump;
		st->jumped = false;
	}
	gap = ts > from ? ts - from : 0;
	if (gap >= c->min_gap && busy(st)) {
		if (gap >= c->jump_forward) {
			gap_alert(st, s, "clock-forward", from, ts, false);
			st->n_forward++;
		} else {
			gap_alert(st, s, "silence", from, ts,
			    st->silence_open);
			st->n_silence++;
		}
	}
	st->silence_open = false;
	if (ts > st->last)
		st->last = ts;
	roll(st, ts / MINUTE);
	st->count++;
}

static void
drop_alert(struct st *st, struct nj_sensor *s, const char *why,
    uint64_t drop, uint64_t recv, nj_time_t window)
{
	const struct nj_capture_health *h = &s->health;
	struct nj_alert a;

	nj_alert_init(&a, DET, NJ_SEV_MEDIUM, s->now);
	nj_alert_sig(&a, "The kernel dropped %" PRIu64 " of %" PRIu64
	    " packets (%s): the sensor did not see everything", drop,
	    recv + drop, why);
	nj_alert_str(&a, "reason", "drops");
	nj_alert_uint(&a, "dropped", drop);
	nj_alert_uint(&a, "received", recv);
	nj_alert_dbl(&a, "window", (double)window / 1e6);
	nj_alert_uint(&a, "total_dropped", h->drop);
	nj_alert_uint(&a, "total_received", h->recv);
	nj_alert_uint(&a, "interface_dropped", h->ifdrop);
	nj_alert_emit(s, &a);
	st->n_drops++;
	st->win_start = s->now;
	st->win_recv = h->recv;
	st->win_drop = h->drop;
}

/* Kernel drops: a burst between reports, or a ratio over a minute. */
static void
drops(struct st *st, struct nj_sensor *s)
{
	const struct nj_capture_health *h = &s->health;
	uint64_t d, r;

	if (!st->kseen) {
		st->kseen = true;
		st->k_drop = st->win_drop = h->drop;
		st->win_recv = h->recv;
		st->win_start = s->now;
		return;
	}
	/* Counters that went back (a reopened handle) restart the window. */
	if (h->drop < st->win_drop || h->recv < st->win_recv) {
		st->k_drop = st->win_drop = h->drop;
		st->win_recv = h->recv;
		st->win_start = s->now;
		return;
	}
	d = h->drop - st->k_drop;
	st->k_drop = h->drop;
	if (d > 0 && (double)d >= st->conf.drop_burst) {
		drop_alert(st, s, "a burst", d, h->recv - st->win_recv,
		    s->now - st->win_start);
		return;
	}
	if (s->now < st->win_start + MINUTE)
		return;
	d = h->drop - st->win_drop;
	r = h->recv - st->win_recv;
	if (d > 0 && (double)d > st->conf.drop_ratio * (double)(r + d))
		drop_alert(st, s, "over a minute", d, r, s->now - st->win_start);
	else {
		st->win_start = s->now;
		st->win_recv = h->recv;
		st->win_drop = h->drop;
	}
}

static void
gap_health(void *arg, struct nj_sensor *s)
{
	struct st *st = arg;
	const struct nj_capture_health *h = &s->health;

	refresh(st, s);
	if (!st->enabled)
		return;
	if (h->kstats)
		drops(st, s);
	if (st->seen && !st->silence_open && h->idle >= st->conf.min_gap &&
	    busy(st)) {
		struct nj_alert a;
		char b[40];

		nj_alert_init(&a, DET, NJ_SEV_MEDIUM, st->last + h->idle);
		nj_time_rfc3339(st->last, 0, b, sizeof(b));
		nj_alert_sig(&a, "No packets for %.0f s so far (since %s) on a "
		    "link that usually carries %.1f packets/s: the sensor is "
		    "deaf", (double)h->idle / 1e6, b, usual_rate(st));
		nj_alert_str(&a, "reason", "silence-ongoing");
		nj_alert_time(&a, "gap_start", st->last);
		nj_alert_dbl(&a, "duration", (double)h->idle / 1e6);
		nj_alert_dbl(&a, "usual_rate", usual_rate(st));
		nj_alert_emit(s, &a);
		st->silence_open = true;
		st->n_ongoing++;
	}
}

static void
gap_stats(void *arg, FILE *out)
{
	const struct st *st = arg;

	fprintf(out, "capture_gap.silences %" PRIu64 "\n", st->n_silence);
	fprintf(out, "capture_gap.silences_live %" PRIu64 "\n", st->n_ongoing);
	fprintf(out, "capture_gap.clock_forward %" PRIu64 "\n", st->n_forward);
	fprintf(out, "capture_gap.clock_back %" PRIu64 "\n", st->n_back);
	fprintf(out, "capture_gap.drop_alerts %" PRIu64 "\n", st->n_drops);
	fprintf(out, "capture_gap.usual_rate %.3f\n", usual_rate(st));
}

static void
gap_fini(void *arg)
{
	free(arg);
}

const struct nj_detector nj_det_capture_gap = {
	.name = DET,
	.init = gap_init,
	.packet = gap_packet,
	.health = gap_health,
	.stats = gap_stats,
	.fini = gap_fini,
};
