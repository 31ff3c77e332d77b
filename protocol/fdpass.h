/*
 * Passing descriptors over AF_UNIX sockets (SCM_RIGHTS), written once: the
 * daemon's compositor, spawner and domain processes, and the agent.
 */
#ifndef VITRINE_FDPASS_H
#define VITRINE_FDPASS_H

#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>

#define FDPASS_MAX 8 /* descriptors one fd_send may pass */

/* sendmsg of len bytes with nfds (0..FDPASS_MAX) descriptors, retried on
 * EINTR; flags as sendmsg's (MSG_NOSIGNAL is added). Returns its result. */
ssize_t fd_send(int s, const void *buf, size_t len, const int *fds, int nfds, int flags);

/* What one fd_recv brought: its descriptors, from every SCM_RIGHTS header,
 * at most FDPASS_MAX (any beyond are handed to fd_recv's drop, or closed),
 * and recvmsg's msg_flags (MSG_TRUNC, MSG_CTRUNC). */
struct fd_got {
	int fds[FDPASS_MAX];
	int nfds;
	int flags;
};

/* recvmsg of up to len bytes into buf (MSG_CMSG_CLOEXEC added to flags),
 * room for FDPASS_MAX descriptors. drop(fd, ctx) lets go of a descriptor
 * beyond them (NULL: close). Returns recvmsg's result; got is filled (no
 * descriptors on an error). */
ssize_t fd_recv(int s, void *buf, size_t len, int flags, struct fd_got *got,
		void (*drop)(int fd, void *ctx), void *ctx);

#endif
