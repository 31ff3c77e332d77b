/*
 * Fairness between windows at repaint (issue 15 item 3): a window's damage
 * is coalesced between repaints (one region per window), and one window
 * repaints at most once per output frame (the output's refresh: the
 * desktop's, the DRM mode's, or --refresh; small damage is never held).
 * At each repaint the windows with damage are served smallest damage first,
 * up to a budget of area per turn, and small damage gets a turn of its own,
 * so a small update of one domain is never queued behind another's
 * whole-screen frames. Damage held back (too soon after its window's last
 * repaint, or over the turn's budget) arms a timerfd for when it is due;
 * nothing is armed while no damage waits (no timers or polling while idle).
 */
#ifndef VITRINE_PACE_H
#define VITRINE_PACE_H

#include <stdbool.h>
#include <stdint.h>

#include "list.h"
#include "waker.h"

#define PACE_MAX_RECTS 32 /* more rectangles than this are painted as their extents */

struct server;
struct window;

struct pace {
	struct waker timer;  /* armed only while damage waits */
	struct list waiting; /* windows with coalesced damage (window.pace_link) */
	uint64_t turns;	     /* repaints that painted some window's damage */
	uint64_t held;	     /* windows held back over a turn (too soon, or over budget) */
};

/* At server_init: the timerfd (unarmed). 0 or -1 logged. */
int pace_init(struct server *srv);
void pace_finish(struct server *srv);
/* The interval between two repaints of one window, in ns (0: none). */
uint64_t pace_interval_ns(const struct server *srv);
/* win's content changed in the rectangle (window coordinates, already
 * clipped to its buffer and content): coalesced until its next repaint. */
void pace_damage(struct window *win, int32_t x, int32_t y, uint32_t w, uint32_t h);
/* Paint what is due at now_ns (CLOCK_MONOTONIC): into the scene's damage
 * and the backend's window hooks. Called before each repaint. */
void pace_flush(struct server *srv, uint64_t now_ns);
/* win goes: its waiting damage with it. */
void pace_window_gone(struct window *win);
uint64_t pace_now_ns(void);

#endif
