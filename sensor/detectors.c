/*
 * detectors.c - the detector registry: every detector module, once, in
 * the order their callbacks run. Add a detector by listing it here.
 */
#include <stddef.h>

#include "sensor/detector.h"
#include "sensor/det_capture_gap.h"

const struct nj_detector *const nj_detectors[] = {
	&nj_det_capture_gap,
	NULL
};
