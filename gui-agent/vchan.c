/*
 * The agent's Xen transport (agent_vchan_transport, built only with
 * libxen-dev): the client end of the vchan that the daemon offers this
 * domain at /local/domain/<GUI domid>/data/vitrine/<own domid>, and the
 * domain's own domid (xenstore "domid"), which grant buffers name. conn.c
 * keeps its queue and decoding and calls these through the table; a vchan
 * carries no file descriptors: window buffers are grants (buffer-xen.c).
 *
 * Non-blocking: the event channel descriptor goes into poll() for input
 * only. conn_read calls vchan_wait once per wake-up, then reads until
 * nothing is ready (libxenvchan_data_ready asks the daemon to notify on its
 * next write); a short write asks it to notify once it has read, which wakes
 * the same descriptor, and the main loop flushes on every turn.
 */
#include "xen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxenvchan.h>
#include "shm/shm-xen.h"

static void *vchan_target(const char *arg, const char **why)
{
	char *end;
	long id = strtol(arg, &end, 10);
	if (*end || end == arg || id < 0 || id >= 0x7ff0) {
		*why = "--xen wants the GUI domain's domid";
		return NULL;
	}
	struct xen_target *t = calloc(1, sizeof(*t));
	if (!t) {
		*why = "out of memory";
		return NULL;
	}
	t->gui = (int)id;
	if ((t->own = vxen_own_domid()) < 0) {
		*why = "cannot read our domid from xenstore";
		free(t);
		return NULL;
	}
	return t;
}

static const char *vchan_where(const void *target)
{
	(void)target;
	return "the Xen GUI domain";
}

static int vchan_connect(const void *target, void **link)
{
	const struct xen_target *t = target;
	char path[64];
	snprintf(path, sizeof(path), "/local/domain/%d/data/vitrine/%d", t->gui, t->own);
	/* EINVAL until the daemon's ring-ref and event-channel nodes exist. */
	struct libxenvchan *v = libxenvchan_client_init(NULL, t->gui, path);
	if (!v)
		return -1;
	v->blocking = 0;
	*link = v;
	return libxenvchan_fd_for_select(v);
}

static void vchan_close(void *link, int fd)
{
	(void)fd; /* the event channel's: libxenvchan_close closes it */
	libxenvchan_close(link);
}

static void vchan_wait(void *link)
{
	libxenvchan_wait(link);
}

static ssize_t vchan_send(void *link, int fd, const uint8_t *p, size_t n, int passfd)
{
	(void)fd;
	if (passfd >= 0) { /* a vchan carries bytes only */
		errno = EINVAL;
		return -1;
	}
	if (!libxenvchan_is_open(link)) {
		errno = EPIPE;
		return -1;
	}
	int r = libxenvchan_write(link, p, n);
	if (r < 0) {
		errno = EPIPE;
		return -1;
	}
	if (r == 0) {
		errno = EAGAIN;
		return -1;
	}
	return r;
}

static ssize_t vchan_recv(void *link, int fd, uint8_t *p, size_t n)
{
	(void)fd;
	int ready = libxenvchan_data_ready(link);
	if (ready <= 0) {
		if (!libxenvchan_is_open(link))
			return 0; /* the daemon closed it */
		errno = EAGAIN;
		return -1;
	}
	if ((size_t)ready < n)
		n = (size_t)ready;
	int r = libxenvchan_read(link, p, n);
	if (r < 0) {
		errno = EPIPE;
		return -1;
	}
	if (r == 0) {
		errno = EAGAIN;
		return -1;
	}
	return r;
}

const struct agent_transport agent_vchan_transport = {
	.name = "vchan",
	.buffers = &buffer_grant_ops,
	.poll_out = false,
	.target = vchan_target,
	.where = vchan_where,
	.connect = vchan_connect,
	.close = vchan_close,
	.wait = vchan_wait,
	.send = vchan_send,
	.recv = vchan_recv,
};
