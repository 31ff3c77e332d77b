/*
 * Renderers composite the scene into an output: one table of operations per
 * renderer (pixman: render/pixman/, GLES2 through EGL: render/gles2/). A
 * compositing backend (headless; DRM) creates one from an output
 * description, forwards its window hooks to it and calls paint at repaint;
 * it never names a renderer (renderer_find, from --renderer).
 *
 * Both paint the same picture: the background, each shown window's guest
 * content (from its shared buffer), tint, frame and title bar
 * (decorations/, from trusted state only), the trusted notice over all.
 */
#ifndef VITRINE_RENDER_H
#define VITRINE_RENDER_H

#include <pixman.h>
#include <stdint.h>

#include "decorations/deco.h"

struct scene;
struct window;
struct renderer;
struct deco_switcher;
struct render_target;

/* What a backend gives a renderer to draw into. */
struct render_output {
	uint32_t width, height;
	/* The composited output in memory, x8r8g8b8, width x height (headless):
	 * pixman draws into it; gles2 reads its own output back into it
	 * (renderer_ops.read). NULL: none (gles2 on a screen). */
	pixman_image_t *image;
	/* gles2: the EGL platform (an EGL_PLATFORM_* value; 0 means
	 * EGL_PLATFORM_SURFACELESS_MESA) and its native display (a struct
	 * gbm_device * for EGL_PLATFORM_GBM_KHR; NULL for surfaceless). */
	unsigned egl_platform;
	void *egl_native_display;
};

struct renderer_ops {
	const char *name;
	/* NULL with one log line saying why (no EGL, no GLES2, ...). */
	struct renderer *(*create)(const struct render_output *out);
	void (*destroy)(struct renderer *r);
	/* Redraw everything of the scene that lies inside damage. */
	void (*paint)(struct renderer *r, struct scene *s, pixman_region32_t *damage);
	/* The trusted notice, drawn over everything (text NULL: none) at the
	 * top centre of area; adds the output it changed to damage. */
	void (*notice)(struct renderer *r, const char *text, const pixman_box32_t *area,
		       pixman_region32_t *damage);
	/* Bring render_output.image up to date with what was painted (gles2:
	 * reads back the region painted since the last call; pixman: it is). */
	void (*read)(struct renderer *r);
	/* The backend's window hooks (backend.h), forwarded: a renderer that
	 * keeps copies of guest buffers (gles2: textures) learns from them
	 * which pixels changed. damage is in buffer coordinates, already
	 * clipped to buffer and content. */
	void (*window_changed)(struct renderer *r, struct window *win, unsigned what);
	void (*window_damaged)(struct renderer *r, struct window *win, int32_t x, int32_t y,
			       uint32_t w, uint32_t h);
	void (*window_removed)(struct renderer *r, struct window *win);
	/*
	 * Scan-out (gles2 on GBM; NULL in pixman): the backend's buffers, GBM
	 * BOs (struct gbm_bo *) made on render_output.egl_native_display, as
	 * targets. target_import: NULL with one log line. target_copy: the
	 * boxes of region (scene coordinates) from the composited scene into
	 * t, at (x - ox, y). target_put: img's box src (img coordinates) into t
	 * at (dx, dy); over: blended over what t has there (the cursor).
	 * target_finish: everything drawn is in memory; -1 with one log line
	 * when the context is lost or GL failed (the backend falls back on
	 * pixman).
	 */
	struct render_target *(*target_import)(struct renderer *r, void *gbm_bo);
	void (*target_release)(struct renderer *r, struct render_target *t);
	void (*target_copy)(struct renderer *r, struct render_target *t, pixman_region32_t *region,
			    int32_t ox);
	void (*target_put)(struct renderer *r, struct render_target *t, pixman_image_t *img,
			   const pixman_box32_t *src, int32_t dx, int32_t dy, int over);
	int (*target_finish)(struct renderer *r);
};

/* Every renderer starts with this. */
struct renderer {
	const struct renderer_ops *ops;
	uint64_t uploaded_bytes; /* guest pixels copied out of shared buffers (gles2) */
};

extern const struct renderer_ops pixman_renderer_ops;
extern const struct renderer_ops gles2_renderer_ops;

/* The renderer called name ("" or NULL: pixman), or NULL. */
const struct renderer_ops *renderer_find(const char *name);

/* Colours both renderers paint with. */
#define RENDER_BACKGROUND 0x2e3436 /* desktop */
#define RENDER_NO_PIXELS 0x101010  /* content area of a window with nothing yet */

/*
 * The walk both renderers share. Everything drawn is opaque, so each output
 * pixel is painted once: the Alt+Tab overlay (scene.switcher) and the
 * notice (notice non-NULL: its box) take their part of damage, then,
 * walking from the top of the stack down, every shown window gets the part
 * its frame covers that nothing above took; the background gets what is
 * left. (Painting bottom to top would composite every window under the
 * damage, however deeply it is buried.) fn is called
 * for each non-empty part: win NULL and frame NULL for the notice, win NULL
 * for the background.
 */
struct render_part {
	struct window *win;
	const struct deco_frame *frame; /* the window's (the scene's sizes) */
	const struct deco_info *info;	/* its domain's name and colour, its title */
	pixman_region32_t *area;	/* output coordinates */
	int notice;			/* 1: the notice's part */
	/* non-NULL: the Alt+Tab overlay's part */
	const struct deco_switcher *switcher;
};
void render_walk(struct scene *s, pixman_region32_t *damage, const pixman_box32_t *notice,
		 void (*fn)(void *ctx, const struct render_part *p), void *ctx);

/* The notice a renderer shows: text ("" for none) and its box. set: the
 * new text (NULL: none) at the top centre of area; adds the old and new
 * boxes to damage. */
struct render_notice {
	char text[256];
	pixman_box32_t box;
};
void render_notice_set(struct render_notice *n, const char *text, const pixman_box32_t *area,
		       pixman_region32_t *damage);

/* The part of win's buffer its content shows, (0,0)-(min(buffer,
 * content)), in buffer coordinates; empty if it has no buffer. */
void render_shown_box(const struct window *win, pixman_box32_t *b);
/* p->win drawn alone at (x, y) into dst by pixman (render.c). */
void render_window_pixman(pixman_image_t *dst, struct deco_ctx *deco, const struct render_part *p,
			  int32_t x, int32_t y);

#endif
