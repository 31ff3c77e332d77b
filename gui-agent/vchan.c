/*
 * The agent's Xen transport (built only with VITRINE_XEN): the client end of
 * the vchan that the daemon offers this domain at
 * /local/domain/<GUI domid>/data/vitrine/<own domid>, and the domain's own
 * domid (xenstore "domid"), which grant buffers name. conn.c keeps its
 * queue and decoding and calls these instead of the socket calls; a vchan
 * carries no file descriptors.
 *
 * Non-blocking: the event channel descriptor goes into poll() for input
 * only. conn_read calls agent_vchan_wait once per wake-up, then reads until
 * nothing is ready (libxenvchan_data_ready asks the daemon to notify on its
 * next write); a short write asks it to notify once it has read, which wakes
 * the same descriptor, and the main loop flushes on every turn.
 */
#include "agent.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxenvchan.h>
#include <xenstore.h>

int agent_own_domid(void)
{
	static int own = -1;
	if (own >= 0)
		return own;
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

void *agent_vchan_connect(int gui_domid)
{
	int own = agent_own_domid();
	if (own < 0) {
		errno = ENOENT;
		return NULL;
	}
	char path[64];
	snprintf(path, sizeof(path), "/local/domain/%d/data/vitrine/%d", gui_domid, own);
	/* EINVAL until the daemon's ring-ref and event-channel nodes exist. */
	struct libxenvchan *v = libxenvchan_client_init(NULL, gui_domid, path);
	if (!v)
		return NULL;
	v->blocking = 0;
	return v;
}

int agent_vchan_fd(void *v)
{
	return libxenvchan_fd_for_select(v);
}

void agent_vchan_close(void *v)
{
	libxenvchan_close(v);
}

void agent_vchan_wait(void *v)
{
	libxenvchan_wait(v);
}

ssize_t agent_vchan_send(void *v, const uint8_t *p, size_t n)
{
	if (!libxenvchan_is_open(v)) {
		errno = EPIPE;
		return -1;
	}
	int r = libxenvchan_write(v, p, n);
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

ssize_t agent_vchan_recv(void *v, uint8_t *p, size_t n)
{
	int ready = libxenvchan_data_ready(v);
	if (ready <= 0) {
		if (!libxenvchan_is_open(v))
			return 0; /* the daemon closed it */
		errno = EAGAIN;
		return -1;
	}
	if ((size_t)ready < n)
		n = (size_t)ready;
	int r = libxenvchan_read(v, p, n);
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
