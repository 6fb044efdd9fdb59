/*
 * det_egress.h - the egress detectors (issue 5), one file each, and the
 * few helpers they share. Registered in detectors.c.
 */
#ifndef NJ_DET_EGRESS_H
#define NJ_DET_EGRESS_H

#include <stdbool.h>
#include <stdint.h>

#include "sensor/detector.h"

extern const struct nj_detector nj_det_irc;           /* outbound-irc */
extern const struct nj_detector nj_det_smtp;          /* outbound-smtp */
extern const struct nj_detector nj_det_no_egress;     /* no-egress */
extern const struct nj_detector nj_det_lateral_ssh;   /* lateral-ssh */
extern const struct nj_detector nj_det_unknown_host;  /* unknown-local-host */

/* The usual IRC ports: 6660-6669, 6697 (TLS), 7000. */
bool nj_irc_port(uint16_t port);

#endif
