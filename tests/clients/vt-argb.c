/*
 * vt-argb: a window of depth 32 (an ARGB visual, as GTK gives its windows
 * with client-side decorations and its popovers), transparent everywhere
 * (pixel 0) but an opaque blue square of half its size in its middle, as a
 * popover's bubble in its transparent shadow margin.
 *   vt-argb WxH+X+Y TITLE
 * Prints its window id once drawn, then runs until stdin closes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xcb/xcb.h>

static void die(const char *why)
{
	fprintf(stderr, "vt-argb: %s\n", why);
	exit(1);
}

int main(int argc, char **argv)
{
	unsigned w, h;
	int x, y;
	if (argc != 3 || sscanf(argv[1], "%ux%u+%d+%d", &w, &h, &x, &y) != 4 || !w || !h ||
	    w > 4096 || h > 4096)
		die("usage: vt-argb WxH+X+Y TITLE");
	xcb_connection_t *c = xcb_connect(NULL, NULL);
	if (xcb_connection_has_error(c))
		die("cannot connect to the X server");
	xcb_screen_t *s = xcb_setup_roots_iterator(xcb_get_setup(c)).data;
	xcb_visualid_t vis = 0;
	for (xcb_depth_iterator_t d = xcb_screen_allowed_depths_iterator(s); d.rem && !vis;
	     xcb_depth_next(&d)) {
		if (d.data->depth != 32)
			continue;
		xcb_visualtype_iterator_t v = xcb_depth_visuals_iterator(d.data);
		if (v.rem && v.data->_class == XCB_VISUAL_CLASS_TRUE_COLOR)
			vis = v.data->visual_id;
	}
	if (!vis)
		die("no depth-32 TrueColor visual (no Composite extension?)");
	xcb_colormap_t cm = xcb_generate_id(c);
	xcb_create_colormap(c, XCB_COLORMAP_ALLOC_NONE, cm, s->root, vis);
	xcb_window_t win = xcb_generate_id(c);
	uint32_t v[] = { 0, 0, XCB_EVENT_MASK_EXPOSURE, cm }; /* back pixel 0: transparent */
	xcb_create_window(
		c, 32, win, s->root, (int16_t)x, (int16_t)y, (uint16_t)w, (uint16_t)h, 0,
		XCB_WINDOW_CLASS_INPUT_OUTPUT, vis,
		XCB_CW_BACK_PIXEL | XCB_CW_BORDER_PIXEL | XCB_CW_EVENT_MASK | XCB_CW_COLORMAP, v);
	xcb_change_property(c, XCB_PROP_MODE_REPLACE, win, XCB_ATOM_WM_NAME, XCB_ATOM_STRING, 8,
			    (uint32_t)strlen(argv[2]), argv[2]);
	xcb_gcontext_t gc = xcb_generate_id(c);
	uint32_t blue = 0xff0000ffu; /* opaque */
	xcb_create_gc(c, gc, win, XCB_GC_FOREGROUND, &blue);
	xcb_map_window(c, win);
	xcb_flush(c);
	xcb_generic_event_t *ev;
	while ((ev = xcb_wait_for_event(c))) {
		int expose = (ev->response_type & 0x7f) == XCB_EXPOSE;
		free(ev);
		if (expose)
			break;
	}
	xcb_rectangle_t r = { (int16_t)(w / 4), (int16_t)(h / 4), (uint16_t)(w / 2),
			      (uint16_t)(h / 2) };
	xcb_poly_fill_rectangle(c, win, gc, 1, &r);
	free(xcb_get_input_focus_reply(c, xcb_get_input_focus(c), NULL));
	printf("0x%x\n", win);
	fflush(stdout);
	char buf[64];
	while (read(0, buf, sizeof(buf)) > 0)
		;
	xcb_disconnect(c);
	return 0;
}
