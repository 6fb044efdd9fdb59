/*
 * test_daemon.c - the pidfile (created, locked, stale taken over, live
 * refused, symlink refused, removed), sd_notify datagrams on a socket the
 * test binds (path and abstract), and -D: the launcher exits 0 once the
 * daemon is ready, 2 when it dies first; the daemon is no session
 * leader, sits in "/" and has stdio on /dev/null.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sensor/daemon.h"
#include "sensor/log.h"

static char tmpdir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/nj-daemon-XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
read_file(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_pidfile(void **state)
{
	struct nj_daemon a, b;
	char path[128], want[32], got[64];

	(void)state;
	snprintf(path, sizeof(path), "%s/nj.pid", tmpdir);
	snprintf(want, sizeof(want), "%ld\n", (long)getpid());
	assert_int_equal(nj_daemon_start(&a, false), 0);
	assert_int_equal(nj_daemon_start(&b, false), 0);
	assert_int_equal(nj_pidfile_create(&a, path), 0);
	read_file(path, got, sizeof(got));
	assert_string_equal(got, want);
	/* A second holder is refused: flock conflicts between opens. */
	assert_int_equal(nj_pidfile_create(&b, path), -1);
	nj_daemon_finish(&a);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(errno, ENOENT);

	/* A stale file (nobody holds its lock) is taken over. */
	write_file(path, "999999999\nleftover text\n");
	assert_int_equal(nj_pidfile_create(&b, path), 0);
	read_file(path, got, sizeof(got));
	assert_string_equal(got, want);
	nj_daemon_finish(&b);
}

static void
test_pidfile_symlink(void **state)
{
	struct nj_daemon d;
	char path[128], target[128];

	(void)state;
	snprintf(path, sizeof(path), "%s/link.pid", tmpdir);
	snprintf(target, sizeof(target), "%s/target", tmpdir);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(nj_daemon_start(&d, false), 0);
	assert_int_equal(nj_pidfile_create(&d, path), -1);
	assert_int_equal(access(target, F_OK), -1);
	nj_daemon_finish(&d);
}

/* Binds a datagram socket at name (path, or "@..." abstract). */
static int
bind_notify(const char *name)
{
	struct sockaddr_un sun;
	size_t n = strlen(name);
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, name, n);
	if (name[0] == '@')
		sun.sun_path[0] = '\0';
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sun,
	    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n +
	    (name[0] == '@' ? 0 : 1))), 0);
	return fd;
}

static void
expect_datagram(int fd, const char *want)
{
	char buf[256];
	ssize_t n;

	n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf, want);
}

static void
notify_roundtrip(const char *name)
{
	struct nj_daemon d;
	char ready[64];
	int fd;

	fd = bind_notify(name);
	assert_int_equal(setenv("NOTIFY_SOCKET", name, 1), 0);
	assert_int_equal(nj_daemon_start(&d, false), 0);
	assert_int_equal(nj_notify_open(&d), 0);
	/* Unset, so nothing started later talks to systemd as us. */
	assert_null(getenv("NOTIFY_SOCKET"));
	assert_int_equal(nj_daemon_ready(&d), 0);
	snprintf(ready, sizeof(ready), "READY=1\nMAINPID=%ld", (long)getpid());
	expect_datagram(fd, ready);
	assert_int_equal(nj_notify(&d, "STOPPING=1"), 0);
	expect_datagram(fd, "STOPPING=1");
	nj_daemon_finish(&d);
	close(fd);
}

static void
test_notify(void **state)
{
	char path[128], abstract[64];
	struct nj_daemon d;

	(void)state;
	snprintf(path, sizeof(path), "%s/notify", tmpdir);
	notify_roundtrip(path);
	snprintf(abstract, sizeof(abstract), "@nj-test-notify-%ld",
	    (long)getpid());
	notify_roundtrip(abstract);

	/* Unset: nothing to do, and nothing fails. */
	unsetenv("NOTIFY_SOCKET");
	assert_int_equal(nj_daemon_start(&d, false), 0);
	assert_int_equal(nj_notify_open(&d), 0);
	assert_int_equal(nj_daemon_ready(&d), 0);
	nj_daemon_finish(&d);

	assert_int_equal(setenv("NOTIFY_SOCKET", "relative", 1), 0);
	assert_int_equal(nj_daemon_start(&d, false), 0);
	assert_int_equal(nj_notify_open(&d), -1);
	nj_daemon_finish(&d);
	unsetenv("NOTIFY_SOCKET");
}

/*
 * The launcher: a child of the test that calls nj_daemon_start(true).
 * The daemon records what it sees in report, before and after ready.
 */
static void
launch(const char *report, int die_early)
{
	struct nj_daemon d;
	struct stat st, null;
	char cwd[PATH_MAX];
	FILE *f;

	if (nj_daemon_start(&d, true) == -1)
		_exit(9);
	if (die_early)
		_exit(3);
	f = fopen(report, "w");
	if (f == NULL || getcwd(cwd, sizeof(cwd)) == NULL)
		_exit(4);
	fprintf(f, "session_leader %d\ncwd %s\n", getsid(0) == getpid(), cwd);
	if (nj_daemon_ready(&d) == -1)
		_exit(5);
	stat("/dev/null", &null);
	fstat(STDOUT_FILENO, &st);
	fprintf(f, "stdout_null %d\n", st.st_rdev == null.st_rdev &&
	    S_ISCHR(st.st_mode));
	fstat(STDERR_FILENO, &st);
	fprintf(f, "stderr_null %d\ndone\n", st.st_rdev == null.st_rdev &&
	    S_ISCHR(st.st_mode));
	fclose(f);
	nj_daemon_finish(&d);
	_exit(0);
}

static int
run_launcher(const char *report, int die_early)
{
	pid_t pid;
	int status;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		launch(report, die_early);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void
test_daemonize(void **state)
{
	char report[128], got[512];
	int i;

	(void)state;
	snprintf(report, sizeof(report), "%s/report", tmpdir);
	assert_int_equal(run_launcher(report, 0), 0);
	/* The daemon finishes its report after the launcher exited. */
	for (i = 0; i < 500; i++) {
		read_file(report, got, sizeof(got));
		if (strstr(got, "done\n") != NULL)
			break;
		usleep(10000);
	}
	assert_string_equal(got, "session_leader 0\ncwd /\nstdout_null 1\n"
	    "stderr_null 1\ndone\n");
	/* Dying before ready makes the launcher fail. */
	assert_int_equal(run_launcher(report, 1), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pidfile),
		cmocka_unit_test(test_pidfile_symlink),
		cmocka_unit_test(test_notify),
		cmocka_unit_test(test_daemonize),
	};

	log_init("test_daemon", 0);
	return cmocka_run_group_tests(tests, setup, teardown);
}
