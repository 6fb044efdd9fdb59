/* report.h: shared types of nightjar-report (alerts in, digests, tables and charts out). */
#ifndef NJ_REPORT_H
#define NJ_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Microseconds since the Unix epoch, UTC, as written in the alert lines. */
typedef int64_t rp_time_t;
#define RP_TIME_NONE	INT64_MIN

/*
 * One alert line, decoded.  The strings point into the parsed JSON and
 * live only for the duration of the rp_line_fn callback.
 */
struct rp_alert {
	rp_time_t	 ts;		/* "timestamp" */
	const char	*kind;		/* "alert"."kind" */
	const char	*signature;	/* "alert"."signature", or "" */
	int		 severity;	/* 1 high ... 3 low; 0 when absent */
	const char	*src;		/* "src_ip", or "" */
	const char	*dst;		/* "dest_ip", or "" */
	const char	*hostname;	/* "hostname", or "" */
	uint64_t	 attempts;	/* evidence attempts/probes/count, else 1 */
	int		 update;	/* "update": true: a follow-up whose counts
					   are running totals of an earlier alert */
};

/* What one line turned out to be. */
enum rp_line_kind {
	RP_LINE_ALERT,
	RP_LINE_FLOW,
	RP_LINE_BLANK,
	RP_LINE_BAD
};

/*
 * Decode one line.  On RP_LINE_BAD, *why names the problem (a static
 * string).  *keep must be released with rp_parse_free() whatever the result.
 */
enum rp_line_kind rp_parse_line(const char *, size_t, struct rp_alert *,
    const char **, void **keep);
void	rp_parse_free(void *);

/* RFC 3339 (or a bare YYYY-MM-DD) to microseconds; -1 when malformed. */
int	rp_time_parse(const char *, rp_time_t *);
/* Format as RFC 3339 to the second, UTC: "2014-07-18T17:01:14Z". */
void	rp_time_format(rp_time_t, char *, size_t);
#define RP_TIME_LEN	32

/*
 * Input: every named file in turn ("-" or none: stdin), gzip or plain by
 * magic, each line handed to fn.  Lines longer than RP_LINE_MAX are
 * reported as bad.  Returns -1 when a file cannot be opened or read.
 */
#define RP_LINE_MAX	(1024 * 1024)
typedef void	rp_line_fn(void *, const char *file, unsigned long line,
		    const char *, size_t);
int	rp_input_each(char **files, int nfiles, rp_line_fn *, void *);

/* A bounded string-keyed hash table; every entry owns a copy of its key. */
struct rp_strtab;
struct rp_strtab *rp_strtab_new(size_t cap, size_t valsize);
void	 rp_strtab_free(struct rp_strtab *);
/* The value for key, created zeroed if absent; NULL when full (counted). */
void	*rp_strtab_get(struct rp_strtab *, const char *, int *created);
void	*rp_strtab_find(const struct rp_strtab *, const char *);
size_t	 rp_strtab_count(const struct rp_strtab *);
uint64_t rp_strtab_dropped(const struct rp_strtab *);
/* Every (key, value) in unspecified order, for sorting by the caller. */
struct rp_strent {
	const char	*key;
	void		*val;
};
struct rp_strent *rp_strtab_list(const struct rp_strtab *, size_t *);
/* qsort comparison of rp_strent by key. */
int	rp_strent_keycmp(const void *, const void *);

/* Aggregation. */
struct rp_host {
	uint64_t	 alerts;
	uint64_t	 attempts;
	rp_time_t	 first;
	rp_time_t	 last;
	char		*hostname;	/* the latest non-empty one seen */
};

struct rp_kindrow {
	uint64_t	 sev[4];	/* [0] unknown, [1..3] by severity */
	uint64_t	 attempts;
};

#define RP_HOSTS_CAP	100000
#define RP_KINDS_CAP	256
#define RP_HOURS_CAP	(24 * 400)

struct rp_bucket {
	int64_t		 key;		/* hours since the epoch, or minute 0-59 */
	uint64_t	 alerts;
	uint64_t	 attempts;
};

struct rp_filter {
	rp_time_t	 since;		/* inclusive, RP_TIME_NONE: open */
	rp_time_t	 until;		/* exclusive, RP_TIME_NONE: open */
	const char	*kind;		/* NULL: every kind */
};

struct rp_agg {
	struct rp_filter filter;
	uint64_t	 alerts;
	uint64_t	 attempts;
	uint64_t	 flows;
	uint64_t	 bad;		/* malformed lines */
	uint64_t	 filtered;	/* alerts outside the filter */
	rp_time_t	 first;
	rp_time_t	 last;
	struct rp_strtab *kinds;	/* kind -> rp_kindrow */
	struct rp_strtab *srcs;		/* address -> rp_host */
	struct rp_strtab *dsts;		/* address -> rp_host */
	struct rp_strtab *hostnames;	/* hostname -> uint64_t alerts */
	struct rp_strtab *running;	/* kind|src|dst -> uint64_t attempts so far */
	struct rp_bucket *hours;	/* sorted by key, nhours used */
	size_t		 nhours;
	uint64_t	 hours_dropped;
	struct rp_bucket minutes[60];
	FILE		*diag;		/* where bad lines are reported */
};

/*
 * hosts_cap bounds the source, destination and hostname tables (0: the
 * default RP_HOSTS_CAP); bad lines are reported on diag unless it is NULL.
 */
int	rp_agg_init(struct rp_agg *, const struct rp_filter *, size_t hosts_cap,
	    FILE *diag);
void	rp_agg_free(struct rp_agg *);
void	rp_agg_alert(struct rp_agg *, const struct rp_alert *);
/* The rp_line_fn that parses a line and aggregates it. */
void	rp_agg_line(void *, const char *, unsigned long, const char *, size_t);
/* Hosts sorted by attempts, then alerts, then address. */
struct rp_strent *rp_agg_hosts(const struct rp_strtab *, size_t *);
/* Kinds sorted by name. */
struct rp_strent *rp_agg_kinds(const struct rp_agg *, size_t *);

/* What a chart or table shows. */
enum rp_measure { RP_ALERTS, RP_ATTEMPTS };
enum rp_per { RP_PER_HOUR, RP_PER_MINUTE };

/*
 * A time series ready to draw: n buckets with labels and values.
 * Hours between the first and the last are filled in with zeros so the
 * chart shows the silences.
 */
struct rp_series {
	char		 title[96];
	const char	*unit;		/* "alerts" or "attempts" */
	const char	*keyname;	/* "hour" or "minute_of_hour" */
	size_t		 n;
	char		(*label)[RP_TIME_LEN];
	uint64_t	*value;
};
int	rp_series_make(const struct rp_agg *, enum rp_per, enum rp_measure,
	    struct rp_series *);
void	rp_series_free(struct rp_series *);

#define RP_TABLE_MAXCOLS	8
/* A table ready to render: a header row and rows of cells. */
struct rp_table {
	size_t		 ncols;
	size_t		 nrows;
	const char	*head[RP_TABLE_MAXCOLS];	/* static strings */
	char		**cell;		/* nrows * ncols, owned */
	unsigned	 numeric;	/* bit i: column i right-aligned */
};
struct rp_table *rp_table_new(size_t ncols, const char *const *head,
	    unsigned numeric);
void	rp_table_add(struct rp_table *, const char **cells);
void	rp_table_free(struct rp_table *);
/* The cell at row r, column c; "" when it could not be stored. */
const char *rp_table_cell(const struct rp_table *, size_t r, size_t c);
/* The hosts table (sources or destinations), at most limit rows (0: all). */
struct rp_table *rp_table_hosts(const struct rp_strtab *, const char *what,
	    size_t limit);
struct rp_table *rp_table_kinds(const struct rp_agg *);

/* Renderers. */
/* A copy safe for a terminal: controls and backslash as \xHH. */
char	*rp_text_clean(const char *);
void	rp_text_table(FILE *, const struct rp_table *);
void	rp_text_bars(FILE *, const struct rp_series *, int width);
void	rp_csv_table(FILE *, const struct rp_table *);
void	rp_csv_series(FILE *, const struct rp_series *);
void	rp_xml_escape(FILE *, const char *);
void	rp_svg_chart(FILE *, const struct rp_series *, int standalone);
void	rp_html_page(FILE *, const char *title, const char *note,
	    const struct rp_series *,
	    size_t nseries, struct rp_table *const *, const char *const *captions,
	    size_t ntables);

/* The digest state: what has been seen in earlier digests. */
struct rp_state;
struct rp_state *rp_state_load(const char *path, FILE *diag);
int	rp_state_seen(struct rp_state *, const char *cat, const char *item);
int	rp_state_save(const struct rp_state *, const char *path);
/* Items the full state could not remember (they show as new again). */
uint64_t rp_state_dropped(const struct rp_state *);
void	rp_state_free(struct rp_state *);

/* Subcommands: argc/argv from the subcommand name on. */
int	rp_cmd_summary(int, char **);
int	rp_cmd_hosts(int, char **);
int	rp_cmd_timeline(int, char **);

/* Shared option handling: 0 ok, -1 after printing one line to stderr. */
int	rp_opt_time(const char *opt, const char *arg, rp_time_t *);
int	rp_opt_period(int ch, const char *arg, struct rp_filter *);
int	rp_read_inputs(struct rp_agg *, char **, int);
void	rp_agg_caps_note(FILE *, const struct rp_agg *, const char *prefix);
int	rp_opt_bad(const char *cmd, char **argv, int optind_now, int optopt_now);
/* An output file, "-" for stdout; closing reports write errors. */
FILE	*rp_open_out(const char *);
int	rp_close_out(FILE *, const char *);

#endif /* NJ_REPORT_H */
