/*
 * fuzz_odddns.c - libFuzzer target for the odd-DNS detectors: the first
 * input byte picks the client, the server side and the time step; the
 * rest is a DNS message, parsed and, when it parses, handed to every
 * odd-DNS detector's dns() (with the bytes as the packet payload, which
 * dns-tunnel re-reads for over-long names) and to packet() as port-53
 * traffic. The detectors keep their state across inputs, so tables
 * fill, roll windows and evict as in a long run.
 */
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

#include "decoders/dns.h"
#include "policy/policy.h"
#include "sensor/det_dns.h"
#include "sensor/flow.h"
#include "sensor/sensor.h"
#include "tests/fuzz/fuzz.h"

/*
 * The alert pipeline is linked in but never used here (no outputs):
 * a stand-in for the Community ID it calls, replaced by the real one
 * whenever that is linked.
 */
__attribute__((weak)) void
nj_community_id(const struct nj_addr *src, uint16_t sport,
    const struct nj_addr *dst, uint16_t dport, uint8_t proto, uint16_t seed,
    char *buf, size_t len)
{
	(void)src, (void)sport, (void)dst, (void)dport, (void)proto;
	(void)seed;
	if (len > 0)
		buf[0] = '\0';
}

static const struct nj_detector *const dets[] = { &nj_det_dns_resolver,
	&nj_det_dns_tunnel, &nj_det_dns_nxdomain, &nj_det_dns_quiet };
#define NDETS (sizeof(dets) / sizeof(dets[0]))

static struct nj_sensor s;
static void *st[NDETS];
static nj_time_t now = NJ_SEC(1772409600);

static void
setup(void)
{
	static const char pol[] = "hosts:\n  resolvers: [192.168.50.2]\n"
	    "  no_egress: [192.168.50.9]\n";
	size_t i;

	s.name = "fuzz";
	s.policy = nj_policy_parse("fuzz", pol, strlen(pol), NULL);
	for (i = 0; i < NDETS; i++)
		if ((st[i] = dets[i]->init(&s)) == NULL)
			__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nj_dns_msg m;
	struct nj_packet p;
	struct nj_flow f;
	uint8_t sel;
	size_t i;

	if (s.name == NULL)
		setup();
	if (size < 1)
		return 0;
	sel = data[0];
	memset(&p, 0, sizeof(p));
	nj_addr_set4(&p.src, 0xc0a83200u | (sel & 0x0f));   /* 192.168.50.x */
	nj_addr_set4(&p.dst, (sel & 0x10) ? 0x08080808u : 0xc0a83202u);
	p.ip_version = 4;
	p.proto = (sel & 0x20) ? IPPROTO_TCP : IPPROTO_UDP;
	p.l4 = true;
	p.sport = 40000;
	p.dport = (sel & 0x40) ? 5300 : 53;
	p.payload = data + 1;
	p.payload_len = (uint32_t)(size - 1);
	now += (nj_time_t)(sel >> 4) * NJ_SEC(7);
	p.ts = s.now = now;
	memset(&f, 0, sizeof(f));
	f.orig = p.src;
	f.resp = p.dst;
	f.pkts[0] = 1;
	for (i = 0; i < NDETS; i++) {
		if (dets[i]->packet != NULL)
			dets[i]->packet(st[i], &s, &p, &f, 0);
		if (dets[i]->tick != NULL)
			dets[i]->tick(st[i], &s, now);
	}
	if (nj_dns_parse(p.payload, p.payload_len, &m, NULL) != NJ_DECODE_OK)
		return 0;
	if (m.qr) {
		/* A response goes the other way. */
		struct nj_addr t = p.src;

		p.src = p.dst;
		p.dst = t;
		p.sport = p.dport;
		p.dport = 40000;
	}
	for (i = 0; i < NDETS; i++)
		dets[i]->dns(st[i], &s, &p, NULL, 0, &m);
	return 0;
}
