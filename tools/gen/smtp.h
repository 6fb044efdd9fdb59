/* smtp.h - SMTP dialogues (RFC 5321) the mail stories share. */
#ifndef NJ_GEN_SMTP_H
#define NJ_GEN_SMTP_H

#include "gen.h"

/* A whole delivery on an established connection, ending with a close. */
int gen_smtp_deliver(struct gen_ctx *, struct gen_tcp *, const char *srvname,
    const char *helo, const char *from, const char *to);
/* A relay attempt the server refuses with 554 at RCPT, then QUIT. */
int gen_smtp_relay_denied(struct gen_ctx *, struct gen_tcp *,
    const char *srvname, const char *helo, const char *from, const char *to);

#endif
