/*
 * dns_tcp.c - DNS over TCP reassembly (RFC 1035 4.2.2, RFC 7766 8):
 * whole messages are handed straight from the segment; only a message
 * split across segments is copied into the per-direction buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "decoders/dns_tcp.h"

void
nj_dns_tcp_init(struct nj_dns_tcp *r)
{
	memset(r, 0, sizeof(*r));
}

/* Bytes still missing from the buffered message (prefix first). */
static uint32_t
missing(const struct nj_dns_tcp *r)
{
	if (r->have < 2)
		return 2 - r->have;
	return 2 + (uint32_t)((r->buf[0] << 8) | r->buf[1]) - r->have;
}

static void
deliver(struct nj_dns_tcp *r, const uint8_t *msg, size_t len, nj_dns_tcp_cb cb,
    void *arg)
{
	r->messages++;
	cb(arg, msg, len);
}

static void
consume(struct nj_dns_tcp *r, const uint8_t *p, size_t len, nj_dns_tcp_cb cb,
    void *arg, struct nj_event_counters *ec)
{
	size_t take, mlen;

	/* First complete the message left over from earlier segments. */
	while (len > 0 && r->have > 0) {
		take = missing(r);
		if (take > len)
			take = len;
		memcpy(r->buf + r->have, p, take);
		r->have += (uint32_t)take;
		p += take;
		len -= take;
		if (r->have >= 2 && missing(r) == 0) {
			deliver(r, r->buf + 2, r->have - 2, cb, arg);
			r->have = 0;
		}
	}
	/* Then every whole message in place. */
	while (len >= 2) {
		mlen = (size_t)((p[0] << 8) | p[1]);
		if (len - 2 < mlen)
			break;
		deliver(r, p + 2, mlen, cb, arg);
		p += 2 + mlen;
		len -= 2 + mlen;
	}
	if (len == 0)
		return;
	/* A message starts here and ends in a later segment. */
	if (r->buf == NULL && (r->buf = malloc(NJ_DNS_TCP_BUF)) == NULL) {
		nj_event(ec, NJ_EV_DNS_TCP_OVERFLOW);
		r->synced = false;
		return;
	}
	memcpy(r->buf, p, len);
	r->have = (uint32_t)len;
}

void
nj_dns_tcp_feed(struct nj_dns_tcp *r, const uint8_t *p, size_t len,
    uint32_t seq, nj_dns_tcp_cb cb, void *arg, struct nj_event_counters *ec)
{
	uint32_t ahead, back;

	if (len == 0 || p == NULL)
		return;
	if (r->synced && seq != r->next_seq) {
		/* Serial arithmetic (RFC 1982): half the space ahead, half back. */
		ahead = seq - r->next_seq;
		if (ahead < 0x80000000u) {
			nj_event(ec, NJ_EV_DNS_TCP_GAP);
			r->gaps++;
			r->have = 0;
		} else {
			back = r->next_seq - seq;
			r->retransmits++;
			if (back >= len)
				return;
			p += back;
			len -= back;
			seq = r->next_seq;
		}
	}
	r->synced = true;
	r->next_seq = seq + (uint32_t)len;
	consume(r, p, len, cb, arg, ec);
}

void
nj_dns_tcp_free(struct nj_dns_tcp *r, struct nj_event_counters *ec)
{
	if (r->have > 0)
		nj_event(ec, NJ_EV_DNS_TCP_TRUNCATED);
	free(r->buf);
	r->buf = NULL;
	r->have = 0;
	r->synced = false;
}
