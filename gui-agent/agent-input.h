/*
 * The agent's keyboard, layout and clipboard state (struct agent holds one
 * of each), shared by keyboard.c, keysym.c, layout.c, clipboard.c, paste.c
 * through agent.h; input.c's and keyboard.c's functions.
 */
#ifndef VITRINE_AGENT_INPUT_H
#define VITRINE_AGENT_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xcb/xcb.h>

#include "../protocol/proto.h"

struct xkb_context;
struct xkb_keymap;
struct xkb_state;

/* A keycode without symbols in the domain's keymap, mapped by keysym.c to
 * a keysym the keymap lacks (sym 0: not yet). Reused oldest first: with 8,
 * a line of 11 such characters remapped spares while the application still
 * read their old symbol (new-user trial 3); a US keymap leaves over 100. */
#define KEYSYM_SPARES 96
struct spare {
	xcb_keycode_t code;
	xcb_keysym_t sym;
};

/*
 * The domain's keyboard as the agent believes it to be: refreshed from the
 * X server on focus-in, then kept up to date from the agent's own XTEST
 * injections, so that a key costs no round trip.
 */
struct keyboard {
	uint8_t down[32];	 /* keys down in the domain */
	uint8_t pressed[32];	 /* of those, the ones the agent pressed */
	uint8_t lock[32];	 /* keys that lock their modifier (Caps_Lock, Num_Lock) */
	uint8_t mods_of[256];	 /* modifier bits each keycode is mapped to */
	xcb_keycode_t hold[8];	 /* per modifier: a key that sets it while held, or 0 */
	xcb_keycode_t toggle[8]; /* per modifier: a key that locks it, or 0 */
	uint8_t locked;		 /* locked modifiers (Lock, NumLock) */
	bool fresh;		 /* state read from the server since the last focus-out */
	/* keysym.c: the desktop's layout in a domain whose keymap differs */
	uint32_t want[256];	 /* per keycode: the KEYSYM its next press is to type */
	xcb_keycode_t sub[256];	 /* per keycode: the keycode its press was injected as */
	struct xkb_context *ctx; /* NULL: no XKB in the X server */
	struct xkb_keymap *km;	 /* the domain's keymap, read from the server */
	struct xkb_state *st;	 /* for lookups: modifiers set per key */
	int32_t device;
	uint8_t xkb_event; /* first event of XKB */
	bool stale;	   /* the keymap changed since km was read */
	uint32_t group;	   /* the domain's own group when km was read */
	struct spare spares[KEYSYM_SPARES];
	unsigned nspares, next_spare;
	bool no_spare_logged;
};

/* setxkbmap runs in a child; a LAYOUT that arrives meanwhile waits for it. */
struct layout {
	int pid; /* the running setxkbmap, or 0 */
	bool pending;
	bool missing;			  /* setxkbmap is not installed (logged once) */
	bool applied;			  /* a layout came and setxkbmap was started */
	char names[5][VP_MAX_LAYOUT + 1]; /* rules, model, layout, variant, options */
};

/*
 * The clipboard (clipboard.c, paste.c). One hidden InputOnly window is both
 * the requestor of the daemon's copies and the owner of what it pastes.
 */
#define CLIP_PROPS 4 /* property names used in turn, one per conversion */

struct clip_copy {
	bool pending;		    /* a REQUEST waits for the X selection owner */
	bool incr;		    /* receiving an INCR transfer into buf */
	uint32_t serial;	    /* of that REQUEST */
	xcb_atom_t selection, then; /* read now (CLIPBOARD, PRIMARY); the next if empty */
	xcb_atom_t target;	    /* UTF8_STRING, then STRING */
	xcb_atom_t prop;	    /* property of the current conversion */
	xcb_atom_t type;	    /* of the data received */
	xcb_atom_t drain;	    /* INCR past the limit: deleted unread, or NONE */
	unsigned next;		    /* next of clip.props to use */
	uint8_t *buf;		    /* raw bytes received */
	size_t len;
};

struct clip_own {
	uint8_t *data; /* exactly the text of the last PASTE, or NULL */
	size_t len;
	bool stamping;		 /* waiting for a timestamp to take ownership */
	bool clipboard, primary; /* selections we own */
	xcb_timestamp_t since;	 /* of our ownership */
};

struct clip {
	xcb_window_t win;
	xcb_atom_t clipboard, targets, text, timestamp, incr, stamp;
	xcb_atom_t props[CLIP_PROPS];
	size_t max_prop;    /* largest property one ChangeProperty can carry */
	bool capped_logged; /* a paste did not fit one request (logged once) */
	struct clip_copy copy;
	struct clip_own own;
};

struct agent;
struct win;

/* input.c */
int input_init(struct agent *a);
void input_handle(struct agent *a, struct win *w, const struct vp_msg *m);
/* The pointer to a corner no window (nor the tray) covers, as when it leaves. */
void input_park(struct agent *a);
/* After a batch of the daemon's messages: the keys left the domain (no FOCUS
 * in after the out): a menu open in it is closed. */
void input_settle(struct agent *a);

/* keyboard.c */
void keyboard_init(struct agent *a);
void keyboard_connected(struct agent *a);
void keyboard_key(struct agent *a, uint32_t keycode, bool pressed, uint32_t state);
void keyboard_sync_mods(struct agent *a, uint32_t state, uint8_t keep);
void keyboard_keymap(struct agent *a, const uint8_t keys[32]);
void keyboard_focus(struct agent *a, bool in);
void keyboard_release_all(struct agent *a);
void keyboard_keysym(struct agent *a, uint32_t keycode, uint32_t keysym);
void keyboard_mapping_changed(struct agent *a);
void handle_mapping_notify(struct agent *a, xcb_generic_event_t *ev);

#endif
