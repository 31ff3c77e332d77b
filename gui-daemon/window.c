/* Window lifetime: creation, destruction and buffer replacement; the user's
 * geometry, state and close, told to the guest. */
#include "window.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "dbuf.h"
#include "domain.h"
#include "focus.h"
#include "grab.h"
#include "input/input.h"
#include "server.h"
#include "tray.h"
#include "pace.h"
#include "policy.h"
#include "sync.h"

struct window *window_create(struct domain *d, uint32_t id, const struct vp_rect *guest, bool popup,
			     uint32_t transient_for)
{
	struct window *win = calloc(1, sizeof(*win));
	if (!win)
		return NULL;
	win->dom = d;
	win->id = id;
	win->frame_top = -1;
	win->guest = *guest;
	win->popup = popup;
	win->transient_for = transient_for;
	list_insert(d->windows.prev, &win->dom_link);
	d->nwindows++;
	scene_add(&d->srv->scene, win);
	scene_place(&d->srv->scene, win, false);
	return win;
}

void window_release(struct window *win, uint32_t serial)
{
	if (win->dom->conn.fd < 0) /* nobody listens */
		return;
	struct vp_msg m = { .type = VP_RELEASE, .window = win->id };
	m.u.release_serial = serial;
	domain_send(win->dom, &m);
}

void window_frame(struct window *win, uint32_t seq)
{
	struct server *srv = win->dom->srv;
	if (!win->mapped || !win->buf.ops) { /* nothing reads its buffer */
		window_frame_done(win, seq);
		return;
	}
	win->frame_seq = seq;
	win->frame_asked = true;
	srv->frames_asked = true;
}

void window_frame_old(struct window *win, uint32_t seq)
{
	struct backend *b = win->dom->srv->backend;
	/* A backend that reads buffers between repaints and does not say
	 * when it stopped is taken to read them still (it cannot forget). */
	bool reads = b && (b->ops->reads_buffer ? b->ops->reads_buffer(b, win)
						: (b->ops->caps & BACKEND_CAP_PER_WINDOW) != 0);
	if (reads)
		window_frame(win, seq); /* after the round trip (x11-frame.c) */
	else
		window_frame_done(win, seq);
}

void window_frame_done(struct window *win, uint32_t seq)
{
	win->frame_asked = false;
	dbuf_frame_done(win, seq);
	if (win->dom->conn.fd < 0)
		return;
	struct vp_msg m = { .type = VP_FRAME_DONE, .window = win->id };
	m.u.frame_seq = seq;
	domain_send(win->dom, &m);
}

void window_frames_done(struct server *srv)
{
	srv->frames_asked = false;
	for (int i = 0; i < srv->ndomains; i++) {
		struct list *pos, *tmp;
		list_each(pos, tmp, &srv->domains[i]->windows)
		{
			struct window *win = list_item(pos, struct window, dom_link);
			if (win->frame_asked && win->pace_waiting)
				srv->frames_asked =
					true; /* pace.c holds its damage: not read yet */
			else if (win->frame_asked)
				window_frame_done(win, win->frame_seq);
		}
	}
}

void window_set_buffer(struct window *win, const struct vshm_map *m)
{
	struct domain *d = win->dom;
	if (win->image) {
		pixman_image_unref(win->image);
		win->image = NULL;
	}
	if (win->buf.ops) {
		uint32_t old = win->buf.serial;
		d->buffer_bytes -= win->buf.size;
		vshm_unmap(&win->buf);
		window_release(win, old);
	}
	win->has_pixels = false;
	dbuf_reset(win);
	if (m && m->ops) {
		win->buf = *m;
		d->buffer_bytes += m->size;
		win->image =
			pixman_image_create_bits(PIXMAN_x8r8g8b8, (int)m->width, (int)m->height,
						 (uint32_t *)m->data, (int)m->stride);
	}
	if (win->mapped)
		scene_damage_window(&d->srv->scene, win);
	backend_window_changed(d->srv->backend, win, WIN_CHANGED_BUFFER);
}

void window_destroy(struct window *win)
{
	if (!win)
		return;
	struct domain *d = win->dom;
	struct list *pos, *tmp;
	tray_menu_gone(d->srv, win);
	focus_window_gone(d->srv, win); /* while it may have the keys */
	focus_window_leaving(d->srv, win);
	input_window_gone(d->srv->input, window_target(win));
	grab_window_gone(d->srv, win);
	pace_window_gone(win);
	props_window_gone(win);
	window_set_buffer(win, NULL);
	window_icon_free(win);
	scene_remove(&d->srv->scene, win);
	list_remove(&win->dom_link);
	d->nwindows--;
	list_each(pos, tmp, &d->windows)
	{
		struct window *o = list_item(pos, struct window, dom_link);
		if (o->transient_for == win->id)
			o->transient_for = 0;
	}
	free(win);
}

/* The guest's position may not be where the daemon put the window: tell it. */
void window_send_geometry(struct window *win)
{
	struct vp_msg m = { .type = VP_SET_GEOMETRY, .window = win->id };
	m.u.geometry = (struct vp_rect){ win->x, win->y, win->w, win->h };
	win->guest = m.u.geometry;
	if (win->nsent == 4)
		memmove(win->sent, win->sent + 1, 3 * sizeof(win->sent[0]));
	else
		win->nsent++;
	win->sent[win->nsent - 1] = m.u.geometry;
	domain_send(win->dom, &m);
}

/*
 * The guest confirms each SET_GEOMETRY with a CONFIGURE of that geometry,
 * but maybe only after the user changed it again. An echo of an older one
 * is stale: applying it would undo the user's newer change. Returns true
 * for such an echo (it and everything older are forgotten).
 */
bool window_stale_echo(struct window *win, const struct vp_rect *r)
{
	for (unsigned i = 0; i < win->nsent; i++) {
		const struct vp_rect *s = &win->sent[i];
		if (s->x == r->x && s->y == r->y && s->w == r->w && s->h == r->h) {
			bool stale = i + 1 < win->nsent;
			memmove(win->sent, win->sent + i + 1,
				(win->nsent - i - 1) * sizeof(win->sent[0]));
			win->nsent -= i + 1;
			return stale;
		}
	}
	return false;
}

void window_user_geometry(struct window *win, int32_t x, int32_t y, uint32_t w, uint32_t h)
{
	if (x == win->x && y == win->y && w == win->w && h == win->h)
		return;
	/* with no input of the user's for a second, not the user's: the
	 * window manager carrying out the domain's request (maximize, a
	 * minimum size), a window coming where the user may click
	 * (hostile-domain trial 8 B); its size hints applied to the core's
	 * clamp at a scale change, which must not forget where the window was
	 * (review 8 S2: Firefox shrank at each set-scale round trip) */
	struct server *srv = win->dom->srv;
	if (srv->grab.kind == GRAB_NONE && !srv->desk_buttons &&
	    now_ms() - srv->user_input_ms > FOCUS_CHOICE_MS)
		win->moved_ms = now_ms();
	else
		win->home_scale = 0; /* the user's place now (scale-home.h) */
	window_set_geometry(win, x, y, w, h);
}

void window_set_geometry(struct window *win, int32_t x, int32_t y, uint32_t w, uint32_t h)
{
	struct domain *d = win->dom;
	if (x == win->x && y == win->y && w == win->w && h == win->h)
		return;
	uint32_t ow = win->w, oh = win->h;
	win->guest = (struct vp_rect){ x, y, w, h };
	policy_place(d->srv, win, true); /* clamped: the label stays on screen */
	if (win->w != ow || win->h != oh)
		sync_request(win, win->w, win->h);
	window_send_geometry(win);
}

/* The guest is told g (VP_STATE_*) as its window's state. */
static void tell_guest(struct window *win, uint32_t g)
{
	win->told_state = g;
	/* The agent takes it as its window's state and says nothing back (no
	 * echo to act on): its wishes are what it was told now. */
	const uint32_t mine = VP_WM_FULLSCREEN | VP_WM_MAXIMIZED | VP_WM_MINIMIZED;
	win->wmflags = (win->wmflags & ~mine) | (g & VP_STATE_FULLSCREEN ? VP_WM_FULLSCREEN : 0) |
		       (g & VP_STATE_MAXIMIZED ? VP_WM_MAXIMIZED : 0) |
		       (g & VP_STATE_MINIMIZED ? VP_WM_MINIMIZED : 0);
	struct vp_msg m = { .type = VP_WINDOW_STATE, .window = win->id };
	m.u.state = g;
	domain_send(win->dom, &m);
}

void window_desktop_state(struct window *win, unsigned st)
{
	const unsigned size = WIN_STATE_MAXIMIZED | WIN_STATE_FULLSCREEN;
	unsigned old = win->desktop_state;
	if (st == old)
		return;
	win->desktop_state = st;
	if (st & ~old & WIN_STATE_MINIMIZED)
		focus_window_minimized(win->dom->srv, win);
	if ((old ^ st) & size) {
		win->wm_settle_ms = now_ms();
		if (policy_desktop_stale(win, st)) /* for the guest: no change */
			st = (st & ~size) | (old & size);
	}
	uint32_t g = policy_guest_state(win, old, st);
	if (g != win->told_state)
		tell_guest(win, g);
}

void window_desktop_hides_new(struct window *win)
{
	server_notice_domain(win->dom->srv,
			     "%s: a new window is hidden: the desktop is shown; show the windows "
			     "again (Show Desktop) to see it",
			     win->dom->cfg->name);
}

void window_guest_wish(struct window *win, uint32_t flags)
{
	const unsigned size = WIN_STATE_MAXIMIZED | WIN_STATE_FULLSCREEN;
	unsigned before = policy_state(win) & size;
	if (flags & ~win->wmflags & VP_WM_MINIMIZED)
		focus_window_minimized(win->dom->srv, win);
	win->wmflags = flags;
	if ((policy_state(win) & size) == before) { /* shown so already: no answer comes */
		uint32_t g = policy_guest_shown(win);
		if (g != win->told_state)
			tell_guest(win, g);
	}
	props_changed(win, WIN_CHANGED_FLAGS);
}

void window_user_close(struct window *win)
{
	win->dom->user_close_ms = now_ms(); /* its answer may come up (policy.c) */
	struct vp_msg m = { .type = VP_CLOSE, .window = win->id };
	domain_send(win->dom, &m);
}
