/*
 * The daemon connection: an outgoing byte queue with file descriptors pinned
 * to the offsets of the messages they belong to, and an input buffer decoded
 * with vp_decode(VP_FROM_DAEMON). The bytes travel through a transport
 * (struct agent_transport: socket.c, or vchan.c in a Xen build), non-blocking.
 *
 * A descriptor queued with a message goes to the transport with the first
 * byte of that message: a send never carries bytes from before it, and stops
 * before the next message that has one.
 */
#include "agent.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MAX_QUEUE
#define MAX_QUEUE (8u << 20) /* bytes queued for a slow daemon, then disconnect */
#endif
#define IN_SIZE (VP_HDR_SIZE + VP_MAX_CLIPBOARD) /* the largest: a PASTE */

struct queued_fd {
	size_t off; /* offset in out[] of the first byte of its message */
	size_t len; /* its message's length */
	int fd;
};

struct conn {
	const struct agent_transport *t;
	const void *target; /* the daemon's address, the transport's own form */
	int fd;		    /* to poll; -1 when not connected */
	void *link;	    /* the transport's state of this connection */
	bool broken;
	bool heard; /* the daemon sent something on this connection */
	uint8_t *out;
	size_t out_head, out_len, out_cap;
	struct queued_fd *fds;
	size_t nfds, fds_cap;
	uint8_t in[IN_SIZE];
	size_t in_len;
};

struct conn *conn_create(const struct agent_transport *t, const void *target)
{
	struct conn *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->t = t;
	c->target = target;
	c->fd = -1;
	return c;
}

void conn_destroy(struct conn *c)
{
	if (!c)
		return;
	conn_close(c);
	free(c->out);
	free(c->fds);
	free(c);
}

int conn_connect(struct conn *c)
{
	c->fd = c->t->connect(c->target, &c->link);
	if (c->fd < 0)
		return -1;
	c->broken = false;
	c->heard = false;
	return 0;
}

void conn_close(struct conn *c)
{
	if (c->fd >= 0)
		c->t->close(c->link, c->fd);
	c->link = NULL;
	c->fd = -1;
	c->broken = false;
	for (size_t i = 0; i < c->nfds; i++)
		close(c->fds[i].fd);
	c->nfds = 0;
	c->out_head = c->out_len = 0;
	c->in_len = 0;
}

bool conn_connected(const struct conn *c)
{
	return c->fd >= 0;
}

bool conn_broken(const struct conn *c)
{
	return c->broken;
}

int conn_fd(const struct conn *c)
{
	return c->fd;
}

bool conn_want_write(const struct conn *c)
{
	/* A vchan's descriptor wakes for input only, also when the daemon
	 * has read (room again): never POLLOUT on it. */
	return c->t->poll_out && c->out_head < c->out_len;
}

static int reserve(struct conn *c, size_t n)
{
	if (c->out_head > 0 && c->out_len + n > c->out_cap) {
		memmove(c->out, c->out + c->out_head, c->out_len - c->out_head);
		for (size_t i = 0; i < c->nfds; i++)
			c->fds[i].off -= c->out_head;
		c->out_len -= c->out_head;
		c->out_head = 0;
	}
	if (c->out_len + n <= c->out_cap)
		return 0;
	size_t cap = c->out_cap ? c->out_cap : 4096;
	while (cap < c->out_len + n)
		cap *= 2;
	uint8_t *p = realloc(c->out, cap);
	if (!p)
		return -1;
	c->out = p;
	c->out_cap = cap;
	return 0;
}

int conn_send(struct conn *c, const struct vp_msg *m, int fd)
{
	if (c->fd < 0 || c->broken)
		return -1;
	size_t n = vp_encoded_size(m);
	if (c->out_len - c->out_head + n > MAX_QUEUE) {
		fprintf(stderr,
			"vitrine-agent: daemon is not reading (%u bytes queued); "
			"disconnecting\n",
			MAX_QUEUE);
		goto fail;
	}
	if (reserve(c, n) < 0)
		goto fail;
	if (fd >= 0 && c->nfds == c->fds_cap) {
		size_t cap = c->fds_cap ? 2 * c->fds_cap : 8;
		struct queued_fd *p = realloc(c->fds, cap * sizeof(*p));
		if (!p)
			goto fail;
		c->fds = p;
		c->fds_cap = cap;
	}
	if (vp_encode(m, c->out + c->out_len, c->out_cap - c->out_len) != n) {
		fprintf(stderr, "vitrine-agent: cannot encode %s for window 0x%x\n",
			vp_type_name(m->type), m->window);
		goto fail;
	}
	if (fd >= 0) {
		int dup = fcntl(fd, F_DUPFD_CLOEXEC, 0);
		if (dup < 0) {
			perror("vitrine-agent: dup");
			goto fail;
		}
		c->fds[c->nfds++] = (struct queued_fd){ c->out_len, n, dup };
	}
	c->out_len += n;
	return 0;
fail:
	c->broken = true;
	return -1;
}

int conn_flush(struct conn *c)
{
	if (c->fd < 0)
		return -1;
	if (c->broken)
		return -1;
	while (c->out_head < c->out_len) {
		size_t end = c->out_len;
		int fd = -1;
		/* A descriptor goes with its message's first bytes and the
		 * message alone: the daemon gives it to the message that holds
		 * the last byte of the read that brought it. */
		if (c->nfds > 0 && c->fds[0].off == c->out_head) {
			fd = c->fds[0].fd;
			end = c->fds[0].off + c->fds[0].len;
		} else if (c->nfds > 0) {
			end = c->fds[0].off;
		}
		ssize_t n = c->t->send(c->link, c->fd, c->out + c->out_head, end - c->out_head, fd);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n <= 0) {
			/* (before the daemon said anything: a refusal, told by
			 * main.c once) */
			if (c->heard)
				fprintf(stderr, "vitrine-agent: send to daemon: %s\n",
					strerror(errno));
			c->broken = true;
			return -1;
		}
		if (fd >= 0) {
			close(fd);
			memmove(c->fds, c->fds + 1, (c->nfds - 1) * sizeof(*c->fds));
			c->nfds--;
		}
		c->out_head += (size_t)n;
	}
	c->out_head = c->out_len = 0;
	return 0;
}

/* Read what is there and hand every complete message to h. -1: close. */
int conn_read(struct conn *c, conn_handler h, void *data)
{
	if (c->t->wait)
		c->t->wait(c->link); /* once per wake-up */
	for (bool more = true; more;) {
		size_t room = sizeof(c->in) - c->in_len;
		ssize_t n = c->t->recv(c->link, c->fd, c->in + c->in_len, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n < 0) {
			if (c->heard)
				fprintf(stderr, "vitrine-agent: receive from daemon: %s\n",
					strerror(errno));
			return -1;
		}
		if (n == 0) {
			if (c->heard)
				fprintf(stderr, "vitrine-agent: daemon closed the connection\n");
			return -1;
		}
		c->heard = true;
		c->in_len += (size_t)n;
		/* a short read emptied a socket (another would say EAGAIN, and
		 * poll sees what comes later); a vchan is read until empty */
		more = (size_t)n == room || c->t->wait;
		size_t off = 0;
		for (;;) {
			struct vp_msg m;
			const char *why = NULL;
			long r = vp_decode(VP_FROM_DAEMON, c->in + off, c->in_len - off, &m, &why);
			if (r == 0)
				break;
			if (r < 0) {
				fprintf(stderr,
					"vitrine-agent: daemon: violation: %s; "
					"disconnecting\n",
					why);
				return -1;
			}
			off += (size_t)r;
			if (h(data, &m) < 0)
				return -1;
		}
		memmove(c->in, c->in + off, c->in_len - off);
		c->in_len -= off;
		if (c->in_len == sizeof(c->in)) {
			fprintf(stderr, "vitrine-agent: daemon: message too large\n");
			return -1;
		}
	}
	return 0;
}

void agent_send(struct agent *a, const struct vp_msg *m, int fd)
{
	if (a->ready)
		conn_send(a->conn, m, fd);
}
