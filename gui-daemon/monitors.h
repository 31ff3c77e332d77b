/*
 * The trusted side's monitor layout and scale, for every backend (issue 14
 * items 5 and 6). A backend reports its monitors (x11: the desktop's RandR
 * monitors; drm: the connector's mode; headless: the configured size, or
 * the `monitors` option) with monitors_set; the core keeps them in the
 * scene (popups are clamped per monitor, scene_clamp) and tells every
 * domain (MONITORS: the rectangles, their physical size and the dpi that
 * goes with each one's scale). The scale of each monitor (percent; the
 * `scale` option, or `vitrinectl set-scale`: one for every monitor, or one
 * for a monitor by its name, scale.h) also sizes the daemon's own frames of
 * the windows on it (scene_frame); the domains' dpi (Xft.dpi) is the first
 * monitor's (x11: the desktop's primary; drm: the first connector).
 */
#ifndef VITRINE_MONITORS_H
#define VITRINE_MONITORS_H

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>

#include "scale.h"

struct server;
struct domain;

#define MONITORS_MAX 16u

/*
 * The backend's monitors: n boxes in output coordinates (more than
 * MONITORS_MAX: the first ones). Each is clipped to the output; empty ones
 * are dropped; none left: the whole output. mm: each monitor's physical
 * width and height in millimetres (0 0: unknown), or NULL. Domains are
 * told if anything changed. Returns the number kept.
 */
unsigned monitors_set(struct server *srv, const pixman_box32_t *b, const uint32_t (*mm)[2],
		      unsigned n);
/* The same, each monitor with the backend's name for it (names[i], cut to
 * SCALE_NAME - 1; NULL or "": MONITOR-<i+1>): what a per-monitor scale
 * names. The backend lists the primary monitor first. */
unsigned monitors_set_named(struct server *srv, const pixman_box32_t *b,
			    const char (*names)[SCALE_NAME], unsigned n);
/* The whole output is one monitor (after the output's size changed). */
void monitors_whole_output(struct server *srv);
/* Frames or the screen changed size: every mapped window placed again by the
 * core's rule (scene_clamp), the backend told, everything repainted. */
void monitors_replace_windows(struct server *srv);
/* After the backend started: the --monitors option's layout (else the
 * whole output unless the backend reported its own), and --scale. */
void monitors_startup(struct server *srv);
/* Send d the layout (after its HELLO, when it reads MONITORS). */
void monitors_send(struct domain *d);
/* The scale of every monitor in percent, SCALE_MIN..SCALE_MAX (a
 * monitor's own one dropped): frames grow, every domain is told its new dpi.
 * -1 if out of range. */
int monitors_set_scale(struct server *srv, unsigned percent);
/* The scale of the monitor called name (now and whenever it is plugged
 * in again): the frames on it grow; the domains are told its physical size
 * (and the dpi, if it is the first). -1 if out of range or no monitor has
 * that name now. */
int monitors_set_output_scale(struct server *srv, const char *name, unsigned percent);
/* "WxH+X+Y,WxH+X+Y": boxes (the headless `monitors` option); the count, 0
 * if malformed. */
unsigned monitors_parse(const char *s, pixman_box32_t *out, unsigned cap);

#endif
