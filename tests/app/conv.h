/*
 * conv.h - hand-built conversations (bytes written from the RFCs) shared
 * by the recogniser unit tests, the fuzz seeds and the benchmark.
 */
#ifndef NJ_TEST_CONV_H
#define NJ_TEST_CONV_H

#include <stddef.h>

#include "decoders/app.h"

/* One segment of a conversation: direction and bytes (NUL-free text). */
struct conv_msg {
	unsigned dir;
	const char *bytes;
};

struct conv {
	const char *name;
	const struct conv_msg *msgs;
	size_t n;
	unsigned flags;	/* nj_app_init flags */
};

/*
 * Feeds a conversation; every message is cut in two at min(split, its
 * length) (split == SIZE_MAX: not cut) and, when limit is smaller than the
 * whole conversation, only its first limit bytes are fed.
 */
enum nj_app_proto conv_run(const struct conv *, size_t split, size_t limit,
    struct nj_app_state *, struct nj_app_evidence *);

extern const struct conv conv_irc, conv_irc_midstream, conv_smtp, conv_pop3,
    conv_imap, conv_ssh, conv_http_6667, conv_http_6667_inferred,
    conv_http_post_smtp, conv_ftp, conv_irc_cap, conv_smtp_guess,
    conv_pop3_apop, conv_imap_auth, conv_ssh_text, conv_pop3_greeting,
    conv_imap_greeting, conv_redis, conv_pop3_sasl;

#endif
