/*
 * The buffer hand-off (FRAME, FRAME_DONE): the agent ends a window's frame
 * of DAMAGE with FRAME(seq) and writes into that window's buffer again only
 * after the daemon's FRAME_DONE(seq), sent once nothing on the trusted side
 * reads the damaged pixels any more (x11: after the desktop X server ran
 * the ShmPutImages; compositing backends: after the repaint that read them).
 * So the output never shows a buffer half-written. Both bodies are one u32,
 * any value: the daemon echoes it and trusts nothing in it. Pure.
 */
#include "proto.h"
#include "wire.h"

VP_DECODER(vp_dec_frame)
{
	(void)len;
	m->u.frame_seq = get32(untrusted);
	return NULL;
}

VP_ENCODER(vp_enc_frame)
{
	put32(p, m->u.frame_seq);
}
