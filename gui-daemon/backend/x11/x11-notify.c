/*
 * A domain's notifications on the desktop (backend_ops.notify): passed to
 * the desktop's notification service (org.freedesktop.Notifications.Notify
 * on the user's session bus, sd-bus), the summary prefixed "[domain]" by the
 * daemon (tray.h: no guest text starts with '['), the app name
 * "vitrine: domain", the category "x-vitrine.domain" and the hint
 * "x-vitrine-domain" naming it, its icon (NOTIFY_ICON, marked by the core)
 * as the hint "image-data". The call is asynchronous: the bus's socket
 * is in the daemon's event loop and nothing waits for the answer. The bus
 * is opened at start (before the sandbox). Without one, or when the call
 * fails (no service owns the name: no dunst), the notification goes back
 * to the core (notify_undelivered), which has the daemon draw it
 * (x11-notice.c).
 *
 * Each one shown is remembered (struct xnote) with the service's number for
 * it, from the answer: a domain's replacement replaces it, the domain's
 * close closes it (CloseNotification), and the service's signals, from the
 * owner that answered, come back to the core: NotificationClosed as
 * notify_closed, ActionInvoked (the user chose an action on the desktop) as
 * notify_user_action. Actions are passed with keys of the daemon's own:
 * "default" for the domain's default action, else the action's index.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <systemd/sd-bus.h>

#include "gui-daemon/notify.h"
#include "gui-daemon/tray.h"
#include "x11.h"

struct xnote {
	struct x11_bus *nb;
	const struct dnotify *n; /* NULL: closed before the answer came */
	uint32_t desk_id;	 /* the service's number, 0 until the answer */
	char sender[64];	 /* the service's unique name, from the answer */
	/* the Notify call on its way (its answer's data is this note): a note
	 * freed before the answer cancels it (hostile-domain trial 11 #8: a
	 * replacement NOTIFY and a NOTIFY_CLOSE in one write freed the note
	 * the replacement's answer then wrote to: the daemon died) */
	sd_bus_slot *call;
	struct xnote *next;
};

struct x11_bus {
	struct x11 *x;
	sd_bus *bus;
	struct source src;
	uint32_t events;
	bool failed_logged;
	struct xnote *notes;
};

static void close_desk(struct x11_bus *nb, uint32_t desk_id)
{
	sd_bus_call_method_async(nb->bus, NULL, "org.freedesktop.Notifications",
				 "/org/freedesktop/Notifications", "org.freedesktop.Notifications",
				 "CloseNotification", NULL, NULL, "u", desk_id);
}

static void unlink_note(struct x11_bus *nb, struct xnote *xn)
{
	for (struct xnote **p = &nb->notes; *p; p = &(*p)->next)
		if (*p == xn) {
			*p = xn->next;
			sd_bus_slot_unref(xn->call);
			free(xn);
			return;
		}
}

static struct xnote *of(struct x11_bus *nb, const struct dnotify *n)
{
	for (struct xnote *xn = nb->notes; xn; xn = xn->next)
		if (xn->n == n)
			return xn;
	return NULL;
}

/* The service's signal about one of ours: to the core. */
static int on_signal(sd_bus_message *m, void *data, sd_bus_error *e)
{
	(void)e;
	struct x11_bus *nb = data;
	uint32_t id, reason = 0;
	const char *key = NULL, *sender = sd_bus_message_get_sender(m);
	bool closed = sd_bus_message_is_signal(m, NULL, "NotificationClosed");
	if (closed ? sd_bus_message_read(m, "uu", &id, &reason) < 0
		   : !sd_bus_message_is_signal(m, NULL, "ActionInvoked") ||
			     sd_bus_message_read(m, "us", &id, &key) < 0)
		return 0;
	struct xnote *xn = nb->notes;
	while (xn && (xn->desk_id != id || !sender || strcmp(sender, xn->sender)))
		xn = xn->next;
	if (!xn || !xn->n)
		return 0;
	const struct dnotify *n = xn->n;
	if (closed) {
		unlink_note(nb, xn);
		notify_closed(n, reason >= VP_NOTIFY_EXPIRED && reason <= VP_NOTIFY_UNDEFINED
					 ? reason
					 : VP_NOTIFY_UNDEFINED);
	} else if (!strcmp(key, "default")) {
		if (n->default_action)
			notify_user_action(n, n->default_action - 1);
	} else if (key[0] >= '0' && key[0] <= '9' && !key[1]) {
		notify_user_action(n, (uint32_t)(key[0] - '0'));
	}
	return 0;
}

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
		vlog("x11: the session bus failed (%s): notifications are drawn by the daemon",
		     strerror(-r));
		server_unwatch(nb->x->srv, &nb->src);
		nb->bus = sd_bus_flush_close_unref(nb->bus);
		return;
	}
	update(nb);
}

void x11_notify_init(struct x11 *x)
{
	x11_notice_init(x); /* where the daemon draws what the desktop cannot show */
	struct x11_bus *nb = calloc(1, sizeof(*nb));
	if (!nb)
		return;
	nb->x = x;
	int r = sd_bus_open_user(&nb->bus);
	if (r < 0) {
		vlog("x11: no session bus (%s): domains' notifications are drawn by the daemon",
		     strerror(-r));
		free(nb);
		return;
	}
	nb->src.fd = sd_bus_get_fd(nb->bus);
	nb->src.handle = readable;
	nb->events = EPOLLIN | EPOLLOUT;
	const char *path = "/org/freedesktop/Notifications", *in = "org.freedesktop.Notifications";
	if (nb->src.fd < 0 || server_watch(x->srv, &nb->src, nb->events) < 0 ||
	    sd_bus_match_signal_async(nb->bus, NULL, NULL, path, in, "NotificationClosed",
				      on_signal, NULL, nb) < 0 ||
	    sd_bus_match_signal_async(nb->bus, NULL, NULL, path, in, "ActionInvoked", on_signal,
				      NULL, nb) < 0) {
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
	while (nb->notes)
		unlink_note(nb, nb->notes);
	free(nb);
	x->bus = NULL;
}

static int answered(sd_bus_message *m, void *data, sd_bus_error *e)
{
	(void)e;
	struct xnote *xn = data;
	struct x11_bus *nb = xn->nb;
	xn->call = sd_bus_slot_unref(xn->call); /* answered (sd-bus holds it till we return) */
	const sd_bus_error *err = sd_bus_message_get_error(m);
	const char *sender = sd_bus_message_get_sender(m);
	if (err && !nb->failed_logged) {
		nb->failed_logged = true;
		vlog("x11: no notification service took a notification: %s (drawn by the daemon; "
		     "not logged again)",
		     err->message ? err->message : err->name);
	}
	if (err || sd_bus_message_read(m, "u", &xn->desk_id) < 0 || !xn->desk_id) {
		const struct dnotify *n = xn->n;
		if (err && xn->desk_id) /* a replacement refused: the old one too */
			close_desk(nb, xn->desk_id);
		unlink_note(nb, xn);
		if (n) /* the user must still see it: the core has it drawn */
			notify_undelivered(n);
		return 0;
	}
	snprintf(xn->sender, sizeof(xn->sender), "%s", sender ? sender : "");
	if (!xn->n) { /* the domain closed it already */
		close_desk(nb, xn->desk_id);
		unlink_note(nb, xn);
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

/* The hint image-data (iiibiiay: width, height, rowstride, has alpha, bits
 * per sample, channels, RGBA bytes) from n's icon, marked by the core. */
static int append_icon(sd_bus_message *m, const struct dnotify *n)
{
	uint32_t count = n->icon_w * n->icon_h; /* at most 64 x 64 */
	uint8_t *rgba = malloc(4ull * count);
	if (!rgba)
		return -ENOMEM;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t c = n->icon[i];
		rgba[4 * i] = (uint8_t)(c >> 16);
		rgba[4 * i + 1] = (uint8_t)(c >> 8);
		rgba[4 * i + 2] = (uint8_t)c;
		rgba[4 * i + 3] = (uint8_t)(c >> 24);
	}
	int r = sd_bus_message_open_container(m, 'e', "sv");
	if (r >= 0)
		r = sd_bus_message_append(m, "s", "image-data");
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'v', "(iiibiiay)");
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'r', "iiibiiay");
	if (r >= 0)
		r = sd_bus_message_append(m, "iiibii", (int32_t)n->icon_w, (int32_t)n->icon_h,
					  (int32_t)(4 * n->icon_w), 1, 8, 4);
	if (r >= 0)
		r = sd_bus_message_append_array(m, 'y', rgba, 4ull * count);
	for (int i = 0; i < 3 && r >= 0; i++)
		r = sd_bus_message_close_container(m);
	free(rgba);
	return r;
}

static int call(struct x11_bus *nb, const struct dnotify *n)
{
	sd_bus_message *m = NULL;
	struct xnote *xn = of(nb, n), *old = xn;
	uint32_t replaces = xn ? xn->desk_id : 0;
	if (xn && !replaces) /* shown, the number not known yet: closed when it comes */
		xn->n = NULL;
	if (!replaces && !(xn = calloc(1, sizeof(*xn))))
		return -ENOMEM;
	if (xn != old) {
		xn->nb = nb;
		xn->n = n;
		xn->next = nb->notes;
		nb->notes = xn;
	}
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
		r = sd_bus_message_append(m, "susss", app, replaces, "", title, body);
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'a', "s");
	for (uint32_t i = 0; r >= 0 && i < n->nactions; i++) {
		char key[12];
		snprintf(key, sizeof(key), "%u", i);
		r = sd_bus_message_append(m, "ss", i + 1 == n->default_action ? "default" : key,
					  n->labels[i]);
	}
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'a', "{sv}");
	if (r >= 0)
		r = sd_bus_message_append(m, "{sv}{sv}", "category", "s", "x-vitrine.domain",
					  "x-vitrine-domain", "s", n->domain);
	if (r >= 0 && n->icon)
		r = append_icon(m, n);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	if (r >= 0)
		r = sd_bus_message_append(m, "i", -1);
	sd_bus_slot *slot = NULL;
	if (r >= 0)
		r = sd_bus_call_async(nb->bus, &slot, m, answered, xn, 0);
	if (r >= 0) { /* (a replacement's: the older call's answer is not waited for) */
		sd_bus_slot_unref(xn->call);
		xn->call = slot;
	}
	if (r < 0 && xn != old)
		unlink_note(nb, xn);
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
		notify_undelivered(n);
		return;
	}
	int r = call(nb, n);
	if (r < 0) {
		vlog("x11: notification from %s not sent: %s", n->domain, strerror(-r));
		struct xnote *xn = of(nb, n); /* the one it replaces: not the service's now */
		if (xn) {
			close_desk(nb, xn->desk_id);
			unlink_note(nb, xn);
		}
		notify_undelivered(n);
		return;
	}
	update(nb);
}

void x11_notify_close(struct backend *b, const struct dnotify *n)
{
	struct x11 *x = (struct x11 *)b;
	struct x11_bus *nb = x->bus;
	struct xnote *xn = nb ? of(nb, n) : NULL;
	if (!xn)
		return;
	xn->n = NULL;
	if (!xn->desk_id || !nb->bus) /* closed when the answer comes */
		return;
	close_desk(nb, xn->desk_id);
	unlink_note(nb, xn);
	update(nb);
}
