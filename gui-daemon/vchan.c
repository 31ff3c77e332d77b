/*
 * A Xen domain's connection, the compositor's side. The vchan itself is
 * its domain process's (dchild-xen.c, started by the spawner as for a
 * socket connection, child.h): that process offers the configured domid
 * the vchan, reads and validates what arrives, and writes the compositor's
 * messages to the ring (a vchan cannot be written from another process).
 * Here, as in socket.c: read the packets it passes on (the same format),
 * write the send queue's bytes to it, and start the next one when the
 * domain closes the vchan or is cut off (domain_disconnect offers it again,
 * once the last one of its domain processes is gone: child.c).
 *
 * Built only with libxen-dev (the Makefile's XEN_ONLY_SRC): domain.c finds
 * domain_vchan_transport at run time (a weak symbol), and config.c refuses
 * xen= without it.
 */
#include "domain.h"

#include "child.h"

static int vchan_open(struct domain *d)
{
	if (d->children > 0) {
		d->reoffer = true; /* when the last one is gone (child.c) */
		return 0;
	}
	d->reoffer = false;
	if (d->offer_failed)
		return -1;
	int fd = child_start(d, -1);
	if (fd < 0)
		return -1;
	if (domain_serve(d, fd) < 0)
		return -1;
	if (d->srv->cfg.verbose)
		vlog("domain %s: vchan offered to Xen domain %d by its domain process",
		     d->cfg->name, (int)d->cfg->xen_domid);
	return 0;
}

/* Connected once the agent said HELLO (the vchan is offered before). */
static bool vchan_connected(const struct domain *d)
{
	return d->conn.fd >= 0 && d->hello_done;
}

const struct domain_transport domain_vchan_transport = {
	.name = "vchan",
	.open = vchan_open,
	.handle = domain_child_handle,
	.flush = domain_child_flush,
	.drop = domain_child_drop,
	.connected = vchan_connected,
	.reopen = true,
	.packets = true,
};
