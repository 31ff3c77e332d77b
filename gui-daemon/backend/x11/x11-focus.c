/*
 * The desktop's focus and the user's input, reported to the core's focus
 * rule (gui-daemon/focus.h), which decides whether keys follow; and a
 * background domain's new window kept below the focused one after the
 * window manager mapped it (policy_map decided it: win->below_focus).
 */
#include "x11.h"

#include <stdlib.h>
#include <string.h>
#include <xcb/xinput.h>

#include "gui-daemon/clickguard.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/focus.h"

/*
 * XInput2 raw key and button events on the root: every key and button the
 * user presses on the desktop, whoever gets it (a window manager's title
 * bar or key binding too), with nothing of what it was kept. Without them
 * (no XInput 2.1) only clicks on a guest window choose it.
 */
void x11_focus_init(struct x11 *x)
{
	/* Xwayland 23.1 on says so with an extension of its name; before it,
	 * its outputs' names do (x11-randr.c) */
	xcb_query_extension_reply_t *xwl = xcb_query_extension_reply(
		x->c, xcb_query_extension(x->c, (uint16_t)strlen("XWAYLAND"), "XWAYLAND"), NULL);
	x->or_on_top = xwl && xwl->present;
	x->base.own_stacking = x->or_on_top;
	free(xwl);
	const xcb_query_extension_reply_t *ext = xcb_get_extension_data(x->c, &xcb_input_id);
	xcb_input_xi_query_version_reply_t *v =
		ext && ext->present ? xcb_input_xi_query_version_reply(
					      x->c, xcb_input_xi_query_version(x->c, 2, 2), NULL)
				    : NULL;
	bool ok = v && (v->major_version > 2 || (v->major_version == 2 && v->minor_version >= 1));
	free(v);
	if (!ok) {
		vlog("x11: no XInput 2.1 on the desktop: a window gets the keys only after a click "
		     "on it");
		return;
	}
	struct {
		xcb_input_event_mask_t head;
		uint32_t mask;
	} sel = {
		{ XCB_INPUT_DEVICE_ALL_MASTER, 1 },
		XCB_INPUT_XI_EVENT_MASK_RAW_KEY_PRESS | XCB_INPUT_XI_EVENT_MASK_RAW_KEY_RELEASE |
			XCB_INPUT_XI_EVENT_MASK_RAW_BUTTON_PRESS |
			XCB_INPUT_XI_EVENT_MASK_RAW_BUTTON_RELEASE,
	};
	xcb_input_xi_select_events(x->c, x->screen->root, 1, &sel.head);
	x->xi_opcode = ext->major_opcode;
}

/*
 * The desktop's focus left xw: for a window that is not one of ours? (A
 * focus moving between two of ours comes as FocusOut, then FocusIn.) Focus
 * on nothing (None, PointerRoot) is no move: a window manager passes
 * through it between two windows (wlroots does), and it leaves it there
 * while a Wayland client has the keyboard; no key reaches a window then.
 */
static void focus_out(struct x11 *x, struct xwin *xw)
{
	if (!xw || focus_desktop_window(x->srv) != xw->win)
		return;
	xcb_get_input_focus_reply_t *r =
		xcb_get_input_focus_reply(x->c, xcb_get_input_focus(x->c), NULL);
	xcb_window_t to = r ? r->focus : XCB_NONE;
	free(r);
	if (to != XCB_NONE && to != XCB_INPUT_FOCUS_POINTER_ROOT && !x11_find(x, to))
		focus_desktop(x->srv, NULL);
}

static xcb_window_t toplevel(struct x11 *x, xcb_window_t id);

/* The guest window whose frame (or itself) is the top-level window under
 * the pointer, or NULL: a click on it (its title bar too) chooses its
 * domain's windows only (a map flood's window focused by the window manager
 * at that moment is not the user's choice); *px, *py: the pointer. One
 * round trip: each window's top-level is found when the window manager maps
 * or reparents it. */
static struct window *under_pointer(struct x11 *x, int32_t *px, int32_t *py)
{
	xcb_query_pointer_reply_t *p =
		xcb_query_pointer_reply(x->c, xcb_query_pointer(x->c, x->screen->root), NULL);
	xcb_window_t top = p && p->same_screen ? p->child : XCB_NONE;
	*px = p ? p->root_x : 0, *py = p ? p->root_y : 0;
	free(p);
	struct list *pos, *tmp;
	list_each(pos, tmp, &x->windows)
	{
		struct xwin *xw = list_item(pos, struct xwin, link);
		if (top != XCB_NONE && xw->mapped &&
		    (xw->override_redirect ? xw->id : xw->top) == top)
			return xw->win;
	}
	return NULL;
}

/* Other domains' popups the core put below the focused window, stacked
 * below its frame again: the window manager framed it anew (after
 * x11_replace they went below the bare window, and openbox stacked its new
 * frame under them: hostile-domain trial 6). */
static void popups_below(struct x11 *x)
{
	struct list *pos, *tmp;
	list_each(pos, tmp, &x->windows)
	{
		struct xwin *xw = list_item(pos, struct xwin, link);
		if (xw->override_redirect && xw->mapped)
			x11_keep_below(xw);
	}
}

bool x11_focus_event(struct x11 *x, xcb_generic_event_t *ev)
{
	uint8_t type = ev->response_type & 0x7f;
	if (type == XCB_GE_GENERIC) {
		xcb_ge_generic_event_t *ge = (xcb_ge_generic_event_t *)ev;
		if (!x->xi_opcode || ge->extension != x->xi_opcode)
			return false;
		bool press = ge->event_type == XCB_INPUT_RAW_KEY_PRESS ||
			     ge->event_type == XCB_INPUT_RAW_BUTTON_PRESS;
		bool button = ge->event_type == XCB_INPUT_RAW_BUTTON_PRESS ||
			      ge->event_type == XCB_INPUT_RAW_BUTTON_RELEASE;
		if (!button && ge->event_type != XCB_INPUT_RAW_KEY_PRESS &&
		    ge->event_type != XCB_INPUT_RAW_KEY_RELEASE)
			return true;
		uint32_t detail = ((xcb_input_raw_button_press_event_t *)ev)->detail;
		int32_t px = 0, py = 0;
		struct window *under = button ? under_pointer(x, &px, &py) : NULL;
		focus_desktop_raw(x->srv, under, px, py, button ? detail : 0, press);
		/* the end of a drag: a window manager that ignores requests while
		 * it moves a window (xfwm4) left one the daemon asked back on the
		 * screen off it (new-user trial 14 #2): look again */
		struct list *pos, *tmp;
		list_each(pos, tmp, &x->windows)
		{
			struct xwin *xw = list_item(pos, struct xwin, link);
			xw->configure_pending |= button && detail <= 3 && !press && xw->put_back;
		}
		return true;
	}
	if (type == XCB_MAP_NOTIFY || type == XCB_REPARENT_NOTIFY) {
		/* (the window field is at the same place in both) */
		xcb_map_notify_event_t *e = (xcb_map_notify_event_t *)ev;
		struct xwin *xw = x11_find(x, e->window);
		if (!xw || e->event != e->window || xw->override_redirect)
			return true;
		xw->top = toplevel(x, xw->id); /* framed anew (maps: at the domain's rate) */
		if (type == XCB_MAP_NOTIFY) {
			x11_keep_below(xw); /* the window manager stacked it as it likes */
			if (xw->win == server_focus(x->srv))
				popups_below(x); /* its frame is new (x11_replace) */
		}
		return true;
	}
	if (type != XCB_FOCUS_IN && type != XCB_FOCUS_OUT)
		return false;
	/* The desktop's window manager moved its focus; the core decides
	 * whether keys follow. */
	xcb_focus_in_event_t *e = (xcb_focus_in_event_t *)ev;
	struct xwin *xw = x11_find(x, e->event);
	if (e->mode == XCB_NOTIFY_MODE_GRAB || e->mode == XCB_NOTIFY_MODE_UNGRAB ||
	    e->detail == XCB_NOTIFY_DETAIL_INFERIOR)
		return true;
	if (type == XCB_FOCUS_IN && xw)
		focus_desktop(x->srv, xw->win);
	else if (type == XCB_FOCUS_OUT)
		focus_out(x, xw);
	return true;
}

/* The top-level window (a child of the root: the window manager's frame)
 * that holds id. */
static xcb_window_t toplevel(struct x11 *x, xcb_window_t id)
{
	for (int depth = 0; depth < 16; depth++) {
		xcb_query_tree_reply_t *t =
			xcb_query_tree_reply(x->c, xcb_query_tree(x->c, id), NULL);
		xcb_window_t parent = t ? t->parent : XCB_NONE;
		free(t);
		if (parent == XCB_NONE || parent == x->screen->root)
			return parent == XCB_NONE ? XCB_NONE : id;
		id = parent;
	}
	return XCB_NONE;
}

/*
 * xw opens below the window the user is typing in (policy_map:
 * win->below_focus): a window manager stacks a window it maps on top, so
 * once it mapped it, ask it to restack it below the focused one
 * (_NET_RESTACK_WINDOW, as a pager does: EWMH window managers honour it).
 * A popup has no window manager: it goes below the focused window's frame.
 * Returns false if it stays where it is (nothing to be below).
 */
bool x11_keep_below(struct xwin *xw)
{
	struct x11 *x = xw->x;
	struct window *f = server_focus(x->srv);
	struct xwin *fw = f ? f->backend_data : NULL;
	if (!xw->win->below_focus || !fw || fw == xw || !fw->mapped || f->dom == xw->win->dom)
		return false;
	if (xw->override_redirect) {
		xcb_window_t top = toplevel(x, fw->id);
		if (top == XCB_NONE)
			return false;
		uint32_t v[] = { top, XCB_STACK_MODE_BELOW };
		xcb_configure_window(x->c, xw->id,
				     XCB_CONFIG_WINDOW_SIBLING | XCB_CONFIG_WINDOW_STACK_MODE, v);
		return true;
	}
	if (fw->override_redirect)
		return false;
	/* (source 2: a pager, the user's tool) */
	x11_wm_message(xw, x->atom[A_NET_RESTACK_WINDOW], 2, fw->id, XCB_STACK_MODE_BELOW, 0);
	return true;
}

/*
 * Xwayland's compositor (sway) draws every override-redirect window over
 * the managed ones, whatever the X stacking: a popup the core put below
 * the focused window (another domain's: x11_keep_below) would be drawn
 * over it, and over the daemon's notice (attack trial 5). There it is held
 * unmapped while it overlaps the focused window's frame (a margin for the
 * compositor's title bar and border), and mapped again once it does not,
 * or once its domain has the keys.
 */
#define X11_FRAME_MARGIN 32

bool x11_popup_hidden(struct xwin *xw)
{
	struct x11 *x = xw->x;
	struct window *f = server_focus(x->srv);
	struct xwin *fw = f ? f->backend_data : NULL;
	if (!x->or_on_top || !xw->override_redirect || !xw->win->below_focus || !fw || fw == xw ||
	    !fw->mapped || f->dom == xw->win->dom)
		return false;
	int64_t m = X11_FRAME_MARGIN;
	return xw->ox < fw->ox + (int64_t)fw->ow + m && fw->ox - m < xw->ox + (int64_t)xw->ow &&
	       xw->oy < fw->oy + (int64_t)fw->oh + m && fw->oy - m < xw->oy + (int64_t)xw->oh;
}

void x11_popups_check(struct x11 *x)
{
	const struct window *f = server_focus(x->srv);
	if (!x->or_on_top || (x->popups_checked == x->srv->changes && x->popups_focus == f))
		return;
	x->popups_checked = x->srv->changes;
	x->popups_focus = f;
	struct list *pos, *tmp;
	list_each(pos, tmp, &x->windows)
	{
		struct xwin *xw = list_item(pos, struct xwin, link);
		if (!xw->override_redirect || !xw->win->shown || !(xw->mapped || xw->hidden_below))
			continue;
		bool hide = x11_popup_hidden(xw);
		if (hide == xw->hidden_below)
			continue;
		xw->hidden_below = hide;
		clickguard_held_off(xw->win, hide);
		xw->mapped = !hide;
		if (hide) {
			xcb_unmap_window(x->c, xw->id);
		} else {
			uint32_t above = XCB_STACK_MODE_ABOVE;
			xcb_map_window(x->c, xw->id);
			xw->fresh = true;
			xcb_configure_window(x->c, xw->id, XCB_CONFIG_WINDOW_STACK_MODE, &above);
		}
	}
}

/*
 * A popup the core gave the keys (a tray icon's menu: tray.h) has the
 * desktop's input focus too, as a desktop menu's grab has: keys reach the
 * daemon only while one of its windows has that focus (new-user trial 17
 * #1: with a host terminal focused, Down, Down, Return chosen in a domain's
 * tray menu went to the terminal, the menu stayed open, and the domain's
 * next window took the keys meant for the terminal). When the keys leave
 * the popup, the focus goes back to the window that had it, unless the
 * user put it elsewhere meanwhile.
 */
void x11_popup_focus(struct x11 *x)
{
	struct window *f = server_focus(x->srv);
	struct xwin *fw = f ? f->backend_data : NULL;
	bool menu = fw && f == x->srv->tray_menu && fw->override_redirect && fw->mapped;
	xcb_window_t popup = menu ? fw->id : XCB_NONE;
	if (popup == x->focus_popup)
		return;
	xcb_get_input_focus_reply_t *r =
		xcb_get_input_focus_reply(x->c, xcb_get_input_focus(x->c), NULL);
	xcb_window_t now = r ? r->focus : XCB_NONE;
	free(r);
	if (!x->focus_popup) /* (from one popup to another: the first's) */
		x->focus_host = now;
	/* back: to the window the keys went to, if it is one of ours (never
	 * another one of ours the desktop had focused: the core may have
	 * refused it; review of 2026-12-03), else to the host's window or
	 * none that had it, unless the user put the focus elsewhere since */
	xcb_window_t back = fw && fw->mapped && !fw->override_redirect ? fw->id
			    : x11_find(x, x->focus_host)	       ? XCB_NONE
								       : x->focus_host;
	bool still = now == x->focus_popup || now == XCB_NONE ||
		     now == XCB_INPUT_FOCUS_POINTER_ROOT || now == x->screen->root;
	if (!popup && x->focus_popup && still && (back || !x11_find(x, x->focus_host)))
		xcb_set_input_focus(x->c, XCB_INPUT_FOCUS_PARENT, back, XCB_CURRENT_TIME);
	x->focus_popup = popup;
	if (popup)
		xcb_set_input_focus(x->c, XCB_INPUT_FOCUS_PARENT, popup, XCB_CURRENT_TIME);
	else
		x->focus_host = XCB_NONE;
}
