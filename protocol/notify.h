/*
 * A notification's actions and its life after NOTIFY (issue 14 item 4),
 * included by proto.h; the codecs are in notify.c.
 *
 * NOTIFY (tray.c) carries, from VP_MINOR_NOTIFY, up to VP_MAX_NOTIFY_ACTIONS
 * action labels after its body (byte 10: how many; byte 11: 1 + the index
 * of the default action, 0 for none; each label a u8 length and at most
 * VP_MAX_NOTIFY_LABEL raw bytes). The keys stay in the domain: the daemon
 * only ever names an action by its index.
 *
 * NOTIFY_CLOSE (agent, window 0): u32 id, an application closed its
 * notification (CloseNotification); the daemon takes it down.
 * NOTIFY_EVENT (daemon, window 0): u32 id | u32 event | u32 value; event
 * VP_NOTIFY_CLOSED with value the reason (VP_NOTIFY_EXPIRED..UNDEFINED, as
 * org.freedesktop.Notifications' NotificationClosed), or VP_NOTIFY_ACTION
 * with value the action's index, which the user invoked on the trusted side.
 *
 * NOTIFY_ICON (agent, window 0, from VP_MINOR_NOTIFY): u32 id | u32 w | u32 h |
 * w * h little-endian 0xAARRGGBB pixels (as ICON), 1..VP_MAX_TRAY_ICON a
 * side: the icon of the notification id the agent sent (its image-data
 * hint, scaled down in the agent). Codec in notify-icon.c.
 */
#ifndef VITRINE_PROTO_NOTIFY_H
#define VITRINE_PROTO_NOTIFY_H

#include <stdint.h>

#define VP_MAX_NOTIFY_ACTIONS 8u /* actions in a NOTIFY */
#define VP_MAX_NOTIFY_LABEL 64u	 /* bytes of an action's label */

enum { VP_NOTIFY_CLOSED = 1, VP_NOTIFY_ACTION = 2 };
enum {
	VP_NOTIFY_EXPIRED = 1,
	VP_NOTIFY_DISMISSED = 2,
	VP_NOTIFY_BY_CALL = 3,
	VP_NOTIFY_UNDEFINED = 4
};

struct vp_notify_event {
	uint32_t id, event, value;
};
struct vp_notify_icon {
	uint32_t id, width, height;
	const uint8_t *pixels; /* width * height * 4 bytes, into the input */
};

#endif
