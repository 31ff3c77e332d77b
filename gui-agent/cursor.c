/*
 * The guest's cursor shape (issue 14 item 1). XFixes tells the agent each
 * time the cursor the domain's X server shows changes, with the cursor's
 * name (set by libXcursor for a theme's cursor: "xterm", "hand2", or a CSS
 * name such as "text"). The name becomes a shape number from the fixed set
 * (vp_cursor_id: an unknown or missing name is the default) and goes to the
 * daemon as CURSOR for the window the pointer is in. Cursor pixels never
 * leave the domain (ATTACKS row 15).
 */
#include "agent.h"

#include <stdlib.h>
#include <string.h>
#include <xcb/xcbext.h>
#include <xcb/xfixes.h>

/* The shape of a cursor name atom: one round trip per new name. */
static uint32_t shape(struct agent *a, xcb_atom_t untrusted_name)
{
	if (untrusted_name == XCB_ATOM_NONE)
		return VP_CURSOR_DEFAULT;
	if (untrusted_name == a->cursor_atom)
		return a->cursor_atom_id;
	xcb_get_atom_name_reply_t *r =
		xcb_get_atom_name_reply(a->xc, xcb_get_atom_name(a->xc, untrusted_name), NULL);
	uint32_t id = VP_CURSOR_DEFAULT;
	if (r) {
		char name[64];
		int n = xcb_get_atom_name_name_length(r);
		if (n > 0 && (size_t)n < sizeof(name)) {
			memcpy(name, xcb_get_atom_name_name(r), (size_t)n);
			name[n] = 0;
			id = vp_cursor_id(name);
		}
		free(r);
	}
	a->cursor_atom = untrusted_name;
	a->cursor_atom_id = id;
	return id;
}

/* CURSOR for the window the pointer is in, if the daemon lacks it. */
static void send_cursor(struct agent *a)
{
	struct win *w = a->pointer_win ? win_find(a, a->pointer_win) : NULL;
	if (!w || !w->announced || !a->ready || a->daemon_minor < VP_MINOR_DESKTOP)
		return;
	if (w->cursor_sent == a->cursor + 1)
		return;
	w->cursor_sent = a->cursor + 1;
	struct vp_msg m = { .type = VP_CURSOR, .window = w->id };
	m.u.cursor = a->cursor;
	agent_send(a, &m, -1);
}

void cursor_init(struct agent *a)
{
	const xcb_query_extension_reply_t *f = xcb_get_extension_data(a->xc, &xcb_xfixes_id);
	if (!f || !f->present) /* checked at start: not reached */
		return;
	a->xfixes_event = f->first_event;
	xcb_xfixes_select_cursor_input(a->xc, a->root,
				       XCB_XFIXES_CURSOR_NOTIFY_MASK_DISPLAY_CURSOR);
	xcb_xfixes_get_cursor_image_and_name_reply_t *r =
		xcb_xfixes_get_cursor_image_and_name_reply(
			a->xc, xcb_xfixes_get_cursor_image_and_name(a->xc), NULL);
	a->cursor = r ? shape(a, r->cursor_atom) : VP_CURSOR_DEFAULT;
	free(r);
}

/* (sequence numbers: a before b, modulo 2^32) */
static bool before(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

void cursor_event(struct agent *a, xcb_generic_event_t *ev)
{
	const xcb_xfixes_cursor_notify_event_t *e = (const xcb_xfixes_cursor_notify_event_t *)ev;
	if (e->subtype != XCB_XFIXES_CURSOR_NOTIFY_DISPLAY_CURSOR)
		return;
	a->cursor = shape(a, e->name);
	/* one from before the pointer came to its window is the last
	 * window's shape: the answer says (cursor_pointer) */
	if (a->cursor_asking && before(ev->full_sequence, a->cursor_ask))
		return;
	a->cursor_newer = a->cursor_asking;
	send_cursor(a);
}

/* The pointer came into w: the shape known now is the last window's (for a
 * moment an xterm's I-beam over the next window: CI's x11-desktop read it),
 * so the X server is asked for the one it shows, after the motion. */
void cursor_pointer(struct agent *a, struct win *w)
{
	if (a->pointer_win == w->id) {
		if (!a->cursor_asking) /* (else the answer sends it: review) */
			send_cursor(a);
		return;
	}
	a->pointer_win = w->id;
	if (a->cursor_asking)
		xcb_discard_reply(a->xc, a->cursor_ask);
	a->cursor_ask = xcb_xfixes_get_cursor_image_and_name(a->xc).sequence;
	a->cursor_asking = true;
	a->cursor_newer = false;
}

void cursor_answer(struct agent *a)
{
	void *r = NULL;
	xcb_generic_error_t *e = NULL;
	if (!a->cursor_asking || !xcb_poll_for_reply(a->xc, a->cursor_ask, &r, &e))
		return;
	a->cursor_asking = false;
	xcb_xfixes_get_cursor_image_and_name_reply_t *q = r;
	if (q && !a->cursor_newer) /* (else a CursorNotify after it said) */
		a->cursor = shape(a, q->cursor_atom);
	free(r);
	free(e);
	send_cursor(a);
}
