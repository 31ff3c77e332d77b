/*
 * The desktop's messages from a domain (desktop.c): CURSOR, a shape number
 * from the fixed set (protocol/desktop.c), and ICON, an image checked,
 * counted against the domain's icon quota and marked with its label colour
 * before anyone shows it.
 */
#ifndef VITRINE_DESKTOP_H
#define VITRINE_DESKTOP_H

#include <stdint.h>

#include "domain.h"

/* The largest icon a well-behaved agent sends (gui-agent/icon.c): its
 * bytes, per window, are the icon quota. */
#define ICON_AGENT_MAX 64u

/* The bytes of icons d may hold: ICON_AGENT_MAX^2 * 4 per window of its
 * window quota, at least 1 MiB. */
uint64_t icon_quota(const struct domain *d);

/* The marking: every pixel's colour becomes 3/5 of the label colour and 2/5
 * of the pixel's own grey (its luminance); its alpha is kept. An untrusted
 * domain's icon can thus never show another label's colours. */
uint32_t icon_mark(uint32_t argb, uint32_t label_rgb);

/* The handlers of handle.c's table. */
const char *handle_cursor(struct domain *d, struct window *win, const struct vp_msg *m);
const char *handle_icon(struct domain *d, struct window *win, const struct vp_msg *m);

#endif
