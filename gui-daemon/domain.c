/*
 * A domain's connection, whatever its transport: decoding what arrives, a
 * bounded send queue, and cutting a domain off. The transports are tables:
 * the AF_UNIX socket in socket.c, a Xen domain's vchan in vchan.c.
 */
#include "domain.h"

#include "child.h"
#include "shm/shm.h"
#include "tray-area.h"

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
	d->child_pidfd = -1;
	d->peer = -1;
	d->conn.handle = handle_conn;
	d->t = &domain_socket_transport;
	if (cfg->xen_domid != VSHM_NO_DOMID && &domain_vchan_transport)
		d->t = &domain_vchan_transport;
	d->st.from = VP_FROM_AGENT;
	list_init(&d->windows);
	return d;
}

void domain_destroy(struct domain *d)
{
	if (!d)
		return;
	struct server *srv = d->srv;
	/* out of the list first: what its end does walks the others
	 * (hostile-domain trial 16 #3) */
	for (int i = 0; srv && i < srv->ndomains; i++)
		if (srv->domains[i] == d) {
			memmove(&srv->domains[i], &srv->domains[i + 1],
				(size_t)(srv->ndomains - i - 1) * sizeof(srv->domains[0]));
			srv->domains[--srv->ndomains] = NULL;
			break;
		}
	d->destroying = true;
	domain_disconnect(d, NULL);
	if (d->listener.fd >= 0) {
		server_unwatch(d->srv, &d->listener);
		close(d->listener.fd);
		unlink(d->cfg->socket);
	}
	free(d);
	/* the empty places at the end of the daemon's tray area go (its
	 * icons went; no other icon moves: tray-area.h) */
	if (srv && srv->tray_area)
		tray_area_icon(srv->tray_area, NULL, TRAY_SHOW);
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
		domain_log_violation(d, why);
	else if (d->conn.fd >= 0 && d->srv->cfg.verbose)
		domain_log(d, RL_SESSION, "disconnected");
	bool was_open = d->conn.fd >= 0;
	d->user_close_ms = 0;  /* the answer to a close comes on this connection */
	d->hello_done = false; /* (its windows go below: the keys do not move) */
	/* what that connection caused and was not logged: counted now */
	for (int k = 0; k < RL_KINDS; k++) {
		if (k == RL_CONNECTION || k == RL_SESSION || !d->rl[k].suppressed)
			continue;
		vlog("domain %s: %u lines suppressed (%s)", d->cfg->name, d->rl[k].suppressed,
		     ratelog_kind_name[k]);
		d->rl[k].suppressed = 0;
	}
	if (was_open)
		d->t->drop(d);
	vstream_reset(&d->st);
	struct list *pos, *tmp;
	if (was_open)
		d->nplaces = 0;
	list_each(pos, tmp, &d->windows)
	{
		struct window *w = list_item(pos, struct window, dom_link);
		const struct vp_rect *g = w->nsent ? &w->sent[w->nsent - 1] : &w->guest;
		if (was_open && w->mapped && !w->as_popup && d->nplaces < DOMAIN_PLACES_MAX)
			d->places[d->nplaces++] = (struct domain_place){ w->id, g->x, g->y };
		window_destroy(w);
	}
	free(d->tx);
	d->tx = NULL;
	d->tx_len = d->tx_cap = 0;
	if (d->tx_new)
		list_remove(&d->tx_link);
	d->tx_new = false;
	d->hello_done = false;
	d->cut_off = false;
	free(d->refused);
	d->refused = NULL;
	d->nrefused = d->refused_cap = 0;
	clipboard_domain_gone(d->srv, d);
	tray_domain_gone(d);
	focus_domain_gone(d->srv, d);
	/* The windows' buffers are unmapped now; a vchan is offered anew. */
	if (was_open && d->t->reopen && !d->destroying && !d->blocked)
		d->t->open(d);
}

bool domain_returning(struct domain *d, uint32_t id, int32_t x, int32_t y)
{
	for (unsigned i = 0; i < d->nplaces; i++) {
		struct domain_place *p = &d->places[i];
		if (p->id == id) {
			bool there = p->x == x && p->y == y;
			*p = d->places[--d->nplaces];
			return there;
		}
	}
	return false;
}

bool domain_connected(const struct domain *d)
{
	return d->t->connected(d);
}

void domain_unblocked(struct domain *d)
{
	d->blocked = false;
	d->offer_failed = false; /* the user may try again */
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
	if (!d->tx_new)
		list_insert(&d->srv->tx_pending, &d->tx_link);
	d->tx_new = true;
}

void domains_flush(struct server *srv)
{
	while (!list_empty(&srv->tx_pending)) {
		struct domain *d = list_item(srv->tx_pending.next, struct domain, tx_link);
		list_remove(&d->tx_link);
		d->tx_new = false;
		flush(d);
		if (d->cut_off && d->conn.fd >= 0)
			domain_disconnect(d, d->cut_reason); /* NULL: it went away */
	}
}

int domain_take_fd(struct domain *d)
{
	return vstream_take_fd(&d->st);
}

static const char *on_msg(void *ctx, const struct vp_msg *m)
{
	struct domain *d = ctx;
	d->messages++;
	d->last_msg_ms = now_ms();
	const char *why = domain_handle_msg(d, m);
	if (!why && d->cut_off)
		why = d->cut_reason ? d->cut_reason : VSTREAM_STOP;
	return why;
}

int domain_feed(struct domain *d, const uint8_t *data, size_t len)
{
	return domain_feed_fds(d, data, len, NULL, 0);
}

int domain_feed_fds(struct domain *d, const uint8_t *data, size_t len, const int *fds, int nfds)
{
	const char *why = vstream_feed(&d->st, data, len, fds, nfds, on_msg, d);
	if (!why)
		return 0;
	domain_disconnect(d, why == VSTREAM_STOP ? NULL : why);
	return -1;
}

int domain_feed_packet(struct domain *d, const uint8_t *pkt, size_t len, const int *fds, int nfds)
{
	if (len > 0 && pkt[0] == DCHILD_VIOLATION && nfds == 0) {
		/* its text, as shown: printable ASCII only */
		char reason[160];
		size_t n = 0;
		for (size_t i = 1; i < len && n + 1 < sizeof(reason); i++)
			reason[n++] = pkt[i] >= 0x20 && pkt[i] < 0x7f ? (char)pkt[i] : '?';
		reason[n] = 0;
		domain_disconnect(d, reason);
		return -1;
	}
	if (len == 0 || pkt[0] != DCHILD_MSG) {
		for (int i = 0; i < nfds; i++)
			close(fds[i]); /* memfds, the reader checked: their close never waits */
		domain_disconnect(d, "its domain process sent a packet of an unknown kind");
		return -1;
	}
	return domain_feed_fds(d, pkt + 1, len - 1, fds, nfds);
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
	/* sessions: 3 lines each, the first 10 of a burst in full */
	unsigned burst = kind == RL_SESSION ? 30 : RATELOG_BURST;
	if (!ratelog_allow_burst(&d->rl[kind], now_ms(), burst, &suppressed))
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
