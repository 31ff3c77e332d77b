/* A timerfd for what the core holds back (waker.h). */
#include "waker.h"

#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "list.h"
#include "server.h"

static void fired(struct source *src, uint32_t events)
{
	struct waker *w = list_item(src, struct waker, src);
	uint64_t expirations;
	(void)events;
	if (read(src->fd, &expirations, sizeof(expirations)) < 0 && errno != EAGAIN)
		vlog("%s: timerfd: %s", w->name, strerror(errno));
	w->armed = false; /* the repaint after this batch does what is due */
}

int waker_init(struct server *srv, struct waker *w, const char *name)
{
	w->name = name;
	w->armed = false;
	w->src.handle = fired;
	w->src.fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (w->src.fd < 0 || server_watch(srv, &w->src, EPOLLIN) < 0) {
		vlog("%s: timerfd: %s", name, strerror(errno));
		return -1;
	}
	return 0;
}

void waker_finish(struct waker *w)
{
	if (w->src.fd >= 0)
		close(w->src.fd); /* before the epoll descriptor: it leaves that with it */
	w->src.fd = -1;
}

void waker_arm(struct waker *w, uint64_t due_ns)
{
	struct itimerspec its = { 0 };
	if (due_ns) {
		its.it_value.tv_sec = (time_t)(due_ns / 1000000000u);
		its.it_value.tv_nsec = (long)(due_ns % 1000000000u);
	} else if (!w->armed) {
		return; /* nothing due, nothing armed: no system call */
	}
	timerfd_settime(w->src.fd, TFD_TIMER_ABSTIME, &its, NULL);
	w->armed = due_ns != 0;
}
