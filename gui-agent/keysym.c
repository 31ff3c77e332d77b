/*
 * The desktop's layout, whatever the domain's keymap. Before each key press
 * the daemon says what the user's layout makes of it (KEYSYM); the domain's
 * own keymap is asked the same (xkbcommon-x11, read from our X server again
 * after every change to it), under the modifiers the press will be injected
 * with. When they agree, which they do once the domain's layout follows the
 * desktop's (LAYOUT, layout.c), the key goes in as it came. Otherwise
 * another key of the domain's keymap that gives the keysym under those
 * modifiers is pressed instead, and if none does, a spare keycode (one with
 * no symbols in the domain's keymap) is mapped to the keysym first, as
 * xdotool does: é, ß, €, ñ arrive even in a domain whose keymap lacks them.
 *
 * The group the desktop's layout is in (the key's state, bits 13-14) is
 * locked here too, when the domain's keymap has that many: a desktop
 * switched from us to de in "us,de" types the German keys with the same
 * keycodes.
 *
 * The spares are reused round-robin and never mapped back (a client that
 * reads its keymap late still finds the keysym); one held down is not
 * taken. Modifier keys are not substituted with spares: the modifiers come
 * from the state that each event carries (keyboard.c).
 */
#include "agent.h"

#include <stdio.h>
#include <stdlib.h>
#include <xcb/xkb.h>
#include <xkbcommon/xkbcommon-x11.h>

static bool is_modifier(uint32_t sym)
{
	return (sym >= 0xffe1u && sym <= 0xffeeu) || /* Shift_L .. Hyper_R */
	       (sym >= 0xfe01u && sym <= 0xfe13u) || /* ISO_Lock .. ISO_Level5_Lock */
	       sym == 0xff7eu || sym == 0xff7fu;     /* Mode_switch, Num_Lock */
}

static bool down(const struct keyboard *k, unsigned c)
{
	return k->down[c / 8] & (1u << (c % 8));
}

void keysym_init(struct agent *a)
{
	struct keyboard *k = &a->kbd;
	uint8_t first_event = 0;
	if (!xkb_x11_setup_xkb_extension(
		    a->xc, XKB_X11_MIN_MAJOR_XKB_VERSION, XKB_X11_MIN_MINOR_XKB_VERSION,
		    XKB_X11_SETUP_XKB_EXTENSION_NO_FLAGS, NULL, NULL, &first_event, NULL) ||
	    (k->device = xkb_x11_get_core_keyboard_device_id(a->xc)) < 0 ||
	    !(k->ctx = xkb_context_new(XKB_CONTEXT_NO_ENVIRONMENT_NAMES))) {
		fprintf(stderr, "vitrine-agent: no XKB in the X server; keys go in as the "
				"daemon's keycodes\n");
		return;
	}
	/* With XKB in use, changes to the keymap come as XKB events only. */
	uint16_t events = XCB_XKB_EVENT_TYPE_NEW_KEYBOARD_NOTIFY | XCB_XKB_EVENT_TYPE_MAP_NOTIFY;
	uint16_t maps = XCB_XKB_MAP_PART_KEY_TYPES | XCB_XKB_MAP_PART_KEY_SYMS |
			XCB_XKB_MAP_PART_MODIFIER_MAP | XCB_XKB_MAP_PART_EXPLICIT_COMPONENTS |
			XCB_XKB_MAP_PART_KEY_ACTIONS | XCB_XKB_MAP_PART_VIRTUAL_MODS |
			XCB_XKB_MAP_PART_VIRTUAL_MOD_MAP;
	xcb_xkb_select_events_details_t none = { 0 }; /* selectAll: every detail */
	xcb_xkb_select_events_aux(a->xc, (xcb_xkb_device_spec_t)k->device, events, 0, events, maps,
				  maps, &none);
	k->xkb_event = first_event;
	k->stale = true;
}

void keysym_finish(struct agent *a)
{
	struct keyboard *k = &a->kbd;
	xkb_state_unref(k->st);
	xkb_keymap_unref(k->km);
	xkb_context_unref(k->ctx);
	k->st = NULL;
	k->km = NULL;
	k->ctx = NULL;
}

void keysym_xkb_event(struct agent *a, xcb_generic_event_t *ev)
{
	uint8_t xkb_type = ((const uint8_t *)ev)[1];
	if (xkb_type == XCB_XKB_NEW_KEYBOARD_NOTIFY || xkb_type == XCB_XKB_MAP_NOTIFY)
		keyboard_mapping_changed(a);
}

/*
 * The core mapping was read again (keyboard.c): keycodes without a symbol
 * become spares, and so do ours (mapped to nothing but the keysym we gave
 * them). The domain's xkbcommon keymap is read again when next needed.
 */
void keysym_maps(struct agent *a, const xcb_keysym_t *syms, int per, unsigned min, unsigned max)
{
	struct keyboard *k = &a->kbd;
	struct spare old[KEYSYM_SPARES];
	unsigned nold = k->nspares;
	for (unsigned i = 0; i < nold; i++)
		old[i] = k->spares[i];
	k->nspares = 0;
	k->stale = true;
	for (unsigned c = max; c >= min && c >= 8 && k->nspares < KEYSYM_SPARES; c--) {
		const xcb_keysym_t *s = syms + (size_t)(c - min) * (size_t)per;
		xcb_keysym_t ours = 0;
		for (unsigned i = 0; i < nold; i++)
			if (old[i].code == c)
				ours = old[i].sym;
		bool empty = !k->mods_of[c];
		for (int i = 0; empty && i < per; i++)
			empty = s[i] == 0 || (ours && s[i] == ours);
		if (empty)
			k->spares[k->nspares++] = (struct spare){ (xcb_keycode_t)c, ours };
	}
}

/* The domain's keymap, read again if it changed; false if there is none. */
static bool fresh_keymap(struct agent *a)
{
	struct keyboard *k = &a->kbd;
	if (!k->ctx)
		return false;
	if (!k->stale)
		return k->st != NULL;
	k->stale = false;
	xkb_state_unref(k->st);
	xkb_keymap_unref(k->km);
	k->st = NULL;
	k->km = xkb_x11_keymap_new_from_device(k->ctx, a->xc, k->device,
					       XKB_KEYMAP_COMPILE_NO_FLAGS);
	if (!k->km)
		return false;
	/* The group stays the domain's own; only the modifiers are set. */
	struct xkb_state *now = xkb_x11_state_new_from_device(k->km, a->xc, k->device);
	k->group = now ? xkb_state_serialize_layout(now, XKB_STATE_LAYOUT_EFFECTIVE) : 0;
	xkb_state_unref(now);
	k->st = xkb_state_new(k->km);
	return k->st != NULL;
}

static uint32_t sym_at(struct keyboard *k, unsigned c)
{
	return xkb_state_key_get_one_sym(k->st, c);
}

/* A spare mapped to sym: one already is, else the next one not held down. */
static xcb_keycode_t spare_for(struct agent *a, uint32_t sym)
{
	struct keyboard *k = &a->kbd;
	for (unsigned i = 0; i < k->nspares; i++)
		if (k->spares[i].sym == sym)
			return k->spares[i].code;
	for (unsigned n = 0; n < k->nspares; n++) {
		struct spare *s = &k->spares[(k->next_spare + n) % k->nspares];
		if (down(k, s->code))
			continue;
		k->next_spare = (k->next_spare + n + 1) % k->nspares;
		xcb_keysym_t col[2] = { sym, sym };
		xcb_change_keyboard_mapping(a->xc, 1, s->code, 2, col);
		s->sym = sym;
		return s->code;
	}
	return 0;
}

uint8_t keysym_key(struct agent *a, uint8_t c, uint32_t state, uint32_t want)
{
	struct keyboard *k = &a->kbd;
	if (!fresh_keymap(a))
		return c;
	/* The desktop's group (bits 13-14), where the domain's keymap has it:
	 * with the same layouts there, the keycode types the same. */
	uint32_t g = (state >> 13) & 3u;
	if (g != k->group && g < xkb_keymap_num_layouts(k->km)) {
		xcb_xkb_latch_lock_state(a->xc, (xcb_xkb_device_spec_t)k->device, 0, 0, 1,
					 (uint8_t)g, 0, 0, 0);
		k->group = g;
	}
	if (!want)
		return c;
	xkb_state_update_mask(k->st, state & 0xffu, 0, 0, 0, 0, k->group);
	if (sym_at(k, c) == want)
		return c;
	xkb_keycode_t min = xkb_keymap_min_keycode(k->km), max = xkb_keymap_max_keycode(k->km);
	for (xkb_keycode_t o = min < 8 ? 8 : min; o <= max && o < 256; o++)
		if (sym_at(k, o) == want && !down(k, o))
			return (uint8_t)o;
	if (is_modifier(want))
		return c;
	xcb_keycode_t s = spare_for(a, want);
	if (!s && !k->no_spare_logged) {
		fprintf(stderr,
			"vitrine-agent: no spare keycode for keysym 0x%x; the key goes "
			"in as it came\n",
			want);
		k->no_spare_logged = true;
	}
	return s ? s : c;
}
