/*
 * det_capture_gap.h - the capture-gap detector (the sensor watching its
 * own input): its module and its thresholds, for the registry and tests.
 */
#ifndef NJ_DET_CAPTURE_GAP_H
#define NJ_DET_CAPTURE_GAP_H

#include "decoders/types.h"
#include "sensor/detector.h"

struct nj_policy;

extern const struct nj_detector nj_det_capture_gap;

/* detectors.capture-gap.* (policy/README.md); defaults in brackets. */
struct nj_gap_conf {
	nj_time_t min_gap;      /* min_gap: silence that counts [300 s] */
	double min_rate;        /* min_rate: learned packets/s above which
	                           such a silence is abnormal [1] */
	nj_time_t learn;        /* learn: packet time learned before any
	                           silence or forward jump is judged [10 min] */
	nj_time_t jump_back;    /* jump_back: a step back in packet time [2 s] */
	nj_time_t jump_forward; /* jump_forward: a step forward on a busy
	                           link that is a clock jump [1 h] */
	double drop_ratio;      /* drop_ratio: kernel drops over received
	                           packets in a minute [0.001] */
	double drop_burst;      /* drop_burst: kernel drops between two health
	                           reports (about a second) [1000] */
};

/* The thresholds of policy p (NULL: the defaults). */
void nj_gap_conf(const struct nj_policy *p, struct nj_gap_conf *c);

#endif
