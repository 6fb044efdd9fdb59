/*
 * alert_pipeline.h - the one path an alert takes: enrich, suppress,
 * fold repeats, write to every output (JSON lines, syslog, text).
 *
 * Folding (scanlogd's lesson: a flood of probes is one alert and an
 * update, not ten thousand lines). The repeat key is (kind, src, and
 * dst when a->fold_dst). The window is anchored at the first alert: an
 * alert with the key of an open entry and ts < first.ts + fold_window is
 * counted, not written. An update is written
 *   - every fold_every repeats (0: never on count alone), and
 *   - when the window closes (nj_alerts_tick with now >= first.ts +
 *     fold_window, the next repeat at or past that time, eviction, or
 *     nj_alerts_finish) if repeats arrived since the last update.
 * An update is the first alert again (same timestamp, fields and
 * community_id) with is_update and is_fold_update set, folded = every
 * repeat since the first alert (cumulative; the first alert itself is
 * not counted) and last_seen = the ts of the newest repeat. JSON shows
 * them as "update": true, "repeats": N, "last_seen": TIME; syslog as
 * SD-PARAMs repeats and last_seen. A detector's own updates (is_update)
 * are never folded. The table holds at most fold_cap entries; the least
 * recently seen is evicted (its update written) and counted.
 */
#ifndef NJ_ALERT_PIPELINE_H
#define NJ_ALERT_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "decoders/types.h"
#include "sensor/alert.h"

struct nj_policy;
struct nj_sensor;
struct nj_alert_pipeline;

/* Same signature as nj_policy_suppressed() in policy/policy.h. */
typedef bool (*nj_suppress_fn)(const struct nj_policy *p, const char *kind,
    const struct nj_addr *src, const struct nj_addr *dst, uint16_t dport,
    const char *hostname, nj_time_t now);

/* Adds fields (hostname, "dns", "geo" objects) to an alert. */
typedef void (*nj_enrich_fn)(void *ctx, struct nj_sensor *s,
    struct nj_alert *a);

enum nj_syslog_format { NJ_SYSLOG_RFC5424 = 0, NJ_SYSLOG_RFC3164 };

struct nj_alert_options {
	nj_time_t fold_window;     /* packet time; default 300 s */
	uint64_t fold_every;       /* update every N repeats; default 1000 */
	size_t fold_cap;           /* fold table entries; default 4096 */
	nj_suppress_fn suppressed; /* NULL: nothing is suppressed */
	int syslog_facility;       /* LOG_LOCAL0 etc.; default LOG_LOCAL0 */
	enum nj_syslog_format syslog_format;
	const char *syslog_hostname; /* HOSTNAME field; NULL: gethostname() */
	size_t spool_mem;          /* messages held in memory per target; 10000 */
	const char *spool_dir;     /* NULL: no spool file, drop past spool_mem */
	uint64_t spool_file_max;   /* bytes per target spool file; 64 MiB */
	unsigned finish_wait_ms;   /* finish: how long to drain spools; 5000 */
	int color;                 /* text: -1 when a TTY, 0 never, 1 always */
};

/* Fills o with the defaults above. */
void nj_alert_options_default(struct nj_alert_options *o);

struct nj_alert_pipeline *nj_alerts_new(const struct nj_alert_options *o);
void nj_alerts_free(struct nj_alert_pipeline *pl);

/*
 * Outputs. Each returns 0, or -1 after printing one line saying what
 * was expected (main exits 1). path "-" is stdout.
 */
int nj_alerts_add_json(struct nj_alert_pipeline *pl, const char *path);
int nj_alerts_add_text(struct nj_alert_pipeline *pl, const char *path);
/* TARGET: local, unix:PATH, udp://HOST:PORT, tcp://HOST:PORT, relp://HOST:PORT */
int nj_alerts_add_syslog(struct nj_alert_pipeline *pl, const char *target);
/* "rfc5424" or "rfc3164"; for --syslog-format, before add_syslog. */
int nj_alerts_set_syslog_format(struct nj_alert_pipeline *pl,
    const char *name);
/* "daemon", "user", "local0" .. "local7"; for --syslog-facility. */
int nj_alerts_set_syslog_facility(struct nj_alert_pipeline *pl,
    const char *name);
size_t nj_alerts_noutputs(const struct nj_alert_pipeline *pl);

int nj_alerts_add_enricher(struct nj_alert_pipeline *pl, nj_enrich_fn fn,
    void *ctx);

/*
 * The full path for one alert (also reached through nj_alert_emit):
 * sensor is the name in every alert, policy may be NULL.
 */
void nj_alerts_submit(struct nj_alert_pipeline *pl, struct nj_sensor *s,
    struct nj_alert *a);
/* Closes expired fold windows, reconnects and drains spools. */
void nj_alerts_tick(struct nj_alert_pipeline *pl, nj_time_t now);
/* Writes every pending update, drains spools (bounded wait), flushes. */
void nj_alerts_finish(struct nj_alert_pipeline *pl, nj_time_t now);
/* SIGHUP: reopens the JSON and text files (log rotation). */
void nj_alerts_reopen(struct nj_alert_pipeline *pl);
/* "alerts.<counter> value" lines. */
void nj_alerts_stats(const struct nj_alert_pipeline *pl, FILE *out);

/* Alerts waiting in the syslog spools for their collectors. */
uint64_t nj_alerts_queued(const struct nj_alert_pipeline *pl);

struct nj_alert_counters {
	uint64_t submitted, suppressed, folded, written, updates;
	uint64_t fold_evicted, fold_entries;
};
void nj_alerts_counters(const struct nj_alert_pipeline *pl,
    struct nj_alert_counters *c);

#endif
