/*
 * privsep.h - giving up root after start-up: chroot, user and groups,
 * no-new-privs and a seccomp filter (after OpenBSD rad's engine.c and
 * tcpdump's droproot(), but checking every step).
 *
 * Call nj_drop_privileges() once, after the capture handle, the outputs,
 * the pidfile and the sd_notify socket are open and before the first
 * packet. What nightjar does afterwards must then fit the sandbox:
 *
 *  - Reopening the JSON file on SIGHUP and re-reading the policy open
 *    paths again. Inside a chroot those paths are looked up under DIR,
 *    so they must exist there too (a bind mount, as the systemd unit
 *    does, or a directory inside DIR: see nj_priv_path_inside()).
 *  - A syslog target reconnects with socket() + connect(); a host name
 *    would need /etc/hosts and NSS modules inside the chroot, so use
 *    numeric addresses, and bind /dev/log into DIR for "local".
 *  - Anything the filter does not list (execve, ptrace, fork, mount,
 *    setuid, ...) ends the process with one line on stderr naming the
 *    system call (see sandbox.c for the list and why each is there).
 */
#ifndef NJ_PRIVSEP_H
#define NJ_PRIVSEP_H

#include <stdbool.h>
#include <stddef.h>

#define NJ_PRIV_DEFAULT_USER "nightjar"

enum nj_seccomp_mode {
	NJ_SECCOMP_KILL = 0, /* default: a forbidden call ends the process */
	NJ_SECCOMP_LOG,      /* allow, but the kernel logs forbidden calls */
	NJ_SECCOMP_OFF,      /* no filter (debugging only) */
};

struct nj_priv_options {
	const char *user;       /* -u USER; NULL: NJ_PRIV_DEFAULT_USER if any */
	const char *chroot_dir; /* -t DIR; NULL: no chroot */
	bool stay_root;         /* --stay-root: keep uid 0 (still sandboxed) */
	/*
	 * Set for live capture: without -u and without a "nightjar" user,
	 * refuse to go on as root (unless stay_root). Unset (reading a
	 * file), nightjar then stays root, saying so at -v.
	 */
	bool required;
	enum nj_seccomp_mode seccomp;
};

/*
 * Checks the options before anything is opened: -u and --stay-root
 * together, empty strings, a relative -t. Returns 0, or -1 with one
 * line in err (no "nightjar:" prefix) for a usage error (exit 1).
 */
int nj_priv_check_options(const struct nj_priv_options *o, char *err,
    size_t errlen);

/*
 * Drops privileges as o asks: resolve the user, chroot to DIR (owned by
 * root, writable by root only, holding nothing but directories),
 * setgroups, setresgid, setresuid, then verify that uid 0 cannot be
 * regained and no capability is left; then PR_SET_NO_NEW_PRIVS and the
 * seccomp filter. When not started as root only the last two are done
 * (-t then is an error). Returns 0, or -1 after logging one line naming
 * the step that failed; the caller must then exit (status 2).
 */
int nj_drop_privileges(const struct nj_priv_options *o);

/*
 * Where path will be found after chroot(root): the part of path below
 * root with its leading '/' (a pointer into path), or NULL when path is
 * not below root. Both must be absolute; they are compared textually,
 * ignoring root's trailing slashes (no symlinks are followed). With
 * root NULL, returns path itself.
 */
const char *nj_priv_path_inside(const char *root, const char *path);

/*
 * The seccomp filter alone (sandbox.c): sets no-new-privs and loads the
 * allow-list. Returns 0, or -1 after logging one line.
 */
int nj_sandbox_enter(enum nj_seccomp_mode mode);

#endif
