/*
 * sandbox.c - no-new-privs and the seccomp allow-list (libseccomp) that
 * nightjar lives in after start-up.
 *
 * The default action is a trap whose handler writes one line naming the
 * system call number and ends the process with status 2: a call outside
 * the list is either a bug (seen at once in testing, and systemd's
 * Restart= brings the sensor back) or an attacker who got code running
 * in a decoder, and neither should carry on. EPERM would let the sensor
 * limp on in a state nobody tested. NJ_SECCOMP_LOG allows everything but
 * has the kernel log the calls outside the list (audit, dmesg), to find
 * what a new code path needs.
 *
 * The handler cannot be replaced afterwards: rt_sigaction is not in the
 * list (signal handlers are installed before the drop).
 */
#include <sys/prctl.h>

#include <errno.h>
#include <seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "sensor/log.h"
#include "sensor/privsep.h"

#if defined(__SANITIZE_ADDRESS__)
#define NJ_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NJ_SANITIZED 1
#endif
#endif

/*
 * Every system call the sensor makes after the drop, and why. Names not
 * known on this architecture (open on arm64, ...) are skipped.
 */
static const char *const allowed[] = {
	/* Capture: libpcap's TPACKET ring is polled, read offline. */
	"poll", "ppoll", "read", "readv", "pread64", "recvfrom", "recvmsg",
	"getsockopt",          /* pcap_stats (PACKET_STATISTICS), SO_ERROR */
	/* Memory: malloc, stdio buffers, libpcap's ring. */
	"brk", "mmap", "munmap", "mremap", "madvise", "mprotect",
	/* Outputs: JSON and text files, syslog sockets, the spool file. */
	"write", "writev", "pwrite64", "sendto", "sendmsg", "socket",
	"connect", "setsockopt", "shutdown", "getsockname", "getpeername",
	"select", "pselect6", "fcntl", "fsync", "fdatasync", "ftruncate",
	/* Reopen on SIGHUP, policy reload, spool, pidfile removal. */
	"open", "openat", "close", "fstat", "newfstatat", "stat", "statx",
	"lseek", "unlink", "unlinkat", "flock",
	/* Time (usually the vDSO, but these are its fall-backs). */
	"clock_gettime", "gettimeofday", "time", "nanosleep",
	"clock_nanosleep",
	/* The process itself. */
	"exit", "exit_group", "rt_sigreturn", "rt_sigprocmask",
	"restart_syscall", "futex", "getpid", "gettid", "getrandom", "uname",
	"getrusage", "sched_yield",
	/* Reading one's ids is harmless; changing them is not listed. */
	"getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid",
	"getgroups",
};

#ifdef NJ_SANITIZED
/*
 * The AddressSanitizer runtime's own needs: LeakSanitizer stops the
 * world at exit with a cloned tracer that ptraces the threads and reads
 * /proc/self. Only in sanitizer builds (tests, CI), never in releases.
 * A leak report still dies at the symbolizer's fork (status 2 and the
 * seccomp line): rerun with ASAN_OPTIONS=symbolize=0 to read it.
 */
static const char *const allowed_sanitizer[] = {
	"clone", "clone3", "ptrace", "wait4", "waitid", "prctl",
	"sigaltstack", "rt_sigaction", "getdents64", "readlink", "readlinkat",
	"getppid", "sched_getaffinity", "kill", "tgkill", "pipe2", "getdents",
	"dup2", "prlimit64",
	"process_vm_readv", "set_robust_list", "rseq",
};
#endif

/* Async-signal-safe: formats with no locale, writes with write(2). */
static void
on_sigsys(int sig, siginfo_t *si, void *uc)
{
	static const char head[] = "nightjar: seccomp: forbidden system call ";
	static const char tail[] = " (scmp_sys_resolver NUMBER names it); "
	    "exiting\n";
	char num[16];
	unsigned v;
	int i = sizeof(num);

	(void)sig;
	(void)uc;
	v = (unsigned)si->si_syscall;
	do {
		num[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0 && i > 0);
	(void)!write(STDERR_FILENO, head, sizeof(head) - 1);
	(void)!write(STDERR_FILENO, num + i, sizeof(num) - (size_t)i);
	(void)!write(STDERR_FILENO, tail, sizeof(tail) - 1);
	_exit(2);
}

static int
allow_list(scmp_filter_ctx ctx, const char *const *names, size_t n)
{
	size_t i;
	int nr, rc;

	for (i = 0; i < n; i++) {
		if ((nr = seccomp_syscall_resolve_name(names[i])) ==
		    __NR_SCMP_ERROR)
			continue;
		if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0)) < 0) {
			log_warnx("privileges: seccomp rule for %s: %s",
			    names[i], strerror(-rc));
			return -1;
		}
	}
	return 0;
}

/*
 * Rules with arguments: ioctl only to ask whether a descriptor is a
 * terminal (stdio does) or how much is readable; tgkill only to this
 * process, so abort() and raise() still work; prctl only to read the
 * no-new-privs bit (the tests prove the sandbox with it).
 */
static int
allow_arg(scmp_filter_ctx ctx, const char *name, unsigned arg,
    scmp_datum_t value)
{
	/* Spelled out: SCMP_A1() leaves datum_b to a missing initializer. */
	struct scmp_arg_cmp cmp = { .arg = arg, .op = SCMP_CMP_EQ,
	    .datum_a = value, .datum_b = 0 };
	int rc;

	if ((rc = seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW,
	    seccomp_syscall_resolve_name(name), 1, &cmp)) < 0) {
		log_warnx("privileges: seccomp rule for %s: %s", name,
		    strerror(-rc));
		return -1;
	}
	return 0;
}

static int
allow_with_args(scmp_filter_ctx ctx)
{
	if (allow_arg(ctx, "ioctl", 1, TCGETS) == -1 ||
	    allow_arg(ctx, "ioctl", 1, FIONREAD) == -1 ||
	    allow_arg(ctx, "tgkill", 0, (scmp_datum_t)getpid()) == -1 ||
	    allow_arg(ctx, "prctl", 0, PR_GET_NO_NEW_PRIVS) == -1)
		return -1;
	return 0;
}

int
nj_sandbox_enter(enum nj_seccomp_mode mode)
{
	struct sigaction sa;
	scmp_filter_ctx ctx;
	uint32_t def;
	int rc;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1) {
		log_warn("privileges: PR_SET_NO_NEW_PRIVS");
		return -1;
	}
	if (mode == NJ_SECCOMP_OFF) {
		log_warnx("privileges: seccomp filter off");
		return 0;
	}
	def = mode == NJ_SECCOMP_LOG ? SCMP_ACT_LOG : SCMP_ACT_TRAP;
	if (mode == NJ_SECCOMP_KILL) {
		memset(&sa, 0, sizeof(sa));
		sigemptyset(&sa.sa_mask);
		sa.sa_sigaction = on_sigsys;
		sa.sa_flags = SA_SIGINFO;
		if (sigaction(SIGSYS, &sa, NULL) == -1) {
			log_warn("privileges: sigaction SIGSYS");
			return -1;
		}
	}
	if ((ctx = seccomp_init(def)) == NULL) {
		log_warnx("privileges: seccomp_init failed");
		return -1;
	}
	if (allow_list(ctx, allowed, sizeof(allowed) / sizeof(allowed[0])) ==
	    -1 || allow_with_args(ctx) == -1)
		goto fail;
#ifdef NJ_SANITIZED
	if (allow_list(ctx, allowed_sanitizer, sizeof(allowed_sanitizer) /
	    sizeof(allowed_sanitizer[0])) == -1)
		goto fail;
#endif
	if ((rc = seccomp_load(ctx)) < 0) {
		log_warnx("privileges: loading the seccomp filter: %s",
		    strerror(-rc));
		goto fail;
	}
	seccomp_release(ctx);
	log_info("privileges: seccomp filter loaded (%s)",
	    mode == NJ_SECCOMP_LOG ? "log only" : "forbidden calls end the "
	    "process");
	return 0;
fail:
	seccomp_release(ctx);
	return -1;
}
