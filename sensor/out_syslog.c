/*
 * out_syslog.c - alerts to a syslog collector (--syslog TARGET,
 * repeatable), RFC 5424 by default (see syslog_format.c).
 *
 * Every message goes through a bounded spool (spool.h) and is sent from
 * its head, so order holds across outages. When the collector is gone
 * the connection is retried with exponential back-off (100 ms doubling
 * to 30 s, on the monotonic clock: this is I/O, not detection). Alerts
 * past the spool's bounds are dropped; the count is logged (once per
 * outage and at the end) and shown in the statistics.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sensor/log.h"
#include "sensor/output.h"
#include "sensor/spool.h"
#include "sensor/syslog_format.h"
#include "sensor/syslog_transport.h"

#define BACKOFF_MIN_MS 100
#define BACKOFF_MAX_MS 30000

struct out_syslog {
	struct nj_syslog_conn *conn;
	struct nj_spool *spool;
	enum nj_syslog_format format;
	struct nj_syslog_hdr hdr;
	char hostname[256];
	uint64_t next_try_ms;      /* monotonic */
	unsigned backoff_ms;
	bool was_up, outage_logged, drop_logged;
	uint64_t sent, reconnects, dropped_logged;
};

static uint64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void *
syslog_open(const char *target, const struct nj_alert_options *o)
{
	struct out_syslog *s;
	char spath[4096];

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	if ((s->conn = nj_syslog_conn_new(target)) == NULL) {
		free(s);
		return NULL;
	}
	/* A collector that goes away must never kill the sensor. */
	signal(SIGPIPE, SIG_IGN);
	/* The state's address tells apart two targets of one process. */
	if (o->spool_dir != NULL)
		snprintf(spath, sizeof(spath), "%s/nightjar-spool-%d-%p",
		    o->spool_dir, (int)getpid(), (void *)s);
	s->spool = nj_spool_new(o->spool_mem,
	    o->spool_dir != NULL ? spath : NULL, o->spool_file_max);
	if (s->spool == NULL) {
		nj_syslog_conn_free(s->conn);
		free(s);
		return NULL;
	}
	s->format = o->syslog_format;
	if (o->syslog_hostname != NULL)
		snprintf(s->hostname, sizeof(s->hostname), "%s",
		    o->syslog_hostname);
	else if (gethostname(s->hostname, sizeof(s->hostname)) == -1)
		snprintf(s->hostname, sizeof(s->hostname), "-");
	s->hostname[sizeof(s->hostname) - 1] = '\0';
	s->hdr.facility = o->syslog_facility;
	s->hdr.hostname = s->hostname;
	s->hdr.pid = (int)getpid();
	s->backoff_ms = BACKOFF_MIN_MS;
	return s;
}

/*
 * Says once per outage that alerts are being dropped, and how many
 * were when it ends (or at exit): a log line per drop would flood.
 */
static void
report_drops(struct out_syslog *s, bool outage_over)
{
	struct nj_spool_counters c;

	nj_spool_counters(s->spool, &c);
	if (c.dropped == s->dropped_logged)
		return;
	if (!outage_over) {
		if (!s->drop_logged)
			log_warnx("syslog %s: spool full; dropping alerts",
			    nj_syslog_conn_target(s->conn));
		s->drop_logged = true;
		return;
	}
	log_warnx("syslog %s: %llu alerts dropped (spool full), %llu in all",
	    nj_syslog_conn_target(s->conn),
	    (unsigned long long)(c.dropped - s->dropped_logged),
	    (unsigned long long)c.dropped);
	s->dropped_logged = c.dropped;
	s->drop_logged = false;
}

/* Connects when the back-off allows; true when connected. */
static bool
syslog_connect(struct out_syslog *s)
{
	uint64_t now;

	if (nj_syslog_conn_is_open(s->conn))
		return true;
	now = mono_ms();
	if (now < s->next_try_ms)
		return false;
	if (nj_syslog_conn_open(s->conn) == 0) {
		if (s->was_up) {
			s->reconnects++;
			log_info("syslog %s: reconnected",
			    nj_syslog_conn_target(s->conn));
		}
		s->was_up = true;
		s->outage_logged = false;
		report_drops(s, true);
		s->backoff_ms = BACKOFF_MIN_MS;
		return true;
	}
	if (!s->outage_logged) {
		log_warnx("syslog %s: collector unreachable; spooling alerts",
		    nj_syslog_conn_target(s->conn));
		s->outage_logged = true;
	}
	s->next_try_ms = now + s->backoff_ms;
	s->backoff_ms = s->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS :
	    s->backoff_ms * 2;
	return false;
}

/* Sends from the head of the spool while the collector takes it. */
static void
syslog_drain(struct out_syslog *s)
{
	const char *msg;
	size_t len;
	int rc;

	while ((msg = nj_spool_peek(s->spool, &len)) != NULL) {
		if (!syslog_connect(s))
			return;
		rc = nj_syslog_conn_send(s->conn, msg, len);
		if (rc == 1)
			return;
		if (rc == -1) {
			/* Retry at once: a restarted collector is back now. */
			s->next_try_ms = 0;
			if (!syslog_connect(s))
				return;
			continue;
		}
		nj_spool_pop(s->spool);
		s->sent++;
	}
}

static void
syslog_write(void *st, const struct nj_alert *a, const char *sensor)
{
	struct out_syslog *s = st;
	char msg[NJ_SYSLOG_MAX + 16];
	size_t len, hl;

	/* Room for the RFC 6587 octet count in front of the message. */
	hl = 8;
	if (s->format == NJ_SYSLOG_RFC3164)
		len = nj_syslog_rfc3164(a, sensor, &s->hdr, msg + hl,
		    sizeof(msg) - hl);
	else
		len = nj_syslog_rfc5424(a, sensor, &s->hdr, msg + hl,
		    sizeof(msg) - hl);
	if (nj_syslog_conn_proto(s->conn) == NJ_SYSLOG_TCP) {
		char pre[8];
		int n = snprintf(pre, sizeof(pre), "%zu ", len);

		hl -= (size_t)n;
		memcpy(msg + hl, pre, (size_t)n);
		len += (size_t)n;
	}
	if (nj_spool_push(s->spool, msg + hl, len) == -1)
		report_drops(s, false);
	syslog_drain(s);
}

static void
syslog_flush(void *st)
{
	(void)st;
}

static void
syslog_tick(void *st, unsigned wait_ms)
{
	struct out_syslog *s = st;
	uint64_t deadline = mono_ms() + wait_ms;
	struct timespec nap = { 0, 20 * 1000 * 1000 };
	size_t len;

	syslog_drain(s);
	while (wait_ms > 0 && nj_spool_peek(s->spool, &len) != NULL &&
	    mono_ms() < deadline) {
		nanosleep(&nap, NULL);
		syslog_drain(s);
	}
	if (wait_ms > 0)
		report_drops(s, true);
}

static uint64_t
syslog_queued(void *st)
{
	struct out_syslog *s = st;
	struct nj_spool_counters c;

	nj_spool_counters(s->spool, &c);
	return c.queued;
}

static void
syslog_stats(void *st, FILE *out)
{
	struct out_syslog *s = st;
	struct nj_spool_counters c;
	const char *t = nj_syslog_conn_target(s->conn);

	nj_spool_counters(s->spool, &c);
	fprintf(out, "alerts.syslog[%s].sent %llu\n", t,
	    (unsigned long long)s->sent);
	fprintf(out, "alerts.syslog[%s].reconnects %llu\n", t,
	    (unsigned long long)s->reconnects);
	fprintf(out, "alerts.syslog[%s].spooled %llu\n", t,
	    (unsigned long long)c.queued);
	fprintf(out, "alerts.syslog[%s].spilled_to_file %llu\n", t,
	    (unsigned long long)c.spilled);
	fprintf(out, "alerts.syslog[%s].dropped %llu\n", t,
	    (unsigned long long)c.dropped);
}

static void
syslog_close(void *st)
{
	struct out_syslog *s = st;
	struct nj_spool_counters c;

	nj_spool_counters(s->spool, &c);
	if (c.queued > 0)
		log_warnx("syslog %s: %llu alerts still spooled at exit, lost",
		    nj_syslog_conn_target(s->conn),
		    (unsigned long long)c.queued);
	nj_syslog_conn_free(s->conn);
	nj_spool_free(s->spool);
	free(s);
}

const struct nj_output_ops nj_out_syslog = {
	.name = "syslog",
	.open = syslog_open,
	.write = syslog_write,
	.flush = syslog_flush,
	.tick = syslog_tick,
	.reopen = NULL,
	.queued = syslog_queued,
	.stats = syslog_stats,
	.close = syslog_close,
};
