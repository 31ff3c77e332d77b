/*
 * Decorations: the frame and title bar around every guest window, drawn by
 * the daemon from trusted state only (the domain's configured name and label
 * colour, and a title that has already been sanitized).
 *
 * Geometry, for a content rectangle (x, y, w, h) in output coordinates:
 *   outer frame  = x - B, y - T - B, w + 2B, h + T + 2B
 *   title bar    = x,     y - T,     w,      T        (label colour, text)
 *   border       = the outer frame minus the title bar and the content
 * with B = frame->border and T = frame->titlebar. Guest pixels are only ever
 * drawn inside the content rectangle, so they cannot land on any of this.
 *
 * The sizes are parameters: the scene holds the ones in use (scene.border
 * and scene.titlebar, which a backend may change), and whoever draws or
 * hit-tests a frame passes them in. This module includes nothing of the
 * daemon's.
 */
#ifndef VITRINE_DECO_H
#define VITRINE_DECO_H

#include <pixman.h>
#include <stdint.h>

/* What the scene starts with (scene_init), nothing more. */
#define DECO_BORDER 3
#define DECO_TITLEBAR 20

struct deco_frame {
	int border, titlebar;
};

struct deco_info {
	const char *domain; /* trusted: from the daemon's configuration; NULL: the
			     * daemon's own text (no "[domain] " before it) */
	uint32_t rgb;	    /* label colour 0xRRGGBB */
	const char *title;  /* sanitized title, may be "" */
	/* The window's icon, already marked with the label colour (gui-daemon/
	 * desktop.c), premultiplied ARGB; drawn left of the text; or NULL. */
	pixman_image_t *icon;
	int close; /* 1: draw the close box (a window's title bar) */
};

struct deco_ctx; /* text rendering state for one output image */

struct deco_ctx *deco_ctx_create(pixman_image_t *dst);
void deco_ctx_destroy(struct deco_ctx *ctx);

/* Outer frame rectangle of a content rectangle. */
void deco_frame_box(const struct deco_frame *frame, int32_t x, int32_t y, uint32_t w, uint32_t h,
		    pixman_box32_t *out);

/* The close box at the right end of the title bar of content (x, y, w):
 * 0 and *out set, or -1 when there is none (no title bar, or too narrow).
 * A click on it asks the guest to close its window (grab.c); drawn by
 * deco_draw, on compositing backends only (a window manager has its own). */
int deco_close_box(const struct deco_frame *frame, int32_t x, int32_t y, uint32_t w,
		   pixman_box32_t *out);

/* Draw border and title bar of the window whose content is at (x,y,w,h),
 * limited to clip; with its close box if info->close (deco_close_box). */
void deco_draw(struct deco_ctx *ctx, const struct deco_frame *frame, const struct deco_info *info,
	       int32_t x, int32_t y, uint32_t w, uint32_t h, pixman_region32_t *clip);

/* Fill area of dst with an opaque colour (0xRRGGBB). */
void deco_fill(pixman_image_t *dst, uint32_t rgb, pixman_region32_t *area);
/* The text colour that reads on rgb (a label colour): 0xffffff or 0. */
uint32_t deco_text_on(uint32_t rgb);

/* Blend the label colour over the content rectangle within clip:
 * strength 0 none, 1 light, 2 strong. */
void deco_tint(pixman_image_t *dst, uint32_t rgb, int strength, int32_t x, int32_t y, uint32_t w,
	       uint32_t h, pixman_region32_t *clip);
/* The tint's opacity (16 bits, 0 for none) for that strength: a renderer
 * that blends it itself uses this one. */
uint16_t deco_tint_alpha(int strength);

#endif
