/*
 * output_file.c - what the file outputs (JSON, text) share: opening a
 * path for appending ("-" is stdout) and reopening it for rotation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/log.h"
#include "sensor/output.h"

static FILE *
outfile_fopen(struct nj_outfile *f)
{
	FILE *fp;

	if (strcmp(f->path, "-") == 0)
		return stdout;
	if ((fp = fopen(f->path, "a")) == NULL)
		log_warn("%s %s", f->what, f->path);
	return fp;
}

int
nj_outfile_open(struct nj_outfile *f, const char *what, const char *path)
{
	f->what = what;
	if ((f->path = strdup(path != NULL ? path : "-")) == NULL)
		return -1;
	if ((f->fp = outfile_fopen(f)) == NULL) {
		free(f->path);
		f->path = NULL;
		return -1;
	}
	return 0;
}

void
nj_outfile_reopen(struct nj_outfile *f)
{
	if (f->fp == stdout)
		return;
	if (f->fp != NULL)
		fclose(f->fp);
	f->fp = outfile_fopen(f);
}

void
nj_outfile_close(struct nj_outfile *f)
{
	if (f->fp != NULL && f->fp != stdout)
		fclose(f->fp);
	else if (f->fp != NULL)
		fflush(f->fp);
	f->fp = NULL;
	free(f->path);
	f->path = NULL;
}
