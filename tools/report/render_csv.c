/* render_csv.c: tables and series as CSV (RFC 4180: CRLF, quoted fields). */
#include <inttypes.h>
#include <string.h>

#include "report.h"

/* RFC 4180 section 2: quote a field holding a comma, quote, CR or LF. */
static void
field(FILE *f, const char *s, int last)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL)
		fputs(s, f);
	else {
		fputc('"', f);
		for (p = s; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	}
	fputs(last ? "\r\n" : ",", f);
}

void
rp_csv_table(FILE *f, const struct rp_table *t)
{
	size_t r, c;

	for (c = 0; c < t->ncols; c++)
		field(f, t->head[c], c + 1 == t->ncols);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++)
			field(f, rp_table_cell(t, r, c), c + 1 == t->ncols);
}

void
rp_csv_series(FILE *f, const struct rp_series *s)
{
	size_t i;

	field(f, s->keyname, 0);
	field(f, s->unit, 1);
	for (i = 0; i < s->n; i++) {
		field(f, s->label[i], 0);
		fprintf(f, "%" PRIu64 "\r\n", s->value[i]);
	}
}
