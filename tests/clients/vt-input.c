/*
 * vt-input: an X test client with one solid window that logs the input it
 * receives, window-relative, and that can try to take the focus.
 *
 *   vt-input --log FILE [--geometry WxH+X+Y] [--title T] [--popup]
 *            [--color RRGGBB] [--cursor GLYPH:NAME] [--dock]
 *
 * --cursor: the window's cursor is the cursor font's glyph GLYPH (152 is
 * the I-beam), named NAME with XFixes as libXcursor names a theme's
 * ("xterm"), which is what the agent reports. --dock: the window is a tray
 * icon, docked (XEmbed, SYSTEM_TRAY_REQUEST_DOCK) into the system tray of
 * the screen (waited for, up to 30 s) instead of mapped.
 *
 * The window (override-redirect with --popup) selects key, button, motion,
 * crossing and focus events; each one is appended to FILE as a line, flushed:
 *
 *   button N X Y | release N X Y     X Y relative to the window
 *   motion X Y | enter X Y | leave X Y
 *   key KEYCODE STATE | keyup KEYCODE STATE
 *   focus-in | focus-out             (detail NotifyPointer ignored)
 *
 * Once the window is mapped and drawn it prints `window ID` (decimal X id) on
 * stdout. Then it reads commands from stdin, one per line, and answers each
 * with `ok` (or `error: WHY`) after a round trip, its events logged:
 *
 *   move X Y       ConfigureWindow
 *   take-focus     what a domain that wants the user's focus does: raise the
 *                  window (ConfigureWindow Above), SetInputFocus to it, send
 *                  _NET_ACTIVE_WINDOW (source: application) to the root and set
 *                  the root's _NET_ACTIVE_WINDOW property to it
 *   sync           nothing (a round trip: every event so far is logged)
 *   quit
 *
 * Exits 0 on stdin EOF or `quit`, 1 when the X connection breaks.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xcb/xcb.h>
#include <xcb/xcb_icccm.h>
#include <xcb/xfixes.h>

#include "vt-flush.h"

static struct {
	xcb_connection_t *c;
	xcb_screen_t *screen;
	xcb_window_t win;
	xcb_gcontext_t gc;
	int x, y;
	unsigned w, h;
	int popup, dock;
	uint16_t cursor_glyph;
	const char *cursor_name;
	uint32_t color;
	const char *title;
	FILE *log;
} g;

static void die(const char *msg)
{
	fprintf(stderr, "vt-input: %s\n", msg);
	exit(1);
}

static xcb_atom_t atom(const char *name)
{
	xcb_intern_atom_reply_t *r = xcb_intern_atom_reply(
		g.c, xcb_intern_atom(g.c, 0, (uint16_t)strlen(name), name), NULL);
	if (!r)
		die("InternAtom failed");
	xcb_atom_t a = r->atom;
	free(r);
	return a;
}

static void draw(void)
{
	xcb_rectangle_t r = { 0, 0, (uint16_t)g.w, (uint16_t)g.h };
	xcb_poly_fill_rectangle(g.c, g.win, g.gc, 1, &r);
}

static void set_cursor(void)
{
	xcb_font_t font = xcb_generate_id(g.c);
	xcb_open_font(g.c, font, 6, "cursor");
	xcb_cursor_t c = xcb_generate_id(g.c);
	xcb_create_glyph_cursor(g.c, c, font, font, g.cursor_glyph, g.cursor_glyph + 1, 0, 0, 0,
				0xffff, 0xffff, 0xffff);
	free(xcb_xfixes_query_version_reply(g.c, xcb_xfixes_query_version(g.c, 2, 0), NULL));
	xcb_xfixes_set_cursor_name(g.c, c, (uint16_t)strlen(g.cursor_name), g.cursor_name);
	xcb_change_window_attributes(g.c, g.win, XCB_CW_CURSOR, &c);
}

static void create_window(void)
{
	g.win = xcb_generate_id(g.c);
	uint32_t mask = XCB_CW_BACK_PIXEL | XCB_CW_OVERRIDE_REDIRECT | XCB_CW_EVENT_MASK;
	uint32_t vals[] = {
		g.screen->black_pixel,
		(uint32_t)g.popup,
		XCB_EVENT_MASK_EXPOSURE | XCB_EVENT_MASK_STRUCTURE_NOTIFY |
			XCB_EVENT_MASK_KEY_PRESS | XCB_EVENT_MASK_KEY_RELEASE |
			XCB_EVENT_MASK_BUTTON_PRESS | XCB_EVENT_MASK_BUTTON_RELEASE |
			XCB_EVENT_MASK_POINTER_MOTION | XCB_EVENT_MASK_ENTER_WINDOW |
			XCB_EVENT_MASK_LEAVE_WINDOW | XCB_EVENT_MASK_FOCUS_CHANGE,
	};
	xcb_create_window(g.c, XCB_COPY_FROM_PARENT, g.win, g.screen->root, (int16_t)g.x,
			  (int16_t)g.y, (uint16_t)g.w, (uint16_t)g.h, 0,
			  XCB_WINDOW_CLASS_INPUT_OUTPUT, XCB_COPY_FROM_PARENT, mask, vals);
	xcb_icccm_set_wm_name(g.c, g.win, XCB_ATOM_STRING, 8, (uint32_t)strlen(g.title), g.title);
	static const char cls[] = "vt-input\0VtInput";
	xcb_icccm_set_wm_class(g.c, g.win, sizeof(cls), cls);
	xcb_size_hints_t hints;
	memset(&hints, 0, sizeof(hints));
	xcb_icccm_size_hints_set_position(&hints, 1, g.x, g.y);
	xcb_icccm_size_hints_set_size(&hints, 1, (int32_t)g.w, (int32_t)g.h);
	xcb_icccm_set_wm_normal_hints(g.c, g.win, &hints);
	g.gc = xcb_generate_id(g.c);
	/* a 24-bit TrueColor root visual (Xvfb -screen 0 WxHx24) */
	xcb_create_gc(g.c, g.gc, g.win, XCB_GC_FOREGROUND, &g.color);
	if (g.cursor_name)
		set_cursor();
	if (!g.dock) {
		xcb_map_window(g.c, g.win);
		return;
	}
	uint32_t info[2] = { 0, 1 }; /* XEmbed version 0, XEMBED_MAPPED */
	xcb_atom_t xi = atom("_XEMBED_INFO"), sel = atom("_NET_SYSTEM_TRAY_S0");
	xcb_change_property(g.c, XCB_PROP_MODE_REPLACE, g.win, xi, xi, 32, 2, info);
	xcb_window_t owner = 0;
	for (int i = 0; i < 300 && !owner; i++) {
		xcb_get_selection_owner_reply_t *r =
			xcb_get_selection_owner_reply(g.c, xcb_get_selection_owner(g.c, sel), NULL);
		owner = r ? r->owner : 0;
		free(r);
		if (!owner)
			usleep(100000);
	}
	if (!owner)
		die("no system tray");
	xcb_client_message_event_t ev = { .response_type = XCB_CLIENT_MESSAGE,
					  .format = 32,
					  .window = owner,
					  .type = atom("_NET_SYSTEM_TRAY_OPCODE") };
	ev.data.data32[1] = 0; /* SYSTEM_TRAY_REQUEST_DOCK */
	ev.data.data32[2] = g.win;
	xcb_send_event(g.c, 0, owner, XCB_EVENT_MASK_NO_EVENT, (const char *)&ev);
}

__attribute__((format(printf, 1, 2))) static void logf_line(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(g.log, fmt, ap);
	va_end(ap);
	fflush(g.log);
}

static void handle_event(xcb_generic_event_t *ev)
{
	switch (ev->response_type & 0x7f) {
	case 0: {
		xcb_generic_error_t *e = (xcb_generic_error_t *)ev;
		fprintf(stderr, "vt-input: X error %u (request %u.%u)\n", e->error_code,
			e->major_code, e->minor_code);
		break;
	}
	case XCB_EXPOSE:
		if (((xcb_expose_event_t *)ev)->count == 0)
			draw();
		break;
	case XCB_BUTTON_PRESS:
	case XCB_BUTTON_RELEASE: {
		xcb_button_press_event_t *e = (xcb_button_press_event_t *)ev;
		logf_line((ev->response_type & 0x7f) == XCB_BUTTON_PRESS ? "button %d %d %d\n"
									 : "release %d %d %d\n",
			  e->detail, e->event_x, e->event_y);
		break;
	}
	case XCB_MOTION_NOTIFY: {
		xcb_motion_notify_event_t *e = (xcb_motion_notify_event_t *)ev;
		logf_line("motion %d %d\n", e->event_x, e->event_y);
		break;
	}
	case XCB_ENTER_NOTIFY:
	case XCB_LEAVE_NOTIFY: {
		xcb_enter_notify_event_t *e = (xcb_enter_notify_event_t *)ev;
		logf_line((ev->response_type & 0x7f) == XCB_ENTER_NOTIFY ? "enter %d %d\n"
									 : "leave %d %d\n",
			  e->event_x, e->event_y);
		break;
	}
	case XCB_KEY_PRESS:
	case XCB_KEY_RELEASE: {
		xcb_key_press_event_t *e = (xcb_key_press_event_t *)ev;
		logf_line((ev->response_type & 0x7f) == XCB_KEY_PRESS ? "key %d %d\n"
								      : "keyup %d %d\n",
			  e->detail, e->state);
		break;
	}
	case XCB_FOCUS_IN:
	case XCB_FOCUS_OUT: {
		xcb_focus_in_event_t *e = (xcb_focus_in_event_t *)ev;
		if (e->detail != XCB_NOTIFY_DETAIL_POINTER)
			logf_line((ev->response_type & 0x7f) == XCB_FOCUS_IN ? "focus-in\n"
									     : "focus-out\n");
		break;
	}
	case XCB_CONFIGURE_NOTIFY: {
		xcb_configure_notify_event_t *e = (xcb_configure_notify_event_t *)ev;
		if (e->window == g.win) {
			g.x = e->x, g.y = e->y;
			g.w = e->width, g.h = e->height;
		}
		break;
	}
	default: break;
	}
}

static void drain_events(void)
{
	xcb_generic_event_t *ev;
	while ((ev = xcb_poll_for_event(g.c))) {
		handle_event(ev);
		free(ev);
	}
	if (xcb_connection_has_error(g.c))
		die("X connection broken");
}

static void round_trip(void)
{
	free(xcb_get_input_focus_reply(g.c, xcb_get_input_focus(g.c), NULL));
	drain_events();
}

static void take_focus(void)
{
	uint32_t above = XCB_STACK_MODE_ABOVE;
	xcb_configure_window(g.c, g.win, XCB_CONFIG_WINDOW_STACK_MODE, &above);
	xcb_set_input_focus(g.c, XCB_INPUT_FOCUS_POINTER_ROOT, g.win, XCB_CURRENT_TIME);
	xcb_atom_t active = atom("_NET_ACTIVE_WINDOW");
	xcb_client_message_event_t m;
	memset(&m, 0, sizeof(m));
	m.response_type = XCB_CLIENT_MESSAGE;
	m.format = 32;
	m.window = g.win;
	m.type = active;
	m.data.data32[0] = 1; /* source: an application */
	xcb_send_event(g.c, 0, g.screen->root,
		       XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT | XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY,
		       (const char *)&m);
	xcb_change_property(g.c, XCB_PROP_MODE_REPLACE, g.screen->root, active, XCB_ATOM_WINDOW, 32,
			    1, &g.win);
}

static const char *run_command(const char *line, int *quit)
{
	int x, y;
	if (!strcmp(line, "quit")) {
		*quit = 1;
	} else if (!strcmp(line, "sync")) {
		/* the round trip after every command does it */
	} else if (!strcmp(line, "take-focus")) {
		take_focus();
	} else if (sscanf(line, "move %d %d", &x, &y) == 2) {
		uint32_t v[] = { (uint32_t)x, (uint32_t)y };
		xcb_configure_window(g.c, g.win, XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y, v);
	} else {
		return "error: unknown command";
	}
	return NULL;
}

static void parse_geometry(const char *s)
{
	unsigned w, h;
	int n = 0;
	if (sscanf(s, "%ux%u%n", &w, &h, &n) != 2 || !w || !h || w > 32767 || h > 32767)
		die("bad --geometry, want WxH+X+Y");
	if (s[n] && sscanf(s + n, "%d%d", &g.x, &g.y) != 2)
		die("bad --geometry, want WxH+X+Y");
	g.w = w, g.h = h;
}

static void usage(void)
{
	fprintf(stderr, "usage: vt-input --log FILE [--geometry WxH+X+Y] [--title T] [--popup] "
			"[--color RRGGBB] [--cursor GLYPH:NAME] [--dock]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *log = NULL;
	g.w = 200, g.h = 150, g.x = 50, g.y = 50;
	g.color = 0x808080;
	g.title = "vt-input";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--popup")) {
			g.popup = 1;
			continue;
		}
		if (!strcmp(a, "--dock")) {
			g.dock = 1;
			continue;
		}
		if (!v)
			usage();
		i++;
		if (!strcmp(a, "--log"))
			log = v;
		else if (!strcmp(a, "--geometry"))
			parse_geometry(v);
		else if (!strcmp(a, "--title"))
			g.title = v;
		else if (!strcmp(a, "--color"))
			g.color = (uint32_t)strtoul(v, NULL, 16) & 0xffffffu;
		else if (!strcmp(a, "--cursor") && strchr(v, ':')) {
			g.cursor_glyph = (uint16_t)strtoul(v, NULL, 10);
			g.cursor_name = strchr(v, ':') + 1;
		} else
			usage();
	}
	if (!log)
		usage();
	if (!(g.log = fopen(log, "a")))
		die("cannot open the --log file");

	int screen_no;
	g.c = xcb_connect(NULL, &screen_no);
	if (xcb_connection_has_error(g.c))
		die("cannot connect to the X server");
	xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(g.c));
	for (int i = 0; i < screen_no && it.rem; i++)
		xcb_screen_next(&it);
	g.screen = it.data;
	if (g.screen->root_depth != 24)
		die("the root window is not 24 bits deep");
	create_window();
	round_trip();
	round_trip();
	printf("window %u\n", g.win);
	fflush(stdout);

	char buf[4096];
	size_t have = 0;
	int quit = 0, xfd = xcb_get_file_descriptor(g.c);
	while (!quit) {
		vt_flush(g.c, drain_events, handle_event);
		struct pollfd p[2] = { { 0, POLLIN, 0 }, { xfd, POLLIN, 0 } };
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll failed");
		}
		if (p[1].revents & (POLLERR | POLLHUP) && !(p[1].revents & POLLIN))
			die("X connection closed");
		if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		ssize_t r = read(0, buf + have, sizeof(buf) - 1 - have);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r <= 0)
			break;
		have += (size_t)r;
		char *start = buf, *nl;
		while (!quit && (nl = memchr(start, '\n', have - (size_t)(start - buf)))) {
			*nl = '\0';
			const char *err = run_command(start, &quit);
			round_trip();
			round_trip();
			printf("%s\n", err ? err : "ok");
			fflush(stdout);
			start = nl + 1;
		}
		have -= (size_t)(start - buf);
		memmove(buf, start, have);
		if (have == sizeof(buf) - 1)
			have = 0;
	}
	fclose(g.log);
	xcb_disconnect(g.c);
	return 0;
}
