/*
 * The drm backend with the GLES2 renderer (--renderer gles2): EGL on GBM
 * on the card's own descriptor. Each output gets two GBM buffer objects as
 * scan-out framebuffers next to its dumb buffers; the renderer composites
 * the damaged region of the scene into its texture (scissored), and each
 * back buffer gets the rectangles it does not show yet copied from it on
 * the GPU, then the trusted bar and the cursor, then the usual flip
 * (drm-kms.c). The dumb buffers and the pixman renderer stay the fallback:
 * when GBM or EGL cannot be set up, and when the context is lost later
 * (one log line each time), the backend draws with pixman from then on,
 * the whole scene painted again, so the screen is never left black.
 *
 * The buffers are GBM_FORMAT_ABGR8888 for GL and DRM_FORMAT_XRGB8888 for
 * KMS (render/gles2/scanout.c says why).
 */
#include <errno.h>
#include <gbm.h>
#include <string.h>
#include <drm_fourcc.h>
#include <EGL/egl.h>
#include <EGL/eglext.h>

#include "drm.h"
#include "gui-daemon/render.h"

static void bo_destroy(struct drm *d, struct drm_buf *b)
{
	if (b->target && d->renderer && d->renderer->ops->target_release)
		d->renderer->ops->target_release(d->renderer, b->target);
	b->target = NULL;
	if (b->bo_fb)
		drmModeRmFB(d->fd, b->bo_fb);
	b->bo_fb = 0;
	if (b->bo)
		gbm_bo_destroy(b->bo);
	b->bo = NULL;
}

static int bo_create(struct drm *d, struct drm_output *o, struct drm_buf *b)
{
	b->bo = gbm_bo_create(d->gbm, o->w, o->h, GBM_FORMAT_ABGR8888,
			      GBM_BO_USE_SCANOUT | GBM_BO_USE_RENDERING);
	if (!b->bo) {
		vlog("drm: no %ux%u GBM scan-out buffer: %s", o->w, o->h, strerror(errno));
		return -1;
	}
	uint32_t handles[4] = { gbm_bo_get_handle(b->bo).u32 };
	uint32_t pitches[4] = { gbm_bo_get_stride(b->bo) }, offsets[4] = { 0 };
	if (drmModeAddFB2(d->fd, o->w, o->h, DRM_FORMAT_XRGB8888, handles, pitches, offsets,
			  &b->bo_fb, 0) < 0) {
		vlog("drm: a GBM buffer is no framebuffer: %s", strerror(errno));
		b->bo_fb = 0;
		return -1;
	}
	b->target = d->renderer->ops->target_import(d->renderer, b->bo);
	return b->target ? 0 : -1;
}

/* Everything GL: buffers, renderer (the GBM device stays: EGL's display
 * keeps it). */
void drm_gbm_release(struct drm *d)
{
	for (int i = 0; i < d->nout; i++)
		for (int b = 0; b < 2; b++)
			bo_destroy(d, &d->out[i].buf[b]);
	if (d->gl && d->renderer) {
		d->renderer->ops->destroy(d->renderer);
		d->renderer = NULL;
	}
	d->gl = false;
}

int drm_gbm_init(struct drm *d)
{
	struct scene *s = &d->srv->scene;
	if (!d->gbm) /* kept across hot-plug: EGL's display holds it */
		d->gbm = gbm_create_device(d->fd);
	if (!d->gbm) {
		vlog("drm: no GBM device on the card: drawing with pixman");
		return -1;
	}
	struct render_output out = { s->width, s->height, d->shadow, EGL_PLATFORM_GBM_KHR, d->gbm };
	d->renderer = gles2_renderer_ops.create(&out);
	if (!d->renderer) { /* the renderer said why */
		vlog("drm: no GLES2 through EGL on GBM: drawing with pixman");
		return -1;
	}
	d->gl = true;
	for (int i = 0; i < d->nout; i++)
		for (int b = 0; b < 2; b++)
			if (bo_create(d, &d->out[i], &d->out[i].buf[b]) < 0) {
				vlog("drm: GBM scan-out buffers cannot be used: drawing with "
				     "pixman");
				drm_gbm_release(d);
				return -1;
			}
	vlog("drm: drawing with gles2 into GBM buffers");
	return 0;
}

void drm_gbm_finish(struct drm *d)
{
	drm_gbm_release(d);
	if (d->gbm)
		gbm_device_destroy(d->gbm);
	d->gbm = NULL;
}

/* The part of the w x h box at (x, y) on o, in o's coordinates, or 0. */
static int clip(struct drm_output *o, int32_t x, int32_t y, uint32_t w, uint32_t h,
		pixman_box32_t *src, int32_t *dx, int32_t *dy)
{
	int32_t x1 = x - o->x, y1 = y, x2 = x1 + (int32_t)w, y2 = y1 + (int32_t)h;
	*dx = x1 < 0 ? 0 : x1;
	*dy = y1 < 0 ? 0 : y1;
	x2 = x2 > (int32_t)o->w ? (int32_t)o->w : x2;
	y2 = y2 > (int32_t)o->h ? (int32_t)o->h : y2;
	*src = (pixman_box32_t){ *dx - x1, *dy - y1, x2 - x1, y2 - y1 };
	return *dx < x2 && *dy < y2;
}

int drm_gbm_fill(struct drm *d, struct drm_output *o, struct drm_buf *b)
{
	struct renderer *r = d->renderer;
	r->ops->target_copy(r, b->target, &b->stale, o->x);
	pixman_box32_t src;
	int32_t dx, dy;
	if (clip(o, o->x, 0, o->w, DRM_BAR_H, &src, &dx, &dy)) {
		src.x1 += o->x, src.x2 += o->x; /* the bar spans the scene */
		r->ops->target_put(r, b->target, d->bar, &src, dx, dy, 0);
	}
	pixman_box32_t *nb = &d->tray.box;
	if (d->note_on && d->note &&
	    clip(o, nb->x1, nb->y1, (uint32_t)(nb->x2 - nb->x1), (uint32_t)(nb->y2 - nb->y1), &src,
		 &dx, &dy))
		r->ops->target_put(r, b->target, d->note, &src, dx, dy, 0);
	if (!d->hw_cursor && clip(o, DRM_CURSOR_BOX(d), &src, &dx, &dy))
		r->ops->target_put(r, b->target, d->cursor, &src, dx, dy, 1);
	return r->ops->target_finish(r);
}

void drm_gbm_fallback(struct drm *d)
{
	struct scene *s = &d->srv->scene;
	vlog("drm: GLES2 gone: drawing with pixman on dumb buffers from now on");
	d->want_gl = false;
	drm_gbm_release(d);
	struct render_output out = { s->width, s->height, d->shadow, 0, NULL };
	d->renderer = pixman_renderer_ops.create(&out);
	if (!d->renderer) {
		vlog("drm: no pixman renderer either");
		return;
	}
	/* the whole scene, now, into the shadow; every buffer shows it anew */
	pixman_region32_t all;
	pixman_region32_init_rect(&all, 0, 0, s->width, s->height);
	d->renderer->ops->paint(d->renderer, s, &all);
	for (int i = 0; i < d->nout; i++)
		for (int b = 0; b < 2; b++)
			pixman_region32_union(&d->out[i].buf[b].stale, &d->out[i].buf[b].stale,
					      &all);
	pixman_region32_fini(&all);
}
