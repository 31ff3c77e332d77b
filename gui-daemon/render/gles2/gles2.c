/*
 * The GLES2 renderer's set-up: an EGL display for the platform the backend
 * names (headless: Mesa's surfaceless platform, no window system and no
 * device; DRM: GBM on the card), a GLES2 context with no config and no
 * surface, its programs, and the output: a texture attached to a
 * framebuffer object. Every failure is one log line and NULL, never a
 * crash (no EGL driver installed, no GLES2, a context lost).
 */
#include "gles2.h"

#include <EGL/eglext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gui-daemon/server.h"
#include "gui-daemon/window.h"

#define GL_PACK_ROW_LENGTH_ 0x0D02 /* GLES3, GL_NV_pack_subimage */

static bool has_ext(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

static const char vertex_src[] = "attribute vec2 pos;\n"
				 "uniform vec2 out_size;\n"
				 "void main() {\n"
				 "	gl_Position = vec4(pos / out_size * 2.0 - 1.0, 0.0, 1.0);\n"
				 "}\n";
static const char solid_src[] = "precision mediump float;\n"
				"uniform vec4 color;\n"
				"void main() {\n"
				"	gl_FragColor = color;\n"
				"}\n";

static GLuint shader(GLenum type, const char *src)
{
	GLuint s = glCreateShader(type);
	GLint ok = 0;
	glShaderSource(s, 1, &src, NULL);
	glCompileShader(s);
	glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
	if (!ok) {
		char log[256] = "";
		glGetShaderInfoLog(s, sizeof(log), NULL, log);
		vlog("gles2 renderer: shader does not compile: %s", log);
		glDeleteShader(s);
		return 0;
	}
	return s;
}

/* The one program: solid colour (the tint), over output pixel coordinates. */
static int program(struct gles2 *g)
{
	GLuint vs = shader(GL_VERTEX_SHADER, vertex_src);
	GLuint fs = shader(GL_FRAGMENT_SHADER, solid_src);
	GLint ok = 0;
	if (vs && fs) {
		g->prog = glCreateProgram();
		glAttachShader(g->prog, vs);
		glAttachShader(g->prog, fs);
		glBindAttribLocation(g->prog, 0, "pos");
		glLinkProgram(g->prog);
		glGetProgramiv(g->prog, GL_LINK_STATUS, &ok);
	}
	glDeleteShader(vs);
	glDeleteShader(fs);
	if (!ok) {
		vlog("gles2 renderer: the program does not link");
		return -1;
	}
	glUseProgram(g->prog);
	glUniform2f(glGetUniformLocation(g->prog, "out_size"), (GLfloat)g->width,
		    (GLfloat)g->height);
	g->color = glGetUniformLocation(g->prog, "color");
	glEnableVertexAttribArray(0);
	return 0;
}

static int egl_init(struct gles2 *g, const struct render_output *out)
{
	const char *cext = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
	EGLenum platform = out->egl_platform ? out->egl_platform : EGL_PLATFORM_SURFACELESS_MESA;
	PFNEGLGETPLATFORMDISPLAYEXTPROC get_display =
		(PFNEGLGETPLATFORMDISPLAYEXTPROC)eglGetProcAddress("eglGetPlatformDisplayEXT");
	if (!has_ext(cext, "EGL_EXT_platform_base") || !get_display) {
		vlog("gles2 renderer: no EGL driver offers platform displays (is Mesa's EGL, "
		     "libegl-mesa0, installed?)");
		return -1;
	}
	if (platform == EGL_PLATFORM_SURFACELESS_MESA &&
	    !has_ext(cext, "EGL_MESA_platform_surfaceless")) {
		vlog("gles2 renderer: EGL has no surfaceless platform (is Mesa's EGL, "
		     "libegl-mesa0, installed?)");
		return -1;
	}
	g->dpy = get_display(platform, out->egl_native_display, NULL);
	EGLint major, minor;
	if (g->dpy == EGL_NO_DISPLAY || !eglInitialize(g->dpy, &major, &minor)) {
		vlog("gles2 renderer: no EGL display (error 0x%x; Mesa's drivers, "
		     "libgl1-mesa-dri, installed?)",
		     (unsigned)eglGetError());
		g->dpy = EGL_NO_DISPLAY;
		return -1;
	}
	const char *dext = eglQueryString(g->dpy, EGL_EXTENSIONS);
	if (!has_ext(dext, "EGL_KHR_surfaceless_context") ||
	    !(has_ext(dext, "EGL_KHR_no_config_context") ||
	      has_ext(dext, "EGL_MESA_configless_context")) ||
	    !eglBindAPI(EGL_OPENGL_ES_API)) {
		vlog("gles2 renderer: EGL %d.%d cannot make a GLES context without surfaces", major,
		     minor);
		return -1;
	}
	static const EGLint attrs[] = { EGL_CONTEXT_CLIENT_VERSION, 2, EGL_NONE };
	/* told of a reset (a lost context) where the driver can say so */
	static const EGLint robust[] = { EGL_CONTEXT_CLIENT_VERSION, 2,
					 EGL_CONTEXT_OPENGL_RESET_NOTIFICATION_STRATEGY_EXT,
					 EGL_LOSE_CONTEXT_ON_RESET_EXT, EGL_NONE };
	g->ctx = EGL_NO_CONTEXT;
	if (has_ext(dext, "EGL_EXT_create_context_robustness"))
		g->ctx = eglCreateContext(g->dpy, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, robust);
	if (g->ctx == EGL_NO_CONTEXT)
		g->ctx = eglCreateContext(g->dpy, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attrs);
	if (g->ctx == EGL_NO_CONTEXT ||
	    !eglMakeCurrent(g->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, g->ctx)) {
		vlog("gles2 renderer: no GLES2 context (EGL error 0x%x)", (unsigned)eglGetError());
		return -1;
	}
	return 0;
}

static void gl_caps(struct gles2 *g)
{
	const char *version = (const char *)glGetString(GL_VERSION);
	const char *ext = (const char *)glGetString(GL_EXTENSIONS);
	int major = 2;
	if (version)
		sscanf(version, "OpenGL ES %d", &major);
	g->unpack_row_length = major >= 3 || has_ext(ext, "GL_EXT_unpack_subimage");
	g->pack_row_length = major >= 3 || has_ext(ext, "GL_NV_pack_subimage");
	glGetIntegerv(GL_MAX_TEXTURE_SIZE, &g->max_texture);
	if (has_ext(ext, "GL_EXT_robustness") || has_ext(ext, "GL_KHR_robustness"))
		g->reset_status = (GLenum(*)(void))eglGetProcAddress(
			has_ext(ext, "GL_EXT_robustness") ? "glGetGraphicsResetStatusEXT"
							  : "glGetGraphicsResetStatusKHR");
	vlog("gles2 renderer: %s, %s", (const char *)glGetString(GL_RENDERER),
	     version ? version : "?");
}

static int output_init(struct gles2 *g)
{
	if (g->width > (uint32_t)g->max_texture || g->height > (uint32_t)g->max_texture) {
		vlog("gles2 renderer: output %ux%u is over GL's largest texture (%d)", g->width,
		     g->height, g->max_texture);
		return -1;
	}
	glGenTextures(1, &g->out_tex);
	glBindTexture(GL_TEXTURE_2D, g->out_tex);
	glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
	glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
	glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, (GLsizei)g->width, (GLsizei)g->height, 0, GL_RGBA,
		     GL_UNSIGNED_BYTE, NULL);
	glGenFramebuffers(1, &g->read_fbo);
	glGenFramebuffers(1, &g->fbo);
	glBindFramebuffer(GL_FRAMEBUFFER, g->fbo);
	glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, g->out_tex, 0);
	if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
		vlog("gles2 renderer: the output framebuffer is not complete");
		return -1;
	}
	glViewport(0, 0, (GLsizei)g->width, (GLsizei)g->height);
	glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
	glPixelStorei(GL_PACK_ALIGNMENT, 4);
	if (program(g) < 0)
		return -1;
	glEnable(GL_SCISSOR_TEST);
	return glGetError() == GL_NO_ERROR ? 0 : -1;
}

int gles2_setup(struct gles2 *g, const struct render_output *out)
{
	g->width = out->width;
	g->height = out->height;
	g->image = out->image;
	g->dpy = EGL_NO_DISPLAY;
	g->ctx = EGL_NO_CONTEXT;
	list_init(&g->windows);
	pixman_region32_init(&g->unread);
	if (egl_init(g, out) < 0)
		return -1;
	gl_caps(g);
	if (output_init(g) < 0)
		return -1;
	g->deco_img =
		pixman_image_create_bits(PIXMAN_x8r8g8b8, (int)g->width, (int)g->height, NULL, 0);
	if (!g->deco_img || !(g->deco = deco_ctx_create(g->deco_img)))
		return -1;
	return 0;
}

void gles2_teardown(struct gles2 *g)
{
	struct list *pos, *tmp;
	if (g->ctx != EGL_NO_CONTEXT)
		eglMakeCurrent(g->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, g->ctx);
	list_each(pos, tmp, &g->windows)
	{
		struct gl_window *gw = list_item(pos, struct gl_window, link);
		g->base.ops->window_removed(&g->base, gw->win);
	}
	if (g->ctx != EGL_NO_CONTEXT) {
		glDeleteProgram(g->prog);
		glDeleteFramebuffers(1, &g->fbo);
		glDeleteFramebuffers(1, &g->read_fbo);
		glDeleteTextures(1, &g->out_tex);
		eglMakeCurrent(g->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
		eglDestroyContext(g->dpy, g->ctx);
	}
	/* The display stays initialized (the same one comes back for the
	 * same platform and native display): eglTerminate would unload Mesa's
	 * driver, with what it keeps for the process. */
	eglReleaseThread();
	deco_ctx_destroy(g->deco);
	if (g->deco_img)
		pixman_image_unref(g->deco_img);
	pixman_region32_fini(&g->unread);
	free(g->verts);
}

/* Read back what was painted since the last time, box by box. */
void gles2_read(struct renderer *r)
{
	struct gles2 *g = (struct gles2 *)r;
	if (!g->image || !pixman_region32_not_empty(&g->unread))
		return;
	if (eglGetCurrentContext() != g->ctx)
		eglMakeCurrent(g->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, g->ctx);
	uint8_t *data = (uint8_t *)pixman_image_get_data(g->image);
	uint32_t stride = (uint32_t)pixman_image_get_stride(g->image);
	int n;
	pixman_box32_t *b = pixman_region32_rectangles(&g->unread, &n);
	if (g->pack_row_length)
		glPixelStorei(GL_PACK_ROW_LENGTH_, (GLint)(stride / 4));
	for (int i = 0; i < n; i++) {
		GLsizei w = b[i].x2 - b[i].x1, h = b[i].y2 - b[i].y1;
		uint8_t *p = data + (size_t)b[i].y1 * stride + (size_t)b[i].x1 * 4;
		if (g->pack_row_length || (uint32_t)w * 4 == stride)
			glReadPixels(b[i].x1, b[i].y1, w, h, GL_RGBA, GL_UNSIGNED_BYTE, p);
		else
			for (GLsizei y = 0; y < h; y++)
				glReadPixels(b[i].x1, b[i].y1 + y, w, 1, GL_RGBA, GL_UNSIGNED_BYTE,
					     p + (size_t)y * stride);
	}
	if (g->pack_row_length)
		glPixelStorei(GL_PACK_ROW_LENGTH_, 0);
	pixman_region32_clear(&g->unread);
}
