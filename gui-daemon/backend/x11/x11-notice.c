/*
 * The trusted notice on the desktop: a window of the daemon's own,
 * override-redirect (no window manager frames, moves or stacks it), at the
 * top centre of the work area, drawn with the same banner as headless
 * (decorations/deco-notice.h) and put with PutImage. Nothing of a domain is
 * ever drawn in it.
 *
 * Kept above every window: while it is shown the root's SubstructureNotify
 * is selected, and whenever another top-level window is mapped or restacked
 * (a guest popup raised, the window manager raising a frame) it is raised
 * again at the end of that batch. While hidden nothing is selected: the
 * daemon does not wake for the desktop's restacking.
 */
#include <stdlib.h>
#include <string.h>

#include "decorations/deco-notice.h"
#include "x11.h"

struct x11_notice {
	xcb_window_t id;
	bool shown, restack;
	pixman_box32_t box; /* root coordinates */
	pixman_image_t *image;
};

static void paint(struct x11 *x)
{
	struct x11_notice *n = x->notice;
	int w = pixman_image_get_width(n->image), h = pixman_image_get_height(n->image);
	int stride = pixman_image_get_stride(n->image);
	const uint8_t *data = (const uint8_t *)pixman_image_get_data(n->image);
	/* rows in requests that fit (a request's length counts 4 bytes) */
	uint32_t max = xcb_get_maximum_request_length(x->c) * 4u - 32u;
	int rows = (int)(max / (uint32_t)stride);
	if (rows < 1)
		return;
	for (int y = 0; y < h; y += rows) {
		int k = h - y < rows ? h - y : rows;
		xcb_put_image(x->c, XCB_IMAGE_FORMAT_Z_PIXMAP, n->id, x->gc, (uint16_t)w,
			      (uint16_t)k, 0, (int16_t)y, 0, 24, (uint32_t)(k * stride),
			      data + (size_t)y * (size_t)stride);
	}
}

static void select_root(struct x11 *x, bool substructure)
{
	uint32_t mask = X11_ROOT_EVENTS | (substructure ? XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY : 0);
	xcb_change_window_attributes(x->c, x->screen->root, XCB_CW_EVENT_MASK, &mask);
}

static void raise_notice(struct x11 *x)
{
	uint32_t above = XCB_STACK_MODE_ABOVE;
	xcb_configure_window(x->c, x->notice->id, XCB_CONFIG_WINDOW_STACK_MODE, &above);
	x->notice->restack = false;
}

static struct x11_notice *create(struct x11 *x)
{
	struct x11_notice *n = calloc(1, sizeof(*n));
	if (!n)
		return NULL;
	n->id = xcb_generate_id(x->c);
	uint32_t v[] = { 0, 1, XCB_EVENT_MASK_EXPOSURE };
	xcb_create_window(x->c, XCB_COPY_FROM_PARENT, n->id, x->screen->root, 0, 0, 1, 1, 0,
			  XCB_WINDOW_CLASS_INPUT_OUTPUT, x->screen->root_visual,
			  XCB_CW_BACK_PIXEL | XCB_CW_OVERRIDE_REDIRECT | XCB_CW_EVENT_MASK, v);
	static const char cls[] = "vitrine-notice\0vitrine-daemon";
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, n->id, XCB_ATOM_WM_CLASS, XCB_ATOM_STRING,
			    8, sizeof(cls), cls);
	x->notice = n;
	return n;
}

void x11_notice(struct backend *b, const char *text)
{
	struct x11 *x = (struct x11 *)b;
	struct x11_notice *n = x->notice;
	if (!text) {
		if (n && n->shown) {
			xcb_unmap_window(x->c, n->id);
			select_root(x, false);
		}
		if (n)
			n->shown = false;
		return;
	}
	if (!n && !(n = create(x)))
		return;
	deco_notice_box(text, &x->srv->scene.work, &n->box);
	int w = n->box.x2 - n->box.x1, h = n->box.y2 - n->box.y1;
	if (n->image)
		pixman_image_unref(n->image);
	n->image = pixman_image_create_bits(PIXMAN_x8r8g8b8, w, h, NULL, 0);
	if (!n->image)
		return;
	deco_notice_draw(n->image, &(pixman_box32_t){ 0, 0, w, h }, text, NULL);
	uint32_t g[] = { (uint32_t)n->box.x1, (uint32_t)n->box.y1, (uint32_t)w, (uint32_t)h };
	xcb_configure_window(x->c, n->id,
			     XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y | XCB_CONFIG_WINDOW_WIDTH |
				     XCB_CONFIG_WINDOW_HEIGHT,
			     g);
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, n->id, XCB_ATOM_WM_NAME, XCB_ATOM_STRING,
			    8, (uint32_t)strlen(text), text);
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, n->id, x->atom[A_NET_WM_NAME],
			    x->atom[A_UTF8_STRING], 8, (uint32_t)strlen(text), text);
	if (!n->shown) {
		select_root(x, true);
		xcb_map_window(x->c, n->id);
	}
	n->shown = true;
	raise_notice(x);
	paint(x);
}

bool x11_notice_event(struct x11 *x, xcb_generic_event_t *ev)
{
	struct x11_notice *n = x->notice;
	if (!n)
		return false;
	switch (ev->response_type & 0x7f) {
	case XCB_EXPOSE:
		if (((xcb_expose_event_t *)ev)->window != n->id)
			return false;
		if (n->shown && n->image)
			paint(x);
		return true;
	case XCB_CONFIGURE_NOTIFY: {
		xcb_configure_notify_event_t *e = (xcb_configure_notify_event_t *)ev;
		if (e->event != x->screen->root)
			return false; /* a window's own StructureNotify: not ours */
		if (e->window != n->id)
			n->restack = n->shown;
		return true;
	}
	case XCB_MAP_NOTIFY: {
		xcb_map_notify_event_t *e = (xcb_map_notify_event_t *)ev;
		if (e->event != x->screen->root)
			return false;
		if (e->window != n->id)
			n->restack = n->shown;
		return true;
	}
	case XCB_UNMAP_NOTIFY:
	case XCB_DESTROY_NOTIFY:
	case XCB_REPARENT_NOTIFY:
	case XCB_GRAVITY_NOTIFY:
	case XCB_CIRCULATE_NOTIFY:
		/* the root's SubstructureNotify: nothing to do (the event
		 * field is at the same place in each of them) */
		return ((xcb_unmap_notify_event_t *)ev)->event == x->screen->root;
	}
	return false;
}

void x11_notice_batch(struct x11 *x)
{
	if (x->notice && x->notice->shown && x->notice->restack)
		raise_notice(x);
}

void x11_notice_destroy(struct x11 *x)
{
	struct x11_notice *n = x->notice;
	if (!n)
		return;
	if (n->image)
		pixman_image_unref(n->image);
	free(n);
	x->notice = NULL;
}
