/*
 * Window buffers: a sealed memfd, attached to the X server as an MIT-SHM
 * segment (fd passing, MIT-SHM >= 1.2) with a shared pixmap over it at
 * stride = width * 4. Damaged rectangles are copied into that pixmap with
 * CopyArea, so the X server writes the pixels in place, once; the daemon
 * reads the same memory. See agent.h for the lifetimes.
 *
 * Xen (--xen): the daemon cannot map a memfd of another domain, and the X
 * server cannot attach granted pages (MIT-SHM AttachFd wants a file with a
 * size; a gntalloc descriptor has none). So the memfd stays the X server's,
 * and the agent also shares fresh pages read-only with the GUI domain
 * (vshm_grant_create); after each batch's CopyArea and round trip,
 * damage.c copies the damaged rectangles memfd -> granted pages
 * (buffer_copy_out) before sending DAMAGE: one more copy than the local
 * transport, of damaged pixels only. The grants end when the buffer is
 * destroyed: after the daemon's RELEASE for it, or on a disconnect.
 */
#include "agent.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

struct buffer *buffer_create(struct agent *a, uint32_t width, uint32_t height, uint8_t depth)
{
	struct buffer *b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->width = width;
	b->height = height;
	b->stride = width * 4u;
	b->depth = depth;
	b->fd = vshm_local_create((size_t)b->stride * height);
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
	b->gc = xcb_generate_id(a->xc);
	uint32_t values[] = { XCB_SUBWINDOW_MODE_INCLUDE_INFERIORS, 0 };
	xcb_create_gc(a->xc, b->gc, b->pixmap, XCB_GC_SUBWINDOW_MODE | XCB_GC_GRAPHICS_EXPOSURES,
		      values);
	b->serial = ++a->next_serial;
#ifdef VITRINE_XEN
	if (a->xen_gui >= 0) {
		size_t size = (size_t)b->stride * height;
		void *px = mmap(NULL, size, PROT_READ, MAP_SHARED, b->fd, 0);
		struct vshm_grant *g = calloc(1, sizeof(*g));
		if (px == MAP_FAILED || !g ||
		    vshm_grant_create(g, (uint32_t)a->xen_gui, b->stride, height) < 0) {
			fprintf(stderr, "vitrine-agent: cannot grant a %ux%u buffer: %s%s\n", width,
				height, strerror(errno),
				errno == ENOSPC ? " (raise xen_gntalloc's limit)" : "");
			if (px != MAP_FAILED)
				munmap(px, size);
			free(g);
			buffer_destroy(a, b);
			return NULL;
		}
		b->pixels = px;
		b->grant = g;
	}
#endif
	return b;
}

void buffer_copy_out(struct buffer *b, const struct vp_rect *r)
{
#ifdef VITRINE_XEN
	struct vshm_grant *g = b->grant;
	if (!g)
		return;
	size_t off = (size_t)r->y * b->stride + (size_t)r->x * 4u;
	for (uint32_t y = 0; y < r->h; y++, off += b->stride)
		memcpy((uint8_t *)g->data + off, b->pixels + off, (size_t)r->w * 4u);
#else
	(void)b, (void)r;
#endif
}

void buffer_destroy(struct agent *a, struct buffer *b)
{
	if (!b)
		return;
	xcb_free_gc(a->xc, b->gc);
	xcb_free_pixmap(a->xc, b->pixmap);
	xcb_shm_detach(a->xc, b->seg);
	close(b->fd);
#ifdef VITRINE_XEN
	if (b->pixels)
		munmap((void *)b->pixels, (size_t)b->stride * b->height);
	if (b->grant)
		vshm_grant_destroy(b->grant);
	free(b->grant);
#endif
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
			w->buf->sent = false;
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

/* Send BUFFER for w's current buffer, with its memfd (or its grant refs). */
void buffer_send(struct agent *a, struct win *w)
{
	struct buffer *b = w->buf;
#ifdef VITRINE_XEN
	struct vshm_grant *g = b->grant;
	if (g) {
		uint8_t *le = malloc((size_t)g->pages * 4u);
		if (!le)
			return;
		for (uint32_t i = 0; i < g->pages; i++)
			for (int k = 0; k < 4; k++)
				le[4 * i + k] = (uint8_t)(g->refs[i] >> (8 * k));
		struct vp_msg m = { .type = VP_BUFFER, .window = w->id };
		m.u.buffer = (struct vp_buffer){
			.serial = b->serial,
			.kind = VP_BUF_GRANT,
			.width = b->width,
			.height = b->height,
			.stride = b->stride,
			.format = VP_FMT_XRGB8888,
			.domid = (uint32_t)a->xen_own,
			.nrefs = g->pages,
			.refs = le,
		};
		agent_send(a, &m, -1);
		free(le);
		b->sent = true;
		return;
	}
#endif
	struct vp_msg m = { .type = VP_BUFFER, .window = w->id };
	m.u.buffer = (struct vp_buffer){
		.serial = b->serial,
		.kind = VP_BUF_LOCAL,
		.width = b->width,
		.height = b->height,
		.stride = b->stride,
		.format = VP_FMT_XRGB8888,
	};
	agent_send(a, &m, b->fd);
	b->sent = true;
}
