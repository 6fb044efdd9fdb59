/*
 * detectors.h - the detector modules, each defined in its own file and
 * listed once in nj_detectors[] (detectors.c).
 */
#ifndef NJ_DETECTORS_H
#define NJ_DETECTORS_H

#include "sensor/detector.h"

extern const struct nj_detector nj_det_scan;      /* det_scan.c */
extern const struct nj_detector nj_det_flood;     /* det_flood.c */
extern const struct nj_detector nj_det_campaign;  /* det_campaign.c */

#endif
