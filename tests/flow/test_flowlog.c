/*
 * test_flowlog.c - the flow log line of a hand-built flow, read back
 * with jansson: every field, its type and its value.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sensor/flowlog.h"

static void
test_line(void **state)
{
	char path[] = "/tmp/nj-flowlog-XXXXXX";
	struct nj_flowlog *fl;
	struct nj_flow f;
	json_error_t jerr;
	json_t *o;
	FILE *fp;
	char line[2048];
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	memset(&f, 0, sizeof(f));
	nj_addr_parse("128.232.110.120", &f.orig);
	nj_addr_parse("66.35.250.204", &f.resp);
	f.orig_port = 34855;
	f.resp_port = 80;
	f.proto = IPPROTO_TCP;
	/* 2009-02-13T23:31:30.000250Z, lasting 1.5 s. */
	f.first = NJ_SEC(1234567890) + 250;
	f.last = f.first + 1500000;
	f.pkts[0] = 5;
	f.pkts[1] = 3;
	f.bytes[0] = 400;
	f.bytes[1] = 700;
	f.state = NJ_FLOW_CLOSED;
	memcpy(f.history, "ShADdFf", 8);
	f.hist_len = 7;

	assert_non_null(fl = nj_flowlog_open(path));
	nj_flowlog_write(fl, &f);
	assert_int_equal(nj_flowlog_count(fl), 1);
	assert_int_equal(nj_flowlog_close(fl), 0);

	assert_non_null(fp = fopen(path, "r"));
	assert_non_null(fgets(line, sizeof(line), fp));
	assert_null(fgets(line + strlen(line), 16, fp)); /* one line only */
	fclose(fp);
	unlink(path);
	assert_int_equal(line[strlen(line) - 1], '\n');
	assert_non_null(o = json_loads(line, 0, &jerr));
	assert_string_equal(json_string_value(json_object_get(o, "timestamp")),
	    "2009-02-13T23:31:30.000250Z");
	assert_true(json_real_value(json_object_get(o, "duration")) == 1.5);
	assert_string_equal(json_string_value(json_object_get(o, "src_ip")),
	    "128.232.110.120");
	assert_int_equal(json_integer_value(json_object_get(o, "src_port")),
	    34855);
	assert_string_equal(json_string_value(json_object_get(o, "dest_ip")),
	    "66.35.250.204");
	assert_int_equal(json_integer_value(json_object_get(o, "dest_port")),
	    80);
	assert_string_equal(json_string_value(json_object_get(o, "proto")),
	    "TCP");
	assert_string_equal(json_string_value(json_object_get(o,
	    "community_id")), "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
	assert_string_equal(json_string_value(json_object_get(o, "state")),
	    "closed");
	assert_string_equal(json_string_value(json_object_get(o, "history")),
	    "ShADdFf");
	assert_int_equal(json_integer_value(json_object_get(o,
	    "pkts_toserver")), 5);
	assert_int_equal(json_integer_value(json_object_get(o,
	    "pkts_toclient")), 3);
	assert_int_equal(json_integer_value(json_object_get(o,
	    "bytes_toserver")), 400);
	assert_int_equal(json_integer_value(json_object_get(o,
	    "bytes_toclient")), 700);
	assert_true(json_is_false(json_object_get(o, "initiator_inferred")));
	assert_null(json_object_get(o, "vlan"));
	json_decref(o);
}

static void
test_open_fails(void **state)
{
	(void)state;
	assert_null(nj_flowlog_open("/nonexistent-dir/flows.json"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line),
		cmocka_unit_test(test_open_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
