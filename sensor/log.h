/*
 * log.h - the one logging API (after OpenBSD's log.h). Messages go to
 * stderr, or to syslog once nightjar runs as a daemon. fatal() and
 * fatalx() exit with status 2 (runtime); usage and configuration errors
 * exit 1 from main().
 */
#ifndef NJ_LOG_H
#define NJ_LOG_H

#include <stdarg.h>

#define NJ_PRINTF(f, a) __attribute__((format(printf, f, a)))

void log_init(const char *progname, int debug);
void log_verbose(int level);
void log_to_syslog(int on);
void log_warn(const char *fmt, ...) NJ_PRINTF(1, 2);  /* appends strerror(errno) */
void log_warnx(const char *fmt, ...) NJ_PRINTF(1, 2);
void log_info(const char *fmt, ...) NJ_PRINTF(1, 2);
void log_debug(const char *fmt, ...) NJ_PRINTF(1, 2);
void fatal(const char *fmt, ...) NJ_PRINTF(1, 2) __attribute__((noreturn));
void fatalx(const char *fmt, ...) NJ_PRINTF(1, 2) __attribute__((noreturn));

#endif
