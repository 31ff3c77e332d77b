/*
 * A domain's notifications on the desktop (backend_ops.notify): passed to
 * the desktop's notification service (org.freedesktop.Notifications.Notify
 * on the user's session bus, sd-bus), the summary prefixed "[domain]" by the
 * daemon (tray.h: no guest text starts with '['), the app name
 * "vitrine: domain", the category "x-vitrine.domain" and the hint
 * "x-vitrine-domain" naming it. The call is asynchronous: the bus's socket
 * is in the daemon's event loop and nothing waits for the answer. The bus
 * is opened at start (before the sandbox); without one, notifications are
 * logged.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <systemd/sd-bus.h>

#include "gui-daemon/tray.h"
#include "x11.h"

struct x11_bus {
	struct x11 *x;
	sd_bus *bus;
	struct source src;
	uint32_t events;
	bool failed_logged;
};

static void update(struct x11_bus *nb)
{
	int ev = sd_bus_get_events(nb->bus);
	uint32_t want = (ev & POLLIN ? EPOLLIN : 0) | (ev & POLLOUT ? EPOLLOUT : 0);
	if (want != nb->events) {
		server_modify(nb->x->srv, &nb->src, want | EPOLLIN);
		nb->events = want;
	}
}

static void readable(struct source *src, uint32_t events)
{
	(void)events;
	struct x11_bus *nb = (struct x11_bus *)((char *)src - offsetof(struct x11_bus, src));
	int r;
	while ((r = sd_bus_process(nb->bus, NULL)) > 0)
		;
	if (r < 0) {
		vlog("x11: the session bus failed (%s): notifications are logged", strerror(-r));
		server_unwatch(nb->x->srv, &nb->src);
		nb->bus = sd_bus_flush_close_unref(nb->bus);
		return;
	}
	update(nb);
}

void x11_notify_init(struct x11 *x)
{
	struct x11_bus *nb = calloc(1, sizeof(*nb));
	if (!nb)
		return;
	nb->x = x;
	int r = sd_bus_open_user(&nb->bus);
	if (r < 0) {
		vlog("x11: no session bus (%s): domains' notifications are logged", strerror(-r));
		free(nb);
		return;
	}
	nb->src.fd = sd_bus_get_fd(nb->bus);
	nb->src.handle = readable;
	nb->events = EPOLLIN | EPOLLOUT;
	if (nb->src.fd < 0 || server_watch(x->srv, &nb->src, nb->events) < 0) {
		sd_bus_unref(nb->bus);
		free(nb);
		return;
	}
	x->bus = nb;
}

void x11_notify_finish(struct x11 *x)
{
	struct x11_bus *nb = x->bus;
	if (!nb)
		return;
	if (nb->bus) {
		server_unwatch(x->srv, &nb->src);
		sd_bus_flush_close_unref(nb->bus);
	}
	free(nb);
	x->bus = NULL;
}

static int answered(sd_bus_message *m, void *data, sd_bus_error *e)
{
	(void)e;
	struct x11_bus *nb = data;
	const sd_bus_error *err = sd_bus_message_get_error(m);
	if (err && !nb->failed_logged) {
		nb->failed_logged = true;
		vlog("x11: the notification service refused a notification: %s (not logged again)",
		     err->message ? err->message : err->name);
	}
	return 0;
}

/* The domain's text with & < > as entities: notification services read the
 * body (and dunst the summary too) as markup, where a domain's <a href> or
 * <img src> would be followed or loaded on the host, and <b>[work]</b>
 * would pass the rule that no domain text starts with "[". */
static char *escaped(const char *s)
{
	size_t n = 1;
	for (const char *p = s; *p; p++)
		n += *p == '&' ? 5 : *p == '<' || *p == '>' ? 4 : 1;
	char *out = malloc(n), *o = out;
	for (; out && *s; s++) {
		const char *e = *s == '&'   ? "&amp;"
				: *s == '<' ? "&lt;"
				: *s == '>' ? "&gt;"
					    : NULL;
		if (e)
			o = stpcpy(o, e);
		else
			*o++ = *s;
	}
	if (out)
		*o = 0;
	return out;
}

static int call(struct x11_bus *nb, const struct dnotify *n)
{
	sd_bus_message *m = NULL;
	char app[96], *title = escaped(n->title), *body = escaped(n->body);
	if (!title || !body) {
		free(title);
		free(body);
		return -ENOMEM;
	}
	snprintf(app, sizeof(app), "vitrine: %s", n->domain);
	int r = sd_bus_message_new_method_call(nb->bus, &m, "org.freedesktop.Notifications",
					       "/org/freedesktop/Notifications",
					       "org.freedesktop.Notifications", "Notify");
	if (r >= 0)
		r = sd_bus_message_append(m, "susss", app, 0u, "", title, body);
	if (r >= 0)
		r = sd_bus_message_append(m, "as", 0);
	if (r >= 0)
		r = sd_bus_message_append(m, "a{sv}", 2, "category", "s", "x-vitrine.domain",
					  "x-vitrine-domain", "s", n->domain);
	if (r >= 0)
		r = sd_bus_message_append(m, "i", -1);
	if (r >= 0)
		r = sd_bus_call_async(nb->bus, NULL, m, answered, nb, 0);
	sd_bus_message_unref(m);
	free(title);
	free(body);
	return r;
}

void x11_notify(struct backend *b, const struct dnotify *n)
{
	struct x11 *x = (struct x11 *)b;
	struct x11_bus *nb = x->bus;
	if (!nb || !nb->bus) {
		notify_logged(b, n);
		return;
	}
	int r = call(nb, n);
	if (r < 0) {
		vlog("x11: notification from %s not sent: %s", n->domain, strerror(-r));
		return;
	}
	update(nb);
}
