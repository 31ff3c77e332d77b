/*
 * vt-pattern: an X test client that draws a known pattern, driven from stdin.
 *
 *   vt-pattern [--geometry WxH+X+Y] [--title T] [--popup] [--color RRGGBB]
 *              [--pattern quad|solid] [--fullscreen]
 *
 * Creates one top-level window of depth 24 (override-redirect with --popup),
 * with WM_NAME/_NET_WM_NAME, WM_CLASS "vt-pattern","VtPattern", WM_NORMAL_HINTS
 * (USPosition|USSize) and WM_PROTOCOLS WM_DELETE_WINDOW (and, with
 * --fullscreen, _NET_WM_STATE _NET_WM_STATE_FULLSCREEN: asking a window
 * manager for fullscreen before the first map, as EWMH says), maps it and redraws
 * the pattern on every Expose:
 *   quad   red (top-left), green (top-right), blue (bottom-left), white
 *          (bottom-right) quadrants;
 *   solid  the --color everywhere.
 * Rectangles added with `rect` are drawn over the pattern, also on Expose.
 *
 * Once the window is mapped and drawn it prints `window ID` (decimal X id).
 * Then it reads commands from stdin, one per line, and answers each with `ok`
 * (or `error: WHY`) once the X server processed it and the resulting Expose
 * events were drawn (two round trips):
 *   resize W H | move X Y | unmap | map | destroy | color RRGGBB |
 *   title TEXT | rect X Y W H RRGGBB | flip N RRGGBB RRGGBB | stop | quit
 * `flip` draws up to N frames as fast as the X server takes them, each the
 * whole window in one request (one PolyFillRectangle, so every frame is
 * whole in the domain), alternating the two colours, with a round trip
 * after each frame; it stops early when a line arrives on stdin (`stop`,
 * which then answers ok too).
 * `destroy` destroys the window and keeps running. Exits 0 on stdin EOF or
 * `quit`, prints `closed` and exits 0 on WM_DELETE_WINDOW, exits 1 when the X
 * connection breaks.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xcb/xcb.h>
#include <xcb/xcb_icccm.h>

#include "vt-flush.h"

#define MAX_RECTS 256
#define LINE_MAX_LEN 4096

enum pattern { PAT_QUAD, PAT_SOLID };

struct rect_cmd {
	int16_t x, y;
	uint16_t w, h;
	uint32_t rgb;
};

static struct {
	xcb_connection_t *c;
	xcb_screen_t *screen;
	xcb_visualid_t visual;
	xcb_colormap_t colormap;
	int own_colormap;
	uint32_t rmask, gmask, bmask;
	xcb_window_t win;
	xcb_gcontext_t gc;
	xcb_atom_t wm_protocols, wm_delete, net_wm_name, utf8_string;
	int x, y;
	unsigned w, h;
	int popup;
	int fullscreen;
	enum pattern pattern;
	uint32_t color;
	char title[LINE_MAX_LEN];
	struct rect_cmd rects[MAX_RECTS];
	unsigned nrects;
	int closed;
} g;

static void die(const char *msg)
{
	fprintf(stderr, "vt-pattern: %s\n", msg);
	exit(1);
}

static int parse_rgb(const char *s, uint32_t *out)
{
	char *end;
	if (*s == '#')
		s++;
	if (strlen(s) != 6)
		return -1;
	unsigned long v = strtoul(s, &end, 16);
	if (*end)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* Scale an 8-bit channel into a visual's mask. */
static uint32_t channel(uint32_t v8, uint32_t mask)
{
	if (!mask)
		return 0;
	unsigned shift = 0, bits = 0;
	while (!(mask >> shift & 1))
		shift++;
	while (shift + bits < 32 && (mask >> (shift + bits) & 1))
		bits++;
	uint32_t v = bits >= 8 ? v8 << (bits - 8) : v8 >> (8 - bits);
	return (v << shift) & mask;
}

static uint32_t pixel(uint32_t rgb)
{
	return channel(rgb >> 16 & 0xff, g.rmask) | channel(rgb >> 8 & 0xff, g.gmask) |
	       channel(rgb & 0xff, g.bmask);
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

static void find_visual(void)
{
	xcb_depth_iterator_t d = xcb_screen_allowed_depths_iterator(g.screen);
	for (; d.rem; xcb_depth_next(&d)) {
		if (d.data->depth != 24)
			continue;
		xcb_visualtype_iterator_t v = xcb_depth_visuals_iterator(d.data);
		for (; v.rem; xcb_visualtype_next(&v)) {
			if (v.data->_class != XCB_VISUAL_CLASS_TRUE_COLOR)
				continue;
			/* prefer the root visual when it qualifies */
			if (!g.visual || v.data->visual_id == g.screen->root_visual) {
				g.visual = v.data->visual_id;
				g.rmask = v.data->red_mask;
				g.gmask = v.data->green_mask;
				g.bmask = v.data->blue_mask;
			}
		}
	}
	if (!g.visual)
		die("no depth-24 TrueColor visual");
	if (g.visual == g.screen->root_visual && g.screen->root_depth == 24) {
		g.colormap = g.screen->default_colormap;
	} else {
		g.colormap = xcb_generate_id(g.c);
		xcb_create_colormap(g.c, XCB_COLORMAP_ALLOC_NONE, g.colormap, g.screen->root,
				    g.visual);
		g.own_colormap = 1;
	}
}

static void fill(int x, int y, unsigned w, unsigned h, uint32_t rgb)
{
	if (!w || !h)
		return;
	uint32_t fg = pixel(rgb);
	xcb_change_gc(g.c, g.gc, XCB_GC_FOREGROUND, &fg);
	xcb_rectangle_t r = { (int16_t)x, (int16_t)y, (uint16_t)w, (uint16_t)h };
	xcb_poly_fill_rectangle(g.c, g.win, g.gc, 1, &r);
}

static void draw(void)
{
	if (!g.win)
		return;
	if (g.pattern == PAT_QUAD) {
		unsigned lw = g.w / 2, th = g.h / 2;
		fill(0, 0, lw, th, 0xff0000);
		fill((int)lw, 0, g.w - lw, th, 0x00ff00);
		fill(0, (int)th, lw, g.h - th, 0x0000ff);
		fill((int)lw, (int)th, g.w - lw, g.h - th, 0xffffff);
	} else {
		fill(0, 0, g.w, g.h, g.color);
	}
	for (unsigned i = 0; i < g.nrects; i++)
		fill(g.rects[i].x, g.rects[i].y, g.rects[i].w, g.rects[i].h, g.rects[i].rgb);
}

static void set_title(const char *t)
{
	if (t != g.title)
		snprintf(g.title, sizeof(g.title), "%s", t);
	uint32_t n = (uint32_t)strlen(g.title);
	xcb_icccm_set_wm_name(g.c, g.win, XCB_ATOM_STRING, 8, n, g.title);
	xcb_change_property(g.c, XCB_PROP_MODE_REPLACE, g.win, g.net_wm_name, g.utf8_string, 8, n,
			    g.title);
}

static void create_window(void)
{
	g.win = xcb_generate_id(g.c);
	uint32_t mask = XCB_CW_BACK_PIXMAP | XCB_CW_BORDER_PIXEL | XCB_CW_BIT_GRAVITY |
			XCB_CW_OVERRIDE_REDIRECT | XCB_CW_EVENT_MASK | XCB_CW_COLORMAP;
	uint32_t vals[] = {
		XCB_BACK_PIXMAP_NONE,
		0,
		XCB_GRAVITY_BIT_FORGET,
		(uint32_t)g.popup,
		XCB_EVENT_MASK_EXPOSURE | XCB_EVENT_MASK_STRUCTURE_NOTIFY,
		g.colormap,
	};
	xcb_create_window(g.c, 24, g.win, g.screen->root, (int16_t)g.x, (int16_t)g.y, (uint16_t)g.w,
			  (uint16_t)g.h, 0, XCB_WINDOW_CLASS_INPUT_OUTPUT, g.visual, mask, vals);

	set_title(g.title);
	static const char cls[] = "vt-pattern\0VtPattern";
	xcb_icccm_set_wm_class(g.c, g.win, sizeof(cls), cls);

	xcb_size_hints_t hints;
	memset(&hints, 0, sizeof(hints));
	xcb_icccm_size_hints_set_position(&hints, 1, g.x, g.y);
	xcb_icccm_size_hints_set_size(&hints, 1, (int32_t)g.w, (int32_t)g.h);
	xcb_icccm_set_wm_normal_hints(g.c, g.win, &hints);

	xcb_icccm_set_wm_protocols(g.c, g.win, g.wm_protocols, 1, &g.wm_delete);
	if (g.fullscreen) {
		xcb_atom_t fs = atom("_NET_WM_STATE_FULLSCREEN");
		xcb_change_property(g.c, XCB_PROP_MODE_REPLACE, g.win, atom("_NET_WM_STATE"),
				    XCB_ATOM_ATOM, 32, 1, &fs);
	}

	g.gc = xcb_generate_id(g.c);
	uint32_t fg = pixel(0);
	xcb_create_gc(g.c, g.gc, g.win, XCB_GC_FOREGROUND, &fg);
	xcb_map_window(g.c, g.win);
}

static void handle_event(xcb_generic_event_t *ev)
{
	switch (ev->response_type & 0x7f) {
	case 0: {
		xcb_generic_error_t *e = (xcb_generic_error_t *)ev;
		fprintf(stderr, "vt-pattern: X error %u (request %u.%u, resource 0x%x)\n",
			e->error_code, e->major_code, e->minor_code, e->resource_id);
		break;
	}
	case XCB_EXPOSE: {
		xcb_expose_event_t *e = (xcb_expose_event_t *)ev;
		if (e->window == g.win && e->count == 0)
			draw();
		break;
	}
	case XCB_CONFIGURE_NOTIFY: {
		xcb_configure_notify_event_t *e = (xcb_configure_notify_event_t *)ev;
		if (e->window == g.win) {
			g.x = e->x;
			g.y = e->y;
			g.w = e->width;
			g.h = e->height;
		}
		break;
	}
	case XCB_CLIENT_MESSAGE: {
		xcb_client_message_event_t *e = (xcb_client_message_event_t *)ev;
		if (e->window == g.win && e->type == g.wm_protocols && e->format == 32 &&
		    e->data.data32[0] == g.wm_delete)
			g.closed = 1;
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

/* Make sure the server processed everything so far, including our drawing in
 * reply to the Expose events that it caused. */
static void settle(void)
{
	round_trip();
	round_trip();
}

static void reply(const char *s)
{
	fputs(s, stdout);
	fputc('\n', stdout);
	fflush(stdout);
}

static const char *need_window(void)
{
	return g.win ? NULL : "error: no window";
}

/* Returns NULL on success or an error line. Sets *quit on `quit`. */
static const char *run_command(char *line, int *quit)
{
	char cmd[32];
	int n = 0;
	if (sscanf(line, "%31s%n", cmd, &n) != 1)
		return "error: empty command";
	char *arg = line + n;
	while (*arg == ' ' || *arg == '\t')
		arg++;
	const char *err;

	if (!strcmp(cmd, "quit")) {
		*quit = 1;
		return NULL;
	}
	if (!strcmp(cmd, "resize")) {
		unsigned w, h;
		if (sscanf(arg, "%u %u", &w, &h) != 2 || !w || !h || w > 32767 || h > 32767)
			return "error: usage: resize W H";
		if ((err = need_window()))
			return err;
		uint32_t v[] = { w, h };
		xcb_configure_window(g.c, g.win, XCB_CONFIG_WINDOW_WIDTH | XCB_CONFIG_WINDOW_HEIGHT,
				     v);
		g.w = w;
		g.h = h;
		return NULL;
	}
	if (!strcmp(cmd, "move")) {
		int x, y;
		if (sscanf(arg, "%d %d", &x, &y) != 2 || x < -32768 || x > 32767 || y < -32768 ||
		    y > 32767)
			return "error: usage: move X Y";
		if ((err = need_window()))
			return err;
		uint32_t v[] = { (uint32_t)x, (uint32_t)y };
		xcb_configure_window(g.c, g.win, XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y, v);
		return NULL;
	}
	if (!strcmp(cmd, "unmap") || !strcmp(cmd, "map") || !strcmp(cmd, "destroy")) {
		if ((err = need_window()))
			return err;
		if (cmd[0] == 'u') {
			xcb_unmap_window(g.c, g.win);
		} else if (cmd[0] == 'm') {
			xcb_map_window(g.c, g.win);
		} else {
			xcb_free_gc(g.c, g.gc);
			xcb_destroy_window(g.c, g.win);
			g.win = 0;
		}
		return NULL;
	}
	if (!strcmp(cmd, "color")) {
		uint32_t rgb;
		if (parse_rgb(arg, &rgb) < 0)
			return "error: usage: color RRGGBB";
		if ((err = need_window()))
			return err;
		g.pattern = PAT_SOLID;
		g.color = rgb;
		g.nrects = 0;
		draw();
		return NULL;
	}
	if (!strcmp(cmd, "flip")) {
		unsigned long frames;
		char c1[16], c2[16];
		uint32_t rgb[2];
		if (sscanf(arg, "%lu %15s %15s", &frames, c1, c2) != 3 || frames > 1000000 ||
		    parse_rgb(c1, &rgb[0]) < 0 || parse_rgb(c2, &rgb[1]) < 0)
			return "error: usage: flip N RRGGBB RRGGBB";
		if ((err = need_window()))
			return err;
		g.pattern = PAT_SOLID;
		g.nrects = 0;
		struct pollfd in = { 0, POLLIN, 0 };
		for (unsigned long i = 0; i < frames && poll(&in, 1, 0) == 0; i++) {
			g.color = rgb[i % 2];
			draw();
			free(xcb_get_input_focus_reply(g.c, xcb_get_input_focus(g.c), NULL));
		}
		return NULL;
	}
	if (!strcmp(cmd, "stop"))
		return NULL;
	if (!strcmp(cmd, "title")) {
		if ((err = need_window()))
			return err;
		set_title(arg);
		return NULL;
	}
	if (!strcmp(cmd, "rect")) {
		int x, y;
		unsigned w, h;
		char col[16];
		uint32_t rgb;
		if (sscanf(arg, "%d %d %u %u %15s", &x, &y, &w, &h, col) != 5 ||
		    parse_rgb(col, &rgb) < 0 || x < -32768 || x > 32767 || y < -32768 ||
		    y > 32767 || w > 65535 || h > 65535)
			return "error: usage: rect X Y W H RRGGBB";
		if ((err = need_window()))
			return err;
		if (g.nrects < MAX_RECTS)
			g.rects[g.nrects++] = (struct rect_cmd){ (int16_t)x, (int16_t)y,
								 (uint16_t)w, (uint16_t)h, rgb };
		fill(x, y, w, h, rgb);
		return NULL;
	}
	return "error: unknown command";
}

static void parse_geometry(const char *s)
{
	unsigned w, h;
	int x = 0, y = 0, n = 0;
	if (sscanf(s, "%ux%u%n", &w, &h, &n) != 2 || !w || !h || w > 32767 || h > 32767)
		die("bad --geometry, want WxH+X+Y");
	if (s[n] && sscanf(s + n, "%d%d", &x, &y) != 2)
		die("bad --geometry, want WxH+X+Y");
	g.w = w;
	g.h = h;
	g.x = x;
	g.y = y;
}

static void usage(void)
{
	fprintf(stderr, "usage: vt-pattern [--geometry WxH+X+Y] [--title T] [--popup] "
			"[--color RRGGBB] [--pattern quad|solid] [--fullscreen]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	g.w = 200;
	g.h = 150;
	g.x = 50;
	g.y = 50;
	g.color = 0xffffff;
	g.pattern = PAT_QUAD;
	snprintf(g.title, sizeof(g.title), "vt-pattern");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--popup")) {
			g.popup = 1;
		} else if (!strcmp(a, "--fullscreen")) {
			g.fullscreen = 1;
		} else if (!v) {
			usage();
		} else if (!strcmp(a, "--geometry")) {
			parse_geometry(v), i++;
		} else if (!strcmp(a, "--title")) {
			snprintf(g.title, sizeof(g.title), "%s", v), i++;
		} else if (!strcmp(a, "--color")) {
			if (parse_rgb(v, &g.color) < 0)
				die("bad --color, want RRGGBB");
			i++;
		} else if (!strcmp(a, "--pattern")) {
			if (!strcmp(v, "quad"))
				g.pattern = PAT_QUAD;
			else if (!strcmp(v, "solid"))
				g.pattern = PAT_SOLID;
			else
				die("bad --pattern, want quad or solid");
			i++;
		} else {
			usage();
		}
	}

	int screen_no;
	g.c = xcb_connect(NULL, &screen_no);
	if (xcb_connection_has_error(g.c))
		die("cannot connect to the X server");
	xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(g.c));
	for (int i = 0; i < screen_no && it.rem; i++)
		xcb_screen_next(&it);
	g.screen = it.data;
	find_visual();
	g.wm_protocols = atom("WM_PROTOCOLS");
	g.wm_delete = atom("WM_DELETE_WINDOW");
	g.net_wm_name = atom("_NET_WM_NAME");
	g.utf8_string = atom("UTF8_STRING");
	create_window();
	settle();
	printf("window %u\n", g.win);
	fflush(stdout);

	char buf[LINE_MAX_LEN];
	size_t have = 0;
	int eof = 0, quit = 0;
	int xfd = xcb_get_file_descriptor(g.c);
	while (!quit && !g.closed && !eof) {
		vt_flush(g.c, drain_events, handle_event);
		if (g.closed)
			break;
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
		if (r < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			die("read from stdin failed");
		}
		if (r == 0) {
			eof = 1;
			if (!have)
				break;
			buf[have++] = '\n'; /* run a last unterminated line */
		}
		have += (size_t)r;
		char *start = buf, *nl;
		while (!quit && (nl = memchr(start, '\n', have - (size_t)(start - buf)))) {
			*nl = '\0';
			if (nl > start && nl[-1] == '\r')
				nl[-1] = '\0';
			const char *err = run_command(start, &quit);
			settle();
			reply(err ? err : "ok");
			start = nl + 1;
		}
		have -= (size_t)(start - buf);
		memmove(buf, start, have);
		if (have == sizeof(buf) - 1) {
			reply("error: line too long");
			have = 0;
		}
	}
	if (g.closed)
		reply("closed");
	if (g.own_colormap)
		xcb_free_colormap(g.c, g.colormap);
	xcb_disconnect(g.c);
	return 0;
}
