/*
 * Input from the daemon, injected into the X server with XTEST. Pointer
 * positions arrive relative to the window's content and become root
 * coordinates here, with the window's current position. Buttons 4-7
 * (scrolling) are buttons like the others. A press or focus-in raises the
 * window, so that the guest's stacking matches what the user clicked on.
 * Keys are keyboard.c's; so are the modifiers that every key and pointer
 * event carries, which the domain's are made to match first (a shift-click
 * in a domain that is not focused presses Shift there until the pointer
 * leaves).
 *
 * Focus follows ICCCM 4.1.7: a window whose WM_HINTS input field is true
 * (or absent) gets the input focus, one that lists WM_TAKE_FOCUS in
 * WM_PROTOCOLS gets that message too, and a window with input false and no
 * WM_TAKE_FOCUS takes no keyboard input: the focus goes nowhere.
 */
#include "agent.h"

#include <stdio.h>
#include <stdlib.h>
#include <xcb/xcb_icccm.h>
#include <xcb/xtest.h>

int input_init(struct agent *a)
{
	const xcb_query_extension_reply_t *ext = xcb_get_extension_data(a->xc, &xcb_test_id);
	xcb_test_get_version_reply_t *v = NULL;
	if (ext && ext->present)
		v = xcb_test_get_version_reply(a->xc, xcb_test_get_version(a->xc, 2, 2), NULL);
	a->xtest = v != NULL;
	if (!v)
		fprintf(stderr, "vitrine-agent: no XTEST in the X server; "
				"input from the daemon is ignored\n");
	free(v);
	keyboard_init(a);
	return 0;
}

static int16_t root_coord(int32_t origin, int32_t v)
{
	int64_t r = (int64_t)origin + v;
	return (int16_t)(r < INT16_MIN ? INT16_MIN : r > INT16_MAX ? INT16_MAX : r);
}

static void move_pointer(struct agent *a, struct win *w, int32_t x, int32_t y)
{
	xcb_test_fake_input(a->xc, XCB_MOTION_NOTIFY, 0 /* absolute */, XCB_CURRENT_TIME, a->root,
			    root_coord(w->x, x), root_coord(w->y, y), 0);
	cursor_pointer(a, w);
}

static void raise_window(struct agent *a, struct win *w)
{
	uint32_t v = XCB_STACK_MODE_ABOVE;
	xcb_configure_window(a->xc, w->id, XCB_CONFIG_WINDOW_STACK_MODE, &v);
}

static void take_focus(struct agent *a, struct win *w)
{
	props_send_protocol(a, w, a->atoms.wm_take_focus);
}

static void focus_in(struct agent *a, struct win *w)
{
	xcb_get_property_cookie_t hc = xcb_icccm_get_wm_hints(a->xc, w->id);
	xcb_get_property_cookie_t pc =
		xcb_icccm_get_wm_protocols(a->xc, w->id, a->atoms.wm_protocols);
	xcb_icccm_wm_hints_t h;
	xcb_icccm_get_wm_protocols_reply_t p;
	bool input = true, take = false;
	if (xcb_icccm_get_wm_hints_reply(a->xc, hc, &h, NULL) &&
	    (h.flags & XCB_ICCCM_WM_HINT_INPUT))
		input = h.input != 0;
	if (xcb_icccm_get_wm_protocols_reply(a->xc, pc, &p, NULL)) {
		for (uint32_t i = 0; i < p.atoms_len; i++)
			take |= p.atoms[i] == a->atoms.wm_take_focus;
		xcb_icccm_get_wm_protocols_reply_wipe(&p);
	}
	raise_window(a, w);
	/* reverting to none when w goes: the X server's PointerRoot made the
	 * window under the domain's pointer look focused after a dialog
	 * with the keys closed and the desktop gave them to another domain
	 * (new-user trial 19 #2, sway); keys of its own come with FOCUS */
	if (input)
		xcb_set_input_focus(a->xc, XCB_INPUT_FOCUS_NONE, w->id, XCB_CURRENT_TIME);
	else if (!take)
		xcb_set_input_focus(a->xc, XCB_INPUT_FOCUS_NONE, XCB_NONE, XCB_CURRENT_TIME);
	if (take)
		take_focus(a, w);
	a->focused = w->id;
}

static void focus(struct agent *a, struct win *w, bool in)
{
	keyboard_focus(a, in);
	a->left = !in; /* an out followed by an in: another window of ours */
	if (in) {
		props_focused(a, w);
		/* the user's desktop focused it: shown there, whatever came
		 * first, its restore or this (an unmapped window takes no
		 * focus; wm.c unmaps minimized ones) */
		windows_hide(a, w, false);
		if (w->mapped)
			focus_in(a, w);
	} else if (a->focused == w->id) {
		/* The user left this domain: no key may reach it any more. */
		xcb_set_input_focus(a->xc, XCB_INPUT_FOCUS_NONE, XCB_NONE, XCB_CURRENT_TIME);
		a->focused = XCB_NONE;
	}
}

/* A mapped window (only popups: popups) holds (x, y). */
static bool over(struct agent *a, int32_t x, int32_t y, bool popups)
{
	for (struct win *w = a->windows; w; w = w->next)
		if (w->mapped && (w->map_or || !popups) && x >= w->x - w->border &&
		    y >= w->y - w->border && x < w->x + (int32_t)w->w + w->border &&
		    y < w->y + (int32_t)w->h + w->border)
			return true;
	return false;
}

static bool covered(struct agent *a, int32_t x, int32_t y)
{
	return over(a, x, y, false) || tray_covers(a, x, y);
}

/*
 * The pointer left the window on the desktop: move the domain's pointer to a
 * corner of its screen that no window covers, if there is one, so that the
 * window gets LeaveNotify. Not during a drag: the window keeps the pointer.
 */
static void leave(struct agent *a, uint32_t state)
{
	if (state & (XCB_BUTTON_MASK_1 | XCB_BUTTON_MASK_2 | XCB_BUTTON_MASK_3 | XCB_BUTTON_MASK_4 |
		     XCB_BUTTON_MASK_5))
		return;
	int32_t r = a->screen->width_in_pixels - 1, b = a->screen->height_in_pixels - 1;
	const int32_t corner[4][2] = { { r, b }, { 0, b }, { r, 0 }, { 0, 0 } };
	for (int i = 0; i < 4; i++) {
		if (covered(a, corner[i][0], corner[i][1]))
			continue;
		xcb_test_fake_input(a->xc, XCB_MOTION_NOTIFY, 0, XCB_CURRENT_TIME, a->root,
				    (int16_t)corner[i][0], (int16_t)corner[i][1], 0);
		return;
	}
}

void input_park(struct agent *a)
{
	leave(a, 0);
}

/* A popup is mapped and a client holds the pointer grab of the domain's X
 * server (a menu open; not a game's grab over its own window), and no
 * button is down there (a drag): true. */
static bool menu_grab(struct agent *a)
{
	bool popup = false;
	for (struct win *w = a->windows; w; w = w->next)
		popup |= w->mapped && w->map_or;
	if (!popup)
		return false;
	xcb_query_pointer_reply_t *q =
		xcb_query_pointer_reply(a->xc, xcb_query_pointer(a->xc, a->root), NULL);
	bool down = !q || (q->mask & (XCB_BUTTON_MASK_1 | XCB_BUTTON_MASK_2 | XCB_BUTTON_MASK_3 |
				      XCB_BUTTON_MASK_4 | XCB_BUTTON_MASK_5));
	free(q);
	if (down)
		return false;
	xcb_grab_pointer_reply_t *g = xcb_grab_pointer_reply(
		a->xc,
		xcb_grab_pointer(a->xc, 0, a->root, 0, XCB_GRAB_MODE_ASYNC, XCB_GRAB_MODE_ASYNC,
				 XCB_NONE, XCB_NONE, XCB_CURRENT_TIME),
		NULL);
	bool held = g && g->status != XCB_GRAB_STATUS_SUCCESS;
	if (g && g->status == XCB_GRAB_STATUS_SUCCESS)
		xcb_ungrab_pointer(a->xc, XCB_CURRENT_TIME);
	free(g);
	return held;
}

/*
 * The keys left the domain: the user clicked another domain's window (or
 * the desktop, or the daemon took the keys). A menu open in the domain holds
 * its X server's pointer grab and closes on a click outside it, which this X
 * server never saw: it stayed open, caught the domain's next keys and stood
 * over other domains' windows (new-user trial 9 #11). That click is made
 * here, outside every popup, on an input-only window of the agent's own
 * (mapped for it, on top), so that no application gets it.
 */
static void close_menus(struct agent *a)
{
	if (!a->xtest || !menu_grab(a))
		return;
	int32_t r = a->screen->width_in_pixels - 1, b = a->screen->height_in_pixels - 1;
	const int32_t corner[4][2] = { { r, b }, { 0, b }, { r, 0 }, { 0, 0 } };
	for (int i = 0; i < 4; i++) {
		int32_t x = corner[i][0], y = corner[i][1];
		if (over(a, x, y, true))
			continue;
		xcb_window_t id = xcb_generate_id(a->xc);
		uint32_t v[] = { 1 }; /* override-redirect */
		xcb_create_window(a->xc, 0, id, a->root, (int16_t)x, (int16_t)y, 1, 1, 0,
				  XCB_WINDOW_CLASS_INPUT_ONLY, XCB_COPY_FROM_PARENT,
				  XCB_CW_OVERRIDE_REDIRECT, v);
		xcb_map_window(a->xc, id);
		xcb_test_fake_input(a->xc, XCB_MOTION_NOTIFY, 0, XCB_CURRENT_TIME, a->root,
				    (int16_t)x, (int16_t)y, 0);
		xcb_test_fake_input(a->xc, XCB_BUTTON_PRESS, 1, XCB_CURRENT_TIME, XCB_NONE, 0, 0,
				    0);
		xcb_test_fake_input(a->xc, XCB_BUTTON_RELEASE, 1, XCB_CURRENT_TIME, XCB_NONE, 0, 0,
				    0);
		xcb_destroy_window(a->xc, id);
		xcb_flush(a->xc);
		fprintf(stderr, "vitrine-agent: the keys left the domain: its open menu closed\n");
		return;
	}
}

void input_settle(struct agent *a)
{
	if (a->left)
		close_menus(a);
	a->left = false;
}

void input_handle(struct agent *a, struct win *w, const struct vp_msg *m)
{
	if (!a->xtest)
		return;
	switch (m->type) {
	case VP_KEYSYM: keyboard_keysym(a, m->u.keysym.keycode, m->u.keysym.keysym); break;
	case VP_KEY: keyboard_key(a, m->u.key.keycode, m->u.key.pressed, m->u.key.state); break;
	case VP_BUTTON:
		keyboard_sync_mods(a, m->u.button.state, 0);
		move_pointer(a, w, m->u.button.x, m->u.button.y);
		if (m->u.button.pressed)
			raise_window(a, w);
		xcb_test_fake_input(
			a->xc, m->u.button.pressed ? XCB_BUTTON_PRESS : XCB_BUTTON_RELEASE,
			(uint8_t)m->u.button.button, XCB_CURRENT_TIME, XCB_NONE, 0, 0, 0);
		break;
	case VP_MOTION:
		keyboard_sync_mods(a, m->u.motion.state, 0);
		move_pointer(a, w, m->u.motion.x, m->u.motion.y);
		break;
	case VP_CROSSING:
		if (m->u.crossing.entered) {
			keyboard_sync_mods(a, m->u.crossing.state, 0);
			move_pointer(a, w, m->u.crossing.x, m->u.crossing.y);
			break;
		}
		leave(a, m->u.crossing.state);
		if (a->focused == XCB_NONE) /* modifiers pressed for the pointer only */
			keyboard_release_all(a);
		break;
	case VP_FOCUS: focus(a, w, m->u.focus.in); break;
	}
}
