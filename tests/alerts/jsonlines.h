/*
 * jsonlines.h - test helper: a pipeline writing JSON lines to a temp
 * file, and reading the lines back as parsed objects.
 */
#ifndef NJ_TEST_JSONLINES_H
#define NJ_TEST_JSONLINES_H

#include <jansson.h>

#include "sensor/alert_pipeline.h"

struct jl {
	char path[64];
	struct nj_alert_pipeline *pl;
};

/* Creates the pipeline with options o (NULL: defaults) and a JSON output. */
void jl_open(struct jl *j, const struct nj_alert_options *o);
/* Every line written so far, as a JSON array of objects (decref it). */
json_t *jl_read(const struct jl *j);
void jl_close(struct jl *j);

#endif
