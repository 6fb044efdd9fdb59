/*
 * alert.h - one alert structure and one path out, for every detector.
 *
 * A detector fills a struct nj_alert (on its stack) and calls
 * nj_alert_emit(). The pipeline then: enriches (hostname and dns object
 * from the DNS cache, GeoIP/ASN of the remote address; first, so that
 * suppressions can match the hostname), applies the policy's
 * suppressions, folds repeats (the same kind, source and, where it
 * matters, destination within a window become follow-up counts of the
 * first alert), and hands the alert to every output (JSON lines,
 * syslog, text). See sensor/alert_pipeline.h.
 *
 * Evidence is a list of typed fields. A field belongs to an object: by
 * default the one named after the kind (the detector's evidence), or
 * "dns", "geo", ... for enrichment. In JSON each object is a nested
 * object; in syslog every field is an SD-PARAM named obj.key.
 */
#ifndef NJ_ALERT_H
#define NJ_ALERT_H

#include <stdbool.h>
#include <stdint.h>

#include "decoders/types.h"
#include "sensor/log.h"

#define NJ_ALERT_MAX_FIELDS 40
#define NJ_ALERT_STR_MAX    256
#define NJ_ALERT_LIST_SEP   '\x1f' /* between the items of a list field */
/*
 * Strings that do not fit (values, lists, the signature, the hostname)
 * are cut at a UTF-8 character boundary and end with this marker.
 */
#define NJ_ALERT_TRUNC_MARK "\xe2\x80\xa6" /* U+2026 HORIZONTAL ELLIPSIS */

enum nj_field_type {
	NJ_FIELD_STR,
	NJ_FIELD_INT,
	NJ_FIELD_UINT,
	NJ_FIELD_DBL,
	NJ_FIELD_BOOL,
	NJ_FIELD_LIST, /* strings, separated by NJ_ALERT_LIST_SEP */
	NJ_FIELD_TIME, /* packet time, rendered RFC 3339 */
};

struct nj_alert_field {
	char obj[16];   /* "" means the object named after the kind */
	char key[32];
	uint8_t type;   /* enum nj_field_type */
	bool truncated; /* s was cut and ends with NJ_ALERT_TRUNC_MARK */
	union {
		int64_t i;
		uint64_t u;
		double d;
		bool b;
		nj_time_t t;
	} v;
	char s[NJ_ALERT_STR_MAX]; /* STR and LIST values */
};

/* Severity: 1 high, 2 medium, 3 low (Suricata's convention). */
enum nj_severity { NJ_SEV_HIGH = 1, NJ_SEV_MEDIUM = 2, NJ_SEV_LOW = 3 };

struct nj_alert {
	const char *kind;       /* stable kind name, e.g. "scan" */
	int severity;           /* enum nj_severity */
	nj_time_t ts;           /* packet time of the event */
	bool has_tuple;         /* src/dst below are set */
	struct nj_addr src, dst;
	uint16_t sport, dport;  /* host order; 0 when not applicable */
	uint8_t proto;          /* IPPROTO_*; 0 when not applicable */
	char community_id[64];  /* filled by the pipeline from the tuple */
	char signature[512];    /* one human sentence */
	char hostname[256];     /* name the client resolved for dst */
	/*
	 * Folding. fold_dst: the destination is part of the repeat key
	 * (default true). is_update: a detector's own follow-up of an
	 * earlier alert (a scan going on); updates are never folded.
	 */
	bool fold_dst;
	bool is_update;
	uint64_t folded;        /* repeats folded into this alert so far */
	/*
	 * Set by the pipeline on its own fold updates: a copy of the first
	 * alert (same ts, fields, community_id) with is_update set, folded =
	 * every repeat since the first alert, last_seen = the newest one.
	 */
	bool is_fold_update;
	nj_time_t last_seen;
	unsigned dropped_fields; /* fields refused because the cap was reached */
	int nfields;
	struct nj_alert_field fields[NJ_ALERT_MAX_FIELDS];
};

void nj_alert_init(struct nj_alert *a, const char *kind, int severity,
    nj_time_t ts);
void nj_alert_tuple(struct nj_alert *a, const struct nj_addr *src,
    uint16_t sport, const struct nj_addr *dst, uint16_t dport, uint8_t proto);
void nj_alert_sig(struct nj_alert *a, const char *fmt, ...) NJ_PRINTF(2, 3);

/* Evidence in the kind's own object. Fields past the cap are dropped. */
void nj_alert_str(struct nj_alert *a, const char *key, const char *val);
void nj_alert_int(struct nj_alert *a, const char *key, int64_t val);
void nj_alert_uint(struct nj_alert *a, const char *key, uint64_t val);
void nj_alert_dbl(struct nj_alert *a, const char *key, double val);
void nj_alert_bool(struct nj_alert *a, const char *key, bool val);
void nj_alert_time(struct nj_alert *a, const char *key, nj_time_t val);
/* Appends one item to a list field, creating it. */
void nj_alert_list(struct nj_alert *a, const char *key, const char *item);
/* The same in another object ("dns", "geo", ...). */
void nj_alert_list_in(struct nj_alert *a, const char *obj, const char *key,
    const char *item);
/* The same, in another object (obj "dns", "geo", ...). */
struct nj_alert_field *nj_alert_field_in(struct nj_alert *a, const char *obj,
    const char *key, enum nj_field_type type);

/* The kind's object name of a field: f->obj, or a->kind when empty. */
const char *nj_alert_field_obj(const struct nj_alert *a,
    const struct nj_alert_field *f);
/*
 * Copies src into dst (dstlen bytes), cutting at a UTF-8 boundary and
 * ending with NJ_ALERT_TRUNC_MARK when it does not fit. Returns true
 * when it was cut.
 */
bool nj_strlcpy_mark(char *dst, const char *src, size_t dstlen);
/*
 * Renders packet time as RFC 3339 UTC. frac: 0 (seconds, "Z"), 6
 * (microseconds, "Z"), or -6 (microseconds, "+0000" as Suricata's EVE).
 */
char *nj_time_rfc3339(nj_time_t t, int frac, char *buf, size_t len);
/*
 * Copies bytes (len, or up to NUL when len is (size_t)-1) into out as
 * valid UTF-8, replacing every invalid or overlong sequence, surrogate
 * and NUL with U+FFFD. Always NUL-terminates; returns the length.
 */
size_t nj_utf8_sanitize(const char *in, size_t len, char *out, size_t outlen);

struct nj_sensor;
/* Suppress, fold, enrich and write the alert to every output. */
void nj_alert_emit(struct nj_sensor *s, struct nj_alert *a);

#endif
