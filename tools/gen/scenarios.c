/* scenarios.c - the one table of scenarios, and running one of them. */
#include <string.h>

#include "scenario.h"

const struct gen_scenario *const gen_scenarios[] = {
	&sc_background,
	&sc_fast_scan,
	&sc_host_sweep,
	&sc_slow_scan,
	&sc_relay_flood,
	&sc_distributed_bruteforce,
	&sc_outbound_irc,
	&sc_outbound_smtp,
	&sc_private_destination,
	&sc_odd_dns,
	&sc_lateral_ssh,
	&sc_unknown_host,
	&sc_demo,
	NULL,
};

const struct gen_scenario *
gen_scenario_find(const char *name)
{
	size_t i;

	for (i = 0; gen_scenarios[i] != NULL; i++)
		if (strcmp(gen_scenarios[i]->name, name) == 0)
			return gen_scenarios[i];
	return NULL;
}

int
gen_scenario_run(struct gen_ctx *g, const struct gen_scenario *sc)
{
	if (g->opt.duration <= 0)
		g->opt.duration = sc->default_duration;
	if (g->opt.rate <= 0)
		g->opt.rate = sc->default_rate;
	if (g->opt.flavour == NULL && sc->flavours != NULL)
		g->opt.flavour = sc->flavours[0];
	return sc->run(g);
}
