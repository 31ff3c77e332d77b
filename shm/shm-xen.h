/*
 * The agent's side of Xen window buffers (shm-xen.c, built only with
 * libxen-dev): pages shared read-only with the GUI domain. Included only by
 * files built with Xen (gui-agent/, gui-daemon/dchild-xen.c, tools/xen/).
 */
#ifndef VITRINE_SHM_XEN_H
#define VITRINE_SHM_XEN_H

#include <stddef.h>
#include <stdint.h>

/* Fresh pages for stride * height bytes, shared read-only with the GUI
 * domain peer; refs[pages] go into VP_BUFFER (kind VP_BUF_GRANT, domid =
 * the agent's own domid, nrefs = pages). The agent writes through data.
 * 0, or -1 with errno set (ENOSPC: over gntalloc's limit). */
struct vshm_grant {
	void *data;
	size_t size; /* pages * VP_PAGE_SIZE */
	uint32_t pages;
	uint32_t *refs;
};
int vshm_grant_create(struct vshm_grant *g, uint32_t peer, uint32_t stride, uint32_t height);
/* Ends the sharing; safe on a zeroed struct. */
void vshm_grant_destroy(struct vshm_grant *g);

/* This domain's own domid (xenstore "domid", relative to its home), or -1
 * when it cannot be read. Also the daemon's (gui-daemon/dchild-xen.c). */
int vxen_own_domid(void);

#endif
