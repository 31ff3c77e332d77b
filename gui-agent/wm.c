/*
 * The domain's window manager, the smallest that X applications recognize
 * as one: the user's desktop does the real managing, and this only lets the
 * domain's applications ask for it and learn what happened.
 *
 * - It holds SubstructureRedirect on the root (unless another window
 *   manager runs in the domain: then it stays out of the way, logged once),
 *   and carries out every MapRequest, ConfigureRequest and CirculateRequest
 *   as asked: windows go where their clients put them, as without a WM.
 *   Holding it is what brings the requests clients send "to the window
 *   manager" with SubstructureRedirectMask alone (xterm's fullscreen).
 * - It says so, EWMH style: a supporting-WM-check window named
 *   "vitrine-agent", and _NET_SUPPORTED listing exactly what the agent
 *   handles. GTK, Qt, Firefox and xterm send fullscreen, maximize and
 *   activation requests only to a window manager that lists them.
 * - Requests: _NET_WM_STATE (fullscreen, maximized, demands attention:
 *   props.c writes the window's property, which goes to the daemon as
 *   WMFLAGS), WM_CHANGE_STATE to IconicState (XIconifyWindow: minimize),
 *   _NET_ACTIVE_WINDOW (props.c: demands attention, never focus).
 * - The state the user's desktop shows (WINDOW_STATE from the daemon) is
 *   written back as a window manager would: WM_STATE Normal or Iconic, and
 *   _NET_WM_STATE_HIDDEN, _FULLSCREEN, _MAXIMIZED_VERT/_HORZ.
 *
 * A window the user's desktop shows minimized is unmapped in the domain, as
 * a window manager does, so that its application stops drawing (GTK stops
 * its animations only for an unmapped window: a minimized
 * gtk4-widget-factory kept 1.7 cores busy, new-user trial 16 #3). The unmap
 * is the agent's own (own_unmaps): the window stays shown to the daemon,
 * with its last pixels; restored, it is mapped again and draws anew. The
 * guest learns of it from WM_STATE and _NET_WM_STATE_HIDDEN too.
 */
#include "agent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xcb/xcb_icccm.h>

static void set_wm_state(struct agent *a, xcb_window_t id, uint32_t state)
{
	uint32_t v[2] = { state, XCB_NONE };
	xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, id, a->atoms.wm_state, a->atoms.wm_state,
			    32, 2, v);
}

/* Turn the bits of want (VP_STATE_*) on or off in w's _NET_WM_STATE, leaving
 * its other atoms; written only if it changes. */
static void edit_net_state(struct agent *a, struct win *w, uint32_t want, uint32_t which)
{
	const struct {
		uint32_t bit;
		xcb_atom_t atom;
	} map[] = {
		{ VP_STATE_MINIMIZED, a->atoms.net_wm_state_hidden },
		{ VP_STATE_FULLSCREEN, a->atoms.net_wm_state_fullscreen },
		{ VP_STATE_MAXIMIZED, a->atoms.net_wm_state_maximized_vert },
		{ VP_STATE_MAXIMIZED, a->atoms.net_wm_state_maximized_horz },
	};
	xcb_get_property_reply_t *r = xcb_get_property_reply(
		a->xc,
		xcb_get_property(a->xc, 0, w->id, a->atoms.net_wm_state, XCB_ATOM_ATOM, 0, 64),
		NULL);
	xcb_atom_t st[64 + 4];
	int n = 0;
	if (r && r->type == XCB_ATOM_ATOM && r->format == 32) {
		n = xcb_get_property_value_length(r) / 4;
		n = n > 64 ? 64 : n;
		memcpy(st, xcb_get_property_value(r), (size_t)n * 4);
	}
	free(r);
	bool changed = false;
	for (unsigned k = 0; k < sizeof(map) / sizeof(map[0]); k++) {
		if (!(which & map[k].bit) || map[k].atom == XCB_ATOM_NONE)
			continue;
		int at = -1;
		for (int i = 0; i < n; i++)
			if (st[i] == map[k].atom)
				at = i;
		if ((want & map[k].bit) && at < 0)
			st[n++] = map[k].atom, changed = true;
		else if (!(want & map[k].bit) && at >= 0)
			st[at] = st[--n], changed = true;
	}
	if (changed)
		xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, w->id, a->atoms.net_wm_state,
				    XCB_ATOM_ATOM, 32, (uint32_t)n, st);
}

/* w is minimized (or not): WM_STATE, _NET_WM_STATE_HIDDEN, and the daemon
 * told through WMFLAGS. */
static void set_iconic(struct agent *a, struct win *w, bool iconic)
{
	w->iconic = iconic;
	set_wm_state(a, w->id, iconic ? XCB_ICCCM_WM_STATE_ICONIC : XCB_ICCCM_WM_STATE_NORMAL);
	edit_net_state(a, w, iconic ? VP_STATE_MINIMIZED : 0, VP_STATE_MINIMIZED);
	if (a->ready && w->announced)
		props_send_wmflags(a, w);
}

int wm_init(struct agent *a)
{
	a->atoms.wm_state = agent_intern(a, "WM_STATE");
	a->atoms.wm_change_state = agent_intern(a, "WM_CHANGE_STATE");
	a->atoms.net_supported = agent_intern(a, "_NET_SUPPORTED");
	a->atoms.net_supporting_wm_check = agent_intern(a, "_NET_SUPPORTING_WM_CHECK");
	if (!a->wm)
		return 0;
	a->wm_check = xcb_generate_id(a->xc);
	xcb_create_window(a->xc, 0, a->wm_check, a->root, -1, -1, 1, 1, 0,
			  XCB_WINDOW_CLASS_INPUT_ONLY, XCB_COPY_FROM_PARENT, 0, NULL);
	static const char name[] = "vitrine-agent";
	xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, a->wm_check, a->atoms.net_wm_name,
			    a->atoms.utf8_string, 8, sizeof(name) - 1, name);
	xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, a->wm_check,
			    a->atoms.net_supporting_wm_check, XCB_ATOM_WINDOW, 32, 1, &a->wm_check);
	xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, a->root, a->atoms.net_supporting_wm_check,
			    XCB_ATOM_WINDOW, 32, 1, &a->wm_check);
	/* Exactly what is handled (no _NET_CLIENT_LIST, _NET_FRAME_EXTENTS,
	 * _NET_WM_MOVERESIZE: clients do without what is not listed). */
	xcb_atom_t sup[16 + VP_WINTYPE_COUNT];
	uint32_t n = 0;
	const xcb_atom_t listed[] = {
		a->atoms.net_supported,
		a->atoms.net_supporting_wm_check,
		a->atoms.net_wm_name,
		a->atoms.net_wm_state,
		a->atoms.net_wm_state_fullscreen,
		a->atoms.net_wm_state_maximized_vert,
		a->atoms.net_wm_state_maximized_horz,
		a->atoms.net_wm_state_hidden,
		a->atoms.net_wm_state_demands_attention,
		a->atoms.net_active_window,
		a->atoms.net_wm_window_type,
		a->net_wm_sync_request, /* sync.c */
	};
	for (unsigned i = 0; i < sizeof(listed) / sizeof(listed[0]); i++)
		sup[n++] = listed[i];
	for (unsigned t = 0; t < VP_WINTYPE_COUNT; t++)
		if (t != VP_WINTYPE_DOCK && t != VP_WINTYPE_DESKTOP)
			sup[n++] = a->atoms.wintype[t];
	xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, a->root, a->atoms.net_supported,
			    XCB_ATOM_ATOM, 32, n, sup);
	/* the windows already there are managed from now on */
	for (struct win *w = a->windows; w; w = w->next)
		if (w->mapped && !w->override_redirect)
			set_wm_state(a, w->id, XCB_ICCCM_WM_STATE_NORMAL);
	return 0;
}

void wm_finish(struct agent *a)
{
	if (!a->wm || !a->wm_check)
		return;
	xcb_delete_property(a->xc, a->root, a->atoms.net_supported);
	xcb_delete_property(a->xc, a->root, a->atoms.net_supporting_wm_check);
	xcb_destroy_window(a->xc, a->wm_check);
	a->wm_check = XCB_NONE;
}

/* Centred on the domain's screen, as Tk, Xt (xmessage -center) and Motif
 * centre a window: that screen can be larger than the desktop (vitrine
 * run's is at least 2560x1600), and its centre elsewhere on the desktop or
 * off it (new-user trial 7 #5: (1280,800) on a 1366x768 laptop). Such a
 * window is centred on the first monitor (the desktop's primary) instead. */
static void centre_on_primary(struct agent *a, xcb_window_t id)
{
	const struct vp_monitor *m = &a->primary;
	xcb_get_geometry_cookie_t rc = xcb_get_geometry(a->xc, a->root),
				  wc = xcb_get_geometry(a->xc, id);
	xcb_get_geometry_reply_t *r = xcb_get_geometry_reply(a->xc, rc, NULL),
				 *g = xcb_get_geometry_reply(a->xc, wc, NULL);
	if (r && g && m->w && (r->width > a->layout_w || r->height > a->layout_h)) {
		int32_t ww = g->width + 2 * g->border_width, wh = g->height + 2 * g->border_width;
		int32_t dx = 2 * g->x + ww - r->width, dy = 2 * g->y + wh - r->height;
		if (dx >= -2 && dx <= 2 && dy >= -2 && dy <= 2 && ww <= (int32_t)m->w &&
		    wh <= (int32_t)m->h) {
			uint32_t v[2] = { (uint32_t)(m->x + ((int32_t)m->w - ww) / 2),
					  (uint32_t)(m->y + ((int32_t)m->h - wh) / 2) };
			xcb_configure_window(a->xc, id, XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y,
					     v);
			fprintf(stderr,
				"vitrine-agent: window 0x%x centred on the %ux%u screen: centred "
				"on "
				"the first monitor, at %d,%d\n",
				id, r->width, r->height, (int32_t)v[0], (int32_t)v[1]);
		}
	}
	free(r);
	free(g);
}

/* A client maps a top-level window: it is managed (WM_STATE), minimized
 * from the start if its WM_HINTS say so, centred on the first monitor if
 * centred on the screen, and mapped. */
void handle_map_request(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_map_request_event_t *e = (xcb_map_request_event_t *)ev;
	struct win *w = win_find(a, e->window);
	centre_on_primary(a, e->window);
	if (w && w->hidden) { /* its client shows its minimized window again */
		w->hidden = false;
		set_iconic(a, w, false);
	} else if (w) {
		xcb_icccm_wm_hints_t h;
		bool iconic = xcb_icccm_get_wm_hints_reply(
				      a->xc, xcb_icccm_get_wm_hints(a->xc, e->window), &h, NULL) &&
			      (h.flags & XCB_ICCCM_WM_HINT_STATE) &&
			      h.initial_state == XCB_ICCCM_WM_STATE_ICONIC;
		w->want = wm_state_bits(a, w); /* what the client set before mapping */
		set_iconic(a, w, iconic);
	}
	xcb_map_window(a->xc, e->window);
}

/* As asked: the daemon's SET_GEOMETRY and the user's desktop decide the
 * rest, as they did without a window manager. */
void handle_configure_request(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_configure_request_event_t *e = (xcb_configure_request_event_t *)ev;
	uint32_t v[7];
	unsigned n = 0;
	uint16_t mask = e->value_mask;
	if (mask & XCB_CONFIG_WINDOW_X)
		v[n++] = (uint32_t)(int32_t)e->x;
	if (mask & XCB_CONFIG_WINDOW_Y)
		v[n++] = (uint32_t)(int32_t)e->y;
	if (mask & XCB_CONFIG_WINDOW_WIDTH)
		v[n++] = e->width;
	if (mask & XCB_CONFIG_WINDOW_HEIGHT)
		v[n++] = e->height;
	if (mask & XCB_CONFIG_WINDOW_BORDER_WIDTH)
		v[n++] = e->border_width;
	if (mask & XCB_CONFIG_WINDOW_SIBLING)
		v[n++] = e->sibling;
	if (mask & XCB_CONFIG_WINDOW_STACK_MODE)
		v[n++] = e->stack_mode;
	xcb_configure_window(a->xc, e->window, mask, v);
}

void handle_circulate_request(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_circulate_request_event_t *e = (xcb_circulate_request_event_t *)ev;
	uint32_t mode = e->place == XCB_PLACE_ON_TOP ? XCB_STACK_MODE_ABOVE : XCB_STACK_MODE_BELOW;
	xcb_configure_window(a->xc, e->window, XCB_CONFIG_WINDOW_STACK_MODE, &mode);
}

/* WM_CHANGE_STATE to IconicState (XIconifyWindow): the guest minimizes w. */
void wm_change_state(struct agent *a, struct win *w, uint32_t untrusted_state)
{
	if (a->wm && untrusted_state == XCB_ICCCM_WM_STATE_ICONIC && w->mapped && !w->map_or)
		set_iconic(a, w, true);
}

/*
 * The daemon says how the user's desktop shows w now (VP_STATE_*): written
 * as a window manager would, and taken as w's state. The daemon takes it
 * as the guest's too (window_desktop_state): no WMFLAGS goes back for it,
 * so nothing echoes between the two sides.
 */
void wm_window_state(struct agent *a, struct win *w, uint32_t state)
{
	if (!a->wm || !w->mapped || w->map_or)
		return;
	const uint32_t mine = VP_WM_FULLSCREEN | VP_WM_MAXIMIZED | VP_WM_MINIMIZED;
	w->want = (state & VP_STATE_FULLSCREEN ? VP_WM_FULLSCREEN : 0) |
		  (state & VP_STATE_MAXIMIZED ? VP_WM_MAXIMIZED : 0);
	w->iconic = (state & VP_STATE_MINIMIZED) != 0;
	w->sent_flags = (w->sent_flags & ~mine) | w->want | (w->iconic ? VP_WM_MINIMIZED : 0);
	set_wm_state(a, w->id, w->iconic ? XCB_ICCCM_WM_STATE_ICONIC : XCB_ICCCM_WM_STATE_NORMAL);
	edit_net_state(a, w, state, VP_STATE_ALL);
	windows_hide(a, w, w->iconic);
}

uint32_t wm_state_bits(struct agent *a, struct win *w)
{
	xcb_get_property_reply_t *r = xcb_get_property_reply(
		a->xc,
		xcb_get_property(a->xc, 0, w->id, a->atoms.net_wm_state, XCB_ATOM_ATOM, 0, 64),
		NULL);
	uint32_t bits = 0, max = 0;
	if (r && r->type == XCB_ATOM_ATOM && r->format == 32) {
		const xcb_atom_t *st = xcb_get_property_value(r);
		for (int i = 0; i < xcb_get_property_value_length(r) / 4; i++) {
			if (st[i] == a->atoms.net_wm_state_fullscreen)
				bits |= VP_WM_FULLSCREEN;
			max |= st[i] == a->atoms.net_wm_state_maximized_vert ? 1u : 0u;
			max |= st[i] == a->atoms.net_wm_state_maximized_horz ? 2u : 0u;
		}
	}
	free(r);
	return bits | (max == 3 ? VP_WM_MAXIMIZED : 0);
}

/* A client wrote its own _NET_WM_STATE (EWMH: before it maps the window;
 * some do it later too): a request where it differs from what was taken.
 * Our own writes read back as what was taken, and send nothing. */
void wm_state_property(struct agent *a, struct win *w)
{
	if (a->wm)
		w->want = wm_state_bits(a, w);
	props_send_wmflags(a, w);
}

/*
 * The agent is the domain's window manager: it answers the requests
 * applications send to one. A request to be activated (raised, focused)
 * becomes "demands attention" for the daemon, which never moves focus for
 * it. _NET_WM_STATE requests change the window's own property, which the
 * daemon sees as WMFLAGS (a fullscreen request, for one).
 */
void props_client_message(struct agent *a, xcb_client_message_event_t *ev)
{
	struct win *w = win_find(a, ev->window);
	if (!w || ev->format != 32)
		return;
	if (ev->type == a->atoms.net_active_window) {
		/* the window the user types into has the user already: a flag
		 * set now stayed till the next focus, and hid the next request,
		 * made once it was minimized (new-user trial 6) */
		if (a->focused == w->id && !w->iconic)
			return;
		w->wants_attention = true;
		props_send_wmflags(a, w);
		return;
	}
	if (ev->type == a->atoms.wm_change_state) {
		wm_change_state(a, w, ev->data.data32[0]);
		return;
	}
	if (ev->type != a->atoms.net_wm_state)
		return;
	/* data32: action (0 remove, 1 add, 2 toggle), first, second property */
	xcb_get_property_reply_t *r = xcb_get_property_reply(
		a->xc,
		xcb_get_property(a->xc, 0, w->id, a->atoms.net_wm_state, XCB_ATOM_ATOM, 0, 64),
		NULL);
	xcb_atom_t st[64 + 2];
	int n = 0;
	if (r && r->type == XCB_ATOM_ATOM && r->format == 32) {
		n = xcb_get_property_value_length(r) / 4;
		if (n > 64)
			n = 64;
		memcpy(st, xcb_get_property_value(r), (size_t)n * 4);
	}
	free(r);
	for (int k = 1; k <= 2; k++) {
		xcb_atom_t p = ev->data.data32[k];
		int at = -1;
		for (int i = 0; i < n; i++)
			if (st[i] == p)
				at = i;
		bool add = ev->data.data32[0] == 1 || (ev->data.data32[0] == 2 && at < 0);
		/* only the states handled (_NET_SUPPORTED, wm.c); minimized is
		 * WM_CHANGE_STATE's, never a client's _NET_WM_STATE_HIDDEN */
		if (p == XCB_ATOM_NONE || (p != a->atoms.net_wm_state_fullscreen &&
					   p != a->atoms.net_wm_state_maximized_vert &&
					   p != a->atoms.net_wm_state_maximized_horz &&
					   p != a->atoms.net_wm_state_demands_attention))
			continue;
		if (add && at < 0)
			st[n++] = p;
		else if (!add && at >= 0)
			st[at] = st[--n];
	}
	xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, w->id, a->atoms.net_wm_state,
			    XCB_ATOM_ATOM, 32, (uint32_t)n, st);
	/* taken: what the property now says is the window's state */
	uint32_t max = 0;
	w->want = 0;
	for (int i = 0; i < n; i++) {
		if (st[i] == a->atoms.net_wm_state_fullscreen)
			w->want |= VP_WM_FULLSCREEN;
		max |= st[i] == a->atoms.net_wm_state_maximized_vert ? 1u : 0u;
		max |= st[i] == a->atoms.net_wm_state_maximized_horz ? 2u : 0u;
	}
	if (max == 3)
		w->want |= VP_WM_MAXIMIZED;
	/* a request goes to the daemon even if the state it last told is the
	 * same: that answer may have crossed an older request of the client's
	 * still on its way (F11 three times quickly: the third, deduplicated
	 * against the crossing answer to the first, was lost, and the window
	 * ended unmaximized in 1 run in 6 of x11-fullscreen-apps) */
	w->flags_sent = false;
	props_send_wmflags(a, w);
}

void handle_client_message(struct agent *a, xcb_generic_event_t *ev)
{
	if (!tray_client_message(a, (xcb_client_message_event_t *)ev))
		props_client_message(a, (xcb_client_message_event_t *)ev);
}
