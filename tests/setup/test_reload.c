/*
 * test_reload.c - SIGHUP reload (nj_setup_reload): a good policy is
 * swapped in, a bad one leaves the old one running.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy/policy.h"
#include "sensor/config.h"
#include "sensor/sensor.h"
#include "sensor/setup.h"

static char path[] = "/tmp/nj-reload-XXXXXX";

static void
write_policy(const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static void
test_reload(void **state)
{
	struct nj_config cfg;
	struct nj_sensor s;
	struct nj_addr a;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	memset(&cfg, 0, sizeof(cfg));
	memset(&s, 0, sizeof(s));
	cfg.policy_path = path;
	cfg.text = 0;
	cfg.quiet = 1;

	write_policy("sensor: {name: fw1}\n"
	    "networks: {local: [10.1.0.0/16]}\n");
	assert_int_equal(nj_setup_policy(&s, &cfg, NULL), 0);
	assert_int_equal(nj_setup_alerts(&s, &cfg), 0);
	assert_string_equal(s.name, "fw1");
	assert_int_equal(nj_addr_parse("10.1.2.3", &a), 0);
	assert_true(nj_policy_is_local(s.policy, &a));

	/* A bad policy: the old one stays, whole. */
	write_policy("networks: {local: [10.1.0.0/33]}\n");
	nj_setup_reload(&s, &cfg, NULL);
	assert_true(nj_policy_is_local(s.policy, &a));

	/* A good one is swapped in; the sensor keeps its name. */
	write_policy("sensor: {name: renamed}\n"
	    "networks: {local: [10.2.0.0/16]}\n");
	nj_setup_reload(&s, &cfg, NULL);
	assert_false(nj_policy_is_local(s.policy, &a));
	assert_int_equal(nj_addr_parse("10.2.0.1", &a), 0);
	assert_true(nj_policy_is_local(s.policy, &a));
	assert_string_equal(s.name, "fw1");

	nj_setup_free(&s);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reload),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
