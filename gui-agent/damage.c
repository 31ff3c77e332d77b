/*
 * Damage: raw rectangles from the DAMAGE extension are clipped to the window
 * buffer and coalesced per window during one batch of X events. At the end
 * of the batch (damage_flush) a window's rectangles are copied window ->
 * shared pixmap with one CopyArea (through a clip list of them), one round
 * trip makes sure the X server has finished the copies, and only then does
 * the daemon hear of them (VP_DAMAGE).
 *
 * The hand-off: the DAMAGE of one flush ends with FRAME (daemons from
 * VP_MINOR_FRAME), and until the daemon's FRAME_DONE for it the buffer is
 * busy: the daemon (the desktop X server) may still be reading it, so
 * nothing is copied into it and new damage is coalesced meanwhile. The
 * output shows whole frames of the application, never half of the next;
 * the event loop never waits for the daemon.
 */
#include "agent.h"
#include "dbuf.h"

#include <stdlib.h>

static uint64_t area(const struct vp_rect *r)
{
	return (uint64_t)r->w * r->h;
}

static struct vp_rect bbox(const struct vp_rect *p, const struct vp_rect *q)
{
	int32_t x0 = p->x < q->x ? p->x : q->x;
	int32_t y0 = p->y < q->y ? p->y : q->y;
	int32_t x1 = p->x + (int32_t)p->w, qx1 = q->x + (int32_t)q->w;
	int32_t y1 = p->y + (int32_t)p->h, qy1 = q->y + (int32_t)q->h;
	if (qx1 > x1)
		x1 = qx1;
	if (qy1 > y1)
		y1 = qy1;
	return (struct vp_rect){ x0, y0, (uint32_t)(x1 - x0), (uint32_t)(y1 - y0) };
}

static uint32_t buf_w(const struct win *w)
{
	return w->w < VP_MAX_DIM ? w->w : VP_MAX_DIM;
}

static uint32_t buf_h(const struct win *w)
{
	return w->h < VP_MAX_DIM ? w->h : VP_MAX_DIM;
}

void damage_add(struct agent *a, struct win *w, int32_t x, int32_t y, uint32_t width,
		uint32_t height)
{
	if (!a->ready || !w->mapped || !w->buf)
		return;
	int64_t x0 = x < 0 ? 0 : x, y0 = y < 0 ? 0 : y;
	int64_t x1 = (int64_t)x + width, y1 = (int64_t)y + height;
	if (x1 > buf_w(w))
		x1 = buf_w(w);
	if (y1 > buf_h(w))
		y1 = buf_h(w);
	if (x1 <= x0 || y1 <= y0)
		return;
	struct vp_rect n = { (int32_t)x0, (int32_t)y0, (uint32_t)(x1 - x0), (uint32_t)(y1 - y0) };
	/* Merge with any rectangle whose bounding box costs nothing extra. */
	bool merged;
	do {
		merged = false;
		for (unsigned i = 0; i < w->ndmg; i++) {
			struct vp_rect u = bbox(&w->dmg[i], &n);
			if (area(&u) <= area(&w->dmg[i]) + area(&n)) {
				n = u;
				w->dmg[i] = w->dmg[--w->ndmg];
				merged = true;
				break;
			}
		}
	} while (merged);
	if (w->ndmg == MAX_DAMAGE_RECTS) {
		for (unsigned i = 0; i < w->ndmg; i++)
			n = bbox(&n, &w->dmg[i]);
		w->ndmg = 0;
	}
	w->dmg[w->ndmg++] = n;
	a->dirty = true;
}

void damage_full(struct agent *a, struct win *w)
{
	w->ndmg = 0;
	damage_add(a, w, 0, 0, w->w, w->h);
}

static bool clip_to_buffer(struct vp_rect *r, const struct buffer *b)
{
	if ((uint32_t)r->x >= b->width || (uint32_t)r->y >= b->height)
		return false;
	if (r->w > b->width - (uint32_t)r->x)
		r->w = b->width - (uint32_t)r->x;
	if (r->h > b->height - (uint32_t)r->y)
		r->h = b->height - (uint32_t)r->y;
	return true;
}

/*
 * Window -> shared pixmap, the n damaged rectangles: one CopyArea of their
 * bounding box through a clip list of them (the X server copies each
 * rectangle once, in one request), or of the one rectangle alone.
 */
static void copy_rects(struct agent *a, struct win *w, unsigned n, xcb_pixmap_t to)
{
	if (argb_copy(a, w, n, to)) /* depth 32: over an opaque background */
		return;
	struct buffer *b = w->buf;
	struct vp_rect box = w->dmg[0];
	if (n > 1) {
		xcb_rectangle_t clip[MAX_DAMAGE_RECTS];
		for (unsigned i = 0; i < n; i++) {
			const struct vp_rect *r = &w->dmg[i];
			clip[i] = (xcb_rectangle_t){ (int16_t)r->x, (int16_t)r->y, (uint16_t)r->w,
						     (uint16_t)r->h };
			box = bbox(&box, r);
		}
		xcb_set_clip_rectangles(a->xc, XCB_CLIP_ORDERING_UNSORTED, b->gc, 0, 0, n, clip);
		b->clipped = true;
	} else if (b->clipped) {
		uint32_t none = XCB_NONE;
		xcb_change_gc(a->xc, b->gc, XCB_GC_CLIP_MASK, &none);
		b->clipped = false;
	}
	xcb_copy_area(a->xc, w->id, to, b->gc, (int16_t)box.x, (int16_t)box.y, (int16_t)box.x,
		      (int16_t)box.y, (uint16_t)box.w, (uint16_t)box.h);
}

void damage_flush(struct agent *a)
{
	bool copied = false;
	a->dirty = false;
	for (struct win *w = a->windows; w; w = w->next) {
		if (!w->ndmg || w->sync_serial) /* sync.c: withheld until drawn */
			continue;
		if (!a->ready || !w->mapped || !w->buf) {
			w->ndmg = 0;
			continue;
		}
		if (w->buf->dbuf ? !dbuf_pick(w->buf) : w->buf->busy)
			continue; /* kept until FRAME_DONE */
		if (!w->buf->sent) {
			/* The daemon released it meanwhile: send it again, whole. */
			buffer_send(a, w);
			w->dmg[0] = (struct vp_rect){ 0, 0, w->buf->width, w->buf->height };
			w->ndmg = 1;
		}
		unsigned keep = 0;
		for (unsigned i = 0; i < w->ndmg; i++) {
			struct vp_rect r = w->dmg[i];
			if (clip_to_buffer(&r, w->buf))
				w->dmg[keep++] = r;
		}
		if (keep && w->buf->dbuf)
			dbuf_across(a, w, keep); /* what the frame lacks besides */
		if (keep)
			copy_rects(a, w, keep, dbuf_target(w->buf));
		copied = copied || keep;
		w->ndmg = keep;
	}
	if (!copied)
		return;
	/* One round trip: the copies before it are done when the reply comes. */
	free(xcb_get_input_focus_reply(a->xc, xcb_get_input_focus(a->xc), NULL));
	for (struct win *w = a->windows; w; w = w->next) {
		if (!w->ndmg || w->buf->busy || w->sync_serial) /* sync.c: withheld until drawn */
			continue;
		if (w->buf->dbuf) {
			if (w->buf->dbuf->pending)
				dbuf_present(a, w);
			else
				continue; /* both frames held: kept */
			w->ndmg = 0;
			continue;
		}
		for (unsigned i = 0; i < w->ndmg; i++) {
			buffer_copy_out(w->buf, &w->dmg[i]); /* Xen: into the granted pages */
			struct vp_msg m = { .type = VP_DAMAGE, .window = w->id };
			m.u.damage = w->dmg[i];
			agent_send(a, &m, -1);
		}
		if (w->ndmg && a->daemon_minor >= VP_MINOR_FRAME) {
			struct vp_msg f = { .type = VP_FRAME, .window = w->id };
			f.u.frame_seq = w->buf->frame_seq = ++a->next_frame;
			agent_send(a, &f, -1);
			w->buf->busy = true;
		}
		w->ndmg = 0;
	}
}

void damage_frame_done(struct agent *a, struct win *w, uint32_t seq)
{
	if (w->buf && w->buf->dbuf) {
		dbuf_frame_done(a, w, seq);
		return;
	}
	if (!w->buf || !w->buf->busy || w->buf->frame_seq != seq)
		return; /* an older buffer's, or an older frame's */
	w->buf->busy = false;
	if (w->ndmg)
		a->dirty = true; /* what came meanwhile goes now */
}

void handle_damage_notify(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_damage_notify_event_t *e = (xcb_damage_notify_event_t *)ev;
	struct win *w = win_find(a, e->drawable);
	if (tray_damage(a, e->drawable))
		a->dirty = true;
	else if (w)
		damage_add(a, w, e->area.x, e->area.y, e->area.width, e->area.height);
}
