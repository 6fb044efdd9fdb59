/*
 * special.c - the IANA special-purpose address registries as data
 * (https://www.iana.org/assignments/iana-ipv4-special-registry and
 * iana-ipv6-special-registry, RFC 6890), with a longest-match lookup.
 */
#include <string.h>

#include "policy/special.h"

struct special {
	uint8_t family;
	uint8_t len;
	uint8_t p[16];
	const char *name;
	const char *rfc;
	uint8_t cat;
	bool global;
};

static const struct special table[] = {
	/* IPv4 special-purpose address registry. */
	{ 4, 8,  { 0 }, "This network", "RFC 791", NJ_SPECIAL_THIS_NETWORK, false },
	{ 4, 32, { 0 }, "This host on this network", "RFC 1122",
	  NJ_SPECIAL_UNSPECIFIED, false },
	{ 4, 8,  { 10 }, "Private-Use", "RFC 1918", NJ_SPECIAL_PRIVATE, false },
	{ 4, 10, { 100, 64 }, "Shared Address Space", "RFC 6598",
	  NJ_SPECIAL_SHARED, false },
	{ 4, 8,  { 127 }, "Loopback", "RFC 1122", NJ_SPECIAL_LOOPBACK, false },
	{ 4, 16, { 169, 254 }, "Link Local", "RFC 3927",
	  NJ_SPECIAL_LINK_LOCAL, false },
	{ 4, 12, { 172, 16 }, "Private-Use", "RFC 1918", NJ_SPECIAL_PRIVATE, false },
	{ 4, 24, { 192, 0, 0 }, "IETF Protocol Assignments", "RFC 6890",
	  NJ_SPECIAL_RESERVED, false },
	{ 4, 29, { 192, 0, 0, 0 }, "IPv4 Service Continuity Prefix", "RFC 7335",
	  NJ_SPECIAL_RESERVED, false },
	{ 4, 32, { 192, 0, 0, 8 }, "IPv4 dummy address", "RFC 7600",
	  NJ_SPECIAL_DISCARD, false },
	{ 4, 32, { 192, 0, 0, 9 }, "Port Control Protocol Anycast", "RFC 7723",
	  NJ_SPECIAL_ANYCAST, true },
	{ 4, 32, { 192, 0, 0, 10 }, "Traversal Using Relays around NAT Anycast",
	  "RFC 8155", NJ_SPECIAL_ANYCAST, true },
	{ 4, 32, { 192, 0, 0, 170 }, "NAT64/DNS64 Discovery", "RFC 8880",
	  NJ_SPECIAL_TRANSLATION, false },
	{ 4, 32, { 192, 0, 0, 171 }, "NAT64/DNS64 Discovery", "RFC 8880",
	  NJ_SPECIAL_TRANSLATION, false },
	{ 4, 24, { 192, 0, 2 }, "Documentation (TEST-NET-1)", "RFC 5737",
	  NJ_SPECIAL_DOCUMENTATION, false },
	{ 4, 24, { 192, 31, 196 }, "AS112-v4", "RFC 7535", NJ_SPECIAL_ANYCAST, true },
	{ 4, 24, { 192, 52, 193 }, "AMT", "RFC 7450", NJ_SPECIAL_ANYCAST, true },
	{ 4, 24, { 192, 88, 99 }, "Deprecated (6to4 Relay Anycast)", "RFC 7526",
	  NJ_SPECIAL_DEPRECATED, true },
	{ 4, 16, { 192, 168 }, "Private-Use", "RFC 1918", NJ_SPECIAL_PRIVATE, false },
	{ 4, 24, { 192, 175, 48 }, "Direct Delegation AS112 Service", "RFC 7534",
	  NJ_SPECIAL_ANYCAST, true },
	{ 4, 15, { 198, 18 }, "Benchmarking", "RFC 2544",
	  NJ_SPECIAL_BENCHMARKING, false },
	{ 4, 24, { 198, 51, 100 }, "Documentation (TEST-NET-2)", "RFC 5737",
	  NJ_SPECIAL_DOCUMENTATION, false },
	{ 4, 24, { 203, 0, 113 }, "Documentation (TEST-NET-3)", "RFC 5737",
	  NJ_SPECIAL_DOCUMENTATION, false },
	{ 4, 4,  { 224 }, "Multicast", "RFC 5771", NJ_SPECIAL_MULTICAST, false },
	{ 4, 24, { 233, 252, 0 }, "MCAST-TEST-NET", "RFC 6676",
	  NJ_SPECIAL_DOCUMENTATION, false },
	{ 4, 4,  { 240 }, "Reserved", "RFC 1112", NJ_SPECIAL_RESERVED, false },
	{ 4, 32, { 255, 255, 255, 255 }, "Limited Broadcast", "RFC 919",
	  NJ_SPECIAL_BROADCAST, false },

	/* IPv6 special-purpose address registry. */
	{ 6, 128, { 0 }, "Unspecified Address", "RFC 4291",
	  NJ_SPECIAL_UNSPECIFIED, false },
	{ 6, 128, { [15] = 1 }, "Loopback Address", "RFC 4291",
	  NJ_SPECIAL_LOOPBACK, false },
	{ 6, 96, { [10] = 0xff, [11] = 0xff }, "IPv4-mapped Address", "RFC 4291",
	  NJ_SPECIAL_RESERVED, false },
	{ 6, 96, { 0, 0x64, 0xff, 0x9b }, "IPv4-IPv6 Translat.", "RFC 6052",
	  NJ_SPECIAL_TRANSLATION, true },
	{ 6, 48, { 0, 0x64, 0xff, 0x9b, 0, 1 }, "IPv4-IPv6 Translat.", "RFC 8215",
	  NJ_SPECIAL_TRANSLATION, false },
	{ 6, 64, { 1, 0 }, "Discard-Only Address Block", "RFC 6666",
	  NJ_SPECIAL_DISCARD, false },
	{ 6, 64, { 1, 0, 0, 0, 0, 0, 0, 1 }, "Dummy IPv6 Prefix", "RFC 9780",
	  NJ_SPECIAL_DISCARD, false },
	{ 6, 23, { 0x20, 0x01 }, "IETF Protocol Assignments", "RFC 2928",
	  NJ_SPECIAL_RESERVED, false },
	{ 6, 32, { 0x20, 0x01 }, "TEREDO", "RFC 4380", NJ_SPECIAL_TUNNEL, true },
	{ 6, 128, { 0x20, 0x01, 0, 1, [15] = 1 }, "Port Control Protocol Anycast",
	  "RFC 7723", NJ_SPECIAL_ANYCAST, true },
	{ 6, 128, { 0x20, 0x01, 0, 1, [15] = 2 },
	  "Traversal Using Relays around NAT Anycast", "RFC 8155",
	  NJ_SPECIAL_ANYCAST, true },
	{ 6, 128, { 0x20, 0x01, 0, 1, [15] = 3 }, "DNS-SD Service Registration "
	  "Protocol Anycast", "RFC 9665", NJ_SPECIAL_ANYCAST, true },
	{ 6, 48, { 0x20, 0x01, 0, 2, 0, 0 }, "Benchmarking", "RFC 5180",
	  NJ_SPECIAL_BENCHMARKING, false },
	{ 6, 32, { 0x20, 0x01, 0, 3 }, "AMT", "RFC 7450", NJ_SPECIAL_ANYCAST, true },
	{ 6, 48, { 0x20, 0x01, 0, 4, 0x01, 0x12 }, "AS112-v6", "RFC 7535",
	  NJ_SPECIAL_ANYCAST, true },
	{ 6, 28, { 0x20, 0x01, 0, 0x10 }, "Deprecated (previously ORCHID)",
	  "RFC 4843", NJ_SPECIAL_DEPRECATED, false },
	{ 6, 28, { 0x20, 0x01, 0, 0x20 }, "ORCHIDv2", "RFC 7343",
	  NJ_SPECIAL_ANYCAST, true },
	{ 6, 28, { 0x20, 0x01, 0, 0x30 }, "Drone Remote ID Protocol Entity Tags",
	  "RFC 9374", NJ_SPECIAL_ANYCAST, true },
	{ 6, 32, { 0x20, 0x01, 0x0d, 0xb8 }, "Documentation", "RFC 3849",
	  NJ_SPECIAL_DOCUMENTATION, false },
	{ 6, 16, { 0x20, 0x02 }, "6to4", "RFC 3056", NJ_SPECIAL_TUNNEL, true },
	{ 6, 48, { 0x26, 0x20, 0, 0x4f, 0x80, 0 },
	  "Direct Delegation AS112 Service", "RFC 7534", NJ_SPECIAL_ANYCAST, true },
	{ 6, 20, { 0x3f, 0xff }, "Documentation", "RFC 9637",
	  NJ_SPECIAL_DOCUMENTATION, false },
	{ 6, 16, { 0x5f, 0x00 }, "Segment Routing (SRv6) SIDs", "RFC 9602",
	  NJ_SPECIAL_RESERVED, false },
	{ 6, 7,  { 0xfc }, "Unique-Local", "RFC 4193", NJ_SPECIAL_PRIVATE, false },
	{ 6, 10, { 0xfe, 0x80 }, "Link-Local Unicast", "RFC 4291",
	  NJ_SPECIAL_LINK_LOCAL, false },
	{ 6, 10, { 0xfe, 0xc0 }, "Site-Local (deprecated)", "RFC 3879",
	  NJ_SPECIAL_DEPRECATED, false },
	{ 6, 8,  { 0xff }, "Multicast", "RFC 4291", NJ_SPECIAL_MULTICAST, false },
};

#define NTABLE (sizeof(table) / sizeof(table[0]))

static const char *const cat_names[NJ_SPECIAL_CAT_MAX] = {
	[NJ_SPECIAL_NONE] = "none",
	[NJ_SPECIAL_PRIVATE] = "private",
	[NJ_SPECIAL_SHARED] = "shared",
	[NJ_SPECIAL_LOOPBACK] = "loopback",
	[NJ_SPECIAL_LINK_LOCAL] = "link-local",
	[NJ_SPECIAL_DOCUMENTATION] = "documentation",
	[NJ_SPECIAL_BENCHMARKING] = "benchmarking",
	[NJ_SPECIAL_RESERVED] = "reserved",
	[NJ_SPECIAL_MULTICAST] = "multicast",
	[NJ_SPECIAL_BROADCAST] = "broadcast",
	[NJ_SPECIAL_UNSPECIFIED] = "unspecified",
	[NJ_SPECIAL_THIS_NETWORK] = "this-network",
	[NJ_SPECIAL_ANYCAST] = "anycast",
	[NJ_SPECIAL_TRANSLATION] = "translation",
	[NJ_SPECIAL_TUNNEL] = "tunnel",
	[NJ_SPECIAL_DISCARD] = "discard",
	[NJ_SPECIAL_DEPRECATED] = "deprecated",
};

/* True when the first len bits of a equal those of p. */
static bool
prefix_match(const uint8_t *a, const uint8_t *p, unsigned len)
{
	unsigned full = len / 8, rest = len % 8;
	uint8_t mask;

	if (memcmp(a, p, full) != 0)
		return false;
	if (rest == 0)
		return true;
	mask = (uint8_t)(0xff << (8 - rest));
	return (a[full] & mask) == (p[full] & mask);
}

static void
fill(const struct special *e, struct nj_special_info *out)
{
	memset(out, 0, sizeof(*out));
	out->prefix.family = e->family;
	memcpy(out->prefix.a, e->p, e->family == 4 ? 4 : 16);
	out->prefixlen = e->len;
	out->name = e->name;
	out->rfc = e->rfc;
	out->cat = (enum nj_special_cat)e->cat;
	out->global = e->global;
}

bool
nj_special_classify(const struct nj_addr *addr, struct nj_special_info *out)
{
	const struct special *best = NULL;
	struct nj_addr v4;
	size_t i;

	for (i = 0; i < NTABLE; i++) {
		if (table[i].family != addr->family ||
		    (best != NULL && table[i].len <= best->len))
			continue;
		if (prefix_match(addr->a, table[i].p, table[i].len))
			best = &table[i];
	}
	/* ::ffff:0:0/96: the address is an IPv4 address in disguise. */
	if (best != NULL && best->family == 6 && best->len == 96 &&
	    best->p[10] == 0xff && best->p[11] == 0xff) {
		memset(&v4, 0, sizeof(v4));
		v4.family = 4;
		memcpy(v4.a, addr->a + 12, 4);
		if (!nj_special_classify(&v4, out)) {
			out->mapped = true;
			return false;
		}
		out->mapped = true;
		return true;
	}
	if (best == NULL) {
		memset(out, 0, sizeof(*out));
		out->global = true;
		return false;
	}
	fill(best, out);
	return true;
}

bool
nj_special_is_private(const struct nj_addr *addr)
{
	struct nj_special_info si;

	return nj_special_classify(addr, &si) &&
	    (si.cat == NJ_SPECIAL_PRIVATE || si.cat == NJ_SPECIAL_SHARED);
}

bool
nj_special_is_bogon(const struct nj_addr *addr)
{
	struct nj_special_info si;

	return nj_special_classify(addr, &si) && !si.global;
}

const char *
nj_special_cat_name(enum nj_special_cat cat)
{
	return (unsigned)cat < NJ_SPECIAL_CAT_MAX ? cat_names[cat] : "unknown";
}

size_t
nj_special_count(void)
{
	return NTABLE;
}

void
nj_special_entry(size_t i, struct nj_special_info *out)
{
	if (i < NTABLE)
		fill(&table[i], out);
	else
		memset(out, 0, sizeof(*out));
}
