/*
 * syslog_transport.h - the connection to one syslog collector: the
 * local socket (datagrams), UDP, TCP (RFC 6587 octet counting) or RELP
 * (librelp). Sockets are non-blocking; a connect waits at most
 * NJ_SYSLOG_CONNECT_MS, so capture never stalls for long.
 */
#ifndef NJ_SYSLOG_TRANSPORT_H
#define NJ_SYSLOG_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>

#define NJ_SYSLOG_CONNECT_MS 200

enum nj_syslog_proto {
	NJ_SYSLOG_UNIX = 0,
	NJ_SYSLOG_UDP,
	NJ_SYSLOG_TCP,
	NJ_SYSLOG_RELP,
};

struct nj_syslog_conn;

/*
 * Parses a target: local (/dev/log), unix:PATH, udp://HOST:PORT,
 * tcp://HOST:PORT or relp://HOST:PORT (HOST may be [v6]). Returns NULL
 * after printing the one-line "--syslog: expected ..." error.
 */
struct nj_syslog_conn *nj_syslog_conn_new(const char *target);
void nj_syslog_conn_free(struct nj_syslog_conn *c);
enum nj_syslog_proto nj_syslog_conn_proto(const struct nj_syslog_conn *c);
const char *nj_syslog_conn_target(const struct nj_syslog_conn *c);
/* 0 when connected, -1 otherwise (errno-style reason logged at debug). */
int nj_syslog_conn_open(struct nj_syslog_conn *c);
bool nj_syslog_conn_is_open(const struct nj_syslog_conn *c);
/*
 * Sends one whole message (framing included for TCP). Returns 0 when
 * it is gone, 1 when the socket cannot take it now (call again with the
 * same message: a partial TCP write resumes where it stopped), -1 when
 * the connection broke (it is closed; send the message again after a
 * reconnect).
 */
int nj_syslog_conn_send(struct nj_syslog_conn *c, const char *msg,
    size_t len);
void nj_syslog_conn_close(struct nj_syslog_conn *c);

#endif
