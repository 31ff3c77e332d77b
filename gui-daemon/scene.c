/* Stacking, placement and damage of the composited output. */
#include "scene.h"

#include "backend.h"
#include "decorations/deco.h"

void scene_init(struct scene *s, uint32_t width, uint32_t height)
{
	s->width = width;
	s->height = height;
	s->border = DECO_BORDER;
	s->titlebar = DECO_TITLEBAR;
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

void scene_damage_window(struct scene *s, struct window *win)
{
	pixman_box32_t b;
	deco_frame_box(win->x, win->y, win->w, win->h, &b);
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

/* Clamp a content coordinate so [pos - lead, pos + size + tail) fits in
 * [0, limit); if it cannot fit, the leading edge (title, left border) wins. */
static int32_t clamp_axis(int32_t pos, uint32_t size, int32_t lead, int32_t tail, uint32_t limit)
{
	int64_t lo = lead, hi = (int64_t)limit - tail - (int64_t)size;
	if (hi < lo)
		hi = lo;
	if (pos < lo)
		return (int32_t)lo;
	if (pos > hi)
		return (int32_t)hi;
	return pos;
}

int scene_place(struct scene *s, struct window *win)
{
	if (win->mapped)
		scene_damage_window(s, win);
	win->w = win->guest.w;
	win->h = win->guest.h;
	win->x = clamp_axis(win->guest.x, win->w, s->border, s->border, s->width);
	win->y = clamp_axis(win->guest.y, win->h, s->border + s->titlebar, s->border, s->height);
	if (win->mapped)
		scene_damage_window(s, win);
	backend_window_changed(s->backend, win, WIN_CHANGED_GEOMETRY);
	return win->x != win->guest.x || win->y != win->guest.y;
}
