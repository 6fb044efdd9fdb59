/*
 * test_privsep_drop.c - run as root: a child drops to nobody in a fresh
 * chroot and proves it (ids, groups, chroot, no-new-privs, no way back
 * to root), then a forbidden system call (execve) must end it with
 * status 2 and the one-line seccomp message. Bad chroot directories and
 * an unknown user must be refused. Exits 77 (skip) when not root or
 * when there is no user "nobody".
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sensor/log.h"
#include "sensor/privsep.h"

static int failures;

#define EXPECT(cond, what) do {                                          \
	if (!(cond)) {                                                   \
		fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__,  \
		    what);                                               \
		_exit(1);                                                \
	}                                                                \
} while (0)

/*
 * Runs fn in a child with stderr captured into err; returns the wait
 * status.
 */
static int
in_child(void (*fn)(const char *), const char *arg, char *err, size_t len)
{
	int p[2], status;
	ssize_t n;
	size_t off = 0;
	pid_t pid;

	if (pipe(p) == -1 || (pid = fork()) == -1) {
		perror("pipe/fork");
		exit(1);
	}
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], STDERR_FILENO);
		fn(arg);
		_exit(0);
	}
	close(p[1]);
	while (off + 1 < len && (n = read(p[0], err + off, len - off - 1)) > 0)
		off += (size_t)n;
	err[off] = '\0';
	close(p[0]);
	if (waitpid(pid, &status, 0) == -1) {
		perror("waitpid");
		exit(1);
	}
	return status;
}

static void
drop_and_probe(const char *root)
{
	struct nj_priv_options o = { .user = "nobody", .chroot_dir = root };
	struct passwd *pw = getpwnam("nobody");
	uid_t uid = pw->pw_uid, ru, eu, su;
	gid_t gid = pw->pw_gid, groups[4];
	char *const argv[] = { (char *)"/bin/true", NULL };
	struct stat st;

	EXPECT(nj_drop_privileges(&o) == 0, "drop failed");
	EXPECT(getresuid(&ru, &eu, &su) == 0 && ru == uid && eu == uid &&
	    su == uid, "uids are not nobody's");
	EXPECT(getgid() == gid && getegid() == gid, "gids are not nobody's");
	EXPECT(getgroups(4, groups) == 1 && groups[0] == gid,
	    "supplementary groups left");
	/* The marker directory made inside root is now at the top. */
	EXPECT(stat("/marker", &st) == 0 && S_ISDIR(st.st_mode),
	    "not inside the chroot");
	EXPECT(stat(root, &st) == -1, "the old tree is still visible");
	EXPECT(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1,
	    "no_new_privs not set");
	/* Allowed calls still work: write, open inside the chroot. */
	EXPECT(open("/marker", O_RDONLY | O_DIRECTORY) >= 0, "open failed");
	fprintf(stderr, "probed\n");
	/* Forbidden: the handler says so and exits 2. */
	execve(argv[0], argv, NULL);
	fprintf(stderr, "execve returned: %s\n", strerror(errno));
	_exit(1);
}

/* Without the filter, so that the way back to root can be tried. */
static void
drop_no_filter(const char *root)
{
	struct nj_priv_options o = { .user = "nobody", .chroot_dir = root,
	    .seccomp = NJ_SECCOMP_OFF };

	EXPECT(nj_drop_privileges(&o) == 0, "drop failed");
	EXPECT(setuid(0) == -1 && errno == EPERM, "setuid(0) worked");
	EXPECT(setresgid(0, 0, 0) == -1 && errno == EPERM, "setresgid worked");
	EXPECT(chroot("/") == -1 && errno == EPERM, "chroot worked");
	fprintf(stderr, "no way back\n");
}

static void
drop_expect_fail(const char *root)
{
	struct nj_priv_options o = { .user = "nobody", .chroot_dir = root };

	EXPECT(nj_drop_privileges(&o) == -1, "drop should have failed");
	EXPECT(getuid() == 0, "failed drop changed the uid");
}

static void
drop_unknown_user(const char *arg)
{
	struct nj_priv_options o = { .user = arg };

	EXPECT(nj_drop_privileges(&o) == -1, "unknown user accepted");
}

/* No -u and no user "nightjar": live capture must refuse to stay root. */
static void
default_user_required(const char *arg)
{
	struct nj_priv_options o = { .required = true };

	(void)arg;
	EXPECT(nj_drop_privileges(&o) == -1, "stayed root for live capture");
}

/* ... while reading a file goes on as root, sandboxed. */
static void
default_user_optional(const char *arg)
{
	struct nj_priv_options o = { .required = false };

	(void)arg;
	EXPECT(nj_drop_privileges(&o) == 0, "reading a file was refused");
	EXPECT(getuid() == 0, "uid changed without a user");
	EXPECT(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1,
	    "no_new_privs not set");
	fprintf(stderr, "root, sandboxed\n");
}

static void
expect(int status, int code, const char *err, const char *want,
    const char *what)
{
	if (!WIFEXITED(status) || WEXITSTATUS(status) != code ||
	    strstr(err, want) == NULL) {
		fprintf(stderr, "FAIL %s: status %#x, stderr:\n%s\n(wanted "
		    "exit %d and \"%s\")\n", what, status, err, code, want);
		failures++;
	} else
		printf("ok %s\n", what);
}

static void
mkdir_or_die(const char *path, mode_t mode)
{
	if (mkdir(path, mode) == -1 || chmod(path, mode) == -1) {
		perror(path);
		exit(1);
	}
}

int
main(void)
{
	char root[] = "/tmp/nj-privsep-XXXXXX", sub[64], err[2048];
	int status, fd;

	if (geteuid() != 0) {
		printf("SKIP: the privilege drop test needs root\n");
		return 77;
	}
	if (getpwnam("nobody") == NULL) {
		printf("SKIP: no user \"nobody\"\n");
		return 77;
	}
	log_init("nightjar", 0);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (mkdtemp(root) == NULL || chmod(root, 0755) == -1) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(sub, sizeof(sub), "%s/marker", root);
	mkdir_or_die(sub, 0755);

	status = in_child(drop_and_probe, root, err, sizeof(err));
	expect(status, 0 + 2, err, "probed\nnightjar: seccomp: forbidden "
	    "system call ", "drop to nobody, chroot, execve forbidden");

	status = in_child(drop_no_filter, root, err, sizeof(err));
	expect(status, 0, err, "no way back\n", "setuid(0), setresgid(0), "
	    "chroot fail after the drop");

	/* Writable by others: anyone could have prepared it. */
	chmod(root, 0777);
	status = in_child(drop_expect_fail, root, err, sizeof(err));
	expect(status, 0, err, "must be owned by root and writable by root "
	    "only (it is uid 0, mode 777)", "world-writable chroot refused");
	chmod(root, 0755);

	/* A file in the chroot: it should hold only directories. */
	snprintf(sub, sizeof(sub), "%s/file", root);
	if ((fd = open(sub, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1) {
		perror(sub);
		return 1;
	}
	close(fd);
	status = in_child(drop_expect_fail, root, err, sizeof(err));
	expect(status, 0, err, "must hold only directories, not file",
	    "chroot holding a file refused");
	unlink(sub);

	status = in_child(drop_unknown_user, "nj-no-such-user", err,
	    sizeof(err));
	expect(status, 0, err, "privileges: -u nj-no-such-user: no such user",
	    "unknown user refused");

	if (getpwnam("nightjar") == NULL) {
		status = in_child(default_user_required, NULL, err, sizeof(err));
		expect(status, 0, err, "privileges: no user \"nightjar\" to run "
		    "as: create it (useradd --system nightjar), give -u USER, or "
		    "--stay-root", "live capture without a user refused");
		status = in_child(default_user_optional, NULL, err,
		    sizeof(err));
		expect(status, 0, err, "root, sandboxed\n",
		    "reading a file without a user stays root");
	} else
		printf("skipped the default-user cases: user nightjar exists\n");

	snprintf(sub, sizeof(sub), "%s/marker", root);
	rmdir(sub);
	rmdir(root);
	return failures == 0 ? 0 : 1;
}
