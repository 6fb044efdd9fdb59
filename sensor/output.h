/*
 * output.h - alert outputs as a module table (after ZMap's output
 * modules): one file per output, one struct nj_output_ops each.
 */
#ifndef NJ_OUTPUT_H
#define NJ_OUTPUT_H

#include <stdio.h>

#include "sensor/alert.h"
#include "sensor/alert_pipeline.h"

struct nj_output_ops {
	const char *name;
	/*
	 * Opens the output for arg (a path or a target). Returns its state,
	 * or NULL after printing one line saying what was expected.
	 */
	void *(*open)(const char *arg, const struct nj_alert_options *o);
	/* Writes (or queues) one alert; sensor is the sensor name. */
	void (*write)(void *st, const struct nj_alert *a, const char *sensor);
	void (*flush)(void *st);
	/* Reconnects with back-off and drains queues; wait_ms bounds blocking. */
	void (*tick)(void *st, unsigned wait_ms);
	/* Log rotation (SIGHUP); NULL when meaningless. */
	void (*reopen)(void *st);
	/* Alerts waiting for a collector (NULL: the output never queues). */
	uint64_t (*queued)(void *st);
	/* "alerts.<name>.<counter> value" lines. */
	void (*stats)(void *st, FILE *out);
	void (*close)(void *st);
};

extern const struct nj_output_ops nj_out_json;
extern const struct nj_output_ops nj_out_text;
extern const struct nj_output_ops nj_out_syslog;

/*
 * A file output's file: path opened for appending, "-" meaning stdout;
 * reopened on SIGHUP for log rotation. what names the option in errors.
 */
struct nj_outfile {
	const char *what;
	char *path;
	FILE *fp; /* NULL when a reopen failed: writes are skipped */
};

int nj_outfile_open(struct nj_outfile *f, const char *what, const char *path);
void nj_outfile_reopen(struct nj_outfile *f);
void nj_outfile_close(struct nj_outfile *f);

#endif
