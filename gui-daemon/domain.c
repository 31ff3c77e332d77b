/*
 * A domain's connection, whatever its transport: decoding what arrives, a
 * bounded send queue, and cutting a domain off. The transports are tables:
 * the AF_UNIX socket in socket.c, a Xen domain's vchan in vchan.c.
 */
#include "domain.h"

#include "shm/shm.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void handle_conn(struct source *src, uint32_t events);

struct domain *domain_create(struct server *srv, const struct domain_config *cfg)
{
	struct domain *d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->srv = srv;
	d->cfg = cfg;
	d->listener.fd = -1;
	d->conn.fd = -1;
	d->conn.handle = handle_conn;
	d->t = &domain_socket_transport;
	if (cfg->xen_domid != VSHM_NO_DOMID && &domain_vchan_transport)
		d->t = &domain_vchan_transport;
	list_init(&d->windows);
	return d;
}

void domain_destroy(struct domain *d)
{
	if (!d)
		return;
	d->destroying = true;
	domain_disconnect(d, NULL);
	if (d->listener.fd >= 0) {
		server_unwatch(d->srv, &d->listener);
		close(d->listener.fd);
		unlink(d->cfg->socket);
	}
	free(d);
}

int domain_listen(struct domain *d)
{
	if (d->cfg->xen_domid != VSHM_NO_DOMID && d->t == &domain_socket_transport)
		return -1; /* no Xen support (config.c refuses xen= then) */
	return d->t->open(d);
}

void domain_disconnect(struct domain *d, const char *why)
{
	if (why)
		vlog("domain %s: violation: %s; disconnected", d->cfg->name, why);
	else if (d->conn.fd >= 0 && d->srv->cfg.verbose)
		vlog("domain %s: disconnected", d->cfg->name);
	bool was_open = d->conn.fd >= 0;
	/* what that connection caused and was not logged: counted now */
	for (int k = 0; k < RL_KINDS; k++) {
		if (k == RL_CONNECTION || !d->rl[k].suppressed)
			continue;
		vlog("domain %s: %u lines suppressed (%s)", d->cfg->name, d->rl[k].suppressed,
		     ratelog_kind_name[k]);
		d->rl[k].suppressed = 0;
	}
	if (was_open)
		d->t->drop(d);
	for (int i = 0; i < d->nfds; i++)
		close(d->fds[i]);
	d->nfds = d->msg_fds = 0;
	d->rx_seen = 0;
	struct list *pos, *tmp;
	list_each(pos, tmp, &d->windows) window_destroy(list_item(pos, struct window, dom_link));
	free(d->rx);
	d->rx = NULL;
	d->rx_len = 0;
	free(d->tx);
	d->tx = NULL;
	d->tx_len = d->tx_cap = 0;
	d->hello_done = false;
	d->cut_off = false;
	free(d->refused);
	d->refused = NULL;
	d->nrefused = d->refused_cap = 0;
	clipboard_domain_gone(d->srv, d);
	/* The windows' buffers are unmapped now; a vchan is offered anew. */
	if (was_open && d->t->reopen && !d->destroying && !d->blocked)
		d->t->open(d);
}

bool domain_connected(const struct domain *d)
{
	return d->t->connected(d);
}

void domain_unblocked(struct domain *d)
{
	d->blocked = false;
	if (d->t->reopen && d->conn.fd < 0)
		d->t->open(d);
}

static void flush(struct domain *d)
{
	d->t->flush(d);
}

void domain_send(struct domain *d, const struct vp_msg *m)
{
	size_t n = vp_encoded_size(m);
	if (d->cut_off)
		return;
	if (d->tx_len + n > d->cfg->quota.tx_bytes) {
		d->cut_off = true;
		d->cut_reason = "does not read its messages (send queue full)";
		return;
	}
	if (d->tx_len + n > d->tx_cap) {
		size_t cap = d->tx_cap ? d->tx_cap * 2 : 4096;
		while (cap < d->tx_len + n)
			cap *= 2;
		uint8_t *t = realloc(d->tx, cap);
		if (!t) {
			d->cut_off = true;
			d->cut_reason = "out of memory for its send queue";
			return;
		}
		d->tx = t;
		d->tx_cap = cap;
	}
	d->tx_len += vp_encode(m, d->tx + d->tx_len, d->tx_cap - d->tx_len);
	flush(d);
}

int domain_take_fd(struct domain *d)
{
	if (d->msg_fds == 0)
		return -1;
	int fd = d->fds[0];
	d->nfds--;
	d->msg_fds--;
	memmove(d->fds, d->fds + 1, sizeof(int) * (size_t)d->nfds);
	memmove(d->fd_at, d->fd_at + 1, sizeof(uint64_t) * (size_t)d->nfds);
	return fd;
}

/* The descriptors that came with the message at stream bytes
 * [start, end): those whose read ended inside it. NULL, or the violation. */
static const char *claim_fds(struct domain *d, const struct vp_msg *m, uint64_t start, uint64_t end)
{
	static char buf[96];
	int n = 0;
	while (n < d->nfds && d->fd_at[n] < end)
		n++;
	if (n && d->fd_at[0] < start) /* not reached: each message takes its own */
		return "file descriptor left over from an earlier message";
	if ((unsigned)n > vp_msg_fds(m)) {
		if (vp_msg_fds(m))
			return "more than one file descriptor with one BUFFER";
		snprintf(buf, sizeof(buf), "file descriptor sent with %s, which may not carry one",
			 vp_type_name(m->type));
		return buf;
	}
	d->msg_fds = n;
	return NULL;
}

int domain_feed(struct domain *d, const uint8_t *data, size_t len)
{
	return domain_feed_fds(d, data, len, NULL, 0);
}

int domain_feed_fds(struct domain *d, const uint8_t *data, size_t len, const int *fds, int nfds)
{
	for (int i = 0; i < nfds; i++) {
		if (len == 0 || d->nfds == DOMAIN_MAX_FDS) { /* the transport checked */
			close(fds[i]);
			continue;
		}
		d->fd_at[d->nfds] = d->rx_seen + len - 1;
		d->fds[d->nfds++] = fds[i];
	}
	if (!d->rx && !(d->rx = malloc(DOMAIN_RX_CAP))) {
		domain_disconnect(d, "out of memory for its receive buffer");
		return -1;
	}
	while (len > 0) {
		size_t take = DOMAIN_RX_CAP - d->rx_len;
		if (take > len)
			take = len;
		memcpy(d->rx + d->rx_len, data, take);
		d->rx_len += take;
		d->rx_seen += take;
		data += take;
		len -= take;
		size_t off = 0;
		uint64_t base = d->rx_seen - d->rx_len; /* rx[0]'s place in the stream */
		for (;;) {
			struct vp_msg m;
			const char *why = NULL;
			long n = vp_decode(VP_FROM_AGENT, d->rx + off, d->rx_len - off, &m, &why);
			if (n == 0)
				break;
			if (n < 0) {
				static char buf[128];
				const uint8_t *t = d->rx + off;
				uint32_t type = (uint32_t)t[0] | (uint32_t)t[1] << 8 |
						(uint32_t)t[2] << 16 | (uint32_t)t[3] << 24;
				if (strcmp(vp_type_name(type), "unknown"))
					snprintf(buf, sizeof(buf), "%s (%s)", why,
						 vp_type_name(type));
				else
					snprintf(buf, sizeof(buf), "%s (type 0x%x)", why, type);
				domain_disconnect(d, buf);
				return -1;
			}
			d->messages++;
			d->last_msg_ms = now_ms();
			why = claim_fds(d, &m, base + off, base + off + (uint64_t)n);
			if (!why)
				why = domain_handle_msg(d, &m);
			for (int fd; (fd = domain_take_fd(d)) >= 0;)
				close(fd); /* brought, not kept (a refused window's) */
			if (why || d->cut_off) {
				static char buf[160];
				why = why ? why : d->cut_reason;
				snprintf(buf, sizeof(buf), "%s (%s window %u)", why ? why : "",
					 vp_type_name(m.type), m.window);
				domain_disconnect(d, why ? buf : NULL);
				return -1;
			}
			off += (size_t)n;
		}
		memmove(d->rx, d->rx + off, d->rx_len - off);
		d->rx_len -= off;
	}
	/* What is left is one message's first bytes: the descriptor of a
	 * BUFFER still arriving may wait for the rest, nothing else. */
	if (d->nfds > (vp_prefix_may_carry_fd(d->rx, d->rx_len) ? 1 : 0)) {
		static char buf[128];
		uint32_t type = 0;
		if (d->rx_len >= 4)
			type = (uint32_t)d->rx[0] | (uint32_t)d->rx[1] << 8 |
			       (uint32_t)d->rx[2] << 16 | (uint32_t)d->rx[3] << 24;
		snprintf(buf, sizeof(buf), "file descriptor sent with %s, which may not carry one",
			 type ? vp_type_name(type) : "no message");
		domain_disconnect(d, buf);
		return -1;
	}
	return 0;
}

static void handle_conn(struct source *src, uint32_t events)
{
	struct domain *d = list_item(src, struct domain, conn);
	d->t->handle(d, events);
	if (d->cut_off && d->conn.fd >= 0)
		domain_disconnect(d, d->cut_reason); /* NULL: it went away */
}

struct window *domain_find_window(struct domain *d, uint32_t id)
{
	struct list *pos, *tmp;
	list_each(pos, tmp, &d->windows)
	{
		struct window *w = list_item(pos, struct window, dom_link);
		if (w->id == id)
			return w;
	}
	return NULL;
}

uint32_t domain_rgb(const struct domain *d)
{
	return palette[d->cfg->label].rgb;
}

const char *domain_label_hex(const struct domain *d, char out[8])
{
	snprintf(out, 8, "#%06x", domain_rgb(d));
	return out;
}

uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void domain_log(struct domain *d, enum ratelog_kind kind, const char *fmt, ...)
{
	unsigned suppressed;
	char line[512];
	if (!ratelog_allow(&d->rl[kind], now_ms(), &suppressed))
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (suppressed)
		vlog("domain %s: %s (%u similar lines suppressed)", d->cfg->name, line, suppressed);
	else
		vlog("domain %s: %s", d->cfg->name, line);
}
