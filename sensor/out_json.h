/*
 * out_json.h - the EVE-like JSON form of an alert (for tests and tools).
 */
#ifndef NJ_OUT_JSON_H
#define NJ_OUT_JSON_H

#include <jansson.h>

#include "sensor/alert.h"

/* The alert as a new JSON object (caller json_decref()s it). */
json_t *nj_alert_to_json(const struct nj_alert *a, const char *sensor);
/*
 * EVE's proto: "TCP", "UDP", "ICMP", "IPv6-ICMP", or the number (in buf)
 * for any other protocol. (The flow table's nj_proto_name() says
 * "unknown" there; EVE readers expect the number.)
 */
const char *nj_eve_proto(uint8_t proto, char *buf, size_t len);

#endif
