/*
 * The Alt+Tab overlay's look (compositing backends: headless, drm): while
 * Alt is held after Alt+Tab, a plate in the daemon's notice colours at the
 * centre of the work area lists every window Alt+Tab goes through, top of
 * the stack first: a chip in the domain's label colour naming the domain,
 * then the window's title; the window Alt+Tab chose so far is marked (a
 * white outline and a lighter row). What it lists comes from the daemon's
 * trusted state only (switcher.c); the renderers draw it over every
 * window and the notice, and the drm backend's trusted bar over it.
 * Includes nothing of the daemon's.
 */
#ifndef VITRINE_DECO_SWITCHER_H
#define VITRINE_DECO_SWITCHER_H

#include <pixman.h>
#include <stdint.h>

#define DECO_SWITCH_MAX 12 /* rows shown; more windows: those around the chosen one */
#define DECO_SWITCH_ROW 24
#define DECO_SWITCH_MARK_BG 0x555753 /* the chosen row */

struct deco_switch_entry {
	char domain[64]; /* trusted: the daemon's configuration */
	uint32_t rgb;	 /* its label colour */
	char title[160]; /* sanitized (TITLE_MAX) */
};

struct deco_switcher {
	int n, selected; /* rows, and the marked one (-1: none) */
	int more;	 /* windows not listed */
	struct deco_switch_entry e[DECO_SWITCH_MAX];
	pixman_box32_t box; /* output coordinates (deco_switcher_box) */
};

/* Set sw->box for its rows, centred in area (clipped to it). */
void deco_switcher_box(struct deco_switcher *sw, const pixman_box32_t *area);
/* Draw it into dst within clip. */
void deco_switcher_draw(pixman_image_t *dst, const struct deco_switcher *sw,
			pixman_region32_t *clip);

#endif
