/*
 * jsonlines.c - test helper: see jsonlines.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>

#include "jsonlines.h"

void
jl_open(struct jl *j, const struct nj_alert_options *o)
{
	int fd;

	snprintf(j->path, sizeof(j->path), "/tmp/nj-alerts-XXXXXX");
	fd = mkstemp(j->path);
	assert_true(fd != -1);
	close(fd);
	j->pl = nj_alerts_new(o);
	assert_non_null(j->pl);
	assert_int_equal(nj_alerts_add_json(j->pl, j->path), 0);
}

json_t *
jl_read(const struct jl *j)
{
	json_t *arr = json_array(), *o;
	json_error_t err;
	char line[65536];
	FILE *fp;

	fp = fopen(j->path, "r");
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		o = json_loads(line, 0, &err);
		if (o == NULL)
			fail_msg("invalid JSON line: %s (%s)", line, err.text);
		json_array_append_new(arr, o);
	}
	fclose(fp);
	return arr;
}

void
jl_close(struct jl *j)
{
	nj_alerts_free(j->pl);
	unlink(j->path);
}
