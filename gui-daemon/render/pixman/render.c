/*
 * The pixman renderer: background, then each mapped window bottom to top:
 * its guest content (read in place from the shared buffer, clipped to the
 * content rectangle), its tint, and its frame and title bar; the trusted
 * notice over all of them.
 */
#include "gui-daemon/render.h"

#include <stdio.h>
#include <stdlib.h>

#include "decorations/deco-notice.h"
#include "decorations/deco.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/scene.h"

#define BACKGROUND 0x2e3436 /* desktop */
#define NO_PIXELS 0x101010  /* content area of a window with nothing yet */

struct renderer {
	pixman_image_t *dst;
	struct deco_ctx *deco;
	char notice[256]; /* the notice shown, "" for none */
	pixman_box32_t notice_box;
};

struct renderer *pixman_renderer_create(pixman_image_t *dst)
{
	struct renderer *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->dst = dst;
	r->deco = deco_ctx_create(dst);
	if (!r->deco) {
		free(r);
		return NULL;
	}
	return r;
}

void pixman_renderer_destroy(struct renderer *r)
{
	if (!r)
		return;
	deco_ctx_destroy(r->deco);
	free(r);
}

static void paint_content(struct renderer *r, struct window *win, pixman_region32_t *damage)
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
		uint32_t w = win->buf.width < win->w ? win->buf.width : win->w;
		uint32_t h = win->buf.height < win->h ? win->buf.height : win->h;
		pixman_region32_intersect_rect(&pix, &area, win->x, win->y, w, h);
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
		deco_fill(r->dst, NO_PIXELS, &pix);
	const struct domain_config *cfg = win->dom->cfg;
	deco_tint(r->dst, palette[cfg->label].rgb, (int)cfg->tint, win->x, win->y, win->w, win->h,
		  &area);
	pixman_region32_fini(&pix);
	pixman_region32_fini(&area);
}

/*
 * Windows are opaque, so each output pixel is painted once: walking from the
 * top of the stack down, every window gets the part of the damage its frame
 * covers that no window above it took; the background gets what is left.
 * (Painting bottom to top would composite every window under the damage,
 * however deeply it is buried.)
 */
void pixman_renderer_paint(struct renderer *r, struct scene *s, pixman_region32_t *damage)
{
	struct list *pos, *tmp;
	pixman_region32_t left, mine;
	pixman_region32_init(&left);
	pixman_region32_init(&mine);
	pixman_region32_copy(&left, damage);
	if (r->notice[0]) { /* opaque, over everything: nothing under it is painted */
		pixman_region32_intersect_rect(&mine, damage, r->notice_box.x1, r->notice_box.y1,
					       (uint32_t)(r->notice_box.x2 - r->notice_box.x1),
					       (uint32_t)(r->notice_box.y2 - r->notice_box.y1));
		deco_notice_draw(r->dst, &r->notice_box, r->notice, &mine);
		pixman_region32_subtract(&left, &left, &mine);
	}
	list_each_reverse(pos, tmp, &s->stack)
	{
		struct window *win = list_item(pos, struct window, stack_link);
		if (!win->shown || !pixman_region32_not_empty(&left))
			continue;
		/* the scene's sizes, the one source: a popup has no title bar */
		struct deco_frame frame = { s->border, scene_titlebar(s, win) };
		pixman_box32_t b;
		deco_frame_box(&frame, win->x, win->y, win->w, win->h, &b);
		pixman_region32_intersect_rect(&mine, &left, b.x1, b.y1, (uint32_t)(b.x2 - b.x1),
					       (uint32_t)(b.y2 - b.y1));
		if (!pixman_region32_not_empty(&mine))
			continue;
		const struct domain_config *cfg = win->dom->cfg;
		struct deco_info info = { cfg->name, palette[cfg->label].rgb, win->title };
		paint_content(r, win, &mine);
		deco_draw(r->deco, &frame, &info, win->x, win->y, win->w, win->h, &mine);
		pixman_region32_subtract(&left, &left, &mine);
	}
	if (pixman_region32_not_empty(&left))
		deco_fill(r->dst, BACKGROUND, &left);
	pixman_region32_fini(&mine);
	pixman_region32_fini(&left);
}

void pixman_renderer_notice(struct renderer *r, const char *text, const pixman_box32_t *area,
			    pixman_region32_t *damage)
{
	pixman_box32_t *b = &r->notice_box;
	if (r->notice[0])
		pixman_region32_union_rect(damage, damage, b->x1, b->y1, (uint32_t)(b->x2 - b->x1),
					   (uint32_t)(b->y2 - b->y1));
	snprintf(r->notice, sizeof(r->notice), "%s", text ? text : "");
	if (!r->notice[0])
		return;
	deco_notice_box(r->notice, area, b);
	pixman_region32_union_rect(damage, damage, b->x1, b->y1, (uint32_t)(b->x2 - b->x1),
				   (uint32_t)(b->y2 - b->y1));
}
