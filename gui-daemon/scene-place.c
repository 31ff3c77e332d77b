/* Where a window may be (scene.h: scene_clamp, scene_place, scene_hints):
 * on the output's monitors, in the work area, its title bar on a monitor,
 * popups on one monitor and out of the daemon's notices' strip. */
#include "scene.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "decorations/deco-notice.h"
#include "decorations/deco.h"
#include "domain.h"
#include "policy.h"
#include "props.h"

/*
 * Clamp a content size and coordinate so [pos - lead, pos + size + tail)
 * fits in [start, end): the size shrinks first if it must. With keep > 0
 * the frame may instead run off the end, as long as its first keep pixels
 * stay inside (all of it if it is shorter); if half, its first half and
 * keep / 2 more.
 */
static void clamp_axis(int32_t *pos, uint32_t *size, int32_t lead, int32_t tail, int32_t start,
		       int32_t end, int64_t keep, bool half)
{
	int64_t room = (int64_t)end - start - lead - tail;
	if (room < 1)
		room = 1;
	if (*size > room)
		*size = (uint32_t)room;
	int64_t whole = (int64_t)lead + *size + tail;
	if (half && keep > 0 && keep < whole)
		keep = (whole + keep + 1) / 2;
	if (keep > whole)
		keep = whole;
	int64_t lo = (int64_t)start + lead;
	int64_t hi = keep > 0 ? (int64_t)end - keep + lead : (int64_t)end - tail - (int64_t)*size;
	if (hi < lo)
		hi = lo;
	if (*pos < lo)
		*pos = (int32_t)lo;
	if (*pos > hi)
		*pos = (int32_t)hi;
}

/*
 * What stays on the output of a window partly off its right or bottom edge:
 * the start of its title bar, wide enough for the label "[name] " (at most
 * 9 px a character in the daemon's bold 12.5 px and in window managers'
 * usual title fonts, plus room for a window manager's icon), and half its
 * width plus half that: a window manager that centres the title (openbox,
 * most themes) draws "[name] " left of the middle, at most half its width
 * right of it. And 32 rows below the title bar.
 */
static int32_t keep_w(const struct deco_frame *f, const struct window *win)
{
	return f->border + 24 + 9 * (int32_t)(strlen(win->dom->cfg->name) + 3);
}

static int32_t keep_h(const struct scene *s, const struct deco_frame *f)
{
	return f->border + f->titlebar + s->wm_top + 32;
}

/* A popup stays on one monitor: the one its request's centre is on (or
 * the nearest), less what the work area leaves out of it. */
static pixman_box32_t popup_area(const struct scene *s, const struct vp_rect *r)
{
	int64_t cx = (int64_t)r->x + r->w / 2, cy = (int64_t)r->y + r->h / 2, best = INT64_MAX;
	pixman_box32_t m = s->work;
	for (unsigned i = 0; i < s->nmon && i < 16; i++) {
		const pixman_box32_t *b = &s->mon[i];
		int64_t dx = cx < b->x1 ? b->x1 - cx : cx >= b->x2 ? cx - b->x2 + 1 : 0;
		int64_t dy = cy < b->y1 ? b->y1 - cy : cy >= b->y2 ? cy - b->y2 + 1 : 0;
		if (dx + dy < best)
			best = dx + dy, m = *b;
	}
	pixman_box32_t a = { m.x1 > s->work.x1 ? m.x1 : s->work.x1,
			     m.y1 > s->work.y1 ? m.y1 : s->work.y1,
			     m.x2 < s->work.x2 ? m.x2 : s->work.x2,
			     m.y2 < s->work.y2 ? m.y2 : s->work.y2 };
	return a.x1 < a.x2 && a.y1 < a.y2 ? a : m;
}

/* A managed window stays in the work area (the output less the desktop's
 * panels: x11's _NET_WORKAREA), where the window manager puts maximized
 * windows too; one shown fullscreen (its domain may) on the whole output. */
static pixman_box32_t managed_area(const struct scene *s, const struct window *win)
{
	if (policy_state(win) & WIN_STATE_FULLSCREEN)
		return (pixman_box32_t){ 0, 0, (int32_t)s->width, (int32_t)s->height };
	return s->work;
}

/* The rows above a managed window's content (its title bars, the top of
 * its frame) at the window's outer left, partly: as wide as clamp_axis
 * keeps on the output of a window partly off it. */
static pixman_box32_t title_strip(const struct window *win, const struct vp_rect *r, bool partly,
				  const struct deco_frame *f, int32_t tb)
{
	int64_t w = (int64_t)r->w + 2 * f->border, keep = keep_w(f, win);
	if (partly && keep < w)
		w = (w + keep + 1) / 2;
	int32_t x1 = r->x - f->border;
	return (pixman_box32_t){ x1, r->y - f->border - tb, (int32_t)(x1 + w), r->y };
}

/* Is all of box on the monitors, within area? (Their bounding box holds
 * parts on none where monitors differ in size: hostile-domain trial 11 #1.) */
static bool on_monitors(const struct scene *s, const pixman_box32_t *box,
			const pixman_box32_t *area)
{
	pixman_region32_t m;
	pixman_region32_init_rects(&m, s->mon, (int)(s->nmon < 16 ? s->nmon : 16));
	pixman_region32_intersect_rect(&m, &m, area->x1, area->y1, (unsigned)(area->x2 - area->x1),
				       (unsigned)(area->y2 - area->y1));
	bool in = pixman_region32_contains_rectangle(&m, box) == PIXMAN_REGION_IN;
	pixman_region32_fini(&m);
	return in;
}

static void fit(const struct scene *s, const struct window *win, struct vp_rect *r, bool partly,
		const struct deco_frame *f, pixman_box32_t a, int32_t tb);

/* A popup, or a kind a desktop's window manager shows without a title bar
 * (a splash): only its thin frame marks it. */
static bool bare(const struct window *win)
{
	return win->as_popup ||
	       ((win->dom->srv->backend->ops->caps & BACKEND_CAP_WM) && policy_untitled(win));
}

static void clamp_frame(const struct scene *s, const struct window *win, struct vp_rect *r,
			bool partly, const struct deco_frame *f)
{
	partly = partly && !win->popup;
	/* the window manager's title bar too, unless the window is shown
	 * fullscreen (none is drawn) or maximized (the window manager puts
	 * it, title bar and all, in the work area) */
	int32_t tb = f->titlebar;
	bool placed = policy_state(win) & (WIN_STATE_FULLSCREEN | WIN_STATE_MAXIMIZED);
	if (!win->as_popup && !placed)
		tb += s->wm_top;
	/* one monitor, below its notices' strip (scene_notice_area puts them
	 * at the top of a monitor's work area: hostile-domain trial 11 #2, a
	 * splash at that place on a monitor lower than the other) */
	if (win->popup || bare(win)) {
		fit(s, win, r, partly, f, popup_area(s, r), tb);
		return;
	}
	/* A managed window's title bar (where the window manager writes
	 * "[domain] ...", centred) on a monitor, not only in the monitors'
	 * bounding box: else on the one nearest its start (hostile-domain
	 * trial 11 #1: with monitors of two sizes, a window whose title bar
	 * began on none showed "[work] ..." padded with spaces, the domain's
	 * name where no monitor shows it) */
	struct vp_rect want = *r;
	pixman_box32_t a = managed_area(s, win);
	fit(s, win, r, partly, f, a, tb);
	pixman_box32_t t = title_strip(win, r, partly, f, tb);
	if (placed || on_monitors(s, &t, &a))
		return;
	*r = want;
	struct vp_rect start = { t.x1, t.y1, 1, 1 };
	fit(s, win, r, partly, f, popup_area(s, &start), tb);
}

/* How much of the top of area a a popup or untitled window of win's domain,
 * its content from x1 to x2, keeps out of: the daemon's notice; below it,
 * the row where the daemon draws a domain's notification (the notices'
 * strip, DECO_NOTICES_STRIP), in the middle where the notices come
 * (scene_notice_area centres them: DECO_NOTICE_BAND wide, at most half the
 * area): a popup drawn as a notice there passed for a second one under the
 * daemon's, its only mark a thin frame (hostile-domain trial 12 #2, black;
 * trial 13 #1: gray, purple, blue). Everywhere for a domain labelled black,
 * whose frame does not show at all against the notice's plate. Nor over
 * its own window (a menu of a window at the top comes down to the strip's
 * end): that window can go or be covered while the popup stays (review).
 * Elsewhere the row is the popups' (a tray icon's menu under a panel at
 * the top: x11-tray; a menu of a maximized window, left). */
int32_t scene_notices_strip(const struct window *win, const pixman_box32_t *a, int32_t x1,
			    int32_t x2)
{
	int32_t cx = a->x1 + (a->x2 - a->x1) / 2, half = (a->x2 - a->x1) / 4;
	if (half > DECO_NOTICE_BAND / 2)
		half = DECO_NOTICE_BAND / 2;
	return !palette[win->dom->cfg->label].rgb || (x1 < cx + half && x2 > cx - half)
		       ? DECO_NOTICES_STRIP
		       : DECO_NOTICE_HEIGHT;
}

/* r clamped in a, less what no popup nor untitled window may take. */
static void fit(const struct scene *s, const struct window *win, struct vp_rect *r, bool partly,
		const struct deco_frame *f, pixman_box32_t a, int32_t tb)
{
	clamp_axis(&r->x, &r->w, f->border, f->border, a.x1, a.x2, partly ? keep_w(f, win) : 0,
		   true);
	/* the daemon's notices come at the top of a monitor's work area
	 * (scene_notice_area): no popup there, whose only mark is a thin
	 * frame, draws one of its own (hostile-domain trial 9 #2: a black
	 * domain's popup drawn as a notice could not be told from one), nor a
	 * window a desktop's window manager shows without a title bar (trial
	 * 10 #2: a splash screen) */
	if (bare(win) && a.y2 - a.y1 > 2 * DECO_NOTICES_STRIP)
		a.y1 += scene_notices_strip(win, &a, r->x, r->x + (int32_t)r->w);
	else if (bare(win) && a.y2 - a.y1 > 2 * DECO_NOTICE_HEIGHT)
		a.y1 += DECO_NOTICE_HEIGHT;
	if (a.y1 < s->reserved_top)
		a.y1 = s->reserved_top;
	clamp_axis(&r->y, &r->h, f->border + tb, f->border, a.y1, a.y2, partly ? keep_h(s, f) : 0,
		   false);
}

/* With the frame of the monitor the request is on; if the result is on a
 * monitor of another scale, once more with that one's frame; and if that
 * lands back on a monitor of the first scale, with the larger of the two
 * frames, which the one drawn there fits in (hostile-domain trial 19 F3:
 * the second pass, kept, put the label of a scale-3 frame above its
 * monitor, where none shows it). */
void scene_clamp(const struct scene *s, const struct window *win, struct vp_rect *r, bool partly)
{
	struct vp_rect want = *r;
	unsigned p = s->mon_scale[scene_monitor_of(s, win, r)];
	struct deco_frame f = scene_frame_at(s, win->as_popup, p);
	clamp_frame(s, win, r, partly, &f);
	unsigned q = s->mon_scale[scene_monitor_of(s, win, r)];
	if (q == p)
		return;
	f = scene_frame_at(s, win->as_popup, q);
	*r = want;
	clamp_frame(s, win, r, partly, &f);
	if (s->mon_scale[scene_monitor_of(s, win, r)] == q)
		return;
	f = scene_frame_at(s, win->as_popup, p > q ? p : q);
	*r = want;
	clamp_frame(s, win, r, partly, &f);
}

int scene_place(struct scene *s, struct window *win, bool user)
{
	if (win->mapped)
		scene_damage_window(s, win);
	/* A guest that does not move its window keeps it where the user put
	 * it, partly off; it cannot take one that is on the output off. */
	pixman_box32_t f, a = managed_area(s, win);
	scene_frame_box(s, win, &f);
	bool off = f.x2 > a.x2 || f.y2 > a.y2;
	bool partly = user || (off && win->guest.x == win->x && win->guest.y == win->y);
	struct vp_rect r = win->guest;
	scene_clamp(s, win, &r, partly);
	win->x = r.x, win->y = r.y, win->w = r.w, win->h = r.h;
	if (win->mapped)
		scene_damage_window(s, win);
	if (user)
		backend_window_changed(s->backend, win, WIN_CHANGED_GEOMETRY);
	else /* the guest's own (or the layout's): at its domain's rate, props.h */
		props_changed(win, WIN_CHANGED_GEOMETRY);
	return win->x != win->guest.x || win->y != win->guest.y || win->w != win->guest.w ||
	       win->h != win->guest.h;
}

void scene_hints(const struct scene *s, const struct window *win, struct vp_hints *h)
{
	*h = win->hints;
	pixman_box32_t a = managed_area(s, win);
	if (a.y1 < s->reserved_top)
		a.y1 = s->reserved_top;
	struct deco_frame f = scene_frame(s, win);
	int64_t tb = f.titlebar + ((policy_state(win) & WIN_STATE_FULLSCREEN) ? 0 : s->wm_top);
	int64_t rw = (int64_t)a.x2 - a.x1 - 2 * f.border;
	int64_t rh = (int64_t)a.y2 - a.y1 - 2 * f.border - tb;
	uint32_t mw = rw < 1 ? 1 : (uint32_t)rw, mh = rh < 1 ? 1 : (uint32_t)rh;
	h->min_w = h->min_w > mw ? mw : h->min_w;
	h->min_h = h->min_h > mh ? mh : h->min_h;
	h->base_w = h->base_w > mw ? mw : h->base_w;
	h->base_h = h->base_h > mh ? mh : h->base_h;
	if (h->inc_w > mw || h->inc_h > mh)
		h->flags &= ~VP_HINT_INC;
}
