/*
 * The GLES2 renderer on a screen (render.h, target_*): the backend's
 * scan-out buffers, GBM buffer objects made on the same GBM device as the
 * EGL display, become textures through EGLImages (EGL_KHR_image_base,
 * GL_OES_EGL_image), and the damaged boxes of the composited scene are
 * copied into them on the GPU (glCopyTexSubImage2D: no drawing, no
 * read-back). The trusted bar and the cursor are uploaded from the
 * backend's images.
 *
 * The scene texture holds x8r8g8b8's memory order (B, G, R, X as GL's R, G,
 * B, A; paint.c), so the backend makes its buffers GBM_FORMAT_ABGR8888 for
 * GL (R in the first byte) and shows them as DRM_FORMAT_XRGB8888: the bytes
 * copied are then those the screen expects, with no swizzling. (With alpha:
 * GLES takes GL_RGBA uploads only into an RGBA texture; XBGR8888 is RGB,
 * and glTexSubImage2D of the bar into it fails.)
 */
#include "gles2.h"

#include <EGL/eglext.h>
#include <GLES2/gl2ext.h>
#include <stdlib.h>

#include "gui-daemon/server.h"

#define GL_UNPACK_ROW_LENGTH_ 0x0CF2
#define GL_CONTEXT_LOST_ 0x0507 /* GLES 3.2, KHR_robustness */

struct render_target {
	EGLImageKHR image;
	GLuint tex, fbo;
	uint32_t w, h;
};

static PFNEGLCREATEIMAGEKHRPROC create_image;
static PFNEGLDESTROYIMAGEKHRPROC destroy_image;
static PFNGLEGLIMAGETARGETTEXTURE2DOESPROC image_texture;

static void current(struct gles2 *g)
{
	if (eglGetCurrentContext() != g->ctx)
		eglMakeCurrent(g->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, g->ctx);
}

struct render_target *gles2_target_import(struct renderer *r, void *gbm_bo)
{
	struct gles2 *g = (struct gles2 *)r;
	current(g);
	if (!create_image) {
		create_image = (PFNEGLCREATEIMAGEKHRPROC)eglGetProcAddress("eglCreateImageKHR");
		destroy_image = (PFNEGLDESTROYIMAGEKHRPROC)eglGetProcAddress("eglDestroyImageKHR");
		image_texture = (PFNGLEGLIMAGETARGETTEXTURE2DOESPROC)eglGetProcAddress(
			"glEGLImageTargetTexture2DOES");
	}
	if (!create_image || !destroy_image || !image_texture) {
		vlog("gles2 renderer: no EGLImage (EGL_KHR_image_base, GL_OES_EGL_image)");
		return NULL;
	}
	struct render_target *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->image = create_image(g->dpy, EGL_NO_CONTEXT, EGL_NATIVE_PIXMAP_KHR,
				(EGLClientBuffer)gbm_bo, NULL);
	if (t->image == EGL_NO_IMAGE_KHR) {
		vlog("gles2 renderer: a GBM buffer is no EGLImage (EGL error 0x%x)",
		     (unsigned)eglGetError());
		free(t);
		return NULL;
	}
	while (glGetError() != GL_NO_ERROR)
		;
	glGenTextures(1, &t->tex);
	glBindTexture(GL_TEXTURE_2D, t->tex);
	glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
	glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
	image_texture(GL_TEXTURE_2D, t->image);
	glGenFramebuffers(1, &t->fbo);
	glBindFramebuffer(GL_FRAMEBUFFER, t->fbo);
	glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, t->tex, 0);
	GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
	glBindFramebuffer(GL_FRAMEBUFFER, g->fbo);
	if (status != GL_FRAMEBUFFER_COMPLETE || glGetError() != GL_NO_ERROR) {
		vlog("gles2 renderer: a GBM buffer cannot be drawn into (status 0x%x)",
		     (unsigned)status);
		gles2_target_release(r, t);
		return NULL;
	}
	return t;
}

void gles2_target_release(struct renderer *r, struct render_target *t)
{
	struct gles2 *g = (struct gles2 *)r;
	if (!t)
		return;
	current(g);
	glDeleteFramebuffers(1, &t->fbo);
	glDeleteTextures(1, &t->tex);
	if (t->image != EGL_NO_IMAGE_KHR)
		destroy_image(g->dpy, t->image);
	free(t);
}

void gles2_target_copy(struct renderer *r, struct render_target *t, pixman_region32_t *region,
		       int32_t ox)
{
	struct gles2 *g = (struct gles2 *)r;
	int n;
	pixman_box32_t *b = pixman_region32_rectangles(region, &n);
	current(g);
	glBindFramebuffer(GL_FRAMEBUFFER, g->fbo); /* read from the scene */
	glBindTexture(GL_TEXTURE_2D, t->tex);
	for (int i = 0; i < n; i++)
		glCopyTexSubImage2D(GL_TEXTURE_2D, 0, b[i].x1 - ox, b[i].y1, b[i].x1, b[i].y1,
				    b[i].x2 - b[i].x1, b[i].y2 - b[i].y1);
}

void gles2_target_put(struct renderer *r, struct render_target *t, pixman_image_t *img,
		      const pixman_box32_t *src, int32_t dx, int32_t dy, int over)
{
	struct gles2 *g = (struct gles2 *)r;
	int32_t w = src->x2 - src->x1, h = src->y2 - src->y1;
	if (w <= 0 || h <= 0)
		return;
	current(g);
	pixman_image_t *tmp = NULL;
	const uint8_t *p = (const uint8_t *)pixman_image_get_data(img);
	uint32_t stride = (uint32_t)pixman_image_get_stride(img);
	p += (size_t)src->y1 * stride + (size_t)src->x1 * 4;
	if (over) { /* what the buffer has there, with img over it */
		tmp = pixman_image_create_bits(PIXMAN_x8r8g8b8, w, h, NULL, 0);
		if (!tmp)
			return;
		glBindFramebuffer(GL_FRAMEBUFFER, t->fbo);
		glReadPixels(dx, dy, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixman_image_get_data(tmp));
		glBindFramebuffer(GL_FRAMEBUFFER, g->fbo);
		pixman_image_composite32(PIXMAN_OP_OVER, img, NULL, tmp, src->x1, src->y1, 0, 0, 0,
					 0, w, h);
		p = (const uint8_t *)pixman_image_get_data(tmp);
		stride = (uint32_t)pixman_image_get_stride(tmp);
	}
	glBindTexture(GL_TEXTURE_2D, t->tex);
	if (g->unpack_row_length || (uint32_t)w * 4 == stride) {
		if (g->unpack_row_length)
			glPixelStorei(GL_UNPACK_ROW_LENGTH_, (GLint)(stride / 4));
		glTexSubImage2D(GL_TEXTURE_2D, 0, dx, dy, w, h, GL_RGBA, GL_UNSIGNED_BYTE, p);
		if (g->unpack_row_length)
			glPixelStorei(GL_UNPACK_ROW_LENGTH_, 0);
	} else {
		for (int32_t y = 0; y < h; y++)
			glTexSubImage2D(GL_TEXTURE_2D, 0, dx, dy + y, w, 1, GL_RGBA,
					GL_UNSIGNED_BYTE, p + (size_t)y * stride);
	}
	if (tmp)
		pixman_image_unref(tmp);
}

/* Everything drawn reached the buffers; -1 when the context is gone. */
int gles2_target_finish(struct renderer *r)
{
	struct gles2 *g = (struct gles2 *)r;
	current(g);
	glFinish();
	GLenum err = glGetError();
	GLenum reset = g->reset_status ? g->reset_status() : GL_NO_ERROR;
	EGLint eerr = eglGetError();
	if (reset != GL_NO_ERROR || err == GL_CONTEXT_LOST_ || eerr == EGL_CONTEXT_LOST) {
		vlog("gles2 renderer: the GL context was lost (reset 0x%x, GL 0x%x, EGL 0x%x)",
		     (unsigned)reset, (unsigned)err, (unsigned)eerr);
		return -1;
	}
	if (err == GL_OUT_OF_MEMORY) {
		vlog("gles2 renderer: GL is out of memory");
		return -1;
	}
	if (err != GL_NO_ERROR && !g->told_error) { /* a bug of ours: said once */
		vlog("gles2 renderer: GL error 0x%x drawing into a scan-out buffer", (unsigned)err);
		g->told_error = true;
	}
	return 0;
}
