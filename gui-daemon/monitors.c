/* The monitor layout and the scale of each monitor, told to every domain
 * (monitors.h). */
#include "monitors.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend.h"
#include "decorations/deco.h"
#include "domain.h"
#include "scale-home.h"
#include "scene.h"
#include "server.h"

/* The dpi of a scale: 96 at 100%. */
static uint32_t scale_dpi(unsigned percent)
{
	uint32_t dpi = (96u * percent + 50u) / 100u;
	return dpi < VP_MIN_DPI ? VP_MIN_DPI : dpi > VP_MAX_DPI ? VP_MAX_DPI : dpi;
}

/* The millimetres of px pixels at dpi (what the guest's RandR reports). */
static uint32_t px_mm(uint32_t px, uint32_t dpi)
{
	return (uint32_t)(((uint64_t)px * 254u + 5u * dpi) / (10u * dpi));
}

static struct vp_msg *layout_msg(const struct scene *s, struct vp_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->type = VP_MONITORS;
	m->u.monitors.dpi = scale_dpi(s->mon_scale[0]); /* Xft.dpi: the first monitor's */
	m->u.monitors.n = s->nmon;
	for (unsigned i = 0; i < s->nmon; i++) {
		const pixman_box32_t *b = &s->mon[i];
		uint32_t w = (uint32_t)(b->x2 - b->x1), h = (uint32_t)(b->y2 - b->y1);
		uint32_t dpi = scale_dpi(s->mon_scale[i]);
		/* the physical size that goes with the monitor's scale: what the
		 * guest's applications derive its dpi from (RandR) */
		m->u.monitors.m[i] =
			(struct vp_monitor){ b->x1, b->y1, w, h, px_mm(w, dpi), px_mm(h, dpi) };
	}
	return m;
}

void monitors_send(struct domain *d)
{
	struct vp_msg m;
	if (d->hello_done && d->agent_minor >= VP_MINOR_MONITORS)
		domain_send(d, layout_msg(&d->srv->scene, &m));
}

static void tell_all(struct server *srv)
{
	for (int i = 0; i < srv->ndomains; i++)
		monitors_send(srv->domains[i]);
}

/* Each monitor's scale from the rules, by its name; true if one changed. */
static bool apply_rules(struct scene *s)
{
	bool changed = false;
	for (unsigned i = 0; i < s->nmon; i++) {
		unsigned p = scale_rules_of(&s->rules, s->mon_name[i]);
		changed |= p != s->mon_scale[i];
		s->mon_scale[i] = p;
	}
	s->scale = s->mon_scale[0];
	return changed;
}

/* A backend's name, as set-scale takes it: what is not A-Z a-z 0-9 . _ -
 * becomes _. */
static void name_of(char *out, const char *in)
{
	size_t i = 0;
	for (; i < SCALE_NAME - 1 && in[i]; i++)
		out[i] = isalnum((unsigned char)in[i]) || strchr("._-", in[i]) ? in[i] : '_';
	out[i] = '\0';
}

/* The frames grew or shrank: windows placed again, all repainted (a
 * desktop's window manager draws its own frames: x11's titlebar 0). */
static void frames_changed(struct server *srv)
{
	if (srv->scene.titlebar)
		monitors_replace_windows(srv);
}

unsigned monitors_set(struct server *srv, const pixman_box32_t *b, const uint32_t (*mm)[2],
		      unsigned n)
{
	(void)mm; /* the scale decides the physical size the domains see */
	return monitors_set_named(srv, b, NULL, n);
}

unsigned monitors_set_named(struct server *srv, const pixman_box32_t *b,
			    const char (*names)[SCALE_NAME], unsigned n)
{
	struct scene *s = &srv->scene;
	pixman_box32_t keep[MONITORS_MAX];
	char name[MONITORS_MAX][SCALE_NAME];
	unsigned k = 0;
	for (unsigned i = 0; i < n && k < MONITORS_MAX; i++) {
		pixman_box32_t c = b[i];
		c.x1 = c.x1 < 0 ? 0 : c.x1;
		c.y1 = c.y1 < 0 ? 0 : c.y1;
		c.x2 = c.x2 > (int32_t)s->width ? (int32_t)s->width : c.x2;
		c.y2 = c.y2 > (int32_t)s->height ? (int32_t)s->height : c.y2;
		if (c.x1 >= c.x2 || c.y1 >= c.y2 || c.x2 - c.x1 > (int32_t)VP_MAX_DIM ||
		    c.y2 - c.y1 > (int32_t)VP_MAX_DIM)
			continue;
		if (names && names[i][0])
			name_of(name[k], names[i]);
		else
			snprintf(name[k], SCALE_NAME, "MONITOR-%u", k + 1);
		keep[k++] = c;
	}
	if (k == 0) {
		uint32_t w = s->width < VP_MAX_DIM ? s->width : VP_MAX_DIM;
		uint32_t h = s->height < VP_MAX_DIM ? s->height : VP_MAX_DIM;
		keep[k] = (pixman_box32_t){ 0, 0, (int32_t)w, (int32_t)h };
		snprintf(name[k++], SCALE_NAME, "MONITOR-1");
	}
	bool same = k == s->nmon && !memcmp(keep, s->mon, k * sizeof(keep[0]));
	for (unsigned i = 0; i < k && same; i++)
		same = !strcmp(name[i], s->mon_name[i]);
	if (same)
		return k;
	memcpy(s->mon, keep, k * sizeof(keep[0]));
	memcpy(s->mon_name, name, k * sizeof(name[0]));
	s->nmon = k;
	apply_rules(s);
	for (unsigned i = 0; i < k; i++)
		vlog("monitor %u %s: %dx%d+%d+%d scale %u%%", i, name[i], keep[i].x2 - keep[i].x1,
		     keep[i].y2 - keep[i].y1, keep[i].x1, keep[i].y1, s->mon_scale[i]);
	/* every backend: a window on a monitor that went is brought onto one
	 * (new-user trial 14 #6: on a desktop, the title bar and the domain's
	 * name stayed on no monitor) */
	monitors_replace_windows(srv);
	tell_all(srv);
	return k;
}

void monitors_replace_windows(struct server *srv)
{
	struct scene *s = &srv->scene;
	struct list *pos, *tmp;
	list_each(pos, tmp, &s->stack)
	{
		struct window *win = list_item(pos, struct window, stack_link);
		/* the room the work area leaves bounds the size hints a window
		 * manager enforces (scene_hints): told before the geometry */
		if (win->hints.flags & (VP_HINT_MIN | VP_HINT_BASE | VP_HINT_INC))
			backend_window_changed(srv->backend, win, WIN_CHANGED_FLAGS);
		if (!win->mapped)
			continue;
		struct vp_rect r = { win->x, win->y, win->w, win->h };
		scene_clamp(s, win, &r, true);
		if (r.x != win->x || r.y != win->y || r.w != win->w || r.h != win->h)
			window_set_geometry(win, r.x, r.y, r.w, r.h);
		backend_window_changed(srv->backend, win, WIN_CHANGED_GEOMETRY);
	}
	scene_damage_box(s, 0, 0, s->width, s->height);
	srv->changes++;
}

void monitors_whole_output(struct server *srv)
{
	monitors_set(srv, NULL, NULL, 0);
}

/* The rules changed: the monitors' scales, the frames, the domains. */
static void rules_changed(struct server *srv)
{
	struct scene *s = &srv->scene;
	unsigned old = s->scale;
	if (!apply_rules(s))
		return;
	if (s->scale != old)
		scale_home_changed(srv, old); /* before the frames move windows */
	for (unsigned i = 0; i < s->nmon; i++)
		vlog("scale of monitor %u %s: %u%% (dpi %u)", i, s->mon_name[i], s->mon_scale[i],
		     scale_dpi(s->mon_scale[i]));
	frames_changed(srv);
	tell_all(srv);
}

int monitors_set_scale(struct server *srv, unsigned percent)
{
	if (percent < SCALE_MIN || percent > SCALE_MAX)
		return -1;
	srv->scene.rules = (struct scale_rules){ .all = percent };
	rules_changed(srv);
	return 0;
}

int monitors_set_output_scale(struct server *srv, const char *name, unsigned percent)
{
	struct scene *s = &srv->scene;
	unsigned i = 0;
	while (i < s->nmon && strcasecmp(s->mon_name[i], name))
		i++;
	if (i == s->nmon || scale_rules_set(&s->rules, s->mon_name[i], percent) < 0)
		return -1;
	rules_changed(srv);
	return 0;
}

unsigned monitors_parse(const char *str, pixman_box32_t *out, unsigned cap)
{
	unsigned n = 0;
	while (*str) {
		unsigned w, h;
		int x, y, used = 0;
		if (n == cap || sscanf(str, "%ux%u+%d+%d%n", &w, &h, &x, &y, &used) != 4 ||
		    used == 0 || w == 0 || h == 0 || w > VP_MAX_DIM || h > VP_MAX_DIM || x < 0 ||
		    y < 0 || x > VP_MAX_COORD || y > VP_MAX_COORD)
			return 0;
		out[n++] = (pixman_box32_t){ x, y, x + (int32_t)w, y + (int32_t)h };
		str += used;
		if (*str == ',' && str[1])
			str++;
		else if (*str)
			return 0; /* anything else, or a trailing comma */
	}
	return n;
}

void monitors_startup(struct server *srv)
{
	struct scene *s = &srv->scene;
	pixman_box32_t b[MONITORS_MAX];
	unsigned n = srv->cfg.monitors[0] ? monitors_parse(srv->cfg.monitors, b, MONITORS_MAX) : 0;
	if (n)
		monitors_set(srv, b, NULL, n);
	else if (s->nmon == 1 &&
		 (s->mon[0].x2 != (int32_t)s->width || s->mon[0].y2 != (int32_t)s->height))
		monitors_whole_output(srv); /* the backend changed the size */
	s->rules = srv->cfg.scale;
	rules_changed(srv);
}
