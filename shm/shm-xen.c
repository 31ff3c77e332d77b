/*
 * Xen window buffers: pages that the agent's domain grants read-only to the
 * GUI domain (gntalloc, through libxengntshr); the VP_BUFFER message carries
 * their grant references. Built only when libxen-dev is there (the Makefile's
 * XEN_ONLY_SRC); shm.c finds vshm_xen_ops at run time (a weak symbol).
 *
 * Daemon side: the refs are mapped with libxengnttab (gntdev), PROT_READ,
 * from the domid that the daemon's configuration gives this domain, never
 * the one in the message (which must merely agree). A grant made read-only
 * cannot be mapped writable, and the granting domain cannot take the pages
 * back while they are mapped here (the grant stays in use), so reading them
 * never faults; their contents may change at any time, like a memfd's.
 *
 * Agent side: vshm_grant_create shares fresh pages with the GUI domain.
 * gntalloc holds at most /sys/module/xen_gntalloc/parameters/limit grants at
 * once in the whole domain, 1024 pages by default: one 640x400 window. The
 * domain's start-up must raise it (modprobe xen-gntalloc limit=65536).
 *
 * Lifetimes: one gnttab and one gntshr handle per process, opened on first
 * use or by vshm_xen_open -> xen_open (before a sandbox forbids opening the
 * devices).
 */
#include "shm.h"
#include "shm-xen.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <xengnttab.h>
#include <xenstore.h>
#include <xentoollog.h>

/* libxengnttab logs every failed map on stderr; a hostile domain must not be
 * able to fill the daemon's log that way: the daemon logs its own line. */
static void quiet_vmessage(struct xentoollog_logger *lg, xentoollog_level level, int errnoval,
			   const char *context, const char *format, va_list al)
{
	(void)lg, (void)level, (void)errnoval, (void)context, (void)format, (void)al;
}

static void quiet_destroy(struct xentoollog_logger *lg)
{
	(void)lg;
}

static struct xentoollog_logger quiet = {
	.vmessage = quiet_vmessage,
	.progress = NULL,
	.destroy = quiet_destroy,
};

static xengnttab_handle *gnttab;
static xengntshr_handle *gntshr;

static int xen_open(void)
{
	if (!gnttab)
		gnttab = xengnttab_open(&quiet, 0);
	return gnttab ? 0 : -1;
}

static int xen_map(struct vshm_map *m, const struct vp_buffer *b, int fd, const char **why)
{
	if (fd >= 0) {
		*why = "grant buffer with a file descriptor";
		return -1;
	}
	if (m->domid < 0 || (uint32_t)m->domid >= (uint32_t)DOMID_FIRST_RESERVED) {
		*why = "grant buffers not supported for this domain (not a Xen domain)";
		return -1;
	}
	if (b->domid != (uint32_t)m->domid) {
		*why = "grant buffer names another domain";
		return -1;
	}
	uint32_t pages = vp_pages_for(b->stride, b->height * vp_buffer_frames(b));
	if (pages == 0 || b->nrefs != pages) {
		*why = "grant count does not match buffer size";
		return -1;
	}
	if (xen_open() < 0) {
		*why = "cannot open /dev/xen/gntdev";
		return -1;
	}
	uint32_t *refs = malloc(sizeof(*refs) * pages);
	if (!refs) {
		*why = "out of memory";
		return -1;
	}
	for (uint32_t i = 0; i < pages; i++)
		refs[i] = vp_buffer_ref(b, i);
	void *p =
		xengnttab_map_domain_grant_refs(gnttab, pages, (uint32_t)m->domid, refs, PROT_READ);
	free(refs);
	if (!p) {
		*why = "grant refs cannot be mapped read-only from this domain";
		return -1;
	}
	m->data = p;
	m->size = (size_t)pages * VP_PAGE_SIZE;
	return 0;
}

static void xen_unmap(struct vshm_map *m)
{
	xengnttab_unmap(gnttab, (void *)(uintptr_t)m->data, (uint32_t)(m->size / VP_PAGE_SIZE));
}

const struct vshm_ops vshm_xen_ops = {
	.name = "xen",
	.kind = VP_BUF_GRANT,
	.open = xen_open,
	.map = xen_map,
	.unmap = xen_unmap,
};

int vshm_grant_create(struct vshm_grant *g, uint32_t peer, uint32_t stride, uint32_t height)
{
	*g = (struct vshm_grant){ 0 };
	uint32_t pages = vp_pages_for(stride, height);
	if (pages == 0) {
		errno = EINVAL;
		return -1;
	}
	if (!gntshr && !(gntshr = xengntshr_open(&quiet, 0)))
		return -1;
	uint32_t *refs = malloc(sizeof(*refs) * pages);
	if (!refs)
		return -1;
	/* writable = 0: the peer may only map these pages read-only. */
	void *p = xengntshr_share_pages(gntshr, peer, (int)pages, refs, 0);
	if (!p) {
		int e = errno;
		free(refs);
		errno = e;
		return -1;
	}
	g->data = p;
	g->size = (size_t)pages * VP_PAGE_SIZE;
	g->pages = pages;
	g->refs = refs;
	return 0;
}

void vshm_grant_destroy(struct vshm_grant *g)
{
	if (!g || !g->data)
		return;
	/* The grants end once the peer has unmapped them (gntalloc defers it). */
	xengntshr_unshare(gntshr, g->data, g->pages);
	free(g->refs);
	*g = (struct vshm_grant){ 0 };
}

int vxen_own_domid(void)
{
	int own = -1;
	struct xs_handle *xs = xs_open(XS_OPEN_READONLY);
	if (!xs)
		return -1;
	unsigned len = 0;
	char *v = xs_read(xs, XBT_NULL, "domid", &len);
	if (v && len > 0)
		own = atoi(v);
	free(v);
	xs_close(xs);
	return own;
}
