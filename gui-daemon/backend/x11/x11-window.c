/* The desktop backend: one desktop window per guest window. */
#include "x11.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xcb/shm.h>

#include "decorations/deco.h"
#include "gui-daemon/clickguard.h"
#include "gui-daemon/dbuf.h"
#include "gui-daemon/domain.h"

#define NO_PIXELS 0x101010

#define EVENTS                                                                                     \
	(XCB_EVENT_MASK_EXPOSURE | XCB_EVENT_MASK_STRUCTURE_NOTIFY | XCB_EVENT_MASK_KEY_PRESS |    \
	 XCB_EVENT_MASK_KEY_RELEASE | XCB_EVENT_MASK_BUTTON_PRESS |                                \
	 XCB_EVENT_MASK_BUTTON_RELEASE | XCB_EVENT_MASK_POINTER_MOTION |                           \
	 XCB_EVENT_MASK_ENTER_WINDOW | XCB_EVENT_MASK_LEAVE_WINDOW | XCB_EVENT_MASK_FOCUS_CHANGE | \
	 XCB_EVENT_MASK_PROPERTY_CHANGE | XCB_EVENT_MASK_KEYMAP_STATE)

static void outer(const struct window *win, int32_t *ox, int32_t *oy, uint32_t *ow, uint32_t *oh)
{
	*ox = win->x - X11_BORDER;
	*oy = win->y - X11_BORDER;
	*ow = win->w + 2u * X11_BORDER;
	*oh = win->h + 2u * X11_BORDER;
}

static void detach(struct xwin *xw)
{
	if (xw->seg)
		xcb_shm_detach(xw->x->c, xw->seg);
	xw->seg = 0;
	if (xw->copy)
		munmap(xw->copy, xw->copy_size);
	xw->copy = NULL;
}

/* Shown through our own segment, not the guest's buffer: buffers that cannot
 * be passed to the X server (the Xen form), copy=1, and tinted domains. */
static bool own_copy(const struct window *win)
{
	return win->buf.fd < 0 || win->dom->cfg->x11_copy || win->dom->cfg->tint != TINT_NONE;
}

/* The damaged area is copied into our own segment and tinted there, as the
 * headless renderer tints (deco_tint). */
static void copy_damage(struct xwin *xw, int32_t x, int32_t y, uint32_t w, uint32_t h)
{
	const struct vshm_map *b = &xw->win->buf;
	for (uint32_t row = 0; row < h; row++) {
		size_t off = (size_t)(y + (int32_t)row) * b->stride + (size_t)x * 4;
		memcpy(xw->copy + off, b->data + dbuf_offset(xw->win) + off, (size_t)w * 4);
	}
	const struct domain_config *cfg = xw->win->dom->cfg;
	if (cfg->tint == TINT_NONE)
		return;
	pixman_image_t *img =
		pixman_image_create_bits(PIXMAN_x8r8g8b8, (int)b->width, (int)b->height,
					 (uint32_t *)xw->copy, (int)b->stride);
	if (!img)
		return;
	pixman_region32_t area;
	pixman_region32_init_rect(&area, x, y, w, h);
	deco_tint(img, palette[cfg->label].rgb, (int)cfg->tint, 0, 0, b->width, b->height, &area);
	pixman_region32_fini(&area);
	pixman_image_unref(img);
}

/* The X server copies a rectangle of the guest's buffer into the window.
 * (A read-only segment cannot back a pixmap, so this is ShmPutImage.) */
static void put(struct xwin *xw, int32_t x, int32_t y, uint32_t w, uint32_t h)
{
	if (xw->copy)
		copy_damage(xw, x, y, w, h);
	else
		xw->put_unsure = xw->x->puts_unsure = true; /* x11-frame.c */
	xcb_shm_put_image(xw->x->c, xw->id, xw->x->gc, (uint16_t)xw->seg_w, (uint16_t)xw->seg_h,
			  (uint16_t)x, (uint16_t)y, (uint16_t)w, (uint16_t)h,
			  (int16_t)(x + X11_BORDER), (int16_t)(y + X11_BORDER), 24,
			  XCB_IMAGE_FORMAT_Z_PIXMAP, 0, xw->seg,
			  xw->copy ? 0 : (uint32_t)dbuf_offset(xw->win)); /* the frame shown */
}

/* Let the desktop X server read the guest's buffer in place. */
static void attach(struct xwin *xw)
{
	struct window *win = xw->win;
	xcb_connection_t *c = xw->x->c;
	detach(xw);
	if (!win->buf.ops)
		return;
	int fd;
	if (!own_copy(win)) {
		fd = dup(win->buf.fd); /* xcb closes what it sends */
	} else {
		xw->copy_size = win->buf.size;
		fd = vshm_local_create(xw->copy_size);
		xw->copy = fd < 0 ? MAP_FAILED
				  : mmap(NULL, xw->copy_size, PROT_READ | PROT_WRITE, MAP_SHARED,
					 fd, 0);
		if (xw->copy == MAP_FAILED) {
			xw->copy = NULL;
			if (fd >= 0)
				close(fd);
			return;
		}
	}
	if (fd < 0)
		return;
	xw->seg = xcb_generate_id(c);
	xcb_shm_attach_fd(c, xw->seg, fd, 1);
	xw->seg_w = win->buf.stride / 4;
	xw->seg_h = win->buf.height;
}

static void fill(struct xwin *xw, uint32_t rgb, const xcb_rectangle_t *r, uint32_t n)
{
	xcb_change_gc(xw->x->c, xw->x->gc, XCB_GC_FOREGROUND, &rgb);
	xcb_poly_fill_rectangle(xw->x->c, xw->id, xw->x->gc, n, r);
}

/* rgb as the content of win shows it: tinted as its pixels are. */
static uint32_t tinted(const struct window *win, uint32_t rgb)
{
	const struct domain_config *cfg = win->dom->cfg;
	uint32_t px = rgb;
	pixman_image_t *img = pixman_image_create_bits(PIXMAN_x8r8g8b8, 1, 1, &px, 4);
	if (!img)
		return rgb;
	pixman_region32_t one;
	pixman_region32_init_rect(&one, 0, 0, 1, 1);
	deco_tint(img, palette[cfg->label].rgb, (int)cfg->tint, 0, 0, 1, 1, &one);
	pixman_region32_fini(&one);
	pixman_image_unref(img);
	return px & 0xffffff;
}

void x11_paint(struct xwin *xw, int32_t x, int32_t y, uint32_t w, uint32_t h)
{
	struct window *win = xw->win;
	const int B = X11_BORDER;
	uint16_t W = (uint16_t)(win->w + 2u * X11_BORDER), H = (uint16_t)(win->h + 2u * X11_BORDER);
	xcb_rectangle_t frame[] = {
		{ 0, 0, W, B },
		{ 0, (int16_t)(H - B), W, B },
		{ 0, B, B, (uint16_t)(H - 2 * B) },
		{ (int16_t)(W - B), B, B, (uint16_t)(H - 2 * B) },
	};
	fill(xw, domain_rgb(win->dom), frame, 4);
	/* content part of the area, in content coordinates */
	int64_t x1 = x - B, y1 = y - B, x2 = x1 + w, y2 = y1 + h;
	if (x1 < 0)
		x1 = 0;
	if (y1 < 0)
		y1 = 0;
	if (x2 > win->w)
		x2 = win->w;
	if (y2 > win->h)
		y2 = win->h;
	if (x2 <= x1 || y2 <= y1)
		return;
	/* [x1, dx2) x [y1, dy2): the part the buffer covers */
	int64_t dx2 = x1, dy2 = y1;
	if (xw->seg && win->has_pixels) {
		dx2 = x2 < win->buf.width ? x2 : win->buf.width;
		dy2 = y2 < win->buf.height ? y2 : win->buf.height;
		if (dx2 <= x1 || dy2 <= y1)
			dx2 = x1, dy2 = y1;
	}
	if (dx2 > x1)
		put(xw, (int32_t)x1, (int32_t)y1, (uint32_t)(dx2 - x1), (uint32_t)(dy2 - y1));
	/* the rest: a strip right of it and one below it */
	xcb_rectangle_t rest[2];
	uint32_t n = 0;
	if (dx2 < x2)
		rest[n++] = (xcb_rectangle_t){ (int16_t)(dx2 + B), (int16_t)(y1 + B),
					       (uint16_t)(x2 - dx2), (uint16_t)(y2 - y1) };
	if (dx2 > x1 && dy2 < y2)
		rest[n++] = (xcb_rectangle_t){ (int16_t)(x1 + B), (int16_t)(dy2 + B),
					       (uint16_t)(dx2 - x1), (uint16_t)(y2 - dy2) };
	if (n)
		fill(xw, tinted(win, NO_PIXELS), rest, n);
}

static void create_xwin(struct x11 *x, struct window *win, bool override_redirect)
{
	struct xwin *xw = calloc(1, sizeof(*xw));
	if (!xw)
		return;
	xw->x = x;
	xw->win = win;
	xw->override_redirect = override_redirect;
	/* kept with the window, not only while replaying: hints the domain
	 * changes before the window manager managed it must not take the
	 * place away (an xterm came back at openbox's place after an xkill) */
	xw->back = x->replaying || win->returned;
	xw->id = xcb_generate_id(x->c);
	outer(win, &xw->ox, &xw->oy, &xw->ow, &xw->oh);
	uint32_t values[] = { XCB_BACK_PIXMAP_NONE, XCB_GRAVITY_NORTH_WEST, override_redirect,
			      EVENTS };
	xcb_create_window(x->c, XCB_COPY_FROM_PARENT, xw->id, x->screen->root, (int16_t)xw->ox,
			  (int16_t)xw->oy, (uint16_t)xw->ow, (uint16_t)xw->oh, 0,
			  XCB_WINDOW_CLASS_INPUT_OUTPUT, x->screen->root_visual,
			  XCB_CW_BACK_PIXMAP | XCB_CW_BIT_GRAVITY | XCB_CW_OVERRIDE_REDIRECT |
				  XCB_CW_EVENT_MASK,
			  values);
	list_insert(&x->windows, &xw->link);
	win->backend_data = xw;
	x11_set_identity(xw);
	x11_set_title(xw);
	x11_set_hints(xw);
	x11_set_state(xw);
	x11_set_cursor(xw);
	x11_set_icon(xw);
	attach(xw);
}

static void destroy_xwin(struct xwin *xw)
{
	x11_frame_forget(xw);
	detach(xw);
	xcb_destroy_window(xw->x->c, xw->id);
	list_remove(&xw->link);
	xw->win->backend_data = NULL;
	free(xw);
}

void x11_windows_drop(struct x11 *x)
{
	struct list *pos, *tmp;
	list_each(pos, tmp, &x->windows)
	{
		destroy_xwin(list_item(pos, struct xwin, link));
	}
}

/* Show win as the core decided: a popup (override-redirect) or a managed
 * window, mapped or held back (win->as_popup, win->shown). */
static void show(struct x11 *x, struct window *win)
{
	struct xwin *xw = win->backend_data;
	/* The popup flag changes only while unmapped, or once to managed
	 * (the 90% rule): recreate if it did. */
	if (xw && xw->override_redirect != win->as_popup)
		destroy_xwin(xw);
	if (!(xw = win->backend_data))
		create_xwin(x, win, win->as_popup);
	if (!(xw = win->backend_data))
		return;
	bool hold = win->shown && x11_popup_hidden(xw);
	if (!win->shown || hold) {
		if (xw->mapped)
			xcb_unmap_window(x->c, xw->id);
		xw->mapped = false;
		xw->hidden_below = hold;
		clickguard_held_off(win, hold);
		return;
	}
	xw->hidden_below = false;
	clickguard_held_off(win, false);
	x11_set_state(xw);
	x11_set_user_time(xw);
	xcb_map_window(x->c, xw->id);
	xw->fresh = !xw->mapped;
	xw->mapped = true;
	if (xw->fresh && !xw->override_redirect && x->showing_desktop)
		window_desktop_hides_new(win);
	/* a popup: on top, or below the focused window (another domain's);
	 * a managed window: once the window manager mapped it (MapNotify) */
	if (xw->override_redirect && !x11_keep_below(xw)) {
		uint32_t above = XCB_STACK_MODE_ABOVE;
		xcb_configure_window(x->c, xw->id, XCB_CONFIG_WINDOW_STACK_MODE, &above);
	}
}

/* What came with a map, the map itself and what it does anyway aside. */
static unsigned held_with_map(unsigned what)
{
	unsigned aside = WIN_CHANGED_MAP | WIN_CHANGED_STACK | WIN_CHANGED_ACTIVE;
	return (what | (unsigned)WIN_CHANGED_GEOMETRY) & ~aside;
}

void x11_window_changed(struct backend *b, struct window *win, unsigned what)
{
	struct x11 *x = (struct x11 *)b;
	struct xwin *xw = win->backend_data;
	if (what & WIN_CHANGED_MAP) {
		if (win->mapped) {
			/* an X window there already gets what came with the map
			 * (held with it: props.h) before it is shown; a new one
			 * is made with everything */
			if (xw && xw->override_redirect == win->as_popup)
				x11_window_changed(b, win, held_with_map(what));
			show(x, win);
			return;
		}
		if (xw && xw->mapped) {
			xcb_unmap_window(x->c, xw->id);
			xw->mapped = false;
		}
		if (xw) {
			xw->hidden_below = false; /* unmapped by its domain */
			clickguard_held_off(win, false);
		}
	}
	if (!xw)
		return;
	if (what & WIN_CHANGED_GEOMETRY) {
		int32_t ox, oy;
		uint32_t ow, oh;
		outer(win, &ox, &oy, &ow, &oh);
		if ((ox != xw->ox || oy != xw->oy || ow != xw->ow || oh != xw->oh) &&
		    !x->wm_resizing) {
			uint32_t v[] = { (uint32_t)ox, (uint32_t)oy, ow, oh };
			xcb_configure_window(x->c, xw->id,
					     XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y |
						     XCB_CONFIG_WINDOW_WIDTH |
						     XCB_CONFIG_WINDOW_HEIGHT,
					     v);
			xw->ox = ox, xw->oy = oy, xw->ow = ow, xw->oh = oh;
			if (xw->mapped && !xw->override_redirect)
				x11_asked(xw); /* (the window manager decides) */
			if (xw->mapped)
				x11_paint(xw, 0, 0, ow, oh);
		}
		x11_set_type(xw); /* the 90% rule of the untitled kinds */
	}
	if (what & WIN_CHANGED_TITLE)
		x11_set_title(xw);
	if (what & WIN_CHANGED_BUFFER)
		attach(xw);
	if (what & WIN_CHANGED_CURSOR)
		x11_set_cursor(xw);
	if (what & WIN_CHANGED_ICON)
		x11_set_icon(xw);
	if (what & WIN_CHANGED_FLAGS) {
		x11_set_hints(xw);
		x11_set_type(xw);
		x11_set_state(xw);
	}
	if ((what & WIN_CHANGED_ACTIVE) && !xw->override_redirect && xw->mapped)
		x11_activate(xw);
	/* a popup: on top, or below the focused window (another domain's) */
	if ((what & WIN_CHANGED_STACK) && xw->override_redirect && xw->mapped &&
	    !x11_keep_below(xw)) {
		uint32_t above = XCB_STACK_MODE_ABOVE;
		xcb_configure_window(x->c, xw->id, XCB_CONFIG_WINDOW_STACK_MODE, &above);
	}
}

void x11_window_damaged(struct backend *b, struct window *win, int32_t x, int32_t y, uint32_t w,
			uint32_t h)
{
	struct xwin *xw = win->backend_data;
	(void)b;
	if (xw && xw->mapped && xw->seg)
		put(xw, x, y, w, h);
}

/* A trusted desktop client destroyed one of our windows (xdotool
 * windowclose, XDestroyWindow): the guest's window is still there, so its
 * desktop window is made again, as the core last decided. (Ours, destroyed
 * by destroy_xwin, are out of the list before their DestroyNotify comes.) */
void x11_destroyed(struct xwin *xw)
{
	struct x11 *x = xw->x;
	struct window *win = xw->win;
	vlog("x11: %s's window %u was destroyed on the desktop; made again", win->dom->cfg->name,
	     win->id);
	destroy_xwin(xw); /* (its XDestroyWindow: a BadWindow, ignored) */
	if (win->mapped)
		show(x, win);
}

void x11_windows_replay(struct x11 *x, bool popups)
{
	struct list *pos, *tmp;
	x->replaying = true;
	list_each(pos, tmp, &x->srv->scene.stack)
	{
		struct window *win = list_item(pos, struct window, stack_link);
		if (win->mapped && win->as_popup == popups)
			show(x, win);
	}
	x->replaying = false;
}

void x11_window_removed(struct backend *b, struct window *win)
{
	(void)b;
	if (win->backend_data)
		destroy_xwin(win->backend_data);
}
