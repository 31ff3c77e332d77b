/*
 * The click guard (hostile-domain trials 6 and 7; ATTACKS row 11): a window
 * that appeared, or was moved or resized by its domain, less than
 * CLICK_GUARD_MS before the user's press, over a window of another domain,
 * does not take that press. Nobody reacts that fast: the user aimed at
 * what was there before. A domain with the keys that flickers a popup over
 * another domain's title bar caught the click meant to switch away from it,
 * and the keys stayed with it, unnoticed.
 *
 * The press is taken: it goes to no domain, nor does its release (any
 * button but the wheel's 4-7, which never choose a window), no window is
 * chosen and the keys stay where they were; a trusted notice says so
 * ("no click; keys still go to D"), as for every focus change refused, and
 * one rate-limited log line names the domain. (Choosing the window below
 * gave a hostile domain the keys when a dialog of the focused domain was
 * shown under the click over the hostile's window: hostile-domain trial 8;
 * taking the keys away let a domain whose popups then went on top take
 * every click, and closed the focused domain's menus: review 9.) The first
 * window a domain maps within FOCUS_CHOICE_MS after the user's press on one
 * of its windows, within CLICK_ANSWER_NEAR of that press (a menu opened by
 * a click), is its answer and takes presses next to that press at once,
 * until it is moved or resized (the rest of it over another domain's
 * window is guarded: hostile-domain trial 15 #2, a large popup with its
 * corner at the press took the click meant for bank's window beside). A domain's moves of its
 * windows while a button the user pressed on one of them is held, or within CLICK_GUARD_MS of its
 * release, are the user's (a client-side title bar dragged).
 *
 * Every backend's presses come here: the core's pointer (headless, drm:
 * pointer.c) and the x11 backend's, core presses and XInput2 raw ones (a
 * press on a window manager's frame or title bar sends no other); its
 * window manager's title bars are known by _NET_FRAME_EXTENTS
 * (scene.wm_top). A host window under the popup (x11: not one of ours) is
 * not known to the daemon and is not guarded.
 */
#ifndef VITRINE_CLICKGUARD_H
#define VITRINE_CLICKGUARD_H

#include <stdbool.h>
#include <stdint.h>

struct domain;
struct server;
struct window;

#define CLICK_GUARD_MS 500
/* How far from the press a window in answer to it may be (pixels). */
#define CLICK_ANSWER_NEAR 48

/* The window the user aimed at with a press at (x, y) (output
 * coordinates) that would go to w: the topmost shown window below w there
 * (its frame, a desktop window manager's title bar too; not minimized)
 * that was not just shown itself, if w was just shown (or is unmapped by
 * now) and that window is another domain's; else, with none such and w a
 * popup, the first window of another domain just shown below w there,
 * before w; else NULL (w takes the press). */
struct window *clickguard_aimed(struct server *srv, struct window *w, int32_t x, int32_t y);

/* The user holds a button on win (not a popup), or let go of one pressed
 * on it less than CLICK_GUARD_MS ago: its domain's moves of it then are the
 * user's drag (a client-side title bar), not a window coming where the
 * user clicks (review 8 #6). */
bool clickguard_user_moving(const struct window *win);
/* x11: the raw press or release (XInput2) at (x, y) on under's window or
 * its window manager's frame: true if the guard takes it (then it is no
 * action of the user's on the desktop; a press is taken as above: on a
 * frame no other press comes, review 8 #1). */
bool clickguard_raw(struct server *srv, struct window *under, int32_t x, int32_t y, bool pressed);
/* win was just mapped (policy_map). */
void clickguard_mapped(struct window *win);
/* win's frame is at (x, y) or within m pixels of it: a popup opened where
 * the user pressed (a menu beside its menu bar's item, a tray icon's). */
bool clickguard_near(const struct window *win, int32_t x, int32_t y, int32_t m);
/* The notice of a press the guard took: D's WHAT (window, notification)
 * appeared where the user clicked; the keys stay where they were. */
void clickguard_notice(struct server *srv, const char *domain, const char *what);
/* Changes of win its domain's rate held (props.h: WIN_CHANGED_*) reach the
 * desktop now: where they put it, it appears now. */
void clickguard_reached_screen(struct window *win, unsigned what);
/* The backend holds shown window win off the screen (held) or shows it
 * again: only what is on the screen can be what the user aimed at, and a
 * window shown again appears now. */
void clickguard_held_off(struct window *win, bool held);

/* A button event the backend would route to win (NULL: none of ours) at
 * (x, y): true if the guard took it (a guarded press, or the release of
 * one), and nothing else may be done with it. A press or release that goes
 * on counts as the user's on win's domain. */
bool clickguard_button(struct server *srv, struct window *win, int32_t x, int32_t y,
		       uint32_t button, bool pressed);

#endif
