/*
 * notify.c - systemd's readiness protocol (sd_notify(3)) in a few lines:
 * newline-separated VAR=VALUE datagrams to the AF_UNIX socket named by
 * $NOTIFY_SOCKET ("@" starts a name in the abstract namespace).
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sensor/daemon.h"
#include "sensor/log.h"

int
nj_notify_open(struct nj_daemon *d)
{
	struct sockaddr_un sun;
	const char *path;
	socklen_t len;
	size_t n;

	if ((path = getenv("NOTIFY_SOCKET")) == NULL || path[0] == '\0')
		return 0;
	n = strlen(path);
	if ((path[0] != '/' && path[0] != '@') || n >= sizeof(sun.sun_path)) {
		log_warnx("NOTIFY_SOCKET: expected /path or @name, got '%s'",
		    path);
		return -1;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, n);
	/* An abstract name starts with NUL and has no terminator. */
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n +
	    (path[0] == '@' ? 0 : 1));
	if ((d->notify_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) ==
	    -1 || connect(d->notify_fd, (struct sockaddr *)&sun, len) == -1) {
		log_warn("NOTIFY_SOCKET %s", path);
		if (d->notify_fd != -1)
			close(d->notify_fd);
		d->notify_fd = -1;
		return -1;
	}
	unsetenv("NOTIFY_SOCKET");
	return 0;
}

int
nj_notify(struct nj_daemon *d, const char *state)
{
	char msg[256];
	int len;

	if (d->notify_fd == -1)
		return 0;
	/* systemd wants MAINPID with READY when the pid may be unknown. */
	if (strcmp(state, "READY=1") == 0)
		len = snprintf(msg, sizeof(msg), "READY=1\nMAINPID=%ld",
		    (long)getpid());
	else
		len = snprintf(msg, sizeof(msg), "%s", state);
	if (len < 0 || (size_t)len >= sizeof(msg)) {
		log_warnx("sd_notify: state too long");
		return -1;
	}
	if (send(d->notify_fd, msg, (size_t)len, MSG_NOSIGNAL) != len) {
		log_warn("sd_notify %s", state);
		return -1;
	}
	return 0;
}
