/*
 * A domain's tray icons on the desktop (backend_ops.tray): each is a small
 * window of the daemon's, docked into the desktop's system tray as an
 * XEmbed client (the freedesktop System Tray protocol: the owner of
 * _NET_SYSTEM_TRAY_S<screen> is sent SYSTEM_TRAY_REQUEST_DOCK; _XEMBED_INFO
 * says it wants to be mapped), drawn by the daemon from the marked pixels
 * (tray_paint: a border in the label colour around them) and named
 * "[domain] title" (WM_NAME, _NET_WM_NAME: the tray's tooltip). Without a
 * tray on the desktop it is shown as a small window of its own, just as
 * marked. Clicks and scrolls go to tray_user_button; it never selects keys
 * (the menu its domain opens at a press has them: tray_menu_mapped).
 * The tray's selection is watched (XFixes selection-owner events): when a
 * tray appears, or another takes over, or it goes away, every shown icon is
 * made again, docked into the new tray or shown as a window.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decorations/deco.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/tray.h"
#include <xcb/xfixes.h>

#include "x11.h"

#define SIDE 24
#define OPCODE_REQUEST_DOCK 0

struct xtray {
	xcb_window_t id;
	uint16_t w, h;
};

static xcb_atom_t atom(struct x11 *x, const char *name)
{
	xcb_intern_atom_reply_t *r = xcb_intern_atom_reply(
		x->c, xcb_intern_atom(x->c, 0, (uint16_t)strlen(name), name), NULL);
	xcb_atom_t a = r ? r->atom : XCB_ATOM_NONE;
	free(r);
	return a;
}

static void paint(struct x11 *x, struct tray_icon *t)
{
	struct xtray *xt = t->shown;
	pixman_image_t *img = pixman_image_create_bits(PIXMAN_x8r8g8b8, xt->w, xt->h, NULL, 0);
	if (!img)
		return;
	int side = xt->w < xt->h ? xt->w : xt->h;
	pixman_region32_t all;
	pixman_region32_init_rect(&all, 0, 0, xt->w, xt->h);
	deco_fill(img, TRAY_PLATE, &all);
	pixman_region32_fini(&all);
	tray_paint(img, t, (xt->w - side) / 2, (xt->h - side) / 2, side);
	int stride = pixman_image_get_stride(img);
	uint32_t max = xcb_get_maximum_request_length(x->c) * 4u - 32u;
	int rows = (int)(max / (uint32_t)stride);
	const uint8_t *data = (const uint8_t *)pixman_image_get_data(img);
	for (int y = 0; rows > 0 && y < xt->h; y += rows) {
		int k = xt->h - y < rows ? xt->h - y : rows;
		xcb_put_image(x->c, XCB_IMAGE_FORMAT_Z_PIXMAP, xt->id, x->gc, xt->w, (uint16_t)k, 0,
			      (int16_t)y, 0, 24, (uint32_t)(k * stride),
			      data + (size_t)y * (size_t)stride);
	}
	pixman_image_unref(img);
}

static void name(struct x11 *x, struct tray_icon *t)
{
	struct xtray *xt = t->shown;
	uint32_t n = (uint32_t)strlen(t->name);
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, xt->id, XCB_ATOM_WM_NAME, XCB_ATOM_STRING,
			    8, n, t->name);
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, xt->id, x->atom[A_NET_WM_NAME],
			    x->atom[A_UTF8_STRING], 8, n, t->name);
}

static xcb_atom_t selection(struct x11 *x)
{
	if (!x->tray_selection) {
		char sel[40];
		snprintf(sel, sizeof(sel), "_NET_SYSTEM_TRAY_S%d", 0);
		x->tray_selection = atom(x, sel);
	}
	return x->tray_selection;
}

/* Ask the desktop's tray to embed xt; false: there is none. */
static bool dock(struct x11 *x, struct xtray *xt)
{
	xcb_get_selection_owner_reply_t *o = xcb_get_selection_owner_reply(
		x->c, xcb_get_selection_owner(x->c, selection(x)), NULL);
	xcb_window_t owner = o ? o->owner : XCB_NONE;
	free(o);
	if (owner == XCB_NONE)
		return false;
	xcb_client_message_event_t ev = { .response_type = XCB_CLIENT_MESSAGE,
					  .format = 32,
					  .window = owner,
					  .type = atom(x, "_NET_SYSTEM_TRAY_OPCODE") };
	ev.data.data32[0] = XCB_CURRENT_TIME;
	ev.data.data32[1] = OPCODE_REQUEST_DOCK;
	ev.data.data32[2] = xt->id;
	xcb_send_event(x->c, 0, owner, XCB_EVENT_MASK_NO_EVENT, (const char *)&ev);
	return true;
}

static void create(struct x11 *x, struct tray_icon *t)
{
	struct xtray *xt = calloc(1, sizeof(*xt));
	if (!xt)
		return;
	xt->id = xcb_generate_id(x->c);
	xt->w = xt->h = SIDE;
	uint32_t mask = XCB_CW_BACK_PIXEL | XCB_CW_EVENT_MASK;
	uint32_t v[] = { TRAY_PLATE, XCB_EVENT_MASK_EXPOSURE | XCB_EVENT_MASK_BUTTON_PRESS |
					     XCB_EVENT_MASK_BUTTON_RELEASE |
					     XCB_EVENT_MASK_STRUCTURE_NOTIFY };
	/* made again (a desktop client's xkill: x11-spare.c): where it was,
	 * as a window put back where it was (new-user trial 17 #5: the window
	 * manager placed it anew, under another window) */
	int16_t at_x = t->area_ms ? (int16_t)t->area_x : 0,
		at_y = t->area_ms ? (int16_t)t->area_y : 0;
	xcb_create_window(x->c, 24, xt->id, x->screen->root, at_x, at_y, SIDE, SIDE, 0,
			  XCB_WINDOW_CLASS_INPUT_OUTPUT, x->screen->root_visual, mask, v);
	uint32_t info[2] = { 0, 1 }; /* XEmbed version 0, XEMBED_MAPPED */
	xcb_atom_t xi = atom(x, "_XEMBED_INFO");
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, xt->id, xi, xi, 32, 2, info);
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, xt->id, XCB_ATOM_WM_CLASS, XCB_ATOM_STRING,
			    8, 26, "vitrine-tray\0vitrine-tray");
	/* the size the tray's socket gives it: WM_NORMAL_HINTS' minimum and base */
	uint32_t hints[18] = { 16 | 256, 0, 0, 0, 0, SIDE, SIDE };
	hints[15] = hints[16] = SIDE;
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, xt->id, XCB_ATOM_WM_NORMAL_HINTS,
			    XCB_ATOM_WM_SIZE_HINTS, 32, 18, hints);
	/* never the keyboard's, never raised over the user's window: WM_HINTS
	 * input False, _NET_WM_USER_TIME 0 (when it is shown as a window) */
	uint32_t wmh[9] = { 1 /* InputHint */, 0 }, zero = 0;
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, xt->id, XCB_ATOM_WM_HINTS,
			    XCB_ATOM_WM_HINTS, 32, 9, wmh);
	xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, xt->id, atom(x, "_NET_WM_USER_TIME"),
			    XCB_ATOM_CARDINAL, 32, 1, &zero);
	t->shown = xt;
	name(x, t);
	if (!dock(x, xt)) {
		vlog("x11: no system tray on the desktop: domain %s's tray icon shown as a window",
		     t->dom->cfg->name);
		/* a small tool window of one size: a tiling window manager floats
		 * it (sway tiled it over half the output: new-user trial 5) */
		hints[0] |= 32; /* PMaxSize */
		hints[7] = hints[8] = SIDE;
		if (t->area_ms) { /* USPosition, PWinGravity: Static */
			hints[0] |= 1 | 512;
			hints[1] = (uint32_t)at_x, hints[2] = (uint32_t)at_y;
			hints[17] = XCB_GRAVITY_STATIC;
		}
		xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, xt->id, XCB_ATOM_WM_NORMAL_HINTS,
				    XCB_ATOM_WM_SIZE_HINTS, 32, 18, hints);
		xcb_atom_t type = x->atom[A_NET_WM_WINDOW_TYPE_UTILITY];
		xcb_change_property(x->c, XCB_PROP_MODE_REPLACE, xt->id,
				    x->atom[A_NET_WM_WINDOW_TYPE], XCB_ATOM_ATOM, 32, 1, &type);
		xcb_map_window(x->c, xt->id);
	}
}

void x11_tray(struct backend *b, struct tray_icon *t, unsigned what)
{
	struct x11 *x = (struct x11 *)b;
	struct xtray *xt = t->shown;
	if (what == TRAY_GONE) {
		if (xt) {
			xcb_destroy_window(x->c, xt->id);
			free(xt);
		}
		t->shown = NULL;
	} else if (!xt) {
		create(x, t);
	} else {
		name(x, t);
		paint(x, t);
	}
	xcb_flush(x->c);
}

void x11_tray_init(struct x11 *x)
{
	const xcb_query_extension_reply_t *f = xcb_get_extension_data(x->c, &xcb_xfixes_id);
	if (!f || !f->present) {
		vlog("x11: no XFixes: a tray started later does not get domains' icons");
		return;
	}
	if (!x->xfixes_asked) { /* XFixes requests need the version asked first */
		x->xfixes_asked = true;
		free(xcb_xfixes_query_version_reply(x->c, xcb_xfixes_query_version(x->c, 2, 0),
						    NULL));
	}
	x->xfixes_event = f->first_event;
	xcb_xfixes_select_selection_input(
		x->c, x->screen->root, selection(x),
		XCB_XFIXES_SELECTION_EVENT_MASK_SET_SELECTION_OWNER |
			XCB_XFIXES_SELECTION_EVENT_MASK_SELECTION_WINDOW_DESTROY |
			XCB_XFIXES_SELECTION_EVENT_MASK_SELECTION_CLIENT_CLOSE);
}

/* The desktop's tray changed hands: every shown icon made again (a window
 * docked into the old tray may be gone with it, or be a child of the root
 * now), docked into the new one or shown as a window. */
static void tray_changed(struct x11 *x, xcb_window_t owner)
{
	vlog("x11: the desktop's system tray %s: domains' icons shown again",
	     owner ? "appeared" : "went away");
	x11_tray_remake(x, true);
}

void x11_tray_remake(struct x11 *x, bool destroy)
{
	for (int i = 0; i < x->srv->ndomains; i++)
		for (unsigned k = 0; k < TRAY_PER_DOMAIN; k++) {
			struct tray_icon *t = x->srv->domains[i]->tray.icons[k];
			struct xtray *xt = t ? t->shown : NULL;
			if (!xt)
				continue;
			if (destroy)
				xcb_destroy_window(x->c, xt->id);
			free(xt);
			t->shown = NULL;
			create(x, t);
		}
	xcb_flush(x->c);
}

static struct tray_icon *find(struct x11 *x, xcb_window_t id)
{
	for (int i = 0; i < x->srv->ndomains; i++)
		for (unsigned k = 0; k < TRAY_PER_DOMAIN; k++) {
			struct tray_icon *t = x->srv->domains[i]->tray.icons[k];
			if (t && t->shown && ((struct xtray *)t->shown)->id == id)
				return t;
		}
	return NULL;
}

/* Where t's window is on the screen now, for the core's click guard: the
 * tray packs its icons, one docked or undocked before it moves it
 * (hostile-domain trial 15 #4, trayer); a window manager moves one shown as
 * a window in its frame; known from its map on (CI-like run of 2026-12-03:
 * an icon never placed before its move took a click at once, the window
 * manager's ConfigureNotify coming after the click). */
static void placed(struct x11 *x, struct tray_icon *t)
{
	struct xtray *xt = t->shown;
	xcb_translate_coordinates_reply_t *r = xcb_translate_coordinates_reply(
		x->c, xcb_translate_coordinates(x->c, xt->id, x->screen->root, 0, 0), NULL);
	if (r)
		tray_icon_at(t, r->dst_x, r->dst_y);
	free(r);
}

bool x11_tray_event(struct x11 *x, xcb_generic_event_t *ev)
{
	struct tray_icon *t;
	if (x->xfixes_event &&
	    (ev->response_type & 0x7f) == x->xfixes_event + XCB_XFIXES_SELECTION_NOTIFY) {
		xcb_xfixes_selection_notify_event_t *e = (xcb_xfixes_selection_notify_event_t *)ev;
		if (e->selection != x->tray_selection)
			return false;
		tray_changed(x, e->owner);
		return true;
	}
	switch (ev->response_type & 0x7f) {
	case XCB_EXPOSE: {
		xcb_expose_event_t *e = (xcb_expose_event_t *)ev;
		if (!(t = find(x, e->window)))
			return false;
		if (!e->count)
			paint(x, t);
		return true;
	}
	case XCB_MAP_NOTIFY: /* shown: where (a click at once is the guard's) */
		if (!(t = find(x, ((xcb_map_notify_event_t *)ev)->window)))
			return false;
		placed(x, t);
		return true;
	case XCB_CONFIGURE_NOTIFY: {
		xcb_configure_notify_event_t *e = (xcb_configure_notify_event_t *)ev;
		if (!(t = find(x, e->window)))
			return false;
		struct xtray *xt = t->shown;
		xt->w = e->width ? e->width : 1;
		xt->h = e->height ? e->height : 1;
		placed(x, t);
		return true;
	}
	case XCB_BUTTON_PRESS:
	case XCB_BUTTON_RELEASE: {
		xcb_button_press_event_t *e = (xcb_button_press_event_t *)ev;
		if (!(t = find(x, e->event)))
			return false;
		struct xtray *xt = t->shown;
		bool press = (ev->response_type & 0x7f) == XCB_BUTTON_PRESS;
		tray_user_button(t, e->detail, press, e->event_x * (int32_t)t->w / xt->w,
				 e->event_y * (int32_t)t->h / xt->h,
				 &(struct vp_rect){ e->root_x - e->event_x, e->root_y - e->event_y,
						    xt->w, xt->h },
				 e->state);
		return true;
	}
	}
	return false;
}
