/* The Alt+Tab overlay's rows, from the scene and the router (switcher.h). */
#include "switcher.h"

#include <stdio.h>
#include <string.h>

#include "domain.h"
#include "input/input.h"
#include "scene.h"
#include "server.h"

int switcher_order(struct server *srv, struct window **all, int cap)
{
	struct list *pos, *tmp;
	int n = 0;
	list_each_reverse(pos, tmp, &srv->scene.stack)
	{
		struct window *w = list_item(pos, struct window, stack_link);
		if (!w->mapped || w->popup)
			continue;
		/* in order of chosen, stable (the stack's among equals); past
		 * cap, one chosen later than the last takes its place: a
		 * domain's many windows over them push out no window the user
		 * chose (review) */
		int i;
		if (n < cap)
			i = n++;
		else if (cap > 0 && all[cap - 1]->chosen < w->chosen)
			i = cap - 1;
		else
			continue;
		for (; i > 0 && all[i - 1]->chosen < w->chosen; i--)
			all[i] = all[i - 1];
		all[i] = w;
	}
	return n;
}

void switcher_chosen(struct server *srv, struct window *win)
{
	win->chosen = ++srv->chosen;
}

/* Every window Alt+Tab goes through, in its order; the chosen one marked,
 * and the rows around it if there are too many. */
static void fill(struct server *srv, struct window *chosen, struct deco_switcher *sw)
{
	struct window *all[256];
	int n = switcher_order(srv, all, 256), sel = -1;
	for (int i = 0; i < n; i++)
		if (all[i] == chosen)
			sel = i;
	int first = 0;
	if (n > DECO_SWITCH_MAX && sel >= DECO_SWITCH_MAX / 2)
		first = sel - DECO_SWITCH_MAX / 2;
	if (n > DECO_SWITCH_MAX && first > n - DECO_SWITCH_MAX)
		first = n - DECO_SWITCH_MAX;
	memset(sw, 0, sizeof(*sw));
	sw->selected = sel >= 0 ? sel - first : -1;
	for (int i = first; i < n && sw->n < DECO_SWITCH_MAX; i++) {
		struct deco_switch_entry *e = &sw->e[sw->n++];
		snprintf(e->domain, sizeof(e->domain), "%s", all[i]->dom->cfg->name);
		snprintf(e->title, sizeof(e->title), "%s", all[i]->title);
		e->rgb = domain_rgb(all[i]->dom);
	}
	sw->more = n - sw->n;
	deco_switcher_box(sw, &srv->scene.work);
}

static void damage(struct scene *s, const pixman_box32_t *b)
{
	scene_damage_box(s, b->x1, b->y1, (uint32_t)(b->x2 - b->x1), (uint32_t)(b->y2 - b->y1));
}

void switcher_update(struct server *srv)
{
	struct scene *s = &srv->scene;
	struct window *chosen = target_window(input_cycled(srv->input));
	if (!chosen) {
		if (s->switcher)
			damage(s, &s->switcher->box);
		s->switcher = NULL;
		return;
	}
	struct deco_switcher now;
	fill(srv, chosen, &now);
	if (s->switcher && !memcmp(&now, s->switcher, sizeof(now)))
		return;
	if (s->switcher)
		damage(s, &s->switcher->box);
	srv->switcher = now;
	s->switcher = &srv->switcher;
	damage(s, &now.box);
}
