/*
 * det_util.c - policy access and address classes for the scan, flood
 * and campaign detectors.
 */
#include <stddef.h>
#include <string.h>

#include "policy/policy.h"
#include "sensor/det_util.h"
#include "sensor/sensor.h"

double
nj_det_threshold(const struct nj_sensor *s, const char *det, const char *key,
    double def)
{
	if (s == NULL || s->policy == NULL)
		return def;
	return nj_policy_threshold(s->policy, det, key, def);
}

nj_time_t
nj_det_duration(const struct nj_sensor *s, const char *det, const char *key,
    double def_seconds)
{
	double v = nj_det_threshold(s, det, key, def_seconds);

	return v <= 0 ? 0 : (nj_time_t)(v * 1e6);
}

bool
nj_det_enabled(const struct nj_sensor *s, const char *det)
{
	if (s == NULL || s->policy == NULL)
		return true;
	return nj_policy_detector_enabled(s->policy, det, true);
}

bool
nj_det_is_local(const struct nj_sensor *s, const struct nj_addr *a)
{
	if (s == NULL || s->policy == NULL)
		return false;
	return nj_policy_is_local(s->policy, a);
}

bool
nj_det_loopback(const struct nj_addr *a)
{
	static const uint8_t v6[16] = { [15] = 1 };

	if (a->family == 4)
		return a->a[0] == 127;
	return a->family == 6 && memcmp(a->a, v6, 16) == 0;
}

bool
nj_det_group_addr(const struct nj_addr *a)
{
	if (a->family == 4)
		/*
		 * 224/4 multicast, 240/4 with the limited broadcast, and the
		 * .255 directed broadcast of the common /24 (the mask is not
		 * known here; a scan loses one address in 256).
		 */
		return a->a[0] >= 224 || a->a[3] == 255;
	if (a->family == 6)
		return a->a[0] == 0xff;
	return true;
}

const char *
nj_det_service(uint16_t port)
{
	static const struct {
		uint16_t port;
		const char *name;
	} svc[] = {
		{ 21, "ftp" }, { 22, "ssh" }, { 23, "telnet" },
		{ 25, "smtp" }, { 80, "http" }, { 110, "pop3" },
		{ 143, "imap" }, { 443, "https" }, { 445, "smb" },
		{ 465, "smtps" }, { 587, "submission" }, { 993, "imaps" },
		{ 995, "pop3s" }, { 1433, "mssql" }, { 3306, "mysql" },
		{ 3389, "rdp" }, { 5432, "postgresql" }, { 5900, "vnc" },
	};
	size_t i;

	for (i = 0; i < sizeof(svc) / sizeof(svc[0]); i++)
		if (svc[i].port == port)
			return svc[i].name;
	return NULL;
}
