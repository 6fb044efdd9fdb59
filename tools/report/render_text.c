/* render_text.c: aligned text tables and bar charts for the terminal. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/*
 * Hostnames and signatures come from hostile traffic; a raw ESC or a
 * UTF-8-encoded C1 control (U+0080-U+009F, whose 0x9B is CSI) could drive the
 * reader's terminal.  Both, other C0 controls, DEL and the backslash itself
 * are written as \xHH so the escaping stays unambiguous.
 */
char *
rp_text_clean(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;
	char *out, *o;
	size_t n = 1;

	for (p = (const unsigned char *)s; *p; p++)
		n += 4;
	if ((out = malloc(n)) == NULL)
		return NULL;
	o = out;
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '\\' ||
		    (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)) {
			if (*p == 0xc2) {
				p++;
				*o++ = '\\';
				*o++ = 'u';
				*o++ = '0';
				*o++ = '0';
			} else {
				*o++ = '\\';
				*o++ = 'x';
			}
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 0xf];
		} else
			*o++ = (char)*p;
	}
	*o = '\0';
	return out;
}

/* Columns on screen: UTF-8 continuation bytes take none. */
static size_t
columns(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void
pad(FILE *f, size_t n)
{
	while (n-- > 0)
		fputc(' ', f);
}

static void
cell_out(FILE *f, const char *s, size_t width, int right, int last)
{
	size_t w = columns(s);

	if (right)
		pad(f, width - w);
	fputs(s, f);
	if (!right && !last)
		pad(f, width - w);
	if (!last)
		fputs("  ", f);
}

void
rp_text_table(FILE *f, const struct rp_table *t)
{
	size_t width[RP_TABLE_MAXCOLS], r, c, w;
	char **clean;

	if ((clean = calloc(t->nrows * t->ncols + 1, sizeof(*clean))) == NULL)
		return;
	for (c = 0; c < t->ncols; c++)
		width[c] = columns(t->head[c]);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			clean[r * t->ncols + c] =
			    rp_text_clean(rp_table_cell(t, r, c));
			if (clean[r * t->ncols + c] == NULL)
				goto done;
			w = columns(clean[r * t->ncols + c]);
			if (w > width[c])
				width[c] = w;
		}
	for (c = 0; c < t->ncols; c++)
		cell_out(f, t->head[c], width[c], (t->numeric >> c) & 1,
		    c + 1 == t->ncols);
	fputc('\n', f);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			cell_out(f, clean[r * t->ncols + c], width[c],
			    (t->numeric >> c) & 1, c + 1 == t->ncols);
		fputc('\n', f);
	}
done:
	for (r = 0; r < t->nrows * t->ncols; r++)
		free(clean[r]);
	free(clean);
}

/*
 * One line per bucket: the label, a bar of '#' whose length is
 * value * width / max rounded down (at least one '#' for any non-zero
 * value, so a single attempt never vanishes), then the value.
 */
void
rp_text_bars(FILE *f, const struct rp_series *s, int width)
{
	uint64_t max = 0, len, j;
	size_t i, lw = 0, vw = 1, w;
	char num[24];

	for (i = 0; i < s->n; i++) {
		if (s->value[i] > max)
			max = s->value[i];
		if ((w = strlen(s->label[i])) > lw)
			lw = w;
	}
	vw = (size_t)snprintf(num, sizeof(num), "%" PRIu64, max);
	fprintf(f, "%s\n", s->title);
	for (i = 0; i < s->n; i++) {
		len = max ? (uint64_t)((double)s->value[i] * width / (double)max) :
		    0;
		if (len == 0 && s->value[i] > 0)
			len = 1;
		fprintf(f, "%-*s %*" PRIu64 " |", (int)lw, s->label[i],
		    (int)vw, s->value[i]);
		for (j = 0; j < len; j++)
			fputc('#', f);
		fputc('\n', f);
	}
}
