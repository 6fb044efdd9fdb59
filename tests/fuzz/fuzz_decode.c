/*
 * fuzz_decode.c - libFuzzer target for nj_decode: the first input byte
 * picks one of the supported link types, the rest is the frame.
 */
#include <stdlib.h>

#include "decoders/packet.h"
#include "tests/fuzz/fuzz.h"

static const int dlts[] = {
	NJ_DLT_EN10MB, NJ_DLT_LINUX_SLL, NJ_DLT_LINUX_SLL2, NJ_DLT_RAW,
	NJ_DLT_RAW_ALT, NJ_DLT_IPV4, NJ_DLT_IPV6, NJ_DLT_NULL, NJ_DLT_LOOP,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nj_event_counters ec = { { 0 } };
	struct nj_packet pkt;
	const uint8_t *frame;
	uint32_t len;

	if (size < 1)
		return 0;
	frame = data + 1;
	len = size - 1 > UINT32_MAX ? UINT32_MAX : (uint32_t)(size - 1);
	pkt.ts = 0;
	(void)nj_decode(dlts[data[0] % (sizeof(dlts) / sizeof(dlts[0]))],
	    frame, len, len, &pkt, &ec);
	/* The payload slice must lie inside the frame. */
	if (pkt.payload_len > 0 && (pkt.payload < frame ||
	    pkt.payload + pkt.payload_len > frame + len))
		abort();
	if (pkt.vlan_count > 2)
		abort();
	return 0;
}
