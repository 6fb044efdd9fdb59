/*
 * setup.h - wiring the libraries into a running sensor: the policy (or
 * the defaults, said once), the alert pipeline and its outputs, and the
 * SIGHUP reload. main() calls these after the capture opened and before
 * nj_sensor_init, so a bad input leaves no output behind.
 */
#ifndef NJ_SETUP_H
#define NJ_SETUP_H

#include "sensor/config.h"
#include "sensor/sensor.h"

struct nj_capture;

/*
 * "nightjar -n -c FILE": prints the policy normalized (0) or every error
 * as FILE:LINE:COL (1).
 */
int nj_setup_check_policy(const struct nj_config *cfg);

/*
 * Loads cfg->policy_path into s->policy, or the default policy (private
 * address space local; with a live interface its own networks too),
 * said once on stderr. Sets s->name. Returns 0, or 1 after one error
 * line per problem.
 */
int nj_setup_policy(struct nj_sensor *s, const struct nj_config *cfg,
    struct nj_capture *cap);

/*
 * Builds s->alerts with the outputs the command line (else the policy)
 * names; text on the terminal unless --no-text or JSON on stdout.
 * Returns 0, or 1 after one error line.
 */
int nj_setup_alerts(struct nj_sensor *s, const struct nj_config *cfg);

/*
 * SIGHUP: re-reads the policy (parse, validate, swap; on error the old
 * one stays and the errors are logged) and reopens the JSON output for
 * log rotation.
 */
void nj_setup_reload(struct nj_sensor *s, const struct nj_config *cfg,
    struct nj_capture *cap);

/* Releases what the setup functions made. */
void nj_setup_free(struct nj_sensor *s);

#endif
