/*
 * detectors.c - the detector registry: every detector module, once, in
 * the order their callbacks run. Add a detector by listing it here.
 */
#include <stddef.h>

#include "sensor/det_dns.h"
#include "sensor/det_egress.h"
#include "sensor/detector.h"
#include "sensor/detectors.h"

extern const struct nj_detector nj_det_private_dest;
extern const struct nj_detector nj_det_dns_private_answer;

const struct nj_detector *const nj_detectors[] = {
	&nj_det_scan,
	&nj_det_flood,
	&nj_det_campaign,
	&nj_det_dns_resolver,
	&nj_det_dns_tunnel,
	&nj_det_dns_nxdomain,
	&nj_det_dns_quiet,
	&nj_det_irc,
	&nj_det_smtp,
	&nj_det_no_egress,
	&nj_det_lateral_ssh,
	&nj_det_unknown_host,
	&nj_det_private_dest,
	&nj_det_dns_private_answer,
	NULL
};
