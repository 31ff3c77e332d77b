/*
 * A stream of protocol messages with descriptors, as it arrives from a peer:
 * bytes in any pieces, each read perhaps bringing descriptors. vstream_feed
 * cuts the bytes into messages (vp_decode), gives each message the
 * descriptors that came with it, and calls back once per message.
 *
 * The descriptor rule (ATTACKS row 20): a descriptor belongs to the message
 * that holds the last byte of the read that brought it. Only a type that
 * carries one (vp_msg_fds) may have one, never more than it carries, and a
 * message never uses a descriptor that came with an earlier one.
 *
 * The domain process (gui-daemon/dchild.c) reads a domain's own bytes with
 * it; the compositor reads, with the same code, what a domain process sent
 * (and a vchan's bytes, and the fuzzer's).
 */
#ifndef VITRINE_STREAM_H
#define VITRINE_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "proto.h"

#define VSTREAM_MAX_FDS 8
#define VSTREAM_RX_CAP (VP_HDR_SIZE + VP_MAX_BODY) /* one message at most */

struct vstream {
	enum vp_dir from; /* who sends it */
	uint8_t *rx;	  /* VSTREAM_RX_CAP bytes, allocated on the first feed */
	size_t rx_len;
	uint64_t rx_seen; /* bytes copied into rx so far */
	/* Descriptors received, not yet claimed, oldest first; fd_at: the
	 * place in the stream of the last byte of the read that brought it. */
	int fds[VSTREAM_MAX_FDS];
	uint64_t fd_at[VSTREAM_MAX_FDS];
	int nfds;
	int msg_fds; /* how many of them the message being handled brought */
};

/* A message, decoded; its descriptors: vstream_take_fd. Returns NULL to go
 * on, VSTREAM_STOP to stop without a violation, or the violation. */
typedef const char *(*vstream_fn)(void *ctx, const struct vp_msg *m);
extern const char VSTREAM_STOP[];

/* Feed one read (data, and the nfds descriptors it brought, which are the
 * stream's now: kept or closed). Returns NULL when every whole message was
 * handled, VSTREAM_STOP if fn said so, or the violation (a static string
 * naming the message). Descriptors a message brought and fn did not take
 * are closed. */
const char *vstream_feed(struct vstream *s, const uint8_t *data, size_t len, const int *fds,
			 int nfds, vstream_fn fn, void *ctx);
/* The next descriptor the message being handled brought, or -1. */
int vstream_take_fd(struct vstream *s);
/* Forget everything (descriptors closed, rx freed): a new connection. */
void vstream_reset(struct vstream *s);

#endif
