/*
 * The headless backend's tray and notifications (gui-daemon/tray.h), drawn
 * by the daemon over the composited output: a tray area at the top right
 * (one slot per icon, HTRAY_SLOT pixels, the icon scaled into it over a
 * dark plate inside a border of HTRAY_BORDER pixels in its domain's label
 * colour, domain by domain) and the last domain notification under the
 * trusted notice's place, in the domain style of deco-notice.h, taken down
 * after NOTICE_MS by a timerfd armed only while it is shown (the domain
 * hears it expired; one drawn over it: closed). A click on it is the
 * core's (notify_at).
 */
#ifndef VITRINE_HEADLESS_TRAY_H
#define VITRINE_HEADLESS_TRAY_H

#include <pixman.h>
#include <stdbool.h>

#include "gui-daemon/server.h"
#include "gui-daemon/tray.h"

#define HTRAY_ICON 24
#define HTRAY_BORDER 2
#define HTRAY_SLOT (HTRAY_ICON + 2 * HTRAY_BORDER)

struct htray {
	struct server *srv;
	struct source timer;
	bool shown;		    /* a notification is drawn */
	const struct dnotify *note; /* it, while the core has it (notify.h) */
	char domain[64];	    /* its domain's name */
	uint32_t rgb;		    /* its label colour */
	char text[VP_MAX_NOTIFY_SUMMARY + VP_MAX_NOTIFY_BODY + 4];
	pixman_box32_t box; /* where it is drawn */
};

int htray_init(struct htray *t, struct server *srv);
void htray_finish(struct htray *t);
void htray_icon(struct htray *t, struct tray_icon *icon, unsigned what);
void htray_notify(struct htray *t, const struct dnotify *n);
/* n is taken down (backend_ops.notify_close). */
void htray_close(struct htray *t, const struct dnotify *n);
/* Draw the tray area and the notification over img (the output). */
void htray_draw(struct htray *t, pixman_image_t *img);
/* The icon in the tray area at output position (x, y), its pixel in *ix,
 * *iy; or NULL. */
struct tray_icon *htray_at(struct htray *t, int32_t x, int32_t y, int32_t *ix, int32_t *iy);

#endif
