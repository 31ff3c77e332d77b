/* The core's setup and teardown, the event loop, logging and repaint. */
#include "monitors.h"
#include "server.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "backend.h"
#include "domain.h"
#include "input/input.h"
#include "switcher.h"
#include "window.h"

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

int server_init(struct server *srv, const struct backend_ops *bops)
{
	const char *layout = srv->cfg.keyboard;
	srv->epfd = -1;
	srv->reserve_fd = -1;
	srv->notice.fd = -1;
	srv->spawner.fd = -1;
	srv->pace.timer.src.fd = -1;
	srv->props.timer.src.fd = -1;
	list_init(&srv->tx_pending);
	scene_init(&srv->scene, srv->cfg.width, srv->cfg.height);
	if ((srv->epfd = epoll_create1(EPOLL_CLOEXEC)) < 0) {
		vlog("epoll_create1: %s", strerror(errno));
		return -1;
	}
	/* Alt+Tab is ours where no desktop window manager shows the windows.
	 * The router comes first: a backend with a keyboard of its own gives
	 * it the desktop's keymap as it starts. */
	srv->input = input_create(layout, !(bops->caps & BACKEND_CAP_WM), &server_input_ops, srv);
	if (!srv->input) {
		vlog("input: cannot compile keymap %s", *layout ? layout : "evdev;pc105;us");
		return -1;
	}
	struct input_seq copy = { 0x5, 'c' }, paste = { 0x5, 'v' }; /* Ctrl+Shift */
	const char *why = NULL;
	if (srv->cfg.copy_seq[0])
		why = input_parse_sequence(srv->cfg.copy_seq, &copy);
	if (!why && srv->cfg.paste_seq[0])
		why = input_parse_sequence(srv->cfg.paste_seq, &paste);
	if (why || (why = input_set_clipboard_keys(srv->input, &copy, &paste))) {
		vlog("the clipboard key sequences: %s", why);
		return -1;
	}
	if (srv->cfg.copy_seq[0] || srv->cfg.paste_seq[0])
		vlog("clipboard hotkeys: copy %s, paste %s",
		     srv->cfg.copy_seq[0] ? srv->cfg.copy_seq : "Ctrl-Shift-c",
		     srv->cfg.paste_seq[0] ? srv->cfg.paste_seq : "Ctrl-Shift-v");
	if (!(srv->backend = bops->create(srv))) /* (it said why: the last line) */
		return -1;
	srv->scene.backend = srv->backend;
	monitors_startup(srv);
	input_set_vt_switch(srv->input, (bops->caps & BACKEND_CAP_VT) != 0);
	if (notice_init(srv) < 0 || pace_init(srv) < 0 || props_init(srv) < 0)
		return -1;
	server_take_reserve_fd(srv);
	return 0;
}

void server_finish(struct server *srv)
{
	/* the last first (domain_destroy takes each out of the list before
	 * it goes: what a domain's end does walks the others) */
	while (srv->ndomains > 0)
		domain_destroy(srv->domains[srv->ndomains - 1]);
	if (srv->spawner.fd >= 0) /* the spawner exits, its domain processes with it */
		close(srv->spawner.fd);
	srv->spawner.fd = -1;
	server_release_reserve_fd(srv);
	input_destroy(srv->input);
	srv->input = NULL;
	clipboard_finish(&srv->clipboard);
	notice_finish(srv);
	pace_finish(srv);
	props_finish(srv);
	if (srv->backend)
		srv->backend->ops->destroy(srv->backend);
	srv->backend = srv->scene.backend = NULL;
	scene_finish(&srv->scene);
	if (srv->epfd >= 0)
		close(srv->epfd);
	srv->epfd = -1;
}

int server_dispatch(struct server *srv, int timeout_ms)
{
	struct epoll_event ev[32];
	int n = epoll_wait(srv->epfd, ev, 32, timeout_ms);
	if (n < 0 && errno != EINTR) {
		vlog("epoll_wait: %s", strerror(errno));
		return -1;
	}
	/* a handler may free a source whose event comes later in this batch
	 * (a remove-domain, and the domain's socket's hang-up behind it: new-
	 * user trial 9 #15, the daemon jumped through a freed handler):
	 * server_unwatch drops those */
	srv->batch = ev;
	srv->batch_n = n;
	for (int i = 0; i < n; i++) {
		struct source *src = ev[i].data.ptr;
		if (src)
			src->handle(src, ev[i].events);
	}
	srv->batch = NULL;
	srv->batch_n = 0;
	server_repaint(srv);
	return 0;
}

int server_watch(struct server *srv, struct source *src, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = src };
	return epoll_ctl(srv->epfd, EPOLL_CTL_ADD, src->fd, &ev);
}

void server_modify(struct server *srv, struct source *src, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = src };
	epoll_ctl(srv->epfd, EPOLL_CTL_MOD, src->fd, &ev);
}

void server_unwatch(struct server *srv, struct source *src)
{
	for (int i = 0; i < srv->batch_n; i++)
		if (srv->batch[i].data.ptr == src)
			srv->batch[i].data.ptr = NULL;
	epoll_ctl(srv->epfd, EPOLL_CTL_DEL, src->fd, NULL);
}

void server_repaint(struct server *srv)
{
	/* Called after every batch, damage or not: backends flush here. */
	switcher_update(srv);
	uint64_t now = pace_now_ns();
	props_flush(srv, now);
	pace_flush(srv, now);
	if (pixman_region32_not_empty(&srv->scene.damage))
		srv->changes++;
	srv->backend->ops->repaint(srv->backend, &srv->scene.damage);
	pixman_region32_clear(&srv->scene.damage);
	/* Compositing backends have read the damage now; a per-window one
	 * answers when its own reads are done (window_frame_done). */
	if (srv->frames_asked && !(srv->backend->ops->caps & BACKEND_CAP_PER_WINDOW))
		window_frames_done(srv);
	domains_flush(srv); /* what this batch queued: one write per domain */
}

void backend_window_changed(struct backend *b, struct window *win, unsigned what)
{
	win->dom->srv->changes++;
	b->ops->window_changed(b, win, what);
}

void backend_window_damaged(struct backend *b, struct window *win, int32_t x, int32_t y, uint32_t w,
			    uint32_t h)
{
	win->dom->srv->changes++;
	b->ops->window_damaged(b, win, x, y, w, h);
}

void backend_window_removed(struct backend *b, struct window *win)
{
	win->dom->srv->changes++;
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
