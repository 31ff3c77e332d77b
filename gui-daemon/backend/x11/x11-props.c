/*
 * Properties of the desktop windows: identity (always the daemon's idea of
 * the domain, never the guest's), title, size hints and window state.
 */
#include "x11.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xcb/xcb_icccm.h>

#include "gui-daemon/domain.h"
#include "gui-daemon/policy.h"

static void prop(struct xwin *xw, xcb_atom_t name, xcb_atom_t type, uint8_t format, uint32_t n,
		 const void *data)
{
	xcb_change_property(xw->x->c, XCB_PROP_MODE_REPLACE, xw->id, name, type, format, n, data);
}

void x11_set_identity(struct xwin *xw)
{
	struct x11 *x = xw->x;
	const struct domain_config *cfg = xw->win->dom->cfg;
	uint32_t label = (uint32_t)cfg->label + 1; /* Qubes numbers its labels from 1 */
	uint32_t rgb = palette[cfg->label].rgb;
	xcb_atom_t protocols[] = { x->atom[A_WM_DELETE_WINDOW] };
	/* No _NET_WM_PID: the pid would be the daemon's, and a window manager's
	 * "force quit" of a hung guest application would kill every domain. */
	prop(xw, x->atom[A_WM_CLIENT_MACHINE], XCB_ATOM_STRING, 8, (uint32_t)strlen(x->hostname),
	     x->hostname);
	prop(xw, x->atom[A_QUBES_VMNAME], XCB_ATOM_STRING, 8, (uint32_t)strlen(cfg->name),
	     cfg->name);
	prop(xw, x->atom[A_QUBES_LABEL], XCB_ATOM_CARDINAL, 32, 1, &label);
	prop(xw, x->atom[A_QUBES_LABEL_COLOR], XCB_ATOM_CARDINAL, 32, 1, &rgb);
	prop(xw, x->atom[A_WM_PROTOCOLS], XCB_ATOM_ATOM, 32, 1, protocols);
	xw->type_shown = UINT32_MAX;
	x11_set_type(xw);
}

/* Before each map: a window the core decided must not take the focus when
 * it appears (ATTACKS 11; policy_map, policy_map_shown) has user time 0,
 * which tells an EWMH window manager not to focus it; any other has none.
 * At every map, not once: a window first shown while its domain had the
 * keys and shown again later must not be focused (trial 3). */
void x11_set_user_time(struct xwin *xw)
{
	struct x11 *x = xw->x;
	uint32_t zero = 0;
	if (xw->win->no_focus)
		prop(xw, x->atom[A_NET_WM_USER_TIME], XCB_ATOM_CARDINAL, 32, 1, &zero);
	else
		xcb_delete_property(x->c, xw->id, x->atom[A_NET_WM_USER_TIME]);
}

/* The atom of each enum vp_wintype the core may decide (policy_window_type). */
static const enum x11_atom type_atom[VP_WINTYPE_COUNT] = {
	[VP_WINTYPE_NORMAL] = A_NET_WM_WINDOW_TYPE_NORMAL,
	[VP_WINTYPE_DIALOG] = A_NET_WM_WINDOW_TYPE_DIALOG,
	[VP_WINTYPE_UTILITY] = A_NET_WM_WINDOW_TYPE_UTILITY,
	[VP_WINTYPE_SPLASH] = A_NET_WM_WINDOW_TYPE_SPLASH,
	[VP_WINTYPE_TOOLBAR] = A_NET_WM_WINDOW_TYPE_TOOLBAR,
	[VP_WINTYPE_MENU] = A_NET_WM_WINDOW_TYPE_MENU,
	[VP_WINTYPE_DROPDOWN_MENU] = A_NET_WM_WINDOW_TYPE_DROPDOWN_MENU,
	[VP_WINTYPE_POPUP_MENU] = A_NET_WM_WINDOW_TYPE_POPUP_MENU,
	[VP_WINTYPE_TOOLTIP] = A_NET_WM_WINDOW_TYPE_TOOLTIP,
	[VP_WINTYPE_NOTIFICATION] = A_NET_WM_WINDOW_TYPE_NOTIFICATION,
	[VP_WINTYPE_COMBO] = A_NET_WM_WINDOW_TYPE_COMBO,
	[VP_WINTYPE_DND] = A_NET_WM_WINDOW_TYPE_DND,
	/* DOCK, DESKTOP: never decided (0: NORMAL below) */
};

/*
 * _NET_WM_WINDOW_TYPE as the core decided. A popup (override-redirect, no
 * window manager) keeps a popup's kind: POPUP_MENU unless the guest named
 * another kind a window manager shows without a title.
 */
void x11_set_type(struct xwin *xw)
{
	struct x11 *x = xw->x;
	uint32_t t = policy_window_type(xw->win);
	if (xw->override_redirect &&
	    (t == VP_WINTYPE_NORMAL || t == VP_WINTYPE_DIALOG || t == VP_WINTYPE_UTILITY))
		t = VP_WINTYPE_POPUP_MENU;
	if (t == xw->type_shown)
		return;
	xw->type_shown = t;
	enum x11_atom a = t < VP_WINTYPE_COUNT ? type_atom[t] : A_NET_WM_WINDOW_TYPE_NORMAL;
	xcb_atom_t type = x->atom[a ? a : A_NET_WM_WINDOW_TYPE_NORMAL];
	prop(xw, x->atom[A_NET_WM_WINDOW_TYPE], XCB_ATOM_ATOM, 32, 1, &type);
}

void x11_set_title(struct xwin *xw)
{
	struct x11 *x = xw->x;
	struct window *win = xw->win;
	const char *dom = win->dom->cfg->name;
	char title[DOMAIN_NAME_MAX + TITLE_MAX + 8];
	/* The domain's label always comes first, whatever the guest's title says. */
	int n = policy_label(title, sizeof(title), dom, win->title);
	prop(xw, XCB_ATOM_WM_NAME, XCB_ATOM_STRING, 8, (uint32_t)n, title);
	prop(xw, x->atom[A_NET_WM_NAME], x->atom[A_UTF8_STRING], 8, (uint32_t)n, title);
	/* WM_CLASS prefixed with the domain so no guest matches the desktop's rules */
	char cls[2 * (DOMAIN_NAME_MAX + CLASS_MAX + 2)];
	const char *name = win->res_name[0] ? win->res_name : "window";
	const char *klass = win->res_class[0] ? win->res_class : "Window";
	int a = snprintf(cls, sizeof(cls), "%s:%s", dom, name);
	int b = snprintf(cls + a + 1, sizeof(cls) - (size_t)a - 1, "%s:%s", dom, klass);
	prop(xw, XCB_ATOM_WM_CLASS, XCB_ATOM_STRING, 8, (uint32_t)(a + b + 2), cls);
}

void x11_set_hints(struct xwin *xw)
{
	struct window *win = xw->win;
	struct vp_hints clamped; /* the core's: never larger than the work area */
	scene_hints(&xw->x->srv->scene, win, &clamped);
	const struct vp_hints *h = &clamped;
	const uint32_t f = 2 * X11_BORDER; /* our frame is part of the window */
	xcb_size_hints_t sh;
	memset(&sh, 0, sizeof(sh));
	/* The guest's position only where its client gave one (USPosition or
	 * PPosition, as it said): the window manager places the rest, with its
	 * title bar on the screen (dialogs centred, smart placement). */
	bool back = xw->back;
	if (h->flags & (VP_HINT_USPOS | VP_HINT_PPOS) || back)
		/* (windows made anew after an xkill: where they were, on the
		 * monitor they were on: new-user trial 7; a domain's windows
		 * after its reconnection: domain_returning) */
		xcb_icccm_size_hints_set_position(&sh, (h->flags & VP_HINT_USPOS) || back, xw->ox,
						  xw->oy);
	/* Every window: the x,y of our configures are the window's, not the
	 * WM frame's (with NorthWest, openbox put its frame there, and a
	 * window the guest resized moved down by its title bar each time). */
	xcb_icccm_size_hints_set_win_gravity(&sh, XCB_GRAVITY_STATIC);
	/* the size as the program's (PSize), not the user's: a window manager
	 * fits a window larger than its monitor into it, as it does the same
	 * application's on the desktop (openbox, xfwm4: new-user trial 13 #2,
	 * a GTK file chooser 1100 wide on a 960 monitor, its buttons off the
	 * screen) */
	xcb_icccm_size_hints_set_size(&sh, 0, (int32_t)xw->ow, (int32_t)xw->oh);
	if (h->flags & VP_HINT_MIN)
		xcb_icccm_size_hints_set_min_size(&sh, (int32_t)(h->min_w + f),
						  (int32_t)(h->min_h + f));
	if (h->flags & VP_HINT_MAX)
		xcb_icccm_size_hints_set_max_size(&sh, (int32_t)(h->max_w + f),
						  (int32_t)(h->max_h + f));
	if (h->flags & VP_HINT_INC)
		xcb_icccm_size_hints_set_resize_inc(&sh, (int32_t)h->inc_w, (int32_t)h->inc_h);
	if (h->flags & VP_HINT_BASE)
		xcb_icccm_size_hints_set_base_size(&sh, (int32_t)(h->base_w + f),
						   (int32_t)(h->base_h + f));
	xcb_icccm_set_wm_normal_hints(xw->x->c, xw->id, &sh);
	const uint32_t where = XCB_ICCCM_SIZE_HINT_US_POSITION | XCB_ICCCM_SIZE_HINT_P_POSITION |
			       XCB_ICCCM_SIZE_HINT_P_SIZE;
	uint32_t set[] = { sh.flags & ~where,	    (uint32_t)sh.min_width,
			   (uint32_t)sh.min_height, (uint32_t)sh.max_width,
			   (uint32_t)sh.max_height, (uint32_t)sh.width_inc,
			   (uint32_t)sh.height_inc, (uint32_t)sh.base_width,
			   (uint32_t)sh.base_height };
	_Static_assert(sizeof(set) == sizeof(xw->hints_set), "");
	if (memcmp(set, xw->hints_set, sizeof(set))) { /* (shown: its first ones are no change) */
		memcpy(xw->hints_set, set, sizeof(set));
		xw->hints_ms = xw->mapped && !xw->override_redirect ? now_ms() : 0;
	}

	xcb_icccm_wm_hints_t wh;
	memset(&wh, 0, sizeof(wh));
	xcb_icccm_wm_hints_set_input(&wh, 1);
	/* a guest window minimized before it was first shown starts iconic */
	if (!xw->mapped && (policy_state(win) & WIN_STATE_MINIMIZED))
		xcb_icccm_wm_hints_set_iconic(&wh);
	else
		xcb_icccm_wm_hints_set_normal(&wh);
	if (win->wmflags & VP_WM_URGENT)
		xcb_icccm_wm_hints_set_urgency(&wh);
	xcb_icccm_set_wm_hints(xw->x->c, xw->id, &wh);

	/* transient-for only within the same domain (checked by the core) */
	struct window *parent =
		win->transient_for ? domain_find_window(win->dom, win->transient_for) : NULL;
	struct xwin *pw = parent ? parent->backend_data : NULL;
	if (pw)
		xcb_icccm_set_wm_transient_for(xw->x->c, xw->id, pw->id);
	else
		xcb_delete_property(xw->x->c, xw->id, XCB_ATOM_WM_TRANSIENT_FOR);
}

/* A client message about xw to the window manager (on the root, as EWMH
 * asks): type, then up to four values. */
void x11_wm_message(struct xwin *xw, xcb_atom_t type, uint32_t d0, uint32_t d1, uint32_t d2,
		    uint32_t d3)
{
	struct x11 *x = xw->x;
	xcb_client_message_event_t ev;
	memset(&ev, 0, sizeof(ev));
	ev.response_type = XCB_CLIENT_MESSAGE;
	ev.format = 32;
	ev.window = xw->id;
	ev.type = type;
	ev.data.data32[0] = d0;
	ev.data.data32[1] = d1;
	ev.data.data32[2] = d2;
	ev.data.data32[3] = d3;
	xcb_send_event(x->c, 0, x->screen->root,
		       XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT | XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY,
		       (const char *)&ev);
}

/* Ask the window manager to add or remove a state of a mapped window. */
static void net_state(struct xwin *xw, bool on, xcb_atom_t a, xcb_atom_t b)
{
	x11_wm_message(xw, xw->x->atom[A_NET_WM_STATE], on ? 1 : 0, a, b,
		       1 /* source: application */);
}

/* Ask the window manager to raise and focus xw, as a pager (source 2) does
 * for the user. */
void x11_activate(struct xwin *xw)
{
	x11_wm_message(xw, xw->x->atom[A_NET_ACTIVE_WINDOW], 2, 0, 0, 0);
}

/*
 * The state the core decided (policy_state), passed to the window manager:
 * as _NET_WM_STATE before the first map, as requests after.
 */
void x11_set_state(struct xwin *xw)
{
	struct x11 *x = xw->x;
	if (xw->override_redirect)
		return;
	unsigned st = policy_state(xw->win);
	if (!xw->mapped) {
		xcb_atom_t v[4];
		uint32_t n = 0;
		if (st & WIN_STATE_FULLSCREEN)
			v[n++] = x->atom[A_NET_WM_STATE_FULLSCREEN];
		if (st & WIN_STATE_MAXIMIZED) {
			v[n++] = x->atom[A_NET_WM_STATE_MAXIMIZED_VERT];
			v[n++] = x->atom[A_NET_WM_STATE_MAXIMIZED_HORZ];
		}
		if (st & WIN_STATE_ATTENTION)
			v[n++] = x->atom[A_NET_WM_STATE_DEMANDS_ATTENTION];
		prop(xw, x->atom[A_NET_WM_STATE], XCB_ATOM_ATOM, 32, n, v);
		xw->state_shown = st; /* minimized: WM_HINTS' initial state */
		return;
	}
	if (st == xw->state_shown)
		return;
	/* what is asked, or was: the user may have changed it meanwhile */
	unsigned had = st | xw->state_shown;
	/* Minimize is asked once, when the guest's wish appears, and only of
	 * a window the desktop does not show minimized: a restore by the user
	 * is not undone by a guest that has not heard of it yet. */
	bool iconify = (st & WIN_STATE_MINIMIZED) && !(xw->state_shown & WIN_STATE_MINIMIZED) &&
		       !(xw->win->desktop_state & WIN_STATE_MINIMIZED);
	if ((st ^ xw->state_shown) & (WIN_STATE_MAXIMIZED | WIN_STATE_FULLSCREEN))
		policy_state_asked(xw->win, st); /* its answer: x11_read_state */
	xw->state_shown = st;
	if (had & WIN_STATE_FULLSCREEN)
		net_state(xw, st & WIN_STATE_FULLSCREEN, x->atom[A_NET_WM_STATE_FULLSCREEN], 0);
	if (had & WIN_STATE_MAXIMIZED)
		net_state(xw, st & WIN_STATE_MAXIMIZED, x->atom[A_NET_WM_STATE_MAXIMIZED_VERT],
			  x->atom[A_NET_WM_STATE_MAXIMIZED_HORZ]);
	net_state(xw, st & WIN_STATE_ATTENTION, x->atom[A_NET_WM_STATE_DEMANDS_ATTENTION], 0);
	if (iconify)
		x11_wm_message(xw, x->atom[A_WM_CHANGE_STATE], XCB_ICCCM_WM_STATE_ICONIC, 0, 0, 0);
}

/* WM_STATE (ICCCM: Iconic is minimized) and _NET_WM_STATE as the window
 * manager set them on xw, reported to the core as WIN_STATE_* bits. */
void x11_read_state(struct xwin *xw)
{
	struct x11 *x = xw->x;
	xcb_get_property_cookie_t wc =
		xcb_get_property(x->c, 0, xw->id, x->atom[A_WM_STATE], x->atom[A_WM_STATE], 0, 2);
	xcb_get_property_cookie_t nc =
		xcb_get_property(x->c, 0, xw->id, x->atom[A_NET_WM_STATE], XCB_ATOM_ATOM, 0, 32);
	xcb_get_property_reply_t *w = xcb_get_property_reply(x->c, wc, NULL);
	xcb_get_property_reply_t *n = xcb_get_property_reply(x->c, nc, NULL);
	unsigned st = 0, max = 0;
	if (w && w->format == 32 && xcb_get_property_value_length(w) >= 4 &&
	    *(const uint32_t *)xcb_get_property_value(w) == XCB_ICCCM_WM_STATE_ICONIC)
		st |= WIN_STATE_MINIMIZED;
	if (n && n->format == 32 && n->type == XCB_ATOM_ATOM) {
		const xcb_atom_t *a = xcb_get_property_value(n);
		for (int i = 0; i < xcb_get_property_value_length(n) / 4; i++) {
			if (a[i] == x->atom[A_NET_WM_STATE_FULLSCREEN])
				st |= WIN_STATE_FULLSCREEN;
			else if (a[i] == x->atom[A_NET_WM_STATE_MAXIMIZED_VERT])
				max |= 1;
			else if (a[i] == x->atom[A_NET_WM_STATE_MAXIMIZED_HORZ])
				max |= 2;
			else if (a[i] == x->atom[A_NET_WM_STATE_HIDDEN])
				st |= WIN_STATE_MINIMIZED;
		}
	}
	if (max == 3)
		st |= WIN_STATE_MAXIMIZED;
	free(w);
	free(n);
	window_desktop_state(xw->win, st);
	/* what the window manager shows is what the core now holds (nothing
	 * to ask of it) */
	xw->state_shown = policy_state(xw->win);
}

void x11_read_frame_extents(struct xwin *xw)
{
	struct x11 *x = xw->x;
	uint32_t v[4];
	xcb_get_property_reply_t *r = xcb_get_property_reply(
		x->c,
		xcb_get_property(x->c, 0, xw->id, x->atom[A_NET_FRAME_EXTENTS], XCB_ATOM_CARDINAL,
				 0, 4),
		NULL);
	if (r && r->format == 32 && xcb_get_property_value_length(r) >= 16) {
		memcpy(v, xcb_get_property_value(r), sizeof(v));
		policy_set_wm_top(x->srv, v[2] > 256 ? -1 : (int32_t)v[2]);
		xw->win->frame_top = v[2] > 256 ? -1 : (int32_t)v[2];
		for (int i = 0; i < 3; i++) /* left, right, bottom */
			xw->win->frame_lrb[i] =
				(int16_t)(v[i < 2 ? i : 3] > 256 ? 0 : v[i < 2 ? i : 3]);
	}
	free(r);
}

/* Viewable (its window manager may unmap it, or its frame, to minimize it
 * or to show another virtual desktop): a round trip, for the rare callers
 * (a screenshot of a domain's windows). */
bool x11_shows(struct backend *b, struct window *win)
{
	struct x11 *x = (struct x11 *)b;
	const struct xwin *xw = win->backend_data;
	if (!xw)
		return false;
	xcb_get_window_attributes_reply_t *r = xcb_get_window_attributes_reply(
		x->c, xcb_get_window_attributes(x->c, xw->id), NULL);
	/* (and not Iconic: a window manager may keep a minimized window
	 * mapped, for its thumbnail) */
	bool viewable = r && r->map_state == XCB_MAP_STATE_VIEWABLE &&
			!(win->desktop_state & WIN_STATE_MINIMIZED);
	free(r);
	return viewable;
}
