/*
 * The daemon's rules for windows, one place for every backend: where a
 * window goes and how it is stacked when it appears, whether a popup is
 * shown as a popup, whether a window is shown at all, which state it gets
 * and what a guest may still change once it is mapped.
 *
 * A backend decides none of this. It reports what happened (the window
 * manager moved a window: window_user_geometry; the screen locker went on:
 * policy_set_locked) and applies what was decided: the policy's fields of
 * struct window (as_popup, shown, no_focus, below_focus) and policy_state().
 */
#ifndef VITRINE_POLICY_H
#define VITRINE_POLICY_H

/* After the user closed one of a domain's windows, its new windows open on
 * top for this long (its answer, "Save changes?"), still without the focus. */
#define POLICY_CLOSE_ANSWER_MS 3000
/* How long after maximized or fullscreen came or went the window manager's
 * moves are its own, never put back, unless it resizes first. */
#define POLICY_WM_SETTLE_MS 1000
/* A domain's notices "opened a window behind": at most POLICY_BEHIND_NOTICES
 * within POLICY_BEHIND_NOTICE_MS (a second application started within the
 * minute is told too: new-user trial 4). */
#define POLICY_BEHIND_NOTICE_MS 60000
#define POLICY_BEHIND_NOTICES 3
/* A popup smaller than this does not have the keys (a tray menu, one the
 * user clicked): a speck the user cannot see as the window typed into
 * (hostile-domain trial 16 #1); every real menu is larger. */
#define POLICY_KEYS_MIN_W 32
#define POLICY_KEYS_MIN_H 16

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct server;
struct window;
struct vp_rect;

/* The keys went to win (the user chose it): other domains' popups stacked
 * over it go below it, on every backend (x11: below its frame; an unfocused
 * domain's popup moved over the window the user works in hid what it shows
 * and took the clicks meant for it: hostile-domain trial 4). A popup an
 * unfocused domain moves or grows goes below the focused window too
 * (policy_place). */
void policy_popups_below(struct server *srv, struct window *win);

/* The window state a guest's wmflags become, from policy_state(). */
enum {
	WIN_STATE_FULLSCREEN = 1, /* asked for, and the domain has allow_fullscreen */
	WIN_STATE_MAXIMIZED = 2,  /* fullscreen asked for without allow_fullscreen */
	WIN_STATE_ATTENTION = 4,  /* urgency or demands-attention */
	WIN_STATE_MINIMIZED = 8,  /* the guest minimized it */
				  /* (MAXIMIZED also: the guest asked to be maximized) */
};

/*
 * The guest says whether win is a popup (override-redirect). Accepted only
 * while win is unmapped; a change while mapped is refused (logged) and
 * false returned.
 */
bool policy_guest_popup(struct window *win, bool popup);

/*
 * The guest maps win: stacked (a domain without the focus opens its window
 * directly below the focused one, never over it, and marks it no_focus and
 * below_focus),
 * placed (clamped, see scene_place), shown as a popup or not (the 90% rule),
 * held back or not (screen locked), and the backend told. Returns 1 if the
 * placement differs from the guest's request (tell the guest).
 */
int policy_map(struct server *srv, struct window *win);
/* A map its domain's rate held (props.h) reaches a desktop's window manager
 * (BACKEND_CAP_WM) now: where it
 * stacks and whether it may take the focus are decided again against the
 * focus of now, and it appeared now (a choice of it by the user must come
 * after: focus.c). A domain must not choose the moment its window shows
 * (hostile-domain trial 3: a map held until the user clicked another
 * domain's window took the keys). */
void policy_map_shown(struct server *srv, struct window *win);
/* The guest unmaps win. */
void policy_unmap(struct server *srv, struct window *win);

/*
 * Place win for its guest geometry (scene_place: clamped so the frame stays
 * in the work area, popups on one monitor of it; partly off the right or bottom
 * edge only where the user put it: user for the user's own move, see
 * scene_clamp). A shown popup that now covers, with its domain's other
 * popups, over 90% of the work area is shown as a managed window from now
 * on. Returns 1 if the placement differs from the request.
 */
int policy_place(struct server *srv, struct window *win, bool user);

/*
 * The backend reports the screen locker (screen saver) going on or off.
 * While it is on, popups that appear are held back (win->shown false); when
 * it goes off they are shown.
 */
void policy_set_locked(struct server *srv, bool locked);

/*
 * The window manager moved win's content to r (and resized it if resized).
 * The core clamps it (window_user_geometry): partly off the right or bottom
 * edge is fine, but the frame's top-left corner with the label stays in the
 * work area (scene_clamp). Should the backend then put its window where the
 * core placed it? Only if the clamp moved it, and only for a move: while a
 * window manager maximizes or restores, it passes through states that are
 * not final (moved, not yet resized), and pushing those back fights it:
 * never while the desktop shows win maximized or fullscreen, nor after
 * either came or went (window_desktop_state) until the window manager's
 * next resize or for POLICY_WM_SETTLE_MS.
 */
bool policy_wm_put_back(struct server *srv, struct window *win, const struct vp_rect *r,
			bool resized);

/*
 * The backend reports the desktop's work area (the output less its panels),
 * x, y, w, h as the desktop gives it, or 0, 0, 0, 0 for none. Windows are
 * kept inside it (scene_clamp: popups, managed and maximized windows; not
 * one shown fullscreen); when it changes, the windows shown are placed
 * again. One under 64 pixels either way, or not inside the output, is not
 * believed: the whole output is used.
 */
void policy_set_work_area(struct server *srv, uint32_t x, uint32_t y, uint32_t w, uint32_t h);

/*
 * The backend reports how many rows the desktop's window manager draws above
 * a managed window (its title bar, which names the domain): a window is kept
 * where all of it is on the output; the windows shown are placed again when
 * it grows. At most 256 is believed.
 */
void policy_set_wm_top(struct server *srv, int32_t rows);

/* The state win is shown in: WIN_STATE_* bits. */
unsigned policy_state(const struct window *win);

/*
 * The window type win is shown as (enum vp_wintype): the guest's, except
 * DOCK and DESKTOP (above or below every window, struts: NORMAL), and the
 * kinds window managers show without a title bar (splash, toolbar, menus,
 * tooltip, notification, combo, dnd) only while the frame, with the
 * domain's other shown windows without a title bar (popups and these
 * kinds), covers at most 90% of the work area (more: NORMAL, so the title
 * with the domain's name is there, as for popups).
 */
uint32_t policy_window_type(const struct window *win);
/* win is minimized: the desktop shows it so, or its domain asked. */
bool policy_minimized(const struct window *win);
/* win is a popup too small to have the keys (POLICY_KEYS_MIN_W/H). */
bool policy_too_small_for_keys(const struct window *win);
/* win is shown without a title bar on a desktop (a popup, or one of the
 * kinds above as policy_window_type shows it). */
bool policy_untitled(const struct window *win);

/*
 * The desktop's state of win went from old to now (WIN_STATE_* bits): what
 * the guest is to believe (VP_STATE_*), changed only where the desktop
 * changed. Minimized is minimized; maximized is maximized, or fullscreen
 * for a guest that asked for fullscreen and was maximized instead (it
 * keeps believing it is fullscreen); fullscreen is fullscreen.
 */
uint32_t policy_guest_state(const struct window *win, unsigned old, unsigned now);
/* The guest's wish changed but the desktop shows win as before (fullscreen
 * asked of a window the user maximized, in a domain shown it maximized):
 * no answer comes from the desktop, so the guest is told now what it
 * is, by the same rule (new-user trial 4: qterminal's F11 did nothing). */
uint32_t policy_guest_shown(const struct window *win);
/* The backend asked the desktop's window manager to show win so (st:
 * WIN_STATE_*, its maximized and fullscreen part). */
void policy_state_asked(struct window *win, unsigned st);
/* The desktop's state st (its size part changed) answers an ask that a
 * newer one follows (policy_state_asked, each answered in turn, within
 * POLICY_WM_SETTLE_MS of the last): stale, neither the user's nor final,
 * and the guest is not told it. Taken as the user's, F11 pressed three
 * times quickly left the window maximized for good: the guest was told it
 * was maximized (new-user trial 4). Anything else is the user's own. */
bool policy_desktop_stale(struct window *win, unsigned st);

/*
 * What a desktop shows of a domain's window, tray icon or notification:
 * "[domain] text" in out (cap bytes, cut to fit; returns the length written).
 * The domain's name always comes first on the screen too: where it has no
 * letter ("42", "7-1") it is preceded by U+200E LEFT-TO-RIGHT MARK, since a
 * desktop that lays text out by the Unicode bidirectional algorithm
 * (pango: openbox's title bars, dunst) takes the direction from the first
 * letter, and a title starting with a Hebrew letter laid "[42]" out last
 * (the title read "Bank [work]... [42]").
 */
int policy_label(char *out, size_t cap, const char *domain, const char *text);

#endif
