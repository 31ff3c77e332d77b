/*
 * THE protocol table: one row per message type, indexed by its number.
 * vp_decode (proto.c), vp_encode (proto-encode.c), the names in the logs,
 * the order of a session (vp_check_order), the descriptor rule
 * (vp_msg_fds), the unit tests and the daemon's handlers (which must exist
 * for exactly the agent's rows, gui-daemon/handle.c) all read it.
 *
 * To add a message type: give it a number in enum vp_type (agent's below
 * 0x80, daemon's above; raise VP_TYPE_MAX if it is the largest) and a struct
 * in union vp_msg.u (proto.h); write its decoder in proto.c (CURSOR's and
 * ICON's are in desktop.c: proto.c is full) and its encoder
 * (and for a variable length its size function) in proto-encode.c, declared
 * in wire.h; add its row below. For an agent's type add its handler to
 * handlers[] in gui-daemon/handle.c. Then tests/unit/proto-util.h needs a
 * sample of it (every table loop of the unit tests fails until it has one)
 * and test_table's row count goes up by one; the loops do the rest.
 */
#include "proto.h"

#include "wire.h"

/* The name, and the violations that quote it. */
#define NAMED(T)                                                                                   \
	.name = #T, .too_short = #T " body too short", .not_first = "first message is not " #T,    \
	.again = "second " #T
/* A fixed-size body of LEN bytes. */
#define FIXED(LEN) .min_len = (LEN), .max_len = (LEN)
#define AGENT .from = VP_FROM_AGENT
#define DAEMON .from = VP_FROM_DAEMON
#define WIN .window = true
#define CONN .window = false
#define FIRST .when = VP_WHEN_FIRST
#define SESSION .when = VP_WHEN_SESSION
#define CODEC(name) .decode = vp_dec_##name, .encode = vp_enc_##name

unsigned vp_fds_buffer(const struct vp_msg *m)
{
	return m->u.buffer.kind == VP_BUF_LOCAL; /* a sealed memfd; the grant form has none */
}

const struct vp_type_info vp_types[VP_TYPE_MAX + 1] = {
	/* ---- agent -> daemon ---- */
	[VP_HELLO] = { NAMED(HELLO), AGENT, FIXED(8), CONN, FIRST, CODEC(hello) },
	[VP_CREATE] = { NAMED(CREATE), AGENT, FIXED(24), WIN, SESSION, CODEC(create) },
	[VP_DESTROY] = { NAMED(DESTROY), AGENT, FIXED(0), WIN, SESSION, CODEC(empty) },
	[VP_MAP] = { NAMED(MAP), AGENT, FIXED(8), WIN, SESSION, CODEC(map) },
	[VP_UNMAP] = { NAMED(UNMAP), AGENT, FIXED(0), WIN, SESSION, CODEC(empty) },
	[VP_CONFIGURE] = { NAMED(CONFIGURE), AGENT, FIXED(20), WIN, SESSION, CODEC(configure) },
	[VP_DAMAGE] = { NAMED(DAMAGE), AGENT, FIXED(16), WIN, SESSION, CODEC(damage) },
	[VP_BUFFER] = { NAMED(BUFFER), AGENT, .min_len = 32, .max_len = VP_MAX_BODY, WIN, SESSION,
			.fds = vp_fds_buffer, CODEC(buffer), .size = vp_size_buffer },
	[VP_TITLE] = { NAMED(TITLE), AGENT, .min_len = 0, .max_len = VP_MAX_TITLE, WIN, SESSION,
		       CODEC(title), .size = vp_size_title, .too_long = "title body too long" },
	[VP_CLASS] = { NAMED(CLASS), AGENT, .min_len = 4, .max_len = 4 + 2 * VP_MAX_CLASS, WIN,
		       SESSION, CODEC(class), .size = vp_size_class,
		       .too_long = "class body too long" },
	[VP_HINTS] = { NAMED(HINTS), AGENT, FIXED(36), WIN, SESSION, CODEC(hints) },
	[VP_WMFLAGS] = { NAMED(WMFLAGS), AGENT, FIXED(4), WIN, SESSION, CODEC(wmflags) },
	[VP_CLIPBOARD_DATA] = { NAMED(CLIPBOARD_DATA), AGENT, .min_len = 4,
				.max_len = 4 + VP_MAX_CLIPBOARD, CONN, SESSION,
				CODEC(clipboard_data), .size = vp_size_clipboard_data,
				.too_long = "clipboard body too long" },
	[VP_WINDOW_TYPE] = { NAMED(WINDOW_TYPE), AGENT, FIXED(4), WIN, SESSION, CODEC(wintype) },
	[VP_CURSOR] = { NAMED(CURSOR), AGENT, FIXED(4), WIN, SESSION, CODEC(cursor) },
	[VP_ICON] = { NAMED(ICON), AGENT, .min_len = 8,
		      .max_len = 8 + 4 * VP_MAX_ICON * VP_MAX_ICON, WIN, SESSION, CODEC(icon),
		      .size = vp_size_icon, .too_long = "icon body too long" },
	[VP_TRAY_ICON] = { NAMED(TRAY_ICON), AGENT, .min_len = 8,
			   .max_len = 8 + 4 * VP_MAX_TRAY_ICON * VP_MAX_TRAY_ICON, WIN, SESSION,
			   CODEC(tray_icon), .size = vp_size_tray_icon,
			   .too_long = "tray icon body too long" },
	[VP_TRAY_TITLE] = { NAMED(TRAY_TITLE), AGENT, .min_len = 0, .max_len = VP_MAX_TITLE, WIN,
			    SESSION, CODEC(title), .size = vp_size_title },
	[VP_NOTIFY] = { NAMED(NOTIFY), AGENT, .min_len = 12,
			.max_len = 12 + VP_MAX_NOTIFY_APP + VP_MAX_NOTIFY_SUMMARY +
				   VP_MAX_NOTIFY_BODY +
				   VP_MAX_NOTIFY_ACTIONS * (1 + VP_MAX_NOTIFY_LABEL),
			CONN, SESSION, CODEC(notify), .size = vp_size_notify,
			.too_long = "notification body too long" },
	[VP_SYNC_DONE] = { NAMED(SYNC_DONE), AGENT, FIXED(4), WIN, SESSION, CODEC(sync_done) },
	[VP_FRAME] = { NAMED(FRAME), AGENT, FIXED(4), WIN, SESSION, CODEC(frame) },
	[VP_NOTIFY_CLOSE] = { NAMED(NOTIFY_CLOSE), AGENT, FIXED(4), CONN, SESSION,
			      CODEC(notify_close) },
	[VP_PRESENT] = { NAMED(PRESENT), AGENT, FIXED(8), WIN, SESSION, CODEC(present) },
	[VP_NOTIFY_ICON] = { NAMED(NOTIFY_ICON), AGENT, .min_len = 12,
			     .max_len = 12 + 4 * VP_MAX_TRAY_ICON * VP_MAX_TRAY_ICON, CONN, SESSION,
			     CODEC(notify_icon), .size = vp_size_notify_icon,
			     .too_long = "notification icon body too long" },

	/* ---- daemon -> agent ---- */
	[VP_WELCOME] = { NAMED(WELCOME), DAEMON, FIXED(12), CONN, FIRST, CODEC(welcome) },
	[VP_SET_GEOMETRY] = { NAMED(SET_GEOMETRY), DAEMON, FIXED(16), WIN, SESSION,
			      CODEC(geometry) },
	[VP_CLOSE] = { NAMED(CLOSE), DAEMON, FIXED(0), WIN, SESSION, CODEC(empty) },
	[VP_SCREEN] = { NAMED(SCREEN), DAEMON, FIXED(8), CONN, SESSION, CODEC(screen) },
	[VP_RELEASE] = { NAMED(RELEASE), DAEMON, FIXED(4), WIN, SESSION, CODEC(release) },
	[VP_KEY] = { NAMED(KEY), DAEMON, FIXED(12), WIN, SESSION, CODEC(key) },
	[VP_BUTTON] = { NAMED(BUTTON), DAEMON, FIXED(20), WIN, SESSION, CODEC(button) },
	[VP_MOTION] = { NAMED(MOTION), DAEMON, FIXED(12), WIN, SESSION, CODEC(motion) },
	[VP_CROSSING] = { NAMED(CROSSING), DAEMON, FIXED(16), WIN, SESSION, CODEC(crossing) },
	[VP_FOCUS] = { NAMED(FOCUS), DAEMON, FIXED(4), WIN, SESSION, CODEC(focus) },
	[VP_KEYMAP] = { NAMED(KEYMAP), DAEMON, FIXED(32), CONN, SESSION, CODEC(keymap) },
	[VP_LAYOUT] = { NAMED(LAYOUT), DAEMON, .min_len = 10, .max_len = 10 + 5 * VP_MAX_LAYOUT,
			CONN, SESSION, CODEC(layout), .size = vp_size_layout },
	[VP_CLIPBOARD_REQUEST] = { NAMED(CLIPBOARD_REQUEST), DAEMON, FIXED(4), CONN, SESSION,
				   CODEC(clipboard_request) },
	[VP_CLIPBOARD_PASTE] = { NAMED(CLIPBOARD_PASTE), DAEMON, .min_len = 0,
				 .max_len = VP_MAX_CLIPBOARD, CONN, SESSION, CODEC(clipboard_paste),
				 .size = vp_size_clipboard_paste,
				 .too_long = "clipboard body too long" },
	[VP_WINDOW_STATE] = { NAMED(WINDOW_STATE), DAEMON, FIXED(4), WIN, SESSION, CODEC(state) },
	[VP_KEYSYM] = { NAMED(KEYSYM), DAEMON, FIXED(8), WIN, SESSION, CODEC(keysym) },
	[VP_TRAY_BUTTON] = { NAMED(TRAY_BUTTON), DAEMON, FIXED(20), WIN, SESSION, CODEC(button) },
	[VP_MONITORS] = { NAMED(MONITORS), DAEMON, .min_len = 8 + 24,
			  .max_len = 8 + 24 * VP_MAX_MONITORS, CONN, SESSION, CODEC(monitors),
			  .size = vp_size_monitors, .too_long = "monitors body too long" },
	[VP_SYNC_REQUEST] = { NAMED(SYNC_REQUEST), DAEMON, FIXED(12), WIN, SESSION,
			      CODEC(sync_request) },
	[VP_FRAME_DONE] = { NAMED(FRAME_DONE), DAEMON, FIXED(4), WIN, SESSION, CODEC(frame) },
	[VP_NOTIFY_EVENT] = { NAMED(NOTIFY_EVENT), DAEMON, FIXED(12), CONN, SESSION,
			      CODEC(notify_event) },
	[VP_TRAY_PLACE] = { NAMED(TRAY_PLACE), DAEMON, FIXED(12), WIN, SESSION, CODEC(motion) },
};

const struct vp_type_info *vp_type_info(uint32_t type)
{
	return type <= VP_TYPE_MAX && vp_types[type].name ? &vp_types[type] : NULL;
}

const char *vp_type_name(uint32_t type)
{
	const struct vp_type_info *t = vp_type_info(type);
	return t ? t->name : "unknown";
}

const char *vp_check_order(uint32_t type, bool handshake_done)
{
	const struct vp_type_info *t = vp_type_info(type);
	if (!t)
		return "unknown message type";
	if (handshake_done)
		return t->when == VP_WHEN_FIRST ? t->again : NULL;
	if (t->when == VP_WHEN_FIRST)
		return NULL;
	for (uint32_t i = 0; i <= VP_TYPE_MAX; i++) /* the sender's handshake type */
		if (vp_types[i].name && vp_types[i].from == t->from &&
		    vp_types[i].when == VP_WHEN_FIRST)
			return vp_types[i].not_first;
	return "no handshake type"; /* not reached: each side has one */
}

unsigned vp_msg_fds(const struct vp_msg *m)
{
	const struct vp_type_info *t = vp_type_info(m->type);
	return t && t->fds ? t->fds(m) : 0;
}

bool vp_prefix_may_carry_fd(const uint8_t *untrusted, size_t len)
{
	if (len == 0)
		return false; /* no message */
	for (uint32_t i = 0; i <= VP_TYPE_MAX; i++) {
		if (!vp_types[i].fds)
			continue;
		uint8_t le[4] = { (uint8_t)i, (uint8_t)(i >> 8), (uint8_t)(i >> 16),
				  (uint8_t)(i >> 24) };
		size_t k = 0;
		while (k < len && k < 4 && untrusted[k] == le[k])
			k++;
		if (k == len || k == 4)
			return true;
	}
	return false;
}
