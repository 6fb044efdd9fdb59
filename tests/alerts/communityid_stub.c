/*
 * communityid_stub.c - test-only stand-in for nj_community_id() until
 * sensor/communityid.c lands: a value that depends on the whole tuple,
 * so that tests can compare what the pipeline filled in with a direct
 * call. Not linked when the real implementation is present.
 */
#include <stdio.h>

#include "sensor/flow.h"

void
nj_community_id(const struct nj_addr *src, uint16_t sport,
    const struct nj_addr *dst, uint16_t dport, uint8_t proto, uint16_t seed,
    char *buf, size_t len)
{
	unsigned h = seed;
	size_t i;

	for (i = 0; i < sizeof(src->a); i++)
		h = h * 31 + src->a[i] * 7 + dst->a[i];
	h = h * 31 + sport * 3 + dport + proto;
	snprintf(buf, len, "1:stub%08x", h);
}
