/*
 * types.c - formatting and parsing of addresses.
 */
#include <arpa/inet.h>
#include <string.h>

#include "decoders/types.h"

char *
nj_addr_str(const struct nj_addr *addr, char *buf, size_t len)
{
	int af = addr->family == 6 ? AF_INET6 : AF_INET;

	if (addr->family == 0 || inet_ntop(af, addr->a, buf, (socklen_t)len) == NULL) {
		if (len > 0)
			buf[0] = '\0';
	}
	return buf;
}

int
nj_addr_parse(const char *s, struct nj_addr *addr)
{
	memset(addr, 0, sizeof(*addr));
	if (inet_pton(AF_INET, s, addr->a) == 1) {
		addr->family = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, addr->a) == 1) {
		addr->family = 6;
		return 0;
	}
	memset(addr, 0, sizeof(*addr));
	return -1;
}

int
nj_addr_cmp(const struct nj_addr *x, const struct nj_addr *y)
{
	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	return memcmp(x->a, y->a, sizeof(x->a));
}

void
nj_addr_set4(struct nj_addr *addr, uint32_t host_order)
{
	memset(addr, 0, sizeof(*addr));
	addr->family = 4;
	addr->a[0] = (uint8_t)(host_order >> 24);
	addr->a[1] = (uint8_t)(host_order >> 16);
	addr->a[2] = (uint8_t)(host_order >> 8);
	addr->a[3] = (uint8_t)host_order;
}
