/*
 * The input router, one for every backend. Backends report what the user
 * did; the router decides which domain may see it. Keyboard events go only
 * to the focused window's domain; pointer events to the window they happened
 * on. Only the user moves focus (the backend calls input_focus for the
 * user's own clicks and window manager focus changes, never for a guest's
 * request).
 */
#ifndef VITRINE_INPUT_H
#define VITRINE_INPUT_H

#include <stdbool.h>
#include <stdint.h>

struct server;
struct window;

/* The user focused win (NULL: something that is not a guest window). */
void input_focus(struct server *srv, struct window *win);
void input_key(struct server *srv, uint32_t keycode, uint32_t state, bool pressed);
/* x, y relative to win's content. */
void input_button(struct server *srv, struct window *win, uint32_t button, bool pressed,
		  int32_t x, int32_t y, uint32_t state);
void input_motion(struct server *srv, struct window *win, int32_t x, int32_t y, uint32_t state);
void input_crossing(struct server *srv, struct window *win, bool entered, int32_t x, int32_t y,
		    uint32_t state);
/* win is going away: forget it. */
void input_window_gone(struct server *srv, struct window *win);

#endif
