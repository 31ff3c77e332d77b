/*
 * The buffer hand-off on the desktop (window.h: window_frame): the desktop X
 * server reads the guest's memfd when it runs our ShmPutImages, later than
 * we send them. A GetInputFocus sent after them is answered after they ran
 * (one connection's requests run in order), so its reply is the moment the
 * guest may write there again. Asked at the end of a batch, for every window
 * whose FRAME came in it; its reply is polled, never waited for. One round
 * trip at a time per window: a FRAME meanwhile waits for the next batch.
 */
#include "x11.h"

#include <stdlib.h>
#include <xcb/xcbext.h>

#include "gui-daemon/domain.h"

static void ask(struct x11 *x, struct xwin *xw)
{
	xw->frame_req = xcb_get_input_focus(x->c).sequence;
	xw->put_unsure = false; /* frame_pending covers them now */
	xw->frame_pending = true;
	x->frames_pending++;
}

static void ask_frames(struct x11 *x)
{
	struct server *srv = x->srv;
	if (!srv->frames_asked)
		return;
	srv->frames_asked = false;
	for (int i = 0; i < srv->ndomains; i++) {
		struct list *pos, *tmp;
		list_each(pos, tmp, &srv->domains[i]->windows)
		{
			struct window *win = list_item(pos, struct window, dom_link);
			struct xwin *xw = win->backend_data;
			if (!win->frame_asked)
				continue;
			if (win->pace_waiting) { /* its damage not painted yet (pace.c) */
				srv->frames_asked = true;
				continue;
			}
			if (!xw) { /* nothing of ours reads its buffer */
				window_frame_done(win, win->frame_seq);
				continue;
			}
			if (xw->frame_pending) {
				srv->frames_asked = true; /* after this round trip */
				continue;
			}
			ask(x, xw);
			xw->frame_seq = win->frame_seq;
			xw->frame_sync = false;
			win->frame_asked = false;
		}
	}
}

void x11_frames_ask(struct x11 *x)
{
	ask_frames(x);
}

bool x11_frames_poll(struct x11 *x)
{
	bool any = false;
	if (!x->frames_pending)
		return false;
	struct list *pos, *tmp;
	list_each(pos, tmp, &x->windows)
	{
		struct xwin *xw = list_item(pos, struct xwin, link);
		void *reply = NULL;
		xcb_generic_error_t *err = NULL;
		if (!xw->frame_pending || !xcb_poll_for_reply(x->c, xw->frame_req, &reply, &err))
			continue;
		free(reply);
		free(err);
		xw->frame_pending = false;
		x->frames_pending--;
		any = true;
		if (xw->frame_sync) { /* no FRAME: a frame asked meanwhile goes next */
			xw->frame_sync = false;
			if (xw->win->frame_asked)
				x->srv->frames_asked = true;
			continue;
		}
		/* a newer FRAME that came meanwhile (a new buffer's, after a
		 * resize) still waits for a round trip of its own */
		bool newer = xw->win->frame_asked;
		window_frame_done(xw->win, xw->frame_seq);
		if (newer) {
			xw->win->frame_asked = true;
			x->srv->frames_asked = true;
		}
	}
	return any;
}

void x11_frame_forget(struct xwin *xw)
{
	if (!xw->frame_pending)
		return;
	xcb_discard_reply(xw->x->c, xw->frame_req);
	xw->frame_pending = false;
	xw->put_unsure = true;
	xw->x->frames_pending--;
	if (xw->frame_sync) { /* it answered no FRAME */
		xw->frame_sync = false;
		return;
	}
	/* the window may live on (a popup becoming managed: a new xwin) */
	xw->win->frame_asked = true;
	xw->win->dom->srv->frames_asked = true;
}

/* The desktop X server may still read win's buffer: a put of it not yet
 * followed by a round trip, or that round trip not answered. A window shown
 * through our own segment (xw->copy: tinted, Xen) says yes: its next paint
 * writes that segment, which only the chain of round trips (the frame
 * before freed after the puts of this one) keeps from a put still running.
 * (The tears x11-torn saw on 2026-12-01 came from a table without this
 * function, not from this rule: 7df33e7.) */
bool x11_reads_buffer(struct backend *b, struct window *win)
{
	(void)b;
	const struct xwin *xw = win->backend_data;
	return xw && (xw->copy || xw->frame_pending || xw->put_unsure);
}
