/* Double buffering: a window's two frames (dbuf.h). */
#include "dbuf.h"

#include "backend.h"
#include "domain.h"
#include "pace.h"
#include "window.h"

size_t dbuf_offset(const struct window *win)
{
	if (win->buf.frames != 2)
		return 0;
	return (size_t)win->front * win->buf.stride * win->buf.height;
}

void dbuf_damage(struct window *win, int32_t x, int32_t y, uint32_t w, uint32_t h)
{
	if (win->buf.frames != 2) {
		pace_damage(win, x, y, w, h);
		return;
	}
	pixman_region32_union_rect(&win->incoming, &win->incoming, x, y, w, h);
	if (pixman_region32_n_rects(&win->incoming) > PACE_MAX_RECTS) { /* bounded */
		pixman_box32_t e = *pixman_region32_extents(&win->incoming);
		pixman_region32_reset(&win->incoming, &e);
	}
}

void dbuf_reset(struct window *win)
{
	win->held = 0;
	win->front = 0;
	win->queued = 0;
	pixman_region32_fini(&win->incoming); /* a zeroed region is a valid one */
	pixman_region32_init(&win->incoming);
}

/* The backend shows the window from a copy of its own (x11: the desktop X
 * server's window), so it reads a frame only at the puts of its damage. */
static bool copies(const struct window *win)
{
	return win->dom->srv->backend->ops->caps & BACKEND_CAP_PER_WINDOW;
}

void dbuf_frame_done(struct window *win, uint32_t seq)
{
	/* FRAME_DONE seq: that frame and every one before it (wrapping) */
	for (unsigned i = 0; i < 2; i++)
		if ((win->held & (1u << i)) && (i != win->front || copies(win)) &&
		    (int32_t)(seq - win->held_seq[i]) >= 0)
			win->held &= (uint8_t) ~(1u << i);
}

/* Show frame i: win->image views it. */
static const char *show_frame(struct window *win, unsigned i)
{
	pixman_image_t *img = pixman_image_create_bits(
		PIXMAN_x8r8g8b8, (int)win->buf.width, (int)win->buf.height,
		(uint32_t *)(win->buf.data + (size_t)i * win->buf.stride * win->buf.height),
		(int)win->buf.stride);
	if (!img)
		return "out of memory";
	if (win->image)
		pixman_image_unref(win->image);
	win->image = img;
	win->front = (uint8_t)i;
	return NULL;
}

/* Show frame i (its PRESENT came, held_seq[i] its seq): its damage to
 * the repaint; the frame shown before freed once nothing reads it. */
static const char *switch_to(struct window *win, unsigned i)
{
	unsigned old = win->front;
	bool had = (win->held & (1u << old)) && old != i;
	uint32_t old_seq = win->held_seq[old];
	const char *why = show_frame(win, i);
	if (why)
		return why;
	win->has_pixels = true;
	if (win->mapped) {
		int n;
		const pixman_box32_t *b = pixman_region32_rectangles(&win->incoming, &n);
		for (int k = 0; k < n; k++)
			pace_damage(win, b[k].x1, b[k].y1, (uint32_t)(b[k].x2 - b[k].x1),
				    (uint32_t)(b[k].y2 - b[k].y1));
	}
	pixman_region32_clear(&win->incoming);
	if (copies(win)) /* this frame: FRAME_DONE once its puts are done */
		window_frame(win, win->held_seq[i]);
	else if (had) /* the frame shown before: FRAME_DONE once nothing reads it */
		window_frame(win, old_seq);
	return NULL;
}

const char *dbuf_on_present(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)d;
	uint32_t seq = m->u.present.seq, untrusted_index = m->u.present.index;
	if (!win->buf.ops || win->buf.frames != 2)
		return "PRESENT for a window without a two-frame buffer";
	if (untrusted_index > 1)
		return "PRESENT: frame index out of range";
	unsigned i = untrusted_index;
	if (win->held & (1u << i))
		return "PRESENT into a frame the daemon still holds";
	win->held |= (uint8_t)(1u << i);
	win->held_seq[i] = seq;
	if (win->pace_waiting) { /* the frame shown is not painted yet: after it */
		win->queued = (uint8_t)(1 + i);
		return NULL;
	}
	return switch_to(win, i);
}

void dbuf_painted(struct window *win)
{
	if (!win->queued)
		return;
	unsigned i = win->queued - 1u;
	win->queued = 0;
	if (switch_to(win, i)) /* out of memory: shown at the next frame */
		win->held &= (uint8_t) ~(1u << i);
}

const char *dbuf_on_frame(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)d;
	if (win->buf.ops && win->buf.frames == 2)
		return "FRAME for a window with a two-frame buffer (PRESENT)";
	window_frame(win, m->u.frame_seq);
	return NULL;
}
