/*
 * main.c - nightjar's command line: parse options into struct nj_config,
 * open the capture and the outputs, run the one packet loop, report.
 *
 * Exit status: 0 success; 1 usage or configuration (unknown option, bad
 * value, invalid filter, unsupported link type); 2 runtime (a capture
 * file or interface that cannot be opened, a read error or a truncated
 * capture file, an output that cannot be written). Every failure is one
 * line on stderr. A capture file that ends in a truncated record is
 * processed up to the damage (flows logged, statistics written), then
 * reported in one line and exit 2, so scripts notice the damage.
 *
 * Statistics ("name value" lines) go to stderr at exit and on SIGUSR1,
 * and live every --stats-interval minutes; -q silences them on stderr,
 * --stats FILE writes the exit block to FILE as well (for scripts).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/time.h>

#include "sensor/capture.h"
#include "sensor/config.h"
#include "sensor/flowlog.h"
#include "sensor/log.h"
#include "sensor/sensor.h"
#include "sensor/setup.h"
#include "sensor/stats.h"

/* Signal handlers only set these (and break the pcap loop). */
static struct nj_capture_flags sig_flags;
static struct nj_capture *sig_cap;

enum {
	OPT_IMMEDIATE = 256,
	OPT_MAX_FLOWS,
	OPT_FLOWS,
	OPT_TO_ATTEMPTED,
	OPT_TO_REJECTED,
	OPT_TO_HALF_OPEN,
	OPT_TO_ESTABLISHED,
	OPT_TO_CLOSED,
	OPT_TO_UDP,
	OPT_TO_ICMP,
	OPT_STATS_INTERVAL,
	OPT_STATS,
	OPT_SEED,
	OPT_JSON,
	OPT_SYSLOG,
	OPT_SYSLOG_FORMAT,
	OPT_TEXT,
	OPT_NO_TEXT,
	OPT_DNS_CACHE,
};

static const struct option longopts[] = {
	{ "read",                required_argument, NULL, 'r' },
	{ "interface",           required_argument, NULL, 'i' },
	{ "snaplen",             required_argument, NULL, 's' },
	{ "buffer-size",         required_argument, NULL, 'B' },
	{ "no-promiscuous-mode", no_argument,       NULL, 'p' },
	{ "immediate",           no_argument,       NULL, OPT_IMMEDIATE },
	{ "max-flows",           required_argument, NULL, OPT_MAX_FLOWS },
	{ "flows",               required_argument, NULL, OPT_FLOWS },
	{ "timeout-attempted",   required_argument, NULL, OPT_TO_ATTEMPTED },
	{ "timeout-rejected",    required_argument, NULL, OPT_TO_REJECTED },
	{ "timeout-half-open",   required_argument, NULL, OPT_TO_HALF_OPEN },
	{ "timeout-established", required_argument, NULL, OPT_TO_ESTABLISHED },
	{ "timeout-closed",      required_argument, NULL, OPT_TO_CLOSED },
	{ "timeout-udp",         required_argument, NULL, OPT_TO_UDP },
	{ "timeout-icmp",        required_argument, NULL, OPT_TO_ICMP },
	{ "stats-interval",      required_argument, NULL, OPT_STATS_INTERVAL },
	{ "stats",               required_argument, NULL, OPT_STATS },
	{ "seed",                required_argument, NULL, OPT_SEED },
	{ "quiet",               no_argument,       NULL, 'q' },
	{ "verbose",             no_argument,       NULL, 'v' },
	{ "version",             no_argument,       NULL, 'V' },
	{ "help",                no_argument,       NULL, 'h' },
	{ "config",              required_argument, NULL, 'c' },
	{ "check",               no_argument,       NULL, 'n' },
	{ "json",                required_argument, NULL, OPT_JSON },
	{ "syslog",              required_argument, NULL, OPT_SYSLOG },
	{ "syslog-format",       required_argument, NULL, OPT_SYSLOG_FORMAT },
	{ "text",                no_argument,       NULL, OPT_TEXT },
	{ "no-text",             no_argument,       NULL, OPT_NO_TEXT },
	{ "dns-cache",           required_argument, NULL, OPT_DNS_CACHE },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *out)
{
	fprintf(out,
"usage: nightjar [-npqvV] [-r file | -i interface] [-s snaplen] [-B MiB]\n"
"                [-c policy] [options] [filter expression]\n"
"  -r FILE                read a pcap or pcapng file (\"-\": stdin)\n"
"  -i IFACE               capture live on IFACE\n"
"  -s SNAPLEN             bytes captured per packet (default 262144)\n"
"  -B MiB                 kernel capture buffer (default 64)\n"
"  -p                     do not put the interface in promiscuous mode\n"
"  --immediate            deliver packets at once (TPACKET_V2 ring)\n"
"  --max-flows N          flow table cap (default 1000000)\n"
"  --flows PATH           one JSON line per finished flow (\"-\": stdout)\n"
"  --timeout-STATE SEC    idle timeout; STATE is attempted (30), rejected (30),\n"
"                         half-open (60), established (3600), closed (5),\n"
"                         udp (60) or icmp (60)\n"
"  --stats-interval MIN   live: statistics every MIN minutes\n"
"  --stats FILE           also write the exit statistics to FILE\n"
"  --seed N               fixed flow hash seed (tests, benchmarks)\n"
"  --dns-cache N          passive DNS cache entries (default 262144)\n"
"  -c POLICY              policy file      -n  check the policy and exit\n"
"  --json PATH            alerts as JSON lines\n"
"  --syslog TARGET        alerts to syslog (repeatable)\n"
"  --syslog-format NAME   syslog message format\n"
"  --text, --no-text      human-readable alerts on stdout, or not\n"
"  -q                     no statistics on stderr\n"
"  -v                     more messages (repeat for debug)\n"
"  -V                     print the version and exit\n"
"  -h                     this help\n"
"Statistics (\"name value\" lines) go to stderr at exit and on SIGUSR1.\n");
}

static const char *
optname(int c, char *buf, size_t len)
{
	const struct option *o;

	for (o = longopts; o->name != NULL; o++)
		if (o->val == c) {
			if (c < 256)
				snprintf(buf, len, "-%c", c);
			else
				snprintf(buf, len, "--%s", o->name);
			return buf;
		}
	snprintf(buf, len, "-%c", c);
	return buf;
}

/* Parses a decimal number in [min, max]; exits 1 naming the option. */
static uint64_t
number(int opt, const char *arg, uint64_t min, uint64_t max)
{
	char *end, name[40];
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (arg[0] == '\0' || arg[0] == '-' || *end != '\0' || errno != 0 ||
	    v < min || v > max) {
		log_warnx("%s: invalid value '%s' (expected %" PRIu64 "..%"
		    PRIu64 ")", optname(opt, name, sizeof(name)), arg, min, max);
		exit(NJ_EXIT_USAGE);
	}
	return v;
}

static char *
join_filter(int argc, char **argv)
{
	size_t len = 0;
	char *s;
	int i;

	if (argc == 0)
		return NULL;
	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if ((s = malloc(len)) == NULL)
		fatal("filter");
	len = 0;
	for (i = 0; i < argc; i++) {
		if (i > 0)
			s[len++] = ' ';
		memcpy(s + len, argv[i], strlen(argv[i]));
		len += strlen(argv[i]);
	}
	s[len] = '\0';
	return s;
}

static void
parse_args(int argc, char **argv, struct nj_config *cfg)
{
	char name[40];
	int c;

	memset(cfg, 0, sizeof(*cfg));
	cfg->snaplen = 262144;
	cfg->buffer_mib = 64;
	cfg->promisc = true;
	cfg->max_flows = NJ_FLOW_MAX_DEFAULT;
	cfg->text = -1;
	nj_flow_timeouts_default(&cfg->timeouts);

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:r:i:s:B:pqvVhc:n", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'r':
			cfg->read_file = optarg;
			break;
		case 'i':
			cfg->iface = optarg;
			break;
		case 's':
			cfg->snaplen = (int)number(c, optarg, 64, 262144);
			break;
		case 'B':
			cfg->buffer_mib = (int)number(c, optarg, 1, 2047);
			break;
		case 'p':
			cfg->promisc = false;
			break;
		case OPT_IMMEDIATE:
			cfg->immediate = true;
			break;
		case OPT_MAX_FLOWS:
			cfg->max_flows = (uint32_t)number(c, optarg, 1,
			    1u << 30);
			break;
		case OPT_FLOWS:
			cfg->flows_path = optarg;
			break;
		case OPT_TO_ATTEMPTED:
			cfg->timeouts.tcp_attempted = NJ_SEC(number(c, optarg,
			    1, 86400));
			break;
		case OPT_TO_REJECTED:
			cfg->timeouts.tcp_rejected = NJ_SEC(number(c, optarg,
			    1, 86400));
			break;
		case OPT_TO_HALF_OPEN:
			cfg->timeouts.tcp_half_open = NJ_SEC(number(c, optarg,
			    1, 86400));
			break;
		case OPT_TO_ESTABLISHED:
			cfg->timeouts.tcp_established = NJ_SEC(number(c,
			    optarg, 1, 7 * 86400));
			break;
		case OPT_TO_CLOSED:
			cfg->timeouts.tcp_closed = NJ_SEC(number(c, optarg, 1,
			    86400));
			break;
		case OPT_TO_UDP:
			cfg->timeouts.udp = NJ_SEC(number(c, optarg, 1, 86400));
			break;
		case OPT_TO_ICMP:
			cfg->timeouts.icmp = NJ_SEC(number(c, optarg, 1, 86400));
			break;
		case OPT_STATS_INTERVAL:
			cfg->stats_interval = (unsigned)number(c, optarg, 0,
			    10080);
			break;
		case OPT_STATS:
			cfg->stats_path = optarg;
			break;
		case OPT_DNS_CACHE:
			cfg->dns_cache = (uint32_t)number(c, optarg, 1,
			    1u << 30);
			break;
		case OPT_SEED:
			cfg->seed = number(c, optarg, 0, UINT64_MAX);
			cfg->seed_set = true;
			break;
		case 'q':
			cfg->quiet = 1;
			break;
		case 'v':
			cfg->verbose++;
			break;
		case 'V':
			printf("nightjar %s\n", NJ_VERSION);
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		case 'c':
			cfg->policy_path = optarg;
			break;
		case 'n':
			cfg->check_policy = true;
			break;
		case OPT_JSON:
			cfg->json_path = optarg;
			break;
		case OPT_SYSLOG:
			if (cfg->nsyslog == NJ_MAX_SYSLOG) {
				log_warnx("--syslog: at most %d targets",
				    NJ_MAX_SYSLOG);
				exit(NJ_EXIT_USAGE);
			}
			cfg->syslog[cfg->nsyslog++] = optarg;
			break;
		case OPT_SYSLOG_FORMAT:
			cfg->syslog_format = optarg;
			break;
		case OPT_TEXT:
			cfg->text = 1;
			break;
		case OPT_NO_TEXT:
			cfg->text = 0;
			break;
		case ':':
			log_warnx("option %s requires an argument (see "
			    "nightjar -h)", optopt != 0 ? optname(optopt, name,
			    sizeof(name)) : argv[optind - 1]);
			exit(NJ_EXIT_USAGE);
		default:
			if (optopt != 0)
				log_warnx("unknown option -%c (see nightjar -h)",
				    optopt);
			else
				log_warnx("unknown option %s (see nightjar -h)",
				    argv[optind - 1]);
			exit(NJ_EXIT_USAGE);
		}
	}
	cfg->filter = join_filter(argc - optind, argv + optind);
}

static void
on_stop(int sig)
{
	(void)sig;
	sig_flags.stop = 1;
	nj_capture_breakloop(sig_cap);
}

static void
on_flag(int sig)
{
	if (sig == SIGUSR1 || sig == SIGALRM)
		sig_flags.stats = 1;
	else if (sig == SIGHUP)
		sig_flags.reload = 1;
	nj_capture_breakloop(sig_cap);
}

/*
 * Live statistics every interval minutes: a timer signal, so the block
 * comes on time even on a link too quiet to end a pcap batch.
 */
static void
signals(unsigned interval)
{
	struct itimerval it;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_flag;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	if (interval > 0) {
		memset(&it, 0, sizeof(it));
		it.it_interval.tv_sec = (time_t)interval * 60;
		it.it_value = it.it_interval;
		if (setitimer(ITIMER_REAL, &it, NULL) < 0)
			log_warn("--stats-interval");
	}
}

struct run {
	struct nj_sensor *s;
	struct nj_capture *cap;
	const struct nj_config *cfg;
};

/* Between pcap batches, when a signal asked for something. */
static void
housekeeping(void *arg)
{
	struct run *r = arg;

	if (sig_flags.reload) {
		sig_flags.reload = 0;
		nj_setup_reload(r->s, r->cfg, r->cap);
	}
	if (sig_flags.stats) {
		sig_flags.stats = 0;
		if (!r->cfg->quiet)
			nj_stats_write(stderr, r->s, r->cap);
	}
}

static int
write_stats_file(const struct run *r)
{
	FILE *fp;

	if ((fp = fopen(r->cfg->stats_path, "w")) == NULL) {
		log_warn("%s", r->cfg->stats_path);
		return -1;
	}
	nj_stats_write(fp, r->s, r->cap);
	if (fclose(fp) != 0) {
		log_warn("%s", r->cfg->stats_path);
		return -1;
	}
	return 0;
}

/* Everything after the options; returns the exit status. */
static int
sensor_main(struct nj_config *cfg)
{
	struct nj_sensor sensor;
	struct run r;
	int status, rv;

	if (cfg->check_policy) {
		return nj_setup_check_policy(cfg) == 0 ? 0 : NJ_EXIT_USAGE;
	}
	if ((cfg->read_file == NULL) == (cfg->iface == NULL)) {
		log_warnx("give exactly one of -r FILE and -i IFACE (see "
		    "nightjar -h)");
		return NJ_EXIT_USAGE;
	}
	if (!cfg->seed_set &&
	    getrandom(&cfg->seed, sizeof(cfg->seed), 0) != sizeof(cfg->seed))
		fatal("getrandom");

	if ((r.cap = nj_capture_open(cfg, &status)) == NULL)
		return status;
	log_info("%s %s, link type %d%s%s", nj_capture_live(r.cap) ?
	    "listening on" : "reading", cfg->iface != NULL ? cfg->iface :
	    cfg->read_file, nj_capture_dlt(r.cap), cfg->filter != NULL ?
	    ", filter " : "", cfg->filter != NULL ? cfg->filter : "");
	memset(&sensor, 0, sizeof(sensor));
	/*
	 * The policy and the outputs, after the capture opened and before
	 * nj_sensor_init (detectors read the policy in init), so a bad
	 * input leaves no output behind.
	 */
	if (nj_setup_policy(&sensor, cfg, r.cap) != 0 ||
	    nj_setup_alerts(&sensor, cfg) != 0) {
		nj_setup_free(&sensor);
		nj_capture_close(r.cap);
		return NJ_EXIT_USAGE;
	}
	if (cfg->flows_path != NULL &&
	    (sensor.flowlog = nj_flowlog_open(cfg->flows_path)) == NULL) {
		log_warn("%s", cfg->flows_path);
		nj_setup_free(&sensor);
		nj_capture_close(r.cap);
		return NJ_EXIT_RUNTIME;
	}
	if (nj_sensor_init(&sensor, cfg, nj_capture_dlt(r.cap),
	    nj_capture_nsec(r.cap)) < 0) {
		nj_sensor_free(&sensor);
		nj_flowlog_close(sensor.flowlog);
		nj_setup_free(&sensor);
		nj_capture_close(r.cap);
		return NJ_EXIT_RUNTIME;
	}
	r.s = &sensor;
	r.cfg = cfg;
	sig_cap = r.cap;
	signals(nj_capture_live(r.cap) ? cfg->stats_interval : 0);

	status = nj_capture_run(r.cap, &sensor, &sig_flags, housekeeping,
	    &r);
	nj_sensor_finish(&sensor);
	if (nj_flowlog_close(sensor.flowlog) < 0) {
		log_warn("%s", cfg->flows_path);
		status = NJ_EXIT_RUNTIME;
	}
	sensor.flowlog = NULL;
	if (!cfg->quiet)
		nj_stats_write(stderr, &sensor, r.cap);
	if (cfg->stats_path != NULL && write_stats_file(&r) < 0)
		status = NJ_EXIT_RUNTIME;
	rv = status;
	sig_cap = NULL;
	nj_sensor_free(&sensor);
	nj_setup_free(&sensor);
	nj_capture_close(r.cap);
	return rv;
}

int
main(int argc, char **argv)
{
	struct nj_config cfg;
	int rv;

	log_init("nightjar", 0);
	parse_args(argc, argv, &cfg);
	log_verbose(cfg.verbose);
	rv = sensor_main(&cfg);
	free(cfg.filter);
	return rv;
}
