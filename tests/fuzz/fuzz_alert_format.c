/*
 * fuzz_alert_format.c - libFuzzer target for the alert outputs' text
 * handling: bytes from the wire (hostname, signature, field values,
 * list items, split at NUL bytes) must always give a JSON line jansson
 * parses back and syslog messages that are bounded, valid UTF-8.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sensor/alert.h"
#include "sensor/out_json.h"
#include "sensor/syslog_format.h"
#include "tests/fuzz/fuzz.h"

static struct nj_alert A;

/* Copies the next NUL-terminated piece of the input into buf. */
static const uint8_t *
piece(const uint8_t *p, const uint8_t *end, char *buf, size_t len)
{
	size_t n = 0;

	while (p < end && *p != 0) {
		if (n + 1 < len)
			buf[n++] = (char)*p;
		p++;
	}
	buf[n] = '\0';
	return p < end ? p + 1 : p;
}

static void
check_utf8(const char *s, size_t len)
{
	static char out[NJ_SYSLOG_MAX * 3 + 8];

	if (nj_utf8_sanitize(s, len, out, sizeof(out)) != len ||
	    memcmp(out, s, len) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct nj_syslog_hdr h = { 128, "host", 1 };
	static char msg[NJ_SYSLOG_MAX];
	const uint8_t *p = data, *end = data + size;
	char buf[1024], *line;
	json_t *o, *back;
	size_t n;
	int i;

	nj_alert_init(&A, "dns-tunnel", NJ_SEV_HIGH, NJ_SEC(1));
	p = piece(p, end, A.hostname, sizeof(A.hostname));
	p = piece(p, end, buf, sizeof(buf));
	nj_alert_sig(&A, "%s", buf);
	for (i = 0; p < end && i < NJ_ALERT_MAX_FIELDS + 2; i++) {
		p = piece(p, end, buf, sizeof(buf));
		if (i % 3 == 0)
			nj_alert_str(&A, buf[0] != '\0' ? buf : "k", buf);
		else
			nj_alert_list(&A, "items", buf);
	}
	o = nj_alert_to_json(&A, A.hostname);
	if (o == NULL || (line = json_dumps(o, JSON_COMPACT)) == NULL)
		abort();
	if ((back = json_loads(line, 0, NULL)) == NULL)
		abort();
	json_decref(back);
	free(line);
	json_decref(o);
	n = nj_syslog_rfc5424(&A, A.hostname, &h, msg, sizeof(msg));
	if (n >= sizeof(msg) || strlen(msg) != n)
		abort();
	check_utf8(msg, n);
	n = nj_syslog_rfc3164(&A, A.hostname, &h, msg, sizeof(msg));
	if (n >= sizeof(msg) || strlen(msg) != n)
		abort();
	return 0;
}
