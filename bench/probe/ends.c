/*
 * vb-probe's two ends (probe.h): its window on the guest, and where it looks
 * for it: a desktop X server, or the control socket.
 */
#include "probe.h"

/* ------------------------------------------------------------ guest */

void make_frames(void)
{
	P.frame_bytes = (size_t)P.W * P.H * 4;
	int fd = memfd_create("vb-probe", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, (off_t)(P.frame_bytes * NFRAMES)) < 0)
		vb_die("memfd: %s", strerror(errno));
	P.pix = mmap(NULL, P.frame_bytes * NFRAMES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (P.pix == MAP_FAILED)
		vb_die("mmap: %s", strerror(errno));
	uint64_t x = 0x9e3779b97f4a7c15ull;
	size_t n = P.frame_bytes * NFRAMES / 4;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		P.pix[i] = (uint32_t)x & 0xffffff;
	}
	P.seg = xcb_generate_id(P.g);
	xcb_void_cookie_t ck = xcb_shm_attach_fd_checked(P.g, P.seg, fd, 1); /* xcb closes fd */
	xcb_generic_error_t *e = xcb_request_check(P.g, ck);
	if (e)
		vb_die("MIT-SHM attach failed on the guest (error %u)", e->error_code);
}

/* Frame k into the window: the marker goes into its buffer first. */
void put_frame(unsigned k)
{
	uint32_t *f = P.pix + (size_t)(k % NFRAMES) * P.W * P.H;
	uint32_t m = marker(k);
	for (int y = 0; y < MARK; y++)
		for (int x = 0; x < MARK; x++)
			f[(size_t)y * P.W + (size_t)x] = m;
	xcb_shm_put_image(P.g, P.win, P.gc, (uint16_t)P.W, (uint16_t)P.H, 0, 0, (uint16_t)P.W,
			  (uint16_t)P.H, 0, 0, 24, XCB_IMAGE_FORMAT_Z_PIXMAP, 0, P.seg,
			  (uint32_t)((k % NFRAMES) * P.frame_bytes));
}

void make_window(void)
{
	P.win = xcb_generate_id(P.g);
	uint32_t mask = XCB_CW_BACK_PIXEL | XCB_CW_EVENT_MASK;
	uint32_t v[] = { 0, XCB_EVENT_MASK_EXPOSURE | XCB_EVENT_MASK_KEY_PRESS |
				    XCB_EVENT_MASK_KEY_RELEASE | XCB_EVENT_MASK_FOCUS_CHANGE |
				    XCB_EVENT_MASK_STRUCTURE_NOTIFY };
	xcb_create_window(P.g, XCB_COPY_FROM_PARENT, P.win, P.gs->root, P.X, P.Y, (uint16_t)P.W,
			  (uint16_t)P.H, 0, XCB_WINDOW_CLASS_INPUT_OUTPUT, P.gs->root_visual, mask,
			  v);
	vb_set_title(P.g, P.win, P.title);
	const char cls[] = "vb-probe\0VbProbe";
	xcb_change_property(P.g, XCB_PROP_MODE_REPLACE, P.win, XCB_ATOM_WM_CLASS, XCB_ATOM_STRING,
			    8, sizeof(cls), cls);
	P.gc = xcb_generate_id(P.g);
	uint32_t gv[] = { 0 };
	xcb_create_gc(P.g, P.gc, P.win, XCB_GC_GRAPHICS_EXPOSURES, gv);
	xcb_map_window(P.g, P.win);
	vb_sync(P.g);
	put_frame(0);
	vb_sync(P.g);
}

/* Expose (after a window manager reparented the window, as Xpra's server
 * does): the current frame again. */
static void guest_event(xcb_generic_event_t *ev)
{
	if ((ev->response_type & 0x7f) == XCB_EXPOSE && !((xcb_expose_event_t *)ev)->count) {
		put_frame(atomic_load(&P.frame));
		xcb_flush(P.g);
	}
}

void drain_guest(void)
{
	xcb_generic_event_t *ev;
	while ((ev = xcb_poll_for_event(P.g))) {
		guest_event(ev);
		free(ev);
	}
	if (xcb_connection_has_error(P.g))
		vb_die("lost the guest X server");
}

/* The next guest event of that type (and key detail, if nonzero) within
 * timeout seconds; returns its arrival time, or -1. */
double wait_guest(uint8_t type, uint8_t detail, double timeout)
{
	double end = vb_now() + timeout;
	for (;;) {
		xcb_generic_event_t *ev;
		while ((ev = xcb_poll_for_event(P.g))) {
			double t = vb_now();
			uint8_t ty = ev->response_type & 0x7f;
			guest_event(ev);
			int hit = ty == type &&
				  (!detail || ((xcb_key_press_event_t *)ev)->detail == detail);
			free(ev);
			if (hit)
				return t;
		}
		if (xcb_connection_has_error(P.g))
			vb_die("lost the guest X server");
		double left = end - vb_now();
		if (left <= 0)
			return -1;
		struct pollfd p = { xcb_get_file_descriptor(P.g), POLLIN, 0 };
		poll(&p, 1, (int)(left * 1000) + 1);
	}
}

/* ------------------------------------------------------------ desktop */

static int name_matches(xcb_window_t w, xcb_atom_t prop)
{
	xcb_get_property_reply_t *r = xcb_get_property_reply(
		P.d, xcb_get_property(P.d, 0, w, prop, XCB_GET_PROPERTY_TYPE_ANY, 0, 256), NULL);
	int hit = 0;
	if (r && r->format == 8) {
		int n = xcb_get_property_value_length(r);
		hit = memmem(xcb_get_property_value(r), (size_t)n, P.title, strlen(P.title)) !=
		      NULL;
	}
	free(r);
	return hit;
}

/* The viewable top-level of the desktop whose name contains our title. */
static xcb_window_t find_output(void)
{
	xcb_atom_t net = vb_atom(P.d, "_NET_WM_NAME");
	xcb_query_tree_reply_t *t =
		xcb_query_tree_reply(P.d, xcb_query_tree(P.d, P.ds->root), NULL);
	xcb_window_t found = XCB_NONE;
	if (!t)
		return XCB_NONE;
	xcb_window_t *ch = xcb_query_tree_children(t);
	for (int i = xcb_query_tree_children_length(t) - 1; i >= 0 && !found; i--) {
		xcb_get_window_attributes_reply_t *a = xcb_get_window_attributes_reply(
			P.d, xcb_get_window_attributes(P.d, ch[i]), NULL);
		int viewable = a && a->map_state == XCB_MAP_STATE_VIEWABLE;
		free(a);
		if (viewable && (name_matches(ch[i], XCB_ATOM_WM_NAME) || name_matches(ch[i], net)))
			found = ch[i];
	}
	free(t);
	return found;
}

/* The colour of one pixel of the output window, or -1. */
int64_t desk_pixel(int x, int y)
{
	xcb_generic_error_t *e = NULL;
	xcb_get_image_reply_t *r =
		xcb_get_image_reply(P.d,
				    xcb_get_image(P.d, XCB_IMAGE_FORMAT_Z_PIXMAP, P.dwin,
						  (int16_t)x, (int16_t)y, 1, 1, ~0u),
				    &e);
	if (e && getenv("VB_DEBUG"))
		fprintf(stderr, "vb-probe: GetImage on 0x%x: X error %u\n", P.dwin, e->error_code);
	free(e);
	if (!r)
		return -1;
	int64_t v = -1;
	if (xcb_get_image_data_length(r) >= 4) {
		uint32_t p;
		memcpy(&p, xcb_get_image_data(r), 4);
		v = p & 0xffffff;
	}
	free(r);
	return v;
}

/* The area of a (output window coordinates) that falls in our content. */
static uint64_t overlap(const xcb_rectangle_t *a)
{
	int64_t x1 = a->x > P.offx ? a->x : P.offx, y1 = a->y > P.offy ? a->y : P.offy;
	int64_t x2 = (int64_t)a->x + a->width, y2 = (int64_t)a->y + a->height;
	if (x2 > (int64_t)P.offx + P.W)
		x2 = (int64_t)P.offx + P.W;
	if (y2 > (int64_t)P.offy + P.H)
		y2 = (int64_t)P.offy + P.H;
	return x2 > x1 && y2 > y1 ? (uint64_t)((x2 - x1) * (y2 - y1)) : 0;
}

/* Damage events read so far (their area in our content is added to
 * P.painted); with want, 1 when one of them intersects
 * that rectangle (output window coordinates). */
int drain_desktop(const xcb_rectangle_t *want)
{
	xcb_generic_event_t *ev;
	int hit = 0;
	while ((ev = xcb_poll_for_event(P.d))) {
		if ((ev->response_type & 0x7f) == P.damage_ev + XCB_DAMAGE_NOTIFY) {
			xcb_damage_notify_event_t *e = (xcb_damage_notify_event_t *)ev;
			const xcb_rectangle_t *a = &e->area;
			P.painted += overlap(a);
			if (!want || (a->x < want->x + want->width && want->x < a->x + a->width &&
				      a->y < want->y + want->height && want->y < a->y + a->height))
				hit = 1;
		}
		free(ev);
	}
	if (xcb_connection_has_error(P.d))
		vb_die("lost the desktop X server");
	return hit;
}

/* Waits up to timeout for a damage event on want; returns its time or -1. */
double wait_desktop(const xcb_rectangle_t *want, double timeout)
{
	double end = vb_now() + timeout;
	for (;;) {
		if (drain_desktop(want))
			return vb_now();
		double left = end - vb_now();
		if (left <= 0)
			return -1;
		struct pollfd p = { xcb_get_file_descriptor(P.d), POLLIN, 0 };
		poll(&p, 1, (int)(left * 1000) + 1);
	}
}

void setup_desktop(void)
{
	const xcb_query_extension_reply_t *ext = xcb_get_extension_data(P.d, &xcb_damage_id);
	if (!ext || !ext->present)
		vb_die("the desktop X server has no DAMAGE");
	P.damage_ev = ext->first_event;
	free(xcb_xfixes_query_version_reply(P.d, xcb_xfixes_query_version(P.d, 5, 0), NULL));
	free(xcb_damage_query_version_reply(P.d, xcb_damage_query_version(P.d, 1, 1), NULL));
	double end = vb_now() + 20;
	while (!(P.dwin = find_output())) {
		if (vb_now() > end)
			vb_die("no window named '%s' appeared on the desktop", P.title);
		vb_sleep(0.05);
	}
	xcb_get_geometry_reply_t *g =
		xcb_get_geometry_reply(P.d, xcb_get_geometry(P.d, P.dwin), NULL);
	if (!g)
		vb_die("the output window vanished");
	/* the content is centred in the output window (vitrine: a frame of
	 * the same width on every side; Xpra: none) */
	P.offx = ((int)g->width - (int)P.W) / 2;
	P.offy = ((int)g->height - (int)P.H) / 2;
	free(g);
	xcb_damage_damage_t dmg = xcb_generate_id(P.d);
	xcb_damage_create(P.d, dmg, P.dwin, XCB_DAMAGE_REPORT_LEVEL_RAW_RECTANGLES);
	/* the first frame's marker must be there */
	int64_t px;
	while ((px = desk_pixel(P.offx + 1, P.offy + 1)) != marker(0)) {
		if (vb_now() > end)
			vb_die("the first frame did not reach the desktop window (offset %d,%d: "
			       "%06llx, not %06x)",
			       P.offx, P.offy, (long long)px, marker(0));
		drain_guest();
		wait_desktop(NULL, 0.05);
	}
	drain_desktop(NULL);
}

/* ------------------------------------------------------------ control socket */

struct count {
	char id[16];
	unsigned long long damage;
	int found;
};

static void count_line(const char *line, void *data)
{
	struct count *c = data;
	const char *sp = strchr(line, ' ');
	if (!sp || strncmp(sp + 1, c->id, strlen(c->id)) || sp[1 + strlen(c->id)] != ' ')
		return;
	if (strncmp(line, P.domain, (size_t)(sp - line)))
		return;
	const char *d = strstr(line, " damage=");
	if (d) {
		c->damage = strtoull(d + 8, NULL, 10);
		c->found = 1;
	}
}

/* The daemon's damage count of our window. */
unsigned long long damage_count(struct vb_ctl *c)
{
	struct count cnt = { .found = 0 };
	snprintf(cnt.id, sizeof(cnt.id), "%u", P.win);
	vb_ctl_send(c, "windows");
	if (!vb_ctl_reply(c, 10, count_line, &cnt) || !cnt.found)
		vb_die("our window %u is not in `windows`", P.win);
	return cnt.damage;
}

void setup_control(void)
{
	if (vb_ctl_open(&P.ctl, P.ctl_path) < 0)
		vb_die("cannot connect to %s", P.ctl_path);
	vb_ctl_send(&P.ctl, "wait-pixels %s 1", P.domain);
	if (!vb_ctl_reply(&P.ctl, 20, NULL, NULL))
		vb_die("the window never got pixels at the daemon");
}
