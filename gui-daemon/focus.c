/* Who may move the keyboard focus on a desktop with a window manager
 * (focus.h). */
#include "focus.h"
#include "focus-int.h"

#include <stdio.h>
#include <string.h>

#include "backend.h"
#include "domain.h"
#include "input/input.h"
#include "notice.h"
#include "policy.h"
#include "scene.h"
#include "server.h"

/* win (d's windows: d) leaves the windows to go back to. */
void prev_drop(struct focus_rule *r, const struct window *win, const struct domain *d)
{
	unsigned n = 0;
	for (unsigned i = 0; i < FOCUS_PREV; i++)
		if (r->prev[i] && r->prev[i] != win && r->prev[i]->dom != d) {
			r->prev[n] = r->prev[i];
			r->prev_ms[n++] = r->prev_ms[i];
		}
	for (; n < FOCUS_PREV; n++)
		r->prev[n] = NULL;
}

/* win is on the screen: mapped, and on a desktop not minimized (by the user
 * there or by its domain; the daemon's own output draws minimized ones) */
bool showing(const struct window *win)
{
	bool wm = win->dom->srv->backend->ops->caps & BACKEND_CAP_WM;
	return win->mapped && !(wm && policy_minimized(win));
}

/* Did the user choose win, by an action after it appeared? An action on a
 * guest window chose its domain's windows only: openbox focuses the modal
 * dialog of the window whose title bar was clicked; a click on a dialog's
 * OK, which closes it, chose what the window manager focuses next of that
 * domain, never another domain's window (hostile-domain trial 6: a window
 * held second in openbox's focus order took the keys at that click). An
 * action on none of ours (a taskbar, Alt+Tab) chose any window while the
 * window with the keys is still shown, by the first focus change after
 * the press; once it went (closed with Alt+F4), or when none of ours had
 * them (a host dialog's OK), the window manager falls back on a window of
 * its own choosing: only the domain that had the keys last is followed
 * then (hostile-domain trial 7: the same held window took them at Alt+F4,
 * and at a click on a host dialog's OK). */
static bool user_chose(struct server *srv, struct window *win, uint64_t now)
{
	const struct focus_rule *r = rule(srv);
	if (r->click_dom == win->dom && now - r->click_ms <= FOCUS_CLICK_MS &&
	    r->click_ms > win->mapped_ms)
		return true;
	if (!r->acted_ms || now - r->acted_ms > FOCUS_CHOICE_MS || r->acted_ms <= win->mapped_ms)
		return false;
	if (r->acted_dom)
		return r->acted_dom == win->dom;
	const struct window *f = server_focus(srv);
	/* another domain's window just shown, or shown again since the keys
	 * came to f, is where the domain put itself in the window manager's
	 * Alt+Tab order, not the user's choice (focus.h) */
	if (f && f->dom != win->dom &&
	    (r->acted_ms < win->mapped_ms + FOCUS_SETTLE_MS ||
	     (win->maps > 1 && win->mapped_ms > r->keys_ms)))
		return false;
	/* (a window of that domain shown since the keys left it is not one
	 * the user left: the held window of trial 7 is mapped again and again) */
	return (f && f->mapped && !r->acted_used) ||
	       (win->dom == r->had_keys && win->mapped_ms < r->had_keys_ms);
}

/* The keys go from the focused window to win (NULL: none of ours); the one
 * that had them, if shown, is the first to go back to. A moment on no window
 * changes that for nothing (openbox passes through none of ours between two
 * clicks on one window: CI, another domain's dialog became the window to go
 * back to); from none to another window, none is remembered. */
static void moved(struct server *srv, struct window *win)
{
	struct focus_rule *r = rule(srv);
	struct window *f = server_focus(srv);
	if (f == win)
		return;
	r->keys_ms = now_ms();
	bool back = !f && win && (win == r->none_from || now_ms() - r->none_ms <= FOCUS_CHOICE_MS);
	if (!f && win && !back)
		memset(r->prev, 0, sizeof(r->prev));
	r->none_from = !win && f && f->mapped ? f : NULL;
	prev_drop(r, win, NULL); /* (it has the keys) */
	if (!f || !f->mapped)
		return;
	memmove(r->prev + 1, r->prev, (FOCUS_PREV - 1) * sizeof(*r->prev));
	memmove(r->prev_ms + 1, r->prev_ms, (FOCUS_PREV - 1) * sizeof(*r->prev_ms));
	r->prev[0] = f;
	r->prev_ms[0] = now_ms();
}

/* The keys went to win: a notice that its domain's window wanted the focus
 * is false now, and goes (new-user trial 9 #4: sway's focus change came a
 * moment before its click, and its notice stayed up after the keys). */
static void settled(struct server *srv, const struct window *win)
{
	const struct notice *n = &srv->notice;
	size_t l = strlen(win->dom->cfg->name);
	if (n->shown && !n->user && !strncmp(n->text, win->dom->cfg->name, l) &&
	    n->text[l] == ':' && strstr(n->text, " wanted the focus; "))
		server_notice_hide(srv);
}

void give(struct server *srv, struct window *win)
{
	if (win) {
		rule(srv)->had_keys = NULL;
		rule(srv)->click_dom = NULL; /* the click is followed, or was not */
		settled(srv, win);
	}
	moved(srv, win);
	input_focus(srv->input, window_target(win));
	policy_popups_below(srv, win);
}

/* The keys leave f's domain for no window the user chose. */
void left(struct focus_rule *r, const struct window *f, uint64_t now)
{
	if (f && !r->after_cut_off) {
		r->had_keys = f->dom;
		r->had_keys_ms = now;
	}
}

void focus_user_input(struct server *srv, struct window *win, enum focus_input kind)
{
	struct focus_rule *r = rule(srv);
	switch (kind) {
	case FOCUS_INPUT_DESKTOP_RELEASE:
		if (r->after_cut_off)
			break;
		r->acted_ms = now_ms();
		r->acted_dom = win ? win->dom : NULL;
		break;
	case FOCUS_INPUT_DESKTOP_CLICK:
	case FOCUS_INPUT_DESKTOP:
		/* a button on a guest window (its frame too) chooses it only;
		 * a key, or a button elsewhere (a taskbar), what comes next */
		r->after_cut_off = false;
		r->acted_used = false;
		r->acted_ms = now_ms();
		r->acted_dom = win ? win->dom : NULL;
		if (win && kind == FOCUS_INPUT_DESKTOP_CLICK) /* (not the wheel) */
			r->click_dom = win->dom, r->click_ms = r->acted_ms;
		break;
	case FOCUS_INPUT_KEY:
		/* typing into a window chooses nothing */
		r->acted_ms = 0;
		r->acted_dom = NULL;
		break;
	case FOCUS_INPUT_CLICK:
		r->acted_used = false;
		r->acted_ms = now_ms();
		r->acted_dom = win ? win->dom : NULL;
		/* a click on the window the desktop has focused: the user chose
		 * it (a desktop that focused it unasked, or on the click) */
		if (win && win == r->desk && win != server_focus(srv))
			give(srv, win);
		break;
	case FOCUS_INPUT_POINTER:
		if (r->acted_ms) /* the raw event's time, before it */
			r->acted_dom = win ? win->dom : NULL;
		break;
	}
}

/* Keys stay where the user put them; the user is told (at most as often as
 * the domain's rate limit for it allows: a domain can map windows fast; the
 * same notice again soon after is only logged, server_notice_domain).
 * gone: the domain whose window with the keys just went, when the desktop's
 * focus change is the window manager's fallback after it, which blames no
 * one (new-user trial 8 #6: "b: a window wanted the focus" when a's window
 * closed and openbox focused b's). */
void refuse(struct server *srv, struct window *win, uint64_t now, const char *gone)
{
	struct window *f = server_focus(srv);
	const char *name = win->dom->cfg->name;
	const char *what = now - win->mapped_ms <= FOCUS_CHOICE_MS ? "a new window" : "a window";
	const struct notice *n = &srv->notice;
	size_t l = strlen(name);
	/* the notice up says so already (sway focused a session's first
	 * window on its map and again a moment later: two notices, "a new
	 * window" and "a window", for one map: new-user trial 9 #2 c) */
	if (n->shown && !strncmp(n->text, name, l) && !strncmp(n->text + l, ": a new window ", 15))
		what = "a new window";
	unsigned suppressed;
	if (!ratelog_allow(&win->dom->rl[RL_FOCUS], now, &suppressed))
		return;
	if (suppressed)
		vlog("domain %s: %u more such focus requests were refused without a notice", name,
		     suppressed);
	if (gone)
		server_notice_domain(srv,
				     "%s: the window with the keys %s; keys go to no window; "
				     "click one to type there",
				     gone, rule(srv)->gone_minimized ? "was minimized" : "closed");
	else if (f)
		server_notice_domain(
			srv, "%s: %s wanted the focus; keys still go to %s; click it to type there",
			name, what, f->dom->cfg->name);
	else
		server_notice_domain(srv, "%s: %s wanted the focus; click it to type there", name,
				     what);
}

/* d showed a window (not a popup) after the user's last press or release on
 * one of its windows, less than FOCUS_CHOICE_MS ago: its answer to that
 * click (a wizard's Done opening a "Save as" dialog). */
static bool answered(struct server *srv, const struct domain *d, uint64_t now)
{
	if (!d || !d->pointer_ms || now - d->pointer_ms > FOCUS_CHOICE_MS)
		return false;
	struct list *pos, *tmp;
	list_each(pos, tmp, &srv->scene.stack)
	{
		const struct window *w = list_item(pos, struct window, stack_link);
		if (w->dom == d && w->shown && !w->as_popup && w->mapped_ms >= d->pointer_ms)
			return true;
	}
	return false;
}

void focus_desktop(struct server *srv, struct window *win)
{
	struct focus_rule *r = rule(srv);
	struct window *f = server_focus(srv);
	uint64_t now = now_ms();
	r->desk = win;
	if (win == f)
		return;
	/* the domain with the keys (not by its tray menu: its next window is
	 * no answer the user chose; new-user trial 17 #2), or whose focused
	 * window just went */
	const struct domain *kd = f && f != srv->tray_menu ? f->dom : NULL;
	if (!f && now - r->had_keys_ms <= FOCUS_CHOICE_MS)
		kd = r->had_keys;
	/* away from every guest window; within the focused domain; or the
	 * user's choice */
	/* back to the window that had the keys before the one that went */
	/* ... unless the domain whose window went answered the click with a
	 * new window: the user looks at that one, another domain's window is
	 * not where the next keys are meant to go (new-user trial 9 #1: a
	 * wizard's Done, its "Save as" dialog on top, the file name typed
	 * into another domain's terminal); nor is the new window (a domain
	 * could answer every click so): no window, and a notice */
	bool back = win && win == r->prev[0] && (!f || !showing(f)) && !r->after_cut_off &&
		    now - r->gone_ms <= FOCUS_CHOICE_MS && win->mapped_ms < r->prev_ms[0] &&
		    (win->dom == kd || !answered(srv, kd, now));
	bool chosen = !win || back || (kd && kd == win->dom) || user_chose(srv, win, now);
	static uint64_t said_ms; /* (at most one a 10 s: a domain may make it often) */
	if (!chosen && win && now - r->gone_ms <= FOCUS_CHOICE_MS && now - said_ms > 10000 &&
	    (said_ms = now))
		/* which rule said no (a CI flake, x11-focus 3b') */
		vlog("focus: %s's window %u refused after a window went (first to go back to: "
		     "%s %u; keys' window shown %d, after a cut-off %d, %llu ms after the keys' "
		     "window went, mapped %s it had them, %s answered a click)",
		     win->dom->cfg->name, win->id, r->prev[0] ? r->prev[0]->dom->cfg->name : "none",
		     r->prev[0] ? r->prev[0]->id : 0, f && showing(f), r->after_cut_off,
		     (unsigned long long)(now - r->gone_ms),
		     win->mapped_ms < r->prev_ms[0] ? "before" : "after",
		     kd && answered(srv, kd, now) ? kd->cfg->name : "no domain");
	r->acted_used = r->acted_ms != 0; /* the press's focus change came */
	if (chosen) {
		if (!win) /* openbox passes through its own windows, too */
			left(r, f, now);
		give(srv, win);
		return;
	}
	const char *gone = NULL;
	if (f && !showing(f)) { /* the window that had the keys is no longer shown */
		gone = f->dom->cfg->name;
		r->gone_minimized = f->mapped;
		left(r, f, now);
		give(srv, NULL);
	} else if (!f && r->gone_ms && now - r->gone_ms <= FOCUS_CHOICE_MS && r->gone_name[0]) {
		gone = r->gone_name; /* (its domain may be gone too: vitrine stop) */
	} else if (f && win && srv->backend->own_stacking &&
		   now - win->mapped_ms > FOCUS_CHOICE_MS) {
		/* a compositor that hides windows and says nothing (sway's
		 * workspace switch) focused one shown a while: the one with the
		 * keys may be hidden, typed into unseen (new-user trial 15 #4) */
		left(r, f, now);
		give(srv, NULL);
	}
	refuse(srv, win, now, gone);
}

void focus_none(struct server *srv)
{
	rule(srv)->none_ms = now_ms();
}

struct window *focus_desktop_window(struct server *srv)
{
	return rule(srv)->desk;
}

void focus_cut_off(struct server *srv)
{
	struct focus_rule *r = rule(srv);
	r->acted_ms = 0;
	r->acted_dom = NULL;
	r->after_cut_off = true;
	r->click_dom = NULL;
}

void focus_user_chose(struct server *srv, struct window *win)
{
	struct window *f = server_focus(srv);
	if (win->as_popup && f && f != win && f->dom == win->dom) {
		/* a click into a menu of the domain with the keys: they stay
		 * with its window (as on a desktop: its menus take no focus),
		 * whose FOCUS out would close that menu (gui-agent input.c) */
		scene_raise(&srv->scene, win);
		return;
	}
	settled(srv, win);
	moved(srv, win);
	scene_raise(&srv->scene, win);
	input_focus(srv->input, window_target(win));
	/* as give() does: other domains' popups over it go below it (review:
	 * on Xwayland one stayed drawn over the window chosen so) */
	policy_popups_below(srv, win);
	backend_window_changed(srv->backend, win, WIN_CHANGED_ACTIVE);
}
