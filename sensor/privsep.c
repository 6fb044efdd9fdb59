/*
 * privsep.c - dropping root after start-up: user, chroot, groups, ids,
 * and a check that none of it can be undone (see privsep.h).
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sensor/log.h"
#include "sensor/privsep.h"

int
nj_priv_check_options(const struct nj_priv_options *o, char *err,
    size_t errlen)
{
	if (o->user != NULL && o->user[0] == '\0') {
		snprintf(err, errlen, "-u: empty user name");
		return -1;
	}
	if (o->user != NULL && o->stay_root) {
		snprintf(err, errlen, "-u %s and --stay-root contradict each "
		    "other", o->user);
		return -1;
	}
	if (o->chroot_dir != NULL && o->chroot_dir[0] != '/') {
		snprintf(err, errlen, "-t %s: the chroot directory must be an "
		    "absolute path", o->chroot_dir);
		return -1;
	}
	if (o->seccomp != NJ_SECCOMP_KILL && o->seccomp != NJ_SECCOMP_LOG &&
	    o->seccomp != NJ_SECCOMP_OFF) {
		snprintf(err, errlen, "unknown seccomp mode %d", (int)o->seccomp);
		return -1;
	}
	return 0;
}

const char *
nj_priv_path_inside(const char *root, const char *path)
{
	size_t len;

	if (root == NULL)
		return path;
	if (root[0] != '/' || path[0] != '/')
		return NULL;
	len = strlen(root);
	while (len > 0 && root[len - 1] == '/')
		len--;
	if (strncmp(root, path, len) != 0 || path[len] != '/')
		return NULL;
	return path + len;
}

/*
 * The chroot must not be a place the unprivileged user (or anyone but
 * root) can prepare: owned by root, writable by root only. It holds
 * nothing but directories, which are mount points for what nightjar
 * still needs after the drop (the log and policy folders, /dev/log);
 * a file, device node or symlink there is refused, as are entries
 * writable by others.
 */
static int
check_chroot_dir(const char *dir)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd, rv = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1) {
		log_warn("privileges: chroot directory %s", dir);
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		log_warn("privileges: chroot directory %s", dir);
		close(fd);
		return -1;
	}
	if (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		log_warnx("privileges: chroot directory %s must be owned by "
		    "root and writable by root only (it is uid %u, mode %03o)",
		    dir, (unsigned)st.st_uid, (unsigned)(st.st_mode & 0777));
		close(fd);
		return -1;
	}
	if ((d = fdopendir(fd)) == NULL) {
		log_warn("privileges: chroot directory %s", dir);
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
		    -1) {
			log_warn("privileges: %s/%s", dir, de->d_name);
			rv = -1;
			break;
		}
		if (!S_ISDIR(st.st_mode)) {
			log_warnx("privileges: chroot directory %s must hold "
			    "only directories, not %s", dir, de->d_name);
			rv = -1;
			break;
		}
	}
	closedir(d);
	return rv;
}

/* Which user to become; 0 with *pw NULL means stay root. */
static int
resolve_user(const struct nj_priv_options *o, struct passwd **pw)
{
	*pw = NULL;
	if (o->stay_root) {
		log_warnx("privileges: staying root (--stay-root)");
		return 0;
	}
	errno = 0;
	if (o->user != NULL) {
		if ((*pw = getpwnam(o->user)) == NULL) {
			log_warnx("privileges: -u %s: no such user", o->user);
			return -1;
		}
	} else if ((*pw = getpwnam(NJ_PRIV_DEFAULT_USER)) == NULL) {
		if (o->required) {
			log_warnx("privileges: no user \"%s\" to run as: create "
			    "it (useradd --system %s), give -u USER, or "
			    "--stay-root", NJ_PRIV_DEFAULT_USER,
			    NJ_PRIV_DEFAULT_USER);
			return -1;
		}
		/*
		 * Reading a file as root on a workstation is the common case
		 * here; a warning on every run would only train people to
		 * ignore warnings.
		 */
		log_info("privileges: no user \"%s\": staying root",
		    NJ_PRIV_DEFAULT_USER);
		return 0;
	}
	if ((*pw)->pw_uid == 0) {
		log_warnx("privileges: user %s has uid 0; pick an "
		    "unprivileged user", (*pw)->pw_name);
		return -1;
	}
	return 0;
}

static int
enter_chroot(const char *dir)
{
	if (check_chroot_dir(dir) == -1)
		return -1;
	/*
	 * chdir first so that chroot(".") cannot race a rename of dir;
	 * chdir("/") after it leaves no handle on the old tree.
	 */
	if (chdir(dir) == -1 || chroot(".") == -1 || chdir("/") == -1) {
		log_warn("privileges: chroot %s", dir);
		return -1;
	}
	return 0;
}

static int
become(uid_t uid, gid_t gid, const char *name)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg, groups[2];
	int n;

	if (setgroups(1, &gid) == -1) {
		log_warn("privileges: setgroups %u", (unsigned)gid);
		return -1;
	}
	if (setresgid(gid, gid, gid) == -1) {
		log_warn("privileges: setresgid %u", (unsigned)gid);
		return -1;
	}
	if (setresuid(uid, uid, uid) == -1) {
		log_warn("privileges: setresuid %u (%s)", (unsigned)uid, name);
		return -1;
	}
	if (getresuid(&ru, &eu, &su) == -1 || getresgid(&rg, &eg, &sg) == -1 ||
	    ru != uid || eu != uid || su != uid || rg != gid || eg != gid ||
	    sg != gid) {
		log_warnx("privileges: ids are not %u:%u after the change",
		    (unsigned)uid, (unsigned)gid);
		return -1;
	}
	if ((n = getgroups(2, groups)) != 1 || groups[0] != gid) {
		log_warnx("privileges: supplementary groups were not dropped");
		return -1;
	}
	return 0;
}

/*
 * Proves the change cannot be undone: going back to uid or gid 0 must
 * fail, and no capability may be left in the permitted set (which a
 * process that keeps capabilities across setuid would have).
 */
static int
verify_dropped(void)
{
	struct __user_cap_header_struct hdr;
	struct __user_cap_data_struct data[2];

	if (setuid(0) != -1 || seteuid(0) != -1 || setgid(0) != -1 ||
	    setegid(0) != -1) {
		log_warnx("privileges: root could be regained after the drop");
		return -1;
	}
	memset(&hdr, 0, sizeof(hdr));
	memset(data, 0, sizeof(data));
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capget, &hdr, data) == -1) {
		log_warn("privileges: capget");
		return -1;
	}
	if (data[0].permitted != 0 || data[1].permitted != 0 ||
	    data[0].effective != 0 || data[1].effective != 0) {
		log_warnx("privileges: capabilities left after the drop");
		return -1;
	}
	return 0;
}

int
nj_drop_privileges(const struct nj_priv_options *o)
{
	struct passwd *pw = NULL;
	char err[256];
	uid_t uid = 0;
	gid_t gid = 0;

	if (nj_priv_check_options(o, err, sizeof(err)) == -1) {
		log_warnx("privileges: %s", err);
		return -1;
	}
	/* Time zone files cannot be read once chrooted. */
	tzset();
	if (geteuid() != 0) {
		if (o->chroot_dir != NULL) {
			log_warnx("privileges: -t %s needs root", o->chroot_dir);
			return -1;
		}
		log_debug("privileges: not root, nothing to drop");
		return nj_sandbox_enter(o->seccomp);
	}
	if (resolve_user(o, &pw) == -1)
		return -1;
	/* getpwnam's result lives in static storage chroot may not keep. */
	if (pw != NULL) {
		uid = pw->pw_uid;
		gid = pw->pw_gid;
		if (strlen(pw->pw_name) >= sizeof(err)) {
			log_warnx("privileges: user name too long");
			return -1;
		}
		snprintf(err, sizeof(err), "%s", pw->pw_name);
	}
	if (o->chroot_dir != NULL && enter_chroot(o->chroot_dir) == -1)
		return -1;
	if (pw != NULL) {
		if (become(uid, gid, err) == -1 || verify_dropped() == -1)
			return -1;
		log_info("privileges: running as %s (%u:%u)%s%s", err,
		    (unsigned)uid, (unsigned)gid,
		    o->chroot_dir != NULL ? " in " : "",
		    o->chroot_dir != NULL ? o->chroot_dir : "");
	}
	return nj_sandbox_enter(o->seccomp);
}
