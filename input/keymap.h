/*
 * The router's keymap (private to input/): the desktop's where the backend
 * gives it one (input_set_keymap), else compiled from the configured
 * layout; the user's keys tracked in it (headless), and what it makes of a
 * key under an event's own modifiers and group.
 */
#ifndef VITRINE_INPUT_KEYMAP_H
#define VITRINE_INPUT_KEYMAP_H

#include <stdbool.h>
#include <stdint.h>
#include <xkbcommon/xkbcommon.h>

struct input_keymap {
	struct xkb_context *ctx;
	struct xkb_keymap *keymap;
	struct xkb_state *state;  /* the user's keys, as the router saw them */
	struct xkb_state *lookup; /* the keymap under an event's own state */
	char names[5][64];	  /* rules, model, layout, variant, options */
};

/* layout: as input_create's. 0, or -1 if it cannot be compiled. */
int keymap_init(struct input_keymap *k, const char *layout);
void keymap_finish(struct input_keymap *k);
/* See input_set_keymap. */
bool keymap_set(struct input_keymap *k, struct xkb_keymap *keymap, const char *const names[5]);
/* The modifiers and group of k->state, as X core state bits. */
uint32_t keymap_mods(const struct input_keymap *k);
/* What the keymap makes of keycode pressed now: under k->state (state < 0)
 * or under an X event's state (modifiers in bits 0-7, group in 13-14);
 * NoSymbol for nothing or a keysym beyond VP_MAX_KEYSYM. */
xkb_keysym_t keymap_keysym(struct input_keymap *k, uint32_t keycode, int64_t state);
/* A keycode that types want at shift level 0 or 1 of the first group, and
 * the level; 0 if none. */
uint32_t keymap_find(const struct input_keymap *k, xkb_keysym_t want, int *level);
/* A keycode without symbols in the keymap, or 0. */
uint32_t keymap_spare(const struct input_keymap *k);

#endif
