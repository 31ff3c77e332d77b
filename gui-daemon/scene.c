/* Stacking, placement and damage of the composited output. */
#include "scene.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "decorations/deco-notice.h"
#include "decorations/deco.h"
#include "domain.h"

void scene_init(struct scene *s, uint32_t width, uint32_t height)
{
	s->width = width;
	s->height = height;
	s->border = DECO_BORDER;
	s->titlebar = DECO_TITLEBAR;
	s->work = (pixman_box32_t){ 0, 0, (int32_t)width, (int32_t)height };
	s->reserved_top = 0;
	s->switcher = NULL;
	s->nmon = 1;
	s->mon[0] = s->work;
	s->scale = 100;
	for (unsigned i = 0; i < 16; i++)
		s->mon_scale[i] = 100;
	strcpy(s->mon_name[0], "MONITOR-1");
	memset(&s->rules, 0, sizeof(s->rules));
	list_init(&s->stack);
	pixman_region32_init_rect(&s->damage, 0, 0, width, height);
}

void scene_finish(struct scene *s)
{
	pixman_region32_fini(&s->damage);
}

void scene_damage_box(struct scene *s, int32_t x, int32_t y, uint32_t w, uint32_t h)
{
	pixman_region32_union_rect(&s->damage, &s->damage, x, y, w, h);
	pixman_region32_intersect_rect(&s->damage, &s->damage, 0, 0, s->width, s->height);
}

struct deco_frame scene_frame_at(const struct scene *s, bool popup, unsigned percent)
{
	if (!s->titlebar) /* the desktop's window manager draws the frames (x11) */
		return (struct deco_frame){ s->border, 0 };
	int b = (int)(((unsigned)s->border * percent + 50) / 100);
	int t = (int)(((unsigned)s->titlebar * percent + 50) / 100);
	return (struct deco_frame){ b, popup ? 0 : t };
}

unsigned scene_monitor_of(const struct scene *s, const struct window *win, const struct vp_rect *r)
{
	unsigned best = 0;
	int64_t most = 0;
	for (unsigned i = 0; i < s->nmon && i < 16; i++) {
		struct deco_frame f = scene_frame_at(s, win->as_popup, s->mon_scale[i]);
		/* in 64 bits: a request not clamped yet may be anywhere in int32 */
		int64_t x1 = (int64_t)r->x - f.border, y1 = (int64_t)r->y - f.titlebar - f.border;
		int64_t x2 = (int64_t)r->x + r->w + f.border, y2 = (int64_t)r->y + r->h + f.border;
		const pixman_box32_t *m = &s->mon[i];
		int64_t w = (x2 < m->x2 ? x2 : m->x2) - (x1 > m->x1 ? x1 : m->x1);
		int64_t h = (y2 < m->y2 ? y2 : m->y2) - (y1 > m->y1 ? y1 : m->y1);
		if (w > 0 && h > 0 && w * h > most)
			most = w * h, best = i;
	}
	return best;
}

struct deco_frame scene_frame(const struct scene *s, const struct window *win)
{
	struct vp_rect r = { win->x, win->y, win->w, win->h };
	return scene_frame_at(s, win->as_popup, s->mon_scale[scene_monitor_of(s, win, &r)]);
}

int scene_titlebar(const struct scene *s, const struct window *win)
{
	return scene_frame(s, win).titlebar;
}

void scene_frame_box(const struct scene *s, const struct window *win, pixman_box32_t *b)
{
	struct deco_frame f = scene_frame(s, win);
	deco_frame_box(&f, win->x, win->y, win->w, win->h, b);
}

void scene_damage_window(struct scene *s, struct window *win)
{
	pixman_box32_t b;
	scene_frame_box(s, win, &b);
	scene_damage_box(s, b.x1, b.y1, (uint32_t)(b.x2 - b.x1), (uint32_t)(b.y2 - b.y1));
}

void scene_add(struct scene *s, struct window *win)
{
	list_insert(s->stack.prev, &win->stack_link);
}

void scene_remove(struct scene *s, struct window *win)
{
	if (win->mapped)
		scene_damage_window(s, win);
	list_remove(&win->stack_link);
	backend_window_removed(s->backend, win);
}

void scene_raise(struct scene *s, struct window *win)
{
	list_remove(&win->stack_link);
	list_insert(s->stack.prev, &win->stack_link);
	if (win->mapped)
		scene_damage_window(s, win);
	backend_window_changed(s->backend, win, WIN_CHANGED_STACK);
}

void scene_place_below(struct scene *s, struct window *win, struct window *other)
{
	list_remove(&win->stack_link);
	list_insert(other->stack_link.prev, &win->stack_link);
	if (win->mapped)
		scene_damage_window(s, win);
	backend_window_changed(s->backend, win, WIN_CHANGED_STACK);
}

static pixman_box32_t monitor_area(const struct scene *s, const struct window *focus)
{
	unsigned m = 0;
	if (focus && focus->mapped) {
		struct vp_rect r = { focus->x, focus->y, focus->w, focus->h };
		m = scene_monitor_of(s, focus, &r);
	}
	pixman_box32_t a = s->work;
	if (m < s->nmon) {
		const pixman_box32_t *b = &s->mon[m];
		a.x1 = a.x1 > b->x1 ? a.x1 : b->x1;
		a.y1 = a.y1 > b->y1 ? a.y1 : b->y1;
		a.x2 = a.x2 < b->x2 ? a.x2 : b->x2;
		a.y2 = a.y2 < b->y2 ? a.y2 : b->y2;
	}
	return a.x1 < a.x2 && a.y1 < a.y2 ? a : s->work;
}

void scene_notice_area(struct scene *s, const struct window *focus)
{
	s->notice_area = monitor_area(s, focus);
}

pixman_box32_t scene_notification_area(const struct scene *s, const struct window *focus)
{
	pixman_box32_t a = monitor_area(s, focus);
	int32_t cx = a.x1 + (a.x2 - a.x1) / 2, half = (a.x2 - a.x1) / 4;
	if (half > DECO_NOTICE_BAND / 2)
		half = DECO_NOTICE_BAND / 2;
	a.x1 = cx - half, a.x2 = cx + half;
	if (a.y2 - a.y1 > DECO_NOTICE_HEIGHT + DECO_NOTICE_GAP)
		a.y1 += DECO_NOTICE_HEIGHT + DECO_NOTICE_GAP; /* under the daemon's notice */
	return a;
}

void scene_restack(struct scene *s, struct window **order, unsigned n)
{
	struct list *pos, *tmp, *slot = n ? calloc(n, sizeof(*slot)) : NULL;
	unsigned i = 0, moved = 0;
	if (!slot)
		return;
	unsigned m = 0;
	for (unsigned k = 0; k < n; k++) /* each once */
		if (!order[k]->restack) {
			order[k]->restack = true;
			order[m++] = order[k];
		}
	n = m;
	list_each(pos, tmp, &s->stack) /* a place holder before each of their places */
	{
		struct window *w = list_item(pos, struct window, stack_link);
		if (!w->restack || i == n)
			continue;
		moved += w != order[i];
		list_insert(pos->prev, &slot[i++]);
	}
	for (unsigned k = 0; k < n; k++) {
		order[k]->restack = false;
		if (!moved || k >= i)
			continue;
		list_remove(&order[k]->stack_link);
		list_insert(&slot[k], &order[k]->stack_link);
		if (order[k]->mapped)
			scene_damage_window(s, order[k]);
	}
	for (unsigned k = 0; k < i; k++)
		list_remove(&slot[k]);
	free(slot);
}
