/*
 * capture.h - the capture engine: a savefile (pcap or pcapng) or a live
 * interface through libpcap, one dispatch loop for both.
 */
#ifndef NJ_CAPTURE_H
#define NJ_CAPTURE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "sensor/config.h"
#include "sensor/sensor.h"

struct nj_capture;

/* Exit statuses: usage and configuration, and runtime failures. */
#define NJ_EXIT_USAGE   1
#define NJ_EXIT_RUNTIME 2

/*
 * Opens the file or interface of cfg, checks the link type and installs
 * the BPF filter. On failure logs one line and returns NULL with *status
 * set to NJ_EXIT_USAGE (bad filter, unsupported link type) or
 * NJ_EXIT_RUNTIME (cannot open the file or the interface).
 */
struct nj_capture *nj_capture_open(const struct nj_config *cfg, int *status);
int nj_capture_dlt(const struct nj_capture *cap);
bool nj_capture_nsec(const struct nj_capture *cap);
bool nj_capture_live(const struct nj_capture *cap);

/*
 * Flags the loop checks between batches: signal handlers set them, then
 * call nj_capture_breakloop so the loop looks at once.
 */
struct nj_capture_flags {
	volatile sig_atomic_t stop;   /* SIGINT, SIGTERM */
	volatile sig_atomic_t stats;  /* SIGUSR1, SIGALRM (--stats-interval) */
	volatile sig_atomic_t reload; /* SIGHUP (policy reload, later) */
};

/*
 * Called between batches when a signal set stats or reload; it clears
 * the flags it served.
 */
typedef void (*nj_capture_stats_fn)(void *arg);

/*
 * Feeds every packet to nj_sensor_packet until end of input or stop.
 * Returns 0, or NJ_EXIT_RUNTIME after logging one line (read error,
 * truncated file): the packets read before the error were processed.
 */
int nj_capture_run(struct nj_capture *cap, struct nj_sensor *s,
    struct nj_capture_flags *fl, nj_capture_stats_fn stats, void *arg);
/* Async-signal-safe: makes the running loop return. */
void nj_capture_breakloop(struct nj_capture *cap);
/* The kernel's counters (live only); -1 offline or on error. */
int nj_capture_kstats(struct nj_capture *cap, uint64_t *recv, uint64_t *drop,
    uint64_t *ifdrop);
void nj_capture_close(struct nj_capture *cap);

#endif
