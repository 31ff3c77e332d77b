/*
 * Log lines a domain can cause, rate-limited per domain and per kind, so a
 * domain that repeats a refused request thousands of times a second cannot
 * fill the log (ATTACKS row 19). Each kind allows a burst of RATELOG_BURST
 * lines, then one line per RATELOG_PERIOD_MS; a line that follows suppressed
 * ones says how many were suppressed, and so does a line when the domain
 * disconnects (domain_disconnect), so that every one is logged or counted.
 */
#ifndef VITRINE_RATELOG_H
#define VITRINE_RATELOG_H

#include <stdbool.h>
#include <stdint.h>

#define RATELOG_BURST 5
#define RATELOG_PERIOD_MS 10000

enum ratelog_kind {
	RL_WINDOW_QUOTA,  /* CREATE refused at the window quota */
	RL_BUFFER_QUOTA,  /* BUFFER refused at the buffer memory quota */
	RL_CONNECTION,	  /* connections refused (cut off by the user, a second one) */
	RL_CLIPBOARD,	  /* CLIPBOARD_DATA nobody asked for, dropped */
	RL_POPUP_FLAG,	  /* a mapped window's popup flag change refused */
	RL_POPUP_MANAGED, /* popups over 90%: shown as a managed window */
	RL_POPUP_HELD,	  /* a popup held back while the screen is locked */
	RL_FOCUS,	  /* its window wanted the desktop's focus, refused (focus.c) */
	RL_WINDOW_TYPE,	  /* a window type refused (unknown, dock, desktop) */
	RL_VIOLATION,	  /* violation lines (cut off; it may reconnect and do it again) */
	RL_ICON,	  /* an icon refused at the icon quota (desktop.c) */
	RL_TRAY,	  /* a tray icon refused at the tray quota (tray.c) */
	RL_NOTIFY,	  /* notifications dropped over the rate (tray.c) */
	RL_NOTIFY_CLOSE,  /* NOTIFY_CLOSE for an id it has not (notify.c) */
	RL_NOTIFY_ICON,	  /* NOTIFY_ICON refused (notify-icon.c) */
	RL_SESSION,	  /* --verbose: connected, connection closed, disconnected */
	RL_CLICK, /* clicks on its windows just shown, given to the window below (clickguard.h) */
	RL_KINDS
};

struct ratelog {
	uint64_t refill_ms;  /* when the next token comes */
	unsigned tokens;     /* lines that may be logged now */
	unsigned suppressed; /* lines not logged since the last one */
	bool started;
	/* refusal.c: violation lines suppressed, counted with the next one
	 * logged (not at disconnect: each violation is one) */
	unsigned held;
	/* refusal.c: refusals counted toward the cut-off, since refused_ms */
	unsigned refused;
	uint64_t refused_ms;
};

/* What each kind's lines are about, for the count of those suppressed. */
extern const char *const ratelog_kind_name[RL_KINDS];

/* May a line be logged at now_ms? If so, *suppressed is how many were
 * dropped before it (and the count restarts). */
bool ratelog_allow(struct ratelog *r, uint64_t now_ms, unsigned *suppressed);
/* The same with a burst of its own (refusal.c: violation lines). */
bool ratelog_allow_burst(struct ratelog *r, uint64_t now_ms, unsigned burst, unsigned *suppressed);

/*
 * Refusals that count toward a cut-off (refusal.c): more than REFUSAL_LIMIT
 * refusals of one kind within REFUSAL_PERIOD_MS of the first one counted
 * cut the domain off. Only requests a well-behaved agent never repeats are
 * counted (refusal.c says which, and why); the bound is far above what an
 * application causes (one refusal per window and property change) and far
 * below a domain that hammers the daemon with refused requests.
 */
#define REFUSAL_LIMIT 100
#define REFUSAL_PERIOD_MS 10000
/* Count one refusal at now_ms; true if it is one too many. */
bool ratelog_refusal(struct ratelog *r, uint64_t now_ms);

/* refusal.c: refused requests that count toward a cut-off, and the
 * rate-limited violation line. */
struct domain;

/* d's request was refused: log the line (as domain_log does) and, for the
 * kinds that count, count it; one too many (REFUSAL_LIMIT) cuts d off after
 * the message being handled, with the violation "repeated refused requests
 * (KIND): N in M s". */
void domain_refuse(struct domain *d, enum ratelog_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The line "domain NAME: violation: WHY; disconnected", at most
 * VIOLATION_BURST of them per domain, then one per RATELOG_PERIOD_MS (a
 * domain that reconnects and violates in a loop cannot fill the log); the
 * next one logged follows "domain NAME: N violation lines suppressed". */
#define VIOLATION_BURST 64
void domain_log_violation(struct domain *d, const char *why);

#endif
