/*
 * The pointer on the hardware cursor plane, where every output's CRTC has
 * one (virtio-gpu does; bochs does not): drm-ui.c's image of the shape is
 * copied into a small ARGB dumb buffer (two, used in turn, so that a new
 * shape is a new framebuffer the driver uploads again). Elsewhere, or when
 * the driver refuses the cursor, it is drawn into each frame (drm-ui.c, the
 * software cursor).
 *
 * With atomic KMS the cursor plane is part of each output's commit
 * (drm_cursor_atomic: its CRTC, framebuffer and place); a move marks the
 * outputs and commits at once where no flip is in flight (the front
 * buffer again, nothing drawn), else with the next frame. With legacy KMS
 * a move is drmModeMoveCursor, a new shape drmModeSetCursor2.
 */
#include <drm_fourcc.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <xf86drm.h>

#include "drm.h"

/* The cursor plane of CRTC number idx, or 0. */
static uint32_t cursor_plane(struct drm *d, int idx)
{
	drmModePlaneRes *pr = drmModeGetPlaneResources(d->fd);
	uint32_t found = 0;
	for (uint32_t i = 0; pr && i < pr->count_planes && !found; i++) {
		drmModePlane *p = drmModeGetPlane(d->fd, pr->planes[i]);
		uint64_t type = 0;
		if (p && (p->possible_crtcs & (1u << idx)) &&
		    drm_prop_id(d->fd, p->plane_id, DRM_MODE_OBJECT_PLANE, "type", &type) &&
		    type == DRM_PLANE_TYPE_CURSOR)
			found = p->plane_id;
		drmModeFreePlane(p);
	}
	drmModeFreePlaneResources(pr);
	return found;
}

/* The cursor plane's property ids (atomic); false if one is missing. */
static bool plane_props(struct drm *d, struct drm_output *o)
{
	static const char *const names[10] = { "FB_ID",	 "CRTC_ID", "CRTC_X", "CRTC_Y", "CRTC_W",
					       "CRTC_H", "SRC_X",   "SRC_Y",  "SRC_W",	"SRC_H" };
	for (int i = 0; i < 10; i++)
		if (!(o->cp_prop[i] = drm_prop_id(d->fd, o->cursor_plane, DRM_MODE_OBJECT_PLANE,
						  names[i], NULL)))
			return false;
	return true;
}

/* d->cursor's pixels into buffer n (kept mapped) */
static void copy_image(struct drm *d, int n)
{
	struct drm_cursor_buf *c = &d->hw;
	memset(c->map[n], 0, c->size);
	const uint32_t *px = pixman_image_get_data(d->cursor);
	for (int y = 0; y < DRM_CURSOR_H; y++)
		memcpy(c->map[n] + (size_t)y * (c->pitch / 4), px + y * DRM_CURSOR_W,
		       DRM_CURSOR_W * 4);
}

static int buffer(struct drm *d, int n)
{
	struct drm_cursor_buf *c = &d->hw;
	uint64_t offset;
	if (drmModeCreateDumbBuffer(d->fd, c->w, c->h, 32, 0, &c->handle[n], &c->pitch, &c->size) <
		    0 ||
	    drmModeMapDumbBuffer(d->fd, c->handle[n], &offset) < 0)
		return -1;
	c->map[n] = mmap(NULL, c->size, PROT_READ | PROT_WRITE, MAP_SHARED, d->fd, (off_t)offset);
	if (c->map[n] == MAP_FAILED) {
		c->map[n] = NULL;
		return -1;
	}
	uint32_t handles[4] = { c->handle[n] }, pitches[4] = { c->pitch }, offsets[4] = { 0 };
	if (d->atomic && drmModeAddFB2(d->fd, c->w, c->h, DRM_FORMAT_ARGB8888, handles, pitches,
				       offsets, &c->fb[n], 0) < 0)
		return -1;
	return 0;
}

void drm_cursor_init(struct drm *d)
{
	uint64_t cw = 64, ch = 64;
	drmGetCap(d->fd, DRM_CAP_CURSOR_WIDTH, &cw);
	drmGetCap(d->fd, DRM_CAP_CURSOR_HEIGHT, &ch);
	d->cursor_atomic = d->atomic;
	for (int i = 0; i < d->nout; i++) {
		struct drm_output *o = &d->out[i];
		if (!(o->cursor_plane = cursor_plane(d, o->crtc_index))) {
			vlog("drm: no cursor plane on CRTC %u: the cursor is drawn in the frames",
			     o->crtc_id);
			return;
		}
		if (d->atomic && !plane_props(d, o))
			d->cursor_atomic = false;
	}
	if (cw < DRM_CURSOR_W || ch < DRM_CURSOR_H || cw > 512 || ch > 512)
		return;
	struct drm_cursor_buf *c = &d->hw;
	c->w = (uint32_t)cw;
	c->h = (uint32_t)ch;
	if (buffer(d, 0) < 0 || buffer(d, 1) < 0) {
		vlog("drm: no cursor buffer: %s", strerror(errno));
		drm_cursor_finish(d);
		return;
	}
	copy_image(d, 0);
	d->hw_cursor = true;
	vlog("drm: the cursor is on the cursor plane (%ux%u, %s)", c->w, c->h,
	     d->cursor_atomic ? "in the atomic commits" : "legacy cursor calls");
}

void drm_cursor_finish(struct drm *d)
{
	struct drm_cursor_buf *c = &d->hw;
	for (int i = 0; i < d->nout && d->hw_cursor && d->active; i++)
		drmModeSetCursor(d->fd, d->out[i].crtc_id, 0, 0, 0);
	for (int n = 0; n < 2; n++) {
		if (c->fb[n])
			drmModeRmFB(d->fd, c->fb[n]);
		if (c->map[n])
			munmap(c->map[n], c->size);
		if (c->handle[n])
			drmModeDestroyDumbBuffer(d->fd, c->handle[n]);
	}
	memset(c, 0, sizeof(*c));
	d->hw_cursor = false;
	for (int i = 0; i < d->nout; i++)
		d->out[i].cursor_dirty = d->out[i].cursor_on = false;
}

void drm_cursor_refused(struct drm *d, struct drm_output *o)
{
	vlog("drm: CRTC %u refuses the hardware cursor (%s): the cursor is drawn in the frames",
	     o->crtc_id, strerror(errno));
	drm_cursor_finish(d);
	for (int i = 0; i < d->nout; i++)
		for (int b = 0; b < 2; b++)
			pixman_region32_union_rect(&d->out[i].buf[b].stale, &d->out[i].buf[b].stale,
						   DRM_CURSOR_BOX(d));
	drm_kms_frame(d, NULL);
}

static bool on_output(struct drm *d, struct drm_output *o)
{
	int32_t x = d->cur_x - d->hot_x;
	return x + DRM_CURSOR_W > o->x && x < o->x + (int32_t)o->w;
}

void drm_cursor_atomic(struct drm *d, struct drm_output *o, drmModeAtomicReq *req)
{
	struct drm_cursor_buf *c = &d->hw;
	if (!d->hw_cursor || !d->cursor_atomic)
		return;
	bool on = on_output(d, o);
	uint64_t v[10] = { on ? c->fb[c->cur] : 0,
			   on ? o->crtc_id : 0,
			   (uint64_t)(int64_t)(d->cur_x - d->hot_x - o->x),
			   (uint64_t)(int64_t)(d->cur_y - d->hot_y),
			   c->w,
			   c->h,
			   0,
			   0,
			   (uint64_t)c->w << 16,
			   (uint64_t)c->h << 16 };
	for (int i = 0; i < 10; i++)
		drmModeAtomicAddProperty(req, o->cursor_plane, o->cp_prop[i], v[i]);
	o->cursor_on = on;
	o->cursor_dirty = false;
}

void drm_cursor_move(struct drm *d)
{
	struct drm_cursor_buf *c = &d->hw;
	if (!d->hw_cursor || !d->active)
		return;
	if (!d->cursor_moves++)
		vlog("drm: the cursor moves on the cursor plane (to %d,%d)", d->cur_x, d->cur_y);
	if (d->cursor_atomic) { /* with the next commit of each output it touches */
		for (int i = 0; i < d->nout; i++) {
			struct drm_output *o = &d->out[i];
			o->cursor_dirty = o->cursor_dirty || o->cursor_on || on_output(d, o);
		}
		drm_kms_frame(d, NULL);
		return;
	}
	for (int i = 0; i < d->nout && d->hw_cursor; i++) {
		struct drm_output *o = &d->out[i];
		if (o->need_mode)
			continue; /* shown with the first frame */
		bool on = on_output(d, o);
		if (on != o->cursor_on &&
		    drmModeSetCursor2(d->fd, o->crtc_id, on ? c->handle[c->cur] : 0, on ? c->w : 0,
				      on ? c->h : 0, d->hot_x, d->hot_y) < 0)
			return drm_cursor_refused(d, o);
		o->cursor_on = on;
		if (on && drmModeMoveCursor(d->fd, o->crtc_id, d->cur_x - d->hot_x - o->x,
					    d->cur_y - d->hot_y) < 0)
			return drm_cursor_refused(d, o);
	}
}

/* A new shape: into the other buffer, which is then shown where the
 * cursor is (a new framebuffer: the driver takes the new image). */
void drm_cursor_image(struct drm *d)
{
	struct drm_cursor_buf *c = &d->hw;
	if (!d->hw_cursor)
		return;
	c->cur = !c->cur;
	copy_image(d, c->cur);
	for (int i = 0; i < d->nout; i++) {
		d->out[i].cursor_dirty = d->cursor_atomic;		       /* committed again */
		d->out[i].cursor_on = d->out[i].cursor_on && d->cursor_atomic; /* set again */
	}
	drm_cursor_move(d);
}
