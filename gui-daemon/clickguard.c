/* The click guard (clickguard.h), and the user's buttons through it to the
 * focus rule (focus_user_button, focus_desktop_raw: focus.h). */
#include "clickguard.h"

#include "backend.h"
#include "domain.h"
#include "focus.h"
#include "input/input.h"
#include "notice.h"
#include "policy.h"
#include "ratelog.h"
#include "scene.h"
#include "server.h"
#include "tray.h"

/* When win last appeared where it is, for a press at (x, y): mapped
 * (unless in answer to the user's press, and this one next to that one:
 * a menu's first items, picked at once; not the far part of a large popup
 * with a corner at the press, over another domain's window: hostile-domain
 * trial 15 #2), or moved or resized by its domain. */
static uint64_t shown_at(const struct window *win, int32_t x, int32_t y)
{
	int64_t dx = (int64_t)x - win->answer_x, dy = (int64_t)y - win->answer_y;
	bool answer = win->answer_ms == win->mapped_ms && dx >= -CLICK_ANSWER_NEAR &&
		      dx <= CLICK_ANSWER_NEAR && dy >= -CLICK_ANSWER_NEAR &&
		      dy <= CLICK_ANSWER_NEAR;
	uint64_t t = answer ? 0 : win->mapped_ms;
	return t > win->moved_ms ? t : win->moved_ms;
}

static bool just_shown(const struct window *win, uint64_t now, int32_t x, int32_t y)
{
	return now - shown_at(win, x, y) < CLICK_GUARD_MS;
}

void clickguard_mapped(struct window *win)
{
	struct domain *d = win->dom;
	if (!d->pressed_ms || win->mapped_ms - d->pressed_ms > FOCUS_CHOICE_MS)
		return;
	/* where the press was, or next to it (a menu below its menu bar's
	 * item, a context menu at the pointer): a popup put elsewhere, over
	 * another domain's title bar, is no answer (hostile-domain trial 8 D),
	 * nor does it use the press up (review 9) */
	if (clickguard_near(win, d->pressed_x, d->pressed_y, CLICK_ANSWER_NEAR)) {
		win->answer_ms = win->mapped_ms;
		win->answer_x = d->pressed_x, win->answer_y = d->pressed_y;
		d->pressed_ms = 0; /* one map answers a press, not a flood of them */
	}
}

bool clickguard_near(const struct window *win, int32_t x, int32_t y, int32_t m)
{
	pixman_box32_t b;
	scene_frame_box(&win->dom->srv->scene, win, &b);
	return x >= b.x1 - m && x < b.x2 + m && y >= b.y1 - m && y < b.y2 + m;
}

void clickguard_notice(struct server *srv, const char *domain, const char *what)
{
	const struct window *f = server_focus(srv);
	server_notice(srv, "%s's %s appeared where you clicked: no click; keys still go to %s",
		      domain, what, f ? f->dom->cfg->name : "no window");
}

void clickguard_reached_screen(struct window *win, unsigned what)
{
	/* (a compositing backend drew them when they came) */
	if ((win->dom->srv->backend->ops->caps & BACKEND_CAP_WM) &&
	    (what & (WIN_CHANGED_GEOMETRY | WIN_CHANGED_FLAGS)))
		win->moved_ms = now_ms();
}

void clickguard_held_off(struct window *win, bool held)
{
	if (win->held_off && !held)
		win->moved_ms = now_ms();
	win->held_off = held;
}

/* What the core has of win is what the screen shows: no map, move or state
 * of it held for its domain's rate (props.h), not held off by the backend.
 * (hostile-domain trial 9 #1: a window whose map the rate held, "shown" and
 * on top in the core but never on the desktop, was taken for what the user
 * aimed at under a flickering popup of its own domain, and the click went
 * through.) */
static bool on_screen(const struct server *srv, const struct window *win)
{
	/* (a compositing backend draws the scene: held changes are drawn) */
	unsigned held = srv->backend->ops->caps & BACKEND_CAP_WM ? win->props_held : 0;
	return win->shown && !win->held_off &&
	       !(held & (WIN_CHANGED_MAP | WIN_CHANGED_GEOMETRY | WIN_CHANGED_FLAGS));
}

bool clickguard_user_moving(const struct window *win)
{
	/* a button held now on it: the router's grab (drm, headless) or the
	 * desktop's raw buttons after a press on it (x11); never a bit the
	 * domain could leave set (review 9 #1: a release the daemon's own drag
	 * took left it set, and the domain's moves unguarded for good). Only
	 * the window pressed on, not a popup: a domain's popup moved over
	 * another's title bar right after the user's click in the domain was
	 * taken for a drag (hostile-domain trial 10 #3). */
	const struct domain *d = win->dom;
	const struct server *srv = d->srv;
	if (win->as_popup || win->id != d->pressed_win)
		return false;
	const struct window *g = target_window(input_pointer_grab(srv->input));
	return g == win || (srv->desk_buttons && srv->press_dom == d) ||
	       now_ms() - d->pointer_ms < CLICK_GUARD_MS;
}

/* win's frame holds (x, y): the daemon's frame, and the title bar a
 * desktop's window manager draws above a managed window (maximized too:
 * openbox keeps it; review 8 #2), as high as its frame says (a splash
 * screen has none: hostile-domain trial 10 #1, a splash of the popup's own
 * domain under work's title bar, its strip counted, passed for what the
 * user aimed at); not a minimized one, which is not on the screen
 * (hostile-domain trial 8 A: one of the popup's own domain "under" it
 * turned the guard off). */
static bool holds(const struct scene *s, const struct window *win, int32_t x, int32_t y)
{
	unsigned st = policy_state(win);
	if (st & WIN_STATE_MINIMIZED)
		return false;
	pixman_box32_t b;
	scene_frame_box(s, win, &b);
	if (!(st & WIN_STATE_FULLSCREEN))
		b.y1 -= win->frame_top >= 0 ? win->frame_top : policy_untitled(win) ? 0 : s->wm_top;
	return x >= b.x1 && y >= b.y1 && x < b.x2 && y < b.y2;
}

struct window *clickguard_aimed(struct server *srv, struct window *w, int32_t x, int32_t y)
{
	uint64_t now = now_ms();
	/* unmapped: gone before the press came, which was not meant for it
	 * (review 8 #5: its UNMAP handled first let the press through) */
	if (!w || (w->mapped && !just_shown(w, now, x, y)))
		return NULL;
	/* w a popup, and another domain's window just shown below it too,
	 * before it: the user aimed at neither (a window of work's that had
	 * just opened, under untrusted's flickering popup, gave the popup the
	 * click: attack-flicker under load, 2026-12-02); one shown after w,
	 * under it, was never seen there. (A managed window over another
	 * domain's, both new: two domains' first windows at a session's start,
	 * the click on the top one the user's; x11-xkill) */
	struct window *fresh = NULL;
	struct list *head = &srv->scene.stack;
	for (struct list *l = w->stack_link.prev; l != head; l = l->prev) {
		struct window *b = list_item(l, struct window, stack_link);
		if (!on_screen(srv, b) || !holds(&srv->scene, b, x, y))
			continue;
		if (just_shown(b, now, x, y)) { /* two flickering windows: what was there before */
			if (!fresh && w->as_popup && b->dom != w->dom &&
			    shown_at(b, x, y) <= shown_at(w, x, y))
				fresh = b;
			continue;
		}
		return b->dom != w->dom ? b : NULL;
	}
	return fresh;
}

/* The guard took a press on w (aimed: the window below): it goes to no
 * domain and chooses no window; the keys stay where they were (taking them
 * away let a domain whose popups then went on top lock every click out, and
 * closed the focused domain's menus: review 9), and the user is told so, as
 * for every refused focus change; it is logged once. */
static void take(struct server *srv, struct window *w, const struct window *aimed)
{
	unsigned suppressed;
	uint64_t now = now_ms();
	if (now - w->told_ms < CLICK_GUARD_MS) /* x11: its raw press did it */
		return;
	w->told_ms = now;
	clickguard_notice(srv, w->dom->cfg->name, "window");
	if (!ratelog_allow(&w->dom->rl[RL_CLICK], now, &suppressed))
		return;
	if (suppressed)
		vlog("domain %s: %u more clicks on its windows just shown were taken",
		     w->dom->cfg->name, suppressed);
	vlog("domain %s: a click on its window %u, shown %llu ms before over %s's window %u, "
	     "was taken: it went to no window",
	     w->dom->cfg->name, w->id, (unsigned long long)(now - shown_at(w, INT32_MIN, 0)),
	     aimed->dom->cfg->name, aimed->id);
}

bool clickguard_raw(struct server *srv, struct window *under, int32_t x, int32_t y, bool pressed)
{
	struct window *aimed = clickguard_aimed(srv, under, x, y);
	if (aimed && pressed) /* on a window manager's frame no other press comes */
		take(srv, under, aimed);
	return aimed != NULL;
}

bool clickguard_button(struct server *srv, struct window *win, int32_t x, int32_t y,
		       uint32_t button, bool pressed)
{
	if (button < 1 || button > 31)
		return false;
	uint32_t bit = 1u << button;
	bool wheel = button >= 4 && button <= 7; /* scrolls: never a click */
	if (!wheel)
		srv->user_input_ms = now_ms();
	if (pressed && !wheel) { /* on a guest window: never on a tray icon */
		tray_user_pressed(srv, TRAY_ELSEWHERE, 0);
		for (int i = 0; i < srv->ndomains; i++) /* a map answers the last press only */
			srv->domains[i]->pressed_ms = 0;
	}
	if (!pressed) {
		bool taken = srv->guarded_buttons & bit;
		srv->guarded_buttons &= ~bit;
		if (!taken && win && !wheel)
			win->dom->pointer_ms = now_ms();
		return taken;
	}
	/* a new press: the last one of this button was released, seen or not
	 * (a release kept back for it would leave the next press held) */
	srv->guarded_buttons &= ~bit;
	struct window *aimed = wheel ? NULL : clickguard_aimed(srv, win, x, y);
	if (!aimed) {
		if (win && !wheel) {
			struct domain *d = win->dom;
			d->pressed_ms = d->pointer_ms = now_ms();
			d->pressed_x = x, d->pressed_y = y;
			d->pressed_win = win->id;
			srv->press_dom = d;
		}
		return false;
	}
	take(srv, win, aimed);
	srv->guarded_buttons |= bit;
	return true;
}

/* The user's buttons on a guest window and raw ones on the desktop: through
 * the click guard, then to the focus rule (focus.h). */
bool focus_user_button(struct server *srv, struct window *win, int32_t x, int32_t y,
		       uint32_t button, bool pressed)
{
	if (clickguard_button(srv, win, x, y, button, pressed))
		return false; /* a window just shown over another domain's */
	focus_user_input(srv, win,
			 pressed && button >= 1 && button <= 3 /* not the wheel */
				 ? FOCUS_INPUT_CLICK
				 : FOCUS_INPUT_POINTER);
	return true;
}

bool focus_desktop_raw(struct server *srv, struct window *under, int32_t x, int32_t y,
		       uint32_t button, bool pressed)
{
	bool wheel = button >= 4 && button <= 7;
	if (pressed && !wheel) /* (a key: button 0) */
		tray_user_pressed(srv, button ? x : TRAY_ELSEWHERE, y);
	if (button) {
		/* a drag by the window manager is the user's move (window.c) */
		if (pressed)
			srv->desk_buttons++;
		else if (srv->desk_buttons)
			srv->desk_buttons--;
		if (!wheel)
			srv->user_input_ms = now_ms();
		if (clickguard_raw(srv, under, x, y, pressed && !wheel))
			return false; /* a window just shown there: no action */
	}
	focus_user_input(srv, under,
			 !pressed		      ? FOCUS_INPUT_DESKTOP_RELEASE
			 : button >= 1 && button <= 3 ? FOCUS_INPUT_DESKTOP_CLICK
						      : FOCUS_INPUT_DESKTOP);
	return true;
}
