/*
 * test_privsep_options.c - the privilege options' usage errors and where
 * a path is found after chroot (nj_priv_path_inside).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sensor/privsep.h"

static int
check(const struct nj_priv_options *o, char *err, size_t len)
{
	memset(err, 0, len);
	return nj_priv_check_options(o, err, len);
}

static void
test_options_valid(void **state)
{
	struct nj_priv_options o = { 0 };
	char err[128];

	(void)state;
	assert_int_equal(check(&o, err, sizeof(err)), 0);
	o.user = "nobody";
	o.chroot_dir = "/var/empty";
	assert_int_equal(check(&o, err, sizeof(err)), 0);
	o.user = NULL;
	o.stay_root = true;
	o.seccomp = NJ_SECCOMP_LOG;
	assert_int_equal(check(&o, err, sizeof(err)), 0);
}

static void
test_options_invalid(void **state)
{
	struct nj_priv_options o = { 0 };
	char err[128];

	(void)state;
	o.user = "";
	assert_int_equal(check(&o, err, sizeof(err)), -1);
	assert_string_equal(err, "-u: empty user name");

	o.user = "nobody";
	o.stay_root = true;
	assert_int_equal(check(&o, err, sizeof(err)), -1);
	assert_string_equal(err,
	    "-u nobody and --stay-root contradict each other");

	memset(&o, 0, sizeof(o));
	o.chroot_dir = "var/empty";
	assert_int_equal(check(&o, err, sizeof(err)), -1);
	assert_string_equal(err,
	    "-t var/empty: the chroot directory must be an absolute path");

	memset(&o, 0, sizeof(o));
	o.seccomp = (enum nj_seccomp_mode)7;
	assert_int_equal(check(&o, err, sizeof(err)), -1);
	assert_string_equal(err, "unknown seccomp mode 7");
}

static void
test_path_inside(void **state)
{
	(void)state;
	assert_string_equal(nj_priv_path_inside("/var/lib/nj",
	    "/var/lib/nj/log/a.json"), "/log/a.json");
	assert_string_equal(nj_priv_path_inside("/var/lib/nj//",
	    "/var/lib/nj/p.yaml"), "/p.yaml");
	assert_string_equal(nj_priv_path_inside("/", "/etc/nj.yaml"),
	    "/etc/nj.yaml");
	assert_string_equal(nj_priv_path_inside(NULL, "rel/x"), "rel/x");
	/* A sibling that shares the prefix is not inside. */
	assert_null(nj_priv_path_inside("/var/lib/nj", "/var/lib/nj2/x"));
	assert_null(nj_priv_path_inside("/var/lib/nj", "/var/lib/nj"));
	assert_null(nj_priv_path_inside("/var/lib/nj", "/etc/x"));
	assert_null(nj_priv_path_inside("/var/lib/nj", "log/x"));
	assert_null(nj_priv_path_inside("var/lib", "var/lib/x"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_valid),
		cmocka_unit_test(test_options_invalid),
		cmocka_unit_test(test_path_inside),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
