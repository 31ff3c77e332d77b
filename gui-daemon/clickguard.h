/*
 * The click guard (hostile-domain trials 6 and 7; ATTACKS row 11): a window
 * that appeared, or was moved or resized by its domain, less than
 * CLICK_GUARD_MS before the user's press, over a window of another domain,
 * does not take that press. Nobody reacts that fast: the user aimed at
 * what was there before. A domain with the keys that flickers a popup over
 * another domain's title bar caught the click meant to switch away from it,
 * and the keys stayed with it, unnoticed.
 *
 * The press chooses the window aimed at instead (raised, given the keys,
 * shown active: focus_user_chose), and neither the press nor its release
 * goes to any domain; one rate-limited log line names the domain whose
 * window was passed over. The first window a domain maps within
 * FOCUS_CHOICE_MS after the user's press on one of its windows (a menu
 * opened by a click) is its answer, and takes presses at once, until it is
 * moved or resized (test attack-flicker: with any map within that time
 * taken as an answer, a popup flickered right after the user's click on its
 * domain caught the next click, 1 round in 3).
 *
 * Every backend's presses come here: the core's pointer (headless, drm:
 * pointer.c) and the x11 backend's, which also asks what a raw press was
 * aimed at (its window manager's title bars are known by _NET_FRAME_EXTENTS,
 * scene.wm_top). A host window under the popup (x11: not one of ours) is
 * not known to the daemon and is not guarded.
 */
#ifndef VITRINE_CLICKGUARD_H
#define VITRINE_CLICKGUARD_H

#include <stdbool.h>
#include <stdint.h>

struct server;
struct window;

#define CLICK_GUARD_MS 500

/* The window the user aimed at with a press at (x, y) (output
 * coordinates) that would go to w: the topmost shown window below w there
 * (its frame, a desktop window manager's title bar too) that was not just
 * shown itself, if w was just shown and that window is another domain's;
 * else NULL (w takes the press). */
struct window *clickguard_aimed(struct server *srv, struct window *w, int32_t x, int32_t y);

/* win was just mapped (policy_map). */
void clickguard_mapped(struct window *win);

/* A button event the backend would route to win (NULL: none of ours) at
 * (x, y): true if the guard took it (a guarded press, whose window aimed
 * at is chosen; or the release of such a press), and nothing else may be
 * done with it. A press that goes on counts as the user's press on win's
 * domain. */
bool clickguard_button(struct server *srv, struct window *win, int32_t x, int32_t y,
		       uint32_t button, bool pressed);

#endif
