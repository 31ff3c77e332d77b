/* Tray icons and notifications from a domain: the core's part (tray.h). */
#include "tray.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>

#include "backend.h"
#include "clickguard.h"
#include "decorations/deco-notice.h"
#include "decorations/deco.h"
#include "desktop.h"
#include "domain.h"
#include "focus.h"
#include "input/input.h"
#include "protocol/utf8.h"
#include "notify.h"
#include "policy.h"

static struct tray_icon **slot_of(struct domain *d, uint32_t id, struct tray_icon ***free_slot)
{
	*free_slot = NULL;
	for (unsigned i = 0; i < TRAY_PER_DOMAIN; i++) {
		struct tray_icon **s = &d->tray.icons[i];
		if (*s && (*s)->id == id)
			return s;
		if (!*s && !*free_slot)
			*free_slot = s;
	}
	return NULL;
}

static void set_name(struct tray_icon *t, const char *title)
{
	policy_label(t->name, sizeof(t->name), t->dom->cfg->name, title);
}

static void icon_gone(struct tray_icon **s)
{
	struct tray_icon *t = *s;
	struct backend *b = t->dom->srv->backend;
	props_tray_gone(t);
	b->ops->tray(b, t, TRAY_GONE);
	free(t->argb);
	free(t);
	*s = NULL;
}

const char *handle_tray_icon(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)win;
	const struct vp_icon *untrusted_icon = &m->u.icon; /* at most 64 a side: decoder */
	struct tray_domain *td = &d->tray;
	uint64_t now = now_ms(), oldest = td->docked_ms[td->next_dock];
	struct tray_icon **free_slot, **s = slot_of(d, m->window, &free_slot);
	if (!untrusted_icon->width) { /* undocked: counted as docks are */
		if (s) {
			td->docked_ms[td->next_dock] = now ? now : 1;
			td->next_dock = (td->next_dock + 1) % TRAY_DOCK_BURST;
			icon_gone(s);
		}
		return NULL;
	}
	if (!s && !free_slot) {
		domain_refuse(d, RL_TRAY, "tray icon %u refused: %u icons already (the tray quota)",
			      m->window, TRAY_PER_DOMAIN);
		return NULL;
	}
	if (!s && oldest && now - oldest < NOTIFY_PERIOD_MS) {
		domain_refuse(d, RL_TRAY,
			      "tray icon %u refused: over %u icons docked or undocked in %u s",
			      m->window, TRAY_DOCK_BURST, NOTIFY_PERIOD_MS / 1000);
		return NULL;
	}
	if (!s) {
		td->docked_ms[td->next_dock] = now ? now : 1;
		td->next_dock = (td->next_dock + 1) % TRAY_DOCK_BURST;
	}
	uint32_t n = untrusted_icon->width * untrusted_icon->height;
	uint32_t *argb = malloc(4ull * n);
	if (!argb)
		return "out of memory";
	uint32_t label = domain_rgb(d);
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *p = untrusted_icon->pixels + 4u * i;
		uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
			     (uint32_t)p[3] << 24;
		argb[i] = icon_mark(v, label);
	}
	struct tray_icon *t = s ? *s : NULL;
	if (t && t->w == untrusted_icon->width && t->h == untrusted_icon->height && t->argb &&
	    !memcmp(t->argb, argb, 4ull * n) && t->rgb == label) {
		free(argb); /* unchanged: nothing for the desktop to do */
		return NULL;
	}
	if (!t) {
		t = calloc(1, sizeof(*t));
		if (!t) {
			free(argb);
			return "out of memory";
		}
		t->dom = d;
		t->id = m->window;
		set_name(t, "");
		*free_slot = t;
	}
	free(t->argb);
	t->argb = argb;
	t->w = untrusted_icon->width;
	t->h = untrusted_icon->height;
	t->rgb = label;
	props_tray_changed(t);
	d->srv->changes++;
	return NULL;
}

const char *handle_tray_title(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)win;
	struct tray_icon **free_slot, **s = slot_of(d, m->window, &free_slot);
	if (!s) /* a name for an icon without pixels yet, or refused: ignored */
		return NULL;
	char title[TRAY_NAME_MAX - 64];
	vp_sanitize_title(m->u.title.bytes, m->u.title.len, d->cfg->utf8_titles, title,
			  sizeof(title));
	char old[sizeof((*s)->name)];
	memcpy(old, (*s)->name, sizeof(old));
	set_name(*s, title);
	if (strcmp(old, (*s)->name)) /* unchanged: nothing to do */
		props_tray_changed(*s);
	return NULL;
}

void tray_domain_gone(struct domain *d)
{
	for (unsigned i = 0; i < TRAY_PER_DOMAIN; i++)
		if (d->tray.icons[i])
			icon_gone(&d->tray.icons[i]);
	notify_domain_gone(d);
}

/* win, shown, is a menu at the press at x, y: at the icon, or next to it
 * (a menu comes up beside it: TRAY_PLACE; the daemon may put it under the
 * notices' strip; a popup put elsewhere is no menu of it: review of
 * 2026-12-03), and large enough to be seen as the window the keys go to
 * (a 32x16 "menu" in the desktop's colour passed for part of the tray:
 * hostile-domain trial 17 F1) */
static bool menu_at(const struct window *win, int32_t x, int32_t y)
{
	return win->as_popup && win->shown && win->guest.w >= TRAY_MENU_MIN_W &&
	       win->guest.h >= TRAY_MENU_MIN_H &&
	       clickguard_near(win, x, y, CLICK_ANSWER_NEAR + DECO_NOTICES_STRIP);
}

/* More than half of the menu under windows of its domain shown above it,
 * together: a submenu beside it keeps the keys, popups put over it do not
 * (review of 2026-12-03: the menu hidden under its domain's popup kept
 * them; review of 2026-12-04: under three popups of a third each). */
static bool menu_hidden(const struct server *srv, const struct window *menu)
{
	pixman_box32_t m, b;
	pixman_region32_t left;
	scene_frame_box(&srv->scene, menu, &m);
	pixman_region32_init_rects(&left, &m, 1);
	for (const struct list *pos = menu->stack_link.next; pos != &srv->scene.stack;
	     pos = pos->next) {
		const struct window *w = list_item(pos, const struct window, stack_link);
		if (!w->shown || w->dom != menu->dom)
			continue;
		scene_frame_box(&srv->scene, w, &b);
		pixman_region32_t over;
		pixman_region32_init_rects(&over, &b, 1);
		pixman_region32_subtract(&left, &left, &over);
		pixman_region32_fini(&over);
	}
	int64_t seen = 0;
	int n;
	const pixman_box32_t *r = pixman_region32_rectangles(&left, &n);
	for (int i = 0; i < n; i++)
		seen += (int64_t)(r[i].x2 - r[i].x1) * (r[i].y2 - r[i].y1);
	pixman_region32_fini(&left);
	return 2 * seen < (int64_t)(m.x2 - m.x1) * (m.y2 - m.y1);
}

void tray_menu_mapped(struct server *srv, struct window *win)
{
	struct domain *d = win->dom;
	struct window *f = server_focus(srv);
	if (!win->as_popup) { /* its window, over its menu (review of 2026-12-03) */
		tray_menu_covered(srv, d);
		return;
	}
	tray_menu_moved(srv, win); /* a popup over it */
	if (!d->tray_press_ms || now_ms() - d->tray_press_ms > FOCUS_CHOICE_MS ||
	    !menu_at(win, d->tray_press_x, d->tray_press_y))
		return;
	d->tray_press_ms = 0;
	if (f && f->dom == d) /* its own: its menu has them in its X server */
		return;
	/* (the press of the menu with the keys: not a later one's) */
	srv->tray_menu_x = d->tray_press_x, srv->tray_menu_y = d->tray_press_y;
	/* (another domain's tray menu with the keys: back where they were
	 * before it; review of 2026-12-03) */
	if (!srv->tray_menu || f != srv->tray_menu)
		srv->tray_menu_back = f;
	srv->tray_menu = win;
	win->below_focus = win->no_focus = false; /* the user's: on top */
	focus_user_chose(srv, win);
}

void tray_menu_gone(struct server *srv, struct window *win)
{
	struct window *back = srv->tray_menu_back;
	if (back == win)
		srv->tray_menu_back = NULL;
	if (srv->tray_menu != win)
		return;
	srv->tray_menu = srv->tray_menu_back = NULL;
	if (server_focus(srv) == win) /* (the user chose none since) */
		input_focus(srv->input, window_target(back && back->shown ? back : NULL));
}

void tray_menu_moved(struct server *srv, struct window *win)
{
	struct window *menu = srv->tray_menu;
	if (!menu || menu->dom != win->dom)
		return;
	if ((menu == win && !menu_at(win, srv->tray_menu_x, srv->tray_menu_y)) ||
	    menu_hidden(srv, menu))
		tray_menu_gone(srv, menu);
}

void tray_menu_covered(struct server *srv, const struct domain *d)
{
	if (srv->tray_menu && srv->tray_menu->dom == d)
		tray_menu_gone(srv, srv->tray_menu);
}

void tray_user_pressed(struct server *srv, int32_t x, int32_t y)
{
	const int32_t slack = 8; /* the pointer, asked after the raw press */
	for (int i = 0; i < srv->ndomains; i++) {
		struct domain *d = srv->domains[i];
		int64_t dx = (int64_t)x - d->tray_press_x, dy = (int64_t)y - d->tray_press_y;
		if (x == TRAY_ELSEWHERE || dx < -slack || dy < -slack ||
		    dx >= (int64_t)d->tray_press_w + slack ||
		    dy >= (int64_t)d->tray_press_h + slack)
			d->tray_press_ms = 0;
	}
}

void tray_icon_at(struct tray_icon *t, int32_t x, int32_t y)
{
	if (t->area_ms && t->area_x == x && t->area_y == y)
		return;
	t->area_x = x, t->area_y = y;
	t->area_ms = now_ms();
}

void tray_user_button(struct tray_icon *t, uint32_t button, bool pressed, int32_t x, int32_t y,
		      const struct vp_rect *at, uint32_t state)
{
	struct server *srv = t->dom->srv;
	/* The core's rules for a click: nothing reaches a domain while the
	 * screen is locked or while a window holds the pointer (a drag). */
	if (srv->scene.locked || input_pointer_grab(srv->input) || button < 1 || button > 7)
		return;
	if (x < 0 || y < 0 || (uint32_t)x >= t->w || (uint32_t)y >= t->h)
		x = (int32_t)t->w / 2, y = (int32_t)t->h / 2;
	uint32_t bit = 1u << button;
	if (pressed && t->area_ms) /* moved, the backend's word of it not come yet
				    * (a window manager's ConfigureNotify: CI) */
		tray_icon_at(t, at->x, at->y);
	if (pressed && button <= 3 && now_ms() - t->area_ms < CLICK_GUARD_MS) {
		t->guarded |= bit;
		clickguard_notice(srv, t->dom->cfg->name, "tray icon");
		vlog("domain %s: a click on its tray icon, there for %llu ms, was taken: it went "
		     "to no icon",
		     t->dom->cfg->name, (unsigned long long)(now_ms() - t->area_ms));
		tray_user_pressed(srv, TRAY_ELSEWHERE, 0);
		return;
	}
	if (!pressed && (t->guarded & bit)) {
		t->guarded &= ~bit;
		return;
	}
	if (pressed && button <= 3) {			   /* (not the wheel) */
		tray_user_pressed(srv, TRAY_ELSEWHERE, 0); /* another icon's too */
		t->dom->tray_press_ms = button <= 3 ? now_ms() : 0;
		t->dom->tray_press_x = at->x, t->dom->tray_press_y = at->y;
		t->dom->tray_press_w = at->w, t->dom->tray_press_h = at->h;
	}
	if (pressed && t->dom->agent_minor >= VP_MINOR_TRAY_PLACE) {
		struct vp_msg p = { .type = VP_TRAY_PLACE, .window = t->id };
		p.u.motion = (struct vp_motion){ at->x, at->y, 0 };
		domain_send(t->dom, &p);
	}
	struct vp_msg m = { .type = VP_TRAY_BUTTON, .window = t->id };
	m.u.button = (struct vp_button){ button, pressed, x, y, state & 0x1fffu };
	domain_send(t->dom, &m);
}

void tray_clean(const struct vp_string *untrusted, bool utf8, char *out, size_t cap)
{
	vp_sanitize_title(untrusted->bytes, untrusted->len, utf8, out, cap);
	/* Every opening bracket before the text (Unicode's Ps: '[' and its
	 * look-alikes, fullwidth U+FF3B, U+27E6, U+3010...) becomes '(' */
	char *p = out;
	for (;;) {
		uint32_t cp;
		size_t n = vp_utf8_decode((const uint8_t *)p, strlen(p), &cp);
		if (n == 0 || (cp != ' ' && !uc_is_general_category(cp, UC_CATEGORY_Ps)))
			break;
		if (cp != ' ' && cp != '(') {
			*p = '(';
			memmove(p + 1, p + n, strlen(p + n) + 1);
			n = 1;
		}
		p += n;
	}
}

const char *handle_notify(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)win;
	uint64_t now = now_ms();
	struct tray_domain *td = &d->tray;
	uint64_t oldest = td->notified_ms[td->next];
	if (oldest && now - oldest < NOTIFY_PERIOD_MS) {
		domain_log(d, RL_NOTIFY, "notification dropped: over %u in %u s", NOTIFY_BURST,
			   NOTIFY_PERIOD_MS / 1000);
		notify_dropped(d, m->u.notify.id);
		td->dropped = 1ull + m->u.notify.id; /* its icon, next: ignored */
		return NULL;
	}
	td->notified_ms[td->next] = now ? now : 1;
	td->next = (td->next + 1) % NOTIFY_BURST;
	struct dnotify *n = notify_slot(d, m->u.notify.id);
	if (!n)
		return "out of memory";
	free(n->icon); /* a replacement: its icon, if any, comes after it */
	n->icon = NULL;
	n->icon_w = n->icon_h = 0;
	bool utf8 = d->cfg->utf8_titles;
	notify_set_actions(n, &m->u.notify, utf8);
	n->domain = d->cfg->name;
	n->rgb = domain_rgb(d);
	tray_clean(&m->u.notify.app, utf8, n->app, sizeof(n->app));
	tray_clean(&m->u.notify.summary, utf8, n->summary, sizeof(n->summary));
	tray_clean(&m->u.notify.body, utf8, n->body, sizeof(n->body));
	policy_label(n->title, sizeof(n->title), n->domain, n->summary);
	if (d->srv->cfg.verbose)
		vlog("domain %s: notification \"%s\"", d->cfg->name, n->summary);
	notify_show(n);
	d->srv->changes++;
	return NULL;
}

void tray_paint(pixman_image_t *img, const struct tray_icon *t, int32_t x, int32_t y, int32_t side)
{
	int32_t in = side - 2 * TRAY_BORDER;
	pixman_region32_t r;
	pixman_region32_init_rect(&r, x, y, (unsigned)side, (unsigned)side);
	deco_fill(img, t->rgb, &r);
	pixman_region32_fini(&r);
	if (in <= 0)
		return;
	pixman_region32_init_rect(&r, x + TRAY_BORDER, y + TRAY_BORDER, (unsigned)in, (unsigned)in);
	deco_fill(img, TRAY_PLATE, &r);
	pixman_region32_fini(&r);
	uint32_t *dst = pixman_image_get_data(img);
	int stride = pixman_image_get_stride(img) / 4;
	int32_t iw = pixman_image_get_width(img), ih = pixman_image_get_height(img);
	for (int32_t v = 0; v < in && t->w; v++)
		for (int32_t u = 0; u < in; u++) {
			int32_t ox = x + TRAY_BORDER + u, oy = y + TRAY_BORDER + v;
			if (ox < 0 || oy < 0 || ox >= iw || oy >= ih)
				continue;
			uint32_t c = t->argb[(uint32_t)v * t->h / (uint32_t)in * t->w +
					     (uint32_t)u * t->w / (uint32_t)in];
			uint32_t a = c >> 24, *p = &dst[oy * stride + ox], o = 0;
			for (unsigned sh = 0; sh <= 16; sh += 8)
				o |= ((((c >> sh) & 0xff) * a + ((*p >> sh) & 0xff) * (255 - a)) /
				      255)
				     << sh;
			*p = o;
		}
}
