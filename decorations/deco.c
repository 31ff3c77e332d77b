/* Frame, title bar and tint, drawn with pixman; title text with cairo. */
#include "deco.h"

#include <cairo.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define CLOSE_PAD 3 /* around the close box, in the title bar */

struct deco_ctx {
	pixman_image_t *dst;
	cairo_surface_t *surface;
	cairo_t *cr;
};

struct deco_ctx *deco_ctx_create(pixman_image_t *dst)
{
	struct deco_ctx *ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return NULL;
	ctx->dst = dst;
	ctx->surface = cairo_image_surface_create_for_data(
		(unsigned char *)pixman_image_get_data(dst), CAIRO_FORMAT_RGB24,
		pixman_image_get_width(dst), pixman_image_get_height(dst),
		pixman_image_get_stride(dst));
	ctx->cr = cairo_create(ctx->surface);
	if (cairo_status(ctx->cr) != CAIRO_STATUS_SUCCESS) {
		deco_ctx_destroy(ctx);
		return NULL;
	}
	cairo_select_font_face(ctx->cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(ctx->cr, 12.5);
	return ctx;
}

void deco_ctx_destroy(struct deco_ctx *ctx)
{
	if (!ctx)
		return;
	if (ctx->cr)
		cairo_destroy(ctx->cr);
	if (ctx->surface)
		cairo_surface_destroy(ctx->surface);
	free(ctx);
}

void deco_frame_box(const struct deco_frame *frame, int32_t x, int32_t y, uint32_t w, uint32_t h,
		    pixman_box32_t *out)
{
	out->x1 = x - frame->border;
	out->y1 = y - frame->titlebar - frame->border;
	out->x2 = x + (int32_t)w + frame->border;
	out->y2 = y + (int32_t)h + frame->border;
}

static pixman_color_t color(uint32_t rgb, uint16_t alpha)
{
	/* premultiplied, 16 bits per channel */
	uint32_t a = alpha;
	return (pixman_color_t){ (uint16_t)(((rgb >> 16) & 0xff) * 257 * a / 0xffff),
				 (uint16_t)(((rgb >> 8) & 0xff) * 257 * a / 0xffff),
				 (uint16_t)((rgb & 0xff) * 257 * a / 0xffff), (uint16_t)a };
}

void deco_fill(pixman_image_t *dst, uint32_t rgb, pixman_region32_t *area)
{
	int n;
	pixman_box32_t *b = pixman_region32_rectangles(area, &n);
	pixman_color_t c = { (uint16_t)(((rgb >> 16) & 0xff) * 257),
			     (uint16_t)(((rgb >> 8) & 0xff) * 257), (uint16_t)((rgb & 0xff) * 257),
			     0xffff };
	pixman_image_fill_boxes(PIXMAN_OP_SRC, dst, &c, n, b);
}

static void fill(pixman_image_t *dst, pixman_op_t op, uint32_t rgb, uint16_t alpha,
		 pixman_region32_t *area)
{
	pixman_color_t c = color(rgb, alpha);
	pixman_image_t *src = pixman_image_create_solid_fill(&c);
	pixman_image_set_clip_region32(dst, area);
	pixman_box32_t *e = pixman_region32_extents(area);
	pixman_image_composite32(op, src, NULL, dst, 0, 0, 0, 0, e->x1, e->y1, e->x2 - e->x1,
				 e->y2 - e->y1);
	pixman_image_set_clip_region32(dst, NULL);
	pixman_image_unref(src);
}

uint32_t deco_text_on(uint32_t rgb)
{
	double l =
		0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
	return l > 140 ? 0 : 0xffffff;
}

/* Text colour that reads on the label colour. */
static double text_grey(uint32_t rgb)
{
	return deco_text_on(rgb) ? 1.0 : 0.0;
}

/*
 * The icon (marked already) left in the title bar, scaled to fit a square of
 * the bar's height less 4 pixels, within area, in a 1-pixel outline of the
 * text's colour (a marked icon is close to the bar's own colour); returns
 * the room it takes (0: none).
 */
static int draw_icon(struct deco_ctx *ctx, const struct deco_info *info, int titlebar, int32_t x,
		     int32_t y, uint32_t w, pixman_region32_t *area)
{
	int side = titlebar - 4;
	if (!info->icon || side < 8 || w < (uint32_t)side + 8)
		return 0;
	int iw = pixman_image_get_width(info->icon), ih = pixman_image_get_height(info->icon);
	int big = iw > ih ? iw : ih;
	/* dst -> src: scale by big / side */
	pixman_transform_t t;
	pixman_transform_init_scale(&t, pixman_int_to_fixed(big) / side,
				    pixman_int_to_fixed(big) / side);
	pixman_image_set_transform(info->icon, &t);
	pixman_image_set_filter(info->icon, PIXMAN_FILTER_GOOD, NULL, 0);
	pixman_region32_t ring;
	pixman_region32_init_rect(&ring, x + 2, y - titlebar + 1, (unsigned)side + 2,
				  (unsigned)side + 2);
	pixman_region32_subtract(
		&ring, &ring,
		&(pixman_region32_t){ .extents = { x + 3, y - titlebar + 2, x + 3 + side,
						   y - titlebar + 2 + side } });
	pixman_region32_intersect(&ring, &ring, area);
	fill(ctx->dst, PIXMAN_OP_SRC, text_grey(info->rgb) > 0.5 ? 0xffffff : 0, 0xffff, &ring);
	pixman_region32_fini(&ring);
	pixman_image_set_clip_region32(ctx->dst, area);
	int dw = iw * side / big, dh = ih * side / big;
	pixman_image_composite32(PIXMAN_OP_OVER, info->icon, NULL, ctx->dst, 0, 0, 0, 0,
				 x + 3 + (side - dw) / 2, y - titlebar + 2 + (side - dh) / 2, dw,
				 dh);
	pixman_image_set_clip_region32(ctx->dst, NULL);
	pixman_image_set_transform(info->icon, NULL);
	return side + 4;
}

int deco_close_box(const struct deco_frame *frame, int32_t x, int32_t y, uint32_t w,
		   pixman_box32_t *out)
{
	int t = frame->titlebar, size = t - 2 * CLOSE_PAD;
	if (size < 8 || w < (uint32_t)(4 * t))
		return -1;
	out->x2 = x + (int32_t)w - CLOSE_PAD;
	out->x1 = out->x2 - size;
	out->y1 = y - t + CLOSE_PAD;
	out->y2 = out->y1 + size;
	return 0;
}

/* The close box: a square outline and a cross, in the text's colour. */
static void draw_close(cairo_t *cr, const pixman_box32_t *b)
{
	double x1 = b->x1 + 0.5, y1 = b->y1 + 0.5, x2 = b->x2 - 0.5, y2 = b->y2 - 0.5;
	cairo_set_line_width(cr, 1.0);
	cairo_rectangle(cr, x1, y1, x2 - x1, y2 - y1);
	cairo_stroke(cr);
	cairo_set_line_width(cr, 2.0);
	cairo_move_to(cr, x1 + 3, y1 + 3);
	cairo_line_to(cr, x2 - 3, y2 - 3);
	cairo_move_to(cr, x2 - 3, y1 + 3);
	cairo_line_to(cr, x1 + 3, y2 - 3);
	cairo_stroke(cr);
}

static void draw_text(struct deco_ctx *ctx, const struct deco_info *info, int titlebar, int32_t x,
		      int32_t y, uint32_t w, pixman_region32_t *area)
{
	cairo_t *cr = ctx->cr;
	int n;
	pixman_box32_t *r = pixman_region32_rectangles(area, &n);
	cairo_save(cr);
	for (int i = 0; i < n; i++)
		cairo_rectangle(cr, r[i].x1, r[i].y1, r[i].x2 - r[i].x1, r[i].y2 - r[i].y1);
	cairo_clip(cr);
	double g = text_grey(info->rgb);
	cairo_set_source_rgb(cr, g, g, g);
	pixman_box32_t cb;
	struct deco_frame f = { 0, titlebar };
	bool box = info->close && deco_close_box(&f, x, y, w, &cb) == 0;
	if (box) {
		draw_close(cr, &cb);
		w = (uint32_t)(cb.x1 - CLOSE_PAD - x); /* the text stops before it */
	}
	cairo_rectangle(cr, x, y - titlebar, w, titlebar);
	cairo_clip(cr);
	char label[48];
	snprintf(label, sizeof(label), info->domain ? "[%s] " : "%s",
		 info->domain ? info->domain : "");
	double k = (double)titlebar / DECO_TITLEBAR; /* the scale (monitors.c) */
	cairo_set_font_size(cr, 12.5 * k);
	cairo_move_to(cr, x + 6 * k, y - 6 * k);
	cairo_show_text(cr, label);
	cairo_show_text(cr, info->title);
	cairo_restore(cr);
	cairo_surface_mark_dirty(ctx->surface);
}

void deco_draw(struct deco_ctx *ctx, const struct deco_frame *f, const struct deco_info *info,
	       int32_t x, int32_t y, uint32_t w, uint32_t h, pixman_region32_t *clip)
{
	pixman_box32_t outer;
	pixman_region32_t frame, content;
	deco_frame_box(f, x, y, w, h, &outer);
	pixman_region32_init_rects(&frame, &outer, 1);
	pixman_region32_init_rect(&content, x, y, w, h);
	pixman_region32_subtract(&frame, &frame, &content);
	pixman_region32_intersect(&frame, &frame, clip);
	if (pixman_region32_not_empty(&frame)) {
		cairo_surface_flush(ctx->surface);
		fill(ctx->dst, PIXMAN_OP_SRC, info->rgb, 0xffff, &frame);
		pixman_region32_t bar;
		pixman_region32_init_rect(&bar, x, y - f->titlebar, w, (unsigned)f->titlebar);
		pixman_region32_intersect(&bar, &bar, clip);
		if (pixman_region32_not_empty(&bar)) {
			int room = draw_icon(ctx, info, f->titlebar, x, y, w, &bar);
			draw_text(ctx, info, f->titlebar, x + room, y, w - (uint32_t)room, &bar);
		}
		pixman_region32_fini(&bar);
	}
	pixman_region32_fini(&frame);
	pixman_region32_fini(&content);
}

uint16_t deco_tint_alpha(int strength)
{
	static const uint16_t alpha[] = { 0, 0x2800, 0x5800 }; /* ~16%, ~34% */
	return strength > 0 && strength <= 2 ? alpha[strength] : 0;
}

void deco_tint(pixman_image_t *dst, uint32_t rgb, int strength, int32_t x, int32_t y, uint32_t w,
	       uint32_t h, pixman_region32_t *clip)
{
	uint16_t alpha = deco_tint_alpha(strength);
	if (!alpha)
		return;
	pixman_region32_t area;
	pixman_region32_init_rect(&area, x, y, w, h);
	pixman_region32_intersect(&area, &area, clip);
	if (pixman_region32_not_empty(&area))
		fill(dst, PIXMAN_OP_OVER, rgb, alpha, &area);
	pixman_region32_fini(&area);
}
