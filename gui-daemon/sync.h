/*
 * Resize without tearing (issue 14 item 7): when the user resizes a window
 * (the desktop's window manager on x11, the daemon's own drag on headless
 * and drm), the daemon sends SYNC_REQUEST before the SET_GEOMETRY, and the
 * agent answers SYNC_DONE when its client drew that size
 * (_NET_WM_SYNC_REQUEST, or at once for a client that does not speak it,
 * or after the agent's own bounded wait). The agent withholds the new
 * size's damage until then, so the daemon keeps showing the last whole
 * frame. The daemon never waits for the answer: it only checks it.
 */
#ifndef VITRINE_SYNC_H
#define VITRINE_SYNC_H

#include <stdint.h>

#include "protocol/proto.h"

struct domain;
struct window;

/* The user resizes win to w x h: ask its agent (if it reads SYNC_REQUEST). */
void sync_request(struct window *win, uint32_t w, uint32_t h);
/* SYNC_DONE: a serial this window was sent and not yet answered (older
 * ones are answered with it); any other is a violation. */
const char *sync_done(struct domain *d, struct window *win, const struct vp_msg *m);

#endif
