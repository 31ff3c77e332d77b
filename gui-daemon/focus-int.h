/* What focus.c and focus-gone.c share: the daemon's focus rule's own
 * helpers (focus.h is what the rest of the daemon calls). */
#ifndef VITRINE_FOCUS_INT_H
#define VITRINE_FOCUS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "focus.h"
#include "server.h"

static inline struct focus_rule *rule(struct server *srv)
{
	return &srv->focus;
}

/* win (d's windows: d) leaves the windows to go back to. */
void prev_drop(struct focus_rule *r, const struct window *win, const struct domain *d);
/* win is on the screen: mapped, and on a desktop not minimized */
bool showing(const struct window *win);
/* The keys go to win (NULL: none of ours). */
void give(struct server *srv, struct window *win);
/* The keys leave f's domain for no window the user chose. */
void left(struct focus_rule *r, const struct window *f, uint64_t now);
/* Keys stay where the user put them; the user is told. gone: the domain
 * whose window with the keys just went (the window manager's fallback). */
void refuse(struct server *srv, struct window *win, uint64_t now, const char *gone);

#endif
