/*
 * The domain process's work (child.h): reading a domain's bytes and
 * descriptors, validating every message, and passing on what it validated.
 * The loop and the checks are here; the process around them (its sandbox)
 * is spawner.c's. The fuzzer drives dchild_feed with a sink of its own.
 */
#ifndef VITRINE_DCHILD_H
#define VITRINE_DCHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "child.h"
#include "protocol/stream.h"

struct dchild {
	int conn;      /* the domain's connection */
	int up;	       /* the compositor (blocking: the compositor never waits for us) */
	int32_t domid; /* a Xen domain's configured domid (grant buffers), else VSHM_NO_DOMID */
	void *vchan;   /* a Xen domain's vchan (dchild-xen.c), else NULL */
	struct vstream st;
	bool hello;
	uint8_t *out; /* validated messages, encoded, not yet passed on */
	size_t out_len;
	/* Pass one packet on (fd: -1 or the buffer descriptor); 0 or -1. */
	int (*send_up)(struct dchild *c, const uint8_t *pkt, size_t len, int fd);
	void *ctx;
};

/* Set up c (conn, up, send_up: to up, domid VSHM_NO_DOMID). 0, or -1 out of memory. */
int dchild_init(struct dchild *c, int conn, int up);
void dchild_finish(struct dchild *c);
/* One read of the domain's: decode, check, pass on. NULL, or the violation
 * (then nothing more may be fed). */
const char *dchild_feed(struct dchild *c, const uint8_t *data, size_t len, const int *fds,
			int nfds);
/* Tell the compositor the violation why (a DCHILD_VIOLATION packet). */
void dchild_violation(struct dchild *c, const char *why);
/* Serve until the domain or the compositor goes, or a violation (told to
 * the compositor). Returns the process's exit status. */
int dchild_run(struct dchild *c);

/* A Xen domain's domain process (dchild-xen.c, built only with libxen-dev:
 * weak symbols, NULL without). Before the sandbox: offer domid its vchan
 * and open gntdev (0, or -1 logged); c->conn is then the vchan's event
 * channel. After: serve as dchild_run
 * does, and write the compositor's bytes for the domain to the vchan. */
int dchild_vchan_open(struct dchild *c, int32_t domid) __attribute__((weak));
int dchild_vchan_run(struct dchild *c) __attribute__((weak));
/* The ioctl requests it makes in its sandbox (sandbox.c allows these). */
extern const unsigned long dchild_xen_ioctls[] __attribute__((weak));
extern const unsigned dchild_xen_nioctls __attribute__((weak));

#endif
