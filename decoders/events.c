/*
 * events.c - names and descriptions of the decode events.
 */
#include <stddef.h>

#include "decoders/events.h"

static const char *const event_names[NJ_EV_MAX] = {
#define NJ_EV_NAME(id, name, desc) [NJ_EV_##id] = name,
	NJ_DECODE_EVENTS(NJ_EV_NAME)
#undef NJ_EV_NAME
};

static const char *const event_descs[NJ_EV_MAX] = {
#define NJ_EV_DESC(id, name, desc) [NJ_EV_##id] = desc,
	NJ_DECODE_EVENTS(NJ_EV_DESC)
#undef NJ_EV_DESC
};

const char *
nj_event_name(enum nj_event ev)
{
	return (unsigned)ev < NJ_EV_MAX ? event_names[ev] : "unknown";
}

const char *
nj_event_desc(enum nj_event ev)
{
	return (unsigned)ev < NJ_EV_MAX ? event_descs[ev] : "unknown";
}
