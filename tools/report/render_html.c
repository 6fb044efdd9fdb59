/* render_html.c: one self-contained HTML page with the charts and the tables. */
#include "report.h"

/*
 * Everything is inline: the CSS, the SVG charts, no scripts, no fonts, no
 * images.  The Content-Security-Policy forbids anything else, so even a
 * hostname that slipped past the escaping could not load or run code.
 */
static const char style[] =
    "body{font-family:sans-serif;margin:2em;color:#222;background:#fff}"
    "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em}"
    "table{border-collapse:collapse;font-size:.9em}"
    "th,td{border:1px solid #ccc;padding:.2em .6em;text-align:left}"
    "td.n{text-align:right}th{background:#eef}"
    "tr:nth-child(even) td{background:#f8f8f8}"
    "svg{max-width:100%;height:auto}";

static void
table_out(FILE *f, const char *caption, const struct rp_table *t)
{
	size_t r, c;

	fputs("<h2>", f);
	rp_xml_escape(f, caption);
	fputs("</h2>\n<table>\n<tr>", f);
	for (c = 0; c < t->ncols; c++) {
		fputs("<th>", f);
		rp_xml_escape(f, t->head[c]);
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (r = 0; r < t->nrows; r++) {
		fputs("<tr>", f);
		for (c = 0; c < t->ncols; c++) {
			fputs((t->numeric >> c) & 1 ? "<td class=\"n\">" :
			    "<td>", f);
			rp_xml_escape(f, rp_table_cell(t, r, c));
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

void
rp_html_page(FILE *f, const char *title, const char *note,
    const struct rp_series *series,
    size_t nseries, struct rp_table *const *tables,
    const char *const *captions, size_t ntables)
{
	size_t i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	    "<title>", f);
	rp_xml_escape(f, title);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
	rp_xml_escape(f, title);
	fputs("</h1>\n<p>", f);
	rp_xml_escape(f, note);
	fputs("</p>\n", f);
	/* Each chart carries its own title. */
	for (i = 0; i < nseries; i++)
		rp_svg_chart(f, &series[i], 0);
	for (i = 0; i < ntables; i++)
		if (tables[i] != NULL)
			table_out(f, captions[i], tables[i]);
	fputs("</body>\n</html>\n", f);
}
