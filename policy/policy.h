/*
 * policy.h - the site's policy: local networks, host roles, detector
 * thresholds and switches, suppressions, the inventory, and outputs.
 * A pure library: it parses YAML (libyaml) into a struct nj_policy or
 * reports every error as "FILE:LINE:COL: what was expected". It never
 * includes sensor/ and never reads the wall clock (expiry dates are
 * compared with the packet time the caller passes).
 */
#ifndef NJ_POLICY_H
#define NJ_POLICY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "decoders/types.h"

struct nj_policy;

enum nj_role {
	NJ_ROLE_RESOLVER = 0, /* hosts.resolvers: sanctioned DNS resolvers */
	NJ_ROLE_MAIL_RELAY,   /* hosts.mail_relays: may send SMTP out */
	NJ_ROLE_ADMIN,        /* hosts.admin: may SSH to local hosts */
	NJ_ROLE_NO_EGRESS,    /* hosts.no_egress: never initiate outbound */
	NJ_ROLE_MAX
};

/*
 * Loads and validates a policy file. On success returns the policy; on
 * failure writes one "FILE:LINE:COL: message" line per error to errs
 * (may be NULL) and returns NULL.
 */
struct nj_policy *nj_policy_load(const char *path, FILE *errs);
/* Parses a policy from memory (name is used in error lines). */
struct nj_policy *nj_policy_parse(const char *name, const char *text,
    size_t len, FILE *errs);
/*
 * The policy assumed when none is given: RFC 1918 and ULA (fc00::/7)
 * are local, no roles, default thresholds, every detector that needs no
 * site knowledge on. is_default() tells the caller to say so once.
 */
struct nj_policy *nj_policy_default(void);
bool nj_policy_is_default(const struct nj_policy *p);
void nj_policy_free(struct nj_policy *p);
/* Writes the policy back, normalized (for "nightjar -n"). */
void nj_policy_print(const struct nj_policy *p, FILE *out);

const char *nj_policy_sensor_name(const struct nj_policy *p); /* NULL: unset */
bool nj_policy_is_local(const struct nj_policy *p, const struct nj_addr *a);
/* Adds a local network at run time (e.g. the live interface's own). */
int nj_policy_add_local(struct nj_policy *p, const struct nj_addr *net,
    unsigned prefixlen);
bool nj_policy_has_role(const struct nj_policy *p, enum nj_role role,
    const struct nj_addr *a);
/* True when the role list is configured at all (non-empty). */
bool nj_policy_role_configured(const struct nj_policy *p, enum nj_role role);

/* detectors.<name>.enabled (default: def). */
bool nj_policy_detector_enabled(const struct nj_policy *p, const char *det,
    bool def);
/* detectors.<name>.<key> as a number (default: def). */
double nj_policy_threshold(const struct nj_policy *p, const char *det,
    const char *key, double def);

/*
 * True when an alert of this kind, between these endpoints, with this
 * hostname (may be NULL) is suppressed or allow-listed at packet time
 * now. src/dst may be NULL; dport 0 means any.
 */
bool nj_policy_suppressed(const struct nj_policy *p, const char *kind,
    const struct nj_addr *src, const struct nj_addr *dst, uint16_t dport,
    const char *hostname, nj_time_t now);

/* The inventory of known local hosts (inventory.hosts). */
bool nj_policy_has_inventory(const struct nj_policy *p);
bool nj_policy_in_inventory(const struct nj_policy *p, const struct nj_addr *a);

/*
 * String settings (NULL when unset): "sensor.name", "geoip.city",
 * "geoip.asn", "enrich.ptr.resolver", "inventory.state_file",
 * "dns.baseline_file", "outputs.json", "outputs.syslog_format".
 */
const char *nj_policy_string(const struct nj_policy *p, const char *key);
/*
 * Numbers (def when unset): durations in seconds "inventory.learn",
 * "alerts.fold_window", "enrich.ptr.timeout"; "enrich.ptr.rate"
 * (queries per second).
 */
double nj_policy_number(const struct nj_policy *p, const char *key, double def);
/* Booleans (def when unset): "outputs.text". */
bool nj_policy_flag(const struct nj_policy *p, const char *key, bool def);
/*
 * Lists of strings: "outputs.syslog", "dns.internal_zones". Returns the
 * count and points *items at them (owned by the policy).
 */
size_t nj_policy_strings(const struct nj_policy *p, const char *key,
    const char *const **items);

/*
 * hosts.no_egress_allow: true when a no_egress host may reach dst (may be
 * NULL) on dport (0: unknown) - the resolver, NTP, a proxy.
 */
bool nj_policy_no_egress_allowed(const struct nj_policy *p,
    const struct nj_addr *dst, uint16_t dport);
/* True when name (a DNS name) is in or under a dns.internal_zones zone. */
bool nj_policy_internal_zone(const struct nj_policy *p, const char *name);

/*
 * "nightjar -n -c FILE": loads path; prints it normalized to out and
 * returns 0, or prints every error to err and returns 1.
 */
int nj_policy_check(const char *path, FILE *out, FILE *err);

#endif
