/*
 * A Xen domain's domain process (child.h): the server end of the vchan
 * offered to the configured domid at /local/domain/<own domid>/data/
 * vitrine/<domid> (short: libxenvchan's client reads "<path>/ring-ref"
 * through a 64-byte buffer). Only that domid can map the rings (grants to
 * it, an event channel bound to it), so which vchan bytes arrive on is the
 * domain's identity, as a socket is for a local domain. Built only with
 * libxen-dev (the Makefile's XEN_ONLY_SRC): weak symbols (dchild.h).
 *
 * The vchan and gntdev are opened before the sandbox (xenstore, gntalloc,
 * evtchn); afterwards the process only reads and writes the shared ring,
 * its event channel (read, write, one ioctl) and maps the domain's grants
 * to check each grant BUFFER (gntdev ioctls), as dchild.c checks a memfd.
 *
 * Unlike a socket, a vchan cannot be written from another process: the
 * compositor's messages for the domain come here (raw bytes, SOCK_SEQPACKET
 * packets of at most DCHILD_PKT) and are written to the ring; while they do
 * not fit, this process reads no more of them, so the compositor's bounded
 * send queue fills as it does for a socket domain that does not read.
 *
 * Its end: when the domain closes the vchan, the compositor goes, or a
 * violation was told, the process exits without libxenvchan_close (its
 * xenstore part is out of the sandbox): the kernel's unmap notification
 * clears the ring's srv_live and signals the event channel, as on SIGKILL
 * or a crash, so the agent sees the close and comes back to the vchan the
 * next domain process offers (its xenstore nodes overwrite these).
 */
#include "dchild.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sys/ioctl.h>

#include <libxenvchan.h>
#include <xen/sys/evtchn.h>
#include <xen/sys/gntdev.h>

#include "server.h"
#include "shm/shm-xen.h"
#include "shm/shm.h"

#define RING_SIZE 65536

/* Its ioctls once sandboxed: notifying the domain (libxenvchan), mapping
 * and unmapping a grant BUFFER's pages (libxengnttab). */
const unsigned long dchild_xen_ioctls[] = {
	IOCTL_EVTCHN_NOTIFY,	       IOCTL_GNTDEV_MAP_GRANT_REF,
	IOCTL_GNTDEV_UNMAP_GRANT_REF,  IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR,
	IOCTL_GNTDEV_SET_UNMAP_NOTIFY,
};
const unsigned dchild_xen_nioctls = sizeof(dchild_xen_ioctls) / sizeof(dchild_xen_ioctls[0]);

int dchild_vchan_open(struct dchild *c, int32_t domid)
{
	char path[64];
	int own = vxen_own_domid(); /* dom0 when it cannot be read */
	snprintf(path, sizeof(path), "/local/domain/%d/data/vitrine/%d", own < 0 ? 0 : own,
		 (int)domid);
	struct libxenvchan *v =
		libxenvchan_server_init(NULL, (int)domid, path, RING_SIZE, RING_SIZE);
	if (!v) {
		vlog("cannot offer a vchan to Xen domain %d at %s: %s", (int)domid, path,
		     strerror(errno));
		return -1;
	}
	v->blocking = 0;
	if (vshm_xen_open() < 0) {
		vlog("cannot open /dev/xen/gntdev: %s", strerror(errno));
		return -1;
	}
	c->vchan = v;
	c->domid = domid;
	c->conn = libxenvchan_fd_for_select(v);
	return 0;
}

/* Read what the ring holds (the ring is the budget), validate, pass on. */
static const char *read_ring(struct dchild *c, struct libxenvchan *v)
{
	static uint8_t buf[DCHILD_PKT];
	int ready = libxenvchan_data_ready(v);
	while (ready > 0) {
		int n = libxenvchan_read(v, buf,
					 ready < (int)sizeof(buf) ? (size_t)ready : sizeof(buf));
		if (n <= 0)
			break;
		const char *why = dchild_feed(c, buf, (size_t)n, NULL, 0);
		if (why)
			return why;
		ready -= n;
	}
	return NULL;
}

int dchild_vchan_run(struct dchild *c)
{
	struct libxenvchan *v = c->vchan;
	static uint8_t out[DCHILD_PKT]; /* the compositor's bytes, not yet in the ring */
	size_t out_len = 0, out_off = 0;
	for (;;) {
		struct pollfd p[2] = { { c->conn, POLLIN, 0 },
				       { c->up, (short)(out_len ? 0 : POLLIN), 0 } };
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (p[1].revents & (POLLHUP | POLLERR))
			return 0; /* the compositor let the domain go */
		if (p[0].revents & POLLIN)
			libxenvchan_wait(v);
		if (p[1].revents & POLLIN) {
			ssize_t n = recv(c->up, out, sizeof(out), MSG_DONTWAIT);
			if (n == 0)
				return 0;
			if (n > 0) {
				out_len = (size_t)n;
				out_off = 0;
			}
		}
		if (out_len) {
			int w = libxenvchan_write(v, out + out_off, out_len);
			if (w < 0)
				return 0; /* the domain closed it */
			out_off += (size_t)w;
			out_len -= (size_t)w;
		}
		const char *why = read_ring(c, v);
		if (why == VSTREAM_STOP)
			return 0;
		if (why) {
			dchild_violation(c, why);
			return 0;
		}
		if (libxenvchan_is_open(v) == 0)
			return 0; /* the domain closed the vchan */
	}
}
