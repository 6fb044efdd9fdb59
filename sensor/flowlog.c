/*
 * flowlog.c - writes one JSON object per finished flow, in the field
 * names of Suricata's flow events (src_ip, dest_ip, ...) so the lines
 * sit beside eve.json and Zeek's conn.log without renaming.
 */
#include <errno.h>
#include <jansson.h>
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

static void
set_addr(json_t *o, const char *key, const struct nj_addr *a)
{
	char buf[NJ_ADDRSTRLEN];

	json_object_set_new(o, key, json_string(nj_addr_str(a, buf,
	    sizeof(buf))));
}

void
nj_flowlog_write(struct nj_flowlog *fl, const struct nj_flow *f)
{
	nj_flowlog_write_host(fl, f, NULL);
}

void
nj_flowlog_write_host(struct nj_flowlog *fl, const struct nj_flow *f,
    const char *hostname)
{
	char ts[NJ_TIMESTR_LEN], cid[NJ_COMMUNITY_ID_LEN];
	nj_time_t dur = f->last >= f->first ? f->last - f->first : 0;
	json_t *o;

	if ((o = json_object()) == NULL) {
		fl->error = ENOMEM;
		return;
	}
	nj_flow_community_id(f, 0, cid, sizeof(cid));
	json_object_set_new(o, "timestamp",
	    json_string(nj_time_str(f->first, ts, sizeof(ts))));
	json_object_set_new(o, "duration",
	    json_real((double)dur / (double)NJ_USEC_PER_SEC));
	set_addr(o, "src_ip", &f->orig);
	json_object_set_new(o, "src_port", json_integer(f->orig_port));
	set_addr(o, "dest_ip", &f->resp);
	json_object_set_new(o, "dest_port", json_integer(f->resp_port));
	json_object_set_new(o, "proto", json_string(nj_proto_name(f->proto)));
	if (hostname != NULL)
		json_object_set_new(o, "hostname", json_string(hostname));
	if (f->vlan != 0)
		json_object_set_new(o, "vlan", json_integer(f->vlan));
	json_object_set_new(o, "community_id", json_string(cid));
	json_object_set_new(o, "state", json_string(nj_flow_state_name(
	    (enum nj_flow_state)f->state)));
	json_object_set_new(o, "history", json_string(f->history));
	json_object_set_new(o, "pkts_toserver",
	    json_integer((json_int_t)f->pkts[0]));
	json_object_set_new(o, "pkts_toclient",
	    json_integer((json_int_t)f->pkts[1]));
	json_object_set_new(o, "bytes_toserver",
	    json_integer((json_int_t)f->bytes[0]));
	json_object_set_new(o, "bytes_toclient",
	    json_integer((json_int_t)f->bytes[1]));
	json_object_set_new(o, "initiator_inferred",
	    json_boolean(f->initiator_inferred));
	if (json_dumpf(o, fl->fp, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15)) != 0 ||
	    fputc('\n', fl->fp) == EOF)
		fl->error = errno != 0 ? errno : EIO;
	else
		fl->lines++;
	json_decref(o);
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
