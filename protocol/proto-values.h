/*
 * The vitrine protocol's flag bits and enumerated values inside messages
 * (window flags, WMFLAGS, WINDOW_TYPE, CURSOR shapes, WINDOW_STATE, HINTS).
 * Included by proto.h; read it there.
 */
#ifndef VITRINE_PROTO_VALUES_H
#define VITRINE_PROTO_VALUES_H

#include <stdint.h>

/* window flags in CREATE, MAP, CONFIGURE */
#define VP_WIN_OVERRIDE_REDIRECT 0x1u
#define VP_WIN_FLAGS_ALL 0x1u

/* WMFLAGS bits */
#define VP_WM_URGENT 0x1u
#define VP_WM_FULLSCREEN 0x2u /* the guest asks for fullscreen */
#define VP_WM_MINIMIZED 0x4u
#define VP_WM_DEMANDS_ATTENTION 0x8u
#define VP_WM_MAXIMIZED 0x10u /* the guest asks to be maximized (both ways) */
#define VP_WM_ALL 0x1fu

/* WINDOW_TYPE values, the EWMH _NET_WM_WINDOW_TYPE_* a guest window says it
 * is (the first it lists that the agent knows; none: NORMAL, or DIALOG for a
 * transient window). Any number may arrive: the daemon shows an unknown one,
 * and DOCK and DESKTOP, as NORMAL (policy_window_type). */
enum vp_wintype {
	VP_WINTYPE_NORMAL = 0,
	VP_WINTYPE_DIALOG = 1,
	VP_WINTYPE_UTILITY = 2,
	VP_WINTYPE_SPLASH = 3,
	VP_WINTYPE_TOOLBAR = 4,
	VP_WINTYPE_MENU = 5,
	VP_WINTYPE_DROPDOWN_MENU = 6,
	VP_WINTYPE_POPUP_MENU = 7,
	VP_WINTYPE_TOOLTIP = 8,
	VP_WINTYPE_NOTIFICATION = 9,
	VP_WINTYPE_COMBO = 10,
	VP_WINTYPE_DND = 11,
	VP_WINTYPE_DOCK = 12,
	VP_WINTYPE_DESKTOP = 13,
	VP_WINTYPE_COUNT
};

/* CURSOR shapes: 0 is the desktop's default; N (1..77) is the X cursor
 * font's glyph 2 * (N - 1), named by vp_cursor_name (protocol/cursor.c). A
 * number at or over VP_CURSOR_COUNT is a violation. Only these numbers cross
 * the boundary, never cursor pixels (ATTACKS row 15). */
#define VP_CURSOR_DEFAULT 0u
#define VP_CURSOR_COUNT 78u
/* The name of shape id ("xterm"; "default" for 0), or NULL. */
const char *vp_cursor_name(uint32_t id);
/* The shape of a cursor name as XFixes reports it (a cursor font name, or a
 * theme's CSS name such as "text" or "pointer"); any other: the default. */
uint32_t vp_cursor_id(const char *untrusted_name);

/* WINDOW_STATE bits: how the user's desktop shows the window now, as the
 * guest should believe it (a fullscreen the daemon shows maximized is still
 * fullscreen to the guest) */
#define VP_STATE_MINIMIZED 0x1u
#define VP_STATE_MAXIMIZED 0x2u
#define VP_STATE_FULLSCREEN 0x4u
#define VP_STATE_ALL 0x7u

/* HINTS flags (which fields are meaningful) */
#define VP_HINT_MIN 0x1u
#define VP_HINT_MAX 0x2u
#define VP_HINT_INC 0x4u
#define VP_HINT_BASE 0x8u
#define VP_HINT_USPOS 0x10u
#define VP_HINT_PPOS 0x20u
#define VP_HINT_ALL 0x3fu

#endif
