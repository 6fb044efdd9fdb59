/*
 * sc_lateral_ssh.c - seed 002: SSH between two local workstations (banners,
 * key exchange, a session), a refused attempt to a third, while the admin
 * host's SSH into a workstation stays legitimate.
 */
#include "scenario.h"

static int
ssh(struct gen_ctx *g, gen_time_t t, uint32_t src, uint32_t dst, int fact)
{
	struct gen_tcp c;
	json_t *f;

	gen_tcp_init(g, &c, t, src, dst, 22);
	if (fact) {
		f = gen_fact(g, "lateral-ssh", src, dst, 22);
		json_object_set_new(f, "established", json_true());
		json_object_set_new(f, "banner", json_string(
		    "SSH-2.0-OpenSSH_7.9p1 Debian-10+deb10u4"));
		gen_fact_time(f, "first", t);
	}
	if (gen_tcp_connect(g, &c) == -1 || gen_ssh_session(g, &c, 12) == -1)
		return -1;
	return gen_tcp_close(g, &c, 1);
}

static int
lateral_ssh(struct gen_ctx *g)
{
	uint32_t a = site_workstation(2), b = site_workstation(11);
	uint32_t d = site_workstation(13);
	gen_time_t t = g->opt.start + GEN_S(40);
	struct gen_tcp c;
	json_t *f;

	if (ssh(g, t, SITE_ADMIN, b, 0) == -1 || ssh(g, t + GEN_MIN(2), a, b, 1)
	    == -1)
		return -1;
	gen_tcp_init(g, &c, t + GEN_MIN(4), a, d, 22);
	f = gen_fact(g, "lateral-ssh", a, d, 22);
	json_object_set_new(f, "established", json_false());
	gen_fact_time(f, "first", c.t);
	return gen_tcp_refused(g, &c);
}

const struct gen_scenario sc_lateral_ssh = {
	.name = "lateral-ssh",
	.summary = "SSH from one workstation to another (and a refused try); "
	    "the admin host's SSH is fine",
	.default_duration = GEN_MIN(10),
	.run = lateral_ssh,
};
