/*
 * The drm backend's trusted user interface, drawn over everything at
 * scan-out (drm.h): the pointer cursor, and a bar along the top edge that
 * names the focused domain in its label colour. Both are drawn into each
 * back buffer after the scene's pixels were copied there, so no window, popup
 * or notice can cover them; the scene's work area leaves the bar's rows out.
 */
#include <stdio.h>
#include <string.h>

#include "decorations/deco.h"
#include "drm.h"
#include "gui-daemon/domain.h"

#define NO_FOCUS 0x2e3436

int drm_ui_init(struct drm *d)
{
	struct scene *s = &d->srv->scene;
	d->cursor = pixman_image_create_bits(PIXMAN_a8r8g8b8, DRM_CURSOR_W, DRM_CURSOR_H, NULL, 0);
	d->bar = pixman_image_create_bits(PIXMAN_x8r8g8b8, (int)s->width, DRM_BAR_H, NULL, 0);
	if (!d->cursor || !d->bar || !(d->bar_deco = deco_ctx_create(d->bar)))
		return -1;
	d->shape = DRM_SHAPE_ARROW;
	drm_shape_paint(drm_shape(d->shape), pixman_image_get_data(d->cursor), DRM_CURSOR_W);
	/* windows and popups are placed below the bar */
	s->work.y1 = DRM_BAR_H;
	s->reserved_top = DRM_BAR_H;
	d->bar_focus = (struct window *)d; /* not a window: drawn at the first repaint */
	d->cur_x = (int32_t)s->width / 2;
	d->cur_y = (int32_t)s->height / 2;
	return 0;
}

void drm_ui_finish(struct drm *d)
{
	deco_ctx_destroy(d->bar_deco);
	if (d->bar)
		pixman_image_unref(d->bar);
	if (d->cursor)
		pixman_image_unref(d->cursor);
}

/* Mark a rectangle of the screen to be shown again in every buffer. */
static void stale(struct drm *d, int32_t x, int32_t y, uint32_t w, uint32_t h)
{
	for (int i = 0; i < d->nout; i++)
		for (int b = 0; b < 2; b++)
			pixman_region32_union_rect(&d->out[i].buf[b].stale, &d->out[i].buf[b].stale,
						   x, y, w, h);
}

void drm_ui_update(struct drm *d)
{
	struct window *f = server_focus(d->srv);
	char title[sizeof(d->bar_title)];
	snprintf(title, sizeof(title), "%s", f ? f->title : "");
	if (f == d->bar_focus && !strcmp(title, d->bar_title))
		return;
	d->bar_focus = f;
	memcpy(d->bar_title, title, sizeof(title));
	uint32_t w = (uint32_t)pixman_image_get_width(d->bar);
	pixman_region32_t all;
	pixman_region32_init_rect(&all, 0, 0, w, DRM_BAR_H);
	if (f) {
		const struct domain_config *cfg = f->dom->cfg;
		struct deco_info info = { cfg->name, palette[cfg->label].rgb, title };
		struct deco_frame frame = { 0, DRM_BAR_H };
		deco_draw(d->bar_deco, &frame, &info, 0, DRM_BAR_H, w, 0, &all);
	} else {
		deco_fill(d->bar, NO_FOCUS, &all);
	}
	pixman_region32_fini(&all);
	stale(d, 0, 0, w, DRM_BAR_H);
}

void drm_ui_cursor(struct drm *d, int32_t x, int32_t y)
{
	if (x == d->cur_x && y == d->cur_y)
		return;
	if (d->hw_cursor) { /* the plane moves; no frame drawn (drm-cursor.c) */
		d->cur_x = x;
		d->cur_y = y;
		drm_cursor_move(d);
		return;
	}
	stale(d, DRM_CURSOR_BOX(d));
	d->cur_x = x;
	d->cur_y = y;
	stale(d, DRM_CURSOR_BOX(d));
	drm_kms_frame(d, NULL);
}

void drm_ui_shape(struct drm *d, uint32_t cursor)
{
	enum drm_shape_id id = drm_shape_for(cursor);
	if (id == d->shape)
		return;
	const struct drm_shape *s = drm_shape(id);
	if (d->srv->cfg.verbose)
		vlog("drm: the pointer's shape is %s", s->name);
	if (!d->hw_cursor)
		stale(d, DRM_CURSOR_BOX(d));
	d->shape = id;
	d->hot_x = s->hot_x;
	d->hot_y = s->hot_y;
	drm_shape_paint(s, pixman_image_get_data(d->cursor), DRM_CURSOR_W);
	if (d->hw_cursor) {
		drm_cursor_image(d);
		return;
	}
	stale(d, DRM_CURSOR_BOX(d));
	drm_kms_frame(d, NULL);
}

void drm_ui_draw(struct drm *d, struct drm_output *o, struct drm_buf *b)
{
	pixman_image_composite32(PIXMAN_OP_SRC, d->bar, NULL, b->image, o->x, 0, 0, 0, 0, 0,
				 (int32_t)o->w, DRM_BAR_H);
	if (!d->hw_cursor)
		pixman_image_composite32(PIXMAN_OP_OVER, d->cursor, NULL, b->image, 0, 0, 0, 0,
					 d->cur_x - d->hot_x - o->x, d->cur_y - d->hot_y,
					 DRM_CURSOR_W, DRM_CURSOR_H);
}
