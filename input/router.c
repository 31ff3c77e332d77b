/* Routing of the user's input to exactly one domain, and trusted hotkeys. */
#include "input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xkbcommon/xkbcommon.h>

#include "gui-daemon/backend.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/scene.h"
#include "gui-daemon/server.h"

#define SHIFT 0x1u
#define LOCK 0x2u
#define CONTROL 0x4u
#define MOD1 0x8u  /* Alt */
#define MOD2 0x10u /* NumLock */
#define MOD4 0x40u

struct input {
	struct server *srv;
	struct xkb_context *ctx;
	struct xkb_keymap *keymap;
	struct xkb_state *state;
	char names[5][64];	/* rules, model, layout, variant, options */
	uint8_t down[32];	/* keys the user holds */
	uint8_t sent[32];	/* presses delivered to the focused domain */
	uint8_t swallowed[32];	/* presses that were hotkeys */
	struct window *cycled;	/* Alt+Tab: last window visited while Alt is held */
	struct window *grab;	/* window a button went down on (implicit grab) */
	uint32_t buttons;	/* buttons down in grab, bit n = button n (< 32) */
	int32_t grab_x, grab_y; /* last position in grab */
};

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

struct input *input_create(struct server *srv, const char *layout)
{
	struct input *in = calloc(1, sizeof(*in));
	if (!in)
		return NULL;
	in->srv = srv;
	static const char *defaults[5] = { "evdev", "pc105", "us", "", "" };
	bool use_defaults = !layout || !*layout;
	const char *p = use_defaults ? NULL : layout;
	for (int i = 0; i < 5; i++) {
		if (!p) { /* unnamed fields stay empty: xkbcommon's defaults */
			strcpy(in->names[i], use_defaults ? defaults[i] : "");
			continue;
		}
		size_t n = strcspn(p, ";");
		snprintf(in->names[i], sizeof(in->names[i]), "%.*s", (int)n, p);
		p = p[n] ? p + n + 1 : NULL;
	}
	in->ctx = xkb_context_new(XKB_CONTEXT_NO_ENVIRONMENT_NAMES);
	struct xkb_rule_names rn = { in->names[0], in->names[1], in->names[2], in->names[3],
				     in->names[4] };
	in->keymap = in->ctx ? xkb_keymap_new_from_names(in->ctx, &rn, 0) : NULL;
	in->state = in->keymap ? xkb_state_new(in->keymap) : NULL;
	if (!in->state) {
		vlog("input: cannot compile keymap %s/%s/%s", in->names[0], in->names[1],
		     in->names[2]);
		input_destroy(in);
		return NULL;
	}
	return in;
}

void input_destroy(struct input *in)
{
	if (!in)
		return;
	xkb_state_unref(in->state);
	xkb_keymap_unref(in->keymap);
	xkb_context_unref(in->ctx);
	free(in);
}

void input_send_layout(struct input *in, struct domain *d)
{
	struct vp_msg m = { .type = VP_LAYOUT };
	struct vp_string *f[] = { &m.u.layout.rules, &m.u.layout.model, &m.u.layout.layout,
				  &m.u.layout.variant, &m.u.layout.options };
	if (!in)
		return;
	for (int i = 0; i < 5; i++)
		*f[i] = (struct vp_string){ (uint32_t)strlen(in->names[i]),
					    (const uint8_t *)in->names[i] };
	domain_send(d, &m);
}

static void release_grab(struct server *srv);

static void deliver(struct window *win, struct vp_msg *m)
{
	m->window = win->id;
	domain_send(win->dom, m);
}

static void send_key(struct window *win, uint32_t keycode, bool pressed, uint32_t state)
{
	struct vp_msg m = { .type = VP_KEY };
	m.u.key = (struct vp_key){ keycode, state, pressed };
	deliver(win, &m);
}

void input_focus(struct server *srv, struct window *win)
{
	struct input *in = srv->input;
	struct window *old = srv->focus;
	if (old == win)
		return;
	struct vp_msg m = { .type = VP_FOCUS };
	if (old) {
		/* Keys the old domain saw pressed are released there, so they
		 * cannot go on repeating in it. */
		for (uint32_t k = 8; in && k < 256; k++)
			if (bit(in->sent, k))
				send_key(old, k, false, input_mods(srv));
		m.u.focus.in = 0;
		deliver(old, &m);
	}
	if (in)
		memset(in->sent, 0, sizeof(in->sent));
	if (in && in->grab && in->grab != win)
		release_grab(srv);
	srv->focus = win;
	if (win) {
		struct vp_msg km = { .type = VP_KEYMAP };
		if (in)
			memcpy(km.u.keymap.keys, in->down, 32);
		domain_send(win->dom, &km);
		m.u.focus.in = 1;
		deliver(win, &m);
	}
}

enum input_hotkey input_hotkey_for(struct server *srv, uint32_t keycode, uint32_t state)
{
	struct input *in = srv->input;
	if (!in)
		return HOTKEY_NONE;
	const xkb_keysym_t *syms;
	int n = xkb_keymap_key_get_syms_by_level(in->keymap, keycode, 0, 0, &syms);
	if (n < 1)
		return HOTKEY_NONE;
	uint32_t mods = state & (SHIFT | CONTROL | MOD1 | MOD4); /* Lock, NumLock ignored */
	xkb_keysym_t sym = xkb_keysym_to_lower(syms[0]);
	if (mods == (CONTROL | SHIFT) && sym == XKB_KEY_c)
		return HOTKEY_COPY;
	if (mods == (CONTROL | SHIFT) && sym == XKB_KEY_v)
		return HOTKEY_PASTE;
	if (mods == (CONTROL | MOD1 | SHIFT) && sym == XKB_KEY_Escape)
		return HOTKEY_CUT_OFF;
	if (mods == MOD1 && sym == XKB_KEY_Tab && srv->backend &&
	    !(srv->backend->ops->caps & BACKEND_CAP_WM)) /* the WM does it otherwise */
		return HOTKEY_CYCLE_FOCUS;
	return HOTKEY_NONE;
}

/*
 * Alt+Tab: focus the next mapped window below the last one visited (wrapping
 * to the top). Nothing is raised until Alt is released, so holding Alt and
 * pressing Tab again walks through every window.
 */
static void cycle_focus(struct server *srv)
{
	struct input *in = srv->input;
	struct list *head = &srv->scene.stack;
	struct window *from = in->cycled ? in->cycled : srv->focus;
	struct list *start = from ? &from->stack_link : head, *l = start;
	do {
		l = l->prev;
		if (l == head)
			continue;
		struct window *w = list_item(l, struct window, stack_link);
		if (w->mapped && !w->popup) {
			in->cycled = w;
			input_focus(srv, w);
			return;
		}
	} while (l != start);
}

/* Alt released after cycling: the chosen window comes to the top. */
static void end_cycle(struct server *srv)
{
	struct input *in = srv->input;
	if (in->cycled && !(input_mods(srv) & MOD1)) {
		if (srv->focus)
			scene_raise(&srv->scene, srv->focus);
		in->cycled = NULL;
	}
}

static void hotkey(struct server *srv, enum input_hotkey h)
{
	struct window *f = srv->focus;
	switch (h) {
	case HOTKEY_CYCLE_FOCUS: cycle_focus(srv); break;
	case HOTKEY_CUT_OFF:
		if (f) {
			struct domain *d = f->dom;
			vlog("domain %s: cut off by the user (emergency hotkey); "
			     "`vitrinectl unblock %s` lets it back",
			     d->cfg->name, d->cfg->name);
			d->blocked = true;
			domain_disconnect(d, NULL);
		}
		break;
	case HOTKEY_COPY: clipboard_copy(srv); break;
	case HOTKEY_PASTE: clipboard_paste(srv); break;
	case HOTKEY_NONE: break;
	}
}

uint32_t input_mods(struct server *srv)
{
	struct input *in = srv->input;
	if (!in)
		return 0;
	/* xkbcommon's real modifiers are in X's order: Shift, Lock, Control,
	 * Mod1..Mod5 */
	return (uint32_t)xkb_state_serialize_mods(in->state, XKB_STATE_MODS_EFFECTIVE) & 0xffu;
}

void input_key(struct server *srv, uint32_t keycode, bool pressed, int64_t state)
{
	struct input *in = srv->input;
	if (!in || keycode < 8 || keycode > 255)
		return;
	uint32_t mods = state < 0 ? input_mods(srv) : (uint32_t)state;
	set_bit(in->down, keycode, pressed);
	xkb_state_update_key(in->state, keycode, pressed ? XKB_KEY_DOWN : XKB_KEY_UP);
	if (pressed) {
		enum input_hotkey h = input_hotkey_for(srv, keycode, mods);
		if (h != HOTKEY_NONE) {
			set_bit(in->swallowed, keycode, true);
			hotkey(srv, h);
			return;
		}
		if (!srv->focus)
			return;
		set_bit(in->sent, keycode, true);
		send_key(srv->focus, keycode, true, mods);
		return;
	}
	end_cycle(srv);
	if (bit(in->swallowed, keycode)) {
		set_bit(in->swallowed, keycode, false);
		return;
	}
	if (bit(in->sent, keycode) && srv->focus) {
		set_bit(in->sent, keycode, false);
		send_key(srv->focus, keycode, false, mods);
	}
}

/* Pointer privacy: such a domain sees the pointer only while focused. */
static bool may_see_pointer(struct server *srv, struct window *win)
{
	return !win->dom->cfg->pointer_privacy || (srv->focus && srv->focus->dom == win->dom);
}

void input_button(struct server *srv, struct window *win, uint32_t button, bool pressed, int32_t x,
		  int32_t y, uint32_t state)
{
	if (!win || button < 1 || button > 255 || !may_see_pointer(srv, win))
		return;
	struct vp_msg m = { .type = VP_BUTTON };
	m.u.button = (struct vp_button){ button, pressed, x, y, state };
	deliver(win, &m);
}

struct window *input_pointer_grab(struct server *srv)
{
	return srv->input ? srv->input->grab : NULL;
}

void input_pointer_button(struct server *srv, struct window *win, uint32_t button, bool pressed,
			  int32_t x, int32_t y, uint32_t state)
{
	struct input *in = srv->input;
	uint32_t b = button < 32 ? 1u << button : 0;
	if (!in)
		return;
	if (in->grab) /* everything goes where the first button went down */
		win = in->grab;
	if (!win)
		return;
	if (pressed && !in->grab) {
		in->grab = win;
		in->buttons = 0;
	}
	if (pressed)
		in->buttons |= b;
	in->grab_x = x;
	in->grab_y = y;
	input_button(srv, win, button, pressed, x, y, state);
	if (!pressed) {
		in->buttons &= ~b;
		if (!in->buttons)
			in->grab = NULL;
	}
}

/* Buttons held in the grab window are released there (focus moved, or the
 * window goes). */
static void release_grab(struct server *srv)
{
	struct input *in = srv->input;
	if (!in || !in->grab)
		return;
	for (uint32_t n = 1; n < 32; n++)
		if (in->buttons & (1u << n)) {
			struct vp_msg m = { .type = VP_BUTTON };
			m.u.button =
				(struct vp_button){ n, 0, in->grab_x, in->grab_y, input_mods(srv) };
			deliver(in->grab, &m);
		}
	in->grab = NULL;
	in->buttons = 0;
}

void input_motion(struct server *srv, struct window *win, int32_t x, int32_t y, uint32_t state)
{
	if (!win || !may_see_pointer(srv, win))
		return;
	struct vp_msg m = { .type = VP_MOTION };
	m.u.motion = (struct vp_motion){ x, y, state };
	deliver(win, &m);
}

void input_crossing(struct server *srv, struct window *win, bool entered, int32_t x, int32_t y,
		    uint32_t state)
{
	if (!win || !may_see_pointer(srv, win))
		return;
	struct vp_msg m = { .type = VP_CROSSING };
	m.u.crossing = (struct vp_crossing){ entered, x, y, state };
	deliver(win, &m);
}

void input_window_gone(struct server *srv, struct window *win)
{
	struct input *in = srv->input;
	if (in && in->cycled == win)
		in->cycled = NULL;
	if (in && in->grab == win) {
		in->grab = NULL;
		in->buttons = 0;
	}
	if (srv->focus == win) {
		srv->focus = NULL;
		if (srv->input)
			memset(srv->input->sent, 0, sizeof(srv->input->sent));
	}
}

static uint32_t find_sym(struct input *in, xkb_keysym_t want, int *level)
{
	xkb_keycode_t min = xkb_keymap_min_keycode(in->keymap);
	xkb_keycode_t max = xkb_keymap_max_keycode(in->keymap);
	for (int lv = 0; lv < 2; lv++)
		for (xkb_keycode_t k = min; k <= max && k < 256; k++) {
			const xkb_keysym_t *syms;
			if (xkb_keymap_key_get_syms_by_level(in->keymap, k, 0,
							     (xkb_level_index_t)lv, &syms) > 0 &&
			    syms[0] == want) {
				*level = lv;
				return k;
			}
		}
	return 0;
}

uint32_t input_keycode_for_name(struct server *srv, const char *name, int *level)
{
	if (!srv->input)
		return 0;
	xkb_keysym_t sym = xkb_keysym_from_name(name, XKB_KEYSYM_NO_FLAGS);
	return sym == XKB_KEY_NoSymbol ? 0 : find_sym(srv->input, sym, level);
}

uint32_t input_keycode_for_char(struct server *srv, uint32_t ch, int *level)
{
	if (!srv->input)
		return 0;
	xkb_keysym_t sym = ch == '\n'	? XKB_KEY_Return
			   : ch == '\t' ? XKB_KEY_Tab
					: xkb_utf32_to_keysym(ch);
	return sym == XKB_KEY_NoSymbol ? 0 : find_sym(srv->input, sym, level);
}
