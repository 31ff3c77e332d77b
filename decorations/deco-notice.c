/* The trusted notice's banner (deco-notice.h), text with cairo. */
#include "deco-notice.h"
#include "deco.h"

#include <cairo.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define PAD 12
#define CHIP_PAD 4 /* around the domain's name, on its colour */
#define FONT_SIZE 13.0
#define MARK "vitrine  "
#define BTN_PAD 8 /* a button's label to its edge */
#define BTN_GAP 8 /* between buttons, and after the text */
#define BTN_BG 0x505050

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

static void box(const char *mark, const char *text, int32_t icon, int32_t extra,
		const pixman_box32_t *area, pixman_box32_t *out);

void deco_notice_box(const char *text, const pixman_box32_t *area, pixman_box32_t *out)
{
	box(MARK, text, 0, 0, area, out);
}

/* The widths of btn's buttons into w; returns their sum with the gaps
 * before each. */
static int32_t measure(const struct deco_buttons *btn, int32_t *w)
{
	unsigned n = btn && btn->n < DECO_DNOTICE_BUTTONS ? btn->n : DECO_DNOTICE_BUTTONS;
	if (!btn || !n)
		return 0;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
	cairo_t *cr = cairo_create(s);
	font(cr);
	int32_t sum = 0;
	for (unsigned i = 0; i < n; i++) {
		cairo_text_extents_t t;
		cairo_text_extents(cr, btn->label[i], &t);
		w[i] = (int32_t)t.x_advance + 2 * BTN_PAD;
		if (w[i] > DECO_DNOTICE_BUTTON_MAX)
			w[i] = DECO_DNOTICE_BUTTON_MAX;
		sum += w[i] + BTN_GAP;
	}
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return sum;
}

/* The boxes of btn's buttons in the notification's box b, at the right end
 * of its plate; one that does not fit there gets an empty box. Returns how
 * many. */
static unsigned layout(const pixman_box32_t *b, const struct deco_buttons *btn, pixman_box32_t *out)
{
	int32_t w[DECO_DNOTICE_BUTTONS];
	int32_t sum = measure(btn, w), B = DECO_DNOTICE_BORDER;
	if (!sum)
		return 0;
	unsigned n = btn->n < DECO_DNOTICE_BUTTONS ? btn->n : DECO_DNOTICE_BUTTONS;
	int32_t right = b->x2 - B - PAD, x = right - sum + BTN_GAP;
	if (x < b->x1 + B + PAD)
		x = b->x1 + B + PAD;
	for (unsigned i = 0; i < n; i++) {
		pixman_box32_t r = { x, b->y1 + B + 3, x + w[i], b->y2 - B - 3 };
		out[i] = r.x2 <= right ? r : (pixman_box32_t){ 0, 0, 0, 0 };
		x += w[i] + BTN_GAP;
	}
	return n;
}

int deco_dnotice_button_at(const pixman_box32_t *b, const struct deco_buttons *btn, int32_t x,
			   int32_t y)
{
	pixman_box32_t r[DECO_DNOTICE_BUTTONS];
	unsigned n = layout(b, btn, r);
	for (unsigned i = 0; i < n; i++)
		if (x >= r[i].x1 && x < r[i].x2 && y >= r[i].y1 && y < r[i].y2)
			return (int)i;
	return -1;
}

/* icon: its side, 0 for none; extra: more width (buttons) */
static void box(const char *mark, const char *text, int32_t icon, int32_t extra,
		const pixman_box32_t *area, pixman_box32_t *out)
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
	int32_t w = (int32_t)(m.x_advance + t.x_advance) + 2 * (PAD + DECO_NOTICE_BORDER) + extra;
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
	bool chip;			/* the mark on a plate of mark_rgb */
	const struct deco_icon *icon;	/* NULL: none */
	const struct deco_buttons *btn; /* NULL: none */
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
				      false,
				      NULL,
				      NULL };
	draw(dst, b, text, clip, &daemon);
}

void deco_dnotice_box(const char *domain, const char *text, const struct deco_icon *icon,
		      const struct deco_buttons *btn, const pixman_box32_t *area,
		      pixman_box32_t *out)
{
	char mark[80];
	int32_t w[DECO_DNOTICE_BUTTONS];
	snprintf(mark, sizeof(mark), "[%s]  ", domain);
	/* (box() counts the daemon's thinner border) */
	box(mark, text, icon_side(icon),
	    measure(btn, w) + 2 * (DECO_DNOTICE_BORDER - DECO_NOTICE_BORDER), area, out);
}

void deco_dnotice_draw(pixman_image_t *dst, const pixman_box32_t *b, const char *domain,
		       uint32_t rgb, const char *text, const struct deco_icon *icon,
		       const struct deco_buttons *btn, pixman_region32_t *clip)
{
	char mark[80];
	snprintf(mark, sizeof(mark), "[%s]  ", domain);
	const struct style dom = { DECO_DNOTICE_BORDER,
				   rgb,
				   DECO_DNOTICE_BG,
				   rgb,
				   DECO_DNOTICE_FG,
				   mark,
				   true,
				   icon_side(icon) ? icon : NULL,
				   btn };
	draw(dst, b, text, clip, &dom);
}

/* The buttons of st in b (layout()), the text's region cut short of the
 * first one. */
static void draw_buttons(pixman_image_t *dst, cairo_t *cr, const pixman_box32_t *b,
			 const struct style *st, pixman_region32_t *all, pixman_region32_t *text)
{
	pixman_box32_t r[DECO_DNOTICE_BUTTONS];
	unsigned n = layout(b, st->btn, r);
	for (unsigned i = 0; i < n; i++) {
		if (r[i].x2 <= r[i].x1)
			continue;
		pixman_region32_t e, in;
		pixman_region32_init_rects(&e, &r[i], 1);
		pixman_region32_intersect(&e, &e, all);
		pixman_region32_init_rect(&in, r[i].x1 + 1, r[i].y1 + 1,
					  (unsigned)(r[i].x2 - r[i].x1 - 2),
					  (unsigned)(r[i].y2 - r[i].y1 - 2));
		pixman_region32_intersect(&in, &in, &e);
		deco_fill(dst, st->edge, &e);
		deco_fill(dst, BTN_BG, &in);
		pixman_region32_t cut;
		pixman_region32_init_rect(&cut, r[i].x1 - BTN_GAP, b->y1,
					  (unsigned)(b->x2 - r[i].x1 + BTN_GAP),
					  (unsigned)(b->y2 - b->y1));
		pixman_region32_subtract(text, text, &cut);
		pixman_region32_fini(&cut);
		cairo_save(cr);
		int k;
		pixman_box32_t *c = pixman_region32_rectangles(&in, &k);
		for (int j = 0; j < k; j++)
			cairo_rectangle(cr, c[j].x1, c[j].y1, c[j].x2 - c[j].x1, c[j].y2 - c[j].y1);
		cairo_clip(cr);
		cairo_move_to(cr, r[i].x1 + BTN_PAD,
			      (r[i].y1 + r[i].y2) / 2.0 + FONT_SIZE / 2.0 - 2);
		set_rgb(cr, st->fg);
		cairo_show_text(cr, st->btn->label[i]);
		cairo_restore(cr);
		pixman_region32_fini(&in);
		pixman_region32_fini(&e);
	}
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
	font(cr);
	if (st->btn)
		draw_buttons(dst, cr, b, st, &all, &plate);
	int n;
	pixman_box32_t *r = pixman_region32_rectangles(&plate, &n);
	for (int i = 0; i < n; i++)
		cairo_rectangle(cr, r[i].x1, r[i].y1, r[i].x2 - r[i].x1, r[i].y2 - r[i].y1);
	cairo_clip(cr);
	font(cr);
	double base = b->y1 + (b->y2 - b->y1) / 2.0 + FONT_SIZE / 2.0 - 2;
	cairo_move_to(cr, tx, base);
	set_rgb(cr, st->mark_rgb);
	if (st->chip) { /* the name in the label's colour reads on any plate
			 * (new-user trial 12 #3: [dark], black on the dark
			 * grey, could hardly be seen; blue was dim) */
		cairo_text_extents_t e;
		size_t len = strcspn(st->mark, " ");
		char name[80];
		snprintf(name, sizeof(name), "%.*s", (int)len, st->mark);
		cairo_text_extents(cr, name, &e);
		cairo_rectangle(cr, tx - CHIP_PAD, b->y1 + B + 3, e.x_advance + 2 * CHIP_PAD,
				b->y2 - b->y1 - 2 * B - 6);
		cairo_fill(cr);
		set_rgb(cr, deco_text_on(st->mark_rgb));
		cairo_move_to(cr, tx, base);
	}
	cairo_show_text(cr, st->mark);
	set_rgb(cr, st->fg);
	cairo_show_text(cr, text);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	cairo_surface_destroy(s);
	pixman_region32_fini(&plate);
	pixman_region32_fini(&all);
}
