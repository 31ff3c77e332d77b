/* A domain process's loop and checks (see dchild.h and child.h). */
#include "dchild.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "protocol/fdpass.h"
#include "shm/shm.h"

#define OUT_CAP (VSTREAM_RX_CAP + DCHILD_PKT)

static int send_packet(struct dchild *c, const uint8_t *pkt, size_t len, int fd)
{
	return fd_send(c->up, pkt, len, &fd, fd >= 0, 0) == (ssize_t)len ? 0 : -1;
}

/* Pass on what out holds, in packets; fd goes with the last one. */
static int flush(struct dchild *c, int fd)
{
	uint8_t pkt[DCHILD_PKT];
	size_t off = 0;
	pkt[0] = DCHILD_MSG;
	while (off < c->out_len) {
		size_t n = c->out_len - off;
		if (n > DCHILD_PKT - 1)
			n = DCHILD_PKT - 1;
		memcpy(pkt + 1, c->out + off, n);
		off += n;
		if (c->send_up(c, pkt, n + 1, off == c->out_len ? fd : -1) < 0)
			return -1;
	}
	c->out_len = 0;
	return 0;
}

/* One message, decoded: the checks that need no compositor state, then
 * encoded again (canonical bytes) for the compositor. */
static const char *on_msg(void *ctx, const struct vp_msg *m)
{
	struct dchild *c = ctx;
	const char *why = vp_check_order(m->type, c->hello);
	if (why)
		return why;
	if (vp_type_info(m->type)->from != VP_FROM_AGENT)
		return "unexpected message type";
	c->hello = true;
	int fd = -1;
	if (vp_msg_fds(m) && (fd = vstream_take_fd(&c->st)) < 0)
		return c->st.nfds ? "BUFFER's file descriptor came with a later message"
				  : "BUFFER without a file descriptor";
	if (m->type == VP_BUFFER) {
		/* a memfd, or grants from the configured domid only (mapped
		 * here and let go: the compositor maps them again) */
		struct vshm_map map = { 0 };
		if (vshm_map_domain(&map, &m->u.buffer, fd, c->domid, &why) < 0) {
			if (fd >= 0)
				close(fd);
			return why;
		}
		vshm_unmap(&map);
	}
	size_t n = vp_encoded_size(m);
	if (c->out_len + n > OUT_CAP && flush(c, -1) < 0)
		why = VSTREAM_STOP;
	if (!why)
		c->out_len += vp_encode(m, c->out + c->out_len, OUT_CAP - c->out_len);
	if (!why && (fd >= 0 || c->out_len >= DCHILD_PKT) && flush(c, fd) < 0)
		why = VSTREAM_STOP; /* the compositor is gone */
	if (fd >= 0)
		close(fd);
	return why;
}

int dchild_init(struct dchild *c, int conn, int up)
{
	memset(c, 0, sizeof(*c));
	c->conn = conn;
	c->up = up;
	c->domid = VSHM_NO_DOMID;
	c->st.from = VP_FROM_AGENT;
	c->send_up = send_packet;
	c->out = malloc(OUT_CAP);
	return c->out ? 0 : -1;
}

void dchild_finish(struct dchild *c)
{
	vstream_reset(&c->st);
	free(c->out);
	c->out = NULL;
}

const char *dchild_feed(struct dchild *c, const uint8_t *data, size_t len, const int *fds, int nfds)
{
	const char *why = vstream_feed(&c->st, data, len, fds, nfds, on_msg, c);
	if (!why && flush(c, -1) < 0)
		why = VSTREAM_STOP;
	return why;
}

/* A read from the domain: its descriptors sorted as they arrive. Returns
 * the bytes read (0: nothing now), -1 at its end, or sets *why. */
static ssize_t read_domain(struct dchild *c, const char **why)
{
	static uint8_t buf[DCHILD_PKT];
	struct fd_got g;
	_Static_assert(FDPASS_MAX == VSTREAM_MAX_FDS, "a read's descriptors fit the stream");
	ssize_t n = fd_recv(c->conn, buf, sizeof(buf), MSG_DONTWAIT, &g, NULL, NULL);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	int *got = g.fds, ngot = g.nfds;
	for (int i = 0; i < ngot && !*why; i++)
		if (fcntl(got[i], F_GET_SEALS) < 0)
			*why = "descriptor is not a sealable memfd (the only kind a domain may "
			       "send)";
	if (!*why && c->st.nfds + ngot > VSTREAM_MAX_FDS)
		*why = "too many file descriptors queued";
	if (!*why && (g.flags & MSG_CTRUNC))
		*why = "too many file descriptors in one message";
	if (*why || n == 0) /* the violation is told first; the process's exit
			     * closes them (a lingering socket's close may wait: only
			     * this exiting process waits, and the compositor does not
			     * wait for it) */
		return *why ? 0 : -1;
	*why = dchild_feed(c, buf, (size_t)n, got, ngot);
	return n;
}

void dchild_violation(struct dchild *c, const char *why)
{
	uint8_t pkt[256];
	size_t len = strnlen(why, sizeof(pkt) - 1);
	pkt[0] = DCHILD_VIOLATION;
	memcpy(pkt + 1, why, len);
	c->send_up(c, pkt, len + 1, -1);
}

int dchild_run(struct dchild *c)
{
	for (;;) {
		/* the compositor writes to the domain itself: from it, only
		 * the end of our socket (it let the domain go) */
		struct pollfd p[2] = { { c->conn, POLLIN, 0 }, { c->up, POLLIN, 0 } };
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (p[1].revents)
			return 0;
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			const char *why = NULL;
			ssize_t n = read_domain(c, &why);
			if (why == VSTREAM_STOP)
				return 0;
			if (why) {
				dchild_violation(c, why);
				return 0;
			}
			if (n < 0)
				return 0; /* the domain closed its connection */
		}
	}
}
