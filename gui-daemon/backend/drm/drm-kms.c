/* Outputs of the drm backend: modes, dumb buffers, page flips (drm.h). */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <drm_fourcc.h>
#include <xf86drm.h>

#include "drm.h"

uint32_t drm_prop_id(int fd, uint32_t obj, uint32_t type, const char *name, uint64_t *value)
{
	drmModeObjectProperties *props = drmModeObjectGetProperties(fd, obj, type);
	uint32_t id = 0;
	for (uint32_t i = 0; props && i < props->count_props && !id; i++) {
		drmModePropertyRes *p = drmModeGetProperty(fd, props->props[i]);
		if (p && !strcmp(p->name, name)) {
			id = p->prop_id;
			if (value)
				*value = props->prop_values[i];
		}
		drmModeFreeProperty(p);
	}
	drmModeFreeObjectProperties(props);
	return id;
}

static int buf_create(struct drm *d, struct drm_buf *b, uint32_t w, uint32_t h)
{
	uint64_t offset;
	pixman_region32_init_rect(&b->stale, 0, 0, 0, 0);
	if (drmModeCreateDumbBuffer(d->fd, w, h, 32, 0, &b->handle, &b->pitch, &b->size) < 0)
		return -1;
	uint32_t handles[4] = { b->handle }, pitches[4] = { b->pitch }, offsets[4] = { 0 };
	/* no modifiers: a dumb buffer is linear, and DRM_MODE_FB_MODIFIERS with
	 * DRM_FORMAT_MOD_INVALID makes some drivers (bochs) refuse the mode */
	if (drmModeAddFB2(d->fd, w, h, DRM_FORMAT_XRGB8888, handles, pitches, offsets, &b->fb_id,
			  0) < 0)
		return -1;
	if (drmModeMapDumbBuffer(d->fd, b->handle, &offset) < 0)
		return -1;
	void *map = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_SHARED, d->fd, (off_t)offset);
	if (map == MAP_FAILED)
		return -1;
	b->map = map;
	memset(b->map, 0, b->size);
	b->image = pixman_image_create_bits(PIXMAN_x8r8g8b8, (int)w, (int)h, b->map, (int)b->pitch);
	return b->image ? 0 : -1;
}

static void buf_destroy(struct drm *d, struct drm_buf *b)
{
	if (b->image)
		pixman_image_unref(b->image);
	if (b->map)
		munmap(b->map, b->size);
	if (b->fb_id)
		drmModeRmFB(d->fd, b->fb_id);
	if (b->handle)
		drmModeDestroyDumbBuffer(d->fd, b->handle);
	pixman_region32_fini(&b->stale);
	memset(b, 0, sizeof(*b));
}

/* A CRTC for the connector that no earlier output took, or -1. */
static int pick_crtc(struct drm *d, drmModeRes *res, drmModeConnector *c)
{
	for (int e = 0; e < c->count_encoders; e++) {
		drmModeEncoder *enc = drmModeGetEncoder(d->fd, c->encoders[e]);
		if (!enc)
			continue;
		for (int i = 0; i < res->count_crtcs; i++) {
			bool taken = false;
			for (int o = 0; o < d->nout; o++)
				taken |= d->out[o].crtc_index == i;
			if (!taken && (enc->possible_crtcs & (1u << i))) {
				drmModeFreeEncoder(enc);
				return i;
			}
		}
		drmModeFreeEncoder(enc);
	}
	return -1;
}

/* The primary plane of CRTC number idx, and its properties (atomic). */
static int atomic_props(struct drm *d, struct drm_output *o)
{
	drmModePlaneRes *pr = drmModeGetPlaneResources(d->fd);
	for (uint32_t i = 0; pr && i < pr->count_planes && !o->plane_id; i++) {
		drmModePlane *p = drmModeGetPlane(d->fd, pr->planes[i]);
		uint64_t type = 0;
		if (p && (p->possible_crtcs & (1u << o->crtc_index)) &&
		    drm_prop_id(d->fd, p->plane_id, DRM_MODE_OBJECT_PLANE, "type", &type) &&
		    type == DRM_PLANE_TYPE_PRIMARY)
			o->plane_id = p->plane_id;
		drmModeFreePlane(p);
	}
	drmModeFreePlaneResources(pr);
	if (!o->plane_id)
		return -1;
	static const char *src[4] = { "SRC_X", "SRC_Y", "SRC_W", "SRC_H" };
	static const char *dst[4] = { "CRTC_X", "CRTC_Y", "CRTC_W", "CRTC_H" };
	uint32_t t = DRM_MODE_OBJECT_PLANE;
	o->p_conn_crtc = drm_prop_id(d->fd, o->conn_id, DRM_MODE_OBJECT_CONNECTOR, "CRTC_ID", NULL);
	o->p_crtc_mode = drm_prop_id(d->fd, o->crtc_id, DRM_MODE_OBJECT_CRTC, "MODE_ID", NULL);
	o->p_crtc_active = drm_prop_id(d->fd, o->crtc_id, DRM_MODE_OBJECT_CRTC, "ACTIVE", NULL);
	o->p_fb = drm_prop_id(d->fd, o->plane_id, t, "FB_ID", NULL);
	o->p_crtc = drm_prop_id(d->fd, o->plane_id, t, "CRTC_ID", NULL);
	bool all = o->p_conn_crtc && o->p_crtc_mode && o->p_crtc_active && o->p_fb && o->p_crtc;
	for (int i = 0; i < 4; i++) {
		o->p_src[i] = drm_prop_id(d->fd, o->plane_id, t, src[i], NULL);
		o->p_dst[i] = drm_prop_id(d->fd, o->plane_id, t, dst[i], NULL);
		all = all && o->p_src[i] && o->p_dst[i];
	}
	if (!all || drmModeCreatePropertyBlob(d->fd, &o->mode, sizeof(o->mode), &o->mode_blob) < 0)
		return -1;
	return 0;
}

/* The mode the user set (video=CONNECTOR:WxH on the kernel's command line),
 * else the connector's preferred one, else its first (the largest). A
 * connector forced on with no display behind it (virtio-gpu's second head)
 * has no preferred mode: its first is 5120x2160 or more. */
drmModeModeInfo drm_kms_pick_mode(const drmModeConnector *c)
{
	static const uint32_t order[] = { DRM_MODE_TYPE_USERDEF, DRM_MODE_TYPE_PREFERRED };
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		for (int i = 0; i < c->count_modes; i++)
			if (c->modes[i].type & order[k])
				return c->modes[i];
	return c->modes[0];
}

static int add_output(struct drm *d, drmModeRes *res, drmModeConnector *c, int32_t x)
{
	struct drm_output *o = &d->out[d->nout];
	memset(o, 0, sizeof(*o));
	o->crtc_index = pick_crtc(d, res, c);
	if (o->crtc_index < 0)
		return -1;
	o->conn_id = c->connector_id;
	o->crtc_id = res->crtcs[o->crtc_index];
	o->mode = drm_kms_pick_mode(c);
	o->x = x;
	o->w = o->mode.hdisplay;
	o->h = o->mode.vdisplay;
	if (d->atomic && atomic_props(d, o) < 0) {
		vlog("drm: connector %u: no primary plane or properties: legacy KMS", o->conn_id);
		d->atomic = false;
	}
	for (int i = 0; i < 2; i++)
		if (buf_create(d, &o->buf[i], o->w, o->h) < 0) {
			vlog("drm: dumb buffer %ux%u: %s", o->w, o->h, strerror(errno));
			for (int j = 0; j <= i; j++)
				buf_destroy(d, &o->buf[j]);
			return -1;
		}
	o->saved = drmModeGetCrtc(d->fd, o->crtc_id);
	o->need_mode = true;
	d->nout++;
	return 0;
}

int drm_kms_init(struct drm *d)
{
	drmModeRes *res = drmModeGetResources(d->fd);
	if (!res) {
		vlog("drm: not a KMS device: %s", strerror(errno));
		return -1;
	}
	d->atomic = drmSetClientCap(d->fd, DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1) == 0 &&
		    drmSetClientCap(d->fd, DRM_CLIENT_CAP_ATOMIC, 1) == 0;
	int32_t x = 0;
	for (int i = 0; i < res->count_connectors && d->nout < DRM_MAX_OUTPUTS; i++) {
		drmModeConnector *c = drmModeGetConnector(d->fd, res->connectors[i]);
		if (c && c->connection == DRM_MODE_CONNECTED && c->count_modes > 0 &&
		    add_output(d, res, c, x) == 0) {
			struct drm_output *o = &d->out[d->nout - 1];
			vlog("drm: connector %u: %ux%u@%u on CRTC %u at x=%d", o->conn_id, o->w,
			     o->h, o->mode.vrefresh, o->crtc_id, o->x);
			x += (int32_t)o->w;
			if (o->mode.vrefresh * 1000u > d->base.refresh_mhz) /* pace.h */
				d->base.refresh_mhz = o->mode.vrefresh * 1000u;
		}
		drmModeFreeConnector(c);
	}
	drmModeFreeResources(res);
	if (!d->nout) {
		vlog("drm: no connected output");
		return -1;
	}
	vlog("drm: %s KMS, %d output%s", d->atomic ? "atomic" : "legacy", d->nout,
	     d->nout > 1 ? "s" : "");
	return 0;
}

void drm_kms_finish(struct drm *d)
{
	for (int i = 0; i < d->nout; i++) {
		struct drm_output *o = &d->out[i];
		drmModeCrtc *s = o->saved;
		/* the console's mode as it was (when the device is still ours) */
		if (s && d->active && s->mode_valid)
			drmModeSetCrtc(d->fd, s->crtc_id, s->buffer_id, s->x, s->y, &o->conn_id, 1,
				       &s->mode);
		drmModeFreeCrtc(s);
		for (int b = 0; b < 2; b++)
			buf_destroy(d, &o->buf[b]);
		if (o->mode_blob)
			drmModeDestroyPropertyBlob(d->fd, o->mode_blob);
	}
	d->nout = 0;
}

static int atomic_commit(struct drm *d, struct drm_output *o, uint32_t fb)
{
	drmModeAtomicReq *req = drmModeAtomicAlloc();
	uint32_t flags = DRM_MODE_PAGE_FLIP_EVENT | DRM_MODE_ATOMIC_NONBLOCK;
	if (!req)
		return -1;
	if (o->need_mode) {
		drmModeAtomicAddProperty(req, o->conn_id, o->p_conn_crtc, o->crtc_id);
		drmModeAtomicAddProperty(req, o->crtc_id, o->p_crtc_mode, o->mode_blob);
		drmModeAtomicAddProperty(req, o->crtc_id, o->p_crtc_active, 1);
		flags |= DRM_MODE_ATOMIC_ALLOW_MODESET;
	}
	uint64_t src[4] = { 0, 0, (uint64_t)o->w << 16, (uint64_t)o->h << 16 };
	uint64_t dst[4] = { 0, 0, o->w, o->h };
	drmModeAtomicAddProperty(req, o->plane_id, o->p_fb, fb);
	drmModeAtomicAddProperty(req, o->plane_id, o->p_crtc, o->crtc_id);
	for (int i = 0; i < 4; i++) {
		drmModeAtomicAddProperty(req, o->plane_id, o->p_src[i], src[i]);
		drmModeAtomicAddProperty(req, o->plane_id, o->p_dst[i], dst[i]);
	}
	drm_cursor_atomic(d, o, req);
	int rc = drmModeAtomicCommit(d->fd, req, flags, o);
	drmModeAtomicFree(req);
	return rc;
}

/* Show buffer b on o: the mode first if needed, then a flip with an event. */
static int show(struct drm *d, struct drm_output *o, struct drm_buf *b)
{
	uint32_t fb = d->gl ? b->bo_fb : b->fb_id;
	if (d->atomic)
		return atomic_commit(d, o, fb);
	if (o->need_mode) {
		if (drmModeSetCrtc(d->fd, o->crtc_id, fb, 0, 0, &o->conn_id, 1, &o->mode) < 0)
			return -1;
		o->need_mode = false;
	}
	return drmModePageFlip(d->fd, o->crtc_id, fb, DRM_MODE_PAGE_FLIP_EVENT, o);
}

/* The stale part of b from the shadow (pixman), then the bar and cursor. */
static void copy_shadow(struct drm *d, struct drm_output *o, struct drm_buf *b)
{
	int n;
	pixman_box32_t *r = pixman_region32_rectangles(&b->stale, &n);
	uint32_t *src = pixman_image_get_data(d->shadow);
	int sstride = pixman_image_get_stride(d->shadow) / 4;
	for (int i = 0; i < n; i++) {
		size_t len = (size_t)(r[i].x2 - r[i].x1) * 4;
		for (int32_t y = r[i].y1; y < r[i].y2; y++)
			memcpy(b->map + (size_t)y * (b->pitch / 4) + (r[i].x1 - o->x),
			       src + (size_t)y * (size_t)sstride + r[i].x1, len);
	}
	drm_ui_draw(d, o, b);
}

/* Copy the stale part of o's back buffer from the shadow and flip to it. */
static void output_frame(struct drm *d, struct drm_output *o)
{
	struct drm_buf *b = &o->buf[!o->front];
	pixman_region32_intersect_rect(&b->stale, &b->stale, o->x, 0, o->w, o->h);
	bool unchanged = !pixman_region32_not_empty(&b->stale) && !o->need_mode;
	if (o->pending || !d->active || (unchanged && !o->cursor_dirty))
		return;
	if (unchanged) { /* the cursor plane moved (atomic): the front buffer again */
		struct drm_buf *f = &o->buf[o->front];
		if (atomic_commit(d, o, d->gl ? f->bo_fb : f->fb_id) < 0) {
			if (errno != EACCES && errno != EPERM) /* not the seat going away */
				drm_cursor_refused(d, o);
			return;
		}
		o->pending = true;
		return;
	}
	/* under the bar, the notification and the cursor, drawn again over the scene */
	drm_ui_stale(d, o, b);
	if (d->gl && drm_gbm_fill(d, o, b) < 0) {
		drm_gbm_fallback(d); /* every buffer is stale now */
		pixman_region32_intersect_rect(&b->stale, &b->stale, o->x, 0, o->w, o->h);
	}
	if (!d->gl)
		copy_shadow(d, o, b);
	bool moded = o->need_mode;
	if (show(d, o, b) < 0) {
		int err = errno;
		/* one line, and the next frame tries again (the damage stays) */
		vlog("drm: CRTC %u: %s failed: %s", o->crtc_id,
		     o->need_mode ? "mode set" : "page flip", strerror(errno));
		/* the next one without the cursor plane; not when DRM master was
		 * taken away (the seat manager drops it before it tells us) */
		if (d->atomic && d->hw_cursor && d->cursor_atomic && err != EACCES &&
		    err != EPERM) {
			errno = err;
			drm_cursor_refused(d, o);
		}
		return;
	}
	pixman_region32_clear(&b->stale);
	o->need_mode = false;
	o->pending = true;
	o->front = !o->front;
	if (moded && d->hw_cursor && !d->cursor_atomic)
		drm_cursor_move(d); /* the mode is set: the cursor can be shown */
}

void drm_kms_frame(struct drm *d, pixman_region32_t *damage)
{
	for (int i = 0; i < d->nout; i++) {
		struct drm_output *o = &d->out[i];
		for (int b = 0; b < 2 && damage; b++)
			pixman_region32_union(&o->buf[b].stale, &o->buf[b].stale, damage);
		output_frame(d, o);
	}
}

static void flipped(int fd, unsigned seq, unsigned sec, unsigned usec, void *data)
{
	(void)fd, (void)seq, (void)sec, (void)usec;
	struct drm_output *o = data;
	o->pending = false;
	o->flips++;
}

void drm_kms_dispatch(struct drm *d)
{
	drmEventContext ctx = { .version = 2, .page_flip_handler = flipped };
	if (drmHandleEvent(d->fd, &ctx) < 0)
		return;
	/* damage that came while the flips were in flight */
	for (int i = 0; i < d->nout; i++)
		output_frame(d, &d->out[i]);
}

void drm_kms_restore(struct drm *d)
{
	for (int i = 0; i < d->nout; i++) {
		struct drm_output *o = &d->out[i];
		o->need_mode = true;
		o->pending = false;
		o->cursor_on = false;
		for (int b = 0; b < 2; b++)
			pixman_region32_union_rect(&o->buf[b].stale, &o->buf[b].stale, o->x, 0,
						   o->w, o->h);
		output_frame(d, o);
	}
}
