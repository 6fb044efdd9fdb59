/*
 * alert_pipeline.c - the one path out for every alert: enrich,
 * suppress, fold, and hand to every output (see alert_pipeline.h).
 */
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "sensor/alert_fold.h"
#include "sensor/alert_pipeline.h"
#include "sensor/flow.h"
#include "sensor/log.h"
#include "sensor/output.h"
#include "sensor/sensor.h"

#define NJ_MAX_OUTPUTS   16
#define NJ_MAX_ENRICHERS 8

struct nj_output_slot {
	const struct nj_output_ops *ops;
	void *st;
};

struct nj_enricher {
	nj_enrich_fn fn;
	void *ctx;
};

struct nj_alert_pipeline {
	struct nj_alert_options opt;
	struct nj_output_slot out[NJ_MAX_OUTPUTS];
	size_t nout;
	struct nj_enricher enr[NJ_MAX_ENRICHERS];
	size_t nenr;
	struct nj_fold_table *fold;
	struct nj_alert_counters c;
};

void
nj_alert_options_default(struct nj_alert_options *o)
{
	memset(o, 0, sizeof(*o));
	o->fold_window = NJ_SEC(300);
	o->fold_every = 1000;
	o->fold_cap = 4096;
	o->syslog_facility = LOG_LOCAL0;
	o->syslog_format = NJ_SYSLOG_RFC5424;
	o->spool_mem = 10000;
	o->spool_file_max = 64ULL << 20;
	o->finish_wait_ms = 5000;
	o->color = -1;
}

/* Writes an alert to every output: the fold table's sink as well. */
static void
pipeline_write(void *ctx, const struct nj_alert *a, const char *sensor)
{
	struct nj_alert_pipeline *pl = ctx;
	size_t i;

	if (a->is_fold_update)
		pl->c.updates++;
	else
		pl->c.written++;
	for (i = 0; i < pl->nout; i++)
		pl->out[i].ops->write(pl->out[i].st, a, sensor);
}

struct nj_alert_pipeline *
nj_alerts_new(const struct nj_alert_options *o)
{
	struct nj_alert_pipeline *pl;

	if ((pl = calloc(1, sizeof(*pl))) == NULL)
		return NULL;
	if (o != NULL)
		pl->opt = *o;
	else
		nj_alert_options_default(&pl->opt);
	pl->fold = nj_fold_new(pl->opt.fold_cap, pl->opt.fold_window,
	    pl->opt.fold_every, pipeline_write, pl);
	if (pl->fold == NULL) {
		free(pl);
		return NULL;
	}
	return pl;
}

void
nj_alerts_free(struct nj_alert_pipeline *pl)
{
	size_t i;

	if (pl == NULL)
		return;
	for (i = 0; i < pl->nout; i++)
		pl->out[i].ops->close(pl->out[i].st);
	nj_fold_free(pl->fold);
	free(pl);
}

static int
add_output(struct nj_alert_pipeline *pl, const struct nj_output_ops *ops,
    const char *arg)
{
	void *st;

	if (pl->nout == NJ_MAX_OUTPUTS) {
		log_warnx("too many outputs (at most %d)", NJ_MAX_OUTPUTS);
		return -1;
	}
	if ((st = ops->open(arg, &pl->opt)) == NULL)
		return -1;
	pl->out[pl->nout].ops = ops;
	pl->out[pl->nout].st = st;
	pl->nout++;
	return 0;
}

int
nj_alerts_add_json(struct nj_alert_pipeline *pl, const char *path)
{
	return add_output(pl, &nj_out_json, path);
}

int
nj_alerts_add_text(struct nj_alert_pipeline *pl, const char *path)
{
	return add_output(pl, &nj_out_text, path);
}

int
nj_alerts_add_syslog(struct nj_alert_pipeline *pl, const char *target)
{
	return add_output(pl, &nj_out_syslog, target);
}

int
nj_alerts_set_syslog_format(struct nj_alert_pipeline *pl, const char *name)
{
	if (strcmp(name, "rfc5424") == 0)
		pl->opt.syslog_format = NJ_SYSLOG_RFC5424;
	else if (strcmp(name, "rfc3164") == 0)
		pl->opt.syslog_format = NJ_SYSLOG_RFC3164;
	else {
		fprintf(stderr, "--syslog-format: expected rfc5424 or rfc3164, "
		    "got '%s'\n", name);
		return -1;
	}
	return 0;
}

int
nj_alerts_set_syslog_facility(struct nj_alert_pipeline *pl, const char *name)
{
	static const struct {
		const char *name;
		int fac;
	} facs[] = {
		{ "daemon", LOG_DAEMON }, { "user", LOG_USER },
		{ "security", LOG_AUTH }, { "local0", LOG_LOCAL0 },
		{ "local1", LOG_LOCAL1 }, { "local2", LOG_LOCAL2 },
		{ "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 },
		{ "local5", LOG_LOCAL5 }, { "local6", LOG_LOCAL6 },
		{ "local7", LOG_LOCAL7 },
	};
	size_t i;

	for (i = 0; i < sizeof(facs) / sizeof(facs[0]); i++) {
		if (strcmp(name, facs[i].name) == 0) {
			pl->opt.syslog_facility = facs[i].fac;
			return 0;
		}
	}
	fprintf(stderr, "--syslog-facility: expected daemon, user, security or "
	    "local0 to local7, got '%s'\n", name);
	return -1;
}

size_t
nj_alerts_noutputs(const struct nj_alert_pipeline *pl)
{
	return pl->nout;
}

int
nj_alerts_add_enricher(struct nj_alert_pipeline *pl, nj_enrich_fn fn,
    void *ctx)
{
	if (pl->nenr == NJ_MAX_ENRICHERS)
		return -1;
	pl->enr[pl->nenr].fn = fn;
	pl->enr[pl->nenr].ctx = ctx;
	pl->nenr++;
	return 0;
}

void
nj_alerts_submit(struct nj_alert_pipeline *pl, struct nj_sensor *s,
    struct nj_alert *a)
{
	const char *sensor = s != NULL && s->name != NULL ? s->name : "";
	nj_time_t now = s != NULL && s->now != 0 ? s->now : a->ts;
	size_t i;

	pl->c.submitted++;
	if (a->has_tuple && a->community_id[0] == '\0')
		nj_community_id(&a->src, a->sport, &a->dst, a->dport, a->proto,
		    0, a->community_id, sizeof(a->community_id));
	/* Enrich first: suppressions may match the hostname. */
	for (i = 0; i < pl->nenr; i++)
		pl->enr[i].fn(pl->enr[i].ctx, s, a);
	if (pl->opt.suppressed != NULL && s != NULL && s->policy != NULL &&
	    pl->opt.suppressed(s->policy, a->kind,
	    a->has_tuple ? &a->src : NULL, a->has_tuple ? &a->dst : NULL,
	    a->dport, a->hostname[0] != '\0' ? a->hostname : NULL, now)) {
		pl->c.suppressed++;
		return;
	}
	if (!a->is_update && nj_fold_offer(pl->fold, a, sensor)) {
		pl->c.folded++;
		return;
	}
	pipeline_write(pl, a, sensor);
}

void
nj_alert_emit(struct nj_sensor *s, struct nj_alert *a)
{
	if (s->alerts == NULL)
		return;
	s->alerts_raised++;
	nj_alerts_submit(s->alerts, s, a);
}

void
nj_alerts_tick(struct nj_alert_pipeline *pl, nj_time_t now)
{
	size_t i;

	nj_fold_expire(pl->fold, now, false);
	for (i = 0; i < pl->nout; i++)
		if (pl->out[i].ops->tick != NULL)
			pl->out[i].ops->tick(pl->out[i].st, 0);
}

void
nj_alerts_finish(struct nj_alert_pipeline *pl, nj_time_t now)
{
	size_t i;

	nj_fold_expire(pl->fold, now, true);
	for (i = 0; i < pl->nout; i++) {
		if (pl->out[i].ops->tick != NULL)
			pl->out[i].ops->tick(pl->out[i].st,
			    pl->opt.finish_wait_ms);
		pl->out[i].ops->flush(pl->out[i].st);
	}
}

void
nj_alerts_reopen(struct nj_alert_pipeline *pl)
{
	size_t i;

	for (i = 0; i < pl->nout; i++)
		if (pl->out[i].ops->reopen != NULL)
			pl->out[i].ops->reopen(pl->out[i].st);
}

uint64_t
nj_alerts_queued(const struct nj_alert_pipeline *pl)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < pl->nout; i++)
		if (pl->out[i].ops->queued != NULL)
			n += pl->out[i].ops->queued(pl->out[i].st);
	return n;
}

void
nj_alerts_counters(const struct nj_alert_pipeline *pl,
    struct nj_alert_counters *c)
{
	*c = pl->c;
	nj_fold_counters(pl->fold, &c->fold_evicted, &c->fold_entries);
}

void
nj_alerts_stats(const struct nj_alert_pipeline *pl, FILE *out)
{
	struct nj_alert_counters c;
	size_t i;

	nj_alerts_counters(pl, &c);
	fprintf(out, "alerts.submitted %llu\n", (unsigned long long)c.submitted);
	fprintf(out, "alerts.suppressed %llu\n",
	    (unsigned long long)c.suppressed);
	fprintf(out, "alerts.folded %llu\n", (unsigned long long)c.folded);
	fprintf(out, "alerts.written %llu\n", (unsigned long long)c.written);
	fprintf(out, "alerts.updates %llu\n", (unsigned long long)c.updates);
	fprintf(out, "alerts.fold_entries %llu\n",
	    (unsigned long long)c.fold_entries);
	fprintf(out, "alerts.fold_cap %zu\n", pl->opt.fold_cap);
	fprintf(out, "alerts.fold_evicted %llu\n",
	    (unsigned long long)c.fold_evicted);
	for (i = 0; i < pl->nout; i++)
		if (pl->out[i].ops->stats != NULL)
			pl->out[i].ops->stats(pl->out[i].st, out);
}
