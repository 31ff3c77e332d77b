/*
 * A domain's notifications after NOTIFY (issue 14 item 4): the core keeps
 * each one shown (struct dnotify, tray.h) until the trusted side closes it
 * or the domain does, so that the domain hears what became of it:
 *
 *  - the trusted side closed it (expired, dismissed by the user, taken
 *    down): notify_closed, NOTIFY_EVENT(closed, reason) to the domain;
 *  - the user invoked one of its actions on the trusted side (x11: the
 *    desktop's notification service's ActionInvoked; headless: a click on
 *    the drawn notification: a button's action, else its default one): notify_user_action, the
 *    core's rules (never while the screen is locked, only an action the
 *    notification has), then NOTIFY_EVENT(action, index). Nothing else
 *    sends it: no domain can invoke another domain's action;
 *  - the domain closed it (NOTIFY_CLOSE): taken down (backend notify_close);
 *    an id it does not have is refused, counted toward the cut-off.
 *
 * At most NOTIFY_LIVE a domain: a new one past them takes the oldest down
 * (closed, reason undefined), as does a notification dropped over the rate.
 */
#ifndef VITRINE_NOTIFY_H
#define VITRINE_NOTIFY_H

#include <stdint.h>

#include "protocol/proto.h"

struct domain;
struct dnotify;
struct server;
struct window;

#define NOTIFY_LIVE 16

/* Show n (new, replaced, its icon come) on the trusted side: by the daemon
 * if it draws n already (notify_undelivered), else by the backend
 * (backend_ops.notify). */
void notify_show(const struct dnotify *n);
/* The desktop could not show n (x11: no notification service on its
 * session bus, no bus, the service refused it): the daemon draws it itself
 * in its tray area (tray-area.h) where the backend gave it one (x11 does,
 * as headless and drm), until it expires, is clicked or closed; else it is
 * logged. Its replacements are drawn there too (notify_show). */
void notify_undelivered(const struct dnotify *n);

/* The domain's notification id: the one shown (to be replaced), or a new
 * one (the oldest taken down if NOTIFY_LIVE are shown); NULL: no memory. */
struct dnotify *notify_slot(struct domain *d, uint32_t id);
/* NOTIFY's actions' labels into n, sanitized. */
void notify_set_actions(struct dnotify *n, const struct vp_notify *untrusted, bool utf8);
/* A NOTIFY dropped over the rate: the domain hears it closed (unless that
 * id is shown still). */
void notify_dropped(struct domain *d, uint32_t id);

/* The trusted side took n down (reason VP_NOTIFY_*): the domain is told,
 * n is freed (the backend forgot it already). */
void notify_closed(const struct dnotify *n, uint32_t reason);
/* The user invoked action index of n on the trusted side. */
void notify_user_action(const struct dnotify *n, uint32_t index);
/* The user clicked n where the daemon draws it (tray-area.c): on the button
 * of its action index, or elsewhere (index -1) its default action, if it
 * has one; then it is dismissed. */
void notify_user_click(const struct dnotify *n, int index);
/* The domain disconnected: its notifications taken down, nothing sent. */
void notify_domain_gone(struct domain *d);

#endif
