/*
 * Window buffers: a sealed memfd, attached to the X server as an MIT-SHM
 * segment (fd passing, MIT-SHM >= 1.2) with a shared pixmap over it at
 * stride = width * 4. Damaged rectangles are copied into that pixmap with
 * CopyArea, so the X server writes the pixels in place, once; the daemon
 * reads the same memory. See agent.h for the lifetimes.
 *
 * How the daemon gets the pixels is the buffer's form (struct buffer_ops),
 * the one its transport carries: here the memfd form, whose VP_BUFFER
 * carries the memfd itself (socket transport); the grant form of the vchan
 * transport is in buffer-xen.c.
 */
#include "agent.h"
#include "dbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xcb/shm.h>

#include "../shm/shm.h"

int buffer_check_shm(struct agent *a)
{
	const xcb_query_extension_reply_t *ext = xcb_get_extension_data(a->xc, &xcb_shm_id);
	xcb_shm_query_version_reply_t *v = NULL;
	if (ext && ext->present)
		v = xcb_shm_query_version_reply(a->xc, xcb_shm_query_version(a->xc), NULL);
	if (!v || v->major_version < 1 || (v->major_version == 1 && v->minor_version < 2)) {
		fprintf(stderr, "vitrine-agent: the X server lacks MIT-SHM 1.2 (fd passing); "
				"cannot share window buffers\n");
		free(v);
		return -1;
	}
	if (!v->shared_pixmaps || v->pixmap_format != XCB_IMAGE_FORMAT_Z_PIXMAP) {
		fprintf(stderr, "vitrine-agent: the X server has no MIT-SHM shared ZPixmaps\n");
		free(v);
		return -1;
	}
	free(v);
	/* The buffer format is 32 bits per pixel: only depths stored that way. */
	const xcb_setup_t *setup = xcb_get_setup(a->xc);
	xcb_format_iterator_t it = xcb_setup_pixmap_formats_iterator(setup);
	for (; it.rem; xcb_format_next(&it)) {
		uint8_t d = it.data->depth;
		if ((d == 24 || d == 32) && it.data->bits_per_pixel == 32 &&
		    it.data->scanline_pad <= 32)
			a->depth_ok[d] = true;
	}
	return 0;
}

/* A buffer of frames (1, or 2: dbuf.h) frames of width x height. */
static struct buffer *make(struct agent *a, uint32_t width, uint32_t height, uint8_t depth,
			   uint32_t frames)
{
	struct buffer *b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->width = width;
	b->height = height;
	b->stride = width * 4u;
	b->depth = depth;
	b->fd = vshm_local_create((size_t)b->stride * height * frames);
	if (b->fd < 0) {
		perror("vitrine-agent: memfd");
		free(b);
		return NULL;
	}
	/* xcb closes the fd it sends: give it a duplicate. */
	int xfd = dup(b->fd);
	if (xfd < 0) {
		perror("vitrine-agent: dup");
		close(b->fd);
		free(b);
		return NULL;
	}
	b->seg = xcb_generate_id(a->xc);
	xcb_generic_error_t *err =
		xcb_request_check(a->xc, xcb_shm_attach_fd_checked(a->xc, b->seg, xfd, 0));
	if (err) {
		fprintf(stderr,
			"vitrine-agent: MIT-SHM attach of a %ux%u buffer failed "
			"(X error %u)\n",
			width, height, err->error_code);
		free(err);
		close(b->fd);
		free(b);
		return NULL;
	}
	b->pixmap = xcb_generate_id(a->xc);
	xcb_shm_create_pixmap(a->xc, b->pixmap, a->root, (uint16_t)width, (uint16_t)height, depth,
			      b->seg, 0);
	if (frames == 2 && dbuf_create(a, b) < 0) {
		buffer_destroy(a, b);
		return NULL;
	}
	b->gc = xcb_generate_id(a->xc);
	uint32_t values[] = { XCB_SUBWINDOW_MODE_INCLUDE_INFERIORS, 0 };
	xcb_create_gc(a->xc, b->gc, b->pixmap, XCB_GC_SUBWINDOW_MODE | XCB_GC_GRAPHICS_EXPOSURES,
		      values);
	b->serial = ++a->next_serial;
	b->ops = a->transport->buffers;
	if (b->ops->create && b->ops->create(a, b) < 0) {
		buffer_destroy(a, b);
		return NULL;
	}
	return b;
}

struct buffer *buffer_create(struct agent *a, uint32_t width, uint32_t height, uint8_t depth)
{
	struct buffer *b = NULL;
	if (dbuf_wanted(a, width * 4u, height))
		b = make(a, width, height, depth, 2);
	return b ? b : make(a, width, height, depth, 1); /* e.g. too few grants for two */
}

void buffer_copy_out(struct buffer *b, const struct vp_rect *r)
{
	if (b->ops->copy_out)
		b->ops->copy_out(b, r);
}

void buffer_destroy(struct agent *a, struct buffer *b)
{
	if (!b)
		return;
	xcb_free_gc(a->xc, b->gc);
	xcb_free_pixmap(a->xc, b->pixmap);
	dbuf_destroy(a, b);
	xcb_shm_detach(a->xc, b->seg);
	close(b->fd);
	if (b->ops && b->ops->destroy)
		b->ops->destroy(b);
	free(b);
}

/* The window is done with b: keep it until the daemon releases it. */
void buffer_retire(struct agent *a, struct buffer *b)
{
	if (!b)
		return;
	if (!b->sent || !a->ready) {
		buffer_destroy(a, b);
		return;
	}
	b->next = a->retired;
	a->retired = b;
}

void buffer_release(struct agent *a, uint32_t serial)
{
	for (struct buffer **p = &a->retired; *p; p = &(*p)->next) {
		if ((*p)->serial == serial) {
			struct buffer *b = *p;
			*p = b->next;
			buffer_destroy(a, b);
			return;
		}
	}
	/* The daemon dropped a current buffer: send it again when needed. */
	for (struct win *w = a->windows; w; w = w->next) {
		if (w->buf && w->buf->serial == serial) {
			w->buf->sent = w->buf->busy = false; /* nobody reads it */
			return;
		}
	}
}

void buffer_free_retired(struct agent *a)
{
	while (a->retired) {
		struct buffer *b = a->retired;
		a->retired = b->next;
		buffer_destroy(a, b);
	}
}

/* Send BUFFER for w's current buffer, as its form describes it (its memfd,
 * or its grant refs). */
void buffer_send(struct agent *a, struct win *w)
{
	struct buffer *b = w->buf;
	if (!b->dbuf != !dbuf_wanted(a, b->stride, b->height)) {
		/* made for another daemon (or before WELCOME): the kind this one takes */
		struct buffer *n = buffer_create(a, b->width, b->height, b->depth);
		if (n) {
			buffer_destroy(a, b);
			w->buf = b = n;
		}
	}
	dbuf_reset(b); /* the daemon holds none of its frames */
	struct vp_msg m = { .type = VP_BUFFER, .window = w->id };
	m.u.buffer = (struct vp_buffer){
		.serial = b->serial,
		.width = b->width,
		.height = b->height,
		.stride = b->stride,
		.format = b->dbuf ? VP_FMT_XRGB8888_X2 : VP_FMT_XRGB8888,
	};
	int fd = b->ops->describe(a, b, &m.u.buffer);
	agent_send(a, &m, fd);
	b->sent = true;
}

static int memfd_describe(const struct agent *a, const struct buffer *b, struct vp_buffer *m)
{
	(void)a;
	m->kind = VP_BUF_LOCAL;
	return b->fd;
}

/* The daemon maps the memfd the X server writes into: nothing to copy. */
const struct buffer_ops buffer_memfd_ops = {
	.name = "memfd",
	.create = NULL,
	.destroy = NULL,
	.copy_out = NULL,
	.describe = memfd_describe,
};
