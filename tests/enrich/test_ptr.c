/*
 * test_ptr.c - reverse names from a resolver this test starts on the
 * loopback (ldns-testns playing ptr.data), and the properties that keep
 * capture from waiting: a silent server costs nothing per tick and times
 * out, the cache saves repeat queries, the token bucket holds. The
 * enrichment clock is injected (fake_ms) so timeouts and TTLs are
 * stepped, not waited for. Exits 77 when ldns-testns is absent.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "policy/policy.h"
#include "sensor/alert.h"
#include "sensor/enrich.h"
#include "sensor/ptr.h"
#include "sensor/sensor.h"

#define SKIP 77

static const char *testns_path, *data_path;
static pid_t testns_pid = -1;
static unsigned testns_port;
static uint64_t fake_ms = 1000000;

static uint64_t
fake_clock(void *ctx)
{
	(void)ctx;
	return fake_ms;
}

/* Starts ldns-testns on a random port; its stdout names the port. */
static int
start_testns(void)
{
	char buf[2048];
	size_t used = 0;
	struct pollfd pfd;
	const char *at;
	ssize_t n;
	int fds[2], i, devnull;

	if (pipe(fds) != 0)
		return -1;
	if ((testns_pid = fork()) < 0)
		return -1;
	if (testns_pid == 0) {
		devnull = open("/dev/null", 0);
		dup2(fds[1], 1);
		if (devnull >= 0)
			dup2(devnull, 2);
		close(fds[0]);
		execl(testns_path, "ldns-testns", "-r", data_path,
		    (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	/* Up to 5 s for it to start: a loaded machine, not a measurement. */
	for (i = 0; i < 50 && used + 1 < sizeof(buf); i++) {
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		if ((n = read(fds[0], buf + used, sizeof(buf) - 1 - used)) <= 0)
			break;
		used += (size_t)n;
		buf[used] = '\0';
		if ((at = strstr(buf, "Listening on port ")) != NULL &&
		    strchr(at, '\n') != NULL &&
		    sscanf(at, "Listening on port %u", &testns_port) == 1) {
			close(fds[0]);
			return 0;
		}
	}
	close(fds[0]);
	return -1;
}

static int
setup(void **state)
{
	(void)state;
	return start_testns();
}

static int
teardown(void **state)
{
	(void)state;
	if (testns_pid > 0) {
		kill(testns_pid, SIGTERM);
		waitpid(testns_pid, NULL, 0);
	}
	return 0;
}

static struct nj_ptr *
new_ptr(const char *resolver, struct nj_ptr_options *o)
{
	struct nj_ptr_options def;
	struct nj_ptr *p;
	char err[256];

	if (o == NULL) {
		nj_ptr_options_default(&def);
		o = &def;
	}
	o->resolver = resolver;
	o->clock_ms = fake_clock;
	if ((p = nj_ptr_new(o, err, sizeof(err))) == NULL)
		fail_msg("%s", err);
	return p;
}

static struct nj_ptr *
testns_ptr(void)
{
	char r[64];

	snprintf(r, sizeof(r), "127.0.0.1:%u", testns_port);
	return new_ptr(r, NULL);
}

static struct nj_addr
addr(const char *s)
{
	struct nj_addr a;

	assert_int_equal(nj_addr_parse(s, &a), 0);
	return a;
}

/* Ticks until the answer for a is in (bounded: 5 s of polling). */
static enum nj_ptr_status
resolve_wait(struct nj_ptr *p, const struct nj_addr *a, char *name,
    size_t len)
{
	enum nj_ptr_status st = NJ_PTR_PENDING;
	struct pollfd pfd;
	int i;

	pfd.fd = nj_ptr_fd(p);
	pfd.events = POLLIN;
	for (i = 0; i < 500 && st == NJ_PTR_PENDING; i++) {
		(void)poll(&pfd, 1, 10);
		nj_ptr_tick(p);
		st = nj_ptr_lookup(p, a, name, len);
	}
	return st;
}

/* Asks for s (a new query) and waits for the answer. */
static enum nj_ptr_status
resolve(struct nj_ptr *p, const char *s, char *name, size_t len)
{
	struct nj_addr a = addr(s);

	assert_int_equal(nj_ptr_lookup(p, &a, name, len), NJ_PTR_PENDING);
	return resolve_wait(p, &a, name, len);
}

static void
test_name_v4(void **state)
{
	struct nj_ptr *p = testns_ptr();
	struct nj_ptr_counters c;
	struct nj_addr a = addr("81.2.69.142");
	char name[NJ_PTR_NAME_MAX];

	(void)state;
	assert_int_equal(resolve(p, "81.2.69.142", name, sizeof(name)),
	    NJ_PTR_FOUND);
	assert_string_equal(name, "london.example.net");
	/* Asked again: from the cache, no second query. */
	assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
	    NJ_PTR_FOUND);
	assert_string_equal(name, "london.example.net");
	/* The IPv4-mapped form is the same address. */
	a = addr("::ffff:81.2.69.142");
	assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
	    NJ_PTR_FOUND);
	a = addr("81.2.69.142");
	nj_ptr_counters(p, &c);
	assert_int_equal(c.queries, 1);
	assert_int_equal(c.names, 1);
	assert_int_equal(c.outstanding, 0);
	/* The answer's TTL (3600 s) bounds the entry's life. */
	fake_ms += 3600 * 1000;
	assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
	    NJ_PTR_PENDING);
	nj_ptr_counters(p, &c);
	assert_int_equal(c.queries, 2);
	nj_ptr_free(p);
}

static void
test_name_v6_and_cname(void **state)
{
	struct nj_ptr *p = testns_ptr();
	char name[NJ_PTR_NAME_MAX];

	(void)state;
	assert_int_equal(resolve(p, "2a02:d3c0::1", name, sizeof(name)),
	    NJ_PTR_FOUND);
	assert_string_equal(name, "host6.example.net");
	assert_int_equal(resolve(p, "1.128.0.1", name, sizeof(name)),
	    NJ_PTR_FOUND);
	assert_string_equal(name, "delegated.example.org");
	nj_ptr_free(p);
}

static void
test_negative(void **state)
{
	struct nj_ptr_options o;
	struct nj_ptr *p;
	struct nj_ptr_counters c;
	struct nj_addr a = addr("9.9.9.9");
	char name[NJ_PTR_NAME_MAX], r[64];

	(void)state;
	nj_ptr_options_default(&o);
	snprintf(r, sizeof(r), "127.0.0.1:%u", testns_port);
	p = new_ptr(r, &o);
	assert_int_equal(resolve(p, "9.9.9.9", name, sizeof(name)),
	    NJ_PTR_NONE);
	assert_string_equal(name, "");
	assert_int_equal(resolve(p, "1.0.0.1", name, sizeof(name)),
	    NJ_PTR_NONE);
	nj_ptr_counters(p, &c);
	assert_int_equal(c.negative, 1);
	assert_int_equal(c.failures, 1);
	/* NXDOMAIN is remembered neg_ttl seconds, then asked again. */
	fake_ms += (uint64_t)o.neg_ttl * 1000 - 1;
	assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
	    NJ_PTR_NONE);
	fake_ms += 1;
	assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
	    NJ_PTR_PENDING);
	nj_ptr_free(p);
}

static void
test_skipped(void **state)
{
	static const char *const priv[] = { "10.0.0.1", "192.168.1.1",
	    "127.0.0.1", "fe80::1", "fd00::1", "2001:db8::1" };
	struct nj_ptr *p = testns_ptr();
	struct nj_ptr_counters c;
	struct nj_addr a;
	char name[NJ_PTR_NAME_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(priv) / sizeof(priv[0]); i++) {
		a = addr(priv[i]);
		assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
		    NJ_PTR_SKIPPED);
	}
	nj_ptr_counters(p, &c);
	assert_int_equal(c.queries, 0);
	nj_ptr_free(p);
}

/* A UDP port on the loopback that is bound but never read. */
static int
silent_port(char *r, size_t len)
{
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	int fd;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true((fd = socket(AF_INET, SOCK_DGRAM, 0)) >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &sl), 0);
	snprintf(r, len, "127.0.0.1:%u", ntohs(sin.sin_port));
	return fd;
}

static uint64_t
real_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static void
test_silent_server(void **state)
{
	struct nj_ptr_options o;
	struct nj_ptr_counters c;
	struct nj_ptr *p;
	struct nj_addr a = addr("81.2.69.142");
	char name[NJ_PTR_NAME_MAX], r[64];
	uint64_t t0, worst = 0;
	int fd, i;

	(void)state;
	fd = silent_port(r, sizeof(r));
	nj_ptr_options_default(&o);
	p = new_ptr(r, &o);
	assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
	    NJ_PTR_PENDING);
	/*
	 * A tick never waits for the resolver: the bound (100 ms per
	 * call, against a 2 s query timeout) only tells a non-blocking
	 * tick from a blocking one, it is not a speed benchmark.
	 */
	for (i = 0; i < 20; i++) {
		t0 = real_us();
		nj_ptr_tick(p);
		if (real_us() - t0 > worst)
			worst = real_us() - t0;
	}
	assert_true(worst < 100000);
	nj_ptr_counters(p, &c);
	assert_int_equal(c.outstanding, 1);
	assert_int_equal(c.timeouts, 0);
	/* Still pending: no second query for the same address. */
	assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
	    NJ_PTR_PENDING);
	fake_ms += o.timeout_ms;
	nj_ptr_tick(p);
	nj_ptr_counters(p, &c);
	assert_int_equal(c.timeouts, 1);
	assert_int_equal(c.outstanding, 0);
	assert_int_equal(c.queries, 1);
	/* The failure is cached fail_ttl seconds. */
	assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
	    NJ_PTR_NONE);
	nj_ptr_free(p);
	close(fd);
}

/*
 * Nothing listens on the port: the ICMP error is read (and cleared) by
 * a tick, the query times out, and the next query still goes out.
 */
static void
test_refused(void **state)
{
	struct nj_ptr_options o;
	struct nj_ptr_counters c;
	struct nj_ptr *p;
	struct nj_addr a = addr("81.2.69.142"), b = addr("1.128.0.1");
	struct pollfd pfd;
	char name[NJ_PTR_NAME_MAX], r[64];

	(void)state;
	close(silent_port(r, sizeof(r))); /* a port that was just freed */
	nj_ptr_options_default(&o);
	p = new_ptr(r, &o);
	assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
	    NJ_PTR_PENDING);
	pfd.fd = nj_ptr_fd(p);
	pfd.events = POLLIN;
	(void)poll(&pfd, 1, 1000);
	nj_ptr_tick(p);
	fake_ms += o.timeout_ms;
	nj_ptr_tick(p);
	assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
	    NJ_PTR_NONE);
	assert_int_equal(nj_ptr_lookup(p, &b, name, sizeof(name)),
	    NJ_PTR_PENDING);
	nj_ptr_counters(p, &c);
	assert_int_equal(c.timeouts, 1);
	assert_int_equal(c.recv_errors, 1);
	assert_int_equal(c.send_errors, 0);
	assert_int_equal(c.queries, 2);
	nj_ptr_free(p);
}

static void
test_rate_limit(void **state)
{
	static const char *const remotes[] = { "81.2.69.142", "1.128.0.1",
	    "9.9.9.9", "1.0.0.1", "2a02:d3c0::1", "89.160.20.112" };
	struct nj_ptr_options o;
	struct nj_ptr_counters c;
	struct nj_ptr *p;
	struct nj_addr a;
	char name[NJ_PTR_NAME_MAX], r[64];
	int fd;
	size_t i;

	(void)state;
	fd = silent_port(r, sizeof(r));
	nj_ptr_options_default(&o);
	o.rate = 1;
	o.burst = 2;
	p = new_ptr(r, &o);
	/* A full bucket of 2, then nothing until it refills. */
	for (i = 0; i < 5; i++) {
		a = addr(remotes[i]);
		assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
		    i < 2 ? NJ_PTR_PENDING : NJ_PTR_LIMITED);
	}
	nj_ptr_counters(p, &c);
	assert_int_equal(c.queries, 2);
	assert_int_equal(c.rate_limited, 3);
	/* One second at 1 query/s: exactly one more. */
	fake_ms += 1000;
	a = addr(remotes[4]);
	assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
	    NJ_PTR_PENDING);
	a = addr(remotes[5]);
	assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
	    NJ_PTR_LIMITED);
	nj_ptr_counters(p, &c);
	assert_int_equal(c.queries, 3);
	nj_ptr_free(p);

	/* At most max_outstanding queries wait for answers. */
	nj_ptr_options_default(&o);
	o.max_outstanding = 2;
	p = new_ptr(r, &o);
	for (i = 0; i < 3; i++) {
		a = addr(remotes[i]);
		assert_int_equal(nj_ptr_lookup(p, &a, name, sizeof(name)),
		    i < 2 ? NJ_PTR_PENDING : NJ_PTR_LIMITED);
	}
	nj_ptr_counters(p, &c);
	assert_int_equal(c.busy, 1);
	assert_int_equal(c.outstanding, 2);
	nj_ptr_free(p);
	close(fd);
}

static void
test_resolver_syntax(void **state)
{
	static const char *const bad[] = { "", "resolver.example", "1.2.3.4:0",
	    "1.2.3.4:65536", "1.2.3.4:", "[::1", "[::1]x", "1.2.3.4:53x",
	    "999.1.1.1" };
	static const char *const good[] = { "127.0.0.1", "127.0.0.1:5353",
	    "::1", "[::1]:5353" };
	struct nj_ptr_options o;
	struct nj_ptr *p;
	char err[256];
	size_t i;

	(void)state;
	nj_ptr_options_default(&o);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o.resolver = bad[i];
		assert_null(nj_ptr_new(&o, err, sizeof(err)));
		assert_non_null(strstr(err, "enrich.ptr.resolver: expected"));
	}
	o.resolver = NULL;
	assert_null(nj_ptr_new(&o, err, sizeof(err)));
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		o.resolver = good[i];
		p = nj_ptr_new(&o, err, sizeof(err));
		if (p == NULL && strstr(err, "Address family") != NULL)
			continue; /* no IPv6 on this host */
		assert_non_null(p);
		nj_ptr_free(p);
	}
}

/* The name of field obj.key of an alert, or NULL. */
static const char *
field(const struct nj_alert *a, const char *obj, const char *key)
{
	int i;

	for (i = 0; i < a->nfields; i++)
		if (strcmp(a->fields[i].obj, obj) == 0 &&
		    strcmp(a->fields[i].key, key) == 0)
			return a->fields[i].s;
	return NULL;
}

/*
 * The enricher: the alert that asks first goes out without a name (the
 * answer comes later), a later alert about the same remote carries it.
 */
static void
test_enricher(void **state)
{
	static const char y[] = "networks:\n  local: [10.0.0.0/8]\n";
	struct nj_sensor s;
	struct nj_alert a;
	struct nj_addr src, dst;
	struct nj_ptr *p = testns_ptr();
	char name[NJ_PTR_NAME_MAX];

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_non_null(s.policy = nj_policy_parse("t.yaml", y,
	    sizeof(y) - 1, stderr));
	/* Inbound: the remote is the source. */
	src = addr("2a02:d3c0::1");
	dst = addr("10.1.1.1");
	nj_alert_init(&a, "scan", NJ_SEV_LOW, NJ_SEC(100));
	nj_alert_tuple(&a, &src, 5555, &dst, 22, 6);
	nj_ptr_enrich(p, &s, &a);
	assert_null(field(&a, "ptr", "name"));
	assert_int_equal(resolve_wait(p, &src, name, sizeof(name)),
	    NJ_PTR_FOUND);
	nj_alert_init(&a, "scan", NJ_SEV_LOW, NJ_SEC(101));
	nj_alert_tuple(&a, &src, 5556, &dst, 22, 6);
	nj_ptr_enrich(p, &s, &a);
	assert_non_null(field(&a, "ptr", "name"));
	assert_string_equal(field(&a, "ptr", "name"), "host6.example.net");
	assert_string_equal(field(&a, "ptr", "ip"), "2a02:d3c0::1");
	nj_policy_free(s.policy);
	nj_ptr_free(p);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_v4),
		cmocka_unit_test(test_name_v6_and_cname),
		cmocka_unit_test(test_negative),
		cmocka_unit_test(test_skipped),
		cmocka_unit_test(test_silent_server),
		cmocka_unit_test(test_rate_limit),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_resolver_syntax),
		cmocka_unit_test(test_enricher),
	};

	if (argc < 3 || access(argv[1], X_OK) != 0) {
		fprintf(stderr, "test_ptr: ldns-testns not found (package "
		    "ldnsutils); skipped\n");
		return SKIP;
	}
	testns_path = argv[1];
	data_path = argv[2];
	return cmocka_run_group_tests(tests, setup, teardown);
}
