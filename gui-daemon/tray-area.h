/*
 * The daemon's own tray area and domain notifications (tray.h), where no
 * desktop shows them (the headless and drm backends): drawn by the daemon
 * over everything, hit-tested by the core.
 *
 * The tray area is a row of slots of `slot` pixels at the top right of the
 * scene (headless: over the composited output; drm: in the trusted bar),
 * one a shown icon, domain by domain: tray_paint's border in the icon's
 * label colour around its marked pixels over a dark plate. The last domain
 * notification is drawn under the trusted notice's place, in the domain
 * style of deco-notice.h (its label colour, "[domain]"), never the daemon's
 * own; it is taken down after DNOTIFY_MS by a timerfd armed only while one
 * is shown (the domain hears it expired; one drawn over it: closed), or by
 * a click on it (notify_user_click: the action of the button clicked, else its
 * default action, then dismissed).
 *
 * The pointer's rules over it are the core's (pointer.c asks
 * tray_area_button and tray_area_over before any window): nothing over the
 * area reaches a window under it; a click or scroll on an icon goes to
 * tray_user_button (tray.h: refused while locked or grabbed; keys never,
 * but to the menu its domain opens at the press: tray_menu_mapped).
 * A backend only draws (tray_area_draw_*) and says what to draw again
 * (damage).
 */
#ifndef VITRINE_TRAY_AREA_H
#define VITRINE_TRAY_AREA_H

#include <pixman.h>
#include <stdbool.h>

#include "decorations/deco-notice.h"
#include "gui-daemon/server.h"
#include "gui-daemon/tray.h"

/* How long a domain notification stays drawn: longer than the daemon's own
 * notices (NOTICE_MS), as long as dunst's default, for one the user must
 * not miss. */
#define DNOTIFY_MS 10000
/* ... but no longer than this while another domain's waits for its turn
 * (hostile-domain trial 15 #2: one domain notifying every 2 s, inside its
 * rate, took every other domain's notification down at once, for good):
 * a domain's newer one replaces its own; another's waits, one a domain,
 * in the order they came, a domain's newer one to the back. */
#define DNOTIFY_TURN_MS 4000
/* A domain's notifications up this long in a row (each replacing the last
 * one, or its next one coming as the last went) are taken down, and the
 * next within DNOTIFY_REST_MS after are not drawn (logged): a notification
 * replaced every 2 s stayed up for good (hostile-domain trial 17 F4). */
#define DNOTIFY_TURN_MAX_MS 20000
#define DNOTIFY_REST_MS 10000

/* The tray row's places, from the right end (tray_area_icon). */
#define TRAY_PLACES (MAX_DOMAINS * TRAY_PER_DOMAIN)

struct tray_area {
	struct server *srv;
	/* each icon's place, from the right end, for as long as it is docked;
	 * a gone icon's stays empty and its domain's (owner, compared only)
	 * for its domain's next icon; a new domain's icon goes to the far
	 * end; only empty places at the end go (nplaces) */
	struct tray_icon *place[TRAY_PLACES];
	const struct domain *owner[TRAY_PLACES];
	unsigned nplaces;
	struct source timer;
	int32_t slot; /* an icon's square, its border included */
	/* the backend's: box (scene coordinates) is to be drawn again; icons:
	 * it is the tray's row, else the notification's place */
	void (*damage)(struct tray_area *t, const pixman_box32_t *box, bool icons);
	bool shown;				    /* a notification is up */
	const struct dnotify *note;		    /* it, while the core has it (notify.h) */
	const struct dnotify *waiting[MAX_DOMAINS]; /* other domains', oldest first */
	unsigned nwaiting;
	char domain[64]; /* its domain's name */
	uint32_t rgb;	 /* its label colour */
	char text[VP_MAX_NOTIFY_SUMMARY + VP_MAX_NOTIFY_BODY + 4];
	pixman_box32_t box; /* where it is drawn */
	uint64_t shown_ms;  /* when (now_ms): the click guard's */
	uint64_t turn_ms;   /* when its domain's turn began (DNOTIFY_TURN_MS) */
	bool guard_told;    /* a press was taken within CLICK_GUARD_MS of it */
	/* by name: a domain gone and back (or another at its address) is
	 * the same one, or not, as the user sees it */
	char rest_dom[64];    /* DNOTIFY_REST_MS: not drawn */
	uint64_t rest_until;  /* till then */
	bool rest_told;	      /* logged once */
	char last_dom[64];    /* the last one taken down's */
	uint64_t last_end_ms; /* when */
	/* buttons pressed on the area: their releases are its too, wherever
	 * (to the icon pressed, if it is still there) */
	uint32_t held;
	const struct domain *held_dom;
	uint32_t held_id;
};

/* (tray-area-pointer.c's) n's actions but its default one, as buttons
 * (action[k]: button k's); the notification shown taken down. */
void tray_area_note_buttons(const struct dnotify *n, struct deco_buttons *btn, unsigned *action);
void tray_area_take_down(struct tray_area *t);

/* The area of srv (srv->tray_area): 0, or -1 with a log line. */
int tray_area_init(struct tray_area *t, struct server *srv, int32_t slot,
		   void (*damage)(struct tray_area *, const pixman_box32_t *, bool));
void tray_area_finish(struct tray_area *t);
/* backend_ops.tray and backend_ops.notify */
void tray_area_icon(struct tray_area *t, struct tray_icon *icon, unsigned what);
void tray_area_notify(struct tray_area *t, const struct dnotify *n);
/* backend_ops.notify_close: n is taken down, if it is the one shown. */
void tray_area_close(struct tray_area *t, const struct dnotify *n);
/* The notification is drawn (up, and the screen not locked). */
bool tray_area_notice_shown(const struct tray_area *t);
/* Draw the icons, or the notification, into img, which shows the scene
 * from (dx, dy) on. */
void tray_area_draw_icons(struct tray_area *t, pixman_image_t *img, int32_t dx, int32_t dy);
void tray_area_draw_notice(struct tray_area *t, pixman_image_t *img, int32_t dx, int32_t dy);

/* The core's (pointer.c): (x, y) is on a slot of the tray area or on the
 * notification, where no window may have the pointer. */
bool tray_area_over(struct server *srv, int32_t x, int32_t y);
/* A button at (x, y): true if the area took it (an icon's goes to
 * tray_user_button; a press on the notification is notify_user_click; the release
 * of a button pressed on the area, wherever it is). A release while a
 * window holds the pointer is that window's (its press was). */
bool tray_area_button(struct server *srv, int32_t x, int32_t y, uint32_t button, bool pressed);

#endif
