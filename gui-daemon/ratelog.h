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
	RL_KINDS
};

struct ratelog {
	uint64_t refill_ms;  /* when the next token comes */
	unsigned tokens;     /* lines that may be logged now */
	unsigned suppressed; /* lines not logged since the last one */
	bool started;
};

/* What each kind's lines are about, for the count of those suppressed. */
extern const char *const ratelog_kind_name[RL_KINDS];

/* May a line be logged at now_ms? If so, *suppressed is how many were
 * dropped before it (and the count restarts). */
bool ratelog_allow(struct ratelog *r, uint64_t now_ms, unsigned *suppressed);

#endif
