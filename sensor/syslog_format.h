/*
 * syslog_format.h - an alert as one syslog message: RFC 5424 (the
 * default) or RFC 3164 for old collectors.
 */
#ifndef NJ_SYSLOG_FORMAT_H
#define NJ_SYSLOG_FORMAT_H

#include <stddef.h>

#include "sensor/alert.h"

#define NJ_SYSLOG_MAX  8192  /* bytes of one message, framing excluded */
#define NJ_SYSLOG_SDID "nightjar@32473" /* RFC 5612's example number */

struct nj_syslog_hdr {
	int facility;         /* LOG_LOCAL0 etc. (already shifted, as syslog.h) */
	const char *hostname; /* the HOSTNAME field */
	int pid;
};

/* The syslog severity (0-7) of an alert severity (1 high .. 3 low). */
int nj_syslog_severity(int alert_sev);
/*
 * RFC 5424:
 *   <PRI>1 TIMESTAMP HOSTNAME nightjar PROCID MSGID [nightjar@32473 ...] BOM MSG
 * Returns the length written (without the NUL; a message that does not
 * fit is cut), never more than len - 1.
 */
size_t nj_syslog_rfc5424(const struct nj_alert *a, const char *sensor,
    const struct nj_syslog_hdr *h, char *buf, size_t len);
/* RFC 3164: <PRI>Mmm dd hh:mm:ss HOSTNAME nightjar[PID]: kind: MSG k=v... */
size_t nj_syslog_rfc3164(const struct nj_alert *a, const char *sensor,
    const struct nj_syslog_hdr *h, char *buf, size_t len);

#endif
