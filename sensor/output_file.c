/*
 * output_file.c - what the file outputs (JSON, text) share: opening a
 * path for appending, "-" meaning stdout.
 */
#include <stdio.h>
#include <string.h>

#include "sensor/log.h"
#include "sensor/output.h"

FILE *
nj_output_fopen(const char *what, const char *path)
{
	FILE *fp;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdout;
	if ((fp = fopen(path, "a")) == NULL)
		log_warn("%s: %s", what, path);
	return fp;
}
