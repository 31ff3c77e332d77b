/* The desktop backend: the events of the desktop X server (x11-loop.c
 * reads them) and the window manager's moves, settled once a batch is
 * read. */
#include "x11.h"

#include <stdlib.h>
#include <string.h>
#include <xcb/screensaver.h>
#include <xcb/xcb_icccm.h>

#include "gui-daemon/domain.h"
#include "gui-daemon/focus.h"
#include "gui-daemon/scene.h"
#include "input/input.h"

/* The work area, _NET_WORKAREA of the first desktop, reported to the core. */
void x11_read_workarea(struct x11 *x)
{
	uint32_t v[4] = { 0, 0, 0, 0 };
	xcb_get_property_reply_t *r = xcb_get_property_reply(
		x->c,
		xcb_get_property(x->c, 0, x->screen->root, x->atom[A_NET_WORKAREA],
				 XCB_ATOM_CARDINAL, 0, 4),
		NULL);
	if (r && r->format == 32 && xcb_get_property_value_length(r) >= 16)
		memcpy(v, xcb_get_property_value(r), sizeof(v));
	free(r);
	policy_set_work_area(x->srv, v[0], v[1], v[2], v[3]);
}

/* _NET_SHOWING_DESKTOP: the window manager hides every window, new ones
 * too, until the user shows them again (openbox's Super+D). */
void x11_read_showing_desktop(struct x11 *x)
{
	xcb_get_property_reply_t *r = xcb_get_property_reply(
		x->c,
		xcb_get_property(x->c, 0, x->screen->root, x->atom[A_NET_SHOWING_DESKTOP],
				 XCB_ATOM_CARDINAL, 0, 1),
		NULL);
	x->showing_desktop = r && r->format == 32 && xcb_get_property_value_length(r) >= 4 &&
			     *(const uint32_t *)xcb_get_property_value(r);
	free(r);
}

/* The window manager's stacking of the managed windows, bottom to top
 * (_NET_CLIENT_LIST_STACKING), followed by the core's: `vitrinectl
 * windows`, a whole-output screenshot and "does the focused window cover
 * it" agree with the desktop after its Alt+Tab or a click raised a window
 * (new-user trial 4). A window manager without the property: nothing. */
static void read_stacking(struct x11 *x)
{
	xcb_get_property_reply_t *r = xcb_get_property_reply(
		x->c,
		xcb_get_property(x->c, 0, x->screen->root, x->atom[A_NET_CLIENT_LIST_STACKING],
				 XCB_ATOM_WINDOW, 0, 8192),
		NULL);
	int len = r && r->format == 32 ? xcb_get_property_value_length(r) / 4 : 0;
	struct window **order = len > 0 ? calloc((size_t)len, sizeof(*order)) : NULL;
	unsigned n = 0;
	for (int i = 0; order && i < len; i++) {
		struct xwin *xw = x11_find(x, ((const xcb_window_t *)xcb_get_property_value(r))[i]);
		if (xw && !xw->override_redirect)
			order[n++] = xw->win;
	}
	if (n > 1)
		scene_restack(&x->srv->scene, order, n);
	free(order);
	free(r);
}

static void handle_configure(struct x11 *x, xcb_configure_notify_event_t *ev)
{
	struct xwin *xw = x11_find(x, ev->window);
	if (!xw)
		return;
	if (xw->override_redirect) {
		/* Ours alone (no window manager): the echo of an older request
		 * of the daemon's (its last one holds), or another desktop
		 * client's move (the core's place holds): never the user's move
		 * (hostile-domain trial 11 #7: a popup's stale echo, taken for
		 * the user's, made the core treat the domain's own moves as
		 * the user's) */
		if (ev->x != xw->ox || ev->y != xw->oy || ev->width != xw->ow ||
		    ev->height != xw->oh) {
			xw->ox = ev->x, xw->oy = ev->y, xw->ow = ev->width, xw->oh = ev->height;
			x11_window_changed(&x->base, xw->win, WIN_CHANGED_GEOMETRY);
		}
		return;
	}
	/* Managed: a window manager changes frame and client in several steps
	 * (move, then resize), and acting on a step between them fights it.
	 * Look once the batch of events is read (configure_pending). */
	xw->configure_pending = true;
}

void x11_asked(struct xwin *xw)
{
	struct x11 *x = xw->x;
	xw->asked_ns = pace_now_ns() + X11_ASKED_MS * 1000000ull;
	if (!x->asked.armed)
		waker_arm(&x->asked, xw->asked_ns);
}

void x11_asked_look(struct x11 *x)
{
	uint64_t now = pace_now_ns(), next = 0;
	struct list *pos, *tmp;
	list_each(pos, tmp, &x->windows)
	{
		struct xwin *xw = list_item(pos, struct xwin, link);
		if (xw->asked_ns && xw->asked_ns <= now)
			xw->asked_ns = 0, xw->configure_pending = true;
		else if (xw->asked_ns && (!next || xw->asked_ns < next))
			next = xw->asked_ns;
	}
	if (x->asked.armed || next)
		waker_arm(&x->asked, next);
}

/* Where the window manager left each managed window that moved: size and
 * root position asked together, so the two belong together. Not while its
 * frame is narrower than the window: the window manager is animating its
 * (de)iconifying (openbox's default: the frame shrinks towards a task bar's
 * button; taken for the user's move, the window came back there, mostly
 * below the screen: new-user trial 14 #4), the window stays where it was
 * (a shaded window's frame is only lower: its moves count). */
void x11_settle_configures(struct x11 *x)
{
	struct list *pos, *tmp;
	list_each(pos, tmp, &x->windows)
	{
		struct xwin *xw = list_item(pos, struct xwin, link);
		if (!xw->configure_pending)
			continue;
		xw->configure_pending = false;
		xcb_window_t top = xw->top ? xw->top : xw->id;
		xcb_get_geometry_cookie_t gc = xcb_get_geometry(x->c, xw->id);
		xcb_get_geometry_cookie_t fc = xcb_get_geometry(x->c, top);
		xcb_translate_coordinates_cookie_t tc =
			xcb_translate_coordinates(x->c, xw->id, x->screen->root, 0, 0);
		xcb_get_geometry_reply_t *g = xcb_get_geometry_reply(x->c, gc, NULL);
		xcb_get_geometry_reply_t *f = xcb_get_geometry_reply(x->c, fc, NULL);
		xcb_translate_coordinates_reply_t *t =
			xcb_translate_coordinates_reply(x->c, tc, NULL);
		if (g && t && (!f || f->width >= g->width))
			x11_configured(xw, t->dst_x, t->dst_y, g->width, g->height);
		free(g);
		free(f);
		free(t);
	}
}

/* Pointer position relative to the content of xw. */
static struct window *content_of(struct x11 *x, xcb_window_t id, int32_t *px, int32_t *py)
{
	struct xwin *xw = x11_find(x, id);
	if (!xw)
		return NULL;
	*px -= X11_BORDER;
	*py -= X11_BORDER;
	return xw->win;
}

void x11_handle_event(struct x11 *x, xcb_generic_event_t *ev)
{
	struct server *srv = x->srv;
	int32_t px, py;
	struct window *win;
	if (x11_notice_event(x, ev))
		return;
	if (x->saver_event &&
	    (ev->response_type & 0x7f) == x->saver_event + XCB_SCREENSAVER_NOTIFY) {
		xcb_screensaver_notify_event_t *e = (xcb_screensaver_notify_event_t *)ev;
		policy_set_locked(srv, e->state == XCB_SCREENSAVER_STATE_ON);
		return;
	}
	if (x11_xkb_event(x, ev) || x11_focus_event(x, ev) || x11_randr_event(x, ev) ||
	    x11_tray_event(x, ev))
		return;
	switch (ev->response_type & 0x7f) {
	case XCB_EXPOSE: {
		xcb_expose_event_t *e = (xcb_expose_event_t *)ev;
		struct xwin *xw = x11_find(x, e->window);
		if (xw)
			x11_paint(xw, e->x, e->y, e->width, e->height);
		/* Xwayland's compositor shows a popup once it has pixels:
		 * only then is it over the notice (its MapNotify is early) */
		if (xw && xw->fresh && x->or_on_top && xw->override_redirect)
			x11_notice_over(x);
		if (xw)
			xw->fresh = false;
		break;
	}
	case XCB_CONFIGURE_NOTIFY: handle_configure(x, (xcb_configure_notify_event_t *)ev); break;
	case XCB_DESTROY_NOTIFY: {
		struct xwin *xw = x11_find(x, ((xcb_destroy_notify_event_t *)ev)->window);
		if (xw)
			x11_destroyed(xw);
		break;
	}
	case XCB_CLIENT_MESSAGE: {
		xcb_client_message_event_t *e = (xcb_client_message_event_t *)ev;
		struct xwin *xw = x11_find(x, e->window);
		if (xw && e->type == x->atom[A_WM_PROTOCOLS] && e->format == 32 &&
		    e->data.data32[0] == x->atom[A_WM_DELETE_WINDOW])
			window_user_close(xw->win);
		break;
	}
	case XCB_PROPERTY_NOTIFY: {
		xcb_property_notify_event_t *e = (xcb_property_notify_event_t *)ev;
		struct xwin *xw;
		if (e->window == x->screen->root && e->atom == x->atom[A_NET_WORKAREA])
			x11_read_workarea(x);
		else if (e->window == x->screen->root && e->atom == x->atom[A_NET_SHOWING_DESKTOP])
			x11_read_showing_desktop(x);
		else if (e->window == x->screen->root &&
			 e->atom == x->atom[A_NET_CLIENT_LIST_STACKING])
			read_stacking(x);
		else if ((e->atom == x->atom[A_WM_STATE] || e->atom == x->atom[A_NET_WM_STATE]) &&
			 (xw = x11_find(x, e->window)) && !xw->override_redirect)
			x11_read_state(xw);
		else if (e->atom == x->atom[A_NET_FRAME_EXTENTS] && (xw = x11_find(x, e->window)) &&
			 !xw->override_redirect)
			x11_read_frame_extents(xw);
		break;
	}
	case XCB_KEY_PRESS:
	case XCB_KEY_RELEASE: {
		xcb_key_press_event_t *e = (xcb_key_press_event_t *)ev;
		struct xwin *xw = x11_find(x, e->event);
		if (!xw)
			break;
		bool press = (ev->response_type & 0x7f) == XCB_KEY_PRESS;
		focus_user_input(srv, xw->win, FOCUS_INPUT_KEY); /* typing: no choice */
		if (press)
			x11_xkb_fresh(x);
		input_key(srv->input, e->detail, press, e->state);
		break;
	}
	case XCB_KEYMAP_NOTIFY: { /* after each FocusIn and EnterNotify of ours */
		xcb_keymap_notify_event_t *e = (xcb_keymap_notify_event_t *)ev;
		uint8_t down[32] = { 0 }; /* its keys start at keycode 8 */
		memcpy(down + 1, e->keys, sizeof(e->keys));
		input_keys_down(srv->input, down);
		break;
	}
	case XCB_BUTTON_PRESS:
	case XCB_BUTTON_RELEASE: {
		xcb_button_press_event_t *e = (xcb_button_press_event_t *)ev;
		px = e->event_x, py = e->event_y;
		bool press = (ev->response_type & 0x7f) == XCB_BUTTON_PRESS;
		if (!(win = content_of(x, e->event, &px, &py)))
			break;
		if (!focus_user_button(srv, win, win->x + px, win->y + py, e->detail, press))
			break; /* the click guard took it */
		input_button(srv->input, window_target(win), e->detail, press, px, py, e->state);
		break;
	}
	case XCB_MOTION_NOTIFY: {
		xcb_motion_notify_event_t *e = (xcb_motion_notify_event_t *)ev;
		px = e->event_x, py = e->event_y;
		if ((win = content_of(x, e->event, &px, &py)))
			input_motion(srv->input, window_target(win), px, py, e->state);
		break;
	}
	case XCB_ENTER_NOTIFY:
	case XCB_LEAVE_NOTIFY: {
		xcb_enter_notify_event_t *e = (xcb_enter_notify_event_t *)ev;
		px = e->event_x, py = e->event_y;
		if ((win = content_of(x, e->event, &px, &py)))
			input_crossing(srv->input, window_target(win),
				       (ev->response_type & 0x7f) == XCB_ENTER_NOTIFY, px, py,
				       e->state);
		break;
	}
	case 0: {
		xcb_generic_error_t *e = (xcb_generic_error_t *)ev;
		/* Windows vanish under us (WM, destroy races): those are normal. */
		if (e->error_code != XCB_WINDOW && e->error_code != XCB_DRAWABLE &&
		    e->error_code != XCB_MATCH)
			vlog("x11: X error %u (request %u.%u)", e->error_code, e->major_code,
			     e->minor_code);
		break;
	}
	}
}

/* A resize right after new size hints, with no button held on the desktop,
 * that the old size did not need for their minimum and maximum: the window
 * manager fitting the old size to the new increments and base (openbox
 * does, at their PropertyNotify), not the user: the guest is not told, its
 * own resize follows (new-user trial 10 #9: xfce4-terminal changes its base
 * size when it shows or hides its tab bar, and resizes a moment later; it
 * lost rows each time: the fit, taken for the user's resize, came to it
 * after its own). Once a change of the hints. */
static bool refit(struct xwin *xw)
{
	struct window *win = xw->win;
	if (!xw->hints_ms || now_ms() - xw->hints_ms > X11_REFIT_MS || xw->x->srv->desk_buttons ||
	    (win->desktop_state & (WIN_STATE_MAXIMIZED | WIN_STATE_FULLSCREEN)))
		return false;
	xw->hints_ms = 0;
	const uint32_t *h = xw->hints_set; /* x11-props.c: flags, min, max (outer sizes) */
	uint32_t w = win->w + 2 * X11_BORDER, hh = win->h + 2 * X11_BORDER;
	if ((h[0] & XCB_ICCCM_SIZE_HINT_P_MIN_SIZE) && (w < h[1] || hh < h[2]))
		return false;
	return !(h[0] & XCB_ICCCM_SIZE_HINT_P_MAX_SIZE) || (w <= h[3] && hh <= h[4]);
}

void x11_configured(struct xwin *xw, int32_t ox, int32_t oy, uint32_t ow, uint32_t oh)
{
	if (ox == xw->ox && oy == xw->oy && ow == xw->ow && oh == xw->oh) {
		xw->put_back = false;
		return; /* our own request, or nothing new */
	}
	bool resized = ow != xw->ow || oh != xw->oh;
	xw->ox = ox, xw->oy = oy, xw->ow = ow, xw->oh = oh;
	if (resized && refit(xw)) {
		if (xw->mapped)
			x11_paint(xw, 0, 0, ow, oh);
		return;
	}
	uint32_t cw = ow > 2 * X11_BORDER ? ow - 2 * X11_BORDER : 1;
	uint32_t ch = oh > 2 * X11_BORDER ? oh - 2 * X11_BORDER : 1;
	/* Clamped by the core; the GEOMETRY hook puts the desktop window
	 * where the core placed it only if the core says so. */
	int32_t x = ox + X11_BORDER, y = oy + X11_BORDER;
	struct x11 *xs = xw->x;
	struct window *win = xw->win;
	xw->put_back = policy_wm_put_back(xs->srv, win, &(struct vp_rect){ x, y, cw, ch }, resized);
	xs->wm_resizing = !xw->put_back;
	window_user_geometry(win, x, y, cw, ch);
	xs->wm_resizing = false;
	/* the core may have made its desktop window anew (a popup that now
	 * covers 90% is shown managed: policy_place; hostile-domain trial 11
	 * #7: xw was used after that freed it) */
	if (win->backend_data != xw)
		return;
	x11_set_type(xw);
	if (resized && xw->mapped)
		x11_paint(xw, 0, 0, ow, oh);
}
