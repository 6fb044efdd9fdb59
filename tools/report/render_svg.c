/* render_svg.c: a bar chart as SVG, its scale recorded in data attributes. */
#include <inttypes.h>

#include "report.h"

#define PLOT_H		200.0	/* pixels for the tallest bar */
#define LEFT		60.0
#define TOP		30.0
#define BOTTOM		110.0	/* room for the labels at 45 degrees */
#define RIGHT		20.0
#define PLOT_W		1000.0	/* pixels shared by all the bars */

/* XML 1.0 section 2.4: &, <, > and, inside attributes, both quotes. */
void
rp_xml_escape(FILE *f, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			/* C0 controls other than tab, LF, CR are not XML characters. */
			if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				fputs("\xef\xbf\xbd", f);
			else
				fputc(*p, f);
		}
	}
}

/*
 * The bars share PLOT_W pixels; the tallest is PLOT_H pixels, so
 * height = count * scale with scale = PLOT_H / max.  The root element
 * carries data-scale and every bar its data-count, so a reader (or a test)
 * can check the drawing against the numbers.
 */
void
rp_svg_chart(FILE *f, const struct rp_series *s, int standalone)
{
	uint64_t max = 0;
	double scale, bw, x, h, width, height;
	size_t i, step;

	for (i = 0; i < s->n; i++)
		if (s->value[i] > max)
			max = s->value[i];
	scale = max ? PLOT_H / (double)max : 0.0;
	bw = s->n ? PLOT_W / (double)s->n : PLOT_W;
	width = LEFT + PLOT_W + RIGHT;
	height = TOP + PLOT_H + BOTTOM;
	/* About twenty labels at most, so they do not overlap. */
	step = s->n / 20 + 1;
	if (standalone)
		fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
	    "class=\"chart\" data-scale=\"%.9g\" data-max=\"%" PRIu64 "\" "
	    "data-unit=\"%s\" data-buckets=\"%zu\">\n",
	    width, height, width, height, scale, max, s->unit, s->n);
	fputs("<title>", f);
	rp_xml_escape(f, s->title);
	fputs("</title>\n", f);
	fprintf(f, "<style>.bar{fill:#3b6ea5}.bar:hover{fill:#e07b39}"
	    "text{font-family:sans-serif;font-size:11px;fill:#333}"
	    ".axis{stroke:#333;stroke-width:1}</style>\n");
	fputs("<text x=\"10\" y=\"18\" style=\"font-size:14px\">", f);
	rp_xml_escape(f, s->title);
	fputs("</text>\n", f);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%" PRIu64
	    "</text>\n<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">0</text>\n",
	    LEFT - 6, TOP + 4, max, LEFT - 6, TOP + PLOT_H);
	for (i = 0; i < s->n; i++) {
		x = LEFT + (double)i * bw;
		h = (double)s->value[i] * scale;
		fprintf(f, "<rect class=\"bar\" x=\"%.3f\" y=\"%.3f\" "
		    "width=\"%.3f\" height=\"%.3f\" data-count=\"%" PRIu64 "\" "
		    "data-label=\"", x, TOP + PLOT_H - h,
		    bw > 2 ? bw - 1 : bw, h, s->value[i]);
		rp_xml_escape(f, s->label[i]);
		fputs("\"><title>", f);
		rp_xml_escape(f, s->label[i]);
		fprintf(f, ": %" PRIu64 " %s</title></rect>\n", s->value[i],
		    s->unit);
		if (i % step == 0) {
			fprintf(f, "<text x=\"%.3f\" y=\"%.0f\" "
			    "transform=\"rotate(45 %.3f %.0f)\">", x + bw / 2,
			    TOP + PLOT_H + 14, x + bw / 2, TOP + PLOT_H + 14);
			rp_xml_escape(f, s->label[i]);
			fputs("</text>\n", f);
		}
	}
	fprintf(f, "<line class=\"axis\" x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" "
	    "y2=\"%.0f\"/>\n", LEFT, TOP + PLOT_H, LEFT + PLOT_W, TOP + PLOT_H);
	fputs("</svg>\n", f);
}
