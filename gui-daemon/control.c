/* The control socket: trusted commands from the user's own tools. */
#include "control.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <unistd.h>

#include "backend.h"
#include "decorations/deco.h"
#include "domain.h"
#include "png.h"
#include "server.h"
#include "window.h"

#define MAX_CLIENTS 16
#define LINE_MAX_ 1024

struct client {
	struct source src;
	struct control *ctl;
	char line[LINE_MAX_];
	size_t len;
	bool waiting; /* a wait-* command is pending */
	char wait[2 * LINE_MAX_ + 2];
	char *out; /* reply bytes the client has not read yet */
	size_t out_len, out_cap;
	bool want_out; /* EPOLLOUT is watched: out holds what the socket did not take */
	bool overflow; /* a reply did not fit in OUT_MAX: dropped once it was handled */
};

#define OUT_MAX (16u << 20) /* a client that reads nothing is dropped */

struct control {
	struct server *srv;
	struct source listener;
	struct source timer; /* armed only while a wait-idle is pending */
	bool ticking;
	char path[108];
	struct client *clients[MAX_CLIENTS];
};

static void client_close(struct client *cl)
{
	struct control *c = cl->ctl;
	for (int i = 0; i < MAX_CLIENTS; i++)
		if (c->clients[i] == cl)
			c->clients[i] = NULL;
	server_unwatch(c->srv, &cl->src);
	close(cl->src.fd);
	free(cl->out);
	free(cl);
	if (c->srv->reserve_fd < 0)
		server_take_reserve_fd(c->srv); /* lent to a client, or never had */
}

/* Send what is queued, once per command or wake-up (reply only queues);
 * the rest waits for EPOLLOUT, watched only while something waits. Never
 * blocks. */
static void flush_out(struct client *cl)
{
	size_t done = 0;
	while (done < cl->out_len) {
		ssize_t w = send(cl->src.fd, cl->out + done, cl->out_len - done,
				 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (done && done < cl->out_len)
		memmove(cl->out, cl->out + done, cl->out_len - done);
	cl->out_len -= done;
	if (cl->want_out == (cl->out_len > 0))
		return; /* a system call only when it changes */
	cl->want_out = cl->out_len > 0;
	server_modify(cl->ctl->srv, &cl->src, EPOLLIN | (cl->want_out ? EPOLLOUT : 0));
}

/* Replies are small; the client is trusted and reading. */
__attribute__((format(printf, 2, 3))) static void reply(struct client *cl, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	if (cl->out_len + (size_t)n > OUT_MAX) {
		cl->overflow = true; /* closed, not left with a reply missing */
		return;
	}
	if (cl->out_len + (size_t)n > cl->out_cap) {
		size_t cap = cl->out_cap ? cl->out_cap : 4096;
		while (cap < cl->out_len + (size_t)n)
			cap *= 2;
		char *o = realloc(cl->out, cap);
		if (!o)
			return;
		cl->out = o;
		cl->out_cap = cap;
	}
	memcpy(cl->out + cl->out_len, buf, (size_t)n);
	cl->out_len += (size_t)n;
}

static void cmd_domains(struct client *cl)
{
	struct server *srv = cl->ctl->srv;
	for (int i = 0; i < srv->ndomains; i++) {
		struct domain *d = srv->domains[i];
		char hex[8];
		reply(cl,
		      "%s label=%s tint=%s connected=%d windows=%u blocked=%d pid=%d colour=%s\n",
		      d->cfg->name, domain_label_hex(d, hex), tint_name(d->cfg->tint),
		      domain_connected(d), d->nwindows, d->blocked, d->child_pid,
		      palette[d->cfg->label].name);
	}
	reply(cl, "ok\n");
}

static void cmd_windows(struct client *cl)
{
	struct server *srv = cl->ctl->srv;
	struct list *pos, *tmp;
	list_each(pos, tmp, &cl->ctl->srv->scene.stack)
	{
		struct window *w = list_item(pos, struct window, stack_link);
		reply(cl,
		      "%s %u x=%d y=%d w=%u h=%u mapped=%d popup=%d pixels=%d damage=%llu "
		      "focus=%d attention=%d border=%d titlebar=%d cursor=%s icon=%ux%u "
		      "title=\"%s\"\n",
		      w->dom->cfg->name, w->id, w->x, w->y, w->w, w->h, w->mapped, w->popup,
		      w->has_pixels, (unsigned long long)w->damage_count, w == server_focus(srv),
		      !!(w->wmflags & (VP_WM_DEMANDS_ATTENTION | VP_WM_URGENT)),
		      scene_frame(&srv->scene, w).border, scene_titlebar(&srv->scene, w),
		      vp_cursor_name(w->cursor), w->icon_w, w->icon_h, w->title);
	}
	reply(cl, "ok\n");
}

static void run(struct client *cl, char *line)
{
	struct server *srv = cl->ctl->srv;
	char *arg = strchr(line, ' ');
	if (arg)
		*arg++ = '\0';
	if (!strcmp(line, "domains")) {
		cmd_domains(cl);
	} else if (!strcmp(line, "windows")) {
		cmd_windows(cl);
	} else if (!strcmp(line, "clipboard")) {
		reply(cl, "source=%s bytes=%zu pending=%s\nok\n",
		      srv->clipboard.source[0] ? srv->clipboard.source : "-", srv->clipboard.len,
		      srv->clipboard.pending ? srv->clipboard.pending->cfg->name : "-");
	} else if (!strcmp(line, "geometry")) {
		char mon[1200];
		monitors_describe(srv, mon, sizeof(mon));
		struct deco_frame f = scene_frame_at(&srv->scene, false, srv->scene.mon_scale[0]);
		reply(cl, "border=%d titlebar=%d width=%u height=%u %s\nok\n", f.border, f.titlebar,
		      srv->scene.width, srv->scene.height, mon);
	} else if (!strcmp(line, "screenshot")) {
		char msg[160];
		if (control_screenshot(srv, arg, msg, sizeof(msg)) == 0)
			reply(cl, "%s\nok\n", msg);
		else
			reply(cl, "error: %s\n", msg);
	} else if (!strncmp(line, "wait-", 5)) {
		snprintf(cl->wait, sizeof(cl->wait), "%s %s", line, arg ? arg : "");
		int r = control_wait_holds(srv, cl->wait);
		if (r == -2)
			reply(cl, "error: no such domain\n");
		else if (r < 0)
			reply(cl, "error: bad wait (wait-pixels DOMAIN N | wait-damage DOMAIN "
				  "ID N | wait-gone DOMAIN | wait-idle DOMAIN MS | wait-change N | "
				  "wait-window DOMAIN TITLE)\n");
		else if (r > 0)
			reply(cl, "ok\n");
		else
			cl->waiting = true;
	} else {
		const char *err;
		int r = control_input_command(srv, line, arg, &err);
		r = r ? r : control_domain_command(srv, line, arg, &err);
		r = r ? r : control_monitors_command(srv, line, arg, &err);
		if (r > 0)
			reply(cl, "ok\n");
		else if (r < 0)
			reply(cl, "error: %s\n", err);
		else
			reply(cl, "error: unknown command %s\n", line);
	}
}

static void handle_client(struct source *src, uint32_t events)
{
	struct client *cl = list_item(src, struct client, src);
	if (events & EPOLLOUT)
		flush_out(cl);
	if (cl->overflow) {
		client_close(cl);
		return;
	}
	if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
		return;
	ssize_t n = recv(src->fd, cl->line + cl->len, sizeof(cl->line) - 1 - cl->len, 0);
	if (n <= 0) {
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		client_close(cl);
		return;
	}
	cl->len += (size_t)n;
	char *nl;
	while (!cl->waiting && (nl = memchr(cl->line, '\n', cl->len))) {
		*nl = '\0';
		run(cl, cl->line);
		size_t used = (size_t)(nl + 1 - cl->line);
		memmove(cl->line, nl + 1, cl->len - used);
		cl->len -= used;
	}
	if (cl->len == sizeof(cl->line) - 1) {
		reply(cl, "error: line too long\n");
		flush_out(cl);
		client_close(cl);
		return;
	}
	flush_out(cl);
	if (cl->overflow)
		client_close(cl);
}

static void handle_listener(struct source *src, uint32_t events)
{
	struct control *c = list_item(src, struct control, listener);
	(void)events;
	int fd = accept4(src->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0 && (errno == EMFILE || errno == ENFILE)) {
		/* Out of descriptors: the user's tool is served all the same,
		 * on the reserve descriptor (taken back when it closes). */
		vlog("control: out of file descriptors; using the reserve one");
		server_release_reserve_fd(c->srv);
		fd = accept4(src->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	}
	if (fd >= 0)
		control_adopt(c, fd);
}

int control_adopt(struct control *c, int fd)
{
	for (int i = 0; i < MAX_CLIENTS; i++) {
		if (c->clients[i])
			continue;
		struct client *cl = calloc(1, sizeof(*cl));
		if (!cl)
			break;
		cl->ctl = c;
		cl->src.fd = fd;
		cl->src.handle = handle_client;
		c->clients[i] = cl;
		if (server_watch(c->srv, &cl->src, EPOLLIN) < 0) {
			client_close(cl);
			return -1;
		}
		return 0;
	}
	close(fd);
	return -1;
}

void control_check_waits(struct control *c)
{
	bool idle_wait = false;
	for (int i = 0; c && i < MAX_CLIENTS; i++) {
		struct client *cl = c->clients[i];
		if (cl && cl->waiting && control_wait_holds(c->srv, cl->wait) > 0) {
			cl->waiting = false;
			reply(cl, "ok\n");
			flush_out(cl);
			if (cl->overflow) {
				client_close(cl);
				continue;
			}
		}
		if (cl && cl->waiting && !strncmp(cl->wait, "wait-idle", 9))
			idle_wait = true;
	}
	if (!c)
		return;
	/* Quiet periods can only be seen with a clock: tick every 50 ms, but
	 * only while someone waits for one. */
	if (idle_wait == c->ticking)
		return; /* a syscall only when it changes */
	c->ticking = idle_wait;
	struct itimerspec its = { { 0, 0 }, { 0, 0 } };
	if (idle_wait)
		its.it_value.tv_nsec = its.it_interval.tv_nsec = 50 * 1000000;
	timerfd_settime(c->timer.fd, 0, &its, NULL);
}

static void handle_timer(struct source *src, uint32_t events)
{
	uint64_t ticks;
	(void)events;
	if (read(src->fd, &ticks, sizeof(ticks)) < 0)
		return; /* the loop checks the waits after every batch */
}

struct control *control_create(struct server *srv, const char *path)
{
	struct control *c = calloc(1, sizeof(*c));
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (!c || strlen(path) >= sizeof(sa.sun_path)) {
		if (c)
			vlog("control socket path too long: %s", path);
		free(c);
		return NULL;
	}
	c->srv = srv;
	strcpy(c->path, path);
	strcpy(sa.sun_path, path);
	c->listener.handle = handle_listener;
	c->timer.handle = handle_timer;
	c->timer.fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (c->timer.fd < 0 || server_watch(srv, &c->timer, EPOLLIN) < 0) {
		free(c);
		return NULL;
	}
	c->listener.fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	unlink(path);
	mode_t old = umask(0077); /* owner-only */
	int rc = c->listener.fd < 0 ? -1 : bind(c->listener.fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(old);
	if (rc < 0 || listen(c->listener.fd, 8) < 0 ||
	    server_watch(srv, &c->listener, EPOLLIN) < 0) {
		vlog("cannot listen on %s: %s", path, strerror(errno));
		if (c->listener.fd >= 0)
			close(c->listener.fd);
		free(c);
		return NULL;
	}
	return c;
}

void control_destroy(struct control *c)
{
	if (!c)
		return;
	for (int i = 0; i < MAX_CLIENTS; i++)
		if (c->clients[i])
			client_close(c->clients[i]);
	server_unwatch(c->srv, &c->listener);
	close(c->listener.fd);
	server_unwatch(c->srv, &c->timer);
	close(c->timer.fd);
	unlink(c->path);
	free(c);
}
