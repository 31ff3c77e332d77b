/*
 * The daemon's window manager on a composited output (headless, drm: no
 * desktop window manager), called by pointer.c before anything reaches a
 * guest: the user moves a window by dragging its title bar (the daemon's),
 * or with Super and the left button anywhere on it; resizes it with Super
 * and the right button (from the corner nearest the press); and closes it
 * with the close box of its title bar, which asks the guest (CLOSE, as
 * WM_DELETE_WINDOW does: the guest decides). The new geometry goes through
 * window_user_geometry: clamped by the scene (the title bar never above the
 * trusted bar, never wholly off the output) and told to the guest with
 * SET_GEOMETRY, at most SENT_MAX ahead of its echoes (the rest at the next
 * motion or at the release). No guest sees the presses, motions and
 * releases of such a drag.
 */
#ifndef VITRINE_GRAB_H
#define VITRINE_GRAB_H

#include <stdbool.h>
#include <stdint.h>

#include "protocol/proto.h"

struct server;
struct window;

enum grab_kind { GRAB_NONE, GRAB_MOVE, GRAB_RESIZE, GRAB_CLOSE };

struct grab {
	enum grab_kind kind;
	struct window *win;
	uint32_t button;
	int32_t px, py;	      /* the pointer at the press */
	struct vp_rect start; /* the window's content then */
	int ex, ey;	      /* resize: -1 the left/top edge moves, 1 the right/bottom */
	bool pending;	      /* want not yet applied (the guest is behind) */
	struct vp_rect want;
};

/* A press of button on w (NULL: none) at (x, y), in_content or on its
 * frame, after the click raised and focused it: true if it starts a drag
 * (or arms the close box); the guest is then not told of it. */
bool grab_press(struct server *srv, struct window *w, bool in_content, int32_t x, int32_t y,
		uint32_t button);
/* While a grab is on, every button event ends here: true (taken). The
 * release of the grab's button ends it (and closes, on the close box). */
bool grab_button(struct server *srv, int32_t x, int32_t y, uint32_t button, bool pressed);
/* The pointer moved: true if a grab took it (the window follows). */
bool grab_motion(struct server *srv, int32_t x, int32_t y);
/* The keyboard's move (Super+arrow) or resize (Super+Shift+arrow, the
 * right and bottom edges) of w by dx, dy: the same rules as a drag (no
 * popup, no desktop window manager, not while a drag is on). */
void grab_key(struct server *srv, struct window *w, int32_t dx, int32_t dy, bool resize);
/* win is going away: a grab on it ends. */
void grab_window_gone(struct server *srv, struct window *win);

#endif
