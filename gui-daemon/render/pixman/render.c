/*
 * The pixman renderer: background, then each mapped window bottom to top:
 * its guest content (read in place from the shared buffer, clipped to the
 * content rectangle), its tint, and its frame and title bar; the trusted
 * notice over all of them. It keeps no copy of guest pixels, so the window
 * hooks have nothing to do.
 */
#include "gui-daemon/render.h"

#include <stdlib.h>

#include "decorations/deco-notice.h"
#include "decorations/deco-switcher.h"
#include "decorations/deco.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/scene.h"

struct pixman_renderer {
	struct renderer base;
	pixman_image_t *dst;
	struct deco_ctx *deco;
	struct render_notice notice;
};

static void destroy(struct renderer *base)
{
	struct pixman_renderer *r = (struct pixman_renderer *)base;
	if (!r)
		return;
	deco_ctx_destroy(r->deco);
	free(r);
}

static struct renderer *create(const struct render_output *out)
{
	if (!out->image)
		return NULL;
	struct pixman_renderer *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->base.ops = &pixman_renderer_ops;
	r->dst = out->image;
	r->deco = deco_ctx_create(out->image);
	if (!r->deco) {
		free(r);
		return NULL;
	}
	return &r->base;
}

static void paint_content(struct pixman_renderer *r, struct window *win, pixman_region32_t *damage)
{
	pixman_region32_t area, pix;
	pixman_region32_init_rect(&area, win->x, win->y, win->w, win->h);
	pixman_region32_intersect(&area, &area, damage);
	if (!pixman_region32_not_empty(&area)) {
		pixman_region32_fini(&area);
		return;
	}
	pixman_region32_init(&pix);
	if (win->image && win->has_pixels) {
		pixman_box32_t b;
		render_shown_box(win, &b);
		pixman_region32_intersect_rect(&pix, &area, win->x, win->y, (uint32_t)b.x2,
					       (uint32_t)b.y2);
		if (pixman_region32_not_empty(&pix)) {
			pixman_box32_t *e = pixman_region32_extents(&pix);
			pixman_image_set_clip_region32(r->dst, &pix);
			pixman_image_composite32(PIXMAN_OP_SRC, win->image, NULL, r->dst,
						 e->x1 - win->x, e->y1 - win->y, 0, 0, e->x1, e->y1,
						 e->x2 - e->x1, e->y2 - e->y1);
			pixman_image_set_clip_region32(r->dst, NULL);
		}
	}
	pixman_region32_subtract(&pix, &area, &pix);
	if (pixman_region32_not_empty(&pix))
		deco_fill(r->dst, RENDER_NO_PIXELS, &pix);
	const struct domain_config *cfg = win->dom->cfg;
	deco_tint(r->dst, palette[cfg->label].rgb, (int)cfg->tint, win->x, win->y, win->w, win->h,
		  &area);
	pixman_region32_fini(&pix);
	pixman_region32_fini(&area);
}

static void paint_part(void *ctx, const struct render_part *p)
{
	struct pixman_renderer *r = ctx;
	if (p->switcher)
		deco_switcher_draw(r->dst, p->switcher, p->area);
	else if (p->notice)
		deco_notice_draw(r->dst, &r->notice.box, r->notice.text, p->area);
	else if (!p->win)
		deco_fill(r->dst, RENDER_BACKGROUND, p->area);
	else {
		struct window *win = p->win;
		paint_content(r, win, p->area);
		deco_draw(r->deco, p->frame, p->info, win->x, win->y, win->w, win->h, p->area);
	}
}

static void paint(struct renderer *base, struct scene *s, pixman_region32_t *damage)
{
	struct pixman_renderer *r = (struct pixman_renderer *)base;
	render_walk(s, damage, r->notice.text[0] ? &r->notice.box : NULL, paint_part, r);
}

static void notice(struct renderer *base, const char *text, const pixman_box32_t *area,
		   pixman_region32_t *damage)
{
	render_notice_set(&((struct pixman_renderer *)base)->notice, text, area, damage);
}

static void read_back(struct renderer *r)
{
	(void)r; /* it drew into the image */
}

static void window_changed(struct renderer *r, struct window *win, unsigned what)
{
	(void)r, (void)win, (void)what;
}

static void window_damaged(struct renderer *r, struct window *win, int32_t x, int32_t y, uint32_t w,
			   uint32_t h)
{
	(void)r, (void)win, (void)x, (void)y, (void)w, (void)h;
}

static void window_removed(struct renderer *r, struct window *win)
{
	(void)r, (void)win;
}

const struct renderer_ops pixman_renderer_ops = {
	.name = "pixman",
	.create = create,
	.destroy = destroy,
	.paint = paint,
	.notice = notice,
	.read = read_back,
	.window_changed = window_changed,
	.window_damaged = window_damaged,
	.window_removed = window_removed,
};
