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

static void box(const char *mark, const char *text, int32_t icon, const pixman_box32_t *area,
		pixman_box32_t *out);

void deco_notice_box(const char *text, const pixman_box32_t *area, pixman_box32_t *out)
{
	box(MARK, text, 0, area, out);
}

/* icon: its side, 0 for none */
static void box(const char *mark, const char *text, int32_t icon, const pixman_box32_t *area,
		pixman_box32_t *out)
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
	if (icon)
		w += icon + DECO_DNOTICE_ICON_PAD;
	if (w > aw)
		w = aw;
	int32_t h = DECO_NOTICE_HEIGHT;
	if (icon && icon + 2 * (DECO_DNOTICE_BORDER + 4) > h)
		h = icon + 2 * (DECO_DNOTICE_BORDER + 4);
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
	const struct deco_icon *icon; /* NULL: none */
};

static int32_t icon_side(const struct deco_icon *icon)
{
	return icon && icon->w && icon->h && icon->argb ? DECO_DNOTICE_ICON : 0;
}

static void draw(pixman_image_t *dst, const pixman_box32_t *b, const char *text,
		 pixman_region32_t *clip, const struct style *st);

void deco_notice_draw(pixman_image_t *dst, const pixman_box32_t *b, const char *text,
		      pixman_region32_t *clip)
{
	const struct style daemon = { DECO_NOTICE_BORDER,
				      DECO_NOTICE_FG,
				      DECO_NOTICE_BG,
				      DECO_NOTICE_MARK,
				      DECO_NOTICE_FG,
				      MARK,
				      NULL };
	draw(dst, b, text, clip, &daemon);
}

void deco_dnotice_box(const char *domain, const char *text, const struct deco_icon *icon,
		      const pixman_box32_t *area, pixman_box32_t *out)
{
	char mark[80];
	snprintf(mark, sizeof(mark), "[%s]  ", domain);
	box(mark, text, icon_side(icon), area, out);
}

void deco_dnotice_draw(pixman_image_t *dst, const pixman_box32_t *b, const char *domain,
		       uint32_t rgb, const char *text, const struct deco_icon *icon,
		       pixman_region32_t *clip)
{
	char mark[80];
	snprintf(mark, sizeof(mark), "[%s]  ", domain);
	const struct style dom = {
		DECO_DNOTICE_BORDER,	      rgb, DECO_DNOTICE_BG, rgb, DECO_DNOTICE_FG, mark,
		icon_side(icon) ? icon : NULL
	};
	draw(dst, b, text, clip, &dom);
}

/* icon's pixels scaled (nearest) to side a side at (x, y), over dst's, within r */
static void paint_icon(pixman_image_t *dst, const struct deco_icon *icon, int32_t x, int32_t y,
		       int32_t side, pixman_region32_t *r)
{
	uint32_t *px = pixman_image_get_data(dst);
	int stride = pixman_image_get_stride(dst) / 4;
	for (int32_t v = 0; v < side; v++)
		for (int32_t u = 0; u < side; u++) {
			if (!pixman_region32_contains_point(r, x + u, y + v, NULL))
				continue;
			uint32_t c = icon->argb[(uint32_t)v * icon->h / (uint32_t)side * icon->w +
						(uint32_t)u * icon->w / (uint32_t)side];
			uint32_t a = c >> 24, *p = &px[(y + v) * stride + x + u], o = 0;
			for (unsigned sh = 0; sh <= 16; sh += 8)
				o |= ((((c >> sh) & 0xff) * a + ((*p >> sh) & 0xff) * (255 - a)) /
				      255)
				     << sh;
			*p = o;
		}
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
	int32_t side = icon_side(st->icon), tx = b->x1 + B + PAD;
	if (side) {
		pixman_region32_t in;
		pixman_box32_t whole = { 0, 0, pixman_image_get_width(dst),
					 pixman_image_get_height(dst) };
		pixman_region32_init_rects(&in, &whole, 1);
		pixman_region32_intersect(&in, &in, &plate);
		paint_icon(dst, st->icon, tx, b->y1 + (b->y2 - b->y1 - side) / 2, side, &in);
		pixman_region32_fini(&in);
		tx += side + DECO_DNOTICE_ICON_PAD;
	}

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
	cairo_move_to(cr, tx, base);
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
