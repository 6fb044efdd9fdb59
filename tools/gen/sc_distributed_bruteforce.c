/*
 * sc_distributed_bruteforce.c - seed 001, the "Hail Mary Cloud": hundreds
 * of sources, each a few complete POP3 (or SSH) login attempts, bunched in
 * the first two minutes past every hour, for days (--duration, default 2d).
 * No source makes more than a handful of attempts in an hour.
 */
#include <stdio.h>

#include "scenario.h"

static const char *const flavours[] = { "pop3", "ssh", NULL };

#define POOL 320

/* USER, PASS, -ERR: one failed POP3 login (RFC 1939); the server hangs up. */
static int
pop3_attempt(struct gen_ctx *g, struct gen_tcp *c)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz";
	char user[16], b[64];
	int i, n = 5 + (int)gen_rng_below(&g->rng, 7);

	for (i = 0; i < n; i++)
		user[i] = letters[gen_rng_below(&g->rng, 26)];
	user[n] = '\0';
	if (gen_tcp_sendstr(g, c, 0, "+OK Solid POP3 server ready\r\n") == -1)
		return -1;
	snprintf(b, sizeof(b), "USER %s\r\n", user);
	if (gen_tcp_sendstr(g, c, 1, b) == -1 ||
	    gen_tcp_sendstr(g, c, 0, "+OK username accepted\r\n") == -1)
		return -1;
	snprintf(b, sizeof(b), "PASS %s%u\r\n", user,
	    gen_rng_below(&g->rng, 1000));
	if (gen_tcp_sendstr(g, c, 1, b) == -1)
		return -1;
	c->t += GEN_S(2); /* the server's delay after a failure */
	if (gen_tcp_sendstr(g, c, 0, "-ERR authentication failed\r\n") == -1)
		return -1;
	return gen_tcp_close(g, c, 0);
}

static int
bruteforce(struct gen_ctx *g)
{
	int ssh = g->opt.flavour != NULL && g->opt.flavour[0] == 's';
	uint16_t port = ssh ? 22 : 110;
	uint32_t pool[POOL];
	uint8_t used[POOL] = { 0 };
	int busy[POOL];
	gen_time_t hour, t, first = -1, last = 0;
	gen_time_t end = g->opt.start + g->opt.duration;
	struct gen_tcp c;
	json_t *f, *srcs;
	int i, k, a, n, attempts = 0, nsrc = 0, hours = 0;

	for (i = 0; i < POOL; i++) {
		pool[i] = gen_public_addr(g);
		busy[i] = -1;
	}
	/* The first full hour at or after the start. */
	hour = (g->opt.start + GEN_H(1) - 1) / GEN_H(1) * GEN_H(1);
	for (; hour < end; hour += GEN_H(1), hours++) {
		n = 4 + (int)gen_rng_below(&g->rng, 9);
		for (k = 0; k < n; k++) {
			/* A source shows up at most once an hour. */
			i = (int)gen_rng_below(&g->rng, POOL);
			while (busy[i] == hours)
				i = (i + 1) % POOL;
			busy[i] = hours;
			a = 1 + (int)gen_rng_below(&g->rng, 3);
			t = hour + gen_rng_range(&g->rng, 0, GEN_S(100));
			while (a-- > 0) {
				gen_tcp_init(g, &c, t, pool[i], SITE_RELAY, port);
				if (gen_tcp_connect(g, &c) == -1 ||
				    (ssh ? gen_ssh_session(g, &c, 2) == -1 ||
				    gen_tcp_close(g, &c, 0) == -1 :
				    pop3_attempt(g, &c) == -1))
					return -1;
				if (first == -1 || t < first)
					first = t;
				if (t > last)
					last = t;
				attempts++;
				t = c.t + gen_rng_range(&g->rng, GEN_S(1), GEN_S(8));
			}
			if (!used[i]++)
				nsrc++;
		}
	}
	f = gen_fact(g, "distributed-campaign", 0, SITE_RELAY, port);
	json_object_set_new(f, "service", json_string(ssh ? "ssh" : "pop3"));
	json_object_set_new(f, "sources", json_integer(nsrc));
	json_object_set_new(f, "attempts", json_integer(attempts));
	json_object_set_new(f, "hours", json_integer(hours));
	json_object_set_new(f, "minutes_past_hour", json_pack("[i,i]", 0, 2));
	json_object_set_new(f, "max_attempts_per_source_hour",
	    json_integer(3));
	srcs = json_array();
	for (i = 0; i < POOL; i++)
		if (used[i])
			json_array_append_new(srcs, gen_fact_ip(pool[i]));
	json_object_set_new(f, "source_addrs", srcs);
	if (first != -1) {
		gen_fact_time(f, "first", first);
		gen_fact_time(f, "last", last);
	}
	return 0;
}

const struct gen_scenario sc_distributed_bruteforce = {
	.name = "distributed-bruteforce",
	.summary = "hundreds of sources, a few POP3 (or SSH) logins each, in "
	    "the first two minutes past each hour (duration: days, default 2d)",
	.flavours = flavours,
	.default_duration = GEN_DAY(2),
	.run = bruteforce,
};
