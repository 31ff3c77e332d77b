/*
 * The pointer's arrow on the hardware cursor plane, where every output's
 * CRTC has one (virtio-gpu does; bochs does not): drm-ui.c's arrow is
 * copied once into a small ARGB dumb buffer, and a move is
 * drmModeMoveCursor on the outputs it touches, with nothing of the scene
 * painted again. Elsewhere, or when the driver refuses the cursor, the
 * arrow is drawn into each frame (drm-ui.c, the software cursor).
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <xf86drm.h>

#include "drm.h"

/* A plane of the type for CRTC number idx. */
static bool has_cursor_plane(struct drm *d, int idx)
{
	drmModePlaneRes *pr = drmModeGetPlaneResources(d->fd);
	bool found = false;
	for (uint32_t i = 0; pr && i < pr->count_planes && !found; i++) {
		drmModePlane *p = drmModeGetPlane(d->fd, pr->planes[i]);
		drmModeObjectProperties *props =
			p ? drmModeObjectGetProperties(d->fd, p->plane_id, DRM_MODE_OBJECT_PLANE)
			  : NULL;
		for (uint32_t k = 0; props && k < props->count_props; k++) {
			drmModePropertyRes *pp = drmModeGetProperty(d->fd, props->props[k]);
			if (pp && !strcmp(pp->name, "type") &&
			    props->prop_values[k] == DRM_PLANE_TYPE_CURSOR &&
			    (p->possible_crtcs & (1u << idx)))
				found = true;
			drmModeFreeProperty(pp);
		}
		drmModeFreeObjectProperties(props);
		drmModeFreePlane(p);
	}
	drmModeFreePlaneResources(pr);
	return found;
}

/* d->cursor's pixels into the cursor buffer (kept mapped) */
static void copy_image(struct drm *d)
{
	struct drm_cursor_buf *c = &d->hw;
	memset(c->map, 0, c->size);
	const uint32_t *px = pixman_image_get_data(d->cursor);
	for (int y = 0; y < DRM_CURSOR_H; y++)
		memcpy(c->map + (size_t)y * (c->pitch / 4), px + y * DRM_CURSOR_W,
		       DRM_CURSOR_W * 4);
}

void drm_cursor_init(struct drm *d)
{
	uint64_t cw = 64, ch = 64;
	drmGetCap(d->fd, DRM_CAP_CURSOR_WIDTH, &cw);
	drmGetCap(d->fd, DRM_CAP_CURSOR_HEIGHT, &ch);
	for (int i = 0; i < d->nout; i++)
		if (!has_cursor_plane(d, d->out[i].crtc_index)) {
			vlog("drm: no cursor plane on CRTC %u: the cursor is drawn in the frames",
			     d->out[i].crtc_id);
			return;
		}
	if (cw < DRM_CURSOR_W || ch < DRM_CURSOR_H || cw > 512 || ch > 512)
		return;
	struct drm_cursor_buf *c = &d->hw;
	uint64_t offset;
	if (drmModeCreateDumbBuffer(d->fd, (uint32_t)cw, (uint32_t)ch, 32, 0, &c->handle, &c->pitch,
				    &c->size) < 0 ||
	    drmModeMapDumbBuffer(d->fd, c->handle, &offset) < 0) {
		vlog("drm: no cursor buffer: %s", strerror(errno));
		drm_cursor_finish(d);
		return;
	}
	c->map = mmap(NULL, c->size, PROT_READ | PROT_WRITE, MAP_SHARED, d->fd, (off_t)offset);
	if (c->map == MAP_FAILED) {
		c->map = NULL;
		drm_cursor_finish(d);
		return;
	}
	copy_image(d);
	c->w = (uint32_t)cw;
	c->h = (uint32_t)ch;
	d->hw_cursor = true;
	vlog("drm: the cursor is on the cursor plane (%ux%u)", c->w, c->h);
}

void drm_cursor_finish(struct drm *d)
{
	struct drm_cursor_buf *c = &d->hw;
	for (int i = 0; i < d->nout && d->hw_cursor && d->active; i++)
		drmModeSetCursor(d->fd, d->out[i].crtc_id, 0, 0, 0);
	if (c->map)
		munmap(c->map, c->size);
	if (c->handle)
		drmModeDestroyDumbBuffer(d->fd, c->handle);
	memset(c, 0, sizeof(*c));
	d->hw_cursor = false;
}

/* Software cursor from now on: drawn into the next frames. */
static void give_up(struct drm *d, struct drm_output *o)
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

void drm_cursor_move(struct drm *d)
{
	struct drm_cursor_buf *c = &d->hw;
	for (int i = 0; i < d->nout && d->hw_cursor && d->active; i++) {
		struct drm_output *o = &d->out[i];
		if (o->need_mode)
			continue; /* shown with the first frame */
		int32_t x = d->cur_x - d->hot_x, y = d->cur_y - d->hot_y;
		bool on = x + DRM_CURSOR_W > o->x && x < o->x + (int32_t)o->w;
		if (on != o->cursor_on &&
		    drmModeSetCursor2(d->fd, o->crtc_id, on ? c->handle : 0, on ? c->w : 0,
				      on ? c->h : 0, d->hot_x, d->hot_y) < 0)
			return give_up(d, o);
		o->cursor_on = on;
		if (on && drmModeMoveCursor(d->fd, o->crtc_id, x - o->x, y) < 0)
			return give_up(d, o);
		if (on && !d->cursor_moves++)
			vlog("drm: the cursor moves on the cursor plane (to %d,%d)", d->cur_x,
			     d->cur_y);
	}
}

/* A new shape: the buffer's pixels, then set again where it is shown (the
 * driver takes the new image and hot spot; the position follows it). */
void drm_cursor_image(struct drm *d)
{
	if (!d->hw_cursor)
		return;
	copy_image(d);
	for (int i = 0; i < d->nout; i++)
		d->out[i].cursor_on = false;
	drm_cursor_move(d);
}
