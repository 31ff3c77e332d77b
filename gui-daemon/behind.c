/* The notice "D opened a window behind E's" (see behind.h). */
#include "behind.h"

#include <string.h>

#include "backend.h"
#include "domain.h"
#include "focus.h"
#include "policy.h"
#include "scene.h"
#include "server.h"

static bool overlap(const struct scene *s, const struct window *p, const struct window *q)
{
	pixman_box32_t a, b;
	scene_frame_box(s, p, &a);
	scene_frame_box(s, q, &b);
	return !(a.x2 <= b.x1 || b.x2 <= a.x1 || a.y2 <= b.y1 || b.y2 <= a.y1);
}

/* Another domain's window over some of win: the focused one, else the
 * topmost; on a desktop with a window manager any, its own domain's too
 * (openbox puts a window restacked below the focused one at the bottom of
 * its layer: new-user trial 8 found one behind a window that did not have
 * the keys, with no notice; trial 18, a zenity dialog wholly under its own
 * domain's gtk3-demo); NULL if none (beside them: seen, new-user trial 4). */
static const struct window *covering(struct server *srv, const struct window *win,
				     const struct window *f)
{
	/* (a minimized window is not on the screen: new-user trial 10 #11,
	 * "behind untrusted's" for one minimized with the keys) */
	if (!policy_minimized(f) && overlap(&srv->scene, win, f))
		return f;
	bool wm = srv->backend->ops->caps & BACKEND_CAP_WM, above = false;
	const struct window *c = NULL;
	struct list *pos, *tmp;
	list_each(pos, tmp, &srv->scene.stack)
	{
		const struct window *w = list_item(pos, struct window, stack_link);
		above |= w == win;
		/* (its own window it is a dialog of: window managers keep
		 * a dialog above it; review of 2026-12-04) */
		if (w->dom == win->dom && w->id == win->transient_for)
			continue;
		if ((wm || above) && w != win && w->shown && (wm || w->dom != win->dom) &&
		    !policy_minimized(w) && overlap(&srv->scene, win, w))
			c = w;
	}
	return c;
}

void behind_tell(struct server *srv, struct window *win)
{
	struct window *f = server_focus(srv);
	struct domain *d = win->dom;
	if (!win->no_focus || win->popup || !win->shown || win->told_behind)
		return;
	const struct window *c = f && win->below_focus ? covering(srv, win, f) : NULL;
	/* or in answer to the user's click on one of d's windows, which did
	 * not leave d the keys (new-user trial 9 #1: a wizard's Done, and the
	 * window manager's fallback took the keys to another domain's) */
	bool answer = d->pointer_ms && win->mapped_ms >= d->pointer_ms &&
		      win->mapped_ms - d->pointer_ms <= FOCUS_CHOICE_MS;
	if (c && c->dom == d && answer) /* (where the keys went says more) */
		c = NULL;
	if (!c && !answer)
		return;
	win->told_behind = true;
	uint64_t *t = d->behind_notice_ms; /* the oldest first */
	_Static_assert(sizeof(d->behind_notice_ms) / sizeof(*t) == POLICY_BEHIND_NOTICES, "");
	if (t[0] && win->mapped_ms - t[0] < POLICY_BEHIND_NOTICE_MS)
		return;
	memmove(t, t + 1, (POLICY_BEHIND_NOTICES - 1) * sizeof(*t));
	t[POLICY_BEHIND_NOTICES - 1] = win->mapped_ms;
	/* which of the minute's: the same text again within 10 s would not
	 * be shown (server_notice_domain's repeat rule) */
	unsigned k = 0;
	for (unsigned i = 0; i < POLICY_BEHIND_NOTICES; i++)
		k += t[i] && win->mapped_ms - t[i] < POLICY_BEHIND_NOTICE_MS;
	static const char *const nth[] = { "a", "a", "a second", "a third" };
	if (c && !srv->backend->own_stacking)
		server_notice_domain(
			srv, "%s opened %s window behind %s%s; click it or Alt+Tab to it",
			d->cfg->name, nth[k < 4 ? k : 3],
			c->dom == d ? "its own" : c->dom->cfg->name, c->dom == d ? "" : "'s");
	else /* (sway may float it over: new-user trial 9 #12) */
		server_notice_domain(
			srv, "%s opened %s window; keys go to %s; click it to type there",
			d->cfg->name, nth[k < 4 ? k : 3], f ? f->dom->cfg->name : "no window");
}
