/*
 * Double buffering on the agent's side (protocol/dbuf.c): a buffer of two
 * frames in one memfd (frame 1 at stride * height) with a shared pixmap
 * over each. Each batch writes the frame the daemon does not hold: first
 * what that frame lacks of the newest one (the damage of the frames written
 * into the other since it was last written) copied across from the other
 * frame, then the window's new damage; then DAMAGE and PRESENT(seq, frame).
 * The daemon holds the frame it shows and frees the one before with
 * FRAME_DONE(its seq): while both are held, damage waits (coalesced).
 */
#ifndef VITRINE_AGENT_DBUF_H
#define VITRINE_AGENT_DBUF_H

#include "agent.h"

struct dbuf {
	xcb_pixmap_t pixmap; /* frame 1's (frame 0's is buffer.pixmap) */
	bool held[2];	     /* the daemon holds frame i, PRESENT seq[i] */
	uint32_t seq[2];
	unsigned cur;				   /* the frame written last (or this batch) */
	bool pending;				   /* copied this batch: PRESENT to send */
	struct vp_rect stale[2][MAX_DAMAGE_RECTS]; /* what frame i lacks of the newest */
	unsigned nstale[2];
	struct vp_rect across[MAX_DAMAGE_RECTS]; /* this batch's copy across */
	unsigned nacross;
};

static inline uint32_t buffer_frames(const struct buffer *b)
{
	return b->dbuf ? 2u : 1u;
}

/* Two frames for a buffer of stride x height to this daemon? */
bool dbuf_wanted(const struct agent *a, uint32_t stride, uint32_t height);
/* b's memfd (two frames) is attached: frame 1's pixmap. 0 or -1. */
int dbuf_create(struct agent *a, struct buffer *b);
void dbuf_destroy(struct agent *a, struct buffer *b);
/* b goes (again) to the daemon: it holds none of its frames. */
void dbuf_reset(struct buffer *b);
/* The frame to write this batch (dbuf.cur), false if the daemon holds both. */
bool dbuf_pick(struct buffer *b);
/* Where this batch's damage goes: the shared pixmap of the frame written. */
xcb_pixmap_t dbuf_target(const struct buffer *b);
/* Copy into the frame picked what it lacks outside the n damaged rects. */
void dbuf_across(struct agent *a, struct win *w, unsigned n);
/* After the round trip: DAMAGE and PRESENT for the frame written. */
void dbuf_present(struct agent *a, struct win *w);
void dbuf_frame_done(struct agent *a, struct win *w, uint32_t seq);

#endif
