/*
 * det_util.h - small helpers shared by the scan, flood and campaign
 * detectors: policy thresholds with a NULL policy, direction, addresses
 * no scan can meaningfully target, and service names by port.
 */
#ifndef NJ_DET_UTIL_H
#define NJ_DET_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "decoders/types.h"

struct nj_sensor;

/*
 * The sketches' hash seed. Fixed, so that a capture gives the same
 * estimates and alerts on every run. An attacker who knows it can aim
 * sources at one bucket of a table; the eviction rule keeps sources with
 * evidence regardless, and the counters show it.
 */
#define NJ_DET_SEED 0x6e696768746a6172ULL /* "nightjar" */

/* detectors.<det>.<key>, or def when there is no policy. */
double nj_det_threshold(const struct nj_sensor *s, const char *det,
    const char *key, double def);
bool nj_det_enabled(const struct nj_sensor *s, const char *det);
bool nj_det_is_local(const struct nj_sensor *s, const struct nj_addr *a);
/* True for 127/8 and ::1: a host talking to itself, not the network. */
bool nj_det_loopback(const struct nj_addr *a);
/* True for multicast and broadcast destinations (mDNS, SSDP, DHCP...). */
bool nj_det_group_addr(const struct nj_addr *a);
/* "smtp", "ssh", ... for well-known TCP ports; NULL otherwise. */
const char *nj_det_service(uint16_t port);
/* The seconds value of a duration threshold, as packet time. */
nj_time_t nj_det_duration(const struct nj_sensor *s, const char *det,
    const char *key, double def_seconds);

#endif
