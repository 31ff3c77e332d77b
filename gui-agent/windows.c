/*
 * Top-level window tracking: every child of the root except InputOnly ones,
 * override-redirect popups included. Structure events come from the root's
 * SubstructureNotify; each tracked window gets PropertyChange and a DAMAGE
 * object. While the daemon is connected and has answered HELLO (a->ready),
 * every change goes out at once; after a reconnect windows_resync() sends
 * everything again.
 */
#include "agent.h"

#include <stdio.h>
#include <stdlib.h>
#include <xcb/composite.h>

struct win *win_find(struct agent *a, xcb_window_t id)
{
	for (struct win *w = a->windows; w; w = w->next)
		if (w->id == id)
			return w;
	return NULL;
}

static uint32_t clamp_dim(uint32_t v)
{
	return v < 1 ? 1 : v > VP_MAX_DIM ? VP_MAX_DIM : v;
}

static int32_t clamp_coord(int32_t v)
{
	return v < VP_MIN_COORD ? VP_MIN_COORD : v > VP_MAX_COORD ? VP_MAX_COORD : v;
}

static struct vp_rect win_rect(const struct win *w)
{
	return (struct vp_rect){ clamp_coord(w->x), clamp_coord(w->y), clamp_dim(w->w),
				 clamp_dim(w->h) };
}

static void set_geometry(struct win *w, int16_t x, int16_t y, uint16_t width, uint16_t height,
			 uint16_t border)
{
	w->border = border;
	w->x = (int32_t)x + border;
	w->y = (int32_t)y + border;
	w->w = width;
	w->h = height;
}

static void announce(struct agent *a, struct win *w)
{
	struct vp_msg m = { .type = VP_CREATE, .window = w->id };
	m.u.create.r = win_rect(w);
	m.u.create.flags = w->override_redirect ? VP_WIN_OVERRIDE_REDIRECT : 0;
	m.u.create.transient_for = props_transient_for(a, w);
	agent_send(a, &m, -1);
	w->announced = true;
	props_send_all(a, w);
}

/* A buffer of the window's current size, or NULL if it cannot have one. */
static struct buffer *ensure_buffer(struct agent *a, struct win *w)
{
	uint32_t bw = clamp_dim(w->w), bh = clamp_dim(w->h);
	if (!a->depth_ok[w->depth])
		return NULL;
	if (w->buf && w->buf->width == bw && w->buf->height == bh)
		return w->buf;
	buffer_retire(a, w->buf);
	w->buf = buffer_create(a, bw, bh, w->depth);
	return w->buf;
}

/* BUFFER if needed, MAP, then a full copy and DAMAGE at the end of the batch. */
static void show(struct agent *a, struct win *w)
{
	struct buffer *b = ensure_buffer(a, w);
	if (b && !b->sent)
		buffer_send(a, w);
	struct vp_msg m = { .type = VP_MAP, .window = w->id };
	m.u.map.flags = w->map_or ? VP_WIN_OVERRIDE_REDIRECT : 0;
	m.u.map.transient_for = props_transient_for(a, w);
	agent_send(a, &m, -1);
	if (b)
		damage_full(a, w);
}

static struct win *track(struct agent *a, xcb_window_t id, bool scan)
{
	xcb_get_window_attributes_cookie_t ac = xcb_get_window_attributes(a->xc, id);
	xcb_get_geometry_cookie_t gc = xcb_get_geometry(a->xc, id);
	xcb_get_window_attributes_reply_t *attr = xcb_get_window_attributes_reply(a->xc, ac, NULL);
	xcb_get_geometry_reply_t *geom = xcb_get_geometry_reply(a->xc, gc, NULL);
	struct win *w = NULL;
	if (attr && geom && attr->_class != XCB_WINDOW_CLASS_INPUT_ONLY)
		/* Later maps come as MapNotify; only the startup scan looks at the state. */
		w = windows_add(a, id, geom, attr->override_redirect,
				scan && attr->map_state != XCB_MAP_STATE_UNMAPPED);
	free(attr);
	free(geom);
	return w;
}

struct win *windows_add(struct agent *a, xcb_window_t id, const xcb_get_geometry_reply_t *geom,
			bool override_redirect, bool mapped)
{
	struct win *w = calloc(1, sizeof(*w));
	if (!w)
		return NULL;
	w->id = id;
	set_geometry(w, geom->x, geom->y, geom->width, geom->height, geom->border_width);
	w->depth = geom->depth;
	w->override_redirect = w->map_or = override_redirect;
	w->mapped = mapped;
	uint32_t mask = XCB_EVENT_MASK_PROPERTY_CHANGE;
	xcb_change_window_attributes(a->xc, id, XCB_CW_EVENT_MASK, &mask);
	w->damage = xcb_generate_id(a->xc);
	xcb_damage_create(a->xc, w->damage, id, XCB_DAMAGE_REPORT_LEVEL_RAW_RECTANGLES);
	w->prev = a->windows_tail;
	if (a->windows_tail)
		a->windows_tail->next = w;
	else
		a->windows = w;
	a->windows_tail = w;
	if (a->ready) {
		announce(a, w);
		if (w->mapped)
			show(a, w);
	}
	return w;
}

static void untrack(struct agent *a, struct win *w, bool destroyed)
{
	if (a->ready && w->announced) {
		struct vp_msg m = { .type = VP_DESTROY, .window = w->id };
		agent_send(a, &m, -1);
	}
	if (!destroyed) {
		uint32_t mask = 0;
		xcb_change_window_attributes(a->xc, w->id, XCB_CW_EVENT_MASK, &mask);
		xcb_damage_destroy(a->xc, w->damage);
	}
	if (a->focused == w->id)
		a->focused = XCB_NONE;
	buffer_retire(a, w->buf);
	sync_forget(a, w);
	if (w->prev)
		w->prev->next = w->next;
	else
		a->windows = w->next;
	if (w->next)
		w->next->prev = w->prev;
	else
		a->windows_tail = w->prev;
	free(w);
}

int windows_scan(struct agent *a)
{
	int ret = -1;
	xcb_grab_server(a->xc);
	/* The domain's window manager (wm.c), unless it has one already. */
	uint32_t mask = XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY | XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT;
	xcb_generic_error_t *wm_err = xcb_request_check(
		a->xc,
		xcb_change_window_attributes_checked(a->xc, a->root, XCB_CW_EVENT_MASK, &mask));
	a->wm = !wm_err;
	if (wm_err)
		fprintf(stderr, "vitrine-agent: another window manager runs in this domain; "
				"fullscreen, maximize and minimize requests are its own\n");
	free(wm_err);
	mask = XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY;
	xcb_void_cookie_t sel = a->wm ? xcb_no_operation_checked(a->xc)
				      : xcb_change_window_attributes_checked(
						a->xc, a->root, XCB_CW_EVENT_MASK, &mask);
	/* MANUAL: nobody looks at the domain's own screen, so the X server
	 * need not paint the windows onto it (with AUTOMATIC that was a
	 * full extra copy of every update). */
	xcb_void_cookie_t red = xcb_composite_redirect_subwindows_checked(
		a->xc, a->root, XCB_COMPOSITE_REDIRECT_MANUAL);
	xcb_query_tree_cookie_t tc = xcb_query_tree(a->xc, a->root);
	xcb_generic_error_t *err = xcb_request_check(a->xc, sel);
	if (!err)
		err = xcb_request_check(a->xc, red);
	xcb_query_tree_reply_t *tree = xcb_query_tree_reply(a->xc, tc, NULL);
	if (err || !tree) {
		fprintf(stderr,
			"vitrine-agent: cannot watch or redirect the root window "
			"(X error %u); is another compositor running?\n",
			err ? err->error_code : 0);
		goto out;
	}
	xcb_window_t *kids = xcb_query_tree_children(tree);
	int n = xcb_query_tree_children_length(tree);
	for (int i = 0; i < n; i++)
		if (!win_find(a, kids[i]))
			track(a, kids[i], true);
	/* No window has the keys until the daemon gives it them (input.c):
	 * the X server's own focus, PointerRoot, made the window under the
	 * domain's pointer (the screen's centre) look focused, an xterm's
	 * cursor solid, while no key would come (new-user trial on sway). */
	if (a->wm && a->focused == XCB_NONE)
		xcb_set_input_focus(a->xc, XCB_INPUT_FOCUS_NONE, XCB_NONE, XCB_CURRENT_TIME);
	ret = 0;
out:
	free(err);
	free(tree);
	xcb_ungrab_server(a->xc);
	xcb_flush(a->xc);
	return ret;
}

void windows_resync(struct agent *a)
{
	/* Every CREATE first, so that transient_for can name any of them. */
	for (struct win *w = a->windows; w; w = w->next)
		announce(a, w);
	for (struct win *w = a->windows; w; w = w->next)
		if (w->mapped)
			show(a, w);
}

void windows_disconnected(struct agent *a)
{
	for (struct win *w = a->windows; w; w = w->next) {
		w->announced = false;
		w->flags_sent = false;
		w->cursor_sent = 0;
		w->ndmg = 0;
		sync_forget(a, w); /* the serials were that connection's */
		if (w->buf)
			w->buf->sent = w->buf->busy = false;
	}
}

void windows_destroy_all(struct agent *a)
{
	while (a->windows) {
		struct win *w = a->windows;
		a->windows = w->next;
		buffer_destroy(a, w->buf);
		free(w);
	}
	a->windows_tail = NULL;
}

void handle_create_notify(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_create_notify_event_t *e = (xcb_create_notify_event_t *)ev;
	if (e->parent == a->root && !win_find(a, e->window) && !tray_owns(a, e->window))
		track(a, e->window, false);
}

void handle_destroy_notify(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_destroy_notify_event_t *e = (xcb_destroy_notify_event_t *)ev;
	struct win *w = win_find(a, e->window);
	if (w)
		untrack(a, w, true);
	else
		tray_window_gone(a, e->window, XCB_NONE);
}

void handle_reparent_notify(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_reparent_notify_event_t *e = (xcb_reparent_notify_event_t *)ev;
	struct win *w = win_find(a, e->window);
	tray_window_gone(a, e->window, e->parent);
	if (e->parent == a->root && !w)
		track(a, e->window, false);
	else if (e->parent != a->root && w)
		untrack(a, w, false);
}

void handle_map_notify(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_map_notify_event_t *e = (xcb_map_notify_event_t *)ev;
	struct win *w = win_find(a, e->window);
	if (!w || w->mapped)
		return;
	w->mapped = true;
	/* (an own unmap's UnmapNotify came before this, even one that found
	 * the window withdrawn already by its client: none is to come) */
	w->own_unmaps = 0;
	w->hidden = false;
	w->override_redirect = w->map_or = e->override_redirect;
	if (a->ready)
		show(a, w);
}

/* w unmapped in the domain while the desktop shows it minimized, mapped
 * again when it is not (wm.c's comment). */
void windows_hide(struct agent *a, struct win *w, bool iconic)
{
	if (iconic == w->hidden || !w->mapped || w->map_or)
		return;
	w->hidden = iconic;
	if (iconic) {
		w->own_unmaps++;
		xcb_unmap_window(a->xc, w->id);
	} else {
		xcb_map_window(a->xc, w->id);
	}
}

/* An UnmapNotify of w that the agent's own unmap caused: not the
 * application's (its window stays shown to the daemon). */
bool windows_own_unmap(struct win *w, const xcb_unmap_notify_event_t *e)
{
	if (!w->own_unmaps || (e->response_type & 0x80)) { /* a client's withdrawal */
		w->hidden = false;
		return false;
	}
	w->own_unmaps--;
	return true;
}

void handle_unmap_notify(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_unmap_notify_event_t *e = (xcb_unmap_notify_event_t *)ev;
	struct win *w = win_find(a, e->window);
	if (!w || !w->mapped || windows_own_unmap(w, e))
		return;
	w->mapped = false;
	w->ndmg = 0;
	if (a->ready && w->announced) {
		struct vp_msg m = { .type = VP_UNMAP, .window = w->id };
		agent_send(a, &m, -1);
	}
}

void handle_configure_notify(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_configure_notify_event_t *e = (xcb_configure_notify_event_t *)ev;
	struct win *w = win_find(a, e->window);
	if (!w) {
		tray_icon_configured(a, e);
		return;
	}
	bool resized = e->width != w->w || e->height != w->h;
	set_geometry(w, e->x, e->y, e->width, e->height, e->border_width);
	w->override_redirect = e->override_redirect;
	if (!a->ready || !w->announced)
		return;
	/* A mapped window keeps the kind it was mapped as until it is remapped. */
	bool popup = w->mapped ? w->map_or : w->override_redirect;
	struct vp_msg m = { .type = VP_CONFIGURE, .window = w->id };
	m.u.configure.r = win_rect(w);
	m.u.configure.flags = popup ? VP_WIN_OVERRIDE_REDIRECT : 0;
	agent_send(a, &m, -1);
	if (resized && w->mapped) {
		struct buffer *b = ensure_buffer(a, w);
		if (b && !b->sent && !w->sync_serial) /* sync.c: withheld until drawn */
			buffer_send(a, w);
		if (b)
			damage_full(a, w);
	}
}

void handle_property_notify(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_property_notify_event_t *e = (xcb_property_notify_event_t *)ev;
	if (e->window == a->clip.win) {
		clipboard_property(a, e);
		return;
	}
	struct win *w = win_find(a, e->window);
	if (w && a->ready && w->announced)
		props_changed(a, w, e->atom);
}
