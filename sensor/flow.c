/*
 * flow.c - the per-flow state machine: who initiated, TCP state, Zeek
 * history letters, and the per-direction counters.
 */
#include <netinet/in.h>
#include <string.h>

#include "sensor/flow.h"
#include "sensor/flow_table.h"

const char *
nj_flow_state_name(enum nj_flow_state st)
{
	switch (st) {
	case NJ_FLOW_ATTEMPTED:
		return "attempted";
	case NJ_FLOW_REJECTED:
		return "rejected";
	case NJ_FLOW_HALF_OPEN:
		return "half_open";
	case NJ_FLOW_ESTABLISHED:
		return "established";
	case NJ_FLOW_CLOSED:
		return "closed";
	case NJ_FLOW_UDP:
		return "pseudo";
	}
	return "unknown";
}

const char *
nj_proto_name(uint8_t proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "TCP";
	case IPPROTO_UDP:
		return "UDP";
	case IPPROTO_ICMP:
		return "ICMP";
	case IPPROTO_ICMPV6:
		return "IPv6-ICMP";
	}
	return "unknown";
}

void
nj_flow_icmp_ports(uint8_t proto, uint8_t type, uint8_t code,
    uint16_t *sport, uint16_t *dport)
{
	int cp = nj_icmp_counterpart(proto, type);

	*sport = type;
	*dport = cp >= 0 ? (uint16_t)cp : code;
}

/*
 * Which side of a flow seen mid-stream is the server: a well-known port
 * (< 1024) facing an ephemeral one; for TCP otherwise the lower port.
 * Returns true when the packet's receiver is the initiator.
 */
static bool
infer_flip(const struct nj_packet *p)
{
	bool swk = p->sport < 1024, dwk = p->dport < 1024;

	if (swk != dwk)
		return swk;
	if (p->proto == IPPROTO_TCP)
		return p->sport < p->dport;
	return false;
}

int
nj_flow_start(struct nj_flow *f, const struct nj_packet *p)
{
	bool flip = false;
	uint8_t fl = p->tcp_flags;

	memset(f, 0, sizeof(*f));
	f->proto = p->proto;
	f->vlan = p->vlan_count > 0 ? p->vlan[0] : 0;
	f->first = f->last = p->ts;
	switch (p->proto) {
	case IPPROTO_TCP:
		if ((fl & (NJ_TH_SYN | NJ_TH_RST)) == NJ_TH_SYN) {
			/* A SYN-ACK first: its receiver sent the SYN. */
			flip = (fl & NJ_TH_ACK) != 0;
			f->state = flip ? NJ_FLOW_HALF_OPEN : NJ_FLOW_ATTEMPTED;
		} else {
			/* Mid-stream; a lone reset is the end of something. */
			flip = infer_flip(p);
			f->initiator_inferred = true;
			f->state = (fl & NJ_TH_RST) ? NJ_FLOW_CLOSED :
			    NJ_FLOW_ESTABLISHED;
		}
		break;
	case IPPROTO_UDP:
		flip = infer_flip(p);
		f->initiator_inferred = true;
		f->state = NJ_FLOW_UDP;
		break;
	default:
		f->state = NJ_FLOW_UDP;
		break;
	}
	if (p->proto == IPPROTO_ICMP || p->proto == IPPROTO_ICMPV6) {
		/* Zeek's convention: type and code stand in for the ports. */
		f->orig = p->src;
		f->resp = p->dst;
		f->orig_port = p->icmp_type;
		f->resp_port = p->icmp_code;
	} else if (flip) {
		f->orig = p->dst;
		f->resp = p->src;
		f->orig_port = p->dport;
		f->resp_port = p->sport;
		return 1;
	} else {
		f->orig = p->src;
		f->resp = p->dst;
		f->orig_port = p->sport;
		f->resp_port = p->dport;
	}
	return 0;
}

/* Appends a history letter once (uppercase orig, lowercase resp). */
static void
history(struct nj_flow *f, char c, int dir)
{
	if (dir)
		c = (char)(c - 'A' + 'a');
	if (memchr(f->history, c, f->hist_len) != NULL ||
	    f->hist_len >= NJ_FLOW_HISTORY_MAX)
		return;
	f->history[f->hist_len++] = c;
	f->history[f->hist_len] = '\0';
}

static void
tcp_update(struct nj_flow *f, const struct nj_packet *p, int dir,
    uint8_t *fin)
{
	uint8_t fl = p->tcp_flags;
	bool syn = fl & NJ_TH_SYN, ack = fl & NJ_TH_ACK;

	if (syn && ack)
		history(f, 'H', dir);
	else if (syn)
		history(f, 'S', dir);
	else if (ack && p->payload_len == 0 && !(fl & (NJ_TH_FIN | NJ_TH_RST)))
		history(f, 'A', dir);
	if (p->payload_len > 0)
		history(f, 'D', dir);
	if (fl & NJ_TH_FIN)
		history(f, 'F', dir);
	if (fl & NJ_TH_RST)
		history(f, 'R', dir);

	if (fl & NJ_TH_RST) {
		/* A reset answering a bare SYN is a refused connection. */
		if (f->state == NJ_FLOW_ATTEMPTED && dir == 1)
			f->state = NJ_FLOW_REJECTED;
		else if (f->state == NJ_FLOW_HALF_OPEN ||
		    f->state == NJ_FLOW_ESTABLISHED)
			f->state = NJ_FLOW_CLOSED;
		return;
	}
	switch (f->state) {
	case NJ_FLOW_ATTEMPTED:
		if (syn && ack && dir == 1)
			f->state = NJ_FLOW_HALF_OPEN;
		break;
	case NJ_FLOW_HALF_OPEN:
		if (ack && !syn && dir == 0)
			f->state = NJ_FLOW_ESTABLISHED;
		break;
	default:
		break;
	}
	/* Data both ways proves the connection even if the ACK was lost. */
	if (f->state == NJ_FLOW_HALF_OPEN && strchr(f->history, 'D') &&
	    strchr(f->history, 'd'))
		f->state = NJ_FLOW_ESTABLISHED;
	if (fl & NJ_TH_FIN) {
		*fin |= (uint8_t)(1u << dir);
		if (*fin == 3 && (f->state == NJ_FLOW_ESTABLISHED ||
		    f->state == NJ_FLOW_HALF_OPEN))
			f->state = NJ_FLOW_CLOSED;
	}
}

void
nj_flow_update(struct nj_flow *f, const struct nj_packet *p, int dir,
    uint8_t *fin)
{
	if (p->ts > f->last)
		f->last = p->ts;
	f->pkts[dir]++;
	f->bytes[dir] += p->wirelen;
	if (dir == 1)
		f->reply_seen = true;
	if (p->proto == IPPROTO_TCP)
		tcp_update(f, p, dir, fin);
	else if (p->payload_len > 0)
		history(f, 'D', dir);
}
