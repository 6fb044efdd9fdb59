/*
 * portset.c - the sorted small port set and its compact rendering.
 */
#include <stdio.h>
#include <string.h>

#include "sensor/portset.h"

bool
nj_portset_has(const struct nj_portset *s, uint16_t port)
{
	unsigned i;

	for (i = 0; i < s->n; i++)
		if (s->port[i] == port)
			return true;
	return false;
}

bool
nj_portset_add(struct nj_portset *s, uint16_t port)
{
	unsigned i;

	for (i = 0; i < s->n && s->port[i] < port; i++)
		;
	if (i < s->n && s->port[i] == port)
		return false;
	if (s->n >= NJ_PORTSET_MAX) {
		s->overflow = true;
		return true;
	}
	memmove(&s->port[i + 1], &s->port[i], (s->n - i) * sizeof(s->port[0]));
	s->port[i] = port;
	s->n++;
	return true;
}

/* Appends text to buf at *off, stopping (still terminated) when full. */
static void
append(char *buf, size_t len, size_t *off, const char *text)
{
	size_t n = strlen(text);

	if (*off >= len)
		return;
	if (n >= len - *off)
		n = len - *off - 1;
	memcpy(buf + *off, text, n);
	*off += n;
	buf[*off] = '\0';
}

char *
nj_portset_format(const struct nj_portset *s, char *buf, size_t len)
{
	char item[16];
	size_t off = 0;
	unsigned i, j;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < s->n; i = j + 1) {
		/* A run of consecutive ports becomes one range. */
		for (j = i; j + 1 < s->n && s->port[j + 1] == s->port[j] + 1;
		    j++)
			;
		if (j > i)
			snprintf(item, sizeof(item), "%s%u-%u", i ? "," : "",
			    s->port[i], s->port[j]);
		else
			snprintf(item, sizeof(item), "%s%u", i ? "," : "",
			    s->port[i]);
		append(buf, len, &off, item);
	}
	if (s->overflow)
		append(buf, len, &off, s->n ? ",..." : "...");
	return buf;
}
