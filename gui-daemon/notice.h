/*
 * Trusted notices: short messages the daemon shows the user itself, drawn
 * by the daemon (never by a domain), on every backend: "copied 24 bytes
 * from work", "nothing to copy", "untrusted asked for the focus". Each is
 * also logged.
 */
#ifndef VITRINE_NOTICE_H
#define VITRINE_NOTICE_H

struct server;

/* Show (and log) one notice; it replaces the one shown, if any. */
void server_notice(struct server *srv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
