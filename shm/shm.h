/*
 * Window buffers: pixels only, shared from a domain to the daemon.
 *
 * The agent side creates a buffer (vshm_local_create: a sealed memfd). The
 * daemon side maps a buffer that a VP_BUFFER message describes, read-only,
 * after checking that it really covers stride * height bytes and cannot
 * shrink under the daemon's feet. One ops table per transport: local (memfd)
 * here, Xen grant tables in their own file.
 */
#ifndef VITRINE_SHM_H
#define VITRINE_SHM_H

#include <stddef.h>
#include <stdint.h>

#include "../protocol/proto.h"

/* Agent: a memfd of size bytes, sealed against shrink, grow and further
 * sealing. Returns the fd (close-on-exec) or -1 with errno set. */
int vshm_local_create(size_t size);

struct vshm_map;

struct vshm_ops {
	const char *name;
	/* Map b (with fd for the local form). 0 on success; -1 and *why on a
	 * refusal. Takes no ownership of fd. */
	int (*map)(struct vshm_map *m, const struct vp_buffer *b, int fd, const char **why);
	void (*unmap)(struct vshm_map *m);
};

/* A read-only view of one window buffer. */
struct vshm_map {
	const struct vshm_ops *ops; /* NULL when nothing is mapped */
	const uint8_t *data;
	size_t size;                /* bytes mapped, >= stride * height */
	uint32_t serial, width, height, stride;
	int fd;                     /* local form: our own descriptor, else -1 */
	void *priv;
};

extern const struct vshm_ops vshm_local_ops;

/* Map by b->kind. fd is the descriptor that came with the message, or -1. */
int vshm_map(struct vshm_map *m, const struct vp_buffer *b, int fd, const char **why);
/* Unmap; safe on a zeroed or already unmapped struct. */
void vshm_unmap(struct vshm_map *m);

#endif
