/*
 * syslog_transport.c - sockets and RELP sessions to syslog collectors.
 *
 * Plain TCP cannot tell a sender whether the collector read what it
 * wrote: a write succeeds once the bytes are in our socket buffer. So
 * before each write we poll for POLLIN/POLLRDHUP and peek: a peer that
 * closed (FIN) is seen and the message waits for the reconnect. What
 * remains lost: messages written after the peer died but before its
 * FIN or RST reached us (on loopback at most the one in flight; over a
 * network whatever sat in our send buffer), and a frame cut by the
 * reset. RELP (librelp) acknowledges every message and resends the
 * unacknowledged ones after a reconnect, so it loses nothing.
 * MSG_NOSIGNAL keeps a dead peer from raising SIGPIPE.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <librelp.h>

#include "sensor/log.h"
#include "sensor/syslog_transport.h"

#define NJ_RELP_TIMEOUT_S 5

struct nj_syslog_conn {
	enum nj_syslog_proto proto;
	char *target;
	char host[256], port[16], path[108];
	int fd;
	size_t off;                /* bytes of the current TCP frame sent */
	relpEngine_t *relp;
	relpClt_t *clt;
	bool relp_up, relp_was_up;
};

static struct nj_syslog_conn *
conn_fail(struct nj_syslog_conn *c, const char *target)
{
	fprintf(stderr, "--syslog: expected local, unix:PATH, udp://HOST:PORT, "
	    "tcp://HOST:PORT or relp://HOST:PORT, got '%s'\n", target);
	nj_syslog_conn_free(c);
	return NULL;
}

/* "HOST:PORT" or "[V6]:PORT" into c->host and c->port. */
static int
parse_hostport(struct nj_syslog_conn *c, const char *s)
{
	const char *colon, *h = s, *hend;
	char *end;
	unsigned long port;

	if (s[0] == '[') {
		if ((hend = strchr(s, ']')) == NULL || hend[1] != ':')
			return -1;
		h = s + 1;
		colon = hend + 1;
	} else {
		if ((colon = strrchr(s, ':')) == NULL)
			return -1;
		hend = colon;
	}
	if (hend == h || (size_t)(hend - h) >= sizeof(c->host))
		return -1;
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	if (errno != 0 || *end != '\0' || colon[1] == '\0' || port == 0 ||
	    port > 65535)
		return -1;
	memcpy(c->host, h, (size_t)(hend - h));
	c->host[hend - h] = '\0';
	snprintf(c->port, sizeof(c->port), "%lu", port);
	return 0;
}

struct nj_syslog_conn *
nj_syslog_conn_new(const char *target)
{
	static const struct {
		const char *prefix;
		enum nj_syslog_proto proto;
	} schemes[] = {
		{ "udp://", NJ_SYSLOG_UDP },
		{ "tcp://", NJ_SYSLOG_TCP },
		{ "relp://", NJ_SYSLOG_RELP },
	};
	struct nj_syslog_conn *c;
	const char *path = NULL;
	size_t i;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->fd = -1;
	if ((c->target = strdup(target)) == NULL) {
		free(c);
		return NULL;
	}
	if (strcmp(target, "local") == 0)
		path = "/dev/log";
	else if (strncmp(target, "unix:", 5) == 0)
		path = target + 5;
	if (path != NULL) {
		if (path[0] == '\0' || strlen(path) >= sizeof(c->path))
			return conn_fail(c, target);
		c->proto = NJ_SYSLOG_UNIX;
		snprintf(c->path, sizeof(c->path), "%s", path);
		return c;
	}
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		if (strncmp(target, schemes[i].prefix,
		    strlen(schemes[i].prefix)) == 0) {
			c->proto = schemes[i].proto;
			if (parse_hostport(c,
			    target + strlen(schemes[i].prefix)) == -1)
				return conn_fail(c, target);
			return c;
		}
	}
	return conn_fail(c, target);
}

enum nj_syslog_proto
nj_syslog_conn_proto(const struct nj_syslog_conn *c)
{
	return c->proto;
}

const char *
nj_syslog_conn_target(const struct nj_syslog_conn *c)
{
	return c->target;
}

bool
nj_syslog_conn_is_open(const struct nj_syslog_conn *c)
{
	return c->proto == NJ_SYSLOG_RELP ? c->relp_up : c->fd != -1;
}

/* Waits up to ms for a non-blocking connect to finish. */
static int
connect_wait(int fd, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	int err = 0;
	socklen_t len = sizeof(err);

	if (poll(&pfd, 1, ms) != 1)
		return -1;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1 || err != 0)
		return -1;
	return 0;
}

static int
open_inet(struct nj_syslog_conn *c)
{
	struct addrinfo hints, *res, *ai;
	int fd = -1, rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = c->proto == NJ_SYSLOG_UDP ? SOCK_DGRAM :
	    SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	if ((rc = getaddrinfo(c->host, c->port, &hints, &res)) != 0) {
		log_debug("syslog %s: %s", c->target, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, ai->ai_protocol);
		if (fd == -1)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 ||
		    (errno == EINPROGRESS &&
		    connect_wait(fd, NJ_SYSLOG_CONNECT_MS) == 0))
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	c->fd = fd;
	return fd == -1 ? -1 : 0;
}

static int
open_unix(struct nj_syslog_conn *c)
{
	struct sockaddr_un sun;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, c->path, strlen(c->path));
	c->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd == -1)
		return -1;
	if (connect(c->fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	return 0;
}

static int
open_relp(struct nj_syslog_conn *c)
{
	/*
	 * After a session broke, librelp's reconnect replays every message
	 * it had not seen acknowledged: that is what makes RELP lossless.
	 * A client that never connected has nothing to replay; it is
	 * rebuilt from scratch each try.
	 */
	if (c->relp_was_up) {
		if (relpCltReconnect(c->clt) != RELP_RET_OK)
			return -1;
		c->relp_up = true;
		return 0;
	}
	if (c->relp == NULL) {
		if (relpEngineConstruct(&c->relp) != RELP_RET_OK)
			return -1;
		relpEngineSetDbgprint(c->relp, NULL);
		relpEngineSetEnableCmd(c->relp, (unsigned char *)"syslog",
		    eRelpCmdState_Required);
	}
	if (c->clt != NULL)
		relpEngineCltDestruct(c->relp, &c->clt);
	if (relpEngineCltConstruct(c->relp, &c->clt) != RELP_RET_OK)
		return -1;
	relpCltSetTimeout(c->clt, NJ_RELP_TIMEOUT_S);
	if (relpCltConnect(c->clt, AF_UNSPEC, (unsigned char *)c->port,
	    (unsigned char *)c->host) != RELP_RET_OK)
		return -1;
	c->relp_up = c->relp_was_up = true;
	return 0;
}

int
nj_syslog_conn_open(struct nj_syslog_conn *c)
{
	c->off = 0;
	switch (c->proto) {
	case NJ_SYSLOG_UNIX:
		return open_unix(c);
	case NJ_SYSLOG_UDP:
	case NJ_SYSLOG_TCP:
		return open_inet(c);
	case NJ_SYSLOG_RELP:
		return open_relp(c);
	}
	return -1;
}

/* True when a TCP peer has closed its side (or reset). */
static bool
tcp_peer_closed(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLRDHUP };
	char junk[512];
	ssize_t n;

	if (poll(&pfd, 1, 0) != 1)
		return false;
	if (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL))
		return true;
	/* A collector says nothing on plain TCP: read and discard it. */
	while ((n = recv(fd, junk, sizeof(junk), MSG_DONTWAIT)) > 0)
		;
	return n == 0;
}

int
nj_syslog_conn_send(struct nj_syslog_conn *c, const char *msg, size_t len)
{
	ssize_t n;

	if (c->proto == NJ_SYSLOG_RELP) {
		if (!c->relp_up)
			return -1;
		if (relpCltSendSyslog(c->clt, (unsigned char *)msg, len) !=
		    RELP_RET_OK) {
			c->relp_up = false;
			return -1;
		}
		return 0;
	}
	if (c->fd == -1)
		return -1;
	if (c->proto == NJ_SYSLOG_TCP && c->off == 0 && tcp_peer_closed(c->fd)) {
		nj_syslog_conn_close(c);
		return -1;
	}
	n = send(c->fd, msg + c->off, len - c->off, MSG_NOSIGNAL | MSG_DONTWAIT);
	if (n >= 0) {
		/* A datagram goes whole or not at all. */
		if (c->proto != NJ_SYSLOG_TCP || (size_t)n + c->off == len) {
			c->off = 0;
			return 0;
		}
		c->off += (size_t)n;
		return 1;
	}
	if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ||
	    errno == ENOBUFS)
		return 1;
	log_debug("syslog %s: send", c->target);
	nj_syslog_conn_close(c);
	return -1;
}

void
nj_syslog_conn_close(struct nj_syslog_conn *c)
{
	if (c->fd != -1)
		close(c->fd);
	c->fd = -1;
	c->off = 0;
	c->relp_up = false;
}

void
nj_syslog_conn_free(struct nj_syslog_conn *c)
{
	if (c == NULL)
		return;
	nj_syslog_conn_close(c);
	/*
	 * Destroying the client closes the RELP session, which waits (up to
	 * the timeout) for the acknowledgements still outstanding.
	 */
	if (c->clt != NULL)
		relpEngineCltDestruct(c->relp, &c->clt);
	if (c->relp != NULL)
		relpEngineDestruct(&c->relp);
	free(c->target);
	free(c);
}
