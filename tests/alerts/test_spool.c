/*
 * test_spool.c - the spool's bounds, order across memory and file,
 * and the drop counter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sensor/spool.h"

static void
push_n(struct nj_spool *sp, int from, int to, int *ok)
{
	char m[16];
	int i;

	for (i = from; i < to; i++) {
		/* 10 bytes each: "msg-000NNN". */
		snprintf(m, sizeof(m), "msg-%06d", i);
		if (nj_spool_push(sp, m, 10) == 0)
			(*ok)++;
	}
}

/* Pops and checks that the next messages are first .. first+n-1. */
static void
expect(struct nj_spool *sp, int first, int n)
{
	char want[16];
	const char *m;
	size_t len;
	int i;

	for (i = 0; i < n; i++) {
		m = nj_spool_peek(sp, &len);
		assert_non_null(m);
		snprintf(want, sizeof(want), "msg-%06d", first + i);
		assert_int_equal(len, 10);
		assert_memory_equal(m, want, 10);
		nj_spool_pop(sp);
	}
}

static void
test_memory_only(void **state)
{
	struct nj_spool *sp = nj_spool_new(3, NULL, 0);
	struct nj_spool_counters c;
	size_t len;
	int ok = 0;

	(void)state;
	push_n(sp, 0, 5, &ok);
	assert_int_equal(ok, 3);
	nj_spool_counters(sp, &c);
	assert_true(c.dropped == 2);
	assert_true(c.queued == 3);
	expect(sp, 0, 3);
	assert_null(nj_spool_peek(sp, &len));
	/* The ring wraps. */
	push_n(sp, 10, 12, &ok);
	expect(sp, 10, 2);
	nj_spool_free(sp);
}

static void
test_file_order_and_bound(void **state)
{
	char path[] = "/tmp/nj-spool-XXXXXX";
	struct nj_spool_counters c;
	struct nj_spool *sp;
	size_t len;
	int fd, ok = 0;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd != -1);
	close(fd);
	/* Memory 2; file 100 bytes = 7 records of 4 + 10 bytes. */
	sp = nj_spool_new(2, path, 100);
	assert_non_null(sp);
	push_n(sp, 0, 10, &ok);
	assert_int_equal(ok, 9);
	nj_spool_counters(sp, &c);
	assert_true(c.dropped == 1);
	assert_true(c.in_file == 7);
	assert_true(c.file_bytes == 98);
	/* Room in memory again, but the file is not empty: 9 after 8. */
	expect(sp, 0, 1);
	push_n(sp, 9, 10, &ok);
	nj_spool_counters(sp, &c);
	assert_true(c.dropped == 2); /* the file was still full */
	expect(sp, 1, 8);
	assert_null(nj_spool_peek(sp, &len));
	nj_spool_counters(sp, &c);
	assert_true(c.file_bytes == 0);
	assert_true(c.queued == 0);
	/* The file is reused from the start after it emptied. */
	push_n(sp, 20, 26, &ok);
	expect(sp, 20, 6);
	nj_spool_counters(sp, &c);
	assert_true(c.spilled == 7 + 4);
	nj_spool_free(sp);
	assert_int_equal(access(path, F_OK), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory_only),
		cmocka_unit_test(test_file_order_and_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
