/*
 * Double buffering on the daemon's side (protocol/dbuf.c has the protocol):
 * a window whose buffer holds two frames (buf.frames 2) shows the frame of
 * the guest's last PRESENT (win->front, whose pixels win->image views) and
 * holds it; the frame shown before is held until nothing reads it (the
 * repaint of the new one's damage, and for x11 the desktop's round trip:
 * window_frame), then FRAME_DONE frees it for the guest. DAMAGE of such a
 * window waits for its PRESENT. A PRESENT for a frame held, an index out of
 * range, or one for a window without two frames cuts the domain off.
 */
#ifndef VITRINE_DBUF_H
#define VITRINE_DBUF_H

#include <stddef.h>
#include <stdint.h>

struct domain;
struct window;
struct vp_msg;

/* DAMAGE of win, clipped: painted at its turn (pace.h), or for a
 * two-frame buffer kept until the PRESENT of its frame. */
void dbuf_damage(struct window *win, int32_t x, int32_t y, uint32_t w, uint32_t h);
const char *dbuf_on_present(struct domain *d, struct window *win, const struct vp_msg *m);
/* FRAME (one-frame buffers only) */
const char *dbuf_on_frame(struct domain *d, struct window *win, const struct vp_msg *m);
/* window_set_buffer: a new buffer (or none): nothing held, no damage kept. */
void dbuf_reset(struct window *win);
/* FRAME_DONE seq goes to the guest: the frame that had it is not held. */
void dbuf_frame_done(struct window *win, uint32_t seq);
/* Where the shown frame starts in win->buf (0 for a one-frame buffer). */
size_t dbuf_offset(const struct window *win);

#endif
