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

struct backend_ops {
	const char *name;
	struct backend *(*create)(struct server *srv);
	void (*destroy)(struct backend *b);
	/* Repaint the damaged region of the scene. */
	void (*repaint)(struct backend *b, pixman_region32_t *damage);
	/* The composited output, or NULL if this backend has none. */
	pixman_image_t *(*output)(struct backend *b);
};

struct backend {
	const struct backend_ops *ops;
};

extern const struct backend_ops headless_backend_ops;

#endif
