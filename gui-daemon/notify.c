/* A domain's notifications after NOTIFY: the core's part (notify.h). */
#include "notify.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "domain.h"
#include "input/input.h"
#include "tray-area.h"
#include "tray.h"

_Static_assert(sizeof(((struct tray_domain *)0)->live) / sizeof(struct dnotify *) == NOTIFY_LIVE,
	       "tray.h's live[] holds NOTIFY_LIVE");

static struct dnotify **find(struct domain *d, const struct dnotify *n, uint32_t id)
{
	for (unsigned i = 0; i < NOTIFY_LIVE; i++) {
		struct dnotify *l = d->tray.live[i];
		if (l && (n ? l == n : l->id == id))
			return &d->tray.live[i];
	}
	return NULL;
}

static void send_event(struct domain *d, uint32_t id, uint32_t event, uint32_t value)
{
	if (!d->hello_done || d->agent_minor < VP_MINOR_NOTIFY)
		return;
	struct vp_msg m = { .type = VP_NOTIFY_EVENT };
	m.u.notify_event = (struct vp_notify_event){ id, event, value };
	domain_send(d, &m);
}

/* Take *s down on the trusted side and forget it. */
static void take_down(struct dnotify **s)
{
	struct dnotify *n = *s;
	struct backend *b = n->dom->srv->backend;
	*s = NULL;
	b->ops->notify_close(b, n);
	if (n->dom->srv->tray_area) /* the daemon drew it (notify_undelivered) */
		tray_area_close(n->dom->srv->tray_area, n);
	n->dom->srv->changes++;
	free(n->icon);
	free(n);
}

void notify_show(const struct dnotify *n)
{
	struct server *srv = n->dom->srv;
	if (srv->tray_area && srv->tray_area->note == n) {
		tray_area_notify(srv->tray_area, n);
	} else {
		tray_menu_covered(srv, n->dom); /* (the tray area's: where it shows one) */
		srv->backend->ops->notify(srv->backend, n);
	}
}

void notify_undelivered(const struct dnotify *n)
{
	struct domain *d = n->dom;
	if (!find(d, n, 0))
		return; /* closed meanwhile */
	if (!d->srv->tray_area) {
		vlog("notification from %s: %s: %s", n->domain, n->title, n->body);
		return;
	}
	tray_area_notify(d->srv->tray_area, n);
	d->srv->changes++;
}

struct dnotify *notify_slot(struct domain *d, uint32_t id)
{
	struct dnotify **s = find(d, NULL, id), **oldest = NULL;
	if (s)
		return *s;
	for (unsigned i = 0; i < NOTIFY_LIVE && !s; i++)
		if (!d->tray.live[i])
			s = &d->tray.live[i];
		else if (!oldest || d->tray.live[i]->serial < (*oldest)->serial)
			oldest = &d->tray.live[i];
	if (!s) {
		uint32_t old = (*oldest)->id;
		take_down(oldest);
		send_event(d, old, VP_NOTIFY_CLOSED, VP_NOTIFY_UNDEFINED);
		s = oldest;
	}
	if (!(*s = calloc(1, sizeof(**s))))
		return NULL;
	(*s)->dom = d;
	(*s)->id = id;
	(*s)->serial = ++d->tray.serial;
	return *s;
}

void notify_set_actions(struct dnotify *n, const struct vp_notify *untrusted, bool utf8)
{
	n->nactions = untrusted->nactions; /* at most VP_MAX_NOTIFY_ACTIONS: decoder */
	n->default_action = untrusted->default_action;
	for (uint32_t i = 0; i < n->nactions; i++)
		vp_sanitize_title(untrusted->actions[i].bytes, untrusted->actions[i].len, utf8,
				  n->labels[i], sizeof(n->labels[i]));
}

void notify_dropped(struct domain *d, uint32_t id)
{
	if (!find(d, NULL, id))
		send_event(d, id, VP_NOTIFY_CLOSED, VP_NOTIFY_UNDEFINED);
}

const char *handle_notify_close(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)win;
	struct dnotify **s = find(d, NULL, m->u.notify_id);
	if (!s) {
		domain_refuse(d, RL_NOTIFY_CLOSE, "notification %u closed: it has none such",
			      m->u.notify_id);
		return NULL;
	}
	take_down(s);
	return NULL;
}

void notify_closed(const struct dnotify *n, uint32_t reason)
{
	struct domain *d = n->dom;
	struct dnotify **s = find(d, n, 0);
	if (!s)
		return;
	send_event(d, n->id, VP_NOTIFY_CLOSED, reason);
	free((*s)->icon);
	free(*s);
	*s = NULL;
}

void notify_user_action(const struct dnotify *n, uint32_t index)
{
	struct domain *d = n->dom;
	/* The core's rules: the user's own action on a notification of this
	 * domain that has it, never while the screen is locked. */
	if (!find(d, n, 0) || index >= n->nactions)
		return;
	if (d->srv->scene.locked) {
		vlog("domain %s: notification %u: the user's action refused: the screen is locked",
		     d->cfg->name, n->id);
		return;
	}
	if (d->srv->cfg.verbose)
		vlog("domain %s: notification %u: the user chose \"%s\"", d->cfg->name, n->id,
		     n->labels[index]);
	send_event(d, n->id, VP_NOTIFY_ACTION, index);
}

void notify_user_click(const struct dnotify *n, int index)
{
	struct dnotify **s = find(n->dom, n, 0);
	if (!s || n->dom->srv->scene.locked)
		return;
	if (n->dom->srv->cfg.verbose)
		vlog("domain %s: notification %u clicked", n->dom->cfg->name, n->id);
	if (index >= 0)
		notify_user_action(n, (uint32_t)index);
	else if (n->default_action)
		notify_user_action(n, n->default_action - 1);
	struct domain *d = n->dom;
	uint32_t id = n->id;
	take_down(s);
	send_event(d, id, VP_NOTIFY_CLOSED, VP_NOTIFY_DISMISSED);
}

void notify_domain_gone(struct domain *d)
{
	for (unsigned i = 0; i < NOTIFY_LIVE; i++)
		if (d->tray.live[i])
			take_down(&d->tray.live[i]);
}
