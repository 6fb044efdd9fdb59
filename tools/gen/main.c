/*
 * main.c - nightjar-gen: tell one of the scenarios as a pcap capture, with
 * the facts it planted. Nothing is ever sent: libnet only builds frames.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scenario.h"

/* 2026-03-02T00:00:00Z, a Monday. */
#define DEFAULT_START GEN_S(1772409600LL)

static void
usage(FILE *f)
{
	fprintf(f, "usage: nightjar-gen --list\n"
	    "       nightjar-gen SCENARIO [--seed N] [--start TIME] "
	    "[--duration D] [--rate R]\n"
	    "                    [--with background] [--flavour F] [--port P] "
	    "[--count N] -w FILE [-e FACTS]\n");
}

/* One clear line on stderr; the exit status for bad arguments. */
static int die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
die(const char *fmt, ...)
{
	va_list ap;

	fputs("nightjar-gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static int
parse_u64(const char *s, uint64_t *v)
{
	char *end;
	unsigned long long x;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	x = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*v = x;
	return 0;
}

/* RFC 3339 (with Z or a numeric offset, optional fraction) or epoch secs. */
static int
parse_time(const char *s, gen_time_t *t)
{
	struct tm tm;
	const char *p;
	uint64_t sec;
	long usec = 0, scale = 100000;
	int sign, oh, om;

	if (parse_u64(s, &sec) == 0) {
		if (sec > 4102444800ULL)
			return -1;
		*t = GEN_S((int64_t)sec);
		return 0;
	}
	memset(&tm, 0, sizeof(tm));
	if ((p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm)) == NULL &&
	    (p = strptime(s, "%Y-%m-%d %H:%M:%S", &tm)) == NULL)
		return -1;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
			usec += (*p - '0') * scale;
	*t = GEN_S((int64_t)timegm(&tm)) + usec;
	if (*p == 'Z' || *p == 'z')
		return p[1] == '\0' ? 0 : -1;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p == '-' ? 1 : -1;
	if (sscanf(p + 1, "%2d:%2d", &oh, &om) != 2 || strlen(p) != 6)
		return -1;
	*t += sign * GEN_MIN(oh * 60 + om);
	return 0;
}

/* A positive duration: seconds, or a number with s, m, h or d. */
static int
parse_duration(const char *s, gen_time_t *d)
{
	char *end;
	double x;

	errno = 0;
	x = strtod(s, &end);
	if (errno != 0 || end == s || !isfinite(x) || x <= 0)
		return -1;
	switch (*end) {
	case '\0':
	case 's':
		break;
	case 'm':
		x *= 60;
		break;
	case 'h':
		x *= 3600;
		break;
	case 'd':
		x *= 86400;
		break;
	default:
		return -1;
	}
	if (*end != '\0' && end[1] != '\0')
		return -1;
	if (x > 366 * 86400.0 || x < 1e-3)
		return -1;
	*d = (gen_time_t)(x * 1e6);
	return 0;
}

static int
flavour_ok(const struct gen_scenario *sc, const char *f)
{
	size_t i;

	for (i = 0; sc->flavours != NULL && sc->flavours[i] != NULL; i++)
		if (strcmp(sc->flavours[i], f) == 0)
			return 1;
	return 0;
}

static void
list(void)
{
	const struct gen_scenario *sc;
	size_t i, j;

	for (i = 0; (sc = gen_scenarios[i]) != NULL; i++) {
		printf("%-24s %s", sc->name, sc->summary);
		if (sc->flavours != NULL) {
			printf(" [flavours:");
			for (j = 0; sc->flavours[j] != NULL; j++)
				printf(" %s", sc->flavours[j]);
			printf("]");
		}
		printf("\n");
	}
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
run(struct gen_ctx *g, const struct gen_scenario *sc, int with_background)
{
	struct gen_opts o = g->opt;
	gen_time_t dur;

	/* The demo and background already are a day of ordinary life. */
	if (!with_background || sc == &sc_background || sc == &sc_demo)
		return gen_scenario_run(g, sc);
	/* The story starts 15 minutes into at least an hour of ordinary life. */
	dur = o.duration > 0 ? o.duration : sc->default_duration;
	g->opt.start = o.start + GEN_MIN(15);
	g->opt.duration = dur;
	if (gen_scenario_run(g, sc) == -1)
		return -1;
	/* The scenario may have lengthened its own window. */
	dur = g->opt.duration;
	g->opt = o;
	g->opt.rate = 0;
	g->opt.flavour = NULL;
	g->opt.duration = dur + GEN_MIN(30) > GEN_H(1) ? dur + GEN_MIN(30) :
	    GEN_H(1);
	return gen_scenario_run(g, &sc_background);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "seed", required_argument, NULL, 's' },
		{ "start", required_argument, NULL, 't' },
		{ "duration", required_argument, NULL, 'd' },
		{ "rate", required_argument, NULL, 'r' },
		{ "with", required_argument, NULL, 'W' },
		{ "flavour", required_argument, NULL, 'f' },
		{ "flavor", required_argument, NULL, 'f' },
		{ "port", required_argument, NULL, 'p' },
		{ "count", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gen_ctx g;
	const struct gen_scenario *sc;
	const char *out = NULL, *facts = NULL;
	char errbuf[LIBNET_ERRBUF_SIZE], tmp[4096];
	char *end;
	uint64_t v;
	pcap_t *pd;
	pcap_dumper_t *d;
	double t0, el;
	int ch, with_bg = 0, rc;

	memset(&g, 0, sizeof(g));
	/* getopt's own complaint would be a second line: say it once here. */
	opterr = 0;
	g.opt.seed = 1;
	g.opt.start = DEFAULT_START;
	while ((ch = getopt_long(argc, argv, "hw:e:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			list();
			return 0;
		case 's':
			if (parse_u64(optarg, &g.opt.seed) == -1)
				return die("bad seed '%s': expected an unsigned "
				    "integer", optarg);
			break;
		case 't':
			if (parse_time(optarg, &g.opt.start) == -1)
				return die("bad start time '%s': expected RFC "
				    "3339 or epoch seconds", optarg);
			break;
		case 'd':
			if (parse_duration(optarg, &g.opt.duration) == -1)
				return die("bad duration '%s': expected e.g. 90, "
				    "30m, 4h or 2d", optarg);
			break;
		case 'r':
			errno = 0;
			g.opt.rate = strtod(optarg, &end);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    !isfinite(g.opt.rate) || g.opt.rate <= 0 ||
			    g.opt.rate > 100000)
				return die("bad rate '%s': expected a number "
				    "above 0 and at most 100000", optarg);
			break;
		case 'W':
			if (strcmp(optarg, "background") != 0)
				return die("bad --with '%s': only 'background' "
				    "can be mixed in", optarg);
			with_bg = 1;
			break;
		case 'f':
			g.opt.flavour = optarg;
			break;
		case 'p':
			if (parse_u64(optarg, &v) == -1 || v < 1 || v > 65535)
				return die("bad port '%s': expected 1 to 65535",
				    optarg);
			g.opt.port = (int)v;
			break;
		case 'c':
			if (parse_u64(optarg, &v) == -1 || v < 1 || v > 50000000)
				return die("bad count '%s': expected 1 to "
				    "50000000", optarg);
			g.opt.count = v;
			break;
		case 'w':
			out = optarg;
			break;
		case 'e':
			facts = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			return die("bad option '%s' (unknown, or missing its "
			    "value; see nightjar-gen --help)", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return die("no scenario given (try --list)");
	if (optind != argc - 1)
		return die("one scenario at a time, got '%s'", argv[optind + 1]);
	if ((sc = gen_scenario_find(argv[optind])) == NULL)
		return die("unknown scenario '%s' (try --list)", argv[optind]);
	if (g.opt.flavour != NULL && !flavour_ok(sc, g.opt.flavour))
		return die("scenario %s has no flavour '%s'", sc->name,
		    g.opt.flavour);
	if (g.opt.count != 0 && sc != &sc_background)
		return die("--count applies to background only, not %s",
		    sc->name);
	if (out == NULL)
		return die("no output file: give -w FILE");
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", out) >= sizeof(tmp))
		return die("output file name too long");
	if (facts != NULL && strcmp(facts, out) == 0)
		return die("the facts file %s must differ from the capture",
		    facts);
	if ((pd = pcap_open_dead(DLT_EN10MB, 65535)) == NULL)
		return die("pcap_open_dead failed");
	if ((d = pcap_dump_open(pd, tmp)) == NULL) {
		fprintf(stderr, "nightjar-gen: %s: cannot write: %s\n", out,
		    strerror(errno));
		pcap_close(pd);
		return 1;
	}
	if ((g.ln = libnet_init(LIBNET_NONE, NULL, errbuf)) == NULL) {
		pcap_dump_close(d);
		remove(tmp);
		pcap_close(pd);
		return die("libnet_init: %s", errbuf);
	}
	gen_rng_seed(&g.rng, g.opt.seed);
	g.facts = json_array();
	g.kinds = json_object();
	t0 = now_s();
	g.store.out = d;
	rc = run(&g, sc, with_bg);
	if (rc == 0)
		rc = gen_store_flush(&g, INT64_MAX);
	pcap_dump_close(d);
	pcap_close(pd);
	if (rc == 0 && facts != NULL)
		rc = gen_facts_write(&g, sc->name, facts);
	if (rc == 0 && rename(tmp, out) == -1)
		rc = gen_fail(&g, "%s: cannot rename: %s", out, strerror(errno));
	el = now_s() - t0;
	if (rc == -1) {
		remove(tmp);
		fprintf(stderr, "nightjar-gen: %s\n", g.err);
	} else
		fprintf(stderr, "nightjar-gen: %s: %llu packets, %llu bytes in "
		    "%.2f s (%.0f packets/s) -> %s\n", sc->name,
		    (unsigned long long)g.store.written,
		    (unsigned long long)g.store.written_bytes, el,
		    el > 0 ? (double)g.store.written / el : 0.0, out);
	libnet_destroy(g.ln);
	json_decref(g.facts);
	json_decref(g.kinds);
	gen_store_free(&g.store);
	return rc == -1 ? 1 : 0;
}
