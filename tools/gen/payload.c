/*
 * payload.c - application bytes that real dissectors accept: TLS 1.2
 * abbreviated handshakes (RFC 5246) with SNI (RFC 6066), HTTP/1.1, SSH
 * transport (RFC 4253) up to NEWKEYS, and NTPv4 (RFC 5905).
 */
#include <stdio.h>
#include <string.h>

#include "gen.h"

/* A tiny append-only writer; overflow is sticky and checked once. */
struct wbuf {
	uint8_t *p;
	size_t len, cap;
	int overflow;
};

static void
w_bytes(struct wbuf *w, const void *d, size_t n)
{
	if (w->len + n > w->cap) {
		w->overflow = 1;
		return;
	}
	memcpy(w->p + w->len, d, n);
	w->len += n;
}

static void
w_u8(struct wbuf *w, unsigned v)
{
	uint8_t b = (uint8_t)v;

	w_bytes(w, &b, 1);
}

static void
w_be16(struct wbuf *w, unsigned v)
{
	w_u8(w, v >> 8);
	w_u8(w, v);
}

static void
w_be32(struct wbuf *w, uint32_t v)
{
	w_be16(w, v >> 16);
	w_be16(w, v & 0xffff);
}

static void
w_rand(struct gen_ctx *g, struct wbuf *w, size_t n)
{
	if (w->len + n > w->cap) {
		w->overflow = 1;
		return;
	}
	gen_rng_bytes(&g->rng, w->p + w->len, n);
	w->len += n;
}

/* Patches a big-endian length of width bytes at off. */
static void
w_patch(struct wbuf *w, size_t off, int width, size_t v)
{
	int i;

	if (w->overflow)
		return;
	for (i = width - 1; i >= 0; i--, v >>= 8)
		w->p[off + (size_t)i] = (uint8_t)v;
}

size_t
gen_tls_client_hello(struct gen_ctx *g, const char *sni, uint8_t *buf,
    size_t cap)
{
	static const uint16_t suites[] = { 0xc02b, 0xc02f, 0xc02c, 0xc030,
		0xcca9, 0xcca8, 0x009e, 0x009f };
	static const uint8_t groups[] = { 0x00, 0x0a, 0x00, 0x08, 0x00, 0x06,
		0x00, 0x1d, 0x00, 0x17, 0x00, 0x18 };
	static const uint8_t sigalgs[] = { 0x00, 0x0d, 0x00, 0x0a, 0x00, 0x08,
		0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x05, 0x01 };
	struct wbuf w = { buf, 0, cap, 0 };
	size_t rec, hs, ext, i, n = strlen(sni);

	w_u8(&w, 22);
	w_be16(&w, 0x0301);
	rec = w.len;
	w_be16(&w, 0);
	w_u8(&w, 1); /* client_hello */
	hs = w.len;
	w_u8(&w, 0);
	w_be16(&w, 0);
	w_be16(&w, 0x0303);
	w_rand(g, &w, 32);
	w_u8(&w, 32);
	w_rand(g, &w, 32);
	w_be16(&w, sizeof(suites));
	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		w_be16(&w, suites[i]);
	w_u8(&w, 1);
	w_u8(&w, 0);
	ext = w.len;
	w_be16(&w, 0);
	w_be16(&w, 0); /* server_name */
	w_be16(&w, n + 5);
	w_be16(&w, n + 3);
	w_u8(&w, 0);
	w_be16(&w, n);
	w_bytes(&w, sni, n);
	w_bytes(&w, groups, sizeof(groups));
	w_bytes(&w, sigalgs, sizeof(sigalgs));
	w_patch(&w, ext, 2, w.len - ext - 2);
	w_patch(&w, hs, 3, w.len - hs - 3);
	w_patch(&w, rec, 2, w.len - rec - 2);
	return w.overflow ? 0 : w.len;
}

/* ServerHello resuming a session, then ChangeCipherSpec and Finished. */
size_t
gen_tls_server_hello(struct gen_ctx *g, uint8_t *buf, size_t cap)
{
	struct wbuf w = { buf, 0, cap, 0 };

	w_u8(&w, 22);
	w_be16(&w, 0x0303);
	w_be16(&w, 4 + 2 + 32 + 1 + 32 + 2 + 1 + 2 + 5);
	w_u8(&w, 2); /* server_hello */
	w_u8(&w, 0);
	w_be16(&w, 2 + 32 + 1 + 32 + 2 + 1 + 2 + 5);
	w_be16(&w, 0x0303);
	w_rand(g, &w, 32);
	w_u8(&w, 32);
	w_rand(g, &w, 32);
	w_be16(&w, 0xc02f);
	w_u8(&w, 0);
	w_be16(&w, 5); /* renegotiation_info, empty */
	w_be16(&w, 0xff01);
	w_be16(&w, 1);
	w_u8(&w, 0);
	w_u8(&w, 20); /* change_cipher_spec */
	w_be16(&w, 0x0303);
	w_be16(&w, 1);
	w_u8(&w, 1);
	w_u8(&w, 22); /* encrypted Finished */
	w_be16(&w, 0x0303);
	w_be16(&w, 40);
	w_rand(g, &w, 40);
	return w.overflow ? 0 : w.len;
}

size_t
gen_tls_appdata(struct gen_ctx *g, size_t n, uint8_t *buf, size_t cap)
{
	struct wbuf w = { buf, 0, cap, 0 };
	size_t chunk;

	while (n > 0) {
		chunk = n > 16384 ? 16384 : n;
		w_u8(&w, 23);
		w_be16(&w, 0x0303);
		w_be16(&w, chunk);
		w_rand(g, &w, chunk);
		n -= chunk;
	}
	return w.overflow ? 0 : w.len;
}

static uint8_t bigbuf[1 << 20];

int
gen_https_exchange(struct gen_ctx *g, struct gen_tcp *c, const char *sni,
    size_t reqlen, size_t resplen)
{
	static const uint8_t ccs_fin_hdr[] = { 20, 3, 3, 0, 1, 1, 22, 3, 3, 0,
		40 };
	uint8_t hello[512];
	size_t n;

	if ((n = gen_tls_client_hello(g, sni, hello, sizeof(hello))) == 0 ||
	    gen_tcp_send(g, c, 1, hello, n) == -1)
		return -1;
	if ((n = gen_tls_server_hello(g, hello, sizeof(hello))) == 0 ||
	    gen_tcp_send(g, c, 0, hello, n) == -1)
		return -1;
	memcpy(hello, ccs_fin_hdr, sizeof(ccs_fin_hdr));
	gen_rng_bytes(&g->rng, hello + sizeof(ccs_fin_hdr), 40);
	if (gen_tcp_send(g, c, 1, hello, sizeof(ccs_fin_hdr) + 40) == -1)
		return -1;
	if (resplen > sizeof(bigbuf) / 2)
		resplen = sizeof(bigbuf) / 2;
	if ((n = gen_tls_appdata(g, reqlen, bigbuf, sizeof(bigbuf))) == 0 ||
	    gen_tcp_send(g, c, 1, bigbuf, n) == -1)
		return -1;
	if ((n = gen_tls_appdata(g, resplen, bigbuf, sizeof(bigbuf))) == 0 ||
	    gen_tcp_send(g, c, 0, bigbuf, n) == -1)
		return -1;
	return 0;
}

int
gen_http_exchange(struct gen_ctx *g, struct gen_tcp *c, const char *host,
    const char *path, size_t n)
{
	static const char line[] = "<p>Nothing to see here, just a page.</p>\n";
	char req[512];
	int hl;
	size_t i;

	snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: %s\r\n"
	    "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) "
	    "Gecko/20100101 Firefox/128.0\r\nAccept: */*\r\n"
	    "Connection: close\r\n\r\n", path, host);
	if (gen_tcp_sendstr(g, c, 1, req) == -1)
		return -1;
	if (n > sizeof(bigbuf) / 2)
		n = sizeof(bigbuf) / 2;
	hl = snprintf((char *)bigbuf, 256, "HTTP/1.1 200 OK\r\n"
	    "Server: nginx\r\nContent-Type: text/html\r\n"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n", n);
	for (i = 0; i < n; i++)
		bigbuf[(size_t)hl + i] = (uint8_t)line[i % (sizeof(line) - 1)];
	return gen_tcp_send(g, c, 0, bigbuf, (size_t)hl + n);
}

/* One SSH binary packet (RFC 4253 6) around payload, unencrypted. */
static void
ssh_packet(struct gen_ctx *g, struct wbuf *w, const uint8_t *payload,
    size_t n)
{
	size_t pad = 8 - (5 + n) % 8;

	if (pad < 4)
		pad += 8;
	w_be32(w, (uint32_t)(1 + n + pad));
	w_u8(w, (unsigned)pad);
	w_bytes(w, payload, n);
	w_rand(g, w, pad);
}

static void
w_string(struct wbuf *w, const char *s)
{
	w_be32(w, (uint32_t)strlen(s));
	w_bytes(w, s, strlen(s));
}

static void
w_randstring(struct gen_ctx *g, struct wbuf *w, size_t n)
{
	w_be32(w, (uint32_t)n);
	w_rand(g, w, n);
}

static size_t
ssh_kexinit(struct gen_ctx *g, uint8_t *buf, size_t cap)
{
	static const char *const lists[] = {
		"curve25519-sha256,curve25519-sha256@libssh.org",
		"ssh-rsa,rsa-sha2-512,ssh-ed25519",
		"chacha20-poly1305@openssh.com,aes256-gcm@openssh.com",
		"chacha20-poly1305@openssh.com,aes256-gcm@openssh.com",
		"umac-64-etm@openssh.com,hmac-sha2-256-etm@openssh.com",
		"umac-64-etm@openssh.com,hmac-sha2-256-etm@openssh.com",
		"none,zlib@openssh.com", "none,zlib@openssh.com", "", "" };
	uint8_t body[1024];
	struct wbuf b = { body, 0, sizeof(body), 0 };
	struct wbuf w = { buf, 0, cap, 0 };
	size_t i;

	w_u8(&b, 20); /* SSH_MSG_KEXINIT */
	w_rand(g, &b, 16);
	for (i = 0; i < 10; i++)
		w_string(&b, lists[i]);
	w_u8(&b, 0);
	w_be32(&b, 0);
	ssh_packet(g, &w, body, b.len);
	return w.overflow || b.overflow ? 0 : w.len;
}

int
gen_ssh_session(struct gen_ctx *g, struct gen_tcp *c, int exchanges)
{
	static const char banner[] = "SSH-2.0-OpenSSH_7.9p1 Debian-10+deb10u4\r\n";
	uint8_t buf[2048], body[1024];
	struct wbuf w, b;
	size_t n;
	int i;

	if (gen_tcp_sendstr(g, c, 0, banner) == -1 ||
	    gen_tcp_sendstr(g, c, 1, banner) == -1)
		return -1;
	if ((n = ssh_kexinit(g, buf, sizeof(buf))) == 0 ||
	    gen_tcp_send(g, c, 1, buf, n) == -1)
		return -1;
	if ((n = ssh_kexinit(g, buf, sizeof(buf))) == 0 ||
	    gen_tcp_send(g, c, 0, buf, n) == -1)
		return -1;
	/* SSH_MSG_KEX_ECDH_INIT (RFC 5656 4): the client's ephemeral key. */
	w = (struct wbuf){ buf, 0, sizeof(buf), 0 };
	b = (struct wbuf){ body, 0, sizeof(body), 0 };
	w_u8(&b, 30);
	w_randstring(g, &b, 32);
	ssh_packet(g, &w, body, b.len);
	if (gen_tcp_send(g, c, 1, buf, w.len) == -1)
		return -1;
	/*
	 * KEX_ECDH_REPLY: an RSA host key, the server's key, an "ssh-rsa"
	 * signature (the one signature blob Wireshark 4.0 decodes without
	 * complaint); then NEWKEYS.
	 */
	w = (struct wbuf){ buf, 0, sizeof(buf), 0 };
	b = (struct wbuf){ body, 0, sizeof(body), 0 };
	w_u8(&b, 31);
	w_be32(&b, 4 + 7 + 4 + 3 + 4 + 257);
	w_string(&b, "ssh-rsa");
	w_be32(&b, 3);
	w_bytes(&b, "\x01\x00\x01", 3);
	w_be32(&b, 257);
	w_u8(&b, 0);
	w_u8(&b, 0xc0 | gen_rng_below(&g->rng, 64));
	w_rand(g, &b, 255);
	w_randstring(g, &b, 32);
	w_be32(&b, 4 + 7 + 4 + 256);
	w_string(&b, "ssh-rsa");
	w_randstring(g, &b, 256);
	ssh_packet(g, &w, body, b.len);
	body[0] = 21; /* SSH_MSG_NEWKEYS */
	ssh_packet(g, &w, body, 1);
	if (w.overflow || b.overflow || gen_tcp_send(g, c, 0, buf, w.len) == -1)
		return -1;
	w = (struct wbuf){ buf, 0, sizeof(buf), 0 };
	ssh_packet(g, &w, body, 1);
	if (gen_tcp_send(g, c, 1, buf, w.len) == -1)
		return -1;
	/* Encrypted from here on: lengths the dissector will not parse. */
	for (i = 0; i < exchanges; i++) {
		n = (size_t)gen_rng_range(&g->rng, 36, 200);
		gen_rng_bytes(&g->rng, buf, n);
		if (gen_tcp_send(g, c, 1, buf, n) == -1)
			return -1;
		n = (size_t)gen_rng_range(&g->rng, 36, 1400);
		gen_rng_bytes(&g->rng, buf, n);
		if (gen_tcp_send(g, c, 0, buf, n) == -1)
			return -1;
		c->t += gen_rng_range(&g->rng, GEN_MS(100), GEN_S(5));
	}
	return 0;
}

/* NTP timestamps count seconds from 1900 (RFC 5905 6). */
static void
w_ntptime(struct wbuf *w, gen_time_t t)
{
	uint64_t sec = (uint64_t)(t / 1000000) + 2208988800ULL;
	uint64_t frac = ((uint64_t)(t % 1000000) << 32) / 1000000;

	w_be32(w, (uint32_t)sec);
	w_be32(w, (uint32_t)frac);
}

int
gen_ntp_exchange(struct gen_ctx *g, gen_time_t t, uint32_t client,
    uint32_t server)
{
	uint8_t q[48], r[48];
	struct wbuf w = { q, 0, sizeof(q), 0 };
	gen_time_t tr = t + gen_rng_range(&g->rng, GEN_MS(5), GEN_MS(40));

	w_u8(&w, 0x23); /* LI 0, version 4, mode 3 (client) */
	w_u8(&w, 0);
	w_u8(&w, 6);
	w_u8(&w, 0xe9);
	w_be32(&w, 0);
	w_be32(&w, 0);
	w_be32(&w, 0);
	w_ntptime(&w, 0 - GEN_S(2208988800LL)); /* zero reference */
	w_ntptime(&w, 0 - GEN_S(2208988800LL));
	w_ntptime(&w, 0 - GEN_S(2208988800LL));
	w_ntptime(&w, t);
	if (gen_udp4(g, t, client, server, 123, 123, q, sizeof(q)) == -1)
		return -1;
	w = (struct wbuf){ r, 0, sizeof(r), 0 };
	w_u8(&w, 0x24); /* mode 4 (server) */
	w_u8(&w, 2);
	w_u8(&w, 6);
	w_u8(&w, 0xe8);
	w_be32(&w, 0x00000a3c);
	w_be32(&w, 0x00000f21);
	w_be32(&w, GEN_IP(162, 159, 200, 1));
	w_ntptime(&w, t - GEN_S(40));
	w_ntptime(&w, t);
	w_ntptime(&w, tr - 30);
	w_ntptime(&w, tr - 20);
	return gen_udp4(g, tr, server, client, 123, 123, r, sizeof(r));
}
