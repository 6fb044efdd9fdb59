/*
 * out_text.c - one readable line per alert for the terminal (the
 * default output), e.g.
 *   2026-03-02T10:00:01Z fw1 [high] private-destination
 *   192.168.50.23 -> 172.16.45.35:80/tcp (proof.example.com): sentence
 * Colour only on a TTY. Control characters from the wire are shown as
 * '?' so that a hostile name cannot drive the terminal.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sensor/out_json.h"
#include "sensor/output.h"

struct out_text {
	struct nj_outfile f;
	int color_opt;
	bool color;
	uint64_t written;
};

static const char *
sev_name(int sev)
{
	switch (sev) {
	case 1:
		return "high";
	case 2:
		return "medium";
	default:
		return "low";
	}
}

static const char *
sev_color(int sev)
{
	switch (sev) {
	case 1:
		return "\033[1;31m";
	case 2:
		return "\033[33m";
	default:
		return "\033[36m";
	}
}

/* Valid UTF-8 without control characters, for a terminal. */
static const char *
term_safe(const char *in, char *out, size_t outlen)
{
	size_t i;

	nj_utf8_sanitize(in, (size_t)-1, out, outlen);
	for (i = 0; out[i] != '\0'; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			out[i] = '?';
	return out;
}

static void
text_setup(struct out_text *t)
{
	if (t->color_opt >= 0)
		t->color = t->color_opt > 0;
	else
		t->color = t->f.fp != NULL && isatty(fileno(t->f.fp));
}

static void *
text_open(const char *path, const struct nj_alert_options *opt)
{
	struct out_text *t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	if (nj_outfile_open(&t->f, "--text", path) == -1) {
		free(t);
		return NULL;
	}
	t->color_opt = opt->color;
	text_setup(t);
	return t;
}

static void
text_write(void *st, const struct nj_alert *a, const char *sensor)
{
	struct out_text *t = st;
	char ts[40], ls[40], src[NJ_ADDRSTRLEN], dst[NJ_ADDRSTRLEN], pb[8];
	char host[sizeof(a->hostname) * 3], sig[sizeof(a->signature) * 3];
	char sname[256], kname[256], pname[8];
	size_t i;

	if (t->f.fp == NULL)
		return;
	fprintf(t->f.fp, "%s %s %s[%s]%s %s",
	    nj_time_rfc3339(a->ts, 0, ts, sizeof(ts)),
	    term_safe(sensor, sname, sizeof(sname)),
	    t->color ? sev_color(a->severity) : "", sev_name(a->severity),
	    t->color ? "\033[0m" : "", term_safe(a->kind, kname, sizeof(kname)));
	/*
	 * A detector's follow-up of an alert already written (a folded
	 * repeat says so at the end of the line instead).
	 */
	if (a->is_update && !a->is_fold_update)
		fputs(" (update)", t->f.fp);
	if (a->has_tuple) {
		nj_addr_str(&a->src, src, sizeof(src));
		nj_addr_str(&a->dst, dst, sizeof(dst));
		snprintf(pname, sizeof(pname), "%s",
		    nj_eve_proto(a->proto, pb, sizeof(pb)));
		for (i = 0; pname[i] != '\0'; i++)
			if (pname[i] >= 'A' && pname[i] <= 'Z')
				pname[i] = (char)(pname[i] - 'A' + 'a');
		fprintf(t->f.fp, " %s -> %s", src, dst);
		if (a->dport != 0)
			fprintf(t->f.fp, ":%u", a->dport);
		if (a->proto != 0)
			fprintf(t->f.fp, "/%s", pname);
	}
	if (a->hostname[0] != '\0')
		fprintf(t->f.fp, " (%s)",
		    term_safe(a->hostname, host, sizeof(host)));
	fprintf(t->f.fp, ": %s", term_safe(a->signature, sig, sizeof(sig)));
	if (a->is_fold_update)
		fprintf(t->f.fp, " [repeated %llu times, last %s]",
		    (unsigned long long)a->folded,
		    nj_time_rfc3339(a->last_seen, 0, ls, sizeof(ls)));
	fputc('\n', t->f.fp);
	fflush(t->f.fp);
	t->written++;
}

static void
text_flush(void *st)
{
	struct out_text *t = st;

	if (t->f.fp != NULL)
		fflush(t->f.fp);
}

static void
text_reopen(void *st)
{
	struct out_text *t = st;

	nj_outfile_reopen(&t->f);
	text_setup(t);
}

static void
text_stats(void *st, FILE *out)
{
	struct out_text *t = st;

	fprintf(out, "alerts.text.written %llu\n",
	    (unsigned long long)t->written);
}

static void
text_close(void *st)
{
	struct out_text *t = st;

	nj_outfile_close(&t->f);
	free(t);
}

const struct nj_output_ops nj_out_text = {
	.name = "text",
	.open = text_open,
	.write = text_write,
	.flush = text_flush,
	.tick = NULL,
	.reopen = text_reopen,
	.queued = NULL,
	.stats = text_stats,
	.close = text_close,
};
