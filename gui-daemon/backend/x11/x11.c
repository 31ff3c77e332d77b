/* The desktop backend: connection, reading the desktop X server (its
 * events: x11-event.c), the end of each batch, screenshots. */
#include "x11.h"

#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>
#include <xcb/screensaver.h>
#include <xcb/shm.h>

static const char *atom_names[A_COUNT] = {
	"WM_PROTOCOLS",
	"WM_DELETE_WINDOW",
	"WM_TAKE_FOCUS",
	"WM_CLIENT_MACHINE",
	"_NET_WM_NAME",
	"UTF8_STRING",
	"_NET_WM_STATE",
	"_NET_WM_STATE_FULLSCREEN",
	"_NET_WM_STATE_MAXIMIZED_VERT",
	"_NET_WM_STATE_MAXIMIZED_HORZ",
	"_NET_WM_STATE_DEMANDS_ATTENTION",
	"_NET_WORKAREA",
	"_NET_SHOWING_DESKTOP",
	"_NET_WM_WINDOW_TYPE",
	"_NET_WM_WINDOW_TYPE_NORMAL",
	"_NET_WM_WINDOW_TYPE_POPUP_MENU",
	"_QUBES_VMNAME",
	"_QUBES_LABEL",
	"_QUBES_LABEL_COLOR",
	"WM_CHANGE_STATE",
	"_NET_WM_USER_TIME",
	"_NET_RESTACK_WINDOW",
	"WM_STATE",
	"_NET_WM_STATE_HIDDEN",
	"_NET_WM_WINDOW_TYPE_DIALOG",
	"_NET_WM_WINDOW_TYPE_UTILITY",
	"_NET_WM_WINDOW_TYPE_SPLASH",
	"_NET_WM_WINDOW_TYPE_TOOLBAR",
	"_NET_WM_WINDOW_TYPE_MENU",
	"_NET_WM_WINDOW_TYPE_DROPDOWN_MENU",
	"_NET_WM_WINDOW_TYPE_TOOLTIP",
	"_NET_WM_WINDOW_TYPE_NOTIFICATION",
	"_NET_WM_WINDOW_TYPE_COMBO",
	"_NET_WM_WINDOW_TYPE_DND",
	"_NET_WM_ICON",
	"_NET_FRAME_EXTENTS",
	"_NET_ACTIVE_WINDOW",
	"_NET_CLIENT_LIST_STACKING",
};

struct xwin *x11_find(struct x11 *x, xcb_window_t id)
{
	struct list *pos, *tmp;
	list_each(pos, tmp, &x->windows)
	{
		struct xwin *xw = list_item(pos, struct xwin, link);
		if (xw->id == id)
			return xw;
	}
	return NULL;
}

static void repaint(struct backend *b, pixman_region32_t *damage)
{
	struct x11 *x = (struct x11 *)b;
	(void)damage;
	/* Replies read during the batch may have queued events. */
	x11_drain(x, false);
	if (xcb_connection_has_error(x->c) && !x11_replace(x)) {
		x->srv->running = false;
		return;
	}
	x11_asked_look(x);
	x11_settle_configures(x);
	x11_drain(x, false);
	x11_popups_check(x);
	x11_popup_focus(x);
	x11_notice_batch(x);
	x11_frames_ask(x);
	xcb_flush(x->c);
	x11_loop_end_batch(x); /* nothing left in xcb's queue (x11-loop.c) */
}

/* The rectangle x, y, w, h of window id (in its own coordinates), read
 * back; NULL if it cannot be (a rootless server's root: BadMatch). */
static xcb_get_image_reply_t *read_back(struct x11 *x, xcb_window_t id, int32_t rx, int32_t ry,
					uint32_t w, uint32_t h)
{
	xcb_generic_error_t *e = NULL;
	xcb_get_image_reply_t *r =
		xcb_get_image_reply(x->c,
				    xcb_get_image(x->c, XCB_IMAGE_FORMAT_Z_PIXMAP, id, (int16_t)rx,
						  (int16_t)ry, (uint16_t)w, (uint16_t)h, ~0u),
				    &e);
	free(e);
	if (r && xcb_get_image_data_length(r) >= (int)((size_t)w * h * 4))
		return r;
	free(r);
	return NULL;
}

/* A rootless X server (Xwayland under sway) has no root window to read
 * back: the shot is made of our own windows, each read back where the
 * desktop has it (the part on the screen: a window partly off it is no
 * BadMatch), bottom to top as the daemon stacks them, over black (the
 * compositor's title bars and other applications are not in it; new-user
 * trial: screenshots failed on sway). At most a screen's worth a window. */
static void compose(struct x11 *x, pixman_image_t *img)
{
	int32_t sw = pixman_image_get_width(img), sh = pixman_image_get_height(img);
	struct list *pos, *tmp;
	list_each(pos, tmp, &x->srv->scene.stack)
	{
		struct window *win = list_item(pos, struct window, stack_link);
		struct xwin *xw = win->backend_data;
		if (!xw || !xw->mapped)
			continue;
		int64_t x1 = xw->ox > 0 ? xw->ox : 0, y1 = xw->oy > 0 ? xw->oy : 0;
		int64_t x2 = (int64_t)xw->ox + xw->ow, y2 = (int64_t)xw->oy + xw->oh;
		x2 = x2 < sw ? x2 : sw;
		y2 = y2 < sh ? y2 : sh;
		if (x2 <= x1 || y2 <= y1)
			continue;
		uint32_t w = (uint32_t)(x2 - x1), h = (uint32_t)(y2 - y1);
		xcb_get_image_reply_t *r =
			read_back(x, xw->id, (int32_t)(x1 - xw->ox), (int32_t)(y1 - xw->oy), w, h);
		pixman_image_t *src =
			r ? pixman_image_create_bits(PIXMAN_x8r8g8b8, (int)w, (int)h,
						     (uint32_t *)xcb_get_image_data(r), (int)w * 4)
			  : NULL;
		if (src) {
			pixman_image_composite32(PIXMAN_OP_SRC, src, NULL, img, 0, 0, 0, 0,
						 (int32_t)x1, (int32_t)y1, (int)w, (int)h);
			pixman_image_unref(src);
		}
		free(r);
	}
}

/* The desktop as it is now (for screenshots): its root window, read back
 * from the desktop X server (trusted; one round trip, only when asked). */
static pixman_image_t *output(struct backend *b)
{
	struct x11 *x = (struct x11 *)b;
	uint16_t w = x->screen->width_in_pixels, h = x->screen->height_in_pixels;
	xcb_get_image_reply_t *r = read_back(x, x->screen->root, 0, 0, w, h);
	if (x->shot)
		pixman_image_unref(x->shot);
	x->shot = pixman_image_create_bits(PIXMAN_x8r8g8b8, w, h, NULL, w * 4);
	if (x->shot && r)
		memcpy(pixman_image_get_data(x->shot), xcb_get_image_data(r), (size_t)w * h * 4);
	else if (x->shot)
		compose(x, x->shot);
	free(r);
	return x->shot;
}

static void destroy(struct backend *b)
{
	struct x11 *x = (struct x11 *)b;
	if (!x)
		return;
	x11_xkb_finish(x);
	x11_notify_finish(x);
	x11_notice_destroy(x);
	if (x->shot)
		pixman_image_unref(x->shot);
	x11_cursor_finish(x);
	x11_spares_close(x);
	waker_finish(&x->asked);
	if (x->c) {
		x11_loop_finish(x);
		xcb_disconnect(x->c);
	}
	free(x);
}

static struct backend *create(struct server *srv)
{
	/* the X server composites each window: there is no output to render */
	if (srv->cfg.renderer[0] && strcmp(srv->cfg.renderer, "pixman")) {
		vlog("the x11 backend has no renderer to choose (--renderer %s is for the "
		     "headless backend)",
		     srv->cfg.renderer);
		return NULL;
	}
	struct x11 *x = calloc(1, sizeof(*x));
	if (!x)
		return NULL;
	x->base.ops = &x11_backend_ops;
	x->srv = srv;
	x->src.fd = x->kick.fd = -1;
	list_init(&x->windows);
	if (waker_init(srv, &x->asked, "x11-asked") < 0)
		goto fail;
	int nscreen;
	x->c = xcb_connect(NULL, &nscreen);
	if (xcb_connection_has_error(x->c)) {
		vlog("x11: cannot connect to the desktop X server (DISPLAY=%s)",
		     getenv("DISPLAY") ? getenv("DISPLAY") : "");
		goto fail;
	}
	if (x11_setup(x, nscreen) < 0)
		goto fail;
	x11_notify_init(x);
	x11_spares_open(x);
	xcb_flush(x->c);
	return &x->base;
fail:
	destroy(&x->base);
	return NULL;
}

/* Everything on a new connection to the desktop: at start, and on a spare
 * one after the first was closed (x11-spare.c). 0, or -1. */
int x11_setup(struct x11 *x, int nscreen)
{
	struct server *srv = x->srv;
	xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(x->c));
	for (; nscreen > 0; nscreen--)
		xcb_screen_next(&it);
	x->screen = it.data;
	if (x->screen->root_depth != 24) {
		vlog("x11: the desktop's root depth is %u; only 24 is supported",
		     x->screen->root_depth);
		return -1;
	}
	xcb_shm_query_version_reply_t *v =
		xcb_shm_query_version_reply(x->c, xcb_shm_query_version(x->c), NULL);
	bool fdpass =
		v && (v->major_version > 1 || (v->major_version == 1 && v->minor_version >= 2));
	free(v);
	if (!fdpass) {
		vlog("x11: the desktop X server lacks MIT-SHM 1.2 (fd passing)");
		return -1;
	}
	xcb_intern_atom_cookie_t ck[A_COUNT];
	for (int i = 0; i < A_COUNT; i++)
		ck[i] = xcb_intern_atom(x->c, 0, (uint16_t)strlen(atom_names[i]), atom_names[i]);
	for (int i = 0; i < A_COUNT; i++) {
		xcb_intern_atom_reply_t *r = xcb_intern_atom_reply(x->c, ck[i], NULL);
		x->atom[i] = r ? r->atom : XCB_ATOM_NONE;
		free(r);
	}
	x->gc = xcb_generate_id(x->c);
	uint32_t gcv[] = { 0 }; /* no GraphicsExpose events */
	xcb_create_gc(x->c, x->gc, x->screen->root, XCB_GC_GRAPHICS_EXPOSURES, gcv);
	/* New popups stay below the desktop's screen locker: the core holds
	 * them back while the screen saver is on (MIT-SCREEN-SAVER tells us). */
	const xcb_query_extension_reply_t *ss = xcb_get_extension_data(x->c, &xcb_screensaver_id);
	if (ss && ss->present) {
		x->saver_event = ss->first_event;
		xcb_screensaver_select_input(x->c, x->screen->root,
					     XCB_SCREENSAVER_EVENT_NOTIFY_MASK);
		xcb_screensaver_query_info_reply_t *qi = xcb_screensaver_query_info_reply(
			x->c, xcb_screensaver_query_info(x->c, x->screen->root), NULL);
		policy_set_locked(srv, qi && qi->state == XCB_SCREENSAVER_STATE_ON);
		free(qi);
	}
	x11_focus_init(x);
	uint32_t mask = X11_ROOT_EVENTS;
	xcb_change_window_attributes(x->c, x->screen->root, XCB_CW_EVENT_MASK, &mask);
	x11_xkb_init(x);
	x->base.refresh_mhz = x11_refresh_mhz(x->c, x->screen->root);
	if (gethostname(x->hostname, sizeof(x->hostname) - 1) < 0)
		strcpy(x->hostname, "localhost");

	/* The desktop decides the size the domains are told about. */
	srv->scene.width = x->screen->width_in_pixels;
	srv->scene.height = x->screen->height_in_pixels;
	srv->scene.border = X11_BORDER;
	srv->scene.titlebar = 0; /* the window manager draws the title */
	pixman_region32_clear(&srv->scene.damage);
	x11_read_workarea(x);
	x11_read_showing_desktop(x);
	x11_randr_init(x);
	if (x->or_on_top) {
		vlog("x11: the desktop is Xwayland: another domain's popup over the focused "
		     "window is held unmapped (its compositor draws popups over every window)");
		/* Its compositor draws a title bar over each window, and says
		 * nowhere how high (sway sets no _NET_FRAME_EXTENTS): sway's, at
		 * its default font, so that a window as tall as the output keeps
		 * its "[domain]" title bar on it (new-user trial 15 #3: a file
		 * chooser's was above the output). Not more: sway tiles there. */
		policy_set_wm_top(srv, X11_XWAYLAND_TITLE);
	}
	x11_tray_init(x);
	return x11_loop_init(x);
}

const struct backend_ops x11_backend_ops = {
	.name = "x11",
	.caps = BACKEND_CAP_PER_WINDOW | BACKEND_CAP_WM | BACKEND_CAP_OUTPUT_IMAGE,
	.create = create,
	.destroy = destroy,
	.repaint = repaint,
	.output = output,
	.window_changed = x11_window_changed,
	.window_damaged = x11_window_damaged,
	.window_removed = x11_window_removed,
	.notice = x11_notice,
	.tray = x11_tray,
	.notify = x11_notify,
	.notify_close = x11_notify_close,
	.reads_buffer = x11_reads_buffer,
	.read_monitors = x11_randr_read,
	.shows = x11_shows,
};
