/*
 * policy_detectors.c - the one table of detectors a policy may configure
 * and the thresholds each accepts. To give a detector a new threshold,
 * add its key here (and to README.md); the parser, the printer and
 * nj_policy_threshold() all read this table.
 */
#include <string.h>

#include "policy/policy_impl.h"

#define N NJ_KEY_NUMBER
#define D NJ_KEY_DURATION

const struct nj_det_def nj_det_defs[] = {
	{ "scan", { { "fast_rate", N }, { "slow_interval", D },
	    { "window", D }, { "min_ports", N }, { "min_hosts", N },
	    { "idle", D }, { "max_sources", N } } },
	{ "flood", { { "rate", N }, { "window", D } } },
	{ "distributed-campaign", { { "min_sources", N },
	    { "max_per_source", N }, { "window", D } } },
	{ "outbound-irc", { { "inbound_window", D } } },
	{ "outbound-smtp", { { NULL, N } } },
	{ "private-destination", { { "link_local", N }, { "hold", D } } },
	{ "dns-private-answer", { { NULL, N } } },
	{ "no-egress", { { NULL, N } } },
	{ "lateral-ssh", { { NULL, N } } },
	{ "unknown-local-host", { { NULL, N } } },
	{ "dns-unsanctioned-resolver", { { "window", D } } },
	{ "dns-tunnel", { { "min_queries", N }, { "min_label_len", N },
	    { "min_entropy", N }, { "window", D } } },
	{ "dns-nxdomain", { { "min_nxdomain", N }, { "ratio", N },
	    { "window", D } } },
	{ "dns-quiet-host", { { "learn", D }, { "min_queries", N },
	    { "factor", N }, { "max_baseline", N } } },
	{ "capture-gap", { { "min_gap", D } } },
};
const size_t nj_ndet_defs = sizeof(nj_det_defs) / sizeof(nj_det_defs[0]);

/* Kinds raised by a detector not named after it. */
static const char *const extra_kinds[] = { "bogon-destination" };

int
nj_det_find(const char *det)
{
	size_t i;

	for (i = 0; i < nj_ndet_defs; i++)
		if (strcmp(nj_det_defs[i].name, det) == 0)
			return (int)i;
	return -1;
}

int
nj_det_key_find(int d, const char *key)
{
	int i;

	for (i = 0; i < NJ_DET_MAX_KEYS && nj_det_defs[d].keys[i].name; i++)
		if (strcmp(nj_det_defs[d].keys[i].name, key) == 0)
			return i;
	return -1;
}

bool
nj_kind_known(const char *kind)
{
	size_t i;

	if (nj_det_find(kind) >= 0)
		return true;
	for (i = 0; i < sizeof(extra_kinds) / sizeof(extra_kinds[0]); i++)
		if (strcmp(extra_kinds[i], kind) == 0)
			return true;
	return false;
}
