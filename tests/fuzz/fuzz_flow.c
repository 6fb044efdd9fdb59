/*
 * fuzz_flow.c - the flow table fed packets made from fuzz bytes: a few
 * hosts and ports so tuples collide, a cap of 8 so eviction runs, time
 * that jumps and goes back. Oracle: every created flow ends exactly once
 * and the counters add up.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/flow_table.h"
#include "tests/fuzz/fuzz.h"

static uint64_t ended;

static void
on_end(void *arg, const struct nj_flow *f, enum nj_flow_end why)
{
	(void)arg;
	(void)why;
	if (f->pkts[0] + f->pkts[1] == 0)
		abort();
	ended++;
}

#define REC 12

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t protos[4] = { IPPROTO_TCP, IPPROTO_UDP,
	    IPPROTO_ICMP, IPPROTO_ICMPV6 };
	const struct nj_flow_table_stats *st;
	struct nj_flow_timeouts to;
	struct nj_flow_table *ft;
	struct nj_packet p;
	nj_time_t now = 0;
	size_t off;
	int dir;

	nj_flow_timeouts_default(&to);
	ended = 0;
	if ((ft = nj_flow_table_new(8, 1, &to, on_end, NULL)) == NULL)
		return 0;
	for (off = 0; off + REC <= size; off += REC) {
		const uint8_t *r = data + off;

		memset(&p, 0, sizeof(p));
		p.ip_version = (r[0] & 0x80) ? 6 : 4;
		p.src.family = p.dst.family = p.ip_version;
		p.src.a[0] = 10;
		p.src.a[3] = r[1] & 3;
		p.dst.a[0] = 10;
		p.dst.a[3] = (r[1] >> 2) & 3;
		p.proto = protos[r[0] & 3];
		p.l4 = !(r[0] & 0x40);
		p.frag_later = (r[0] & 0x20) != 0;
		p.sport = r[2] & 7;
		p.dport = r[3] & 7;
		p.tcp_flags = r[4];
		p.icmp_type = r[5];
		p.icmp_code = r[6] & 3;
		p.payload_len = r[7];
		p.wirelen = 60 + r[7];
		p.vlan_count = r[8] & 1;
		p.vlan[0] = r[8] >> 4;
		if (r[0] & 0x10) {
			p.has_inner = true;
			p.inner.src = p.dst;
			p.inner.dst = p.src;
			p.inner.proto = protos[r[9] & 1];
			p.inner.sport = r[9] >> 5;
			p.inner.dport = r[2] & 7;
		}
		/* Time moves by up to ~70 min, or back a little. */
		if (r[10] & 0x80)
			now = now > NJ_SEC(r[10] & 0x7f) ? now -
			    NJ_SEC(r[10] & 0x7f) : 0;
		else
			now += NJ_SEC((nj_time_t)r[10] * r[11]);
		p.ts = now;
		nj_flow_table_packet(ft, &p, &dir);
		if (r[11] & 1)
			nj_flow_table_expire(ft, now);
		st = nj_flow_table_stats(ft);
		if (st->active > 8 || st->created != st->active + ended)
			abort();
	}
	nj_flow_table_flush(ft);
	st = nj_flow_table_stats(ft);
	if (st->active != 0 || ended != st->created ||
	    st->expired + st->evicted > st->created)
		abort();
	nj_flow_table_free(ft);
	return 0;
}
