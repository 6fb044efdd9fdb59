/*
 * capture.c - the captured alerts, whichever way they were taken (see
 * capture.h).
 */
#include <string.h>

#include "tests/odddns/capture.h"

static struct cap_alert caps[CAP_MAX];
static size_t ncaps;

void
cap_clear(void)
{
	ncaps = 0;
}

struct cap_alert *
cap_add(void)
{
	struct cap_alert *c;

	if (ncaps >= CAP_MAX)
		return NULL;
	c = &caps[ncaps++];
	memset(c, 0, sizeof(*c));
	return c;
}

size_t
cap_count(const char *kind)
{
	size_t i, n = 0;

	for (i = 0; i < ncaps; i++)
		n += strcmp(caps[i].kind, kind) == 0;
	return n;
}

const struct cap_alert *
cap_get(const char *kind, size_t k)
{
	size_t i;

	for (i = 0; i < ncaps; i++)
		if (strcmp(caps[i].kind, kind) == 0 && k-- == 0)
			return &caps[i];
	return NULL;
}

const char *
cap_field(const struct cap_alert *a, const char *key)
{
	int i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->key[i], key) == 0)
			return a->val[i];
	return "";
}
