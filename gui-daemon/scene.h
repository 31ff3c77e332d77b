/*
 * The scene: every window of every domain in one stacking order, the output
 * size, placement and the region of the output that needs repainting.
 * The daemon decides where a window lands; a guest only suggests.
 */
#ifndef VITRINE_SCENE_H
#define VITRINE_SCENE_H

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>

#include "decorations/deco.h"
#include "list.h"
#include "scale.h"
#include "window.h"

struct backend;
struct deco_switcher;

struct scene {
	uint32_t width, height;
	int border, titlebar;	    /* the frame at scale 1 (each window's: scene_frame) */
	pixman_box32_t work;	    /* work area (popups are kept inside it) */
	pixman_box32_t notice_area; /* where the trusted notice goes (scene_notice_area) */
	struct backend *backend;    /* for window hooks (server_init sets it) */
	struct list stack;	    /* struct window.stack_link, bottom to top */
	pixman_region32_t damage;   /* output area to repaint */
	bool locked;		    /* a screen locker is on (policy_set_locked) */
	int32_t reserved_top;	    /* rows along the top edge no window may take (the
				     * drm backend's trusted bar); 0 elsewhere */
	/* the Alt+Tab overlay shown, or NULL (switcher.h) */
	struct deco_switcher *switcher;
	/* the output's monitors (monitors.h): at least one, inside the output */
	unsigned nmon;
	pixman_box32_t mon[16];
	unsigned scale;		/* percent: the first monitor's (the domains' Xft.dpi, 96 at 100) */
	unsigned mon_scale[16]; /* each monitor's, from rules by its name */
	char mon_name[16][SCALE_NAME]; /* the backend's name of each (scale.h) */
	struct scale_rules rules;      /* --scale, set-scale */
	/* rows a desktop's window manager draws above a managed window's
	 * frame (x11: its title bar, _NET_FRAME_EXTENTS); 0 elsewhere */
	int32_t wm_top;
};

void scene_init(struct scene *s, uint32_t width, uint32_t height);
void scene_finish(struct scene *s);

void scene_damage_box(struct scene *s, int32_t x, int32_t y, uint32_t w, uint32_t h);
/* The frame at the scale percent: the border and title bar grow with it (a
 * backend whose desktop draws the frames, titlebar 0 at scale 1, keeps its
 * border); none for a popup (its frame is the border alone). */
struct deco_frame scene_frame_at(const struct scene *s, bool popup, unsigned percent);
/* The monitor a window whose content would be r is on: the one its frame
 * (at that monitor's scale) overlaps most; the first if none. */
unsigned scene_monitor_of(const struct scene *s, const struct window *win, const struct vp_rect *r);
/* Where the trusted notice goes, into s->notice_area: the work area's part
 * on the monitor of the focused window (focus NULL: the first monitor),
 * never across two monitors (new-user trial 5: it straddled the seam). */
void scene_notice_area(struct scene *s, const struct window *focus);
/* Where a domain's notification the daemon draws goes: below the notice,
 * on the same monitor, in the band of the notices' strip where no popup
 * may be (scene_notices_strip): it was as wide as the whole work area, over
 * every domain's windows, and on two monitors of different tops over the
 * notice (hostile-domain trial 17 F4, F6). */
pixman_box32_t scene_notification_area(const struct scene *s, const struct window *focus);
/* win's frame: at the scale of the monitor it is on. */
struct deco_frame scene_frame(const struct scene *s, const struct window *win);
/* The title bar height of win's frame: none for a window shown as a popup
 * (its frame is the border alone, in the label colour). */
int scene_titlebar(const struct scene *s, const struct window *win);
/* The window's frame as this scene's backend draws it (border, title bar). */
void scene_frame_box(const struct scene *s, const struct window *win, pixman_box32_t *b);
/* Damage the window's whole frame and content. */
void scene_damage_window(struct scene *s, struct window *win);

void scene_add(struct scene *s, struct window *win); /* at the top, unmapped */
void scene_remove(struct scene *s, struct window *win);
void scene_raise(struct scene *s, struct window *win);
/* Put win directly below other. */
void scene_place_below(struct scene *s, struct window *win, struct window *other);
/* The desktop stacks order[0..n) bottom to top (its window manager raised
 * one): they take the places they hold among themselves in that order;
 * every other window stays where it is. No backend is told. */
void scene_restack(struct scene *s, struct window **order, unsigned n);

/*
 * Where win goes for the request r (content), changed in place. Its size
 * shrinks so the whole frame fits in the work area (the output less the
 * desktop's panels) below reserved_top; popups stay inside the work area of
 * one monitor; a window shown fullscreen (its domain may) on the whole
 * output. Windows stay wholly inside that, unless partly: then
 * they may run off its right and bottom edges, but their frame's top-left
 * corner stays inside with the start of the title bar (the label
 * colour and the domain's name), half the frame's width and half the
 * label's more (a window manager that centres the title shows the name
 * there) and a few rows below the title bar.
 */
void scene_clamp(const struct scene *s, const struct window *win, struct vp_rect *r, bool partly);

/*
 * Place win for the geometry the guest asked for (win->guest), as
 * scene_clamp does, partly off the output only if user (the user put it
 * there) or if the window is partly off and the request leaves it where it
 * is (a guest cannot move or grow its window off the output, but keeps it
 * where the user put it). Damages old and
 * new areas when mapped. Returns 1 if the result differs from the request.
 */
int scene_place(struct scene *s, struct window *win, bool user);

/*
 * The size hints a desktop's window manager may be given for win: the
 * guest's (win->hints), with the minimum and base sizes no larger than the
 * content scene_clamp leaves room for in the work area, and no resize
 * increment larger than that room. A window manager enforces a minimum
 * size over the daemon's configures: a guest's minimum of 8000x8000 made
 * its desktop window that large, its title bar's centre, where the
 * domain's name is, far off the screen.
 */
void scene_hints(const struct scene *s, const struct window *win, struct vp_hints *h);
/* The rows at the top of a monitor's area a a popup or untitled window of
 * win's domain, its content from x1 to x2, keeps out of (the daemon's
 * notices; scene-place.c). */
int32_t scene_notices_strip(const struct window *win, const pixman_box32_t *a, int32_t x1,
			    int32_t x2);

#endif
