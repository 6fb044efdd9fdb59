/*
 * harness.h - driving the odd-DNS detectors in tests and the benchmark:
 * DNS messages built with ldns and parsed by nj_dns_parse, packets with
 * chosen addresses and packet time, a sensor with a policy.
 */
#ifndef NJ_TEST_HARNESS_H
#define NJ_TEST_HARNESS_H

#include <stdint.h>

#include "decoders/dns.h"
#include "decoders/packet.h"
#include "sensor/detector.h"
#include "sensor/sensor.h"

/* A query for name/type (id 1, RD). Aborts the test program on failure. */
void h_query(struct nj_dns_msg *m, const char *name, uint16_t type);
/*
 * A response to name/type with rcode and the answer records given in
 * presentation form (NULL-terminated; rrs may be NULL).
 */
void h_response(struct nj_dns_msg *m, const char *name, uint16_t type,
    int rcode, const char *const *rrs);
/* A UDP packet src:sport -> dst:dport at packet time ts (seconds, float). */
void h_packet(struct nj_packet *p, const char *src, uint16_t sport,
    const char *dst, uint16_t dport, double ts);

/* A sensor whose policy is parsed from yaml (NULL: no policy). */
void h_sensor(struct nj_sensor *s, const char *yaml);
void h_sensor_free(struct nj_sensor *s);

/*
 * One exchange through detector d (state st): the query from client to
 * server at ts, then the response (rcode, rrs) 10 ms later.
 */
void h_exchange(const struct nj_detector *d, void *st, struct nj_sensor *s,
    const char *client, const char *server, const char *name, uint16_t type,
    int rcode, const char *const *rrs, double ts);

/* A pseudo-random lowercase base32 string of n characters (seeded). */
void h_random_label(uint64_t *seed, char *out, size_t n);

#endif
