/* web.c - outside clients browsing the site's public web server. */
#include "gen.h"

static const char *const web_paths[] = { "/", "/index.html", "/about.html",
	"/news/2026/03/", "/css/site.css", "/img/logo.png", "/contact.html" };

/* An outside client reads a page or two on the public web server. */
int
gen_web_visit(struct gen_ctx *g, gen_time_t t, uint32_t client)
{
	struct gen_tcp c;
	int tls = gen_rng_below(&g->rng, 3) != 0, n, i;

	gen_tcp_init(g, &c, t, client, SITE_WEB, tls ? 443 : 80);
	if (gen_tcp_connect(g, &c) == -1)
		return -1;
	if (tls) {
		if (gen_https_exchange(g, &c, "www.nightjar-demo.org",
		    (size_t)gen_rng_range(&g->rng, 300, 700),
		    (size_t)gen_rng_range(&g->rng, 1000, 15000)) == -1)
			return -1;
	} else {
		n = 1 + (int)gen_rng_below(&g->rng, 2);
		for (i = 0; i < n; i++)
			if (gen_http_exchange(g, &c, "www.nightjar-demo.org",
			    web_paths[gen_rng_below(&g->rng, 7)],
			    (size_t)gen_rng_range(&g->rng, 200, 9000)) == -1)
				return -1;
	}
	return gen_tcp_close(g, &c, gen_rng_below(&g->rng, 2));
}

