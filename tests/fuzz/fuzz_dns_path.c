/*
 * fuzz_dns_path.c - the sensor's DNS path fed packets made from fuzz
 * bytes: UDP and TCP segments on ports 53 and 5353 between a few hosts,
 * through a flow table of 8 (so flows end, are evicted and come back),
 * the passive DNS cache and the detectors' dns callbacks. Oracle: the
 * TCP side table never holds more connections than flows exist, and is
 * empty once every flow ended; ASan and UBSan watch the rest.
 *
 * Record: b0 flags (bit 0-1 host pair, bit 2 direction, bit 3 TCP, bit 4
 * mDNS port, bit 5 SYN, bit 6 FIN), b1-4 TCP sequence number, b5 time
 * step (seconds), b6-7 payload length (cut to what is left).
 */
#include <stdlib.h>
#include <string.h>

#include "sensor/detector.h"
#include "sensor/dns_path.h"
#include "sensor/dnscache.h"
#include "sensor/flow_table.h"
#include "sensor/sensor.h"
#include "tests/fuzz/fuzz.h"

#define REC 8

static struct nj_sensor S;

static void
on_end(void *arg, const struct nj_flow *f, enum nj_flow_end why)
{
	(void)arg;
	(void)why;
	nj_dns_path_flow_end(S.dnspath, &S, f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct nj_detector *d;
	struct nj_dns_path_stats st;
	struct nj_flow_timeouts to;
	struct nj_packet p;
	struct nj_flow *flow;
	nj_time_t now = NJ_SEC(1772452800);
	size_t off = 0, len, i;
	int dir;

	memset(&S, 0, sizeof(S));
	nj_flow_timeouts_default(&to);
	if ((S.flows = nj_flow_table_new(8, 1, &to, on_end, NULL)) == NULL ||
	    (S.dns = nj_dnscache_new(8)) == NULL ||
	    (S.dnspath = nj_dns_path_new(4)) == NULL)
		abort();
	for (i = 0; (d = nj_detectors[i]) != NULL; i++)
		if (d->init != NULL && (S.det_state[i] = d->init(&S)) == NULL)
			abort();
	while (off + REC <= size) {
		const uint8_t *r = data + off;
		uint8_t pair = r[0] & 3;
		bool back = (r[0] & 4) != 0;

		off += REC;
		len = (size_t)r[6] << 8 | r[7];
		if (len > size - off)
			len = size - off;
		memset(&p, 0, sizeof(p));
		now += NJ_SEC(r[5]);
		p.ts = S.now = now;
		p.ip_version = 4;
		nj_addr_set4(&p.src, 0xc0a83264u + pair);  /* 192.168.50.100+ */
		nj_addr_set4(&p.dst, 0xc0a83202u);         /* 192.168.50.2 */
		p.sport = (uint16_t)(40000 + pair);
		p.dport = (r[0] & 0x10) != 0 ? NJ_MDNS_PORT : NJ_DNS_PORT;
		if (back) {
			struct nj_addr a = p.src;
			uint16_t port = p.sport;

			p.src = p.dst;
			p.dst = a;
			p.sport = p.dport;
			p.dport = port;
		}
		p.proto = (r[0] & 8) != 0 ? 6 : 17;
		p.l4 = true;
		p.tcp_seq = (uint32_t)r[1] << 24 | (uint32_t)r[2] << 16 |
		    (uint32_t)r[3] << 8 | r[4];
		p.tcp_flags = (uint8_t)(NJ_TH_ACK |
		    ((r[0] & 0x20) != 0 ? NJ_TH_SYN : 0) |
		    ((r[0] & 0x40) != 0 ? NJ_TH_FIN : 0));
		p.payload = data + off;
		p.payload_len = (uint32_t)len;
		off += len;
		flow = nj_flow_table_packet(S.flows, &p, &dir);
		nj_dns_path_packet(S.dnspath, &S, &p, flow, dir);
		nj_flow_table_expire(S.flows, now);
		nj_dns_path_stats(S.dnspath, &st);
		if (st.tcp_conns > nj_flow_table_stats(S.flows)->active)
			abort();
	}
	nj_flow_table_flush(S.flows);
	nj_dns_path_stats(S.dnspath, &st);
	if (st.tcp_conns != 0)
		abort();
	for (i = 0; (d = nj_detectors[i]) != NULL; i++)
		if (d->fini != NULL && S.det_state[i] != NULL)
			d->fini(S.det_state[i]);
	nj_flow_table_free(S.flows);
	nj_dns_path_free(S.dnspath, &S);
	nj_dnscache_free(S.dns);
	return 0;
}
