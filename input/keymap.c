/* The router's keymap: see keymap.h. */
#include "keymap.h"

#include <stdio.h>
#include <string.h>

#include "protocol/proto.h"

int keymap_init(struct input_keymap *k, const char *layout)
{
	static const char *defaults[5] = { "evdev", "pc105", "us", "", "" };
	bool use_defaults = !layout || !*layout;
	const char *p = use_defaults ? NULL : layout;
	for (int i = 0; i < 5; i++) {
		if (!p) { /* unnamed fields stay empty: xkbcommon's defaults */
			strcpy(k->names[i], use_defaults ? defaults[i] : "");
			continue;
		}
		size_t n = strcspn(p, ";");
		snprintf(k->names[i], sizeof(k->names[i]), "%.*s", (int)n, p);
		p = p[n] ? p + n + 1 : NULL;
	}
	k->ctx = xkb_context_new(XKB_CONTEXT_NO_ENVIRONMENT_NAMES);
	struct xkb_rule_names rn = { k->names[0], k->names[1], k->names[2], k->names[3],
				     k->names[4] };
	k->keymap = k->ctx ? xkb_keymap_new_from_names(k->ctx, &rn, 0) : NULL;
	k->state = k->keymap ? xkb_state_new(k->keymap) : NULL;
	k->lookup = k->keymap ? xkb_state_new(k->keymap) : NULL;
	return k->state && k->lookup ? 0 : -1;
}

void keymap_finish(struct input_keymap *k)
{
	xkb_state_unref(k->state);
	xkb_state_unref(k->lookup);
	xkb_keymap_unref(k->keymap);
	xkb_context_unref(k->ctx);
	*k = (struct input_keymap){ 0 };
}

bool keymap_set(struct input_keymap *k, struct xkb_keymap *keymap, const char *const names[5])
{
	struct xkb_state *state = xkb_state_new(keymap), *lookup = xkb_state_new(keymap);
	if (!state || !lookup) {
		xkb_state_unref(state);
		xkb_state_unref(lookup);
		return false;
	}
	xkb_state_unref(k->state);
	xkb_state_unref(k->lookup);
	xkb_keymap_unref(k->keymap);
	k->keymap = xkb_keymap_ref(keymap);
	k->state = state;
	k->lookup = lookup;
	bool changed = false;
	for (int i = 0; names && i < 5; i++) {
		changed |= strcmp(k->names[i], names[i]) != 0;
		snprintf(k->names[i], sizeof(k->names[i]), "%s", names[i]);
	}
	return changed;
}

uint32_t keymap_mods(const struct input_keymap *k)
{
	/* xkbcommon's real modifiers are in X's order: Shift, Lock, Control,
	 * Mod1..Mod5; the group goes in bits 13-14, as XKB puts it in X events */
	uint32_t group = xkb_state_serialize_layout(k->state, XKB_STATE_LAYOUT_EFFECTIVE);
	return ((uint32_t)xkb_state_serialize_mods(k->state, XKB_STATE_MODS_EFFECTIVE) & 0xffu) |
	       (group & 3u) << 13;
}

xkb_keysym_t keymap_keysym(struct input_keymap *k, uint32_t keycode, int64_t state)
{
	struct xkb_state *st = k->state;
	if (state >= 0) {
		st = k->lookup;
		xkb_state_update_mask(st, (xkb_mod_mask_t)(state & 0xff), 0, 0, 0, 0,
				      (xkb_layout_index_t)((state >> 13) & 3));
	}
	xkb_keysym_t sym = xkb_state_key_get_one_sym(st, keycode);
	return sym <= VP_MAX_KEYSYM ? sym : XKB_KEY_NoSymbol;
}

uint32_t keymap_find(const struct input_keymap *k, xkb_keysym_t want, int *level)
{
	xkb_keycode_t min = xkb_keymap_min_keycode(k->keymap);
	xkb_keycode_t max = xkb_keymap_max_keycode(k->keymap);
	for (int lv = 0; lv < 2; lv++)
		for (xkb_keycode_t c = min; c <= max && c < 256; c++) {
			const xkb_keysym_t *syms;
			if (xkb_keymap_key_get_syms_by_level(k->keymap, c, 0, (xkb_level_index_t)lv,
							     &syms) > 0 &&
			    syms[0] == want) {
				*level = lv;
				return c;
			}
		}
	return 0;
}

uint32_t keymap_spare(const struct input_keymap *k)
{
	xkb_keycode_t min = xkb_keymap_min_keycode(k->keymap);
	for (xkb_keycode_t c = xkb_keymap_max_keycode(k->keymap); c >= min && c >= 8; c--)
		if (c < 256 && xkb_keymap_num_layouts_for_key(k->keymap, c) == 0)
			return c;
	return 0;
}
