/*
 * The user's pointer on a composited output (no desktop window manager):
 * the headless backend's control socket and the drm backend's mouse report
 * where the pointer is and what its buttons do, in scene coordinates; the
 * rules are here, once: a press on a window's frame or content raises it
 * and gives it the keyboard (click to focus, the user's choice), and the
 * content under the pointer (or the window holding the grab while a button
 * is down) gets the events through the router. The daemon's own drags
 * (moving and resizing windows, the close box: grab.h) come first, then
 * the daemon's tray area and notification (tray-area.h): no window gets
 * the pointer's events over them.
 */
#ifndef VITRINE_POINTER_H
#define VITRINE_POINTER_H

#include <stdbool.h>
#include <stdint.h>

struct server;
struct window;

/* The topmost mapped window whose frame contains (x, y), or NULL;
 * *in_content: (x, y) is in its content. */
struct window *pointer_window_at(struct server *srv, int32_t x, int32_t y, bool *in_content);
/* The pointer moved to (x, y). *hover is the caller's window under the
 * pointer (crossing events when it changes; NULL at first; the caller
 * clears it when that window goes away); hover NULL: no crossing events
 * (the control socket's motion). */
void pointer_motion(struct server *srv, struct window **hover, int32_t x, int32_t y);
/* A button went down or up at (x, y): 1-3 left, middle, right, 4-7 the
 * wheel, 8 and 9 back and forward. */
void pointer_button(struct server *srv, int32_t x, int32_t y, uint32_t button, bool pressed);

/* The shape the pointer shows at (x, y): the guest's (win->cursor, a
 * VP_CURSOR_* number) over its window's content only, and only for a domain
 * that may see the pointer now (pointer privacy) and while no drag of the
 * daemon's is on; VP_CURSOR_DEFAULT (the daemon's arrow) elsewhere. */
uint32_t pointer_shape(struct server *srv, int32_t x, int32_t y);

#endif
