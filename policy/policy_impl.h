/*
 * policy_impl.h - the inside of struct nj_policy, shared by the parser,
 * the printer and the queries. Nothing outside policy/ includes it.
 */
#ifndef NJ_POLICY_IMPL_H
#define NJ_POLICY_IMPL_H

#include "policy/policy.h"
#include "policy/prefix.h"

/* Caps on lists in a policy; past them the parser reports an error. */
#define NJ_POLICY_MAX_SUPPRESSIONS 4096
#define NJ_POLICY_MAX_STRINGS	   256	/* items in one list of strings */
#define NJ_DET_MAX_KEYS		   8	/* thresholds per detector */

enum nj_key_type {
	NJ_KEY_NUMBER,	 /* any finite number */
	NJ_KEY_DURATION, /* seconds; "90s", "15m", "2h", "7d" accepted */
};

struct nj_det_key {
	const char	*name;
	enum nj_key_type type;
};

/* One row of the detector table (policy_detectors.c). */
struct nj_det_def {
	const char	 *name;
	struct nj_det_key keys[NJ_DET_MAX_KEYS]; /* ends at name NULL */
};

extern const struct nj_det_def nj_det_defs[];
extern const size_t nj_ndet_defs;
/* Index of det in nj_det_defs, or -1. */
int nj_det_find(const char *det);
/* Index of key in nj_det_defs[d].keys, or -1. */
int nj_det_key_find(int d, const char *key);
/* True when kind is a known alert kind (detector names and a few more). */
bool nj_kind_known(const char *kind);

/* The settings of one detector. */
struct nj_det_conf {
	int8_t	enabled;		/* -1 unset, 0 off, 1 on */
	bool	set[NJ_DET_MAX_KEYS];	/* threshold given */
	double	val[NJ_DET_MAX_KEYS];
};

struct nj_strlist {
	char  **v;
	size_t	n;
	bool	given;	/* the key was present (even empty) */
};

/* One suppressions entry; unset fields match anything. */
struct nj_supp {
	char	       *kind;
	bool		has_src, has_dst;
	struct nj_addr	src, dst;
	unsigned	src_len, dst_len;
	uint16_t	port;		/* 0: any */
	char	       *hostname;	/* fnmatch(3) glob, NULL: any */
	bool		has_expires;
	nj_time_t	expires;	/* ignored from this packet time on */
	char	       *comment;
	struct nj_supp *next_same_src;	/* chain under one src prefix */
};

struct nj_policy {
	bool			is_default;
	char		       *sensor_name;
	struct nj_prefix_set   *local;
	bool			local_given;	/* else RFC 1918 and ULA */
	struct nj_prefix_set   *roles[NJ_ROLE_MAX];
	struct nj_prefix_set   *egress_hosts;	/* hosts.no_egress_allow.hosts */
	uint8_t			egress_ports[65536 / 8];
	bool			egress_given;
	struct nj_det_conf     *det;		/* nj_ndet_defs entries */
	struct nj_supp	       *supp;		/* in file order */
	size_t			nsupp;
	/*
	 * Entries with a source prefix hang off supp_src (value: the first
	 * entry of the chain for that prefix) so a lookup walks the source
	 * address's bits, not the list; the rest are scanned.
	 */
	struct nj_prefix_set   *supp_src;
	struct nj_prefix_set   *inventory;
	bool			inventory_given;
	double			learn;		/* seconds, <0 unset */
	char		       *state_file;
	struct nj_strlist	internal_zones;
	char		       *baseline_file; /* dns.baseline_file */
	char		       *geoip_city;
	char		       *geoip_asn;
	char		       *ptr_resolver;	/* enrich.ptr.resolver */
	double			ptr_rate;	/* queries/s, <0 unset */
	double			ptr_timeout;	/* seconds, <0 unset */
	char		       *out_json;
	struct nj_strlist	syslog;
	char		       *syslog_format;	/* "rfc5424" or "rfc3164" */
	int8_t			text;		/* -1 unset */
	double			fold_window;	/* seconds, <0 unset */
};

/* An empty policy (no local networks), or NULL on ENOMEM. */
struct nj_policy *nj_policy_new(void);
/* Adds RFC 1918 and ULA to p->local; 0 or -1. */
int nj_policy_add_default_local(struct nj_policy *p);
/* Indexes p->supp by source prefix; 0 or -1. */
int nj_policy_index_supp(struct nj_policy *p);

/* Durations: "90s", "15m", "2h", "7d" or seconds; 0 or -1. */
int nj_parse_duration(const char *s, double *secs);
/* A finite number; 0 or -1. */
int nj_parse_number(const char *s, double *v);
/* RFC 3339 date (the end of that day, UTC) or date-time; 0 or -1. */
int nj_parse_expiry(const char *s, nj_time_t *t);
/* Formats t as an RFC 3339 date-time in UTC ("Z"). */
char *nj_format_time(nj_time_t t, char *buf, size_t len);

#endif
