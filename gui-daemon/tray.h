/*
 * Tray icons and notifications from a domain (issue 14 items 3, 4).
 *
 * TRAY_ICON: the pixels of an icon the domain's agent embedded as its X
 * server's system tray (gui-agent/tray.c); at most TRAY_PER_DOMAIN icons of
 * at most VP_MAX_TRAY_ICON a side each (the tray quota), marked with the
 * label colour here (icon_mark, desktop.h) before any backend sees them.
 * TRAY_TITLE: its name, sanitized as titles are; every backend shows
 * tray_icon.name, "[domain] title", which the domain cannot choose.
 * A click or scroll on a shown icon comes back through tray_user_button,
 * which applies the core's rules and sends TRAY_BUTTON.
 *
 * NOTIFY: a desktop notification (the agent owns org.freedesktop.
 * Notifications in the domain). Sanitized as titles, a leading '[' of the
 * guest's text turned into '(' so that only the daemon's "[domain]" prefix
 * starts with one, rate-limited per domain (NOTIFY_BURST in
 * NOTIFY_PERIOD_MS; the excess dropped with one rate-limited log line), and
 * handed to the backend (backend_ops.notify), which shows it with the
 * domain's name and colour, never in the daemon's own notice style.
 */
#ifndef VITRINE_TRAY_H
#define VITRINE_TRAY_H

#include <stdbool.h>
#include <pixman.h>
#include <stdint.h>

#include "list.h"
#include "protocol/proto.h"

struct backend;
struct domain;
struct server;
struct window;

#define TRAY_PER_DOMAIN 8
#define TRAY_NAME_MAX 300
/* new tray icons a domain may dock, and icons undock, in NOTIFY_PERIOD_MS
 * (each is a window of the desktop's on x11, and each moves the icons after
 * it there: docking and undocking in a loop is refused) */
#define TRAY_DOCK_BURST 16
#define NOTIFY_BURST 5
#define NOTIFY_PERIOD_MS 10000

struct tray_icon {
	struct domain *dom;
	uint32_t id;		  /* the agent's number for it */
	uint32_t w, h;		  /* 0: no pixels yet */
	uint32_t *argb;		  /* w * h marked pixels, not premultiplied */
	uint32_t rgb;		  /* the label colour (border, background) */
	char name[TRAY_NAME_MAX]; /* "[domain] title": WM_NAME, tooltip */
	void *shown;		  /* the backend's */
	bool held;		  /* a change waits for its domain's rate (props.h) */
	int32_t area_x, area_y;	  /* where it is shown (tray_icon_at), */
	uint64_t area_ms;	  /* ... since when (0: never placed) */
	uint32_t guarded;	  /* buttons whose press the click guard took */
	struct list held_link;	  /* props.tray_held, while held */
};

/* The domain's part: in struct domain. */
struct tray_domain {
	struct tray_icon *icons[TRAY_PER_DOMAIN];
	uint64_t notified_ms[NOTIFY_BURST]; /* the last notifications shown, a ring */
	unsigned next;
	uint64_t docked_ms[TRAY_DOCK_BURST]; /* the last icons docked or undocked, a ring */
	unsigned next_dock;
	struct dnotify *live[16]; /* its notifications shown (notify.h: NOTIFY_LIVE) */
	uint64_t serial;	  /* of the last one shown */
	uint64_t dropped;	  /* 1 + the id of the last NOTIFY dropped over the rate, 0: none */
};

/* A notification as the backend shows it: every string sanitized, none
 * starting with '['. Kept by the core until it is closed (notify.h). */
struct dnotify {
	struct domain *dom;
	uint32_t id;			   /* the domain's number for it */
	uint64_t serial;		   /* the order shown */
	uint32_t nactions, default_action; /* default_action: 1 + index, 0: none */
	char labels[VP_MAX_NOTIFY_ACTIONS][VP_MAX_NOTIFY_LABEL + 1]; /* sanitized */
	const char *domain;					     /* its name */
	uint32_t rgb;						     /* its label colour */
	char app[VP_MAX_NOTIFY_APP + 1];
	char summary[VP_MAX_NOTIFY_SUMMARY + 1];
	char body[VP_MAX_NOTIFY_BODY + 1];
	char title[VP_MAX_NOTIFY_SUMMARY + 80]; /* "[domain] summary" */
	uint32_t icon_w, icon_h;		/* its icon (NOTIFY_ICON), 0: none */
	uint32_t *icon; /* icon_w * icon_h pixels marked (icon_mark), not premultiplied */
};

/* backend_ops.tray's what */
enum { TRAY_SHOW = 1, TRAY_GONE = 2 };

const char *handle_tray_icon(struct domain *d, struct window *win, const struct vp_msg *m);
const char *handle_tray_title(struct domain *d, struct window *win, const struct vp_msg *m);
const char *handle_notify(struct domain *d, struct window *win, const struct vp_msg *m);
const char *handle_notify_close(struct domain *d, struct window *win,
				const struct vp_msg *m); /* notify.c */
const char *handle_notify_icon(struct domain *d, struct window *win,
			       const struct vp_msg *m); /* notify-icon.c */

/* The domain disconnected: its icons go. */
void tray_domain_gone(struct domain *d);

/* The menu a domain opens at the user's press on its tray icon (its first
 * popup shown within FOCUS_CHOICE_MS after it) has the keys while it is
 * shown, then they go back to the window that had them, if still shown.
 * They stayed with another domain's window: Down, Down, Return chosen in
 * bank's tray menu ran a line in chat's terminal, and the menu stayed open
 * (new-user trial 14 #3). tray_menu_mapped: win was mapped and shown;
 * tray_menu_gone: win is unmapped or destroyed. */
void tray_menu_mapped(struct server *srv, struct window *win);
void tray_menu_gone(struct server *srv, struct window *win);
/* A menu smaller than this has none (hostile-domain trial 17 F1). */
#define TRAY_MENU_MIN_W 48
#define TRAY_MENU_MIN_H 24
/* Its domain moved or resized it (win): it keeps the keys only where and as
 * it would have got them (hostile-domain trial 17 F1: moved to a corner,
 * shrunk to 32x16 in the desktop's colour, it kept them); or mapped, moved
 * or resized another window (win) over more than half of it. */
void tray_menu_moved(struct server *srv, struct window *win);
/* A notification of d is shown, or a window of d mapped (not a popup: a
 * submenu): d's menu with the keys loses them (hostile-domain trial 17 F2:
 * its domain hid it under its own notification, on every backend: the
 * daemon's, dunst's; review of 2026-12-03: under its own new window). */
void tray_menu_covered(struct server *srv, const struct domain *d);
/* The user pressed a button at x, y on the output (elsewhere than on a
 * tray icon: TRAY_ELSEWHERE) or a key: a press on a tray icon away from
 * there is the user's choice no longer, and no menu answers it (hostile-
 * domain trial 15 #1: a popup mapped 0.8 s after the press took the keys
 * the user was typing into the window clicked since). */
#define TRAY_ELSEWHERE INT32_MIN
void tray_user_pressed(struct server *srv, int32_t x, int32_t y);

/* The backend shows t at x, y on the output (its top left): an icon that
 * came there less than CLICK_GUARD_MS before a press takes no press, nor
 * its release (the click guard, tray_user_button: a tray packs its icons,
 * and one docked or undocked moves the others under the user's click:
 * hostile-domain trial 15 #4). */
void tray_icon_at(struct tray_icon *t, int32_t x, int32_t y);

/* The user clicked or scrolled on t (x, y in t's pixels; the icon shown
 * at at on the screen): to its application, unless the core's
 * rules say no (the screen locked, another window holding the pointer).
 * Before a press its agent is told where the icon is (TRAY_PLACE), so that
 * a menu the application opens at the icon comes up there. */
void tray_user_button(struct tray_icon *t, uint32_t button, bool pressed, int32_t x, int32_t y,
		      const struct vp_rect *at, uint32_t state);

/* Make untrusted text safe to show in a notification (sanitize.c's rules,
 * a leading '[' or any other opening bracket made '('). */
void tray_clean(const struct vp_string *untrusted, bool utf8, char *out, size_t cap);

/* Draw t into the side x side square at (x, y) of img (x8r8g8b8): a border
 * of TRAY_BORDER pixels in its label colour, a dark plate, its marked
 * pixels scaled over the plate. Clipped to img. */
#define TRAY_BORDER 2
#define TRAY_PLATE 0x202020
void tray_paint(pixman_image_t *img, const struct tray_icon *t, int32_t x, int32_t y, int32_t side);

#endif
