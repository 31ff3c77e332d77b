/*
 * vt-desk: look at the desktop X server ($DISPLAY) the way the x11 backend's
 * tests need to, for what xprop, xwininfo and xdotool cannot do.
 *
 *   vt-desk grab OUT.png   the root window's pixels as an RGB PNG
 *   vt-desk list           one line per window anywhere in the tree that has
 *                          a _QUBES_VMNAME property (the daemon's windows):
 *     ID vm=NAME x=X y=Y w=W h=H or=0|1 mapped=0|1 top=TOP title="WM_NAME"
 *                          ID decimal; X,Y in root coordinates; TOP the
 *                          ancestor that is a child of the root (the window
 *                          manager's frame, or ID itself)
 *   vt-desk stack          the root's mapped children, bottom to top, decimal
 *   vt-desk close ID       send ID a WM_PROTOCOLS / WM_DELETE_WINDOW client
 *                          message, as a window manager's close button does
 *   vt-desk net-close ID   ask the window manager to close ID
 *                          (_NET_CLOSE_WINDOW to the root, source: pager)
 *   vt-desk sample N X Y W H
 *                          read that rectangle of the root N times
 *                          (GetImage) as fast as the server answers and
 *                          print `samples=N torn=T colours=RRGGBB,...`: T
 *                          readings held more than one colour; the colours
 *                          (up to 16) of the readings that held one
 *   vt-desk focus          the X server's input focus: `focus=ID` (decimal;
 *                          0: None, 1: PointerRoot)
 *   vt-desk maps SECONDS   the windows made and mapped at the root (popups,
 *                          the window manager's frames) in SECONDS:
 *                          `created=N mapped=M`
 *   vt-desk net-state ID add|remove ATOM [ATOM2]
 *                          ask the window manager to change ID's
 *                          _NET_WM_STATE, as its buttons do (source: pager)
 *
 * Exit 0 on success, 1 on an X error, 2 on a usage error.
 */
#include <png.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xcb/xcb.h>

static xcb_connection_t *c;
static xcb_screen_t *screen;

static void die(const char *msg)
{
	fprintf(stderr, "vt-desk: %s\n", msg);
	exit(1);
}

static xcb_atom_t atom(const char *name)
{
	xcb_intern_atom_reply_t *r =
		xcb_intern_atom_reply(c, xcb_intern_atom(c, 0, (uint16_t)strlen(name), name), NULL);
	if (!r)
		die("InternAtom failed");
	xcb_atom_t a = r->atom;
	free(r);
	return a;
}

static unsigned shift_of(uint32_t mask)
{
	unsigned s = 0;
	while (mask && !(mask >> s & 1))
		s++;
	return s;
}

static int grab(const char *path)
{
	xcb_visualtype_t *vis = NULL;
	xcb_depth_iterator_t d = xcb_screen_allowed_depths_iterator(screen);
	for (; d.rem && !vis; xcb_depth_next(&d)) {
		xcb_visualtype_iterator_t v = xcb_depth_visuals_iterator(d.data);
		for (; v.rem; xcb_visualtype_next(&v))
			if (v.data->visual_id == screen->root_visual)
				vis = v.data;
	}
	if (!vis || screen->root_depth != 24)
		die("the root is not a 24-bit TrueColor window");
	unsigned bpp = 0;
	xcb_format_iterator_t f = xcb_setup_pixmap_formats_iterator(xcb_get_setup(c));
	for (; f.rem; xcb_format_next(&f))
		if (f.data->depth == 24)
			bpp = f.data->bits_per_pixel;
	if (bpp != 32 || xcb_get_setup(c)->image_byte_order != XCB_IMAGE_ORDER_LSB_FIRST)
		die("only 32 bits per pixel, LSB first, is supported");
	uint16_t w = screen->width_in_pixels, h = screen->height_in_pixels;
	xcb_generic_error_t *err = NULL;
	xcb_get_image_reply_t *img = xcb_get_image_reply(
		c, xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, screen->root, 0, 0, w, h, ~0u),
		&err);
	if (!img || xcb_get_image_data_length(img) < (int)(w * h * 4))
		die("GetImage of the root failed");
	const uint8_t *src = xcb_get_image_data(img);
	unsigned rs = shift_of(vis->red_mask), gs = shift_of(vis->green_mask),
		 bs = shift_of(vis->blue_mask);
	uint8_t *rgb = malloc((size_t)w * h * 3);
	if (!rgb)
		die("out of memory");
	for (size_t i = 0; i < (size_t)w * h; i++) {
		uint32_t p = (uint32_t)src[4 * i] | (uint32_t)src[4 * i + 1] << 8 |
			     (uint32_t)src[4 * i + 2] << 16 | (uint32_t)src[4 * i + 3] << 24;
		rgb[3 * i] = (uint8_t)((p & vis->red_mask) >> rs);
		rgb[3 * i + 1] = (uint8_t)((p & vis->green_mask) >> gs);
		rgb[3 * i + 2] = (uint8_t)((p & vis->blue_mask) >> bs);
	}
	free(img);
	png_image pi;
	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	pi.width = w;
	pi.height = h;
	pi.format = PNG_FORMAT_RGB;
	int ok = png_image_write_to_file(&pi, path, 0, rgb, 0, NULL);
	free(rgb);
	if (!ok) {
		fprintf(stderr, "vt-desk: %s: %s\n", path, pi.message);
		return 1;
	}
	return 0;
}

/* A property as text (STRING / UTF8_STRING), or "" ; caller frees. */
static char *text_prop(xcb_window_t w, xcb_atom_t name)
{
	xcb_get_property_reply_t *r = xcb_get_property_reply(
		c, xcb_get_property(c, 0, w, name, XCB_GET_PROPERTY_TYPE_ANY, 0, 1024), NULL);
	int n = r && r->format == 8 ? xcb_get_property_value_length(r) : 0;
	char *s = malloc((size_t)n + 1);
	if (!s)
		die("out of memory");
	if (n)
		memcpy(s, xcb_get_property_value(r), (size_t)n);
	s[n] = '\0';
	int has = r && r->type != XCB_NONE;
	free(r);
	if (!has) {
		free(s);
		return NULL;
	}
	return s;
}

static void list_tree(xcb_window_t w, xcb_window_t top, xcb_atom_t vmname)
{
	xcb_query_tree_reply_t *t = xcb_query_tree_reply(c, xcb_query_tree(c, w), NULL);
	if (!t)
		return;
	xcb_window_t *kids = xcb_query_tree_children(t);
	int n = xcb_query_tree_children_length(t);
	for (int i = 0; i < n; i++) {
		xcb_window_t k = kids[i], ktop = w == screen->root ? k : top;
		char *vm = text_prop(k, vmname);
		if (vm) {
			xcb_get_geometry_reply_t *g =
				xcb_get_geometry_reply(c, xcb_get_geometry(c, k), NULL);
			xcb_get_window_attributes_reply_t *a = xcb_get_window_attributes_reply(
				c, xcb_get_window_attributes(c, k), NULL);
			xcb_translate_coordinates_reply_t *tr = xcb_translate_coordinates_reply(
				c, xcb_translate_coordinates(c, k, screen->root, 0, 0), NULL);
			char *title = text_prop(k, XCB_ATOM_WM_NAME);
			if (g && a && tr) {
				printf("%u vm=%s x=%d y=%d w=%u h=%u or=%d mapped=%d top=%u "
				       "title=\"",
				       k, vm, tr->dst_x, tr->dst_y, g->width, g->height,
				       a->override_redirect ? 1 : 0,
				       a->map_state == XCB_MAP_STATE_VIEWABLE ? 1 : 0, ktop);
				/* non-printable bytes as \xNN, so one line per window */
				for (const unsigned char *p =
					     (const unsigned char *)(title ? title : "");
				     *p; p++)
					printf(*p < 0x20 || *p == 0x7f || *p == '\\' || *p == '"'
						       ? "\\x%02x"
						       : "%c",
					       *p);
				printf("\"\n");
			}
			free(title);
			free(g);
			free(a);
			free(tr);
			free(vm);
		}
		list_tree(k, ktop, vmname);
	}
	free(t);
}

static int stack(void)
{
	xcb_query_tree_reply_t *t = xcb_query_tree_reply(c, xcb_query_tree(c, screen->root), NULL);
	if (!t)
		die("QueryTree failed");
	xcb_window_t *kids = xcb_query_tree_children(t);
	int n = xcb_query_tree_children_length(t);
	for (int i = 0; i < n; i++) {
		xcb_get_window_attributes_reply_t *a = xcb_get_window_attributes_reply(
			c, xcb_get_window_attributes(c, kids[i]), NULL);
		if (a && a->map_state == XCB_MAP_STATE_VIEWABLE)
			printf("%u\n", kids[i]);
		free(a);
	}
	free(t);
	return 0;
}

static int net_state(int argc, char **argv)
{
	char *end;
	unsigned long id = strtoul(argv[2], &end, 0);
	if (end == argv[2] || *end || !id || id > 0xffffffffu ||
	    (strcmp(argv[3], "add") && strcmp(argv[3], "remove")))
		return 2;
	xcb_client_message_event_t ev;
	memset(&ev, 0, sizeof(ev));
	ev.response_type = XCB_CLIENT_MESSAGE;
	ev.format = 32;
	ev.window = (xcb_window_t)id;
	ev.type = atom("_NET_WM_STATE");
	ev.data.data32[0] = !strcmp(argv[3], "add");
	ev.data.data32[1] = atom(argv[4]);
	ev.data.data32[2] = argc > 5 ? atom(argv[5]) : 0;
	ev.data.data32[3] = 2; /* source: pager, i.e. the user */
	xcb_generic_error_t *e = xcb_request_check(
		c, xcb_send_event_checked(c, 0, screen->root,
					  XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT |
						  XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY,
					  (const char *)&ev));
	if (e) {
		free(e);
		return 1;
	}
	return 0;
}

static int close_window(const char *arg, int via_wm)
{
	char *end;
	unsigned long id = strtoul(arg, &end, 0);
	if (end == arg || *end || !id || id > 0xffffffffu)
		return 2;
	xcb_client_message_event_t ev;
	memset(&ev, 0, sizeof(ev));
	ev.response_type = XCB_CLIENT_MESSAGE;
	ev.format = 32;
	ev.window = (xcb_window_t)id;
	xcb_window_t dest = (xcb_window_t)id;
	uint32_t mask = XCB_EVENT_MASK_NO_EVENT;
	if (via_wm) {
		ev.type = atom("_NET_CLOSE_WINDOW");
		ev.data.data32[0] = XCB_CURRENT_TIME;
		ev.data.data32[1] = 2; /* source: pager, i.e. the user */
		dest = screen->root;
		mask = XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT | XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY;
	} else {
		ev.type = atom("WM_PROTOCOLS");
		ev.data.data32[0] = atom("WM_DELETE_WINDOW");
		ev.data.data32[1] = XCB_CURRENT_TIME;
	}
	xcb_generic_error_t *e =
		xcb_request_check(c, xcb_send_event_checked(c, 0, dest, mask, (const char *)&ev));
	if (e) {
		fprintf(stderr, "vt-desk: SendEvent to %lu failed: X error %u\n", id,
			e->error_code);
		free(e);
		return 1;
	}
	return 0;
}

/* A torn reading, as runs of rows of one colour (or "mixed" rows), on
 * stderr: which frames met, and where. */
static void tell_torn(const uint32_t *px, size_t w, size_t h)
{
	fprintf(stderr, "vt-desk: torn reading (%zux%zu):", w, h);
	size_t y0 = 0;
	long last = -2;
	for (size_t y = 0; y <= h; y++) {
		long k = -2;
		if (y < h) {
			k = px[y * w] & 0xffffff;
			for (size_t x = 1; x < w; x++)
				if ((long)(px[y * w + x] & 0xffffff) != k)
					k = -1;
		}
		if (y && k != last) {
			if (last == -1)
				fprintf(stderr, " rows %zu-%zu mixed;", y0, y - 1);
			else
				fprintf(stderr, " rows %zu-%zu %06lx;", y0, y - 1, last);
			y0 = y;
		}
		last = k;
	}
	fprintf(stderr, "\n");
}

/* sample N X Y W H: see the header. */
static int sample(char **argv)
{
	long v[5];
	for (int i = 0; i < 5; i++) {
		char *end;
		v[i] = strtol(argv[i], &end, 10);
		if (end == argv[i] || *end || v[i] < (i == 1 || i == 2 ? -32768 : 1) ||
		    v[i] > (i ? 32767 : 1000000))
			return 2;
	}
	uint32_t seen[16];
	unsigned nseen = 0, torn = 0;
	for (long k = 0; k < v[0]; k++) {
		xcb_get_image_reply_t *r = xcb_get_image_reply(
			c,
			xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, screen->root, (int16_t)v[1],
				      (int16_t)v[2], (uint16_t)v[3], (uint16_t)v[4], ~0u),
			NULL);
		if (!r || r->depth != 24 ||
		    (size_t)xcb_get_image_data_length(r) < (size_t)v[3] * (size_t)v[4] * 4) {
			free(r);
			die("GetImage failed (a 24-bit root of 32 bits a pixel is needed)");
		}
		const uint32_t *px = (const uint32_t *)xcb_get_image_data(r);
		size_t n = (size_t)v[3] * (size_t)v[4];
		uint32_t first = px[0] & 0xffffff;
		size_t i = 1;
		while (i < n && (px[i] & 0xffffff) == first)
			i++;
		if (i < n) {
			if (!torn++) /* the first one, told: where its colours change */
				tell_torn(px, (size_t)v[3], (size_t)v[4]);
		} else {
			unsigned j = 0;
			while (j < nseen && seen[j] != first)
				j++;
			if (j == nseen && nseen < 16)
				seen[nseen++] = first;
		}
		free(r);
	}
	printf("samples=%ld torn=%u colours=", v[0], torn);
	for (unsigned j = 0; j < nseen; j++)
		printf("%s%06x", j ? "," : "", seen[j]);
	printf("\n");
	return 0;
}

/* The windows made and mapped at the root (popups, window managers'
 * frames) in the next SECONDS: "created=N mapped=M". */
static int maps(const char *secs)
{
	uint32_t ev = XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY;
	xcb_change_window_attributes(c, screen->root, XCB_CW_EVENT_MASK, &ev);
	xcb_flush(c);
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	double end = (double)t.tv_sec + (double)t.tv_nsec / 1e9 + atof(secs), now;
	unsigned created = 0, mapped = 0;
	do {
		struct pollfd p = { xcb_get_file_descriptor(c), POLLIN, 0 };
		poll(&p, 1, 50);
		xcb_generic_event_t *e;
		while ((e = xcb_poll_for_event(c))) {
			created += (e->response_type & 0x7f) == XCB_CREATE_NOTIFY;
			mapped += (e->response_type & 0x7f) == XCB_MAP_NOTIFY;
			free(e);
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		now = (double)t.tv_sec + (double)t.tv_nsec / 1e9;
	} while (now < end && !xcb_connection_has_error(c));
	printf("created=%u mapped=%u\n", created, mapped);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: vt-desk grab OUT.png | list | stack | close ID | net-close ID | "
			"net-state ID add|remove ATOM [ATOM2] | sample N X Y W H | focus | "
			"maps SECONDS\n");
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	int nscreen;
	c = xcb_connect(NULL, &nscreen);
	if (xcb_connection_has_error(c))
		die("cannot connect to the X server");
	xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(c));
	for (int i = 0; i < nscreen && it.rem; i++)
		xcb_screen_next(&it);
	screen = it.data;
	int rc = 2;
	if (!strcmp(argv[1], "grab") && argc == 3)
		rc = grab(argv[2]);
	else if (!strcmp(argv[1], "list") && argc == 2) {
		xcb_grab_server(c);
		list_tree(screen->root, screen->root, atom("_QUBES_VMNAME"));
		xcb_ungrab_server(c);
		rc = 0;
	} else if (!strcmp(argv[1], "stack") && argc == 2)
		rc = stack();
	else if (!strcmp(argv[1], "close") && argc == 3)
		rc = close_window(argv[2], 0);
	else if (!strcmp(argv[1], "net-close") && argc == 3)
		rc = close_window(argv[2], 1);
	else if (!strcmp(argv[1], "net-state") && (argc == 5 || argc == 6))
		rc = net_state(argc, argv);
	else if (!strcmp(argv[1], "maps") && argc == 3)
		rc = maps(argv[2]);
	else if (!strcmp(argv[1], "sample") && argc == 7)
		rc = sample(argv + 2);
	else if (!strcmp(argv[1], "focus") && argc == 2) {
		xcb_get_input_focus_reply_t *f =
			xcb_get_input_focus_reply(c, xcb_get_input_focus(c), NULL);
		if (f)
			printf("focus=%u\n", f->focus);
		rc = f ? 0 : 1;
		free(f);
	} else
		usage();
	if (rc == 2)
		usage();
	fflush(stdout);
	xcb_disconnect(c);
	return rc;
}
