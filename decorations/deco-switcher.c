/* The Alt+Tab overlay (deco-switcher.h), text with cairo. */
#include "deco-switcher.h"
#include "deco-notice.h"
#include "deco.h"

#include <cairo.h>
#include <stdio.h>

#define PAD 10
#define HEAD 28	   /* the heading's row */
#define WIDTH 520  /* at most */
#define CHIP_W 140 /* the domain's chip */
#define FONT 12.5

void deco_switcher_box(struct deco_switcher *sw, const pixman_box32_t *area)
{
	const int B = DECO_NOTICE_BORDER;
	int32_t aw = area->x2 - area->x1, ah = area->y2 - area->y1;
	int32_t w = WIDTH < aw ? WIDTH : aw;
	int32_t h = 2 * B + HEAD + (sw->n + (sw->more > 0)) * DECO_SWITCH_ROW + PAD;
	if (h > ah)
		h = ah;
	sw->box.x1 = area->x1 + (aw - w) / 2;
	sw->box.y1 = area->y1 + (ah - h) / 2;
	sw->box.x2 = sw->box.x1 + w;
	sw->box.y2 = sw->box.y1 + h;
}

static void rgb(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0,
			     (c & 0xff) / 255.0);
}

/* Text that reads on the label colour (as on the title bars). */
static uint32_t on(uint32_t c)
{
	double l = 0.299 * ((c >> 16) & 0xff) + 0.587 * ((c >> 8) & 0xff) + 0.114 * (c & 0xff);
	return l > 140 ? 0x000000 : 0xffffff;
}

static void text_in(cairo_t *cr, double x, double base, double x2, const char *s)
{
	cairo_save(cr);
	cairo_rectangle(cr, x, base - FONT - 4, x2 - x, FONT + 10);
	cairo_clip(cr);
	cairo_move_to(cr, x, base);
	cairo_show_text(cr, s);
	cairo_restore(cr);
}

static void rows(cairo_t *cr, const struct deco_switcher *sw)
{
	const int B = DECO_NOTICE_BORDER;
	const pixman_box32_t *b = &sw->box;
	double x1 = b->x1 + B + PAD, x2 = b->x2 - B - PAD;
	rgb(cr, DECO_NOTICE_MARK);
	text_in(cr, x1, b->y1 + B + 19, x2, "vitrine  Alt+Tab: release Alt to switch");
	for (int i = 0; i < sw->n; i++) {
		const struct deco_switch_entry *e = &sw->e[i];
		double y = b->y1 + B + HEAD + i * DECO_SWITCH_ROW, base = y + 16.5;
		if (i == sw->selected) {
			rgb(cr, DECO_SWITCH_MARK_BG);
			cairo_rectangle(cr, x1 - 4, y, x2 - x1 + 8, DECO_SWITCH_ROW - 1);
			cairo_fill(cr);
			rgb(cr, DECO_NOTICE_FG);
			cairo_set_line_width(cr, 2);
			cairo_rectangle(cr, x1 - 3, y + 1, x2 - x1 + 6, DECO_SWITCH_ROW - 3);
			cairo_stroke(cr);
		}
		rgb(cr, e->rgb);
		cairo_rectangle(cr, x1, y + 3, CHIP_W, DECO_SWITCH_ROW - 7);
		cairo_fill(cr);
		rgb(cr, on(e->rgb));
		text_in(cr, x1 + 5, base, x1 + CHIP_W - 4, e->domain);
		rgb(cr, DECO_NOTICE_FG);
		text_in(cr, x1 + CHIP_W + 10, base, x2 - 4, e->title);
	}
	if (sw->more > 0) {
		char line[48];
		snprintf(line, sizeof(line), "and %d more", sw->more);
		rgb(cr, DECO_NOTICE_FG);
		text_in(cr, x1, b->y1 + B + HEAD + sw->n * DECO_SWITCH_ROW + 16.5, x2, line);
	}
}

void deco_switcher_draw(pixman_image_t *dst, const struct deco_switcher *sw,
			pixman_region32_t *clip)
{
	const int B = DECO_NOTICE_BORDER;
	const pixman_box32_t *b = &sw->box;
	pixman_region32_t all, plate;
	pixman_region32_init_rects(&all, b, 1);
	pixman_region32_intersect(&all, &all, clip);
	if (!pixman_region32_not_empty(&all)) {
		pixman_region32_fini(&all);
		return;
	}
	pixman_region32_init_rect(&plate, b->x1 + B, b->y1 + B, (unsigned)(b->x2 - b->x1 - 2 * B),
				  (unsigned)(b->y2 - b->y1 - 2 * B));
	pixman_region32_intersect(&plate, &plate, &all);
	deco_fill(dst, DECO_NOTICE_FG, &all);
	deco_fill(dst, DECO_NOTICE_BG, &plate);
	cairo_surface_t *s = cairo_image_surface_create_for_data(
		(unsigned char *)pixman_image_get_data(dst), CAIRO_FORMAT_RGB24,
		pixman_image_get_width(dst), pixman_image_get_height(dst),
		pixman_image_get_stride(dst));
	cairo_t *cr = cairo_create(s);
	int n;
	pixman_box32_t *r = pixman_region32_rectangles(&plate, &n);
	for (int i = 0; i < n; i++)
		cairo_rectangle(cr, r[i].x1, r[i].y1, r[i].x2 - r[i].x1, r[i].y2 - r[i].y1);
	cairo_clip(cr);
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, FONT);
	rows(cr, sw);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	cairo_surface_destroy(s);
	pixman_region32_fini(&plate);
	pixman_region32_fini(&all);
}
