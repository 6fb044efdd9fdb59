/*
 * daemon.h - running as a service: -D (detach into the background), the
 * pidfile (-P), and systemd's readiness protocol (sd_notify, without
 * libsystemd).
 *
 * Order in main(), so that every start-up error still reaches the
 * terminal and the sandbox keeps what it needs:
 *
 *	nj_daemon_start(&d, cfg.daemonize)     after the options are checked
 *	nj_pidfile_create(&d, cfg.pidfile)     when -P was given
 *	nj_notify_open(&d)                     before the chroot
 *	... open the capture, the outputs, load the policy ...
 *	nj_drop_privileges(&priv)
 *	nj_daemon_ready(&d)                    just before the packet loop
 *	... loop; on SIGHUP: nj_notify(&d, "RELOADING=1"), reload,
 *	    nj_notify(&d, "READY=1") ...
 *	nj_notify(&d, "STOPPING=1")            when the loop ends
 *	nj_daemon_finish(&d)                   last
 *
 * With -D the process that ran main() waits until the daemon says it is
 * ready (exit 0) or dies first (exit 2; its one-line error was already
 * printed): the shell and init scripts see start-up failures.
 */
#ifndef NJ_DAEMON_H
#define NJ_DAEMON_H

#include <stdbool.h>

struct nj_daemon {
	bool background;   /* -D */
	int ready_fd;      /* write end of the pipe the launcher waits on */
	int null_fd;       /* /dev/null, opened before any chroot */
	int pid_fd;        /* the locked pidfile; -1 without -P */
	int pid_dir_fd;    /* its directory, to remove it after a chroot */
	char *pid_name;    /* its name in that directory */
	int notify_fd;     /* connected to $NOTIFY_SOCKET; -1 when unset */
};

/*
 * Initialises d. With background set, forks twice (setsid between, so
 * the daemon is no session leader and can never regain a terminal),
 * chdirs to "/" and returns 0 in the daemon; the launcher never returns.
 * stdio stays open until nj_daemon_ready(). Returns -1 after logging one
 * line (in the launcher, before any fork succeeded).
 */
int nj_daemon_start(struct nj_daemon *d, bool background);

/*
 * Creates path holding "PID\n" and keeps it locked (flock) for the life
 * of the process. An existing file nobody holds locked is stale and is
 * taken over; one that is locked means another nightjar runs: -1 with
 * "PATH: already running (pid N)". Symlinks are refused. Returns 0 or
 * -1 after logging one line.
 */
int nj_pidfile_create(struct nj_daemon *d, const char *path);

/*
 * Connects to $NOTIFY_SOCKET (a path, or "@name" in the abstract
 * namespace) when it is set, and unsets it. Must run before the chroot:
 * the socket cannot be found from inside. Returns 0 (also when unset)
 * or -1 after logging one line.
 */
int nj_notify_open(struct nj_daemon *d);

/*
 * Sends one sd_notify state ("READY=1", "STOPPING=1", "RELOADING=1",
 * "STATUS=...") when connected. Returns 0, or -1 (logged once per call).
 */
int nj_notify(struct nj_daemon *d, const char *state);

/*
 * Start-up is over: tells systemd READY=1 and MAINPID, and with -D
 * points stdin, stdout and stderr at /dev/null and lets the launcher
 * exit 0. Switch logging to syslog before calling it with -D.
 */
int nj_daemon_ready(struct nj_daemon *d);

/*
 * Removes the pidfile (through its directory, so it works after a
 * chroot when the directory is writable by the user; otherwise it is
 * emptied, which marks it stale just as well) and closes everything.
 */
void nj_daemon_finish(struct nj_daemon *d);

#endif
