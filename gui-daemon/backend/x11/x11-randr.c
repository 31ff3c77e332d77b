/*
 * The desktop's monitors (issue 14 item 5): its RandR 1.5 monitors (the
 * CRTCs' automatic ones, and those a user set with xrandr --setmonitor), read
 * at start and again on every RRScreenChangeNotify and RRNotify (hot-plug, a
 * mode change, a monitor set or deleted), reported to the core
 * (monitors_set), which tells the domains and clamps popups per monitor. A
 * desktop without RandR 1.5 is one monitor, the whole root.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xcb/randr.h>

#include "gui-daemon/monitors.h"
#include "x11.h"

static void read_monitors(struct x11 *x)
{
	struct server *srv = x->srv;
	xcb_get_geometry_reply_t *g =
		xcb_get_geometry_reply(x->c, xcb_get_geometry(x->c, x->screen->root), NULL);
	if (g && (g->width != srv->scene.width || g->height != srv->scene.height)) {
		vlog("x11: the desktop is now %ux%u", g->width, g->height);
		srv->scene.width = g->width;
		srv->scene.height = g->height;
		x11_read_workarea(x);
	}
	free(g);
	xcb_randr_get_monitors_reply_t *r = xcb_randr_get_monitors_reply(
		x->c, xcb_randr_get_monitors(x->c, x->screen->root, 1), NULL);
	pixman_box32_t b[MONITORS_MAX];
	char names[MONITORS_MAX][SCALE_NAME] = { { 0 } };
	xcb_get_atom_name_cookie_t nc[MONITORS_MAX];
	unsigned n = 0;
	for (xcb_randr_monitor_info_iterator_t it = r ? xcb_randr_get_monitors_monitors_iterator(r)
						      : (xcb_randr_monitor_info_iterator_t){ 0 };
	     it.rem && n < MONITORS_MAX; xcb_randr_monitor_info_next(&it)) {
		/* the primary first: the domains' dpi is the first monitor's */
		unsigned at = it.data->primary ? 0 : n;
		memmove(&b[at + 1], &b[at], (n - at) * sizeof(b[0]));
		memmove(&nc[at + 1], &nc[at], (n - at) * sizeof(nc[0]));
		b[at] = (pixman_box32_t){ it.data->x, it.data->y, it.data->x + it.data->width,
					  it.data->y + it.data->height };
		nc[at] = xcb_get_atom_name(x->c,
					   it.data->name); /* the output's, or --setmonitor's */
		n++;
	}
	free(r);
	for (unsigned i = 0; i < n; i++) {
		xcb_get_atom_name_reply_t *a = xcb_get_atom_name_reply(x->c, nc[i], NULL);
		if (a)
			snprintf(names[i], SCALE_NAME, "%.*s", a->name_len,
				 xcb_get_atom_name_name(a));
		free(a);
		/* Xwayland names its outputs so (x11-focus.c: or_on_top) */
		x->or_on_top |= !strncmp(names[i], "XWAYLAND", 8);
		x->base.own_stacking = x->or_on_top;
	}
	monitors_set_named(srv, b, (const char(*)[SCALE_NAME])names, n);
}

void x11_randr_init(struct x11 *x)
{
	const xcb_query_extension_reply_t *e = xcb_get_extension_data(x->c, &xcb_randr_id);
	xcb_randr_query_version_reply_t *v =
		e && e->present ? xcb_randr_query_version_reply(
					  x->c, xcb_randr_query_version(x->c, 1, 5), NULL)
				: NULL;
	bool ok = v && (v->major_version > 1 || v->minor_version >= 5);
	free(v);
	if (!ok) {
		vlog("x11: the desktop has no RandR 1.5: one monitor, the whole screen");
		return;
	}
	x->randr_event = e->first_event;
	xcb_randr_select_input(x->c, x->screen->root,
			       XCB_RANDR_NOTIFY_MASK_SCREEN_CHANGE |
				       XCB_RANDR_NOTIFY_MASK_CRTC_CHANGE |
				       XCB_RANDR_NOTIFY_MASK_OUTPUT_CHANGE);
	read_monitors(x);
}

void x11_randr_read(struct backend *b)
{
	read_monitors((struct x11 *)b);
}

bool x11_randr_event(struct x11 *x, xcb_generic_event_t *ev)
{
	uint8_t t = ev->response_type & 0x7f;
	if (!x->randr_event || (t != x->randr_event + XCB_RANDR_SCREEN_CHANGE_NOTIFY &&
				t != x->randr_event + XCB_RANDR_NOTIFY))
		return false;
	read_monitors(x);
	return true;
}
