/*
 * Back-pressure on the domain's applications (issue 15: no work thrown
 * away). A window whose frames are all held by the daemon (dbuf.c: the one
 * shown and the one on its way; without double buffering the one busy
 * buffer) cannot take its new damage: were the application to draw again
 * meanwhile, the frame it drew would be painted over in its window before
 * anyone saw it. So while such a window has damage waiting, the agent grabs
 * the domain's X server: the applications' next requests wait in the server
 * (an application drawing as fast as it can is held to the rate frames are
 * shown, as a compositor's frame callbacks hold a Wayland client), and the
 * agent's own requests go on. The grab ends as soon as a frame is free and
 * the waiting damage copied (the next batch), when the daemon is gone, or
 * after THROTTLE_MS in any case; after that cap no grab is taken again until
 * the daemon's next FRAME_DONE, so a slow daemon never freezes the domain.
 *
 * Damage only shows that the application drew; by the time the agent's grab
 * reaches the X server the application may have drawn once more, and one of
 * the two frames is lost. So once a window was stuck, for HOT_MS the agent
 * grabs as soon as that window has no free frame, before the application
 * draws again (an application drawing faster than frames are shown; one
 * that draws slower is never stuck, and never held).
 */
#include "agent.h"
#include "dbuf.h"

#include <time.h>

#define THROTTLE_MS 50
#define HOT_MS 100

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* w has no frame free for its next damage. */
static bool full(const struct win *w)
{
	if (w->sync_serial || !w->mapped || !w->buf)
		return false;
	const struct dbuf *d = w->buf->dbuf;
	return d ? d->held[0] && d->held[1] : w->buf->busy;
}

static void release(struct agent *a)
{
	if (!a->grabbed)
		return;
	xcb_ungrab_server(a->xc);
	a->grabbed = false;
}

void throttle_update(struct agent *a)
{
	bool want = false;
	int64_t now = now_ms();
	if (a->ready && !a->grab_spent)
		for (struct win *w = a->windows; w; w = w->next) {
			if (!full(w))
				continue;
			if (w->ndmg) /* stuck: it drew, and nothing can take it */
				w->hot_until = now + HOT_MS;
			want = want || now < w->hot_until;
		}
	if (want && !a->grabbed) {
		xcb_grab_server(a->xc);
		a->grabbed = true;
		a->grab_at = now;
	} else if (!want) {
		release(a);
	}
}

int throttle_timeout(struct agent *a)
{
	if (!a->grabbed)
		return -1;
	int64_t left = a->grab_at + THROTTLE_MS - now_ms();
	if (left > 0)
		return (int)left;
	release(a); /* the daemon is slow: the domain runs free until it answers */
	a->grab_spent = true;
	xcb_flush(a->xc);
	return -1;
}

void throttle_frame_done(struct agent *a)
{
	a->grab_spent = false;
}
