/*
 * A Xen domain's connection: a libxenvchan server that the daemon offers the
 * configured domid at /local/domain/<own domid>/data/vitrine/<domid> (short:
 * libxenvchan's client reads "<path>/ring-ref" through a 64-byte buffer).
 * Only that domid can map the rings (grants to it, an event channel bound to
 * it), so which vchan bytes arrive on is the domain's identity, as a socket
 * is for a local domain. Built only with libxen-dev (the Makefile's
 * XEN_ONLY_SRC); domain.c finds domain_vchan_transport at run time (a weak
 * symbol). The vchan is this transport's own state (struct domain_link).
 *
 * Non-blocking, one event channel descriptor in epoll (EPOLLIN only): each
 * wake-up calls libxenvchan_wait once, flushes, reads what was ready when
 * it looked (at most the 64 KiB ring: the read budget) and flushes again.
 * libxenvchan_data_ready asks the agent to notify on its next write, and a
 * short libxenvchan_write asks it to notify when it has read, so nothing is
 * left waiting without a wake-up. When the agent closes, the vchan is closed
 * and offered again.
 */
#include "domain.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>

#include <libxenvchan.h>
#include <xenstore.h>

#define RING_SIZE 65536

struct domain_link {
	struct libxenvchan *v;
};

static int own_domid = -1;

/* Our own domid from xenstore ("domid" relative to our home); 0 (dom0) if
 * it cannot be read. */
static int read_own_domid(void)
{
	if (own_domid >= 0)
		return own_domid;
	own_domid = 0;
	struct xs_handle *xs = xs_open(XS_OPEN_READONLY);
	if (!xs)
		return own_domid;
	unsigned len = 0;
	char *v = xs_read(xs, XBT_NULL, "domid", &len);
	if (v && len > 0)
		own_domid = atoi(v);
	free(v);
	xs_close(xs);
	return own_domid;
}

static struct libxenvchan *vchan_of(const struct domain *d)
{
	return d->link ? d->link->v : NULL;
}

static int vchan_open(struct domain *d)
{
	char path[64];
	snprintf(path, sizeof(path), "/local/domain/%d/data/vitrine/%d", read_own_domid(),
		 (int)d->cfg->xen_domid);
	struct domain_link *l = calloc(1, sizeof(*l));
	if (!l)
		return -1;
	struct libxenvchan *v =
		libxenvchan_server_init(NULL, (int)d->cfg->xen_domid, path, RING_SIZE, RING_SIZE);
	if (!v) {
		vlog("domain %s: cannot offer a vchan to Xen domain %d at %s: %s", d->cfg->name,
		     (int)d->cfg->xen_domid, path, strerror(errno));
		free(l);
		return -1;
	}
	v->blocking = 0;
	l->v = v;
	d->link = l;
	d->conn.fd = libxenvchan_fd_for_select(v);
	d->hello_done = false;
	d->cut_off = false;
	if (server_watch(d->srv, &d->conn, EPOLLIN) < 0) {
		libxenvchan_close(v);
		free(l);
		d->link = NULL;
		d->conn.fd = -1;
		return -1;
	}
	if (d->srv->cfg.verbose)
		vlog("domain %s: vchan offered to Xen domain %d at %s", d->cfg->name,
		     (int)d->cfg->xen_domid, path);
	return 0;
}

static void vchan_drop(struct domain *d)
{
	server_unwatch(d->srv, &d->conn);
	libxenvchan_close(vchan_of(d));
	free(d->link);
	d->link = NULL;
	d->conn.fd = -1;
}

static bool vchan_connected(const struct domain *d)
{
	struct libxenvchan *v = vchan_of(d);
	return v && libxenvchan_is_open(v) == 1;
}

static void vchan_flush(struct domain *d)
{
	struct libxenvchan *v = vchan_of(d);
	if (!v || d->tx_len == 0)
		return;
	int n = libxenvchan_write(v, d->tx, d->tx_len);
	if (n < 0) {
		d->cut_off = true; /* peer gone: a plain disconnect */
		d->cut_reason = NULL;
		return;
	}
	if (n > 0) {
		memmove(d->tx, d->tx + n, d->tx_len - (size_t)n);
		d->tx_len -= (size_t)n;
	}
}

static void vchan_handle(struct domain *d, uint32_t events)
{
	(void)events;
	struct libxenvchan *v = vchan_of(d);
	libxenvchan_wait(v);
	vchan_flush(d);
	int ready = libxenvchan_data_ready(v);
	if (ready > 0 && d->blocked) {
		domain_disconnect(d, NULL);
		return;
	}
	uint8_t buf[16384];
	while (ready > 0) {
		int want = ready < (int)sizeof(buf) ? ready : (int)sizeof(buf);
		int n = libxenvchan_read(v, buf, (size_t)want);
		if (n <= 0)
			break;
		if (domain_feed(d, buf, (size_t)n) < 0)
			return; /* cut off, with its reason */
		ready -= n;
	}
	if (vchan_of(d) != v)
		return;
	vchan_flush(d);
	if (!d->cut_off && libxenvchan_is_open(v) == 0) {
		if (d->srv->cfg.verbose)
			vlog("domain %s: vchan closed by the domain", d->cfg->name);
		domain_disconnect(d, NULL);
	}
}

const struct domain_transport domain_vchan_transport = {
	.name = "vchan",
	.open = vchan_open,
	.handle = vchan_handle,
	.flush = vchan_flush,
	.drop = vchan_drop,
	.connected = vchan_connected,
	.reopen = true,
};
