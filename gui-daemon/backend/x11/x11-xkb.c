/*
 * The desktop's keyboard layout, followed (XKB). The keycodes of the
 * desktop's key events mean what the desktop's keymap says, so that keymap
 * is the router's: read from the desktop X server with xkbcommon-x11 at
 * start and again whenever it changes (XkbNewKeyboardNotify: setxkbmap, a
 * new keyboard), with its XKB rule names from the root's _XKB_RULES_NAMES
 * (setxkbmap writes them just after the keymap: their PropertyNotify reads
 * both again). A change of some keys' symbols (XkbMapNotify: xmodmap; tools
 * that type through a spare keycode, mapping it for each character and back
 * after the key: xdotool type, auto-type) is read only before the next key
 * press: at the press the spare is still mapped (read at the change, the
 * keymap was often the one after the mapping back, and the character was
 * lost), and the two changes a character costs need no round trips. The
 * core passes the names on to every domain (LAYOUT) and, with each key
 * press, what the keymap makes of it (KEYSYM); the group the user switched
 * to travels in each key event's own state, so group changes need no event
 * of their own.
 */
#include "x11.h"

#include <stdlib.h>
#include <string.h>
#include <xcb/xkb.h>
#include <xkbcommon/xkbcommon-x11.h>

#include "input/input.h"

/* The first bytes every XKB event shares. */
struct xkb_any {
	uint8_t response_type, xkb_type;
	uint16_t sequence;
	xcb_timestamp_t time;
	uint8_t device_id;
};

/* A name that LAYOUT may carry (protocol/proto.c checks the same). */
static bool layout_name_ok(const char *s, size_t n)
{
	if (n >= 64) /* the router keeps 63 bytes */
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_,:()+-",
			    s[i]) ||
		    !s[i])
			return false;
	return true;
}

/* The root's _XKB_RULES_NAMES: five strings, each NUL-terminated. false if
 * absent or not fit for LAYOUT. */
static bool read_names(struct x11 *x, char names[5][64])
{
	xcb_get_property_reply_t *r =
		xcb_get_property_reply(x->c,
				       xcb_get_property(x->c, 0, x->screen->root, x->xkb_names_atom,
							XCB_ATOM_STRING, 0, 1024),
				       NULL);
	bool ok = r && r->format == 8 && r->type == XCB_ATOM_STRING;
	const char *p = ok ? xcb_get_property_value(r) : NULL;
	size_t left = ok ? (size_t)xcb_get_property_value_length(r) : 0;
	for (int i = 0; ok && i < 5; i++) {
		size_t n = strnlen(p, left);
		ok = layout_name_ok(p, n);
		if (ok)
			memcpy(names[i], p, n), names[i][n] = '\0';
		p += n < left ? n + 1 : n;
		left -= n < left ? n + 1 : n;
	}
	free(r);
	return ok;
}

/* Read the desktop's keymap and names again and hand them to the core. */
static void reload(struct x11 *x)
{
	x->xkb_stale = false;
	struct xkb_keymap *km = xkb_x11_keymap_new_from_device(x->xkb_ctx, x->c, x->xkb_device,
							       XKB_KEYMAP_COMPILE_NO_FLAGS);
	if (!km) {
		vlog("x11: cannot read the desktop's keymap; the last one stays");
		return;
	}
	char names[5][64];
	bool named = read_names(x, names);
	const char *const np[5] = { names[0], names[1], names[2], names[3], names[4] };
	server_keymap_changed(x->srv, km, named ? np : NULL);
	xkb_keymap_unref(km);
}

void x11_xkb_init(struct x11 *x)
{
	uint8_t first_event = 0;
	if (!xkb_x11_setup_xkb_extension(
		    x->c, XKB_X11_MIN_MAJOR_XKB_VERSION, XKB_X11_MIN_MINOR_XKB_VERSION,
		    XKB_X11_SETUP_XKB_EXTENSION_NO_FLAGS, NULL, NULL, &first_event, NULL) ||
	    (x->xkb_device = xkb_x11_get_core_keyboard_device_id(x->c)) < 0 ||
	    !(x->xkb_ctx = xkb_context_new(XKB_CONTEXT_NO_ENVIRONMENT_NAMES))) {
		vlog("x11: no XKB on the desktop X server; the keyboard layout is --keyboard's");
		return;
	}
	xcb_intern_atom_reply_t *a = xcb_intern_atom_reply(
		x->c, xcb_intern_atom(x->c, 0, strlen("_XKB_RULES_NAMES"), "_XKB_RULES_NAMES"),
		NULL);
	x->xkb_names_atom = a ? a->atom : XCB_ATOM_NONE;
	free(a);
	uint16_t events = XCB_XKB_EVENT_TYPE_NEW_KEYBOARD_NOTIFY | XCB_XKB_EVENT_TYPE_MAP_NOTIFY;
	uint16_t maps = XCB_XKB_MAP_PART_KEY_TYPES | XCB_XKB_MAP_PART_KEY_SYMS |
			XCB_XKB_MAP_PART_MODIFIER_MAP | XCB_XKB_MAP_PART_EXPLICIT_COMPONENTS |
			XCB_XKB_MAP_PART_KEY_ACTIONS | XCB_XKB_MAP_PART_VIRTUAL_MODS |
			XCB_XKB_MAP_PART_VIRTUAL_MOD_MAP;
	xcb_xkb_select_events_details_t none = { 0 }; /* selectAll: every detail */
	xcb_xkb_select_events_aux(x->c, (xcb_xkb_device_spec_t)x->xkb_device, events, 0, events,
				  maps, maps, &none);
	x->xkb_event = first_event;
	reload(x);
}

bool x11_xkb_event(struct x11 *x, xcb_generic_event_t *ev)
{
	uint8_t type = ev->response_type & 0x7f;
	if (!x->xkb_ctx)
		return false;
	if (type == XCB_PROPERTY_NOTIFY) {
		xcb_property_notify_event_t *e = (xcb_property_notify_event_t *)ev;
		if (e->window != x->screen->root || e->atom != x->xkb_names_atom ||
		    x->xkb_names_atom == XCB_ATOM_NONE)
			return false;
		reload(x);
		return true;
	}
	if (type != x->xkb_event)
		return false;
	const struct xkb_any *e = (const struct xkb_any *)ev;
	if (e->device_id != x->xkb_device)
		return true;
	if (e->xkb_type == XCB_XKB_NEW_KEYBOARD_NOTIFY)
		reload(x);
	else if (e->xkb_type == XCB_XKB_MAP_NOTIFY)
		x->xkb_stale = true; /* read at the next key press: x11_xkb_fresh */
	return true;
}

void x11_xkb_fresh(struct x11 *x)
{
	if (x->xkb_stale)
		reload(x);
}

void x11_xkb_finish(struct x11 *x)
{
	xkb_context_unref(x->xkb_ctx);
	x->xkb_ctx = NULL;
}
