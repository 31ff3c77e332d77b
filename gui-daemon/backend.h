/*
 * Backends show the scene somewhere: headless (an image in memory), and in
 * later work the user's X desktop and DRM/KMS. Each implements this table;
 * the core never includes a backend's own headers.
 */
#ifndef VITRINE_BACKEND_H
#define VITRINE_BACKEND_H

#include <pixman.h>

struct server;
struct backend;
struct window;

/* What changed, for window_changed. */
enum {
	WIN_CHANGED_MAP = 1,	  /* mapped or unmapped */
	WIN_CHANGED_GEOMETRY = 2, /* x, y, w, h */
	WIN_CHANGED_TITLE = 4,	  /* title or class */
	WIN_CHANGED_BUFFER = 8,	  /* a new buffer, or none */
	WIN_CHANGED_FLAGS = 16,	  /* hints, wmflags, transient_for */
	WIN_CHANGED_STACK = 32,	  /* raised */
};

struct backend_ops {
	const char *name;
	struct backend *(*create)(struct server *srv);
	void (*destroy)(struct backend *b);
	/* After every batch of events: repaint the damaged region of the
	 * scene (it may be empty) and flush. */
	void (*repaint)(struct backend *b, pixman_region32_t *damage);
	/* The composited output, or NULL if this backend has none. */
	pixman_image_t *(*output)(struct backend *b);

	/* Optional, for backends that show each window on its own (x11).
	 * Called after the window's trusted state changed; damage is in
	 * content coordinates, already clipped to buffer and content. */
	void (*window_changed)(struct backend *b, struct window *win, unsigned what);
	void (*window_damaged)(struct backend *b, struct window *win, int32_t x, int32_t y,
			       uint32_t w, uint32_t h);
	void (*window_removed)(struct backend *b, struct window *win);
};

struct backend {
	const struct backend_ops *ops;
};

/* Call the optional window hooks, if the backend has them. */
void backend_window_changed(struct backend *b, struct window *win, unsigned what);
void backend_window_damaged(struct backend *b, struct window *win, int32_t x, int32_t y, uint32_t w,
			    uint32_t h);
void backend_window_removed(struct backend *b, struct window *win);

extern const struct backend_ops headless_backend_ops;
extern const struct backend_ops x11_backend_ops;

#endif
