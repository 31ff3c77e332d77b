/*
 * The daemon's own windows on the desktop, over everything: the trusted
 * notice, and a domain's notification where the desktop cannot show it.
 * Each is a window of the daemon's own, override-redirect (no window
 * manager frames, moves or stacks it), made when first shown, drawn with
 * the same images as headless (decorations/deco-notice.h) and put with
 * PutImage. Nothing of a domain is ever drawn in them but a notification's
 * sanitized text and marked icon, in the domain style.
 *
 *  - The notice (backend_ops.notice): at the top centre of the work area,
 *    class vitrine-notice, named with the text.
 *  - A domain's notification the core gave the daemon to draw (notify.h:
 *    notify_undelivered: no notification service on the desktop's session
 *    bus, or no bus): the core's tray area (tray-area.c) keeps it, its
 *    place under the notice's, its time and the click on it (its default
 *    action, dismissed: tray_area_button); its slots are 0 wide (the icons
 *    are the desktop tray's, x11-tray.c). Class vitrine-notification, named
 *    "[domain] text"; drawn, moved or taken down at the end of the batch
 *    that changed it, and taken down while the screen is locked.
 *
 * Kept above every window: while one is shown the root's SubstructureNotify
 * is selected, and whenever another top-level window is mapped or restacked
 * (a guest popup raised, the window manager raising a frame) they are
 * raised again at the end of that batch (the notice on top). While neither
 * is shown nothing is selected: the daemon does not wake for the desktop's
 * restacking.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decorations/deco-notice.h"
#include "gui-daemon/policy.h"
#include "gui-daemon/tray-area.h"
#include "x11.h"

struct overlay {
	xcb_window_t id; /* 0 until first shown */
	bool shown;
	pixman_box32_t box; /* root coordinates */
	pixman_image_t *image;
};

struct x11_notice {
	struct x11 *x;
	struct overlay notice, note;
	bool restack;
	bool remap;	       /* Xwayland: a popup mapped after them, drawn over them */
	struct tray_area area; /* the domain notification drawn (area_ok) */
	bool area_ok, dirty;
	char *text; /* the notice's, to show it again */
};

static void paint(struct x11 *x, struct overlay *o)
{
	int w = pixman_image_get_width(o->image), h = pixman_image_get_height(o->image);
	int stride = pixman_image_get_stride(o->image);
	const uint8_t *data = (const uint8_t *)pixman_image_get_data(o->image);
	/* rows in requests that fit (a request's length counts 4 bytes) */
	uint32_t max = xcb_get_maximum_request_length(x->c) * 4u - 32u;
	int rows = (int)(max / (uint32_t)stride);
	if (rows < 1)
		return;
	for (int y = 0; y < h; y += rows) {
		int k = h - y < rows ? h - y : rows;
		xcb_put_image(x->c, XCB_IMAGE_FORMAT_Z_PIXMAP, o->id, x->gc, (uint16_t)w,
			      (uint16_t)k, 0, (int16_t)y, 0, 24, (uint32_t)(k * stride),
			      data + (size_t)y * (size_t)stride);
	}
}

/* The root's SubstructureNotify while either is shown. */
static void select_root(struct x11 *x)
{
	struct x11_notice *n = x->notice;
	uint32_t mask = X11_ROOT_EVENTS |
			(n->notice.shown || n->note.shown ? XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY : 0);
	xcb_change_window_attributes(x->c, x->screen->root, XCB_CW_EVENT_MASK, &mask);
}

static void raise_all(struct x11 *x)
{
	struct x11_notice *n = x->notice;
	uint32_t above = XCB_STACK_MODE_ABOVE;
	struct overlay *o[] = { &n->note, &n->notice }; /* the notice on top */
	for (int i = 0; i < 2; i++) {
		if (!o[i]->shown)
			continue;
		/* Xwayland's compositor draws popups in the order they were
		 * mapped, whatever the X stacking: mapped again, on top (its
		 * Expose paints it again) */
		if (n->remap) {
			xcb_unmap_window(x->c, o[i]->id);
			xcb_map_window(x->c, o[i]->id);
		}
		xcb_configure_window(x->c, o[i]->id, XCB_CONFIG_WINDOW_STACK_MODE, &above);
	}
	n->restack = n->remap = false;
}

static struct x11_notice *state(struct x11 *x)
{
	if (!x->notice && (x->notice = calloc(1, sizeof(*x->notice))))
		x->notice->x = x;
	return x->notice;
}

/* The window of o, made when first shown; events: its Expose (and clicks). */
static void make(struct x11 *x, struct overlay *o, const char *cls, size_t len, uint32_t events)
{
	if (o->id)
		return;
	o->id = xcb_generate_id(x->c);
	uint32_t v[] = { 0, 1, events };
	xcb_create_window(x->c, XCB_COPY_FROM_PARENT, o->id, x->screen->root, 0, 0, 1, 1, 0,
			  XCB_WINDOW_CLASS_INPUT_OUTPUT, x->screen->root_visual,
			  XCB_CW_BACK_PIXEL | XCB_CW_OVERRIDE_REDIRECT | XCB_CW_EVENT_MASK, v);
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, o->id, XCB_ATOM_WM_CLASS, XCB_ATOM_STRING,
			    8, (uint32_t)len, cls);
}

/* Show o at its box with its image (drawn), named name. */
static void show(struct x11 *x, struct overlay *o, const char *name)
{
	int w = o->box.x2 - o->box.x1, h = o->box.y2 - o->box.y1;
	uint32_t g[] = { (uint32_t)o->box.x1, (uint32_t)o->box.y1, (uint32_t)w, (uint32_t)h };
	xcb_configure_window(x->c, o->id,
			     XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y | XCB_CONFIG_WINDOW_WIDTH |
				     XCB_CONFIG_WINDOW_HEIGHT,
			     g);
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, o->id, XCB_ATOM_WM_NAME, XCB_ATOM_STRING,
			    8, (uint32_t)strlen(name), name);
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, o->id, x->atom[A_NET_WM_NAME],
			    x->atom[A_UTF8_STRING], 8, (uint32_t)strlen(name), name);
	bool was = o->shown;
	o->shown = true;
	if (!was) {
		select_root(x);
		xcb_map_window(x->c, o->id);
	}
	raise_all(x);
	paint(x, o);
}

static void hide(struct x11 *x, struct overlay *o)
{
	if (!o->shown)
		return;
	o->shown = false;
	xcb_unmap_window(x->c, o->id);
	select_root(x);
}

/* A new image of w x h for o, or false. */
static bool new_image(struct overlay *o, int w, int h)
{
	if (o->image)
		pixman_image_unref(o->image);
	o->image = pixman_image_create_bits(PIXMAN_x8r8g8b8, w, h, NULL, 0);
	return o->image != NULL;
}

void x11_notice(struct backend *b, const char *text)
{
	struct x11 *x = (struct x11 *)b;
	struct x11_notice *n = state(x);
	if (!n)
		return;
	if (!text) {
		hide(x, &n->notice);
		return;
	}
	char *t = strdup(text);
	free(n->text);
	if (!(n->text = t))
		return;
	text = t;
	static const char cls[] = "vitrine-notice\0vitrine-daemon";
	make(x, &n->notice, cls, sizeof(cls),
	     XCB_EVENT_MASK_EXPOSURE | XCB_EVENT_MASK_STRUCTURE_NOTIFY);
	deco_notice_box(text, &x->srv->scene.notice_area, &n->notice.box);
	int w = n->notice.box.x2 - n->notice.box.x1, h = n->notice.box.y2 - n->notice.box.y1;
	if (!new_image(&n->notice, w, h))
		return;
	deco_notice_draw(n->notice.image, &(pixman_box32_t){ 0, 0, w, h }, text, NULL);
	show(x, &n->notice, text);
}

/* The tray area's: the notification is to be drawn again (or taken down). */
static void area_damage(struct tray_area *t, const pixman_box32_t *box, bool icons)
{
	(void)box, (void)icons;
	struct x11_notice *n = (struct x11_notice *)((char *)t - offsetof(struct x11_notice, area));
	n->dirty = true;
}

void x11_notice_init(struct x11 *x)
{
	struct x11_notice *n = state(x);
	if (n)
		n->area_ok = tray_area_init(&n->area, x->srv, 0, area_damage) == 0;
}

/* The domain notification as the core has it now. */
static void update_note(struct x11 *x)
{
	struct x11_notice *n = x->notice;
	struct tray_area *t = &n->area;
	if (!tray_area_notice_shown(t)) { /* none, or the screen locked */
		hide(x, &n->note);
		return;
	}
	if (!n->dirty && n->note.shown)
		return;
	n->dirty = false;
	static const char cls[] = "vitrine-notification\0vitrine-daemon";
	make(x, &n->note, cls, sizeof(cls),
	     XCB_EVENT_MASK_EXPOSURE | XCB_EVENT_MASK_BUTTON_PRESS | XCB_EVENT_MASK_BUTTON_RELEASE |
		     XCB_EVENT_MASK_STRUCTURE_NOTIFY);
	n->note.box = t->box;
	if (!new_image(&n->note, t->box.x2 - t->box.x1, t->box.y2 - t->box.y1))
		return;
	tray_area_draw_notice(t, n->note.image, t->box.x1, t->box.y1);
	char name[sizeof(t->domain) + sizeof(t->text) + 8];
	policy_label(name, sizeof(name), t->domain, t->text);
	show(x, &n->note, name);
}

/* A trusted desktop client destroyed one of them (xdotool windowclose):
 * made again, and shown again if it was. */
static void destroyed(struct x11 *x, struct overlay *o)
{
	struct x11_notice *n = x->notice;
	bool was = o->shown;
	o->id = 0;
	o->shown = false;
	select_root(x);
	if (o == &n->note)
		n->dirty = true; /* update_note, at the end of the batch */
	else if (was && n->text)
		x11_notice(&x->base, n->text);
}

void x11_notice_lost(struct x11 *x)
{
	struct x11_notice *n = x->notice;
	if (!n)
		return;
	struct overlay *o[] = { &n->notice, &n->note };
	for (int i = 0; i < 2; i++) {
		o[i]->id = 0;
		o[i]->shown = false;
	}
	n->dirty = true; /* the notification: made again at the batch's end */
}

bool x11_notice_event(struct x11 *x, xcb_generic_event_t *ev)
{
	struct x11_notice *n = x->notice;
	if (!n)
		return false;
	switch (ev->response_type & 0x7f) {
	case XCB_DESTROY_NOTIFY: {
		xcb_destroy_notify_event_t *e = (xcb_destroy_notify_event_t *)ev;
		struct overlay *o = !e->window			? NULL
				    : e->window == n->notice.id ? &n->notice
				    : e->window == n->note.id	? &n->note
								: NULL;
		if (o)
			destroyed(x, o);
		return o || e->event == x->screen->root;
	}
	case XCB_EXPOSE: {
		xcb_window_t w = ((xcb_expose_event_t *)ev)->window;
		struct overlay *o = w == n->notice.id ? &n->notice
				    : w == n->note.id ? &n->note
						      : NULL;
		if (!o || !w)
			return false;
		if (o->shown && o->image)
			paint(x, o);
		return true;
	}
	case XCB_BUTTON_PRESS:
	case XCB_BUTTON_RELEASE: {
		xcb_button_press_event_t *e = (xcb_button_press_event_t *)ev;
		if (!n->note.id || e->event != n->note.id)
			return false;
		/* the core's: a press is the click on it (notify_user_click) */
		tray_area_button(x->srv, e->root_x, e->root_y, e->detail,
				 (ev->response_type & 0x7f) == XCB_BUTTON_PRESS);
		return true;
	}
	case XCB_CONFIGURE_NOTIFY: {
		xcb_configure_notify_event_t *e = (xcb_configure_notify_event_t *)ev;
		if (e->event != x->screen->root)
			return false; /* a window's own StructureNotify: not ours */
		/* (Xwayland draws popups in their order of mapping: a move or
		 * restack puts none over the notice, so no remap for these) */
		if (e->window != n->notice.id && e->window != n->note.id)
			n->restack = n->notice.shown || n->note.shown;
		return true;
	}
	case XCB_MAP_NOTIFY: {
		xcb_map_notify_event_t *e = (xcb_map_notify_event_t *)ev;
		if (e->event != x->screen->root)
			return false;
		if (e->window != n->notice.id && e->window != n->note.id) {
			n->restack = n->notice.shown || n->note.shown;
			n->remap |= n->restack && x->or_on_top && e->override_redirect;
		}
		return true;
	}
	case XCB_UNMAP_NOTIFY:
	case XCB_REPARENT_NOTIFY:
	case XCB_GRAVITY_NOTIFY:
	case XCB_CIRCULATE_NOTIFY:
		/* the root's SubstructureNotify: nothing to do (the event
		 * field is at the same place in each of them) */
		return ((xcb_unmap_notify_event_t *)ev)->event == x->screen->root;
	}
	return false;
}

void x11_notice_over(struct x11 *x)
{
	struct x11_notice *n = x->notice;
	if (n && (n->notice.shown || n->note.shown))
		n->restack = n->remap = true;
}

void x11_notice_batch(struct x11 *x)
{
	struct x11_notice *n = x->notice;
	if (!n)
		return;
	if (n->area_ok)
		update_note(x);
	if (n->restack)
		raise_all(x);
}

void x11_notice_destroy(struct x11 *x)
{
	struct x11_notice *n = x->notice;
	if (!n)
		return;
	if (n->area_ok)
		tray_area_finish(&n->area);
	free(n->text);
	if (n->notice.image)
		pixman_image_unref(n->notice.image);
	if (n->note.image)
		pixman_image_unref(n->note.image);
	free(n);
	x->notice = NULL;
}
