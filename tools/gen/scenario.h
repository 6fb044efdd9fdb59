/*
 * scenario.h - the scenario module table: every story nightjar-gen can
 * tell, registered once in scenarios.c.
 */
#ifndef NJ_GEN_SCENARIO_H
#define NJ_GEN_SCENARIO_H

#include "gen.h"

struct gen_scenario {
	const char *name;
	const char *summary;
	/* Flavours the scenario accepts (NULL: none), first is the default. */
	const char *const *flavours;
	double default_rate;       /* its unit is the scenario's (0: no rate) */
	gen_time_t default_duration;
	int (*run)(struct gen_ctx *);
};

extern const struct gen_scenario sc_background, sc_fast_scan, sc_host_sweep,
    sc_slow_scan, sc_relay_flood, sc_distributed_bruteforce,
    sc_outbound_irc, sc_outbound_smtp, sc_private_destination, sc_odd_dns,
    sc_lateral_ssh, sc_unknown_host, sc_demo;

/* NULL-terminated, in --list order. */
extern const struct gen_scenario *const gen_scenarios[];
const struct gen_scenario *gen_scenario_find(const char *name);

/* Runs a scenario with its own defaults filled into a copy of the options. */
int gen_scenario_run(struct gen_ctx *, const struct gen_scenario *);

#endif
