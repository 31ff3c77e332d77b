/* Routing of the user's input to exactly one domain, and trusted hotkeys. */
#include "input.h"
#include "keymap.h"
#include "router.h"

#include <stdlib.h>
#include <string.h>
#include <xkbcommon/xkbcommon.h>

static bool bit(const uint8_t *map, uint32_t k)
{
	return map[k / 8] & (1u << (k % 8));
}

static void set_bit(uint8_t *map, uint32_t k, bool on)
{
	if (on)
		map[k / 8] |= (uint8_t)(1u << (k % 8));
	else
		map[k / 8] &= (uint8_t) ~(1u << (k % 8));
}

struct input *input_create(const char *layout, bool cycle_focus, const struct input_core_ops *ops,
			   void *core)
{
	struct input *in = calloc(1, sizeof(*in));
	if (!in)
		return NULL;
	in->ops = ops;
	in->core = core;
	in->cycle_focus = cycle_focus;
	in->copy = (struct input_seq){ CONTROL | SHIFT, XKB_KEY_c };
	in->paste = (struct input_seq){ CONTROL | SHIFT, XKB_KEY_v };
	if (keymap_init(&in->km, layout) < 0) {
		input_destroy(in);
		return NULL;
	}
	return in;
}

void input_set_vt_switch(struct input *in, bool on)
{
	in->vt_switch = on;
}

void input_destroy(struct input *in)
{
	if (!in)
		return;
	keymap_finish(&in->km);
	free(in);
}

bool input_set_keymap(struct input *in, struct xkb_keymap *keymap, const char *const names[5])
{
	return keymap_set(&in->km, keymap, names);
}

struct vp_msg *input_layout(const struct input *in, struct vp_msg *m)
{
	*m = (struct vp_msg){ .type = VP_LAYOUT };
	struct vp_string *f[] = { &m->u.layout.rules, &m->u.layout.model, &m->u.layout.layout,
				  &m->u.layout.variant, &m->u.layout.options };
	for (int i = 0; i < 5; i++)
		*f[i] = (struct vp_string){ (uint32_t)strlen(in->km.names[i]),
					    (const uint8_t *)in->km.names[i] };
	return m;
}

static void release_grab(struct input *in);

static void deliver(struct input *in, struct input_target *t, struct vp_msg *m)
{
	in->ops->send(in->core, t, m);
}

static void send_key(struct input *in, struct input_target *t, uint32_t keycode, bool pressed,
		     uint32_t state)
{
	struct vp_msg m = { .type = VP_KEY };
	m.u.key = (struct vp_key){ keycode, state, pressed };
	deliver(in, t, &m);
}

void input_focus(struct input *in, struct input_target *t)
{
	struct input_target *old = in->focus;
	if (old == t)
		return;
	struct vp_msg m = { .type = VP_FOCUS };
	if (old) {
		/* Keys the old domain saw pressed are released there, so they
		 * cannot go on repeating in it. */
		for (uint32_t k = 8; k < 256; k++)
			if (bit(in->sent, k))
				send_key(in, old, k, false, input_mods(in));
		m.u.focus.in = 0;
		deliver(in, old, &m);
	}
	memset(in->sent, 0, sizeof(in->sent));
	if (in->grab && in->grab != t)
		release_grab(in);
	in->focus = t;
	if (t) {
		struct vp_msg km = { .type = VP_KEYMAP };
		memcpy(km.u.keymap.keys, in->down, 32);
		deliver(in, t, &km);
		m.u.focus.in = 1;
		deliver(in, t, &m);
	}
	in->ops->focus_changed(in->core, t);
}

struct input_target *input_focused(const struct input *in)
{
	return in->focus;
}

struct input_target *input_cycled(const struct input *in)
{
	return in->cycled;
}

uint32_t input_mods(const struct input *in)
{
	return keymap_mods(&in->km);
}

/* A key; sym is what its press types (KEYSYM). */
static void key_event(struct input *in, uint32_t keycode, bool pressed, int64_t state,
		      xkb_keysym_t sym)
{
	uint32_t mods = state < 0 ? input_mods(in) : (uint32_t)state;
	set_bit(in->down, keycode, pressed);
	set_bit(in->desk, keycode, pressed && state >= 0);
	xkb_state_update_key(in->km.state, keycode, pressed ? XKB_KEY_DOWN : XKB_KEY_UP);
	if (pressed) {
		enum input_hotkey h = input_hotkey_for(in, keycode, mods);
		if (h != HOTKEY_NONE) {
			set_bit(in->swallowed, keycode, true);
			input_hotkey_run(in, h, keycode);
			return;
		}
		if (!in->focus)
			return;
		set_bit(in->sent, keycode, true);
		struct vp_msg m = { .type = VP_KEYSYM };
		m.u.keysym = (struct vp_keysym){ keycode, sym };
		deliver(in, in->focus, &m);
		send_key(in, in->focus, keycode, true, mods);
		return;
	}
	input_end_cycle(in);
	if (bit(in->swallowed, keycode)) {
		set_bit(in->swallowed, keycode, false);
		return;
	}
	if (bit(in->sent, keycode) && in->focus) {
		set_bit(in->sent, keycode, false);
		send_key(in, in->focus, keycode, false, mods);
	}
}

void input_key(struct input *in, uint32_t keycode, bool pressed, int64_t state)
{
	if (keycode >= 8 && keycode <= 255)
		key_event(in, keycode, pressed, state,
			  pressed ? keymap_keysym(&in->km, keycode, state) : XKB_KEY_NoSymbol);
}

void input_keys_down(struct input *in, const uint8_t down[32])
{
	for (uint32_t k = 8; k <= 255; k++)
		if (bit(in->down, k) && bit(in->desk, k) && !bit(down, k))
			key_event(in, k, false, -1, XKB_KEY_NoSymbol);
}

bool input_type_unmapped(struct input *in, uint32_t ch)
{
	xkb_keysym_t sym = xkb_utf32_to_keysym(ch);
	uint32_t k = sym == XKB_KEY_NoSymbol ? 0 : keymap_spare(&in->km);
	if (!k)
		return false;
	key_event(in, k, true, -1, sym);
	key_event(in, k, false, -1, XKB_KEY_NoSymbol);
	return true;
}

void input_button(struct input *in, struct input_target *t, uint32_t button, bool pressed,
		  int32_t x, int32_t y, uint32_t state)
{
	if (!t || button < 1 || button > 255 || !in->ops->may_see_pointer(in->core, t))
		return;
	struct vp_msg m = { .type = VP_BUTTON };
	m.u.button = (struct vp_button){ button, pressed, x, y, state };
	deliver(in, t, &m);
}

struct input_target *input_pointer_grab(const struct input *in)
{
	return in->grab;
}

void input_pointer_button(struct input *in, struct input_target *t, uint32_t button, bool pressed,
			  int32_t x, int32_t y, uint32_t state)
{
	uint32_t b = button < 32 ? 1u << button : 0;
	if (in->grab) /* everything goes where the first button went down */
		t = in->grab;
	if (!t)
		return;
	if (pressed && !in->grab) {
		in->grab = t;
		in->buttons = 0;
	}
	if (pressed)
		in->buttons |= b;
	in->grab_x = x;
	in->grab_y = y;
	input_button(in, t, button, pressed, x, y, state);
	if (!pressed) {
		in->buttons &= ~b;
		if (!in->buttons)
			in->grab = NULL;
	}
}

/* Buttons held in the grab window are released there (focus moved, or the
 * window goes). */
static void release_grab(struct input *in)
{
	if (!in->grab)
		return;
	for (uint32_t n = 1; n < 32; n++)
		if (in->buttons & (1u << n)) {
			struct vp_msg m = { .type = VP_BUTTON };
			m.u.button =
				(struct vp_button){ n, 0, in->grab_x, in->grab_y, input_mods(in) };
			deliver(in, in->grab, &m);
		}
	in->grab = NULL;
	in->buttons = 0;
}

void input_motion(struct input *in, struct input_target *t, int32_t x, int32_t y, uint32_t state)
{
	if (!t || !in->ops->may_see_pointer(in->core, t))
		return;
	struct vp_msg m = { .type = VP_MOTION };
	m.u.motion = (struct vp_motion){ x, y, state };
	deliver(in, t, &m);
}

void input_crossing(struct input *in, struct input_target *t, bool entered, int32_t x, int32_t y,
		    uint32_t state)
{
	if (!t || !in->ops->may_see_pointer(in->core, t))
		return;
	struct vp_msg m = { .type = VP_CROSSING };
	m.u.crossing = (struct vp_crossing){ entered, x, y, state };
	deliver(in, t, &m);
}

void input_window_gone(struct input *in, struct input_target *t)
{
	if (in->cycled == t)
		in->cycled = NULL;
	if (in->grab == t) {
		in->grab = NULL;
		in->buttons = 0;
	}
	if (in->focus == t) {
		in->focus = NULL;
		memset(in->sent, 0, sizeof(in->sent));
		in->ops->focus_changed(in->core, NULL);
	}
}

uint32_t input_keycode_for_name(const struct input *in, const char *name, int *level)
{
	xkb_keysym_t sym = xkb_keysym_from_name(name, XKB_KEYSYM_NO_FLAGS);
	return sym == XKB_KEY_NoSymbol ? 0 : keymap_find(&in->km, sym, level);
}

uint32_t input_keycode_for_char(const struct input *in, uint32_t ch, int *level)
{
	xkb_keysym_t sym = ch == '\n'	? XKB_KEY_Return
			   : ch == '\t' ? XKB_KEY_Tab
					: xkb_utf32_to_keysym(ch);
	return sym == XKB_KEY_NoSymbol ? 0 : keymap_find(&in->km, sym, level);
}
