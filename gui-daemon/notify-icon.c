/*
 * NOTIFY_ICON: a shown notification's icon (protocol/notify.h). Marked
 * with the domain's label colour here (icon_mark, as tray icons), before
 * any backend sees it, so that no domain can show another domain's icon or
 * the daemon's unmarked. One icon a notification, freed with it (notify.c,
 * a replacement NOTIFY: tray.c); the notification is shown again with it
 * (backend_ops.notify). Refused, counted toward the cut-off: an icon for a
 * notification the domain does not have, or a second one for the same
 * NOTIFY (the agent sends at most one after each). The icon of a NOTIFY
 * just dropped over the rate is ignored: the agent could not know.
 */
#include <stdlib.h>

#include "backend.h"
#include "desktop.h"
#include "domain.h"
#include "notify.h"
#include "tray.h"

const char *handle_notify_icon(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)win;
	const struct vp_notify_icon *untrusted = &m->u.notify_icon; /* 1..64 a side: decoder */
	struct dnotify *n = NULL;
	for (unsigned i = 0; i < NOTIFY_LIVE && !n; i++)
		if (d->tray.live[i] && d->tray.live[i]->id == untrusted->id)
			n = d->tray.live[i];
	if (!n && d->tray.dropped == 1ull + untrusted->id) {
		d->tray.dropped = 0;
		return NULL;
	}
	if (!n || n->icon) {
		domain_refuse(d, RL_NOTIFY_ICON, "notification %u: icon refused: %s", untrusted->id,
			      n ? "it has one" : "it has none such");
		return NULL;
	}
	uint32_t count = untrusted->width * untrusted->height, label = domain_rgb(d);
	uint32_t *argb = malloc(4ull * count);
	if (!argb)
		return "out of memory";
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *p = untrusted->pixels + 4u * i;
		uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
			     (uint32_t)p[3] << 24;
		argb[i] = icon_mark(v, label);
	}
	n->icon = argb;
	n->icon_w = untrusted->width;
	n->icon_h = untrusted->height;
	notify_show(n);
	d->srv->changes++;
	return NULL;
}
