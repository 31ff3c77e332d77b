/*
 * vb-probe: the measuring client of the benchmarks. One process holds the
 * connection to the domain's X server (the "guest", where it draws and
 * where it receives keys) and the connection to where the output is seen:
 * either the desktop X server (--desktop: vitrine's x11 backend or an Xpra
 * client; arrival is a DAMAGE event on the output window, checked by
 * reading the pixel back) or vitrine's control socket (--control: the
 * headless backend; arrival is the reply to `wait-damage`, which the daemon
 * sends right after the repaint that included that damage). All times are
 * CLOCK_MONOTONIC in this one process.
 *
 *   vb-probe --guest DISPLAY --size WxH [--position X,Y] --title TITLE
 *            [--desktop DISPLAY | --control SOCKET --domain NAME]
 *            [--proc NAME=PID]... [--flood]
 *
 * It creates one top-level window of WxH on the guest, shows a full frame
 * of noise with a frame marker (an 8x8 block at the top left whose colour
 * is the frame number), waits until that frame is seen at the output and
 * prints `ready window=ID`. Then it reads commands on stdin, one a line,
 * and answers each with one line of key=value fields:
 *
 *   full SECONDS DEPTH redraw the whole window as fast as possible (MIT-SHM
 *                      PutImage of 4 pre-made noise frames, a round trip
 *                      after each); count the distinct frames that reach
 *                      the output. DEPTH > 0: at most DEPTH frames on their
 *                      way to the output (paced by what arrives); 0: open
 *                      loop, as fast as the guest X server takes them.
 *                      -> frames= drawn= stalls= seconds= cpu= cpu.NAME=...
 *   small SECONDS MAX FILE
 *                      fill a 64x64 rectangle with a new colour, wait until
 *                      it is at the output, append the latency (ms) to FILE;
 *                      again after a 1-2 ms pause. -> n= seconds= cpu= ...
 *   keys SECONDS MAX FILE
 *                      focus the window (desktop: SetInputFocus on the output
 *                      window; control: `focus DOMAIN ID`), then press and
 *                      release a key (desktop: XTEST on the desktop;
 *                      control: `key a press|release`); the latency is from
 *                      just before the press is sent to the KeyPress at the
 *                      window. -> n= seconds= cpu= ...
 *   quit
 *
 * cpu= is the utime+stime of every --proc (PID "self" is this process)
 * during the command. With --flood it only redraws the whole window until
 * stdin closes (the neighbour that floods damage), after printing `ready`.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <xcb/damage.h>
#include <xcb/shm.h>
#include <xcb/xfixes.h>
#include <xcb/xtest.h>

#include "bench.h"

#define NFRAMES 4
#define MARK 8
#define SMALL 64
#define KEYCODE 38 /* 'a' in the default keymap of Xvfb */

static struct {
	/* the guest */
	xcb_connection_t *g;
	xcb_screen_t *gs;
	xcb_window_t win;
	xcb_gcontext_t gc;
	uint32_t W, H;
	int16_t X, Y;
	uint32_t *pix; /* NFRAMES frames */
	size_t frame_bytes;
	xcb_shm_seg_t seg;
	const char *title;
	/* the output: desktop */
	xcb_connection_t *d;
	xcb_screen_t *ds;
	xcb_window_t dwin;
	int offx, offy;
	uint8_t damage_ev;
	/* the output: control socket */
	const char *ctl_path, *domain;
	struct vb_ctl ctl;
	struct vb_procs procs;
	/* full: the drawing thread */
	atomic_bool stop;
	atomic_uint frame;
	unsigned drawn;
} P;

static uint32_t marker(unsigned k)
{
	return ((k * 2654435761u) >> 8 & 0xffffff) | 0x010101;
}

/* ------------------------------------------------------------ guest */

static void make_frames(void)
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
static void put_frame(unsigned k)
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

static void make_window(void)
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

static void drain_guest(void)
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
static double wait_guest(uint8_t type, uint8_t detail, double timeout)
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
static int64_t desk_pixel(int x, int y)
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

/* Damage events read so far; with want, 1 when one of them intersects
 * that rectangle (output window coordinates). */
static int drain_desktop(const xcb_rectangle_t *want)
{
	xcb_generic_event_t *ev;
	int hit = 0;
	while ((ev = xcb_poll_for_event(P.d))) {
		if ((ev->response_type & 0x7f) == P.damage_ev + XCB_DAMAGE_NOTIFY) {
			xcb_damage_notify_event_t *e = (xcb_damage_notify_event_t *)ev;
			const xcb_rectangle_t *a = &e->area;
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
static double wait_desktop(const xcb_rectangle_t *want, double timeout)
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

static void setup_desktop(void)
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
static unsigned long long damage_count(struct vb_ctl *c)
{
	struct count cnt = { .found = 0 };
	snprintf(cnt.id, sizeof(cnt.id), "%u", P.win);
	vb_ctl_send(c, "windows");
	if (!vb_ctl_reply(c, 10, count_line, &cnt) || !cnt.found)
		vb_die("our window %u is not in `windows`", P.win);
	return cnt.damage;
}

static void setup_control(void)
{
	if (vb_ctl_open(&P.ctl, P.ctl_path) < 0)
		vb_die("cannot connect to %s", P.ctl_path);
	vb_ctl_send(&P.ctl, "wait-pixels %s 1", P.domain);
	if (!vb_ctl_reply(&P.ctl, 20, NULL, NULL))
		vb_die("the window never got pixels at the daemon");
}

/* ------------------------------------------------------------ full */

/* Paced (depth D > 0): frame k is drawn only when k <= allow. Desktop:
 * allow = seen + D, where seen is the newest frame whose marker was read
 * back at the output: at most D frames on their way. Control socket (no
 * frame identity there): each time the main loop has had a repaint reply
 * and read the damage count, one more frame may go, so about one frame per
 * repaint. Open loop (D = 0): no waiting. A stall of 200 ms lets the next
 * frame go anyway (counted in stalls=). */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t progress = PTHREAD_COND_INITIALIZER;
static unsigned depth, allow, stalls;

static void *drawer(void *arg)
{
	(void)arg;
	while (!atomic_load(&P.stop)) {
		unsigned k = atomic_load(&P.frame) + 1;
		if (depth) {
			pthread_mutex_lock(&lock);
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += 200 * 1000000L;
			if (until.tv_nsec >= 1000000000L)
				until.tv_sec++, until.tv_nsec -= 1000000000L;
			int r = 0;
			while ((int)(k - allow) > 0 && !atomic_load(&P.stop) && r == 0)
				r = pthread_cond_timedwait(&progress, &lock, &until);
			if (r)
				stalls++;
			pthread_mutex_unlock(&lock);
		}
		put_frame(k);
		atomic_store(&P.frame, k);
		vb_sync(P.g);
		P.drawn++;
	}
	return NULL;
}

/* Frames up to a may be drawn. */
static void let_go(unsigned a)
{
	pthread_mutex_lock(&lock);
	if ((int)(a - allow) > 0)
		allow = a;
	pthread_cond_signal(&progress);
	pthread_mutex_unlock(&lock);
}

/* The frame whose marker is m, searching back from the newest drawn. */
static int frame_of(uint32_t m, unsigned *k)
{
	unsigned top = atomic_load(&P.frame) + 1;
	for (unsigned i = 0; i < 256 && i <= top; i++)
		if (marker(top - i) == m) {
			*k = top - i;
			return 1;
		}
	return 0;
}

static void cmd_full(double seconds, unsigned d)
{
	char out[2048] = "";
	unsigned frames = 0;
	P.drawn = 0;
	depth = d;
	stalls = 0;
	allow = atomic_load(&P.frame) + depth;
	atomic_store(&P.stop, false);
	drain_guest();
	struct vb_ctl c = { .fd = -1 };
	if (P.ctl_path && vb_ctl_open(&c, P.ctl_path) < 0)
		vb_die("cannot connect to %s", P.ctl_path);
	if (P.d)
		drain_desktop(NULL);
	vb_procs_start(&P.procs);
	double t0 = vb_now(), end = t0 + seconds;
	pthread_t th;
	pthread_create(&th, NULL, drawer, NULL);
	if (P.d) {
		int64_t last = desk_pixel(P.offx + 1, P.offy + 1);
		while (vb_now() < end) {
			if (wait_desktop(NULL, end - vb_now()) < 0)
				break;
			int64_t m = desk_pixel(P.offx + 1, P.offy + 1);
			unsigned k;
			if (m >= 0 && m != last) {
				frames++;
				if (frame_of((uint32_t)m, &k))
					let_go(k + depth);
			}
			last = m;
		}
	} else {
		/* each reply is one repaint that showed new damage of ours */
		while (vb_now() < end) {
			unsigned long long n = damage_count(&c);
			let_go(atomic_load(&P.frame) + 1);
			vb_ctl_send(&c, "wait-damage %s %u %llu", P.domain, P.win, n + 1);
			if (!vb_ctl_reply(&c, end - vb_now(), NULL, NULL))
				break;
			frames++;
		}
	}
	double t1 = vb_now();
	atomic_store(&P.stop, true);
	let_go(atomic_load(&P.frame) + depth + 1); /* let the drawer out */
	pthread_join(th, NULL);
	double cpu = vb_procs_end(&P.procs, out, sizeof(out));
	vb_ctl_close(&c); /* a wait left pending dies with the connection */
	printf("frames=%u drawn=%u stalls=%u seconds=%.4f cpu=%.4f%s\n", frames, P.drawn, stalls,
	       t1 - t0, cpu, out);
	fflush(stdout);
}

/* ------------------------------------------------------------ small */

/* Control socket: one fill is one DAMAGE message, so the count to wait for
 * is the last one + 1; the daemon's count is read back (`windows`, whose
 * reply grows with the number of windows) only every RESYNC updates, and
 * if it is not what was expected, the samples since the last check are
 * dropped (discarded=). */
#define RESYNC 32

static void cmd_small(double seconds, unsigned max, const char *file)
{
	char out[2048] = "";
	FILE *f = fopen(file, "a");
	if (!f)
		vb_die("cannot open %s", file);
	unsigned n = 0, misses = 0, discarded = 0, npend = 0;
	double pend[RESYNC];
	unsigned long long count = 0;
	if (P.ctl_path)
		count = damage_count(&P.ctl);
	drain_guest();
	if (P.d)
		drain_desktop(NULL);
	vb_procs_start(&P.procs);
	double t0 = vb_now(), end = t0 + seconds;
	uint32_t seed = 12345;
	for (unsigned i = 0;; i++) {
		int done = n + npend >= max || vb_now() >= end;
		if (npend && (npend == RESYNC || done)) {
			unsigned long long now = P.ctl_path ? damage_count(&P.ctl) : count;
			if (now == count) {
				for (unsigned k = 0; k < npend; k++)
					fprintf(f, "%.6f\n", pend[k]);
				n += npend;
			} else {
				discarded += npend;
				count = now;
			}
			npend = 0;
		}
		if (done)
			break;
		int16_t x = (int16_t)(MARK + 8 + (i * 67u) % (P.W - SMALL - MARK - 16));
		int16_t y = (int16_t)(MARK + 8 + (i * 131u) % (P.H - SMALL - MARK - 16));
		seed = seed * 1103515245u + 12345u;
		uint32_t colour = (seed >> 4 & 0xffffff) | 0x010101;
		xcb_rectangle_t r = { x, y, SMALL, SMALL };
		if (P.ctl_path) /* registered before the draw: no race */
			vb_ctl_send(&P.ctl, "wait-damage %s %u %llu", P.domain, P.win, count + 1);
		double ts = vb_now();
		xcb_change_gc(P.g, P.gc, XCB_GC_FOREGROUND, &colour);
		xcb_poly_fill_rectangle(P.g, P.win, P.gc, 1, &r);
		xcb_flush(P.g);
		double ta = -1;
		if (P.d) {
			xcb_rectangle_t want = { (int16_t)(x + P.offx), (int16_t)(y + P.offy),
						 SMALL, SMALL };
			while (ta < 0) {
				double t = wait_desktop(&want, 2);
				if (t < 0)
					break;
				if (desk_pixel(want.x + SMALL / 2, want.y + SMALL / 2) == colour)
					ta = t;
			}
		} else if (vb_ctl_reply(&P.ctl, 2, NULL, NULL)) {
			ta = vb_now();
			count++;
		}
		if (ta < 0) {
			if (++misses > 3)
				vb_die("small: %u updates never arrived", misses);
			if (P.ctl_path) { /* the wait is still pending: start afresh */
				vb_ctl_close(&P.ctl);
				setup_control();
				count = damage_count(&P.ctl);
				discarded += npend;
				npend = 0;
			}
			continue;
		}
		pend[npend++] = (ta - ts) * 1e3;
		drain_guest();
		/* a pause of 1-2 ms, so that updates do not line up with timers */
		vb_sleep(0.001 + (double)(seed % 1000) * 1e-6);
	}
	double t1 = vb_now();
	double cpu = vb_procs_end(&P.procs, out, sizeof(out));
	fclose(f);
	printf("n=%u seconds=%.4f cpu=%.4f misses=%u discarded=%u%s\n", n + discarded, t1 - t0, cpu,
	       misses, discarded, out);
	fflush(stdout);
}

/* ------------------------------------------------------------ keys */

static int has_focus(void)
{
	xcb_get_input_focus_reply_t *r =
		xcb_get_input_focus_reply(P.g, xcb_get_input_focus(P.g), NULL);
	int yes = r && r->focus == P.win;
	free(r);
	return yes;
}

static void key(int press)
{
	if (P.d) {
		xcb_test_fake_input(P.d, press ? XCB_KEY_PRESS : XCB_KEY_RELEASE, KEYCODE,
				    XCB_CURRENT_TIME, XCB_NONE, 0, 0, 0);
		xcb_flush(P.d);
	} else {
		vb_ctl_send(&P.ctl, "key a %s", press ? "press" : "release");
	}
}

static void key_done(void)
{
	if (P.ctl_path && !vb_ctl_reply(&P.ctl, 2, NULL, NULL))
		vb_die("no reply to `key`");
}

static void focus(void)
{
	for (int tries = 0; tries < 5; tries++) {
		if (P.d) {
			/* as a user does: a click (XTEST) in the output window;
			 * the daemon follows only the user's own focus changes */
			xcb_translate_coordinates_reply_t *t = xcb_translate_coordinates_reply(
				P.d, xcb_translate_coordinates(P.d, P.dwin, P.ds->root, 4, 4),
				NULL);
			if (t) {
				xcb_test_fake_input(P.d, XCB_MOTION_NOTIFY, 0, XCB_CURRENT_TIME,
						    P.ds->root, t->dst_x, t->dst_y, 0);
				xcb_test_fake_input(P.d, XCB_BUTTON_PRESS, 1, XCB_CURRENT_TIME,
						    XCB_NONE, 0, 0, 0);
				xcb_test_fake_input(P.d, XCB_BUTTON_RELEASE, 1, XCB_CURRENT_TIME,
						    XCB_NONE, 0, 0, 0);
				free(t);
			}
			xcb_set_input_focus(P.d, XCB_INPUT_FOCUS_POINTER_ROOT, P.dwin,
					    XCB_CURRENT_TIME);
			xcb_flush(P.d);
		} else {
			vb_ctl_send(&P.ctl, "focus %s %u", P.domain, P.win);
			vb_ctl_reply(&P.ctl, 5, NULL, NULL);
		}
		double end = vb_now() + 2;
		while (!has_focus() && vb_now() < end)
			vb_sleep(0.01);
		/* and a key gets through */
		drain_guest();
		key(1);
		double ok = wait_guest(XCB_KEY_PRESS, KEYCODE, 2);
		key_done();
		key(0);
		wait_guest(XCB_KEY_RELEASE, KEYCODE, 2);
		key_done();
		if (ok >= 0)
			return;
	}
	vb_die("keys never reach the window");
}

static void cmd_keys(double seconds, unsigned max, const char *file)
{
	char out[2048] = "";
	FILE *f = fopen(file, "a");
	if (!f)
		vb_die("cannot open %s", file);
	unsigned n = 0, misses = 0;
	focus();
	vb_procs_start(&P.procs);
	double t0 = vb_now(), end = t0 + seconds;
	uint32_t seed = 777;
	while (n < max && vb_now() < end) {
		drain_guest();
		if (P.d)
			drain_desktop(NULL);
		double ts = vb_now();
		key(1);
		double ta = wait_guest(XCB_KEY_PRESS, KEYCODE, 2);
		key_done();
		key(0);
		double tr = wait_guest(XCB_KEY_RELEASE, KEYCODE, 2);
		key_done();
		if (ta < 0 || tr < 0) {
			if (++misses > 3)
				vb_die("keys: %u presses never arrived", misses);
			focus();
			continue;
		}
		fprintf(f, "%.6f\n", (ta - ts) * 1e3);
		n++;
		seed = seed * 1103515245u + 12345u;
		vb_sleep(0.001 + (double)(seed >> 8 & 1023) * 1e-6);
	}
	double t1 = vb_now();
	double cpu = vb_procs_end(&P.procs, out, sizeof(out));
	fclose(f);
	printf("n=%u seconds=%.4f cpu=%.4f misses=%u%s\n", n, t1 - t0, cpu, misses, out);
	fflush(stdout);
}

/* ------------------------------------------------------------ main */

static void flood(void)
{
	printf("ready window=%u\n", P.win);
	fflush(stdout);
	for (unsigned k = 1;; k++) {
		struct pollfd p = { 0, POLLIN, 0 };
		if (poll(&p, 1, 0) > 0) {
			char buf[64];
			if (read(0, buf, sizeof(buf)) <= 0)
				return;
		}
		put_frame(k);
		vb_sync(P.g);
		drain_guest();
	}
}

int main(int argc, char **argv)
{
	const char *guest = NULL, *desktop = NULL;
	int flood_mode = 0;
	P.title = "vb-probe";
	P.W = 1920, P.H = 1080;
	P.ctl.fd = -1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--flood")) {
			flood_mode = 1;
			continue;
		}
		if (!v)
			vb_die("%s needs a value", a);
		i++;
		if (!strcmp(a, "--guest"))
			guest = v;
		else if (!strcmp(a, "--desktop"))
			desktop = v;
		else if (!strcmp(a, "--control"))
			P.ctl_path = v;
		else if (!strcmp(a, "--domain"))
			P.domain = v;
		else if (!strcmp(a, "--title"))
			P.title = v;
		else if (!strcmp(a, "--proc"))
			vb_procs_add(&P.procs, v);
		else if (!strcmp(a, "--position")) {
			int x, y;
			if (sscanf(v, "%d,%d", &x, &y) != 2 || x < 0 || y < 0 || x > 8192 ||
			    y > 8192)
				vb_die("bad --position %s", v);
			P.X = (int16_t)x, P.Y = (int16_t)y;
		} else if (!strcmp(a, "--size")) {
			if (sscanf(v, "%ux%u", &P.W, &P.H) != 2 || P.W < 256 || P.H < 256 ||
			    P.W > 4096 || P.H > 4096)
				vb_die("bad --size %s", v);
		} else
			vb_die("unknown option %s", a);
	}
	if (!guest)
		vb_die("usage: vb-probe --guest DISPLAY [--desktop DISPLAY | --control SOCKET "
		       "--domain NAME] ...");
	if (!flood_mode && !desktop && !(P.ctl_path && P.domain))
		vb_die("one of --desktop or --control with --domain");
	P.g = vb_xconnect(guest, &P.gs);
	xcb_shm_query_version_reply_t *sv =
		xcb_shm_query_version_reply(P.g, xcb_shm_query_version(P.g), NULL);
	if (!sv || sv->major_version < 1 || (sv->major_version == 1 && sv->minor_version < 2))
		vb_die("the guest X server lacks MIT-SHM 1.2");
	free(sv);
	make_frames();
	make_window();
	if (flood_mode) {
		flood();
		return 0;
	}
	if (desktop) {
		P.d = vb_xconnect(desktop, &P.ds);
		const xcb_query_extension_reply_t *t = xcb_get_extension_data(P.d, &xcb_test_id);
		if (!t || !t->present)
			vb_die("the desktop X server has no XTEST");
		setup_desktop();
	} else {
		setup_control();
	}
	printf("ready window=%u offset=%d,%d\n", P.win, P.offx, P.offy);
	fflush(stdout);
	char line[1024], file[900];
	double secs;
	unsigned max;
	while (fgets(line, sizeof(line), stdin)) {
		if (sscanf(line, "full %lf %u", &secs, &max) == 2)
			cmd_full(secs, max);
		else if (sscanf(line, "small %lf %u %899s", &secs, &max, file) == 3)
			cmd_small(secs, max, file);
		else if (sscanf(line, "keys %lf %u %899s", &secs, &max, file) == 3)
			cmd_keys(secs, max, file);
		else if (!strncmp(line, "quit", 4))
			break;
		else {
			printf("error: unknown command\n");
			fflush(stdout);
		}
	}
	return 0;
}
