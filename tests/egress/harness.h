/*
 * harness.h - a sensor for the egress unit tests: a policy from YAML
 * text, an alert pipeline whose enricher copies every alert submitted,
 * and hand-made flows and evidence.
 */
#ifndef NJ_EGRESS_HARNESS_H
#define NJ_EGRESS_HARNESS_H

#include "decoders/app.h"
#include "sensor/alert.h"
#include "sensor/app_path.h"
#include "sensor/detector.h"
#include "sensor/sensor.h"

#define H_MAX_ALERTS 8

struct harness {
	struct nj_sensor s;
	const struct nj_detector *det;
	void *st;
	int n;
	struct nj_alert got[H_MAX_ALERTS];
};

/* The demo site: LAN 192.168.50.0/24, DMZ 192.0.2.0/24 (yaml may add). */
#define H_SITE \
	"networks: {local: [192.168.50.0/24, 192.0.2.0/24]}\n"

void h_open(struct harness *h, const struct nj_detector *det,
    const char *yaml);
void h_close(struct harness *h);
struct nj_addr h_addr(const char *s);
void h_flow(struct nj_flow *f, uint8_t proto, const char *orig, uint16_t op,
    const char *resp, uint16_t rp, nj_time_t first);
/* ev as the app callback sees it (final or not). */
void h_app(struct harness *h, struct nj_flow *f, struct nj_app_flow *af,
    bool final);
const struct nj_alert_field *h_field(const struct nj_alert *a,
    const char *key);
const char *h_str(const struct nj_alert *a, const char *key);
bool h_bool(const struct nj_alert *a, const char *key);
const char *h_src(const struct nj_alert *a, char *buf);

#endif
