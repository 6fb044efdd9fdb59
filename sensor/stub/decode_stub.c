/*
 * decode_stub.c - stand-in for the decoders while they are developed on
 * their own branch: accepts the link types packet.h lists and decodes
 * nothing, so the capture engine counts packets. sensor/CMakeLists.txt
 * builds this only when no C file in decoders/ defines nj_decode.
 */
#include <string.h>

#include "decoders/packet.h"

bool
nj_dlt_supported(int dlt)
{
	switch (dlt) {
	case NJ_DLT_NULL:
	case NJ_DLT_EN10MB:
	case NJ_DLT_RAW:
	case NJ_DLT_RAW_ALT:
	case NJ_DLT_LOOP:
	case NJ_DLT_LINUX_SLL:
	case NJ_DLT_IPV4:
	case NJ_DLT_IPV6:
	case NJ_DLT_LINUX_SLL2:
		return true;
	}
	return false;
}

enum nj_decode_status
nj_decode(int dlt, const uint8_t *data, uint32_t caplen, uint32_t wirelen,
    struct nj_packet *pkt, struct nj_event_counters *ec)
{
	(void)data;
	(void)ec;
	memset(pkt, 0, sizeof(*pkt));
	pkt->dlt = dlt;
	pkt->caplen = caplen;
	pkt->wirelen = wirelen;
	return NJ_DECODE_UNSUPPORTED;
}
