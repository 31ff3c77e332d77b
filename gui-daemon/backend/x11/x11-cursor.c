/*
 * What a domain's window shows of the guest's desktop: the cursor shape
 * over its content and its icon. Both come from the core, checked: a shape
 * number from the fixed set (drawn here from the desktop X server's own
 * cursor font, never from guest pixels: ATTACKS row 15) and an icon the core
 * marked with the label colour (gui-daemon/desktop.c).
 */
#include "x11.h"

#include <stdlib.h>
#include <string.h>
#include <xcb/xfixes.h>

#include "gui-daemon/domain.h"

/* The cursor of shape id: made once from the cursor font, black on white
 * as XCreateFontCursor makes it, and named (XFixes) with the shape's name
 * so that the desktop's tools (and the tests) can tell which it is. */
static xcb_cursor_t cursor(struct x11 *x, uint32_t id)
{
	if (id == VP_CURSOR_DEFAULT || id >= VP_CURSOR_COUNT)
		return XCB_CURSOR_NONE; /* the desktop's own, from the root */
	if (x->cursors[id])
		return x->cursors[id];
	if (!x->cursor_font) {
		x->cursor_font = xcb_generate_id(x->c);
		xcb_open_font(x->c, x->cursor_font, 6, "cursor");
	}
	uint16_t glyph = (uint16_t)(2 * (id - 1));
	xcb_cursor_t c = xcb_generate_id(x->c);
	xcb_create_glyph_cursor(x->c, c, x->cursor_font, x->cursor_font, glyph, glyph + 1, 0, 0, 0,
				0xffff, 0xffff, 0xffff);
	const xcb_query_extension_reply_t *f = xcb_get_extension_data(x->c, &xcb_xfixes_id);
	if (f && f->present) {
		if (!x->xfixes_asked) { /* XFixes requests need the version asked first */
			x->xfixes_asked = true;
			free(xcb_xfixes_query_version_reply(
				x->c, xcb_xfixes_query_version(x->c, 2, 0), NULL));
		}
		const char *name = vp_cursor_name(id);
		xcb_xfixes_set_cursor_name(x->c, c, (uint16_t)strlen(name), name);
	}
	x->cursors[id] = c;
	return c;
}

void x11_set_cursor(struct xwin *xw)
{
	uint32_t c = cursor(xw->x, xw->win->cursor);
	xcb_change_window_attributes(xw->x->c, xw->id, XCB_CW_CURSOR, &c);
}

void x11_set_icon(struct xwin *xw)
{
	struct window *win = xw->win;
	xcb_atom_t a = xw->x->atom[A_NET_WM_ICON];
	if (!win->icon_argb) {
		xcb_delete_property(xw->x->c, xw->id, a);
		return;
	}
	size_t n = 2 + (size_t)win->icon_w * win->icon_h;
	/* one request: over the desktop's largest (no BIG-REQUESTS: 256 KiB),
	 * xcb would close the connection (hostile-domain trial 6) */
	size_t max = (size_t)xcb_get_maximum_request_length(xw->x->c) * 4;
	uint32_t *v = 4 * n + 32 <= max ? malloc(4 * n) : NULL;
	if (!v) {
		xcb_delete_property(xw->x->c, xw->id, a);
		return;
	}
	v[0] = win->icon_w;
	v[1] = win->icon_h;
	memcpy(v + 2, win->icon_argb, 4 * (n - 2));
	xcb_change_property(xw->x->c, XCB_PROP_MODE_REPLACE, xw->id, a, XCB_ATOM_CARDINAL, 32,
			    (uint32_t)n, v);
	free(v);
}

void x11_cursor_finish(struct x11 *x)
{
	for (uint32_t i = 0; i < VP_CURSOR_COUNT; i++)
		if (x->cursors[i])
			xcb_free_cursor(x->c, x->cursors[i]);
	if (x->cursor_font)
		xcb_close_font(x->c, x->cursor_font);
}
