/*
 * vt-dock: a panel on the desktop X server ($DISPLAY), as a taskbar or a
 * status bar is one to the window manager.
 *
 *   vt-dock top|bottom HEIGHT
 *
 * Maps a window as wide as the screen and HEIGHT rows high along that edge
 * (USPosition, USSize), typed _NET_WM_WINDOW_TYPE_DOCK, reserving its rows with _NET_WM_STRUT and
 * _NET_WM_STRUT_PARTIAL (the window manager then leaves them out of
 * _NET_WORKAREA), filled grey (0x808080). Prints `dock ID` (decimal) once
 * it is mapped, then stays until stdin ends.
 *
 * Exit 0 on stdin EOF, 1 on an X error, 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xcb/xcb.h>
#include <xcb/xcb_icccm.h>

static xcb_atom_t atom(xcb_connection_t *c, const char *name)
{
	xcb_intern_atom_reply_t *r =
		xcb_intern_atom_reply(c, xcb_intern_atom(c, 0, (uint16_t)strlen(name), name), NULL);
	xcb_atom_t a = r ? r->atom : XCB_ATOM_NONE;
	free(r);
	return a;
}

int main(int argc, char **argv)
{
	int h = argc == 3 ? atoi(argv[2]) : 0;
	int top = argc == 3 && !strcmp(argv[1], "top");
	if (h < 1 || h > 1000 || (!top && strcmp(argv[1], "bottom"))) {
		fprintf(stderr, "usage: vt-dock top|bottom HEIGHT\n");
		return 2;
	}
	xcb_connection_t *c = xcb_connect(NULL, NULL);
	if (xcb_connection_has_error(c)) {
		fprintf(stderr, "vt-dock: cannot connect to $DISPLAY\n");
		return 1;
	}
	xcb_screen_t *s = xcb_setup_roots_iterator(xcb_get_setup(c)).data;
	int sw = s->width_in_pixels, sh = s->height_in_pixels;
	xcb_window_t w = xcb_generate_id(c);
	uint32_t v[] = { 0x808080, XCB_EVENT_MASK_STRUCTURE_NOTIFY };
	xcb_create_window(c, XCB_COPY_FROM_PARENT, w, s->root, 0, (int16_t)(top ? 0 : sh - h),
			  (uint16_t)sw, (uint16_t)h, 0, XCB_WINDOW_CLASS_INPUT_OUTPUT,
			  s->root_visual, XCB_CW_BACK_PIXEL | XCB_CW_EVENT_MASK, v);
	xcb_atom_t dock = atom(c, "_NET_WM_WINDOW_TYPE_DOCK");
	xcb_change_property(c, XCB_PROP_MODE_REPLACE, w, atom(c, "_NET_WM_WINDOW_TYPE"),
			    XCB_ATOM_ATOM, 32, 1, &dock);
	/* left, right, top, bottom; then each one's start and end */
	uint32_t strut[12] = { 0 };
	strut[top ? 2 : 3] = (uint32_t)h;
	strut[top ? 8 : 10] = 0;
	strut[top ? 9 : 11] = (uint32_t)sw - 1;
	xcb_change_property(c, XCB_PROP_MODE_REPLACE, w, atom(c, "_NET_WM_STRUT_PARTIAL"),
			    XCB_ATOM_CARDINAL, 32, 12, strut);
	xcb_change_property(c, XCB_PROP_MODE_REPLACE, w, atom(c, "_NET_WM_STRUT"),
			    XCB_ATOM_CARDINAL, 32, 4, strut);
	xcb_change_property(c, XCB_PROP_MODE_REPLACE, w, XCB_ATOM_WM_NAME, XCB_ATOM_STRING, 8, 7,
			    "vt-dock");
	/* where it asks to be (a window manager places it there) */
	xcb_size_hints_t hints = { 0 };
	xcb_icccm_size_hints_set_position(&hints, 1, 0, top ? 0 : sh - h);
	xcb_icccm_size_hints_set_size(&hints, 1, sw, h);
	xcb_icccm_set_wm_normal_hints(c, w, &hints);
	xcb_map_window(c, w);
	xcb_flush(c);
	xcb_generic_event_t *ev;
	while ((ev = xcb_wait_for_event(c))) {
		int mapped = (ev->response_type & 0x7f) == XCB_MAP_NOTIFY;
		int error = ev->response_type == 0;
		free(ev);
		if (error)
			return 1;
		if (mapped)
			break;
	}
	if (!ev)
		return 1;
	printf("dock %u\n", w);
	fflush(stdout);
	char buf[256];
	while (read(0, buf, sizeof(buf)) > 0)
		;
	xcb_disconnect(c);
	return 0;
}
