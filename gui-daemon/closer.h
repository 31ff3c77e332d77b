/*
 * Descriptors a domain sent are hostile objects: the last close() of some
 * of them blocks (a TCP socket with SO_LINGER whose peer never reads, a file
 * on a FUSE mount, a tty draining its output). The event loop never closes
 * one of those itself.
 *
 * Every descriptor is sorted when it arrives (fd_is_memfd): a sealable memfd
 * is the only kind a domain may send, and a memfd's close, fstat and mmap
 * never wait on anyone. Anything else is handed to closer_drop, which closes
 * it on a short-lived thread of its own, and the domain is cut off. The
 * domain's counter of such closes still pending bounds how many it can have
 * (socket.c refuses its connections while the count is at DOMAIN_CLOSING_MAX).
 */
#ifndef VITRINE_CLOSER_H
#define VITRINE_CLOSER_H

#include <stdatomic.h>
#include <stdbool.h>

/* A sealable memfd (shmem or hugetlbfs): F_GET_SEALS answers only for those,
 * without calling into any file system or peer. */
bool fd_is_memfd(int fd);

/* Close fd away from the caller's thread. *pending is incremented now and
 * decremented once the close returned. Never blocks the caller. */
void closer_drop(int fd, atomic_uint *pending);

#endif
