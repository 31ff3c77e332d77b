/*
 * The input router, one for every backend. Backends (and the control socket,
 * for the headless backend) report what the user did; the router decides
 * which single domain may see it:
 *
 *   - keys go only to the focused window's domain; a key pressed while one
 *     domain had focus is released in that domain when focus moves, and the
 *     newly focused domain learns which keys are held (KEYMAP);
 *   - pointer events go to the window under the pointer, or only to the
 *     focused domain for domains with pointer privacy;
 *   - trusted hotkeys are handled here and never forwarded;
 *   - only the user moves focus (input_focus is called for the user's own
 *     clicks and the desktop window manager's decisions, never for a guest's
 *     request).
 *
 * Keycodes are X keycodes (evdev + 8). The keymap that names them comes from
 * libxkbcommon with the layout the daemon also sends to every domain.
 */
#ifndef VITRINE_INPUT_H
#define VITRINE_INPUT_H

#include <stdbool.h>
#include <stdint.h>

struct server;
struct window;
struct domain;
struct input;

enum input_hotkey {
	HOTKEY_NONE,
	HOTKEY_CYCLE_FOCUS, /* Alt+Tab, headless backend: next window */
	HOTKEY_CUT_OFF,	    /* Ctrl+Alt+Shift+Escape: cut the focused domain off */
	HOTKEY_COPY,	    /* Ctrl+Shift+C: copy the focused domain's clipboard */
	HOTKEY_PASTE,	    /* Ctrl+Shift+V: paste it into the focused domain */
};

/* layout: "rules,model,layout,variant,options" (empty fields allowed), or
 * NULL for evdev/pc105/us. */
struct input *input_create(struct server *srv, const char *layout);
void input_destroy(struct input *in);
/* Send the keyboard layout to a domain that just connected. */
void input_send_layout(struct input *in, struct domain *d);

/* The user focused win (NULL: something that is not a guest window). */
void input_focus(struct server *srv, struct window *win);
/* A key; state is the X modifier mask before it, or -1 to use the router's
 * own tracking (headless). */
void input_key(struct server *srv, uint32_t keycode, bool pressed, int64_t state);
/* x, y relative to win's content. */
void input_button(struct server *srv, struct window *win, uint32_t button, bool pressed, int32_t x,
		  int32_t y, uint32_t state);
/* The same for backends without a pointer grab of their own (headless):
 * after a press, everything goes to the window the button went down on
 * until the last button is released. */
void input_pointer_button(struct server *srv, struct window *win, uint32_t button, bool pressed,
			  int32_t x, int32_t y, uint32_t state);
/* The window holding the pointer grab, or NULL. */
struct window *input_pointer_grab(struct server *srv);
void input_motion(struct server *srv, struct window *win, int32_t x, int32_t y, uint32_t state);
void input_crossing(struct server *srv, struct window *win, bool entered, int32_t x, int32_t y,
		    uint32_t state);
/* win is going away: forget it. */
void input_window_gone(struct server *srv, struct window *win);

/* The router's current modifier mask (X core bits). */
uint32_t input_mods(struct server *srv);
/* Keycode and shift level that type the keysym named name ("Return", "a")
 * or the character ch; 0 if none. */
uint32_t input_keycode_for_name(struct server *srv, const char *name, int *level);
uint32_t input_keycode_for_char(struct server *srv, uint32_t ch, int *level);
/* The hotkey a key press would trigger (for tests and the router). */
enum input_hotkey input_hotkey_for(struct server *srv, uint32_t keycode, uint32_t state);

#endif
