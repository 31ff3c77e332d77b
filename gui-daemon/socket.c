/*
 * The socket transport: one listening AF_UNIX socket per domain (which
 * socket a connection arrives on is the domain's identity). Each connection
 * is served by a domain process of its own (child.h): the compositor reads
 * what that process validated and passes on, in packets, with descriptors
 * sorted on arrival all the same (closer.c), and sends it the send queue's
 * bytes for the domain.
 */
#include "domain.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "child.h"
#include "closer.h"
#include "protocol/fdpass.h"

/* A domain's turn (one wake-up): at most so many bytes, and packets until
 * DOMAIN_TURN_MESSAGES messages; then the others' turns and the repaint,
 * and epoll wakes it again for the rest. */
#define READ_BUDGET (64 * 1024)

static void handle_listener(struct source *src, uint32_t events);
static void handle_out(struct source *src, uint32_t events);

static int socket_open(struct domain *d)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	strcpy(sa.sun_path, d->cfg->socket);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	unlink(sa.sun_path); /* a stale socket from a killed daemon */
	mode_t old = umask(0077);
	int rc = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(old);
	if (rc < 0 || listen(fd, 4) < 0) {
		vlog("domain %s: cannot listen on %s: %s", d->cfg->name, sa.sun_path,
		     strerror(errno));
		close(fd);
		return -1;
	}
	d->listener.fd = fd;
	d->listener.handle = handle_listener;
	return server_watch(d->srv, &d->listener, EPOLLIN);
}

static bool peer_gone(int fd)
{
	struct pollfd p = { fd, POLLRDHUP, 0 };
	return poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR));
}

static void handle_listener(struct source *src, uint32_t events)
{
	struct domain *d = list_item(src, struct domain, listener);
	(void)events;
	int fd = accept4(src->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0 && (errno == EMFILE || errno == ENFILE)) {
		/* Out of descriptors: refuse the connection rather than leave
		 * it pending (the listener would wake us forever). */
		vlog("domain %s: out of file descriptors; connection refused", d->cfg->name);
		server_release_reserve_fd(d->srv);
		fd = accept4(src->fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd >= 0)
			close(fd);
		server_take_reserve_fd(d->srv);
		return;
	}
	if (fd < 0)
		return;
	if (atomic_load(&d->closing) >= DOMAIN_CLOSING_MAX) {
		domain_log(d, RL_CONNECTION,
			   "refused a connection: %u of its descriptors are still closing",
			   atomic_load(&d->closing));
		close(fd);
		return;
	}
	if (d->conn.fd >= 0 && d->peer >= 0 && peer_gone(d->peer)) {
		/* its domain process has not told us yet: the old one is over */
		d->cut_off = true;
		d->cut_reason = NULL;
		domain_disconnect(d, NULL);
	}
	if (d->conn.fd >= 0 || d->blocked) {
		domain_log(d, RL_CONNECTION, "refused a %s",
			   d->blocked ? "connection (cut off by the user)" : "second connection");
		close(fd);
		return;
	}
	if ((fd = child_start(d, fd)) < 0)
		return;
	if (domain_serve(d, fd) == 0 && d->srv->cfg.verbose)
		domain_log(d, RL_SESSION, "connected"); /* a connect loop: bounded */
}

int domain_serve(struct domain *d, int fd)
{
	d->hello_done = false;
	d->cut_off = false;
	d->want_out = false;
	d->dropped_fds = 0;
	d->conn.fd = fd;
	d->out = (struct source){ .fd = d->peer, .handle = handle_out };
	if (server_watch(d->srv, &d->conn, EPOLLIN) < 0) {
		domain_disconnect(d, "cannot watch connection");
		return -1;
	}
	return 0;
}

void domain_child_drop(struct domain *d)
{
	child_stop(d);
	if (d->want_out)
		server_unwatch(d->srv, &d->out);
	d->want_out = false;
	if (d->peer >= 0)
		close(d->peer);
	d->peer = -1;
	server_unwatch(d->srv, &d->conn);
	close(d->conn.fd);
	d->conn.fd = -1;
}

static bool socket_connected(const struct domain *d)
{
	return d->conn.fd >= 0;
}

/* The daemon's messages go straight to the domain's connection (its domain
 * process only reads): non-blocking, and what does not fit waits in the
 * send queue, whose quota cuts a domain off that does not read. */
void domain_child_flush(struct domain *d)
{
	if (d->peer < 0 || d->tx_len == 0)
		return;
	/* a stream at once; a Xen domain's process takes packets */
	size_t max = d->t->packets ? DCHILD_PKT : d->tx_len, off = 0;
	ssize_t n;
	do {
		size_t len = d->tx_len - off < max ? d->tx_len - off : max;
		n = send(d->peer, d->tx + off, len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0)
			off += (size_t)n;
	} while (n > 0 && off < d->tx_len && d->t->packets);
	if (n < 0 && errno != EAGAIN && errno != EINTR) {
		d->cut_off = true; /* it went: a plain disconnect, not a violation */
		d->cut_reason = NULL;
		return;
	}
	if (off > 0) {
		memmove(d->tx, d->tx + off, d->tx_len - off);
		d->tx_len -= off;
	}
	bool want_out = d->tx_len > 0;
	if (want_out != d->want_out) { /* a syscall only when it changes */
		d->want_out = want_out;
		if (want_out)
			server_watch(d->srv, &d->out, EPOLLOUT);
		else
			server_unwatch(d->srv, &d->out);
	}
}

static void handle_out(struct source *src, uint32_t events)
{
	struct domain *d = list_item(src, struct domain, out);
	(void)events;
	domain_child_flush(d);
	if (d->cut_off && d->conn.fd >= 0)
		domain_disconnect(d, d->cut_reason);
}

/* Let go of a descriptor the domain sent: on this loop only if it is a
 * memfd, whose close never waits; anything else on a thread (closer.c). */
static void drop_fd(struct domain *d, int fd)
{
	if (fd_is_memfd(fd))
		close(fd);
	else
		closer_drop(fd, &d->closing);
}

static void drop_extra(int fd, void *ctx)
{
	drop_fd(ctx, fd);
}

/* One packet from the domain process. */
static int read_some(struct domain *d)
{
	static uint8_t buf[DCHILD_PKT];
	struct fd_got g;
	_Static_assert(FDPASS_MAX == DOMAIN_MAX_FDS, "a packet's descriptors fit the stream");
	/* every descriptor of every SCM_RIGHTS header, sorted before any is kept */
	ssize_t n = fd_recv(d->conn.fd, buf, sizeof(buf), MSG_DONTWAIT, &g, drop_extra, d);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	d->child_spoke |= n > 0;
	int *got = g.fds, ngot = g.nfds;
	const char *why = NULL;
	for (int i = 0; i < ngot && !why; i++)
		if (!fd_is_memfd(got[i])) /* its close may block: never on this loop */
			why = "descriptor is not a sealable memfd (the only kind a domain may "
			      "send)";
	if (!why && (g.flags & MSG_TRUNC))
		why = "its domain process sent a packet too long";
	if (!why && n > 0 && buf[0] != DCHILD_MSG && (buf[0] != DCHILD_VIOLATION || ngot))
		why = "its domain process sent a packet of an unknown kind";
	if (!why && d->st.nfds + ngot > DOMAIN_MAX_FDS)
		why = "too many file descriptors queued";
	if (why) {
		for (int i = 0; i < ngot; i++)
			drop_fd(d, got[i]);
		domain_disconnect(d, why);
		return -2;
	}
	if (g.flags & MSG_CTRUNC) {
		/* The kernel dropped descriptors: too many in one message (the
		 * domain's fault), or our table is full (ours). */
		int probe = fcntl(0, F_DUPFD_CLOEXEC, 0);
		if (probe >= 0) {
			close(probe);
			for (int i = 0; i < ngot; i++)
				close(got[i]);
			domain_disconnect(d, "too many file descriptors in one message");
			return -2;
		}
		vlog("domain %s: out of file descriptors; one of its buffers is refused",
		     d->cfg->name);
		d->dropped_fds++;
	}
	if (n == 0) {
		for (int i = 0; i < ngot; i++)
			close(got[i]); /* memfds: their close never waits */
		return -1;
	}
	if (domain_feed_packet(d, buf, (size_t)n, got, ngot) < 0)
		return -2;
	return (int)n;
}

void domain_child_handle(struct domain *d, uint32_t events)
{
	if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
		int total = 0;
		uint64_t first = d->messages;
		while (total < READ_BUDGET && d->messages - first < DOMAIN_TURN_MESSAGES) {
			int n = read_some(d);
			if (n == -2)
				return; /* already cut off, with its reason */
			if (n < 0) {
				if (d->srv->cfg.verbose)
					domain_log(d, RL_SESSION, "connection closed");
				domain_disconnect(d, NULL);
				return;
			}
			if (n == 0)
				break;
			total += n;
		}
	}
}

const struct domain_transport domain_socket_transport = {
	.name = "socket",
	.open = socket_open,
	.handle = domain_child_handle,
	.flush = domain_child_flush,
	.drop = domain_child_drop,
	.connected = socket_connected,
	.reopen = false,
};
