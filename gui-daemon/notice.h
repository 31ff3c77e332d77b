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
 * domain's message, so that no domain can fill the screen with them (the
 * desktop's focus moved to a domain's window: rate-limited per domain, and
 * a repeat of the same text shown once, server_notice_domain; a domain's
 * new window opened behind the focused one: its first map only, once a
 * minute per domain, policy.c); while
 * the screen is locked a notice is only logged (nothing is drawn over the
 * locker).
 */
#ifndef VITRINE_NOTICE_H
#define VITRINE_NOTICE_H

#include <stdbool.h>

#include <stdint.h>

#define NOTICE_MS 4000
#define NOTICE_MAX 160 /* bytes of text shown, cut on a character */
/* A notice about what a domain did, the same text again within this long
 * of the last one: logged, not shown again (server_notice_domain). */
#define NOTICE_REPEAT_MS 10000
#define NOTICE_SEEN 8 /* texts remembered for that */

struct server;

struct notice_seen {
	uint64_t ms; /* the last time it came, 0: unused */
	char text[NOTICE_MAX];
};

struct notice {
	int fd;	    /* timerfd (its source is srv->notice_src) */
	bool shown; /* text is on the screen, the timer armed */
	bool user;  /* and it is about the user's own action (server_notice) */
	char text[NOTICE_MAX];
	struct notice_seen seen[NOTICE_SEEN]; /* server_notice_domain's texts */
};

/* Show (and log) one notice; it replaces the one shown, if any. */
void server_notice(struct server *srv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * The same for a notice about what a domain did (its window wanted the
 * focus; the text names the domain): the same text again within
 * NOTICE_REPEAT_MS of the last time it came (shown or not) is logged as a
 * repeat and not shown again, so a user clicking around on a desktop that
 * moves its focus unasked (sway) sees it once, not at every click. Nor does
 * it replace a notice about the user's own action while that is shown (the
 * window manager focusing another domain's window once a hotkey cut the
 * focused domain off replaced "D cut off; vitrinectl unblock D lets it
 * back" at once): it is only logged then.
 */
void server_notice_domain(struct server *srv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Did text come within NOTICE_REPEAT_MS before now (milliseconds)? Either
 * way, it is remembered as come now (the oldest text forgotten). */
bool notice_repeated(struct notice *n, const char *text, uint64_t now);
/* Take the notice down now (the screen locked), if one is shown. */
void server_notice_hide(struct server *srv);
/* server_init / server_finish: the timerfd, in the event loop, unarmed. */
int notice_init(struct server *srv);
void notice_finish(struct server *srv);

#endif
