/*
 * Trusted notices: short messages the daemon shows the user itself, drawn
 * by the daemon (never by a domain), on every backend: "copied 24 bytes
 * from work", "nothing to copy from work", "untrusted asked for the focus".
 * Each is also logged.
 *
 * The core decides the text and how long it stays (NOTICE_MS); the backend
 * only draws it (backend_ops.notice), in the daemon's own style above
 * everything a domain can show (decorations/deco-notice.h). A timerfd,
 * armed only while a notice is shown, takes it down: no timer while idle.
 * Only the user's own actions may cause a notice (a hotkey), never a
 * domain's message, so that no domain can fill the screen with them; while
 * the screen is locked a notice is only logged (nothing is drawn over the
 * locker).
 */
#ifndef VITRINE_NOTICE_H
#define VITRINE_NOTICE_H

#include <stdbool.h>

#define NOTICE_MS 4000
#define NOTICE_MAX 160 /* bytes of text shown, cut on a character */

struct server;

struct notice {
	int fd;	    /* timerfd (its source is srv->notice_src) */
	bool shown; /* text is on the screen, the timer armed */
	char text[NOTICE_MAX];
};

/* Show (and log) one notice; it replaces the one shown, if any. */
void server_notice(struct server *srv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Take the notice down now (the screen locked), if one is shown. */
void server_notice_hide(struct server *srv);
/* server_init / server_finish: the timerfd, in the event loop, unarmed. */
int notice_init(struct server *srv);
void notice_finish(struct server *srv);

#endif
