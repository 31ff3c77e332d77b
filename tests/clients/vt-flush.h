/*
 * What the test clients' event loops (vt-input.c, vt-pattern.c) do before
 * they wait in poll().
 */
#ifndef VITRINE_VT_FLUSH_H
#define VITRINE_VT_FLUSH_H

#include <stdlib.h>
#include <xcb/xcb.h>

/* What the events drew goes out (an Expose's drawing waited for the next
 * event otherwise: a tray icon docked, or a window exposed again, stayed
 * black); a flush with something to write reads what came meanwhile too
 * (libxcb), into xcb's queue, where poll() would not see it (an Expose left
 * there kept a resized window undrawn: input-wm). drain handles every event
 * there is, handle one; until none is left. */
static inline void vt_flush(xcb_connection_t *c, void (*drain)(void),
			    void (*handle)(xcb_generic_event_t *))
{
	for (;;) {
		drain();
		xcb_flush(c);
		xcb_generic_event_t *ev = xcb_poll_for_queued_event(c);
		if (!ev)
			return;
		handle(ev);
		free(ev);
	}
}

#endif
