/* fuzz_report.c: libFuzzer target: nightjar-report's line parser, aggregator and renderers. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "tests/fuzz/fuzz.h"

/* Everything a report would draw, written to /dev/null. */
static void
render(FILE *out, const struct rp_agg *g)
{
	struct rp_table *t[3];
	struct rp_series s[2];
	static const char *const cap[] = { "kinds", "sources", "destinations" };
	size_t i;

	memset(s, 0, sizeof(s));
	t[0] = rp_table_kinds(g);
	t[1] = rp_table_hosts(g->srcs, "source", 0);
	t[2] = rp_table_hosts(g->dsts, "destination", 0);
	for (i = 0; i < 3; i++)
		if (t[i] != NULL) {
			rp_text_table(out, t[i]);
			rp_csv_table(out, t[i]);
		}
	if (rp_series_make(g, RP_PER_HOUR, RP_ATTEMPTS, &s[0]) == 0 &&
	    rp_series_make(g, RP_PER_MINUTE, RP_ALERTS, &s[1]) == 0) {
		rp_text_bars(out, &s[0], 50);
		rp_csv_series(out, &s[1]);
		rp_html_page(out, "fuzz", "note", s, 2, t, cap, 3);
	}
	rp_series_free(&s[0]);
	rp_series_free(&s[1]);
	for (i = 0; i < 3; i++)
		rp_table_free(t[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *out;
	struct rp_filter flt = { RP_TIME_NONE, RP_TIME_NONE, NULL };
	struct rp_agg g;
	const char *p = (const char *)data, *end = p + size, *nl;
	unsigned long line = 0;

	if (out == NULL && (out = fopen("/dev/null", "w")) == NULL)
		return 0;
	/* Small tables: faster runs, and the caps and their counters get hit. */
	if (rp_agg_init(&g, &flt, 8, NULL) == -1)
		return 0;
	/* The input is a file of lines, as rp_input_each would hand them over. */
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		rp_agg_line(&g, "fuzz", ++line, p, (size_t)(nl - p));
		p = nl + 1;
	}
	render(out, &g);
	rp_agg_free(&g);
	return 0;
}
