/* The click guard (clickguard.h). */
#include "clickguard.h"

#include "domain.h"
#include "focus.h"
#include "policy.h"
#include "ratelog.h"
#include "scene.h"
#include "server.h"

/* When win last appeared where it is: mapped (unless in answer to the
 * user's press), or moved or resized by its domain. */
static uint64_t shown_at(const struct window *win)
{
	uint64_t t = win->answer_ms == win->mapped_ms ? 0 : win->mapped_ms;
	return t > win->moved_ms ? t : win->moved_ms;
}

static bool just_shown(const struct window *win, uint64_t now)
{
	uint64_t t = shown_at(win);
	return now - t < CLICK_GUARD_MS;
}

void clickguard_mapped(struct window *win)
{
	struct domain *d = win->dom;
	if (d->pressed_ms && win->mapped_ms - d->pressed_ms <= FOCUS_CHOICE_MS) {
		win->answer_ms = win->mapped_ms;
		d->pressed_ms = 0; /* one map answers a press, not a flood of them */
	}
}

/* win's frame holds (x, y): the daemon's frame, and the title bar a
 * desktop's window manager draws above a managed window. */
static bool holds(const struct scene *s, const struct window *win, int32_t x, int32_t y)
{
	pixman_box32_t b;
	scene_frame_box(s, win, &b);
	if (!win->as_popup && !(policy_state(win) & (WIN_STATE_FULLSCREEN | WIN_STATE_MAXIMIZED)))
		b.y1 -= s->wm_top;
	return x >= b.x1 && y >= b.y1 && x < b.x2 && y < b.y2;
}

struct window *clickguard_aimed(struct server *srv, struct window *w, int32_t x, int32_t y)
{
	uint64_t now = now_ms();
	if (!w || !w->mapped || !just_shown(w, now))
		return NULL;
	struct list *head = &srv->scene.stack;
	for (struct list *l = w->stack_link.prev; l != head; l = l->prev) {
		struct window *b = list_item(l, struct window, stack_link);
		if (!b->shown || !holds(&srv->scene, b, x, y))
			continue;
		if (just_shown(b, now))
			continue; /* two flickering windows: what was there before */
		return b->dom != w->dom ? b : NULL;
	}
	return NULL;
}

static void tell(struct window *w, const struct window *aimed)
{
	unsigned suppressed;
	uint64_t now = now_ms();
	if (!ratelog_allow(&w->dom->rl[RL_CLICK], now, &suppressed))
		return;
	if (suppressed)
		vlog("domain %s: %u more clicks on its windows just shown went elsewhere",
		     w->dom->cfg->name, suppressed);
	vlog("domain %s: a click on its window %u, shown %llu ms before over %s's window %u, "
	     "went to that window",
	     w->dom->cfg->name, w->id, (unsigned long long)(now - shown_at(w)),
	     aimed->dom->cfg->name, aimed->id);
}

bool clickguard_button(struct server *srv, struct window *win, int32_t x, int32_t y,
		       uint32_t button, bool pressed)
{
	uint32_t bit = 1u << (button & 31);
	if (!pressed || button < 1 || button > 3) { /* the wheel: no click */
		bool taken = !pressed && (srv->guarded_buttons & bit);
		if (taken)
			srv->guarded_buttons &= ~bit;
		return taken;
	}
	struct window *aimed = clickguard_aimed(srv, win, x, y);
	if (!aimed) {
		if (win)
			win->dom->pressed_ms = now_ms();
		return false;
	}
	tell(win, aimed);
	srv->guarded_buttons |= bit;
	focus_user_chose(srv, aimed);
	return true;
}
