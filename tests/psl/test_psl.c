/*
 * test_psl.c - the registered domain, with the vectors of publicsuffix.org
 * test_psl.txt (checkPublicSuffix) run against Debian's list, and a small
 * hand-written list for the rule kinds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "policy/psl.h"

struct vec {
	const char *name;
	const char *want; /* NULL: no registered domain */
};

/* From publicsuffix.org's tests/test_psl.txt (ASCII cases). */
static const struct vec official[] = {
	{ "com", NULL },
	{ "example.com", "example.com" },
	{ "b.example.com", "example.com" },
	{ "a.b.example.com", "example.com" },
	{ "uk.com", NULL },
	{ "example.uk.com", "example.uk.com" },
	{ "b.example.uk.com", "example.uk.com" },
	{ "a.b.example.uk.com", "example.uk.com" },
	{ "test.ac", "test.ac" },
	{ "mm", NULL },
	{ "c.mm", NULL },
	{ "b.c.mm", "b.c.mm" },
	{ "a.b.c.mm", "b.c.mm" },
	{ "jp", NULL },
	{ "test.jp", "test.jp" },
	{ "www.test.jp", "test.jp" },
	{ "ac.jp", NULL },
	{ "test.ac.jp", "test.ac.jp" },
	{ "www.test.ac.jp", "test.ac.jp" },
	{ "kyoto.jp", NULL },
	{ "test.kyoto.jp", "test.kyoto.jp" },
	{ "ide.kyoto.jp", NULL },
	{ "b.ide.kyoto.jp", "b.ide.kyoto.jp" },
	{ "a.b.ide.kyoto.jp", "b.ide.kyoto.jp" },
	{ "c.kobe.jp", NULL },
	{ "b.c.kobe.jp", "b.c.kobe.jp" },
	{ "a.b.c.kobe.jp", "b.c.kobe.jp" },
	{ "city.kobe.jp", "city.kobe.jp" },
	{ "www.city.kobe.jp", "city.kobe.jp" },
	{ "ck", NULL },
	{ "test.ck", NULL },
	{ "b.test.ck", "b.test.ck" },
	{ "a.b.test.ck", "b.test.ck" },
	{ "www.ck", "www.ck" },
	{ "www.www.ck", "www.ck" },
	{ "us", NULL },
	{ "test.us", "test.us" },
	{ "www.test.us", "test.us" },
	{ "ak.us", NULL },
	{ "test.ak.us", "test.ak.us" },
	{ "www.test.ak.us", "test.ak.us" },
	{ "k12.ak.us", NULL },
	{ "test.k12.ak.us", "test.k12.ak.us" },
	{ "www.test.k12.ak.us", "test.k12.ak.us" },
	/* IDN, as A-labels (the list writes these rules in Unicode). */
	{ "xn--85x722f.com.cn", "xn--85x722f.com.cn" },
	{ "xn--85x722f.xn--55qx5d.cn", "xn--85x722f.xn--55qx5d.cn" },
	{ "www.xn--85x722f.xn--55qx5d.cn", "xn--85x722f.xn--55qx5d.cn" },
	{ "shishi.xn--55qx5d.cn", "shishi.xn--55qx5d.cn" },
	{ "xn--55qx5d.cn", NULL },
	{ "xn--85x722f.xn--fiqs8s", "xn--85x722f.xn--fiqs8s" },
	{ "www.xn--85x722f.xn--fiqs8s", "xn--85x722f.xn--fiqs8s" },
	{ "shishi.xn--fiqs8s", "shishi.xn--fiqs8s" },
	{ "xn--fiqs8s", NULL },
	/* Mixed case; an unlisted TLD follows "*". */
	{ "COM", NULL },
	{ "example.COM", "example.COM" },
	{ "WwW.example.COM", "example.COM" },
	{ "example", NULL },
	{ "example.example", "example.example" },
	{ "b.example.example", "example.example" },
	{ "a.b.example.example", "example.example" },
	/* Leading dot, empty name. */
	{ ".com", NULL },
	{ ".example", NULL },
	{ ".example.com", NULL },
	{ "", NULL },
	/* Our additions: the brief's example, trailing dot, empty label. */
	{ "a.b.example.co.uk", "example.co.uk" },
	{ "example.com.", NULL },
	{ "a..example.com", NULL },
};

static void
check(const struct nj_psl *psl, const struct vec *v, size_t n)
{
	const char *got;
	size_t i;

	for (i = 0; i < n; i++) {
		got = nj_psl_registered_domain(psl, v[i].name);
		if (v[i].want == NULL && got != NULL)
			fail_msg("%s: got %s, want none", v[i].name, got);
		if (v[i].want != NULL && (got == NULL || strcmp(got, v[i].want)))
			fail_msg("%s: got %s, want %s", v[i].name,
			    got ? got : "none", v[i].want);
	}
}

static void
test_official(void **state)
{
	struct nj_psl_stats st;
	struct nj_psl *psl;

	(void)state;
	if ((psl = nj_psl_load(NJ_PSL_PATH, stderr)) == NULL)
		skip(); /* the publicsuffix package is not installed */
	nj_psl_stats(psl, &st);
	assert_true(st.rules > 5000);
	assert_true(st.wildcards > 10);
	assert_true(st.exceptions > 5);
	assert_true(st.idn > 100);
	assert_int_equal(st.dropped, 0);
	check(psl, official, sizeof(official) / sizeof(official[0]));
	assert_string_equal(nj_psl_public_suffix(psl, "a.b.example.co.uk"),
	    "co.uk");
	assert_string_equal(nj_psl_public_suffix(psl, "www.www.ck"), "ck");
	nj_psl_free(psl);
}

static void
test_small_list(void **state)
{
	static const char list[] =
	    "// comment line\n"
	    "\n"
	    "com\n"
	    "*.wild.com   trailing words are ignored\n"
	    "!open.wild.com\r\n"
	    "Co.UK\n"
	    "uk";
	static const struct vec v[] = {
		{ "x.com", "x.com" },
		{ "wild.com", "wild.com" },
		{ "a.wild.com", NULL },
		{ "b.a.wild.com", "b.a.wild.com" },
		{ "open.wild.com", "open.wild.com" },
		{ "x.open.wild.com", "open.wild.com" },
		{ "x.y.co.uk", "y.co.uk" },
		{ "co.uk", NULL },
		{ "org", NULL },
		{ "x.org", "x.org" },
	};
	struct nj_psl_stats st;
	struct nj_psl *psl;

	(void)state;
	psl = nj_psl_parse("small", list, sizeof(list) - 1, stderr);
	assert_non_null(psl);
	nj_psl_stats(psl, &st);
	assert_int_equal(st.rules, 5);
	assert_int_equal(st.wildcards, 1);
	assert_int_equal(st.exceptions, 1);
	check(psl, v, sizeof(v) / sizeof(v[0]));
	nj_psl_free(psl);
}

static void
test_missing_file(void **state)
{
	char buf[256] = "";
	FILE *errs;

	(void)state;
	errs = fmemopen(buf, sizeof(buf), "w");
	assert_non_null(errs);
	assert_null(nj_psl_load("/nonexistent/psl.dat", errs));
	fclose(errs);
	assert_string_equal(buf,
	    "/nonexistent/psl.dat:0: No such file or directory\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_official),
		cmocka_unit_test(test_small_list),
		cmocka_unit_test(test_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
