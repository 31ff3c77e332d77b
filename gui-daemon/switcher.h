/*
 * The Alt+Tab overlay (compositing backends, where the router cycles the
 * focus itself): while Alt is held after Alt+Tab, the scene shows a list of
 * the windows Alt+Tab goes through (the router's own choice, input_cycled,
 * marked), drawn by the renderers over every window (decorations/
 * deco-switcher.h). Its rows come from trusted state only: each domain's
 * configured name and label colour, the sanitized titles.
 */
#ifndef VITRINE_SWITCHER_H
#define VITRINE_SWITCHER_H

struct server;

struct window;

/* The windows Alt+Tab goes through (mapped, not popups), into all (at most
 * cap), most recently given the keys by the user first, then the ones never
 * given them, top of the stack first; returns how many. Not the stacking
 * order alone: a domain's window mapped (again and again) right below the
 * focused one was the first Alt+Tab's, and took the password typed next
 * (hostile-domain trial 19 F1). */
int switcher_order(struct server *srv, struct window **all, int cap);
/* win has the keys by the user's choice (not while Alt+Tab passes it). */
void switcher_chosen(struct server *srv, struct window *win);

/* Before each repaint: show, change or hide the overlay (scene.switcher),
 * damaging the scene where it changed. */
void switcher_update(struct server *srv);

#endif
