/* Dispatch of window buffer mapping to the form named by the message. */
#include "shm.h"

#include <errno.h>
#include <stddef.h>

/* The forms by kind; a form that is not built in is a NULL row. */
static const struct vshm_ops *const forms[] = { &vshm_local_ops, &vshm_xen_ops };

int vshm_xen_available(void)
{
	return &vshm_xen_ops != NULL;
}

int vshm_xen_open(void)
{
	if (!vshm_xen_available()) {
		errno = ENOSYS;
		return -1;
	}
	return vshm_xen_ops.open();
}

int vshm_map(struct vshm_map *m, const struct vp_buffer *b, int fd, const char **why)
{
	return vshm_map_domain(m, b, fd, VSHM_NO_DOMID, why);
}

int vshm_map_domain(struct vshm_map *m, const struct vp_buffer *b, int fd, int32_t domid,
		    const char **why)
{
	const struct vshm_ops *ops = NULL;
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (forms[i] && forms[i]->kind == b->kind)
			ops = forms[i];
	if (b->kind == VP_BUF_GRANT && domid == VSHM_NO_DOMID) {
		*why = "grant buffers not supported for this domain (not a Xen domain)";
		return -1;
	}
	if (!ops) {
		*why = "buffer kind not supported by this daemon";
		return -1;
	}
	struct vshm_map n = { .serial = b->serial,
			      .width = b->width,
			      .height = b->height,
			      .stride = b->stride,
			      .frames = vp_buffer_frames(b),
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
