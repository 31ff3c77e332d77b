/* Moving, resizing and closing windows with the pointer on a composited
 * output (grab.h). */
#include "grab.h"

#include "backend.h"
#include "decorations/deco.h"
#include "input/input.h"
#include "scene.h"
#include "server.h"
#include "window.h"

#define SUPER 0x40u /* Mod4, as the router's X modifier mask has it */
#define MIN_W 32    /* the smallest content a resize leaves */
#define MIN_H 16

static bool in_box(const pixman_box32_t *b, int32_t x, int32_t y)
{
	return x >= b->x1 && y >= b->y1 && x < b->x2 && y < b->y2;
}

static bool close_box_at(struct server *srv, struct window *w, int32_t x, int32_t y)
{
	struct scene *s = &srv->scene;
	pixman_box32_t b;
	struct deco_frame f = scene_frame(s, w);
	return deco_close_box(&f, w->x, w->y, w->w, &b) == 0 && in_box(&b, x, y);
}

static bool title_bar_at(struct server *srv, struct window *w, int32_t x, int32_t y)
{
	int t = scene_titlebar(&srv->scene, w);
	return t > 0 && x >= w->x && x < w->x + (int32_t)w->w && y >= w->y - t && y < w->y;
}

static void end(struct grab *g)
{
	g->kind = GRAB_NONE;
	g->win = NULL;
	g->pending = false;
}

/* The window to want, told to the guest unless it is SENT_MAX geometries
 * behind (then at the next motion or the release). */
static void apply(struct grab *g, bool last)
{
	struct window *w = g->win;
	g->pending = true;
	if (!last && w->nsent >= sizeof(w->sent) / sizeof(w->sent[0]))
		return;
	g->pending = false;
	window_user_geometry(w, g->want.x, g->want.y, g->want.w, g->want.h);
}

bool grab_press(struct server *srv, struct window *w, bool in_content, int32_t x, int32_t y,
		uint32_t button)
{
	struct grab *g = &srv->grab;
	if (!w || g->kind != GRAB_NONE || input_pointer_grab(srv->input) ||
	    (srv->backend->ops->caps & BACKEND_CAP_WM)) /* the desktop's window manager does it */
		return false;
	bool super = (input_mods(srv->input) & SUPER) != 0 && !w->as_popup;
	enum grab_kind k = GRAB_NONE;
	if (super && button == 1)
		k = GRAB_MOVE;
	else if (super && button == 3)
		k = GRAB_RESIZE;
	else if (!in_content && button == 1 && close_box_at(srv, w, x, y))
		k = GRAB_CLOSE;
	else if (!in_content && button == 1 && title_bar_at(srv, w, x, y))
		k = GRAB_MOVE;
	if (k == GRAB_NONE)
		return false;
	*g = (struct grab){ .kind = k, .win = w, .button = button, .px = x, .py = y };
	g->start = g->want = (struct vp_rect){ w->x, w->y, w->w, w->h };
	g->ex = x < w->x + (int32_t)w->w / 2 ? -1 : 1;
	g->ey = y < w->y + (int32_t)w->h / 2 ? -1 : 1;
	return true;
}

/* A side of the resize: the content's start and size for a pointer moved
 * by d, the edge e moving (-1 the start, 1 the end). */
static void resize_axis(int32_t start, uint32_t size, int e, int32_t d, uint32_t min, int32_t *pos,
			uint32_t *out)
{
	int64_t s = (int64_t)size + (e < 0 ? -(int64_t)d : d);
	if (s < min)
		s = min;
	if (s > 16384)
		s = 16384;
	*out = (uint32_t)s;
	*pos = e < 0 ? (int32_t)(start + (int64_t)size - s) : start;
}

bool grab_motion(struct server *srv, int32_t x, int32_t y)
{
	struct grab *g = &srv->grab;
	if (g->kind == GRAB_NONE)
		return false;
	struct window *w = g->win;
	int32_t dx = x - g->px, dy = y - g->py;
	if (g->kind == GRAB_MOVE) {
		g->want.x = g->start.x + dx;
		g->want.y = g->start.y + dy;
		g->want.w = w->w;
		g->want.h = w->h;
	} else if (g->kind == GRAB_RESIZE) {
		uint32_t mw = MIN_W, mh = MIN_H;
		if (w->hints.flags & VP_HINT_MIN) {
			mw = w->hints.min_w > mw ? w->hints.min_w : mw;
			mh = w->hints.min_h > mh ? w->hints.min_h : mh;
		}
		resize_axis(g->start.x, g->start.w, g->ex, dx, mw, &g->want.x, &g->want.w);
		resize_axis(g->start.y, g->start.h, g->ey, dy, mh, &g->want.y, &g->want.h);
	} else {
		return true; /* the close box: nothing moves */
	}
	if (w->mapped)
		apply(g, false);
	return true;
}

bool grab_button(struct server *srv, int32_t x, int32_t y, uint32_t button, bool pressed)
{
	struct grab *g = &srv->grab;
	if (g->kind == GRAB_NONE)
		return false;
	if (pressed || button != g->button)
		return true; /* other buttons while dragging: no one's */
	struct window *w = g->win;
	if (g->kind == GRAB_CLOSE && w->mapped && close_box_at(srv, w, x, y))
		window_user_close(w);
	else if (g->kind != GRAB_CLOSE && w->mapped && g->pending)
		apply(g, true);
	end(g);
	return true;
}

void grab_key(struct server *srv, struct window *w, int32_t dx, int32_t dy, bool resize)
{
	if (!w->mapped || w->as_popup || srv->grab.kind != GRAB_NONE ||
	    (srv->backend->ops->caps & BACKEND_CAP_WM))
		return;
	struct vp_rect r = { w->x + (resize ? 0 : dx), w->y + (resize ? 0 : dy), w->w, w->h };
	if (resize) {
		uint32_t mw = MIN_W, mh = MIN_H;
		if (w->hints.flags & VP_HINT_MIN) {
			mw = w->hints.min_w > mw ? w->hints.min_w : mw;
			mh = w->hints.min_h > mh ? w->hints.min_h : mh;
		}
		resize_axis(w->x, w->w, 1, dx, mw, &r.x, &r.w);
		resize_axis(w->y, w->h, 1, dy, mh, &r.y, &r.h);
	}
	window_user_geometry(w, r.x, r.y, r.w, r.h);
}

void grab_window_gone(struct server *srv, struct window *win)
{
	if (srv->grab.win == win)
		end(&srv->grab);
}
