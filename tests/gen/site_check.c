/*
 * site_check.c - a capture against the demo policy, read by nightjar's own
 * policy library: policy/demo.yaml must load and hold the site of issue 4;
 * every local address sending on the wire must be in the inventory, and every
 * outside address ordinary global unicast, except where a planted fact
 * says otherwise (an unknown local host, a private or bogon destination).
 *
 *   gen_site_check POLICY.yaml FILE.pcap FACTS.json
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "decoders/packet.h"
#include "policy/policy.h"
#include "policy/special.h"

static int failures;

static void
fail(const char *what, const struct nj_addr *a)
{
	char b[NJ_ADDRSTRLEN];

	fprintf(stderr, "FAIL: %s%s%s\n", what, a ? ": " : "",
	    a ? nj_addr_str(a, b, sizeof(b)) : "");
	failures++;
}

/* Is a a planted fact's key address for one of the given kinds? */
static int
planted(json_t *facts, const struct nj_addr *a, const char *key,
    const char *k1, const char *k2)
{
	char b[NJ_ADDRSTRLEN];
	const char *kind, *s;
	json_t *f;
	size_t i;

	nj_addr_str(a, b, sizeof(b));
	json_array_foreach(facts, i, f) {
		kind = json_string_value(json_object_get(f, "kind"));
		s = json_string_value(json_object_get(f, key));
		if (s != NULL && strcmp(s, b) == 0 && (strcmp(kind, k1) == 0 ||
		    (k2 != NULL && strcmp(kind, k2) == 0)))
			return 1;
	}
	return 0;
}

/*
 * A local address only counts as a host when it sends: a sweep's probes
 * to empty DMZ addresses are not hosts.
 */
static void
address(struct nj_policy *pol, json_t *facts, const struct nj_addr *a,
    int sends)
{
	struct nj_special_info si;

	if (nj_policy_is_local(pol, a)) {
		if (!sends)
			return;
		if (!nj_policy_in_inventory(pol, a) &&
		    !planted(facts, a, "src", "unknown-local-host", NULL))
			fail("local address missing from the inventory", a);
		if (nj_policy_in_inventory(pol, a) &&
		    planted(facts, a, "src", "unknown-local-host", NULL))
			fail("an unknown host is in the inventory", a);
		return;
	}
	nj_special_classify(a, &si);
	if (si.cat != NJ_SPECIAL_NONE && !planted(facts, a, "dst",
	    "private-destination", "bogon-destination"))
		fail("outside address is not ordinary unicast", a);
}

static void
roles(struct nj_policy *pol)
{
	static const struct {
		const char *addr;
		enum nj_role role;
	} want[] = { { "192.168.50.2", NJ_ROLE_RESOLVER },
		{ "192.0.2.25", NJ_ROLE_MAIL_RELAY },
		{ "192.168.50.10", NJ_ROLE_ADMIN },
		{ "192.0.2.80", NJ_ROLE_NO_EGRESS } };
	struct nj_addr a;
	size_t i;

	if (nj_policy_sensor_name(pol) == NULL ||
	    strcmp(nj_policy_sensor_name(pol), "fw1") != 0)
		fail("sensor name is not fw1", NULL);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		nj_addr_parse(want[i].addr, &a);
		if (!nj_policy_has_role(pol, want[i].role, &a))
			fail("role missing", &a);
	}
	nj_addr_parse("2001:db8:50:1::105", &a);
	if (!nj_policy_is_local(pol, &a))
		fail("the site's IPv6 prefix is not local", &a);
}

int
main(int argc, char **argv)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	struct nj_packet p;
	struct nj_policy *pol;
	json_error_t jerr;
	json_t *doc;
	pcap_t *pc;
	size_t n = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: gen_site_check POLICY PCAP FACTS\n");
		return 2;
	}
	if ((pol = nj_policy_load(argv[1], stderr)) == NULL) {
		fprintf(stderr, "FAIL: %s does not load\n", argv[1]);
		return 1;
	}
	if ((doc = json_load_file(argv[3], 0, &jerr)) == NULL) {
		fprintf(stderr, "FAIL: %s: %s\n", argv[3], jerr.text);
		return 1;
	}
	roles(pol);
	if ((pc = pcap_open_offline(argv[2], errbuf)) == NULL) {
		fprintf(stderr, "FAIL: %s\n", errbuf);
		return 1;
	}
	while (pcap_next_ex(pc, &h, &data) == 1 && failures < 10) {
		if (nj_decode(pcap_datalink(pc), data, h->caplen, h->len, &p,
		    NULL) != NJ_DECODE_OK || p.ip_version == 0)
			continue;
		n++;
		address(pol, json_object_get(doc, "facts"), &p.src, 1);
		address(pol, json_object_get(doc, "facts"), &p.dst, 0);
	}
	pcap_close(pc);
	printf("%zu packets checked against %s, %d failures\n", n, argv[1],
	    failures);
	json_decref(doc);
	nj_policy_free(pol);
	return failures ? 1 : 0;
}
