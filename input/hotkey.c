/* The trusted hotkeys: which key is one (input_hotkey_for), and what each
 * does (input_hotkey_run); the router (router.c) calls them. */
#include "input.h"
#include "keymap.h"
#include "router.h"

#include <xkbcommon/xkbcommon.h>

enum input_hotkey input_hotkey_for(const struct input *in, uint32_t keycode, uint32_t state)
{
	const xkb_keysym_t *syms;
	int n = xkb_keymap_key_get_syms_by_level(in->km.keymap, keycode, 0, 0, &syms);
	if (n < 1)
		return HOTKEY_NONE;
	uint32_t mods = state & (SHIFT | CONTROL | MOD1 | MOD4); /* Lock, NumLock ignored */
	xkb_keysym_t sym = xkb_keysym_to_lower(syms[0]);
	if (mods == (CONTROL | MOD1 | SHIFT) && sym == XKB_KEY_Escape)
		return HOTKEY_CUT_OFF;
	if (mods == in->copy.mods && sym == in->copy.sym)
		return HOTKEY_COPY;
	if (mods == in->paste.mods && sym == in->paste.sym)
		return HOTKEY_PASTE;
	if (mods == MOD1 && sym == XKB_KEY_Tab && in->cycle_focus)
		return HOTKEY_CYCLE_FOCUS;
	if (mods == (CONTROL | MOD1) && sym >= XKB_KEY_F1 && sym <= XKB_KEY_F12 && in->vt_switch)
		return HOTKEY_SWITCH_VT;
	bool arrow = sym >= XKB_KEY_Left && sym <= XKB_KEY_Down;
	if (arrow && in->cycle_focus && (mods == MOD4 || mods == (MOD4 | SHIFT)))
		return mods & SHIFT ? HOTKEY_RESIZE : HOTKEY_MOVE;
	return HOTKEY_NONE;
}

const char *input_set_clipboard_keys(struct input *in, const struct input_seq *copy,
				     const struct input_seq *paste)
{
	const char *why = input_check_sequences(copy, paste);
	if (why)
		return why;
	in->copy = *copy;
	in->paste = *paste;
	return NULL;
}

/* The level-0 keysym of keycode (the arrow or Fn of a hotkey). */
static xkb_keysym_t base_sym(const struct input *in, uint32_t keycode)
{
	const xkb_keysym_t *syms;
	if (xkb_keymap_key_get_syms_by_level(in->km.keymap, keycode, 0, 0, &syms) < 1)
		return XKB_KEY_NoSymbol;
	return syms[0];
}

#define MOVE_STEP 16 /* pixels a window moves or grows per Super+arrow */

/* Super(+Shift)+arrow: the focused window, by MOVE_STEP. */
static void key_move(struct input *in, uint32_t keycode, bool resize)
{
	xkb_keysym_t s = base_sym(in, keycode);
	int32_t dx = s == XKB_KEY_Left ? -MOVE_STEP : s == XKB_KEY_Right ? MOVE_STEP : 0;
	int32_t dy = s == XKB_KEY_Up ? -MOVE_STEP : s == XKB_KEY_Down ? MOVE_STEP : 0;
	if (in->focus && in->ops->move)
		in->ops->move(in->core, in->focus, dx, dy, resize);
}

/*
 * Alt+Tab: focus the window after the last one visited in the core's order
 * (next_window: the one the user was in before first), wrapping. Nothing
 * is raised until Alt is released, so holding Alt and pressing Tab again
 * walks through every window.
 */
static void cycle_focus(struct input *in)
{
	struct input_target *next =
		in->ops->next_window(in->core, in->cycled ? in->cycled : in->focus);
	if (next) {
		in->cycled = next;
		input_focus(in, next);
	}
}

/* Alt released after cycling: the chosen window comes to the top. */
void input_end_cycle(struct input *in)
{
	if (in->cycled && !(input_mods(in) & MOD1)) {
		if (in->focus)
			in->ops->raise(in->core, in->focus);
		in->cycled = NULL;
	}
}

void input_hotkey_run(struct input *in, enum input_hotkey h, uint32_t keycode)
{
	struct input_target *f = in->focus;
	switch (h) {
	case HOTKEY_SWITCH_VT:
		if (in->ops->switch_vt)
			in->ops->switch_vt(in->core,
					   (unsigned)(base_sym(in, keycode) - XKB_KEY_F1 + 1));
		break;
	case HOTKEY_MOVE: key_move(in, keycode, false); break;
	case HOTKEY_RESIZE: key_move(in, keycode, true); break;
	case HOTKEY_CYCLE_FOCUS: cycle_focus(in); break;
	case HOTKEY_CUT_OFF:
		if (f)
			in->ops->cut_off(in->core, f);
		break;
	case HOTKEY_COPY:
		if (f)
			in->ops->copy(in->core, f);
		break;
	case HOTKEY_PASTE:
		if (f)
			in->ops->paste(in->core, f);
		break;
	case HOTKEY_NONE: break;
	}
}
