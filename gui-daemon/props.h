/*
 * A domain's changes to what the output shows of its windows besides their
 * pixels (title and class, hints, state flags and type, icon, the geometry
 * it asks for: scene_place for anyone but the user, and its maps, with the
 * popup flag a map may change; unmaps go at once, policy_unmap) reach the
 * backend at a bounded rate per domain: PROPS_PER_S a second after a burst of
 * PROPS_BURST. On a desktop (x11) each such change is a handful of property
 * changes the window manager must read; a domain sending them as fast as its
 * socket takes them (80,000 titles in 2 s) kept openbox busy for minutes, so
 * the user's click on another domain's window was never handled and the keys
 * stayed with the flooding domain; maps and unmaps of popups as fast (each a
 * window made, mapped, unmapped, made again on the desktop) stalled openbox
 * and the daemon's writes to the desktop, and crashed Xwayland and sway
 * (hostile-domain trial, 2026-12-01). Held changes are coalesced per window (the
 * newest value is in the window already; only which kinds changed waits) and
 * applied in the order they were held, when the domain's rate allows. The
 * rule is the core's: every backend gets its window hooks through it.
 * A timerfd is armed only while a change is held (nothing wakes while idle).
 */
#ifndef VITRINE_PROPS_H
#define VITRINE_PROPS_H

#include <stdbool.h>
#include <stdint.h>

#include "list.h"
#include "waker.h"

#define PROPS_PER_S 20u
#define PROPS_BURST 40u

struct server;
struct window;

struct props {
	struct waker timer;    /* armed only while a change is held */
	struct list held;      /* windows with changes held (window.props_link), oldest first */
	uint64_t held_total;   /* changes held back, ever (test-props) */
	struct list tray_held; /* tray icons with a change held (tray_icon.held_link) */
};

/* At server_init: the timerfd (unarmed). 0 or -1 logged. */
int props_init(struct server *srv);
void props_finish(struct server *srv);
/* The domain changed what (WIN_CHANGED_TITLE, _FLAGS, _ICON, _GEOMETRY, _MAP) of win: to the
 * backend now if its domain's rate allows, else held. */
void props_changed(struct window *win, unsigned what);
/* Apply the held changes due at now_ns; arm the timer for the next. Called
 * before each repaint. */
void props_flush(struct server *srv, uint64_t now_ns);
/* win goes: its held changes with it. */
void props_window_gone(struct window *win);
/* A tray icon of a domain changed (its pixels, its title): shown by the
 * backend now if the domain's rate allows (the same rate as its windows'
 * changes: with no tray on the desktop an icon is a window the window
 * manager reads too; hostile-domain trial 4: 238,000 titles kept openbox
 * busy for minutes), else held, the newest kept, until it does. */
struct tray_icon;
void props_tray_changed(struct tray_icon *t);
/* t goes: its held change with it. */
void props_tray_gone(struct tray_icon *t);

#endif
