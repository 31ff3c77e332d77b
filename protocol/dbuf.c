/*
 * Double buffering (PRESENT): a window buffer of format VP_FMT_XRGB8888_X2
 * holds two frames, frame 1 at byte stride * height. The agent writes a
 * frame into the one the daemon does not hold, sends its DAMAGE (what
 * changed since the frame before it) and PRESENT(seq, index); the daemon
 * shows it and answers FRAME_DONE(seq') for the frame it showed before,
 * once nothing reads that one any more. The daemon always holds the newest
 * frame (it is what it repaints from). Index is any number here: the daemon
 * checks it against the buffer and what it holds. Pure.
 */
#include "proto.h"
#include "wire.h"

uint32_t vp_buffer_frames(const struct vp_buffer *b)
{
	return b->format == VP_FMT_XRGB8888_X2 ? 2u : 1u;
}

uint64_t vp_buffer_bytes(const struct vp_buffer *b)
{
	return (uint64_t)b->stride * b->height * vp_buffer_frames(b);
}

VP_DECODER(vp_dec_present)
{
	(void)len;
	m->u.present.seq = get32(untrusted);
	m->u.present.index = get32(untrusted + 4);
	return NULL;
}

VP_ENCODER(vp_enc_present)
{
	put32(p, m->u.present.seq);
	put32(p + 4, m->u.present.index);
}
