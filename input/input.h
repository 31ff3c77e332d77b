/*
 * The input router, one for every backend. Backends (and the control socket,
 * for the headless backend) report what the user did; the router decides
 * which single domain may see it:
 *
 *   - keys go only to the focused window's domain; a key pressed while one
 *     domain had focus is released in that domain when focus moves, and the
 *     newly focused domain learns which keys are held (KEYMAP);
 *   - pointer events go to the window under the pointer, if the core says
 *     that window's domain may see the pointer now (pointer privacy);
 *   - trusted hotkeys are handled here and never forwarded;
 *   - only the user moves focus (input_focus is called for the user's own
 *     clicks and the desktop window manager's decisions, never for a guest's
 *     request).
 *
 * The router owns the keyboard focus. It knows nothing of the daemon's
 * types: a window is a struct input_target pointer that the core gave it,
 * and everything the router does to the world goes through the core's
 * struct input_core_ops below (send a message, raise, cut off, clipboard).
 * This header and protocol/ are all it includes besides xkbcommon.
 *
 * Keycodes are X keycodes (evdev + 8). The keymap that names them is the
 * desktop's where there is one (x11 backend: input_set_keymap), else
 * libxkbcommon's from the configured layout; its names go to every domain
 * (LAYOUT). Each key press goes to the focused domain as KEYSYM, what the
 * keymap makes of it, then KEY: a domain whose own keymap differs still
 * types what the user's layout says.
 */
#ifndef VITRINE_INPUT_H
#define VITRINE_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "protocol/proto.h"

struct input;
struct xkb_keymap;

/* A window, as the router sees it: an opaque pointer the core gave it,
 * handed back to the core unchanged. Never defined, never dereferenced. */
struct input_target;

enum input_hotkey {
	HOTKEY_NONE,
	HOTKEY_CYCLE_FOCUS, /* Alt+Tab, headless backend: next window */
	HOTKEY_CUT_OFF,	    /* Ctrl+Alt+Shift+Escape: cut the focused domain off */
	HOTKEY_COPY,	    /* Ctrl+Shift+C: copy the focused domain's clipboard */
	HOTKEY_PASTE,	    /* Ctrl+Shift+V: paste it into the focused domain */
	HOTKEY_SWITCH_VT,   /* Ctrl+Alt+F1..F12 (input_set_vt_switch): that VT */
	HOTKEY_MOVE,	    /* Super+arrow (no desktop WM): move the focused window */
	HOTKEY_RESIZE,	    /* Super+Shift+arrow: resize it (right/bottom edge) */
};

/* What the router asks of the core. core is the pointer given to
 * input_create; t is never NULL unless said so. */
struct input_core_ops {
	/* Send m to t's domain; the core fills in m->window with t's id, or 0
	 * for a domain-level message (KEYMAP). */
	void (*send)(void *core, struct input_target *t, struct vp_msg *m);
	/* May t's domain see the pointer now? (pointer privacy: only while
	 * one of its windows has focus.) */
	bool (*may_see_pointer)(void *core, struct input_target *t);
	/* Alt+Tab: the window after from in the core's Alt+Tab order (the
	 * daemon's: the windows the user last gave the keys first), wrapping
	 * around (from NULL: the first); it may be from itself; NULL if there
	 * is none. */
	struct input_target *(*next_window)(void *core, struct input_target *from);
	/* Put t on top of the stacking order. */
	void (*raise)(void *core, struct input_target *t);
	/* The emergency hotkey: cut t's domain off and refuse it until the
	 * user lets it back. */
	void (*cut_off)(void *core, struct input_target *t);
	/* The clipboard hotkeys, for the focused window's domain. */
	void (*copy)(void *core, struct input_target *focus);
	void (*paste)(void *core, struct input_target *focus);
	/* Focus moved to focus (NULL: no guest window), after the domains
	 * were told. */
	void (*focus_changed)(void *core, struct input_target *focus);
	/* Ctrl+Alt+Fn: the user asks for VT vt (1-12). NULL: nothing. */
	void (*switch_vt)(void *core, unsigned vt);
	/* Super+arrow: move focus by dx, dy pixels; Super+Shift+arrow: grow
	 * its width and height by dx, dy (the core clamps). NULL: nothing. */
	void (*move)(void *core, struct input_target *focus, int32_t dx, int32_t dy, bool resize);
};

/* layout: "rules;model;layout;variant;options" (empty fields allowed), or
 * NULL for evdev/pc105/us. cycle_focus: the router handles Alt+Tab (only
 * where no desktop window manager does). NULL if the keymap cannot be
 * compiled. */
struct input *input_create(const char *layout, bool cycle_focus, const struct input_core_ops *ops,
			   void *core);
void input_destroy(struct input *in);
/* Ctrl+Alt+F1..F12 become the VT switch hotkey (a backend owning the
 * console: drm); otherwise they reach the focused domain as other keys. */
void input_set_vt_switch(struct input *in, bool on);
/* The desktop's keymap (x11 backend: read from the desktop X server, and
 * again whenever it changes) replaces the one in use; names, or NULL, its
 * XKB rule names (rules, model, layout, variant, options). Takes its own
 * reference. Returns whether the names changed (the domains are to be sent
 * LAYOUT again); false too if the keymap cannot be used (the old stays). */
bool input_set_keymap(struct input *in, struct xkb_keymap *keymap, const char *const names[5]);
/* The LAYOUT message for a domain that just connected (m's strings point
 * into in). Returns m. */
struct vp_msg *input_layout(const struct input *in, struct vp_msg *m);

/* The user focused t (NULL: something that is not a guest window). */
void input_focus(struct input *in, struct input_target *t);
/* The window with keyboard focus, or NULL. */
struct input_target *input_focused(const struct input *in);
/* While Alt is held after Alt+Tab: the window chosen so far (it has the
 * focus; it is raised when Alt is released), else NULL. */
struct input_target *input_cycled(const struct input *in);
/* A key; state is the X modifier mask before it, or -1 to use the router's
 * own tracking (headless). */
void input_key(struct input *in, uint32_t keycode, bool pressed, int64_t state);
/* The keys the keyboard holds now (a bitmap by keycode, as X's KeymapNotify
 * and QueryKeymap give it): a key the desktop reported pressed (input_key
 * with a state) and that is not held now was released where the router
 * could not see it (a window manager's grab: openbox's Alt+Tab), and is
 * released now; else the keys the control socket sends went with Alt held
 * (new-user trial 4). Keys the control socket holds stay held. */
void input_keys_down(struct input *in, const uint8_t down[32]);
/* Type the character ch, which no key of the keymap types (headless
 * `type`): a keycode without symbols is pressed and released, with KEYSYM
 * saying what it types, so the focused domain's agent maps a spare keycode
 * of its own to it. false if ch has no keysym or the keymap no such keycode. */
bool input_type_unmapped(struct input *in, uint32_t ch);
/* x, y relative to t's content; t NULL: nothing happens. */
void input_button(struct input *in, struct input_target *t, uint32_t button, bool pressed,
		  int32_t x, int32_t y, uint32_t state);
/* The same for backends without a pointer grab of their own (headless):
 * after a press, everything goes to the window the button went down on
 * until the last button is released. */
void input_pointer_button(struct input *in, struct input_target *t, uint32_t button, bool pressed,
			  int32_t x, int32_t y, uint32_t state);
/* The window holding the pointer grab, or NULL. */
struct input_target *input_pointer_grab(const struct input *in);
void input_motion(struct input *in, struct input_target *t, int32_t x, int32_t y, uint32_t state);
void input_crossing(struct input *in, struct input_target *t, bool entered, int32_t x, int32_t y,
		    uint32_t state);
/* t is going away: forget it (focus on it becomes none, with
 * focus_changed, and no message to its domain). */
void input_window_gone(struct input *in, struct input_target *t);

/* The router's current modifier mask and group (X core bits: the group in
 * bits 13-14). */
uint32_t input_mods(const struct input *in);
/* Keycode and shift level that type the keysym named name ("Return", "a")
 * or the character ch; 0 if none. */
uint32_t input_keycode_for_name(const struct input *in, const char *name, int *level);
uint32_t input_keycode_for_char(const struct input *in, uint32_t ch, int *level);
/* A key sequence: X modifier bits (Shift, Control, Mod1, Mod4) and the
 * key's keysym, lower case. */
struct input_seq {
	uint32_t mods, sym;
};
/* Parse a Qubes-style sequence, "Ctrl-Shift-c" (sequence.c): NULL, or why
 * not. At least one of Ctrl, Alt, Mod4. */
const char *input_parse_sequence(const char *s, struct input_seq *out);
/* The clipboard hotkeys (default Ctrl+Shift+C, Ctrl+Shift+V). NULL if
 * fine, else why not (the same sequence twice, or the emergency one's or
 * Alt+Tab's): nothing changes then. */
const char *input_set_clipboard_keys(struct input *in, const struct input_seq *copy,
				     const struct input_seq *paste);
/* The check input_set_clipboard_keys makes: NULL, or why not. */
const char *input_check_sequences(const struct input_seq *copy, const struct input_seq *paste);
/* The hotkey a key press would trigger (for tests and the router). */
enum input_hotkey input_hotkey_for(const struct input *in, uint32_t keycode, uint32_t state);

#endif
