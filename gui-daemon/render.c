/* What the renderers share: their table, the walk over the scene. */
#include "render.h"

#include <stdio.h>
#include <string.h>

#include "decorations/deco-notice.h"

#include "domain.h"
#include "scene.h"

const struct renderer_ops *renderer_find(const char *name)
{
	static const struct renderer_ops *all[] = { &pixman_renderer_ops, &gles2_renderer_ops };
	if (!name || !*name)
		return all[0];
	for (unsigned i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (!strcmp(all[i]->name, name))
			return all[i];
	return NULL;
}

void render_shown_box(const struct window *win, pixman_box32_t *b)
{
	b->x1 = b->y1 = b->x2 = b->y2 = 0;
	if (!win->image)
		return;
	b->x2 = (int32_t)(win->buf.width < win->w ? win->buf.width : win->w);
	b->y2 = (int32_t)(win->buf.height < win->h ? win->buf.height : win->h);
}

void render_walk(struct scene *s, pixman_region32_t *damage, const pixman_box32_t *notice,
		 void (*fn)(void *ctx, const struct render_part *p), void *ctx)
{
	struct list *pos, *tmp;
	pixman_region32_t left, mine;
	pixman_region32_init(&left);
	pixman_region32_init(&mine);
	pixman_region32_copy(&left, damage);
	if (s->switcher) { /* the Alt+Tab overlay: opaque, over everything */
		const pixman_box32_t *o = &s->switcher->box;
		pixman_region32_intersect_rect(&mine, damage, o->x1, o->y1,
					       (uint32_t)(o->x2 - o->x1),
					       (uint32_t)(o->y2 - o->y1));
		if (pixman_region32_not_empty(&mine))
			fn(ctx, &(struct render_part){ .area = &mine, .switcher = s->switcher });
		pixman_region32_subtract(&left, &left, &mine);
	}
	if (notice) { /* opaque, over everything: nothing under it is painted */
		pixman_region32_intersect_rect(&mine, &left, notice->x1, notice->y1,
					       (uint32_t)(notice->x2 - notice->x1),
					       (uint32_t)(notice->y2 - notice->y1));
		if (pixman_region32_not_empty(&mine))
			fn(ctx, &(struct render_part){ .area = &mine, .notice = 1 });
		pixman_region32_subtract(&left, &left, &mine);
	}
	list_each_reverse(pos, tmp, &s->stack)
	{
		struct window *win = list_item(pos, struct window, stack_link);
		if (!pixman_region32_not_empty(&left))
			break; /* all painted: the windows below are hidden */
		if (!win->shown)
			continue;
		/* the scene's sizes, the one source: a popup has no title bar,
		 * and the frame has the scale of the monitor it is on */
		struct deco_frame frame = scene_frame(s, win);
		pixman_box32_t b;
		deco_frame_box(&frame, win->x, win->y, win->w, win->h, &b);
		pixman_region32_intersect_rect(&mine, &left, b.x1, b.y1, (uint32_t)(b.x2 - b.x1),
					       (uint32_t)(b.y2 - b.y1));
		if (!pixman_region32_not_empty(&mine))
			continue;
		const struct domain_config *cfg = win->dom->cfg;
		struct deco_info info = { cfg->name, palette[cfg->label].rgb, win->title,
					  win->icon_image, 1 };
		fn(ctx, &(struct render_part){ win, &frame, &info, &mine, 0 });
		pixman_region32_subtract(&left, &left, &mine);
	}
	if (pixman_region32_not_empty(&left))
		fn(ctx, &(struct render_part){ .area = &left });
	pixman_region32_fini(&mine);
	pixman_region32_fini(&left);
}

void render_notice_set(struct render_notice *n, const char *text, const pixman_box32_t *area,
		       pixman_region32_t *damage)
{
	pixman_box32_t *b = &n->box;
	if (n->text[0])
		pixman_region32_union_rect(damage, damage, b->x1, b->y1, (uint32_t)(b->x2 - b->x1),
					   (uint32_t)(b->y2 - b->y1));
	snprintf(n->text, sizeof(n->text), "%s", text ? text : "");
	if (!n->text[0])
		return;
	deco_notice_box(n->text, area, b);
	pixman_region32_union_rect(damage, damage, b->x1, b->y1, (uint32_t)(b->x2 - b->x1),
				   (uint32_t)(b->y2 - b->y1));
}

/* Window p->win with its content at (x, y) (the scene's place, or a
 * picture's) into dst, within p->area: its pixels, RENDER_NO_PIXELS where
 * they do not reach, its tint, then (deco) its frame p->frame, p->info. The
 * pixman renderer's paint, and the window screenshot (control-shot.c). */
void render_window_pixman(pixman_image_t *dst, struct deco_ctx *deco, const struct render_part *p,
			  int32_t x, int32_t y)
{
	struct window *win = p->win;
	pixman_region32_t area, pix;
	pixman_region32_init_rect(&area, x, y, win->w, win->h);
	pixman_region32_intersect(&area, &area, p->area);
	pixman_region32_init(&pix);
	if (pixman_region32_not_empty(&area) && win->image && win->has_pixels) {
		pixman_box32_t b;
		render_shown_box(win, &b);
		pixman_region32_intersect_rect(&pix, &area, x, y, (uint32_t)b.x2, (uint32_t)b.y2);
		if (pixman_region32_not_empty(&pix)) {
			pixman_box32_t *e = pixman_region32_extents(&pix);
			pixman_image_set_clip_region32(dst, &pix);
			pixman_image_composite32(PIXMAN_OP_SRC, win->image, NULL, dst, e->x1 - x,
						 e->y1 - y, 0, 0, e->x1, e->y1, e->x2 - e->x1,
						 e->y2 - e->y1);
			pixman_image_set_clip_region32(dst, NULL);
		}
	}
	pixman_region32_subtract(&pix, &area, &pix);
	if (pixman_region32_not_empty(&pix))
		deco_fill(dst, RENDER_NO_PIXELS, &pix);
	const struct domain_config *cfg = win->dom->cfg;
	if (pixman_region32_not_empty(&area))
		deco_tint(dst, palette[cfg->label].rgb, (int)cfg->tint, x, y, win->w, win->h,
			  &area);
	pixman_region32_fini(&pix);
	pixman_region32_fini(&area);
	if (deco)
		deco_draw(deco, p->frame, p->info, x, y, win->w, win->h, p->area);
}
