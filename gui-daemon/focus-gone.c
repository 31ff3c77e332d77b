/* The focus rule when windows and domains go (focus.h): where the keys go
 * after the window that had them closed, was minimized, or its domain left. */
#include <stdio.h>

#include "backend.h"
#include "domain.h"
#include "focus-int.h"
#include "focus.h"
#include "input/input.h"
#include "scene.h"
#include "server.h"

/* win had the keys when it went, or the keys left it for no window of
 * ours a moment ago (openbox passes through none, moved()) */
static bool had_them(struct server *srv, const struct window *win)
{
	struct window *f = server_focus(srv);
	return win == f || (!f && win == rule(srv)->none_from);
}

static void window_went(struct server *srv, struct window *win, bool min)
{
	struct focus_rule *r = rule(srv);
	if (had_them(srv, win)) {
		r->gone_ms = now_ms();
		r->gone_minimized = min;
		snprintf(r->gone_name, sizeof(r->gone_name), "%s", win->dom->cfg->name);
	}
	if (r->none_from == win)
		r->none_from = NULL;
	prev_drop(r, win, NULL); /* (the one before it is first again) */
	if (win != server_focus(srv) || !win->dom->hello_done)
		return;
	/* the window manager focused another before it hid win (new-user trial
	 * 14 #1, a pager): keys follow it to win's domain or back, else to none */
	if (srv->backend->ops->caps & BACKEND_CAP_WM) {
		struct window *d = r->desk;
		if (min && d != win) {
			bool follow = d && showing(d) && (d->dom == win->dom || d == r->prev[0]);
			left(r, win, now_ms());
			give(srv, follow ? d : NULL);
			if (!follow) /* (gone_minimized set above) */
				refuse(srv, win, now_ms(), win->dom->cfg->name);
		}
		return;
	}
	struct list *pos, *tmp;
	list_each_reverse(pos, tmp, &srv->scene.stack)
	{
		struct window *w = list_item(pos, struct window, stack_link);
		if (w != win && w->dom == win->dom && showing(w) && !w->as_popup) {
			input_focus(srv->input, window_target(w));
			return;
		}
	}
}

void focus_window_leaving(struct server *srv, struct window *win)
{
	window_went(srv, win, false);
}

void focus_window_minimized(struct server *srv, struct window *win)
{
	if (srv->backend->ops->caps & BACKEND_CAP_WM) /* (else it stays drawn) */
		window_went(srv, win, true);
}

void focus_domain_gone(struct server *srv, const struct domain *d)
{
	struct focus_rule *r = rule(srv);
	if (r->had_keys == d)
		r->had_keys = NULL;
	prev_drop(r, NULL, d);
	if (r->none_from && r->none_from->dom == d)
		r->none_from = NULL;
	if (r->acted_dom == d) { /* what it chose went with it */
		r->acted_dom = NULL;
		r->acted_ms = 0;
	}
	if (r->click_dom == d)
		r->click_dom = NULL;
}

void focus_window_gone(struct server *srv, struct window *win)
{
	struct focus_rule *r = rule(srv);
	/* (only the window with the keys: one they left for none of ours
	 * would let its domain renew had_keys at will) */
	if (win == server_focus(srv))
		left(r, win, now_ms());
	if (had_them(srv, win)) {
		r->gone_ms = now_ms();
		snprintf(r->gone_name, sizeof(r->gone_name), "%s", win->dom->cfg->name);
	}
	if (r->desk == win)
		r->desk = NULL;
	if (r->none_from == win)
		r->none_from = NULL;
	prev_drop(r, win, NULL);
}
