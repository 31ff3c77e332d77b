/*
 * Input from the daemon, injected into the X server with XTEST. Pointer
 * positions arrive relative to the window's content and become root
 * coordinates here. A press or focus-in raises the window, so that the
 * guest's stacking matches what the user clicked on.
 * Not done yet: KEYMAP (resyncing held keys on focus) and modifier state.
 */
#include "agent.h"

#include <stdio.h>
#include <stdlib.h>
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
}

static void raise_window(struct agent *a, struct win *w)
{
	uint32_t v = XCB_STACK_MODE_ABOVE;
	xcb_configure_window(a->xc, w->id, XCB_CONFIG_WINDOW_STACK_MODE, &v);
}

static void focus(struct agent *a, struct win *w, bool in)
{
	if (in) {
		if (!w->mapped)
			return;
		raise_window(a, w);
		xcb_set_input_focus(a->xc, XCB_INPUT_FOCUS_POINTER_ROOT, w->id, XCB_CURRENT_TIME);
		a->focused = w->id;
	} else if (a->focused == w->id) {
		/* The user left this domain: no key may reach it any more. */
		xcb_set_input_focus(a->xc, XCB_INPUT_FOCUS_NONE, XCB_NONE, XCB_CURRENT_TIME);
		a->focused = XCB_NONE;
	}
}

void input_handle(struct agent *a, struct win *w, const struct vp_msg *m)
{
	if (!a->xtest)
		return;
	switch (m->type) {
	case VP_KEY:
		xcb_test_fake_input(a->xc, m->u.key.pressed ? XCB_KEY_PRESS : XCB_KEY_RELEASE,
				    (uint8_t)m->u.key.keycode, XCB_CURRENT_TIME, XCB_NONE, 0, 0, 0);
		break;
	case VP_BUTTON:
		move_pointer(a, w, m->u.button.x, m->u.button.y);
		if (m->u.button.pressed)
			raise_window(a, w);
		xcb_test_fake_input(
		    a->xc, m->u.button.pressed ? XCB_BUTTON_PRESS : XCB_BUTTON_RELEASE,
		    (uint8_t)m->u.button.button, XCB_CURRENT_TIME, XCB_NONE, 0, 0, 0);
		break;
	case VP_MOTION: move_pointer(a, w, m->u.motion.x, m->u.motion.y); break;
	case VP_CROSSING:
		if (m->u.crossing.entered)
			move_pointer(a, w, m->u.crossing.x, m->u.crossing.y);
		break;
	case VP_FOCUS: focus(a, w, m->u.focus.in); break;
	}
}
