/*
 * capture.c - libpcap capture, offline and live, through one dispatch
 * loop so the analysis cannot tell them apart except by the drop counts.
 */
#include <pcap/pcap.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decoders/packet.h"
#include "sensor/capture.h"
#include "sensor/log.h"

struct nj_capture {
	pcap_t *p;
	const char *name;  /* file or interface, for messages */
	bool live;
	bool nsec;
	int dlt;
	uint64_t busy_us;   /* monotonic time of the last batch with packets */
	uint64_t health_us; /* monotonic time of the last health report */
	int fd;             /* live: pcap_get_selectable_fd, or -1 */
};

#define NJ_BATCH 4096 /* packets per dispatch: how often flags are read */

int
nj_capture_dlt(const struct nj_capture *cap)
{
	return cap->dlt;
}

bool
nj_capture_nsec(const struct nj_capture *cap)
{
	return cap->nsec;
}

bool
nj_capture_live(const struct nj_capture *cap)
{
	return cap->live;
}

/* libpcap names the file in some messages and not in others. */
static void
open_error(const char *name, const char *err)
{
	size_t n = strlen(name);

	if (strncmp(err, name, n) == 0 && err[n] == ':')
		log_warnx("%s", err);
	else
		log_warnx("%s: %s", name, err);
}

static pcap_t *
open_live(const struct nj_config *cfg, char *errbuf)
{
	pcap_t *p;
	int rv;

	if ((p = pcap_create(cfg->iface, errbuf)) == NULL) {
		open_error(cfg->iface, errbuf);
		return NULL;
	}
	/*
	 * libpcap's 2 MiB default buffer drops packets on any busy link;
	 * the short timeout bounds the delay of a batch on a quiet one.
	 * Immediate mode moves Linux from the TPACKET_V3 ring to V2's
	 * fixed slots, so it stays an option.
	 */
	pcap_set_snaplen(p, cfg->snaplen);
	pcap_set_promisc(p, cfg->promisc);
	pcap_set_buffer_size(p, cfg->buffer_mib * 1024 * 1024);
	pcap_set_timeout(p, 100);
	if (cfg->immediate)
		pcap_set_immediate_mode(p, 1);
	rv = pcap_activate(p);
	if (rv < 0) {
		/* libpcap explains most failures; the status names the rest. */
		if (pcap_geterr(p)[0] != '\0')
			open_error(cfg->iface, pcap_geterr(p));
		else
			log_warnx("%s: %s", cfg->iface, pcap_statustostr(rv));
		pcap_close(p);
		return NULL;
	}
	if (rv > 0)
		log_warnx("%s: %s", cfg->iface, pcap_statustostr(rv));
	return p;
}

static int
set_filter(struct nj_capture *c, const struct nj_config *cfg)
{
	static const char prefix[] = "can't parse filter expression: ";
	char errbuf[PCAP_ERRBUF_SIZE];
	bpf_u_int32 net = 0, mask = PCAP_NETMASK_UNKNOWN;
	struct bpf_program prog;
	const char *err;

	if (cfg->filter == NULL)
		return 0;
	if (c->live && pcap_lookupnet(cfg->iface, &net, &mask, errbuf) < 0)
		mask = PCAP_NETMASK_UNKNOWN;
	if (pcap_compile(c->p, &prog, cfg->filter, 1, mask) < 0) {
		err = pcap_geterr(c->p);
		if (strncmp(err, prefix, sizeof(prefix) - 1) == 0)
			err += sizeof(prefix) - 1;
		log_warnx("filter: %s in '%s'", err, cfg->filter);
		return -1;
	}
	if (pcap_setfilter(c->p, &prog) < 0) {
		log_warnx("filter: %s", pcap_geterr(c->p));
		pcap_freecode(&prog);
		return -1;
	}
	pcap_freecode(&prog);
	return 0;
}

struct nj_capture *
nj_capture_open(const struct nj_config *cfg, int *status)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct nj_capture *c;
	const char *dname;

	*status = NJ_EXIT_RUNTIME;
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		log_warn("capture");
		return NULL;
	}
	errbuf[0] = '\0';
	if (cfg->iface != NULL) {
		c->live = true;
		c->name = cfg->iface;
		c->p = open_live(cfg, errbuf);
	} else {
		c->name = cfg->read_file;
		c->p = pcap_open_offline_with_tstamp_precision(cfg->read_file,
		    PCAP_TSTAMP_PRECISION_MICRO, errbuf);
		if (c->p == NULL)
			open_error(cfg->read_file, errbuf);
	}
	if (c->p == NULL) {
		free(c);
		return NULL;
	}
	c->nsec = pcap_get_tstamp_precision(c->p) == PCAP_TSTAMP_PRECISION_NANO;
	c->dlt = pcap_datalink(c->p);
	if (!nj_dlt_supported(c->dlt)) {
		dname = pcap_datalink_val_to_name(c->dlt);
		log_warnx("%s: link type %s (%d) not supported", c->name,
		    dname != NULL ? dname : "unknown", c->dlt);
		*status = NJ_EXIT_USAGE;
		nj_capture_close(c);
		return NULL;
	}
	if (set_filter(c, cfg) < 0) {
		*status = NJ_EXIT_USAGE;
		nj_capture_close(c);
		return NULL;
	}
	c->fd = c->live ? pcap_get_selectable_fd(c->p) : -1;
	*status = 0;
	return c;
}

static void
on_packet(u_char *arg, const struct pcap_pkthdr *h, const u_char *bytes)
{
	nj_sensor_packet((struct nj_sensor *)(void *)arg, h, bytes);
}

static uint64_t
mono_us(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/*
 * Live only: once a second of the monotonic clock, the kernel's counters
 * and how long the link has been silent go to the detectors. This is the
 * one place the sensor reads a clock other than packet time: a silent
 * link carries no packet time to notice the silence with.
 */
static void
health(struct nj_capture *c, struct nj_sensor *s, int n)
{
	struct nj_capture_health *h = &s->health;
	uint64_t now = mono_us();

	if (c->busy_us == 0 || n > 0)
		c->busy_us = now;
	if (now - c->health_us < 1000000)
		return;
	c->health_us = now;
	h->kstats = nj_capture_kstats(c, &h->recv, &h->drop, &h->ifdrop) == 0;
	h->idle = (nj_time_t)(now - c->busy_us);
	nj_sensor_health(s);
}

/*
 * Live: waits at most a second for packets; false when none came in
 * that second (a signal or an error: true, pcap_dispatch then says which
 * one; a stop signal has broken its loop already). Linux's TPACKET_V3 read timeout only starts with a packet, so
 * pcap_dispatch alone would sleep through the silence the health report
 * must notice. Called only after a batch that drained the ring.
 */
static bool
readable(const struct nj_capture *c)
{
	struct pollfd pfd;

	if (c->fd < 0)
		return true;
	pfd.fd = c->fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	return poll(&pfd, 1, 1000) != 0;
}

int
nj_capture_run(struct nj_capture *c, struct nj_sensor *s,
    struct nj_capture_flags *fl, nj_capture_stats_fn stats, void *arg)
{
	int n = 0;

	while (!fl->stop) {
		/* A full batch may leave packets in libpcap's buffer: read on. */
		if (c->live && n < NJ_BATCH && !readable(c))
			n = 0;
		else
			n = pcap_dispatch(c->p, NJ_BATCH, on_packet,
			    (u_char *)s);
		/*
		 * Signal handlers break the loop so that a quiet live link,
		 * where libpcap would poll on, still answers them at once.
		 */
		if (n < 0 && n != PCAP_ERROR_BREAK) {
			/*
			 * A stop signal interrupts a blocking read of a pipe
			 * (its handler does not restart system calls) and
			 * libpcap reports the record it was reading as an
			 * error or a truncation: that is the stop, not damage.
			 */
			if (fl->stop)
				break;
			log_warnx("%s: %s", c->name, pcap_geterr(c->p));
			return NJ_EXIT_RUNTIME;
		}
		if (c->live)
			health(c, s, n);
		/* The callback clears the flags it served. */
		if ((fl->stats || fl->reload) && stats != NULL)
			stats(arg);
		else
			fl->stats = fl->reload = 0;
		if (n == 0 && !c->live)
			break;
	}
	return 0;
}

void
nj_capture_breakloop(struct nj_capture *c)
{
	if (c != NULL && c->p != NULL)
		pcap_breakloop(c->p);
}

int
nj_capture_kstats(struct nj_capture *c, uint64_t *recv, uint64_t *drop,
    uint64_t *ifdrop)
{
	struct pcap_stat ps;

	if (!c->live || pcap_stats(c->p, &ps) < 0)
		return -1;
	*recv = ps.ps_recv;
	*drop = ps.ps_drop;
	*ifdrop = ps.ps_ifdrop;
	return 0;
}

void
nj_capture_close(struct nj_capture *c)
{
	if (c == NULL)
		return;
	if (c->p != NULL)
		pcap_close(c->p);
	free(c);
}
