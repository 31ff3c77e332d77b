/*
 * Shared by the agent's Xen files, vchan.c (the transport) and buffer-xen.c
 * (grant buffers), which the Makefile builds only with libxen-dev.
 */
#ifndef VITRINE_AGENT_XEN_H
#define VITRINE_AGENT_XEN_H

#include "agent.h"

/* The vchan transport's target (agent->target): --xen GUI_DOMID. */
struct xen_target {
	int gui; /* the GUI domain's domid: the daemon's, whom buffers are granted to */
	int own; /* our own domid, named by grant buffers */
};

extern const struct buffer_ops buffer_grant_ops; /* buffer-xen.c */

#endif
