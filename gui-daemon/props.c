/* A domain's window properties to the output at a bounded rate (props.h). */
#include "props.h"

#include "backend.h"
#include "clickguard.h"
#include "domain.h"
#include "pace.h"
#include "policy.h"
#include "tray.h"
#include "window.h"

#define PROPS_INTERVAL_NS (1000000000ull / PROPS_PER_S)
#define PROPS_SPAN_NS (PROPS_INTERVAL_NS * PROPS_BURST)

/*
 * The domain's rate as a virtual clock (the generic cell rate algorithm):
 * each change moves d->props_tat one interval on from max(tat, now); a
 * change is allowed while tat stays within the burst's span of now. The
 * time the next one is allowed, or 0 if now.
 */
static uint64_t due(const struct domain *d, uint64_t now_ns)
{
	uint64_t tat = d->props_tat > now_ns ? d->props_tat : now_ns;
	return tat + PROPS_INTERVAL_NS <= now_ns + PROPS_SPAN_NS
		       ? 0
		       : tat + PROPS_INTERVAL_NS - PROPS_SPAN_NS;
}

static void take(struct domain *d, uint64_t now_ns)
{
	d->props_tat = (d->props_tat > now_ns ? d->props_tat : now_ns) + PROPS_INTERVAL_NS;
}

int props_init(struct server *srv)
{
	list_init(&srv->props.held);
	list_init(&srv->props.tray_held);
	return waker_init(srv, &srv->props.timer, "props");
}

void props_finish(struct server *srv)
{
	waker_finish(&srv->props.timer);
}

static void forget(struct window *win)
{
	list_remove(&win->props_link);
	win->props_held = 0;
}

void props_window_gone(struct window *win)
{
	if (win->props_held)
		forget(win);
}

void props_changed(struct window *win, unsigned what)
{
	struct server *srv = win->dom->srv;
	uint64_t now = pace_now_ns();
	if (win->props_held) { /* waits already: the newest value goes then */
		win->props_held |= what;
		srv->props.held_total++;
		return;
	}
	if (!due(win->dom, now)) {
		take(win->dom, now);
		backend_window_changed(srv->backend, win, what);
		return;
	}
	win->props_held = what;
	list_insert(srv->props.held.prev, &win->props_link); /* last */
	srv->props.held_total++; /* the repaint after this batch arms the timer */
}

void props_tray_changed(struct tray_icon *t)
{
	struct server *srv = t->dom->srv;
	uint64_t now = pace_now_ns();
	srv->props.held_total += t->held;
	if (t->held) /* waits already: the icon has the newest pixels and title */
		return;
	if (!due(t->dom, now)) {
		take(t->dom, now);
		srv->backend->ops->tray(srv->backend, t, TRAY_SHOW);
		return;
	}
	t->held = true;
	list_insert(srv->props.tray_held.prev, &t->held_link);
	srv->props.held_total++;
}

void props_tray_gone(struct tray_icon *t)
{
	if (!t->held)
		return;
	list_remove(&t->held_link);
	t->held = false;
}

/* The held tray icons whose domain's rate allows now; the time the next is. */
static uint64_t flush_tray(struct server *srv, uint64_t now_ns)
{
	uint64_t next = 0;
	struct list *pos, *tmp;
	list_each(pos, tmp, &srv->props.tray_held)
	{
		struct tray_icon *t = list_item(pos, struct tray_icon, held_link);
		uint64_t when = due(t->dom, now_ns);
		if (when) {
			next = !next || when < next ? when : next;
			continue;
		}
		props_tray_gone(t);
		take(t->dom, now_ns);
		srv->backend->ops->tray(srv->backend, t, TRAY_SHOW);
	}
	return next;
}

void props_flush(struct server *srv, uint64_t now_ns)
{
	struct props *p = &srv->props;
	uint64_t next = flush_tray(srv, now_ns);
	struct list *pos, *tmp;
	list_each(pos, tmp, &p->held)
	{
		struct window *win = list_item(pos, struct window, props_link);
		uint64_t when = due(win->dom, now_ns);
		if (when) { /* its domain's later ones wait behind it */
			if (!next || when < next)
				next = when;
			continue;
		}
		unsigned what = win->props_held;
		forget(win);
		take(win->dom, now_ns);
		if (what & WIN_CHANGED_MAP)
			policy_map_shown(srv, win);
		clickguard_reached_screen(win, what);
		backend_window_changed(srv->backend, win, what);
	}
	waker_arm(&p->timer, next);
}
