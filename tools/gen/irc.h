/* irc.h - the IRC client session the outbound-irc stories share. */
#ifndef NJ_GEN_IRC_H
#define NJ_GEN_IRC_H

#include "gen.h"

/* Registration (NICK, USER, 001), JOIN, PRIVMSG and a PING/PONG. */
int gen_irc_session(struct gen_ctx *, struct gen_tcp *, const char *server,
    const char *nick, const char *channel);

#endif
