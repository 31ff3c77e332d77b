/* The agent's notification service (notify.c), beyond agent.h's. */
#ifndef VITRINE_AGENT_NOTIFY_H
#define VITRINE_AGENT_NOTIFY_H

#include "protocol/proto.h"

struct agent;

/* The daemon's NOTIFY_EVENT: NotificationClosed or ActionInvoked. */
void notify_event(struct agent *a, const struct vp_notify_event *e);

#endif
