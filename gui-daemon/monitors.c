/* The monitor layout and the scale, told to every domain (monitors.h). */
#include "monitors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "decorations/deco.h"
#include "domain.h"
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
	m->u.monitors.dpi = scale_dpi(s->scale);
	m->u.monitors.n = s->nmon;
	for (unsigned i = 0; i < s->nmon; i++) {
		const pixman_box32_t *b = &s->mon[i];
		uint32_t w = (uint32_t)(b->x2 - b->x1), h = (uint32_t)(b->y2 - b->y1);
		/* the physical size that goes with the scale: what the guest's
		 * applications derive a dpi from (RandR), the same as Xft.dpi */
		m->u.monitors.m[i] = (struct vp_monitor){
			b->x1, b->y1, w, h, px_mm(w, m->u.monitors.dpi), px_mm(h, m->u.monitors.dpi)
		};
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

unsigned monitors_set(struct server *srv, const pixman_box32_t *b, const uint32_t (*mm)[2],
		      unsigned n)
{
	(void)mm; /* the scale decides the physical size the domains see */
	struct scene *s = &srv->scene;
	pixman_box32_t keep[MONITORS_MAX];
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
		keep[k++] = c;
	}
	if (k == 0) {
		uint32_t w = s->width < VP_MAX_DIM ? s->width : VP_MAX_DIM;
		uint32_t h = s->height < VP_MAX_DIM ? s->height : VP_MAX_DIM;
		keep[k++] = (pixman_box32_t){ 0, 0, (int32_t)w, (int32_t)h };
	}
	if (k == s->nmon && !memcmp(keep, s->mon, k * sizeof(keep[0])))
		return k;
	memcpy(s->mon, keep, k * sizeof(keep[0]));
	s->nmon = k;
	for (unsigned i = 0; i < k; i++)
		vlog("monitor %u: %dx%d+%d+%d", i, keep[i].x2 - keep[i].x1, keep[i].y2 - keep[i].y1,
		     keep[i].x1, keep[i].y1);
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
		if (!win->mapped)
			continue;
		struct vp_rect r = { win->x, win->y, win->w, win->h };
		scene_clamp(s, win, &r, true);
		if (r.x != win->x || r.y != win->y || r.w != win->w || r.h != win->h)
			window_user_geometry(win, r.x, r.y, r.w, r.h);
		backend_window_changed(srv->backend, win, WIN_CHANGED_GEOMETRY);
	}
	scene_damage_box(s, 0, 0, s->width, s->height);
	srv->changes++;
}

void monitors_whole_output(struct server *srv)
{
	monitors_set(srv, NULL, NULL, 0);
}

int monitors_set_scale(struct server *srv, unsigned percent)
{
	struct scene *s = &srv->scene;
	if (percent < SCALE_MIN || percent > SCALE_MAX)
		return -1;
	if (percent == s->scale)
		return 0;
	s->scale = percent;
	/* The daemon's own frames (headless, drm) grow with the scale; a
	 * desktop's window manager draws its own (x11: titlebar 0). */
	if (s->titlebar) {
		s->border = (int)((DECO_BORDER * percent + 50) / 100);
		s->titlebar = (int)((DECO_TITLEBAR * percent + 50) / 100);
		monitors_replace_windows(srv);
	}
	vlog("scale %u%%: dpi %u", percent, scale_dpi(percent));
	tell_all(srv);
	return 0;
}

unsigned monitors_parse_scale(const char *str)
{
	char *end;
	double v = strtod(str, &end);
	if (end == str)
		return 0;
	if (*end == '%')
		v /= 100.0, end++;
	if (*end || v * 100.0 < SCALE_MIN || v * 100.0 > SCALE_MAX)
		return 0;
	return (unsigned)(v * 100.0 + 0.5);
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
	if (srv->cfg.scale)
		monitors_set_scale(srv, srv->cfg.scale);
}
