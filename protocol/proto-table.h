/*
 * The protocol table (protocol/table.c): one row per message type, and what
 * reads it besides vp_decode and vp_encode (proto.h). Included at the end of
 * proto.h; including this file alone gives all of proto.h too.
 */
#ifndef VITRINE_PROTO_TABLE_H
#define VITRINE_PROTO_TABLE_H

#include "proto.h"

/* When a type is permitted: the handshake message (HELLO, WELCOME) first
 * and exactly once; every other type only after it. */
enum vp_when { VP_WHEN_FIRST = 1, VP_WHEN_SESSION };

#define VP_BAD_SIZE UINT32_MAX /* a row's size(): m cannot be encoded */

/* One row of the protocol table: everything the protocol says about a type. */
struct vp_type_info {
	const char *name;	   /* NULL: no such type */
	enum vp_dir from;	   /* its sender */
	uint32_t min_len, max_len; /* body length; exact when equal */
	bool window;		   /* names a window (nonzero id); else the id is 0 */
	enum vp_when when;
	/* Descriptors that travel with m (SCM_RIGHTS): NULL for none. */
	unsigned (*fds)(const struct vp_msg *m);
	const char *too_long;	       /* body over max_len; NULL: "body too long" */
	const char *too_short;	       /* body under min_len */
	const char *not_first, *again; /* VP_WHEN_FIRST: order violations */
	/* Fill m->u from the body (m->type, m->window are set, len is within
	 * [min_len, max_len]); NULL, or the violation. */
	const char *(*decode)(const uint8_t *untrusted, uint32_t len, struct vp_msg *m);
	uint32_t (*size)(const struct vp_msg *m);	       /* body length; NULL: min_len */
	void (*encode)(const struct vp_msg *m, uint8_t *body); /* size() bytes */
};
extern const struct vp_type_info vp_types[VP_TYPE_MAX + 1];

/* The row of a type, or NULL for a number that is no type. */
const struct vp_type_info *vp_type_info(uint32_t type);

/*
 * Is a message of this (decoded, so known) type permitted now? handshake_done:
 * the sender's first message (HELLO, WELCOME) was received. NULL, or the
 * violation ("first message is not HELLO", "second HELLO").
 */
const char *vp_check_order(uint32_t type, bool handshake_done);

/* The number of file descriptors a decoded m claims (0 or 1). */
unsigned vp_msg_fds(const struct vp_msg *m);

/* Could untrusted[0..len), the first bytes of a message, belong to a type
 * that may carry a descriptor? (Only its type field is looked at; no bytes,
 * no message: false.) */
bool vp_prefix_may_carry_fd(const uint8_t *untrusted, size_t len);

#endif
