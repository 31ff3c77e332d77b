/*
 * Reading the desktop's connection. xcb reads the socket whenever it waits
 * for a reply (any xcb_*_reply call), polls for one (x11_frames_poll) or
 * flushes, and keeps the events and replies it read in its queue, where
 * epoll does not see them: the socket looks idle while an event (a key
 * press) or a round trip's answer (a FRAME_DONE) waits. So every batch
 * ends with the queue empty: whatever came in after the last look is
 * handled then, and another batch follows at once (an eventfd, the kick)
 * for the repaint it may need.
 */
#include "x11.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

bool x11_drain(struct x11 *x, bool read)
{
	bool any = false;
	xcb_generic_event_t *ev;
	for (;;) {
		/* one read when epoll saw data: a second would only say EAGAIN */
		ev = read ? xcb_poll_for_event(x->c) : xcb_poll_for_queued_event(x->c);
		read = false;
		for (; ev; ev = xcb_poll_for_queued_event(x->c)) {
			x11_handle_event(x, ev);
			free(ev);
			any = true;
		}
		/* polling a reply may read the socket: events, and the
		 * answers of windows polled before (look again then) */
		uint64_t seen = xcb_total_read(x->c);
		any |= x11_frames_poll(x);
		if (!(ev = xcb_poll_for_queued_event(x->c))) {
			if (xcb_total_read(x->c) == seen)
				break;
			continue;
		}
		x11_handle_event(x, ev);
		free(ev);
		any = true;
	}
	/* (a lost connection is replaced at the batch's end: repaint) */
	return any;
}

static void on_readable(struct source *src, uint32_t events)
{
	struct x11 *x = list_item(src, struct x11, src);
	(void)events;
	x11_drain(x, true);
}

static void on_kick(struct source *src, uint32_t events)
{
	struct x11 *x = list_item(src, struct x11, kick);
	uint64_t n;
	(void)events;
	if (read(src->fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		vlog("x11: eventfd: %s", strerror(errno));
	x11_drain(x, false);
}

int x11_loop_init(struct x11 *x)
{
	x->src.handle = on_readable;
	x->src.fd = xcb_get_file_descriptor(x->c);
	if (server_watch(x->srv, &x->src, EPOLLIN) < 0) {
		x->src.fd = -1;
		return -1;
	}
	x->kick.handle = on_kick;
	x->kick.fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (x->kick.fd < 0 || server_watch(x->srv, &x->kick, EPOLLIN) < 0) {
		vlog("x11: eventfd: %s", strerror(errno));
		if (x->kick.fd >= 0)
			close(x->kick.fd);
		x->kick.fd = -1;
		return -1;
	}
	return 0;
}

void x11_loop_finish(struct x11 *x)
{
	if (x->src.fd >= 0)
		server_unwatch(x->srv, &x->src); /* xcb_disconnect closes it */
	x->src.fd = -1;
	if (x->kick.fd >= 0) {
		server_unwatch(x->srv, &x->kick);
		close(x->kick.fd);
	}
	x->kick.fd = -1;
}

void x11_loop_end_batch(struct x11 *x)
{
	uint64_t one = 1;
	if (x11_drain(x, false) && x->kick.fd >= 0 && write(x->kick.fd, &one, sizeof(one)) < 0 &&
	    errno != EAGAIN)
		vlog("x11: eventfd: %s", strerror(errno));
}
