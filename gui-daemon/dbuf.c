/* Double buffering: a window's two frames (dbuf.h). */
#include "dbuf.h"

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
	pixman_region32_fini(&win->incoming); /* a zeroed region is a valid one */
	pixman_region32_init(&win->incoming);
}

void dbuf_frame_done(struct window *win, uint32_t seq)
{
	/* FRAME_DONE seq: that frame and every one before it (wrapping) */
	for (unsigned i = 0; i < 2; i++)
		if ((win->held & (1u << i)) && i != win->front &&
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
	unsigned old = win->front;
	bool had = (win->held & (1u << old)) && old != i;
	uint32_t old_seq = win->held_seq[old];
	const char *why = show_frame(win, i);
	if (why)
		return why;
	win->held |= (uint8_t)(1u << i);
	win->held_seq[i] = seq;
	win->has_pixels = true;
	if (win->mapped) {
		int n;
		const pixman_box32_t *b = pixman_region32_rectangles(&win->incoming, &n);
		for (int k = 0; k < n; k++)
			pace_damage(win, b[k].x1, b[k].y1, (uint32_t)(b[k].x2 - b[k].x1),
				    (uint32_t)(b[k].y2 - b[k].y1));
	}
	pixman_region32_clear(&win->incoming);
	if (had) /* the frame shown before: FRAME_DONE once nothing reads it */
		window_frame_old(win, old_seq);
	return NULL;
}

const char *dbuf_on_frame(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)d;
	if (win->buf.ops && win->buf.frames == 2)
		return "FRAME for a window with a two-frame buffer (PRESENT)";
	window_frame(win, m->u.frame_seq);
	return NULL;
}
