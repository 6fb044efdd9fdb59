/*
 * site.c - the demo site (policy/demo.yaml) and the outside world it talks
 * to. Outside addresses come from ordinary public space: the documentation
 * prefixes are bogons to a sensor unless declared local.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "gen.h"

const struct site_name site_web_names[] = {
	{ "www.debian.org", GEN_IP(151, 101, 2, 132), "2a04:4e42::644", 443 },
	{ "deb.debian.org", GEN_IP(151, 101, 130, 132), "2a04:4e42:8d::644", 80 },
	{ "security.debian.org", GEN_IP(151, 101, 66, 132), NULL, 80 },
	{ "www.wikipedia.org", GEN_IP(185, 15, 59, 224), "2a02:ec80:300:ed1a::1", 443 },
	{ "github.com", GEN_IP(140, 82, 121, 4), NULL, 443 },
	{ "lwn.net", GEN_IP(45, 33, 94, 129), "2600:3c01:e000:3e6::6d4e:7061", 443 },
	{ "www.kernel.org", GEN_IP(139, 178, 84, 217), "2604:1380:4641:c500::1", 443 },
	{ "news.ycombinator.com", GEN_IP(209, 216, 230, 207), NULL, 443 },
	{ "www.openbsd.org", GEN_IP(129, 128, 5, 194), NULL, 443 },
	{ "mirror.example-cdn.net", GEN_IP(93, 184, 216, 34), NULL, 80 },
	{ "www.bbc.co.uk", GEN_IP(151, 101, 0, 81), "2a04:4e42::81", 443 },
	{ "www.smh.com.au", GEN_IP(104, 18, 22, 147), NULL, 443 },
};
const size_t site_nweb_names =
    sizeof(site_web_names) / sizeof(site_web_names[0]);

/* Public authoritative servers the site resolver recurses to. */
const uint32_t site_root_servers[] = {
	GEN_IP(198, 41, 0, 4),    /* a.root-servers.net */
	GEN_IP(199, 9, 14, 201),  /* b.root-servers.net */
	GEN_IP(192, 5, 6, 30),    /* a.gtld-servers.net */
	GEN_IP(192, 33, 14, 30),  /* b.gtld-servers.net */
	GEN_IP(205, 251, 192, 27),/* an awsdns server */
	GEN_IP(108, 162, 192, 1), /* a cloudflare name server */
};
const size_t site_nroot_servers =
    sizeof(site_root_servers) / sizeof(site_root_servers[0]);

uint32_t
site_workstation(int i)
{
	return SITE_LAN | (uint32_t)(100 + i % SITE_NWORKSTATIONS);
}

int
site_is_local(uint32_t ip)
{
	return (ip & 0xffffff00) == SITE_LAN || (ip & 0xffffff00) == SITE_DMZ;
}

/*
 * Local hosts get a MAC derived from their address (QEMU's OUI, then the
 * low three bytes of the address). Everything outside the site reaches the
 * sensor through the upstream router, so it carries the router's MAC, as
 * it would on a real firewall or SPAN port.
 */
void
site_mac(uint32_t ip, uint8_t mac[6])
{
	static const uint8_t router[6] = { 0x00, 0x1b, 0x21, 0x3a, 0x5c, 0x01 };
	int i;

	if (!site_is_local(ip)) {
		for (i = 0; i < 6; i++)
			mac[i] = router[i];
		return;
	}
	mac[0] = 0x52;
	mac[1] = 0x54;
	mac[2] = 0x00;
	mac[3] = (uint8_t)(ip >> 16);
	mac[4] = (uint8_t)(ip >> 8);
	mac[5] = (uint8_t)ip;
}

void
site_ip6(uint32_t v4, uint8_t out[16])
{
	static const uint8_t prefix[6] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x50 };
	unsigned h = v4 & 0xff;
	/* The decimal digits of the host number, read as hexadecimal. */
	unsigned x = (h / 100) << 8 | (h / 10 % 10) << 4 | h % 10;

	memset(out, 0, 16);
	memcpy(out, prefix, sizeof(prefix));
	out[7] = (v4 & 0xffffff00) == SITE_LAN ? 1 : 2;
	out[14] = (uint8_t)(x >> 8);
	out[15] = (uint8_t)x;
}

int
site_is_local6(const uint8_t a[16])
{
	static const uint8_t prefix[6] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x50 };

	return memcmp(a, prefix, sizeof(prefix)) == 0;
}

const char *
gen_ipstr(uint32_t ip, char buf[16])
{
	snprintf(buf, 16, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xff,
	    (ip >> 8) & 0xff, ip & 0xff);
	return buf;
}

uint32_t
gen_public_addr(struct gen_ctx *g)
{
	/* First octets of ordinary unicast space held by RIRs' members. */
	static const uint8_t first[] = { 5, 24, 31, 37, 45, 46, 62, 77, 78,
		80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 93, 94, 95, 109,
		176, 178, 185, 188, 212, 213, 217 };
	uint32_t a = first[gen_rng_below(&g->rng, sizeof(first))];

	return GEN_IP(a, gen_rng_below(&g->rng, 256),
	    gen_rng_below(&g->rng, 256), 1 + gen_rng_below(&g->rng, 254));
}
