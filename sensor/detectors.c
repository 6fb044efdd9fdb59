/*
 * detectors.c - the detector registry: every detector module, once, in
 * the order their callbacks run. Add a detector by listing it here.
 */
#include <stddef.h>

#include "sensor/detector.h"

extern const struct nj_detector nj_det_private_dest;
extern const struct nj_detector nj_det_dns_private_answer;

const struct nj_detector *const nj_detectors[] = {
	&nj_det_private_dest,
	&nj_det_dns_private_answer,
	NULL
};
