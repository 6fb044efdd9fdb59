/*
 * test_dns_pcaps.c - every capture in ../shared/pcaps/dns through
 * nj_decode and then the DNS parser, the TCP reassembly and the passive DNS cache (no crash, no leak
 * under ASan), and facts from the Zeek and Arkime baselines that ship
 * with those captures checked against what the cache learned.
 * Usage: test_dns_pcaps DIR. Exits 77 (skip) when DIR is absent.
 */
#include <ctype.h>
#include <dirent.h>
#include <ldns/ldns.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decoders/dns.h"
#include "decoders/dns_tcp.h"
#include "sensor/dnscache.h"
#include "decoders/packet.h"

#define NFLOWS 64

struct tflow {
	bool used;
	struct nj_addr src, dst;
	uint16_t sport, dport;
	struct nj_dns_tcp r;
};

struct run {
	struct nj_dnscache *cache;
	struct nj_event_counters ec;
	struct tflow flows[NFLOWS];
	unsigned next_victim;
	struct nj_packet *pkt;     /* the packet being processed */
	nj_time_t now;
	uint64_t msgs, ok, tcp_msgs, compared;
	struct nj_dns_msg m;
};

/* Ground truth: from the Zeek dns.log and Arkime .test files beside the captures. */
struct fact {
	const char *file;
	const char *client, *addr, *resolver;
	const char *chain[4];     /* question first; NULL-terminated */
	uint32_t ttl;
	bool checked;
};

static struct fact facts[] = {
	/* arkime tests/pcap/dns-tcp.test: two answers over one TCP connection. */
	{ "arkime__tests__pcap__dns-tcp.pcap", "10.180.156.141",
	  "74.125.228.46", "10.2.95.39", { "google.com", "google.com" }, 166,
	  false },
	{ "arkime__tests__pcap__dns-tcp.pcap", "10.180.156.141",
	  "64.12.89.186", "10.2.95.39", { "aol.com", "aol.com" }, 10, false },
	/*
	 * zeek duplicate-reponses/dns.log: www.cmu.edu -> www-cmu.andrew ->
	 * www-cmu-2.andrew -> 128.2.10.163, TTLs 86400, 5, 21600.
	 */
	{ "zeek__testing__btest__Traces__dns-two-responses.pcap",
	  "55.247.223.174", "128.2.10.163", "222.195.43.124",
	  { "www.cmu.edu", "www-cmu.andrew.cmu.edu",
	    "www-cmu-2.andrew.cmu.edu" }, 5, false },
	/* zeek flip/dns.log: the response comes first in the trace. */
	{ "zeek__testing__btest__Traces__dns53.pcap", "10.20.1.31",
	  "63.77.33.226", "207.158.192.40",
	  { "us.v27.distributed.net", "us.v27.distributed.net" }, 900, false },
	{ "zeek__testing__btest__Traces__dns53.pcap", "10.20.1.31",
	  "206.109.64.186", "207.158.192.40",
	  { "us.v27.distributed.net", "us.v27.distributed.net" }, 900, false },
};

static int failures;

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		failures++;						\
	}								\
} while (0)

/* ldns's own presentation of a name, lowercased, without the final dot. */
static bool
ldns_name(const ldns_rdf *rdf, char *buf, size_t len)
{
	char *s = ldns_rdf2str(rdf), *p;
	size_t n;

	if (s == NULL)
		return false;
	for (p = s; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	n = strlen(s);
	/* ldns ends every name but the root with a dot. */
	if (n > 1 && s[n - 1] == '.')
		s[--n] = '\0';
	snprintf(buf, len, "%s", s);
	free(s);
	return n < len;
}

/*
 * Differential check: our rendering of the question and answer owners
 * against ldns_rdf2str on the same message (ldns is the reference).
 */
static void
compare_names(struct run *r, const uint8_t *msg, size_t len)
{
	char want[1100];
	ldns_pkt *pkt = NULL;
	const ldns_rr_list *l;
	size_t i;

	if (ldns_wire2pkt(&pkt, msg, len) != LDNS_STATUS_OK) {
		CHECK(0, "ldns refuses a message nj_dns_parse accepted");
		ldns_pkt_free(pkt);
		return;
	}
	l = ldns_pkt_question(pkt);
	if (r->m.has_question && ldns_rr_list_rr_count(l) > 0 &&
	    ldns_name(ldns_rr_owner(ldns_rr_list_rr(l, 0)), want, sizeof(want)) &&
	    !r->m.names_cut)
		CHECK(strcmp(want, r->m.qname) == 0, "qname %s, ldns %s",
		    r->m.qname, want);
	l = ldns_pkt_answer(pkt);
	for (i = 0; i < r->m.n_answers && i < ldns_rr_list_rr_count(l); i++) {
		if (ldns_name(ldns_rr_owner(ldns_rr_list_rr(l, i)), want,
		    sizeof(want)) && !r->m.names_cut)
			CHECK(strcmp(want, r->m.an[i].name) == 0,
			    "owner %s, ldns %s", r->m.an[i].name, want);
	}
	r->compared++;
	ldns_pkt_free(pkt);
}

/*
 * With NJ_DNS_DUMP=DIR in the environment, every message is also written
 * to DIR/msg-N: seeds for the fuzzer that are not committed (they come
 * from third-party captures).
 */
static void
dump(const uint8_t *msg, size_t len)
{
	static unsigned long n;
	const char *dir = getenv("NJ_DNS_DUMP");
	char path[4096];
	FILE *fp;

	if (dir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/msg-%lu", dir, n++);
	if ((fp = fopen(path, "wb")) != NULL) {
		fwrite(msg, 1, len, fp);
		fclose(fp);
	}
}

static void
on_message(void *arg, const uint8_t *msg, size_t len)
{
	struct run *r = arg;

	r->msgs++;
	dump(msg, len);
	if (nj_dns_parse(msg, len, &r->m, &r->ec) != NJ_DECODE_OK)
		return;
	r->ok++;
	compare_names(r, msg, len);
	if (r->m.qr)
		nj_dnscache_answer(r->cache, &r->pkt->dst, &r->pkt->src, &r->m,
		    r->now);
}

static struct tflow *
tcp_flow(struct run *r, const struct nj_packet *w)
{
	struct tflow *f;
	unsigned i;

	for (i = 0; i < NFLOWS; i++) {
		f = &r->flows[i];
		if (f->used && f->sport == w->sport && f->dport == w->dport &&
		    nj_addr_cmp(&f->src, &w->src) == 0 &&
		    nj_addr_cmp(&f->dst, &w->dst) == 0)
			return f;
	}
	f = &r->flows[r->next_victim++ % NFLOWS];
	if (f->used)
		nj_dns_tcp_free(&f->r, &r->ec);
	f->used = true;
	f->src = w->src;
	f->dst = w->dst;
	f->sport = w->sport;
	f->dport = w->dport;
	nj_dns_tcp_init(&f->r);
	return f;
}

static bool
is_dns_port(uint16_t p)
{
	return p == 53 || p == 5353 || p == 5355;
}

static void
check_facts(struct run *r, const char *file)
{
	struct nj_addr client, addr, res;
	struct nj_dns_hit h;
	struct fact *f;
	size_t i, k;

	for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i++) {
		f = &facts[i];
		if (strcmp(f->file, file) != 0)
			continue;
		f->checked = true;
		nj_addr_parse(f->client, &client);
		nj_addr_parse(f->addr, &addr);
		nj_addr_parse(f->resolver, &res);
		if (!nj_dnscache_lookup(r->cache, &client, &addr, r->now, &h)) {
			CHECK(0, "%s: %s %s: no answer cached", file, f->client,
			    f->addr);
			continue;
		}
		CHECK(h.by_client, "%s: %s: not by client", file, f->addr);
		CHECK(nj_addr_cmp(&h.resolver, &res) == 0, "%s: %s: resolver",
		    file, f->addr);
		CHECK(h.ttl == f->ttl, "%s: %s: ttl %u, want %u", file, f->addr,
		    h.ttl, f->ttl);
		for (k = 0; k < 4 && f->chain[k] != NULL; k++)
			;
		/* A chain of one name is written twice: question and owner. */
		if (k == 2 && strcmp(f->chain[0], f->chain[1]) == 0)
			k = 1;
		CHECK(h.nchain == k, "%s: %s: chain of %u, want %zu", file,
		    f->addr, h.nchain, k);
		for (k = 0; k < h.nchain && k < 4 && f->chain[k] != NULL; k++)
			CHECK(strcmp(h.chain[k], f->chain[k]) == 0,
			    "%s: %s: chain[%zu] %s, want %s", file, f->addr, k,
			    h.chain[k], f->chain[k]);
	}
}

static void
run_file(const char *dir, const char *name, struct run *tot)
{
	char path[4096], err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *hdr;
	const u_char *data;
	struct nj_packet w;
	struct run *r;
	struct tflow *f;
	pcap_t *pc;
	uint32_t seq;
	int dlt, rc;
	unsigned i;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((pc = pcap_open_offline(path, err)) == NULL) {
		CHECK(0, "%s: %s", path, err);
		return;
	}
	r = calloc(1, sizeof(*r));
	r->cache = nj_dnscache_new(4096);
	r->pkt = &w;
	dlt = pcap_datalink(pc);
	while ((rc = pcap_next_ex(pc, &hdr, &data)) == 1) {
		r->now = NJ_SEC(hdr->ts.tv_sec) + (nj_time_t)hdr->ts.tv_usec;
		nj_decode(dlt, data, hdr->caplen, hdr->len, &w, &r->ec);
		if (!w.l4 || w.frag_later ||
		    !(is_dns_port(w.sport) || is_dns_port(w.dport)))
			continue;
		if (w.proto == 17) {
			on_message(r, w.payload, w.payload_len);
			continue;
		}
		if (w.proto != 6)
			continue;
		f = tcp_flow(r, &w);
		seq = w.tcp_seq + ((w.tcp_flags & NJ_TH_SYN) ? 1 : 0);
		nj_dns_tcp_feed(&f->r, w.payload, w.payload_len, seq, on_message, r,
		    &r->ec);
		r->tcp_msgs = 0;
		for (i = 0; i < NFLOWS; i++)
			r->tcp_msgs += r->flows[i].r.messages;
	}
	CHECK(rc == PCAP_ERROR_BREAK || rc == PCAP_ERROR, "%s: read %d", path,
	    rc);
	check_facts(r, name);
	for (i = 0; i < NFLOWS; i++) {
		if (r->flows[i].used)
			nj_dns_tcp_free(&r->flows[i].r, &r->ec);
	}
	tot->msgs += r->msgs;
	tot->ok += r->ok;
	tot->tcp_msgs += r->tcp_msgs;
	tot->compared += r->compared;
	for (i = 0; i < NJ_EV_MAX; i++)
		tot->ec.n[i] += r->ec.n[i];
	nj_dnscache_free(r->cache);
	free(r);
	pcap_close(pc);
}

static int
is_capture(const struct dirent *de)
{
	size_t n = strlen(de->d_name);

	return (n > 5 && strcmp(de->d_name + n - 5, ".pcap") == 0) ||
	    (n > 7 && strcmp(de->d_name + n - 7, ".pcapng") == 0);
}

int
main(int argc, char **argv)
{
	struct dirent **names;
	struct run tot;
	struct stat sb;
	size_t i;
	int n, k;

	if (argc != 2 || stat(argv[1], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		printf("skip: %s absent (the shared captures)\n",
		    argc > 1 ? argv[1] : "pcaps/dns");
		return 77;
	}
	memset(&tot, 0, sizeof(tot));
	if ((n = scandir(argv[1], &names, is_capture, alphasort)) < 0) {
		perror(argv[1]);
		return 1;
	}
	for (k = 0; k < n; k++) {
		run_file(argv[1], names[k]->d_name, &tot);
		free(names[k]);
	}
	free(names);
	for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i++)
		CHECK(facts[i].checked, "%s: capture missing", facts[i].file);
	printf("%d captures, %llu DNS messages (%llu over TCP), %llu parsed, "
	    "%llu malformed, %llu TCP gaps\n", n,
	    (unsigned long long)tot.msgs, (unsigned long long)tot.tcp_msgs,
	    (unsigned long long)tot.ok,
	    (unsigned long long)tot.ec.n[NJ_EV_DNS_MALFORMED],
	    (unsigned long long)tot.ec.n[NJ_EV_DNS_TCP_GAP]);
	/* Most of these are ordinary DNS: a parser failing on many is wrong. */
	CHECK(tot.msgs > 1000 && tot.ok * 10 > tot.msgs * 8,
	    "only %llu of %llu messages parsed", (unsigned long long)tot.ok,
	    (unsigned long long)tot.msgs);
	CHECK(tot.compared == tot.ok, "names compared with ldns in %llu of %llu",
	    (unsigned long long)tot.compared, (unsigned long long)tot.ok);
	CHECK(tot.tcp_msgs > 10, "only %llu TCP messages",
	    (unsigned long long)tot.tcp_msgs);
	return failures == 0 ? 0 : 1;
}
