/*
 * flowlog.h - the flow log: one JSON line per finished flow (--flows).
 */
#ifndef NJ_FLOWLOG_H
#define NJ_FLOWLOG_H

#include <stdint.h>

#include "sensor/flow.h"

struct nj_flowlog;

/* Opens path ("-": stdout) for appending lines; NULL with errno set. */
struct nj_flowlog *nj_flowlog_open(const char *path);
void nj_flowlog_write(struct nj_flowlog *fl, const struct nj_flow *f);
/* The same with the name the initiator resolved for resp (NULL: none). */
void nj_flowlog_write_host(struct nj_flowlog *fl, const struct nj_flow *f,
    const char *hostname);
/* Flushes and closes; -1 (errno set) if any write failed. */
int nj_flowlog_close(struct nj_flowlog *fl);
uint64_t nj_flowlog_count(const struct nj_flowlog *fl);

/* RFC 3339 UTC with microseconds: "2024-05-01T12:00:00.000123Z". */
#define NJ_TIMESTR_LEN 32
char *nj_time_str(nj_time_t t, char *buf, size_t len);

#endif
