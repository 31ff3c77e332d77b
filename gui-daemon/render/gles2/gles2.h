/*
 * The GLES2 renderer's state, shared by its two files: gles2.c (EGL, the
 * context, program, the framebuffer, read-back) and paint.c
 * (textures of guest buffers, compositing; the ops table).
 */
#ifndef VITRINE_RENDER_GLES2_H
#define VITRINE_RENDER_GLES2_H

#include <EGL/egl.h>
#include <GLES2/gl2.h>
#include <stdbool.h>

#include "gui-daemon/list.h"
#include "gui-daemon/render.h"

struct gles2 {
	struct renderer base;
	uint32_t width, height;
	pixman_image_t *image; /* read back into (render_output.image), or NULL */
	EGLDisplay dpy;
	bool own_dpy; /* we initialized it: we terminate it */
	EGLContext ctx;
	GLuint fbo, out_tex;	/* the output: a texture, rows top to bottom */
	GLuint read_fbo;	/* a window's texture, to copy from */
	GLuint prog;		/* solid colour (the tint) */
	GLint color;		/* its uniform */
	bool unpack_row_length; /* GLES3 or GL_EXT_unpack_subimage */
	bool pack_row_length;	/* GLES3 or GL_NV_pack_subimage */
	GLint max_texture;
	/* Frames, title bars and the notice are drawn by decorations/ into
	 * this image (the output's size) and their pixels uploaded into the
	 * output texture. */
	pixman_image_t *deco_img;
	struct deco_ctx *deco;
	struct render_notice notice;
	pixman_region32_t unread; /* painted, not yet read back into image */
	struct list windows;	  /* struct gl_window.link */
	float *verts;		  /* vertex scratch (x, y) */
	/* glGetGraphicsResetStatus(EXT), where the context has robustness */
	GLenum (*reset_status)(void);
	bool told_error; /* a GL error in scanout.c was logged */
	size_t nverts_max;
};

/* A guest buffer's copy (win->render_data). */
struct gl_window {
	struct list link;
	struct window *win;
	GLuint tex;
	uint32_t tex_w, tex_h; /* 0: no texture */
	/* Texels older than the buffer, in buffer coordinates: uploaded
	 * when they are about to be shown. */
	pixman_region32_t dirty;
	/* The part of the buffer whose damage the core reports to us (the
	 * window is mapped; within buffer and content): what grows past it
	 * was never reported, so becomes dirty. */
	pixman_box32_t reported;
	bool refused; /* its buffer is over GL's largest texture (logged once) */
};

int gles2_setup(struct gles2 *g, const struct render_output *out);
void gles2_teardown(struct gles2 *g);
/* renderer_ops.read: glReadPixels of what was painted since the last call
 * into render_output.image. */
void gles2_read(struct renderer *r);
/* scanout.c: renderer_ops.target_* (render.h) */
struct render_target *gles2_target_import(struct renderer *r, void *gbm_bo);
void gles2_target_release(struct renderer *r, struct render_target *t);
void gles2_target_copy(struct renderer *r, struct render_target *t, pixman_region32_t *region,
		       int32_t ox);
void gles2_target_put(struct renderer *r, struct render_target *t, pixman_image_t *img,
		      const pixman_box32_t *src, int32_t dx, int32_t dy, int over);
int gles2_target_finish(struct renderer *r);

#endif
