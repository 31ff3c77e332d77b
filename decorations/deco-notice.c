/* The trusted notice's banner (deco-notice.h), text with cairo. */
#include "deco-notice.h"
#include "deco.h"

#include <cairo.h>
#include <stdio.h>

#define PAD 12
#define FONT_SIZE 13.0
#define MARK "vitrine  "

static void font(cairo_t *cr)
{
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, FONT_SIZE);
}

static void set_rgb(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
			     (rgb & 0xff) / 255.0);
}

static void box(const char *mark, const char *text, const pixman_box32_t *area,
		pixman_box32_t *out);

void deco_notice_box(const char *text, const pixman_box32_t *area, pixman_box32_t *out)
{
	box(MARK, text, area, out);
}

static void box(const char *mark, const char *text, const pixman_box32_t *area, pixman_box32_t *out)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
	cairo_t *cr = cairo_create(s);
	cairo_text_extents_t m, t;
	font(cr);
	cairo_text_extents(cr, mark, &m);
	cairo_text_extents(cr, text, &t);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	int32_t aw = area->x2 - area->x1;
	int32_t w = (int32_t)(m.x_advance + t.x_advance) + 2 * (PAD + DECO_NOTICE_BORDER);
	if (w > aw)
		w = aw;
	int32_t h = DECO_NOTICE_HEIGHT;
	if (h > area->y2 - area->y1)
		h = area->y2 - area->y1;
	out->x1 = area->x1 + (aw - w) / 2;
	out->x2 = out->x1 + w;
	out->y1 = area->y1;
	out->y2 = area->y1 + h;
}

struct style {
	int border;
	uint32_t edge, plate, mark_rgb, fg;
	const char *mark;
};

static void draw(pixman_image_t *dst, const pixman_box32_t *b, const char *text,
		 pixman_region32_t *clip, const struct style *st);

void deco_notice_draw(pixman_image_t *dst, const pixman_box32_t *b, const char *text,
		      pixman_region32_t *clip)
{
	const struct style daemon = { DECO_NOTICE_BORDER, DECO_NOTICE_FG, DECO_NOTICE_BG,
				      DECO_NOTICE_MARK,	  DECO_NOTICE_FG, MARK };
	draw(dst, b, text, clip, &daemon);
}

void deco_dnotice_box(const char *domain, const char *text, const pixman_box32_t *area,
		      pixman_box32_t *out)
{
	char mark[80];
	snprintf(mark, sizeof(mark), "[%s]  ", domain);
	box(mark, text, area, out);
}

void deco_dnotice_draw(pixman_image_t *dst, const pixman_box32_t *b, const char *domain,
		       uint32_t rgb, const char *text, pixman_region32_t *clip)
{
	char mark[80];
	snprintf(mark, sizeof(mark), "[%s]  ", domain);
	const struct style dom = { DECO_DNOTICE_BORDER, rgb, DECO_DNOTICE_BG, rgb,
				   DECO_DNOTICE_FG,	mark };
	draw(dst, b, text, clip, &dom);
}

static void draw(pixman_image_t *dst, const pixman_box32_t *b, const char *text,
		 pixman_region32_t *clip, const struct style *st)
{
	const int B = st->border;
	pixman_region32_t all, plate;
	pixman_region32_init_rects(&all, b, 1);
	if (clip)
		pixman_region32_intersect(&all, &all, clip);
	if (!pixman_region32_not_empty(&all)) {
		pixman_region32_fini(&all);
		return;
	}
	pixman_region32_init_rect(&plate, b->x1 + B, b->y1 + B, (unsigned)(b->x2 - b->x1 - 2 * B),
				  (unsigned)(b->y2 - b->y1 - 2 * B));
	pixman_region32_intersect(&plate, &plate, &all);
	deco_fill(dst, st->edge, &all);
	deco_fill(dst, st->plate, &plate);

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
	font(cr);
	double base = b->y1 + (b->y2 - b->y1) / 2.0 + FONT_SIZE / 2.0 - 2;
	cairo_move_to(cr, b->x1 + B + PAD, base);
	set_rgb(cr, st->mark_rgb);
	cairo_show_text(cr, st->mark);
	set_rgb(cr, st->fg);
	cairo_show_text(cr, text);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	cairo_surface_destroy(s);
	pixman_region32_fini(&plate);
	pixman_region32_fini(&all);
}
