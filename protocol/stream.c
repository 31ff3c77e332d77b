/* Cutting a stream into messages with their descriptors (see stream.h). */
#include "stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char VSTREAM_STOP[] = "";

int vstream_take_fd(struct vstream *s)
{
	if (s->msg_fds == 0)
		return -1;
	int fd = s->fds[0];
	s->nfds--;
	s->msg_fds--;
	memmove(s->fds, s->fds + 1, sizeof(int) * (size_t)s->nfds);
	memmove(s->fd_at, s->fd_at + 1, sizeof(uint64_t) * (size_t)s->nfds);
	return fd;
}

void vstream_reset(struct vstream *s)
{
	for (int i = 0; i < s->nfds; i++)
		close(s->fds[i]);
	free(s->rx);
	enum vp_dir from = s->from;
	memset(s, 0, sizeof(*s));
	s->from = from;
}

static uint32_t type_at(const uint8_t *t, size_t len)
{
	if (len < 4)
		return 0;
	return (uint32_t)t[0] | (uint32_t)t[1] << 8 | (uint32_t)t[2] << 16 | (uint32_t)t[3] << 24;
}

/* The descriptors that came with the message at stream bytes
 * [start, end): those whose read ended inside it. NULL, or the violation. */
static const char *claim_fds(struct vstream *s, const struct vp_msg *m, uint64_t start,
			     uint64_t end)
{
	static char buf[96];
	int n = 0;
	while (n < s->nfds && s->fd_at[n] < end)
		n++;
	if (n && s->fd_at[0] < start) /* not reached: each message takes its own */
		return "file descriptor left over from an earlier message";
	if ((unsigned)n > vp_msg_fds(m)) {
		if (vp_msg_fds(m))
			return "more than one file descriptor with one BUFFER";
		snprintf(buf, sizeof(buf), "file descriptor sent with %s, which may not carry one",
			 vp_type_name(m->type));
		return buf;
	}
	s->msg_fds = n;
	return NULL;
}

/* The whole messages at the start of rx: handled, then dropped from rx. */
static const char *drain(struct vstream *s, vstream_fn fn, void *ctx)
{
	static char buf[160];
	size_t off = 0;
	uint64_t base = s->rx_seen - s->rx_len; /* rx[0]'s place in the stream */
	const char *why = NULL;
	for (;;) {
		struct vp_msg m;
		long n = vp_decode(s->from, s->rx + off, s->rx_len - off, &m, &why);
		if (n == 0)
			break;
		if (n < 0) {
			uint32_t type = type_at(s->rx + off, s->rx_len - off);
			if (strcmp(vp_type_name(type), "unknown"))
				snprintf(buf, sizeof(buf), "%s (%s)", why, vp_type_name(type));
			else
				snprintf(buf, sizeof(buf), "%s (type 0x%x)", why, type);
			return buf;
		}
		why = claim_fds(s, &m, base + off, base + off + (uint64_t)n);
		if (!why)
			why = fn(ctx, &m);
		for (int fd; (fd = vstream_take_fd(s)) >= 0;)
			close(fd); /* brought, not kept (a refused window's) */
		off += (size_t)n;
		if (why == VSTREAM_STOP)
			return why;
		if (why) {
			snprintf(buf, sizeof(buf), "%s (%s window %u)", why, vp_type_name(m.type),
				 m.window);
			return buf;
		}
	}
	memmove(s->rx, s->rx + off, s->rx_len - off);
	s->rx_len -= off;
	return NULL;
}

const char *vstream_feed(struct vstream *s, const uint8_t *data, size_t len, const int *fds,
			 int nfds, vstream_fn fn, void *ctx)
{
	for (int i = 0; i < nfds; i++) {
		if (len == 0 || s->nfds == VSTREAM_MAX_FDS) { /* the reader checked */
			close(fds[i]);
			continue;
		}
		s->fd_at[s->nfds] = s->rx_seen + len - 1;
		s->fds[s->nfds++] = fds[i];
	}
	if (!s->rx && !(s->rx = malloc(VSTREAM_RX_CAP)))
		return "out of memory for its receive buffer";
	while (len > 0) {
		size_t take = VSTREAM_RX_CAP - s->rx_len;
		if (take > len)
			take = len;
		memcpy(s->rx + s->rx_len, data, take);
		s->rx_len += take;
		s->rx_seen += take;
		data += take;
		len -= take;
		const char *why = drain(s, fn, ctx);
		if (why)
			return why;
	}
	/* What is left is one message's first bytes: the descriptor of a
	 * BUFFER still arriving may wait for the rest, nothing else. */
	if (s->nfds > (vp_prefix_may_carry_fd(s->rx, s->rx_len) ? 1 : 0)) {
		static char buf[128];
		uint32_t type = type_at(s->rx, s->rx_len);
		snprintf(buf, sizeof(buf), "file descriptor sent with %s, which may not carry one",
			 type ? vp_type_name(type) : "no message");
		return buf;
	}
	return NULL;
}
