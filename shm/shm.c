/* Dispatch of window buffer mapping to the transport named by the message. */
#include "shm.h"

int vshm_xen_available(void)
{
#ifdef VITRINE_XEN
	return 1;
#else
	return 0;
#endif
}

int vshm_map(struct vshm_map *m, const struct vp_buffer *b, int fd, const char **why)
{
	return vshm_map_domain(m, b, fd, VSHM_NO_DOMID, why);
}

int vshm_map_domain(struct vshm_map *m, const struct vp_buffer *b, int fd, int32_t domid,
		    const char **why)
{
	const struct vshm_ops *ops = NULL;
	if (b->kind == VP_BUF_LOCAL)
		ops = &vshm_local_ops;
	if (b->kind == VP_BUF_GRANT && domid == VSHM_NO_DOMID) {
		*why = "grant buffers not supported for this domain (not a Xen domain)";
		return -1;
	}
#ifdef VITRINE_XEN
	if (b->kind == VP_BUF_GRANT)
		ops = &vshm_xen_ops;
#endif
	if (!ops) {
		*why = "buffer kind not supported by this daemon";
		return -1;
	}
	struct vshm_map n = { .serial = b->serial,
			      .width = b->width,
			      .height = b->height,
			      .stride = b->stride,
			      .fd = -1,
			      .domid = domid };
	if (ops->map(&n, b, fd, why) < 0)
		return -1;
	n.ops = ops;
	*m = n;
	return 0;
}

void vshm_unmap(struct vshm_map *m)
{
	if (m && m->ops) {
		m->ops->unmap(m);
		m->ops = NULL;
		m->data = NULL;
	}
}
