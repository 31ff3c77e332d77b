/* The event loop's registration helpers, logging and repaint. */
#include "server.h"

#include <stdarg.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "backend.h"

bool vlog_quiet;

void vlog(const char *fmt, ...)
{
	char buf[1024];
	if (vlog_quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "vitrine-daemon: %s\n", buf);
}

int server_watch(struct server *srv, struct source *src, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = src };
	if (srv->epfd < 0)
		return 0;
	return epoll_ctl(srv->epfd, EPOLL_CTL_ADD, src->fd, &ev);
}

void server_modify(struct server *srv, struct source *src, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = src };
	if (srv->epfd >= 0)
		epoll_ctl(srv->epfd, EPOLL_CTL_MOD, src->fd, &ev);
}

void server_unwatch(struct server *srv, struct source *src)
{
	if (srv->epfd >= 0)
		epoll_ctl(srv->epfd, EPOLL_CTL_DEL, src->fd, NULL);
}

void server_repaint(struct server *srv)
{
	/* Called after every batch, damage or not: backends flush here. */
	srv->backend->ops->repaint(srv->backend, &srv->scene.damage);
	pixman_region32_clear(&srv->scene.damage);
}

void backend_window_changed(struct backend *b, struct window *win, unsigned what)
{
	if (b)
		b->ops->window_changed(b, win, what);
}

void backend_window_damaged(struct backend *b, struct window *win, int32_t x, int32_t y, uint32_t w,
			    uint32_t h)
{
	if (b)
		b->ops->window_damaged(b, win, x, y, w, h);
}

void backend_window_removed(struct backend *b, struct window *win)
{
	if (b)
		b->ops->window_removed(b, win);
}

void server_take_reserve_fd(struct server *srv)
{
	srv->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
}

void server_release_reserve_fd(struct server *srv)
{
	if (srv->reserve_fd >= 0)
		close(srv->reserve_fd);
	srv->reserve_fd = -1;
}
