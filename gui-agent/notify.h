/* The agent's notification service (notify.c), beyond agent.h's. */
#ifndef VITRINE_AGENT_NOTIFY_H
#define VITRINE_AGENT_NOTIFY_H

#include <stdbool.h>
#include <systemd/sd-bus.h>

#include "protocol/proto.h"

struct agent;

/* The daemon's NOTIFY_EVENT: NotificationClosed or ActionInvoked. */
void notify_event(struct agent *a, const struct vp_notify_event *e);
/* notify-icon.c: Notify's hints (m at them) read; its image into out (id 0,
 * pixels in a static buffer, valid until the next call); false: none. */
bool notify_icon_read(sd_bus_message *m, struct vp_notify_icon *out);

#endif
