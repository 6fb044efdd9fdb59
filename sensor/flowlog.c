/*
 * flowlog.c - writes one JSON object per finished flow, in the field
 * names of Suricata's flow events (src_ip, dest_ip, ...) so the lines
 * sit beside eve.json and Zeek's conn.log without renaming.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sensor/flowlog.h"
#include "sensor/flow_table.h"

struct nj_flowlog {
	FILE *fp;
	int is_stdout;
	int error;
	uint64_t lines;
};

char *
nj_time_str(nj_time_t t, char *buf, size_t len)
{
	time_t sec = (time_t)(t / NJ_USEC_PER_SEC);
	struct tm tm;
	char day[24];

	if (gmtime_r(&sec, &tm) == NULL ||
	    strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		snprintf(day, sizeof(day), "0000-00-00T00:00:00");
	snprintf(buf, len, "%s.%06uZ", day,
	    (unsigned)(t % NJ_USEC_PER_SEC));
	return buf;
}

struct nj_flowlog *
nj_flowlog_open(const char *path)
{
	struct nj_flowlog *fl;

	if ((fl = calloc(1, sizeof(*fl))) == NULL)
		return NULL;
	if (strcmp(path, "-") == 0) {
		fl->fp = stdout;
		fl->is_stdout = 1;
	} else if ((fl->fp = fopen(path, "a")) == NULL) {
		free(fl);
		return NULL;
	}
	return fl;
}

/*
 * The hostname ("hostname":"...",) as a JSON member in buf: the one
 * value that comes from the wire. ldns's presentation form escapes every
 * byte outside printable ASCII, but leaves '"' as it is; quote that,
 * backslashes, and (defensively) control bytes.
 */
static const char *
host_member(const char *hostname, char *buf, size_t len)
{
	size_t o;
	int n;

	buf[0] = '\0';
	if (hostname == NULL || len < 16)
		return buf;
	o = (size_t)snprintf(buf, len, "\"hostname\":\"");
	for (; *hostname != '\0' && o + 8 < len; hostname++) {
		unsigned char c = (unsigned char)*hostname;

		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (c < 0x20 || c >= 0x7f) {
			n = snprintf(buf + o, len - o, "\\u%04x", c);
			o += (size_t)n;
		} else
			buf[o++] = (char)c;
	}
	snprintf(buf + o, len - o, "\",");
	return buf;
}

/*
 * Every other value here comes from nightjar itself (addresses, numbers,
 * fixed names, history letters, base64), never from packet bytes, so none
 * needs JSON escaping; plain stdio keeps a flood's flow ends cheap
 * (jansson objects cost about 7 us a line, eight times this).
 */
void
nj_flowlog_write(struct nj_flowlog *fl, const struct nj_flow *f)
{
	nj_flowlog_write_host(fl, f, NULL);
}

void
nj_flowlog_write_host(struct nj_flowlog *fl, const struct nj_flow *f,
    const char *hostname)
{
	char host[6 * 256 + 16];
	char ts[NJ_TIMESTR_LEN], cid[NJ_COMMUNITY_ID_LEN];
	char src[NJ_ADDRSTRLEN], dst[NJ_ADDRSTRLEN], vlan[24];
	nj_time_t dur = f->last >= f->first ? f->last - f->first : 0;
	int n;

	nj_flow_community_id(f, 0, cid, sizeof(cid));
	vlan[0] = '\0';
	if (f->vlan != 0)
		snprintf(vlan, sizeof(vlan), "\"vlan\":%u,", f->vlan);
	n = fprintf(fl->fp, "{\"timestamp\":\"%s\",\"duration\":%" PRIu64
	    ".%06u,\"src_ip\":\"%s\",\"src_port\":%u,\"dest_ip\":\"%s\","
	    "\"dest_port\":%u,\"proto\":\"%s\",%s%s\"community_id\":\"%s\","
	    "\"state\":\"%s\",\"history\":\"%s\",\"pkts_toserver\":%" PRIu64
	    ",\"pkts_toclient\":%" PRIu64 ",\"bytes_toserver\":%" PRIu64
	    ",\"bytes_toclient\":%" PRIu64 ",\"initiator_inferred\":%s}\n",
	    nj_time_str(f->first, ts, sizeof(ts)), (uint64_t)(dur / NJ_USEC_PER_SEC),
	    (unsigned)(dur % NJ_USEC_PER_SEC),
	    nj_addr_str(&f->orig, src, sizeof(src)), f->orig_port,
	    nj_addr_str(&f->resp, dst, sizeof(dst)), f->resp_port,
	    nj_proto_name(f->proto), host_member(hostname, host,
	    sizeof(host)), vlan, cid,
	    nj_flow_state_name((enum nj_flow_state)f->state), f->history,
	    f->pkts[0], f->pkts[1], f->bytes[0], f->bytes[1],
	    f->initiator_inferred ? "true" : "false");
	if (n < 0)
		fl->error = errno != 0 ? errno : EIO;
	else
		fl->lines++;
}

uint64_t
nj_flowlog_count(const struct nj_flowlog *fl)
{
	return fl->lines;
}

int
nj_flowlog_close(struct nj_flowlog *fl)
{
	int rv = 0, err;

	if (fl == NULL)
		return 0;
	err = fl->error;
	if (fflush(fl->fp) != 0 || ferror(fl->fp))
		err = err != 0 ? err : errno;
	if (!fl->is_stdout && fclose(fl->fp) != 0 && err == 0)
		err = errno;
	free(fl);
	if (err != 0) {
		errno = err;
		rv = -1;
	}
	return rv;
}
