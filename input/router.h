/* The router's state, shared by router.c and hotkey.c only (input/). */
#ifndef VITRINE_INPUT_ROUTER_H
#define VITRINE_INPUT_ROUTER_H

#include <stdbool.h>
#include <stdint.h>

#include "input.h"
#include "keymap.h"

#define SHIFT 0x1u
#define LOCK 0x2u
#define CONTROL 0x4u
#define MOD1 0x8u  /* Alt */
#define MOD2 0x10u /* NumLock */
#define MOD4 0x40u

struct input {
	const struct input_core_ops *ops;
	void *core;
	bool cycle_focus;	     /* Alt+Tab is ours (and Super+arrows) */
	bool vt_switch;		     /* Ctrl+Alt+Fn is ours */
	struct input_target *focus;  /* keyboard focus, moved only by the user */
	struct input_keymap km;	     /* keymap.c */
	uint8_t down[32];	     /* keys the user holds */
	uint8_t desk[32];	     /* of those, pressed on the desktop (state >= 0) */
	uint8_t sent[32];	     /* presses delivered to the focused domain */
	uint8_t swallowed[32];	     /* presses that were hotkeys */
	struct input_target *cycled; /* Alt+Tab: last window visited while Alt is held */
	struct input_target *grab;   /* window a button went down on (implicit grab) */
	uint32_t buttons;	     /* buttons down in grab, bit n = button n (< 32) */
	int32_t grab_x, grab_y;	     /* last position in grab */
	struct input_seq copy;	     /* the clipboard hotkeys */
	struct input_seq paste;
};

/* hotkey.c: hotkey h (pressed on keycode) done; Alt released after Alt+Tab
 * cycling raises the window chosen. */
void input_hotkey_run(struct input *in, enum input_hotkey h, uint32_t keycode);
void input_end_cycle(struct input *in);

#endif
