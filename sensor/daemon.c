/*
 * daemon.c - detaching (-D) and the launcher's wait for readiness (see
 * daemon.h). The pidfile is in pidfile.c, sd_notify in notify.c.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sensor/daemon.h"
#include "sensor/log.h"

/*
 * The launcher: waits for the daemon's one byte. End of file without it
 * means the daemon (or the middle child) died during start-up, having
 * said why on the shared stderr.
 */
static void __attribute__((noreturn))
launcher_wait(int fd, pid_t child)
{
	char c;
	ssize_t n;

	/* The middle child exits at once; reap it. */
	while (waitpid(child, NULL, 0) == -1 && errno == EINTR)
		;
	do
		n = read(fd, &c, 1);
	while (n == -1 && errno == EINTR);
	_exit(n == 1 ? 0 : 2);
}

int
nj_daemon_start(struct nj_daemon *d, bool background)
{
	int p[2];
	pid_t pid;

	memset(d, 0, sizeof(*d));
	d->background = background;
	d->ready_fd = d->pid_fd = d->pid_dir_fd = d->notify_fd = -1;
	if ((d->null_fd = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1) {
		log_warn("daemon: /dev/null");
		return -1;
	}
	if (!background)
		return 0;
	if (pipe2(p, O_CLOEXEC) == -1) {
		log_warn("daemon: pipe");
		return -1;
	}
	if ((pid = fork()) == -1) {
		log_warn("daemon: fork");
		return -1;
	}
	if (pid != 0) {
		close(p[1]);
		launcher_wait(p[0], pid);
	}
	close(p[0]);
	if (setsid() == -1) {
		log_warn("daemon: setsid");
		_exit(2);
	}
	if ((pid = fork()) == -1) {
		log_warn("daemon: fork");
		_exit(2);
	}
	if (pid != 0)
		_exit(0);
	if (chdir("/") == -1) {
		log_warn("daemon: chdir /");
		_exit(2);
	}
	d->ready_fd = p[1];
	return 0;
}

int
nj_daemon_ready(struct nj_daemon *d)
{
	int rv = 0;

	if (nj_notify(d, "READY=1") == -1)
		rv = -1;
	if (!d->background)
		return rv;
	if (dup2(d->null_fd, STDIN_FILENO) == -1 ||
	    dup2(d->null_fd, STDOUT_FILENO) == -1 ||
	    dup2(d->null_fd, STDERR_FILENO) == -1) {
		log_warn("daemon: stdio to /dev/null");
		return -1;
	}
	if (write(d->ready_fd, "R", 1) != 1) {
		log_warn("daemon: telling the launcher");
		rv = -1;
	}
	close(d->ready_fd);
	d->ready_fd = -1;
	return rv;
}

void
nj_daemon_finish(struct nj_daemon *d)
{
	if (d->pid_fd != -1) {
		/*
		 * After a chroot the path is gone but the directory's fd is
		 * not; without write permission on it, an empty file is the
		 * next best sign that nobody runs.
		 */
		if (unlinkat(d->pid_dir_fd, d->pid_name, 0) == -1 &&
		    ftruncate(d->pid_fd, 0) == -1)
			log_warn("daemon: removing the pidfile %s", d->pid_name);
		close(d->pid_fd);
		close(d->pid_dir_fd);
	}
	free(d->pid_name);
	if (d->notify_fd != -1)
		close(d->notify_fd);
	if (d->ready_fd != -1)
		close(d->ready_fd);
	if (d->null_fd != -1)
		close(d->null_fd);
	memset(d, 0, sizeof(*d));
	d->ready_fd = d->pid_fd = d->pid_dir_fd = d->notify_fd = -1;
	d->null_fd = -1;
}
