/*
 * The agent's socket transport: a non-blocking AF_UNIX stream socket to the
 * daemon's per-domain path (--socket PATH or $VITRINE_SOCKET). A descriptor
 * sent with a message goes as SCM_RIGHTS with its first byte; window buffers
 * travel as memfds (buffer_memfd_ops).
 */
#include "agent.h"
#include "protocol/fdpass.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void *socket_target(const char *arg, const char **why)
{
	char *path = strdup(arg);
	if (!path)
		*why = "out of memory";
	return path;
}

static const char *socket_where(const void *target)
{
	return target;
}

static int socket_connect(const void *target, void **link)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(target) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sa.sun_path, target);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	*link = NULL;
	return fd;
}

static void socket_close(void *link, int fd)
{
	(void)link;
	close(fd);
}

static ssize_t socket_send(void *link, int fd, const uint8_t *p, size_t n, int passfd)
{
	(void)link;
	return fd_send(fd, p, n, &passfd, passfd >= 0, MSG_DONTWAIT);
}

static ssize_t socket_recv(void *link, int fd, uint8_t *p, size_t n)
{
	(void)link;
	return recv(fd, p, n, MSG_DONTWAIT);
}

const struct agent_transport agent_socket_transport = {
	.name = "socket",
	.buffers = &buffer_memfd_ops,
	.poll_out = true,
	.target = socket_target,
	.where = socket_where,
	.connect = socket_connect,
	.close = socket_close,
	.wait = NULL,
	.send = socket_send,
	.recv = socket_recv,
};
