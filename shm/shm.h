/*
 * Window buffers: pixels only, shared from a domain to the daemon.
 *
 * The agent side creates a buffer (vshm_local_create: a sealed memfd). The
 * daemon side maps a buffer that a VP_BUFFER message describes, read-only,
 * after checking that it really covers stride * height bytes and cannot
 * shrink under the daemon's feet. One ops table per form: local (memfd) in
 * shm-local.c, Xen grant tables in shm-xen.c (with the agent's grant side in
 * shm-xen.h), which only a build with libxen-dev has.
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
	uint32_t kind; /* the enum vp_buf_kind it maps */
	/* Open now what map needs (before a sandbox forbids it); or NULL. */
	int (*open)(void);
	/* Map b (with fd for the local form). 0 on success; -1 and *why on a
	 * refusal. Takes no ownership of fd. */
	int (*map)(struct vshm_map *m, const struct vp_buffer *b, int fd, const char **why);
	void (*unmap)(struct vshm_map *m);
};

/* A read-only view of one window buffer. */
struct vshm_map {
	const struct vshm_ops *ops; /* NULL when nothing is mapped */
	const uint8_t *data;
	size_t size; /* bytes mapped, >= stride * height * frames */
	uint32_t serial, width, height, stride;
	uint32_t frames; /* 2: an X2 buffer, frame 1 at stride * height */
	int fd;		 /* local form: our own descriptor, else -1 */
	int32_t domid;	 /* Xen form: the trusted domid it was mapped from, else -1 */
	void *priv;
};

extern const struct vshm_ops vshm_local_ops;

/* Map by b->kind. fd is the descriptor that came with the message, or -1.
 * For a domain that is not a Xen domain: grant buffers are refused. */
int vshm_map(struct vshm_map *m, const struct vp_buffer *b, int fd, const char **why);

/* The same for a domain that is the Xen domain domid, as the daemon's
 * configuration says (never the message; VSHM_NO_DOMID for a local domain):
 * grant buffers from it are mapped from that domid only, and refused when
 * the message names another, when nrefs is not the page count of stride *
 * height, or when the daemon was built without Xen. */
#define VSHM_NO_DOMID (-1)
int vshm_map_domain(struct vshm_map *m, const struct vp_buffer *b, int fd, int32_t domid,
		    const char **why);

/* Xen grant tables (shm-xen.c), built only with libxen-dev: a weak symbol,
 * whose address is NULL in a build without them. */
extern const struct vshm_ops vshm_xen_ops __attribute__((weak));

/* Xen support compiled in (libxen-dev was there at build time)? */
int vshm_xen_available(void);

/* Daemon: open what mapping grant buffers needs (/dev/xen/gntdev) now,
 * before a sandbox forbids it (otherwise done on the first grant buffer).
 * 0, or -1 with errno set (ENOSYS: built without Xen). */
int vshm_xen_open(void);

/* Unmap; safe on a zeroed or already unmapped struct. */
void vshm_unmap(struct vshm_map *m);

#endif
