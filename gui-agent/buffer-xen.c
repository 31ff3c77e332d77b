/*
 * Grant buffers (buffer_grant_ops, the buffer form of the vchan transport;
 * built only with libxen-dev). The daemon cannot map a memfd of another
 * domain, and the X server cannot attach granted pages (MIT-SHM AttachFd
 * wants a file with a size; a gntalloc descriptor has none). So the memfd
 * stays the X server's, and each buffer also shares fresh pages read-only
 * with the GUI domain (vshm_grant_create); after each batch's CopyArea and
 * round trip, damage.c copies the damaged rectangles memfd -> granted pages
 * (buffer_copy_out -> grant_copy_out) before sending DAMAGE: one more copy
 * than the memfd form, of damaged pixels only. VP_BUFFER carries the grant
 * references. The grants end when the buffer is destroyed: after the
 * daemon's RELEASE for it, or on a disconnect.
 */
#include "xen.h"
#include "dbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../shm/shm-xen.h"

struct grant_buffer {
	const uint8_t *pixels; /* the memfd mapped, to copy damage from */
	struct vshm_grant g;   /* the pages the daemon maps */
	uint8_t *refs;	       /* g.refs as VP_BUFFER carries them: little-endian */
};

static void grant_destroy(struct buffer *b)
{
	struct grant_buffer *gb = b->priv;
	if (!gb)
		return;
	if (gb->pixels)
		munmap((void *)gb->pixels, (size_t)b->stride * b->height * buffer_frames(b));
	vshm_grant_destroy(&gb->g);
	free(gb->refs);
	free(gb);
	b->priv = NULL;
}

static int grant_create(struct agent *a, struct buffer *b)
{
	const struct xen_target *t = a->target;
	struct grant_buffer *gb = calloc(1, sizeof(*gb));
	if (!gb)
		goto fail;
	b->priv = gb;
	void *px = mmap(NULL, (size_t)b->stride * b->height * buffer_frames(b), PROT_READ,
			MAP_SHARED, b->fd, 0);
	if (px == MAP_FAILED)
		goto fail;
	gb->pixels = px;
	if (vshm_grant_create(&gb->g, (uint32_t)t->gui, b->stride, b->height * buffer_frames(b)) <
		    0 ||
	    !(gb->refs = malloc((size_t)gb->g.pages * 4u)))
		goto fail;
	for (uint32_t i = 0; i < gb->g.pages; i++)
		for (unsigned k = 0; k < 4; k++)
			gb->refs[4 * i + k] = (uint8_t)(gb->g.refs[i] >> (8 * k));
	return 0;
fail:
	fprintf(stderr, "vitrine-agent: cannot grant a %ux%u buffer: %s%s\n", b->width, b->height,
		strerror(errno), errno == ENOSPC ? " (raise xen_gntalloc's limit)" : "");
	grant_destroy(b);
	return -1;
}

static void grant_copy_out(struct buffer *b, const struct vp_rect *r)
{
	struct grant_buffer *gb = b->priv;
	size_t off = (size_t)r->y * b->stride + (size_t)r->x * 4u;
	for (uint32_t y = 0; y < r->h; y++, off += b->stride)
		memcpy((uint8_t *)gb->g.data + off, gb->pixels + off, (size_t)r->w * 4u);
}

static int grant_describe(const struct agent *a, const struct buffer *b, struct vp_buffer *m)
{
	const struct xen_target *t = a->target;
	const struct grant_buffer *gb = b->priv;
	m->kind = VP_BUF_GRANT;
	m->domid = (uint32_t)t->own;
	m->nrefs = gb->g.pages;
	m->refs = gb->refs;
	return -1; /* no descriptor: the daemon maps the refs */
}

const struct buffer_ops buffer_grant_ops = {
	.name = "grant",
	.create = grant_create,
	.destroy = grant_destroy,
	.copy_out = grant_copy_out,
	.describe = grant_describe,
};
