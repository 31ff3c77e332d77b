/*
 * The domain's keyboard, driven by XTEST from the trusted side's key events.
 *
 * Key repeat comes only from the trusted side: the domain's auto-repeat is
 * switched off at start, on every connection and on every focus-in. With it
 * off the X server drops a press of a key that is already down, so a repeat
 * from the daemon (a second press) is injected as a release and a press,
 * which is what X clients see of a repeating key anyway.
 *
 * Each KEY and BUTTON carries the desktop's modifier state as of just before
 * the event. Before injecting, the domain's modifiers are made to agree: held
 * modifiers (Shift, Control, Alt...) by pressing or releasing one of their
 * keys from the modifier mapping, locked ones (Lock, NumLock) by tapping their
 * locking key. The domain's state is tracked here from our own injections, so
 * a key costs no round trip; it is read from the server again on focus-in.
 *
 * Before each press the daemon says which keysym the desktop's layout makes
 * of it (KEYSYM); keysym.c picks the keycode that types it here, and the
 * release goes to the keycode the press went to.
 *
 * On focus-in the daemon first sends KEYMAP, the keys the user holds: every
 * key down in the domain that is not among them is released. On focus-out
 * (and when the daemon goes away) every key the agent pressed is released.
 */
#include "agent.h"

#include <stdlib.h>
#include <string.h>
#include <xcb/xtest.h>

#define XK_Num_Lock 0xff7fu
#define XK_Caps_Lock 0xffe5u
#define XK_Shift_Lock 0xffe6u

static bool bit(const uint8_t *map, unsigned k)
{
	return map[k / 8] & (1u << (k % 8));
}

static void set_bit(uint8_t *map, unsigned k, bool on)
{
	if (on)
		map[k / 8] |= (uint8_t)(1u << (k % 8));
	else
		map[k / 8] &= (uint8_t) ~(1u << (k % 8));
}

/* The modifier and keyboard mappings: which keys set or lock which modifier. */
static void read_maps(struct agent *a)
{
	struct keyboard *k = &a->kbd;
	const xcb_setup_t *setup = xcb_get_setup(a->xc);
	xcb_keycode_t min = setup->min_keycode, max = setup->max_keycode;
	xcb_get_modifier_mapping_cookie_t mc = xcb_get_modifier_mapping(a->xc);
	xcb_get_keyboard_mapping_cookie_t kc =
		xcb_get_keyboard_mapping(a->xc, min, (uint8_t)(max - min + 1));
	xcb_get_modifier_mapping_reply_t *mr = xcb_get_modifier_mapping_reply(a->xc, mc, NULL);
	xcb_get_keyboard_mapping_reply_t *kr = xcb_get_keyboard_mapping_reply(a->xc, kc, NULL);
	memset(k->mods_of, 0, sizeof(k->mods_of));
	memset(k->lock, 0, sizeof(k->lock));
	memset(k->hold, 0, sizeof(k->hold));
	memset(k->toggle, 0, sizeof(k->toggle));
	if (mr) {
		const xcb_keycode_t *codes = xcb_get_modifier_mapping_keycodes(mr);
		int n = xcb_get_modifier_mapping_keycodes_length(mr);
		int per = mr->keycodes_per_modifier;
		const xcb_keysym_t *syms = kr ? xcb_get_keyboard_mapping_keysyms(kr) : NULL;
		int nsyms = kr ? xcb_get_keyboard_mapping_keysyms_length(kr) : 0;
		int sper = kr ? kr->keysyms_per_keycode : 0;
		for (int m = 0; m < 8; m++) {
			for (int i = 0; i < per && m * per + i < n; i++) {
				xcb_keycode_t c = codes[m * per + i];
				if (c < min || c > max)
					continue;
				int at = (c - min) * sper;
				xcb_keysym_t s = sper > 0 && at < nsyms ? syms[at] : 0;
				bool locks =
					s == XK_Caps_Lock || s == XK_Shift_Lock || s == XK_Num_Lock;
				k->mods_of[c] |= (uint8_t)(1u << m);
				set_bit(k->lock, c, locks);
				xcb_keycode_t *slot = locks ? &k->toggle[m] : &k->hold[m];
				if (!*slot)
					*slot = c;
			}
		}
	}
	if (kr)
		keysym_maps(a, xcb_get_keyboard_mapping_keysyms(kr), kr->keysyms_per_keycode, min,
			    max);
	free(mr);
	free(kr);
}

/* Effective modifiers: the locked ones and those of every key down. */
static uint8_t mods_now(const struct keyboard *k)
{
	uint8_t m = k->locked;
	for (unsigned i = 0; i < 32; i++)
		for (unsigned b = 0; k->down[i] && b < 8; b++)
			if (k->down[i] & (1u << b))
				m |= k->mods_of[i * 8 + b];
	return m;
}

static void inject(struct agent *a, xcb_keycode_t c, bool press)
{
	struct keyboard *k = &a->kbd;
	xcb_test_fake_input(a->xc, press ? XCB_KEY_PRESS : XCB_KEY_RELEASE, c, XCB_CURRENT_TIME,
			    XCB_NONE, 0, 0, 0);
	if (press && bit(k->lock, c) && !bit(k->down, c))
		k->locked ^= k->mods_of[c];
	set_bit(k->down, c, press);
	set_bit(k->pressed, c, press);
}

/* Release every key down in the domain that sets one of mods. */
static void release_mods(struct agent *a, uint8_t mods)
{
	for (unsigned c = 8; c < 256; c++)
		if ((a->kbd.mods_of[c] & mods) && bit(a->kbd.down, c))
			inject(a, (xcb_keycode_t)c, false);
}

/*
 * Make the domain's modifiers equal the low 8 bits of state, except those in
 * keep (the modifiers of the key being pressed or released itself).
 */
void keyboard_sync_mods(struct agent *a, uint32_t state, uint8_t keep)
{
	struct keyboard *k = &a->kbd;
	uint8_t want = (uint8_t)state;
	if (!a->xtest || !((want ^ mods_now(k)) & ~keep))
		return;
	for (unsigned m = 0; m < 8; m++) {
		uint8_t b = (uint8_t)(1u << m);
		if ((keep & b) || !((want ^ mods_now(k)) & b))
			continue;
		if (!(want & b))
			release_mods(a, b);
		if (!((want ^ mods_now(k)) & b))
			continue;
		xcb_keycode_t t = k->toggle[m];
		if (t && !bit(k->down, t)) {
			inject(a, t, true);
			inject(a, t, false);
		} else if ((want & b) && k->hold[m]) {
			inject(a, k->hold[m], true);
		}
	}
}

void keyboard_key(struct agent *a, uint32_t keycode, bool pressed, uint32_t state)
{
	struct keyboard *k = &a->kbd;
	if (!a->xtest || keycode < 8 || keycode > 255)
		return;
	xcb_keycode_t c = (xcb_keycode_t)keycode, t = k->sub[c] ? k->sub[c] : c;
	if (pressed) { /* the keycode that types what the desktop's layout says */
		t = keysym_key(a, c, state, k->want[c]);
		k->want[c] = 0;
		if (k->sub[c] && k->sub[c] != t && bit(k->down, k->sub[c]))
			inject(a, k->sub[c], false);
		k->sub[c] = t;
	} else {
		k->sub[c] = 0;
	}
	keyboard_sync_mods(a, state, k->mods_of[t]);
	if (pressed && bit(k->down, t))
		inject(a, t, false); /* a repeat from the trusted side */
	inject(a, t, pressed);
}

void keyboard_keysym(struct agent *a, uint32_t keycode, uint32_t keysym)
{
	if (keycode >= 8 && keycode <= 255)
		a->kbd.want[keycode] = keysym;
}

/* Keys down and locked modifiers, from the server (one round trip). */
static void refresh(struct agent *a)
{
	struct keyboard *k = &a->kbd;
	xcb_query_keymap_cookie_t kc = xcb_query_keymap(a->xc);
	xcb_query_pointer_cookie_t pc = xcb_query_pointer(a->xc, a->root);
	xcb_query_keymap_reply_t *kr = xcb_query_keymap_reply(a->xc, kc, NULL);
	xcb_query_pointer_reply_t *pr = xcb_query_pointer_reply(a->xc, pc, NULL);
	if (kr) {
		memcpy(k->down, kr->keys, sizeof(k->down));
		for (unsigned i = 0; i < 32; i++)
			k->pressed[i] &= k->down[i];
	}
	if (pr) {
		uint8_t lockable = 0, held = 0;
		for (unsigned c = 8; c < 256; c++) {
			if (bit(k->lock, c))
				lockable |= k->mods_of[c];
			else if (bit(k->down, c))
				held |= k->mods_of[c];
		}
		k->locked = (uint8_t)(pr->mask & lockable & ~held);
	}
	k->fresh = kr && pr;
	free(kr);
	free(pr);
}

static void repeat_off(struct agent *a)
{
	uint32_t v = XCB_AUTO_REPEAT_MODE_OFF;
	xcb_change_keyboard_control(a->xc, XCB_KB_AUTO_REPEAT_MODE, &v);
}

void keyboard_init(struct agent *a)
{
	if (!a->xtest)
		return;
	keysym_init(a);
	read_maps(a);
	repeat_off(a);
}

void keyboard_connected(struct agent *a)
{
	if (!a->xtest)
		return;
	repeat_off(a);
	a->kbd.fresh = false;
}

void keyboard_keymap(struct agent *a, const uint8_t keys[32])
{
	if (!a->xtest)
		return;
	refresh(a);
	for (unsigned c = 8; c < 256; c++)
		if (bit(a->kbd.down, c) && !bit(keys, c))
			inject(a, (xcb_keycode_t)c, false);
}

void keyboard_release_all(struct agent *a)
{
	if (!a->xtest)
		return;
	for (unsigned c = 8; c < 256; c++)
		if (bit(a->kbd.pressed, c))
			inject(a, (xcb_keycode_t)c, false);
}

void keyboard_focus(struct agent *a, bool in)
{
	if (!a->xtest)
		return;
	if (in) {
		repeat_off(a); /* a client of the domain may have turned it on */
		if (!a->kbd.fresh)
			refresh(a);
		return;
	}
	keyboard_release_all(a);
	a->kbd.fresh = false;
}

void keyboard_mapping_changed(struct agent *a)
{
	if (a->xtest)
		read_maps(a);
}

void handle_mapping_notify(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_mapping_notify_event_t *e = (xcb_mapping_notify_event_t *)ev;
	if (e->request != XCB_MAPPING_POINTER)
		keyboard_mapping_changed(a);
}
