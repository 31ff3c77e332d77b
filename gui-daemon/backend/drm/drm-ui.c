/*
 * The drm backend's trusted user interface, drawn over everything at
 * scan-out (drm.h): the pointer cursor; a bar along the top edge that
 * names the focused domain in its label colour, with the domains' tray
 * icons at its right end (tray-area.h: each in a border of its domain's
 * colour); the last domain notification, in its domain's style. All are
 * drawn into each back buffer after the scene's pixels were copied there,
 * so no window, popup or notice can cover them; the scene's work area
 * leaves the bar's rows out.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "decorations/deco.h"
#include "drm.h"
#include "gui-daemon/domain.h"

/* The bar with no domain focused: darker than the background (no label
 * colour), with the daemon's own words, so that the screen always shows
 * that vitrine owns it and who has the keys (new-user trial: the bar was the
 * background's colour, and an empty screen said nothing). */
#define NO_FOCUS 0x16191a
#define NO_FOCUS_TEXT "no domain has the keys: click a window to type there"

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
	d->note_dirty = true;
	d->cur_x = (int32_t)s->width / 2;
	d->cur_y = (int32_t)s->height / 2;
	return 0;
}

void drm_ui_finish(struct drm *d)
{
	deco_ctx_destroy(d->bar_deco);
	if (d->note)
		pixman_image_unref(d->note);
	d->note = NULL;
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

#define NOTE_BOX(d)                                                                                \
	(d)->tray.box.x1, (d)->tray.box.y1, (uint32_t)((d)->tray.box.x2 - (d)->tray.box.x1),       \
		(uint32_t)((d)->tray.box.y2 - (d)->tray.box.y1)

void drm_ui_tray_damage(struct tray_area *t, const pixman_box32_t *box, bool icons)
{
	struct drm *d = (struct drm *)((char *)t - offsetof(struct drm, tray));
	if (icons) {
		d->tray_dirty = true; /* the bar, at the next repaint */
		return;
	}
	stale(d, box->x1, box->y1, (uint32_t)(box->x2 - box->x1), (uint32_t)(box->y2 - box->y1));
	d->note_dirty = true;
}

/* The notification's image, drawn again when it changed. */
static void note_update(struct drm *d)
{
	bool on = tray_area_notice_shown(&d->tray);
	if (on != d->note_on)
		stale(d, NOTE_BOX(d)); /* up, down, or the screen (un)locked */
	d->note_on = on;
	if (!on || !d->note_dirty)
		return;
	d->note_dirty = false;
	if (d->note)
		pixman_image_unref(d->note);
	d->note = pixman_image_create_bits(PIXMAN_x8r8g8b8, (int)(d->tray.box.x2 - d->tray.box.x1),
					   (int)(d->tray.box.y2 - d->tray.box.y1), NULL, 0);
	if (d->note)
		tray_area_draw_notice(&d->tray, d->note, d->tray.box.x1, d->tray.box.y1);
}

void drm_ui_update(struct drm *d)
{
	struct window *f = server_focus(d->srv);
	char title[sizeof(d->bar_title)];
	snprintf(title, sizeof(title), "%s", f ? f->title : "");
	note_update(d);
	if (f == d->bar_focus && !strcmp(title, d->bar_title) && !d->tray_dirty)
		return;
	d->bar_focus = f;
	d->tray_dirty = false;
	memcpy(d->bar_title, title, sizeof(title));
	uint32_t w = (uint32_t)pixman_image_get_width(d->bar);
	pixman_region32_t all;
	pixman_region32_init_rect(&all, 0, 0, w, DRM_BAR_H);
	struct deco_info info = { NULL, NO_FOCUS, NO_FOCUS_TEXT };
	if (f)
		info = (struct deco_info){ f->dom->cfg->name, palette[f->dom->cfg->label].rgb,
					   title };
	struct deco_frame frame = { 0, DRM_BAR_H };
	deco_draw(d->bar_deco, &frame, &info, 0, DRM_BAR_H, w, 0, &all);
	pixman_region32_fini(&all);
	tray_area_draw_icons(&d->tray, d->bar, 0, 0);
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

void drm_ui_stale(struct drm *d, struct drm_output *o, struct drm_buf *b)
{
	pixman_region32_union_rect(&b->stale, &b->stale, o->x, 0, o->w, DRM_BAR_H);
	if (d->note_on)
		pixman_region32_union_rect(&b->stale, &b->stale, NOTE_BOX(d));
	pixman_region32_union_rect(&b->stale, &b->stale, DRM_CURSOR_BOX(d));
	pixman_region32_intersect_rect(&b->stale, &b->stale, o->x, 0, o->w, o->h);
}

void drm_ui_draw(struct drm *d, struct drm_output *o, struct drm_buf *b)
{
	pixman_image_composite32(PIXMAN_OP_SRC, d->bar, NULL, b->image, o->x, 0, 0, 0, 0, 0,
				 (int32_t)o->w, DRM_BAR_H);
	if (d->note_on && d->note)
		pixman_image_composite32(PIXMAN_OP_SRC, d->note, NULL, b->image, 0, 0, 0, 0,
					 d->tray.box.x1 - o->x, d->tray.box.y1,
					 d->tray.box.x2 - d->tray.box.x1,
					 d->tray.box.y2 - d->tray.box.y1);
	if (!d->hw_cursor)
		pixman_image_composite32(PIXMAN_OP_OVER, d->cursor, NULL, b->image, 0, 0, 0, 0,
					 d->cur_x - d->hot_x - o->x, d->cur_y - d->hot_y,
					 DRM_CURSOR_W, DRM_CURSOR_H);
}
