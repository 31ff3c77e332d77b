/*
 * The GLES2 renderer's drawing. Each window's guest buffer has a texture;
 * the rectangles the guest reported damaged are marked dirty and uploaded
 * (glTexSubImage2D of those rows only, straight from the shared buffer: the
 * one copy of each damaged pixel) when they are about to be shown. Paint
 * walks the scene as the pixman renderer does (render_walk): each damaged
 * output pixel is drawn once, content copied box by box from the window's
 * texture (glCopyTexSubImage2D), fills by GL, the tint blended by GL,
 * frames and the notice drawn by decorations/ on the CPU and their pixels
 * uploaded.
 *
 * The output texture holds every pixel in x8r8g8b8's memory order (B, G,
 * R, X as GL's R, G, B, A): guest buffers are uploaded as GL_RGBA bytes
 * unchanged, colours are given swapped, and read-back is a plain copy.
 */
#include "gles2.h"

#include <stdlib.h>

#include "decorations/deco-notice.h"
#include "decorations/deco-switcher.h"
#include "gui-daemon/backend.h"
#include "gui-daemon/dbuf.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/scene.h"
#include "gui-daemon/server.h"

#define GL_UNPACK_ROW_LENGTH_ 0x0CF2 /* GLES3, GL_EXT_unpack_subimage */

static void current(struct gles2 *g)
{
	if (eglGetCurrentContext() != g->ctx)
		eglMakeCurrent(g->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, g->ctx);
}

/* Upload box (texel coordinates of tex, which is bound) from data (rows
 * of stride bytes, x8r8g8b8). */
static void upload(struct gles2 *g, const uint8_t *data, uint32_t stride, const pixman_box32_t *b)
{
	GLsizei w = b->x2 - b->x1, h = b->y2 - b->y1;
	const uint8_t *p = data + (size_t)b->y1 * stride + (size_t)b->x1 * 4;
	if (w <= 0 || h <= 0)
		return;
	if (g->unpack_row_length) {
		glPixelStorei(GL_UNPACK_ROW_LENGTH_, (GLint)(stride / 4));
		glTexSubImage2D(GL_TEXTURE_2D, 0, b->x1, b->y1, w, h, GL_RGBA, GL_UNSIGNED_BYTE, p);
		glPixelStorei(GL_UNPACK_ROW_LENGTH_, 0);
	} else if ((uint32_t)w * 4 == stride) {
		glTexSubImage2D(GL_TEXTURE_2D, 0, b->x1, b->y1, w, h, GL_RGBA, GL_UNSIGNED_BYTE, p);
	} else {
		for (GLsizei i = 0; i < h; i++)
			glTexSubImage2D(GL_TEXTURE_2D, 0, b->x1, b->y1 + i, w, 1, GL_RGBA,
					GL_UNSIGNED_BYTE, p + (size_t)i * stride);
	}
}

static void scissor(struct gles2 *g, const pixman_box32_t *b)
{
	(void)g;
	glScissor(b->x1, b->y1, b->x2 - b->x1, b->y2 - b->y1);
}

/* Fill the boxes of area with an opaque colour 0xRRGGBB. */
static void fill(struct gles2 *g, uint32_t rgb, pixman_region32_t *area)
{
	int n;
	pixman_box32_t *b = pixman_region32_rectangles(area, &n);
	glClearColor((GLfloat)(rgb & 0xff) / 255.0f, (GLfloat)((rgb >> 8) & 0xff) / 255.0f,
		     (GLfloat)((rgb >> 16) & 0xff) / 255.0f, 1.0f);
	for (int i = 0; i < n; i++) {
		scissor(g, &b[i]);
		glClear(GL_COLOR_BUFFER_BIT);
	}
}

/* Draw the boxes of area (output coordinates) with the solid program. */
static void quads(struct gles2 *g, pixman_region32_t *area)
{
	int n;
	pixman_box32_t *b = pixman_region32_rectangles(area, &n);
	if (n <= 0)
		return;
	if ((size_t)n * 12 > g->nverts_max) {
		float *v = realloc(g->verts, (size_t)n * 12 * sizeof(float));
		if (!v)
			return;
		g->verts = v;
		g->nverts_max = (size_t)n * 12;
	}
	float *v = g->verts;
	for (int i = 0; i < n; i++) {
		float x1 = (float)b[i].x1, y1 = (float)b[i].y1;
		float x2 = (float)b[i].x2, y2 = (float)b[i].y2;
		const float c[12] = { x1, y1, x2, y1, x1, y2, x2, y1, x2, y2, x1, y2 };
		for (int k = 0; k < 12; k++)
			*v++ = c[k];
	}
	glScissor(0, 0, (GLsizei)g->width, (GLsizei)g->height);
	glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), g->verts);
	glDrawArrays(GL_TRIANGLES, 0, n * 6);
}

/* Copy the boxes of area (output coordinates) from gw's texture, whose
 * texel (0,0) is at output (ox, oy), into the output: a copy, not a draw
 * (opaque pixels, no scaling: llvmpipe copies memory, about 5 times
 * faster than drawing textured quads; a GPU blits). */
static void copy_boxes(struct gles2 *g, struct gl_window *gw, pixman_region32_t *area, int32_t ox,
		       int32_t oy)
{
	int n;
	pixman_box32_t *b = pixman_region32_rectangles(area, &n);
	glBindFramebuffer(GL_FRAMEBUFFER, g->read_fbo);
	glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, gw->tex, 0);
	glBindTexture(GL_TEXTURE_2D, g->out_tex);
	for (int i = 0; i < n; i++)
		glCopyTexSubImage2D(GL_TEXTURE_2D, 0, b[i].x1, b[i].y1, b[i].x1 - ox, b[i].y1 - oy,
				    b[i].x2 - b[i].x1, b[i].y2 - b[i].y1);
	glBindFramebuffer(GL_FRAMEBUFFER, g->fbo);
}

/* Upload the pixels decorations/ drew into deco_img within area. */
static void upload_deco(struct gles2 *g, pixman_region32_t *area)
{
	int n;
	pixman_box32_t *b = pixman_region32_rectangles(area, &n);
	glBindTexture(GL_TEXTURE_2D, g->out_tex);
	for (int i = 0; i < n; i++)
		upload(g, (const uint8_t *)pixman_image_get_data(g->deco_img),
		       (uint32_t)pixman_image_get_stride(g->deco_img), &b[i]);
}

/* ---------------------------------------------------------------- windows */

static struct gl_window *gl_window(struct gles2 *g, struct window *win)
{
	struct gl_window *gw = win->render_data;
	if (gw)
		return gw;
	gw = calloc(1, sizeof(*gw));
	if (!gw)
		return NULL;
	gw->win = win;
	pixman_region32_init(&gw->dirty);
	list_insert(&g->windows, &gw->link);
	win->render_data = gw;
	return gw;
}

/* Follow win's buffer and geometry: a texture of the buffer's size, and
 * the buffer pixels whose damage we were never told of marked dirty. */
static void track(struct gles2 *g, struct gl_window *gw)
{
	struct window *win = gw->win;
	pixman_box32_t shown = { 0, 0, 0, 0 };
	bool fits = win->buf.width <= (uint32_t)g->max_texture &&
		    win->buf.height <= (uint32_t)g->max_texture;
	if (win->image && !fits && !gw->refused) {
		vlog("domain %s: window %u: a %ux%u buffer is over GL's largest texture (%d): "
		     "shown without its pixels",
		     win->dom->cfg->name, win->id, win->buf.width, win->buf.height, g->max_texture);
		gw->refused = true;
	}
	if (!win->image || gw->refused) {
		if (gw->tex)
			glDeleteTextures(1, &gw->tex);
		gw->tex = 0;
		gw->tex_w = gw->tex_h = 0;
		pixman_region32_clear(&gw->dirty);
		gw->reported = shown;
		return;
	}
	if (!gw->tex || gw->tex_w != win->buf.width || gw->tex_h != win->buf.height) {
		if (!gw->tex)
			glGenTextures(1, &gw->tex);
		glBindTexture(GL_TEXTURE_2D, gw->tex);
		glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
		glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
		glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
		glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
		while (glGetError() != GL_NO_ERROR)
			;
		glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, (GLsizei)win->buf.width,
			     (GLsizei)win->buf.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
		if (glGetError() != GL_NO_ERROR) { /* out of memory: no pixels shown */
			vlog("domain %s: window %u: no texture for its %ux%u buffer",
			     win->dom->cfg->name, win->id, win->buf.width, win->buf.height);
			glDeleteTextures(1, &gw->tex);
			gw->tex = 0;
			gw->tex_w = gw->tex_h = 0;
			gw->refused = true;
			return;
		}
		gw->tex_w = win->buf.width;
		gw->tex_h = win->buf.height;
		pixman_box32_t all = { 0, 0, (int32_t)gw->tex_w, (int32_t)gw->tex_h };
		pixman_region32_reset(&gw->dirty, &all);
	}
	if (win->mapped)
		render_shown_box(win, &shown);
	pixman_region32_t grown, old;
	pixman_region32_init_rects(&grown, &shown, 1);
	pixman_region32_init_rects(&old, &gw->reported, 1);
	pixman_region32_subtract(&grown, &grown, &old);
	pixman_region32_union(&gw->dirty, &gw->dirty, &grown);
	pixman_region32_fini(&grown);
	pixman_region32_fini(&old);
	gw->reported = shown;
}

static void window_changed(struct renderer *r, struct window *win, unsigned what)
{
	struct gles2 *g = (struct gles2 *)r;
	struct gl_window *gw = win->render_data;
	if (!gw && !win->image)
		return;
	current(g);
	if (!gw && !(gw = gl_window(g, win)))
		return;
	if (what & WIN_CHANGED_BUFFER) { /* new contents, whatever the size */
		gw->refused = false;
		pixman_region32_union_rect(&gw->dirty, &gw->dirty, 0, 0, win->buf.width,
					   win->buf.height);
	}
	track(g, gw);
}

static void window_damaged(struct renderer *r, struct window *win, int32_t x, int32_t y, uint32_t w,
			   uint32_t h)
{
	struct gl_window *gw = win->render_data;
	(void)r;
	if (gw)
		pixman_region32_union_rect(&gw->dirty, &gw->dirty, x, y, w, h);
}

static void window_removed(struct renderer *r, struct window *win)
{
	struct gl_window *gw = win->render_data;
	if (!gw)
		return;
	current((struct gles2 *)r);
	if (gw->tex)
		glDeleteTextures(1, &gw->tex);
	pixman_region32_fini(&gw->dirty);
	list_remove(&gw->link);
	win->render_data = NULL;
	free(gw);
}

/* The content rectangle's part of area: guest pixels (uploading the
 * dirty ones first), no pixels yet, tint. */
static void paint_content(struct gles2 *g, struct window *win, pixman_region32_t *part)
{
	pixman_region32_t area, pix;
	pixman_region32_init_rect(&area, win->x, win->y, win->w, win->h);
	pixman_region32_intersect(&area, &area, part);
	pixman_region32_init(&pix);
	struct gl_window *gw = win->image ? gl_window(g, win) : NULL;
	if (gw)
		track(g, gw);
	if (gw && gw->tex && win->has_pixels && pixman_region32_not_empty(&area)) {
		pixman_box32_t b;
		render_shown_box(win, &b);
		pixman_region32_intersect_rect(&pix, &area, win->x, win->y, (uint32_t)b.x2,
					       (uint32_t)b.y2);
		pixman_region32_t need;
		pixman_region32_init(&need);
		pixman_region32_translate(&pix, -win->x, -win->y);
		pixman_region32_intersect(&need, &pix, &gw->dirty);
		pixman_region32_subtract(&gw->dirty, &gw->dirty, &need);
		pixman_region32_translate(&pix, win->x, win->y);
		int n;
		pixman_box32_t *nb = pixman_region32_rectangles(&need, &n);
		glBindTexture(GL_TEXTURE_2D, gw->tex);
		for (int i = 0; i < n; i++) {
			upload(g, win->buf.data + dbuf_offset(win), win->buf.stride, &nb[i]);
			g->base.uploaded_bytes += (uint64_t)(nb[i].x2 - nb[i].x1) *
						  (uint64_t)(nb[i].y2 - nb[i].y1) * 4;
		}
		pixman_region32_fini(&need);
		copy_boxes(g, gw, &pix, win->x, win->y);
	}
	pixman_region32_subtract(&pix, &area, &pix);
	if (pixman_region32_not_empty(&pix))
		fill(g, RENDER_NO_PIXELS, &pix);
	const struct domain_config *cfg = win->dom->cfg;
	uint32_t a = deco_tint_alpha((int)cfg->tint), rgb = palette[cfg->label].rgb;
	if (a && pixman_region32_not_empty(&area)) {
		/* premultiplied, 8 bits, as pixman's OVER of deco_tint has it */
		uint32_t c[3] = { (rgb & 0xff) * 257 * a / 0xffff,
				  ((rgb >> 8) & 0xff) * 257 * a / 0xffff,
				  ((rgb >> 16) & 0xff) * 257 * a / 0xffff };
		glUniform4f(g->color, (GLfloat)(c[0] >> 8) / 255.0f, (GLfloat)(c[1] >> 8) / 255.0f,
			    (GLfloat)(c[2] >> 8) / 255.0f, (GLfloat)(a >> 8) / 255.0f);
		glEnable(GL_BLEND);
		glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
		quads(g, &area);
		glDisable(GL_BLEND);
	}
	pixman_region32_fini(&pix);
	pixman_region32_fini(&area);
}

static void paint_part(void *ctx, const struct render_part *p)
{
	struct gles2 *g = ctx;
	if (p->switcher) {
		deco_switcher_draw(g->deco_img, p->switcher, p->area);
		upload_deco(g, p->area);
	} else if (p->notice) {
		deco_notice_draw(g->deco_img, &g->notice.box, g->notice.text, p->area);
		upload_deco(g, p->area);
	} else if (!p->win) {
		fill(g, RENDER_BACKGROUND, p->area);
	} else {
		struct window *win = p->win;
		paint_content(g, win, p->area);
		pixman_region32_t frame;
		pixman_region32_init_rect(&frame, win->x, win->y, win->w, win->h);
		pixman_region32_subtract(&frame, p->area, &frame);
		if (pixman_region32_not_empty(&frame)) {
			deco_draw(g->deco, p->frame, p->info, win->x, win->y, win->w, win->h,
				  &frame);
			upload_deco(g, &frame);
		}
		pixman_region32_fini(&frame);
	}
}

static void paint(struct renderer *r, struct scene *s, pixman_region32_t *damage)
{
	struct gles2 *g = (struct gles2 *)r;
	current(g);
	render_walk(s, damage, g->notice.text[0] ? &g->notice.box : NULL, paint_part, g);
	pixman_region32_union(&g->unread, &g->unread, damage);
	glFlush();
}

static void notice(struct renderer *r, const char *text, const pixman_box32_t *area,
		   pixman_region32_t *damage)
{
	render_notice_set(&((struct gles2 *)r)->notice, text, area, damage);
}

static struct renderer *create(const struct render_output *out)
{
	struct gles2 *g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	g->base.ops = &gles2_renderer_ops;
	if (gles2_setup(g, out) < 0) {
		gles2_teardown(g);
		free(g);
		return NULL;
	}
	return &g->base;
}

static void destroy(struct renderer *r)
{
	if (!r)
		return;
	gles2_teardown((struct gles2 *)r);
	free(r);
}

const struct renderer_ops gles2_renderer_ops = {
	.name = "gles2",
	.create = create,
	.destroy = destroy,
	.paint = paint,
	.notice = notice,
	.read = gles2_read,
	.window_changed = window_changed,
	.window_damaged = window_damaged,
	.window_removed = window_removed,
	.target_import = gles2_target_import,
	.target_release = gles2_target_release,
	.target_copy = gles2_target_copy,
	.target_put = gles2_target_put,
	.target_finish = gles2_target_finish,
};
