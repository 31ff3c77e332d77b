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
		render_window_pixman(r->dst, r->deco, p, win->x, win->y);
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
