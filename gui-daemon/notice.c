/* Trusted notices (notice.h): the core's part, the text and its time. */
#include "notice.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "backend.h"
#include "domain.h"
#include "server.h"

static void arm(struct server *srv, unsigned ms)
{
	struct itimerspec it = { .it_value = { (time_t)(ms / 1000),
					       (long)(ms % 1000) * 1000000L } };
	timerfd_settime(srv->notice.fd, 0, &it, NULL);
}

void server_notice_hide(struct server *srv)
{
	struct notice *n = &srv->notice;
	if (!n->shown)
		return;
	n->shown = false;
	n->text[0] = '\0';
	arm(srv, 0); /* disarmed */
	srv->backend->ops->notice(srv->backend, NULL);
}

static void expired(struct source *src, uint32_t events)
{
	struct server *srv = list_item(src, struct server, notice_src);
	uint64_t ticks;
	(void)events;
	if (read(src->fd, &ticks, sizeof(ticks)) < 0 && errno == EAGAIN)
		return; /* re-armed by a newer notice since the wake-up */
	server_notice_hide(srv);
}

/* Cut text to fit, on a UTF-8 character boundary. */
static void cut(char *text, size_t max)
{
	size_t n = strlen(text);
	if (n < max)
		return;
	n = max - 1;
	while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
		n--;
	text[n] = '\0';
}

static void show(struct server *srv, char *text, bool user)
{
	struct notice *n = &srv->notice;
	if (srv->scene.locked || n->fd < 0 || !srv->backend) {
		vlog("notice: %s (not shown%s)", text,
		     srv->scene.locked ? ": the screen is locked" : "");
		return;
	}
	vlog("notice: %s", text);
	cut(text, sizeof(n->text));
	snprintf(n->text, sizeof(n->text), "%s", text);
	n->shown = true;
	n->user = user;
	arm(srv, NOTICE_MS);
	scene_notice_area(&srv->scene, server_focus(srv));
	srv->backend->ops->notice(srv->backend, n->text);
}

bool notice_repeated(struct notice *n, const char *text, uint64_t now)
{
	struct notice_seen *s = NULL, *oldest = &n->seen[0];
	for (unsigned i = 0; i < NOTICE_SEEN && !s; i++) {
		struct notice_seen *e = &n->seen[i];
		if (e->ms && !strncmp(e->text, text, sizeof(e->text) - 1))
			s = e;
		else if (e->ms < oldest->ms)
			oldest = e;
	}
	bool again = s && now - s->ms < NOTICE_REPEAT_MS;
	if (!s) {
		s = oldest;
		snprintf(s->text, sizeof(s->text), "%s", text);
	}
	s->ms = now ? now : 1;
	return again;
}

void server_notice_domain(struct server *srv, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	/* (while the screen is locked nothing is shown: nothing to repeat) */
	if (!srv->scene.locked && notice_repeated(&srv->notice, text, now_ms())) {
		vlog("notice: %s (again within %u s: not shown again)", text,
		     NOTICE_REPEAT_MS / 1000);
		return;
	}
	if (srv->notice.shown && srv->notice.user) {
		vlog("notice: %s (not shown: the notice of the user's action stays)", text);
		return;
	}
	show(srv, text, false);
}

void server_notice(struct server *srv, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	show(srv, text, true);
}

int notice_init(struct server *srv)
{
	struct notice *n = &srv->notice;
	n->shown = false;
	n->fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (n->fd < 0) {
		vlog("timerfd_create: %s", strerror(errno));
		return -1;
	}
	srv->notice_src.fd = n->fd;
	srv->notice_src.handle = expired;
	if (server_watch(srv, &srv->notice_src, EPOLLIN) < 0) {
		vlog("notice: cannot watch the timer: %s", strerror(errno));
		return -1;
	}
	return 0;
}

void notice_finish(struct server *srv)
{
	struct notice *n = &srv->notice;
	if (n->fd >= 0) {
		server_unwatch(srv, &srv->notice_src);
		close(n->fd);
	}
	n->fd = -1;
	n->shown = false;
}
