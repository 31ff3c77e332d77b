/* Passing descriptors (see fdpass.h). */
#include "fdpass.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

ssize_t fd_send(int s, const void *buf, size_t len, const int *fds, int nfds, int flags)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int) * FDPASS_MAX)];
	} cbuf;
	struct iovec iov = { (void *)buf, len };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	if (nfds > FDPASS_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (nfds > 0) {
		memset(&cbuf, 0, sizeof(cbuf));
		mh.msg_control = cbuf.b;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
		struct cmsghdr *h = CMSG_FIRSTHDR(&mh);
		h->cmsg_level = SOL_SOCKET;
		h->cmsg_type = SCM_RIGHTS;
		h->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
		memcpy(CMSG_DATA(h), fds, sizeof(int) * (size_t)nfds);
	}
	ssize_t n;
	do
		n = sendmsg(s, &mh, flags | MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	return n;
}

ssize_t fd_recv(int s, void *buf, size_t len, int flags, struct fd_got *got,
		void (*drop)(int fd, void *ctx), void *ctx)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int) * FDPASS_MAX)];
	} cbuf;
	struct iovec iov = { buf, len };
	struct msghdr mh = { .msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = cbuf.b,
			     .msg_controllen = sizeof(cbuf.b) };
	got->nfds = 0;
	got->flags = 0;
	ssize_t n = recvmsg(s, &mh, flags | MSG_CMSG_CLOEXEC);
	if (n < 0)
		return n;
	got->flags = mh.msg_flags;
	for (struct cmsghdr *h = CMSG_FIRSTHDR(&mh); h; h = CMSG_NXTHDR(&mh, h)) {
		if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS)
			continue;
		size_t nf = (h->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		const unsigned char *p = CMSG_DATA(h);
		for (size_t i = 0; i < nf; i++) {
			int fd;
			memcpy(&fd, p + i * sizeof(int), sizeof(int));
			if (got->nfds < FDPASS_MAX)
				got->fds[got->nfds++] = fd;
			else if (drop)
				drop(fd, ctx);
			else
				close(fd);
		}
	}
	return n;
}
