/*
 * A domain: its trusted configuration, its one connection (if any), and the
 * windows it has. Input from the connection is hostile: it is decoded with
 * vp_decode and applied by domain_handle_msg, and any violation cuts this
 * domain off (domain_disconnect) without touching anyone else.
 *
 * Lifetimes: struct domain lives as long as the server. A connection comes
 * and goes; on disconnect every window of the domain is destroyed and every
 * queued file descriptor is closed.
 */
#ifndef VITRINE_DOMAIN_H
#define VITRINE_DOMAIN_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "list.h"
#include "protocol/proto.h"
#include "protocol/stream.h"
#include "ratelog.h"
#include "server.h"
#include "tray.h"
#include "window.h"

#define DOMAIN_MAX_FDS VSTREAM_MAX_FDS
#define DOMAIN_REFUSED_MAX 4096	 /* window ids refused at the quota, remembered */
#define DOMAIN_CLOSING_MAX 4	 /* hostile descriptors still closing: connections refused */
#define DOMAIN_TURN_MESSAGES 256 /* a domain's turn ends at the packet that reaches these */
#define DOMAIN_PLACES_MAX 32	 /* managed windows whose place a reconnection keeps */

struct domain {
	struct server *srv;
	const struct domain_config *cfg;
	const struct domain_transport *t;
	struct source listener;
	struct source conn; /* fd -1 when not connected */
	bool hello_done;
	uint16_t agent_minor; /* its HELLO's minor version (what it reads) */
	bool cut_off;	      /* disconnect requested by a handler */
	bool blocked;	      /* cut off by the user: refuse connections */
	bool destroying;      /* domain_destroy: do not offer the vchan again */
	const char *cut_reason;

	/* What it sent, cut into messages with their descriptors (stream.h):
	 * its own bytes (a vchan), or its domain process's (socket.c). */
	struct vstream st;
	unsigned dropped_fds;	     /* descriptors the kernel dropped: our table was full */
	struct ratelog rl[RL_KINDS]; /* its log lines of each kind (ratelog.h) */
	/* Its domain process (child.h): the one serving the connection, and
	 * how many are alive (the others still exiting). */
	int child_pidfd;   /* -1 while it has none, or not yet */
	int peer;	   /* the connection: written to, never read (socket.c) */
	struct source out; /* peer, watched while the send queue waits */
	int child_pid;
	uint32_t child_id;
	unsigned children;
	bool child_spoke;    /* the one serving has passed something on */
	uint32_t silent_id;  /* the last one let go before it passed anything on */
	bool reoffer;	     /* a vchan: offer it when the last domain process is gone */
	bool offer_failed;   /* a vchan: its domain process could not offer it */
	atomic_uint closing; /* non-memfd descriptors it sent, still being closed (closer.c) */
	uint8_t *tx;
	size_t tx_len, tx_cap;
	bool want_out;	     /* EPOLLOUT is being watched */
	struct list tx_link; /* in srv->tx_pending while tx_new */
	bool tx_new;	     /* queued since the last flush (domains_flush) */

	struct list windows; /* struct window.dom_link */
	uint32_t nwindows;
	uint64_t buffer_bytes;
	uint32_t *refused; /* ids whose CREATE was refused at the quota */
	unsigned nrefused, refused_cap;
	uint64_t messages;
	uint64_t last_msg_ms;	/* monotonic time of the last message */
	uint64_t user_close_ms; /* when the user last closed one of its windows */
	uint64_t pressed_ms;	/* the user's last press on one of its windows (clickguard.h) */
	uint64_t pointer_ms;	/* ... its last press or release */
	uint64_t tray_press_ms; /* the user's last press on its tray icon (tray.h) */
	int32_t tray_press_x, tray_press_y;  /* that icon's top left on the output */
	uint32_t tray_press_w, tray_press_h; /* ... its size */
	int32_t pressed_x, pressed_y;	     /* ... where the last press was */
	uint32_t pressed_win;		     /* ... on which window */
	uint64_t behind_notice_ms[3]; /* its last "opened a window behind" notices (policy.h) */
	uint64_t props_tat;	      /* props.c: its windows' property changes, their rate */
	uint64_t icon_bytes;	      /* its windows' icons (desktop.c), within icon_quota() */
	struct tray_domain tray;      /* its tray icons, its notifications' times (tray.h) */
	/* its managed windows' places (the guest's x, y) when its last
	 * connection ended: one it announces again there goes back there
	 * (window.returned; new-user trial 9 #5) */
	struct domain_place {
		uint32_t id;
		int32_t x, y;
	} places[DOMAIN_PLACES_MAX];
	unsigned nplaces;
};
/* The window id of d announced at (x, y) had that place when d's last
 * connection ended (each place answers once). */
bool domain_returning(struct domain *d, uint32_t id, int32_t x, int32_t y);

struct domain *domain_create(struct server *srv, const struct domain_config *cfg);
void domain_destroy(struct domain *d);
/* Open the domain's listening socket, or offer a Xen domain its vchan. */
int domain_listen(struct domain *d);
/* A connection is there (a socket accepted, a vchan the agent opened). */
bool domain_connected(const struct domain *d);
/* The user lifted a block: a Xen domain's vchan is offered again. */
void domain_unblocked(struct domain *d);

/* How a domain's bytes travel: one table per transport, chosen from the
 * configuration (xen=DOMID: a vchan, vchan.c; else an AF_UNIX socket). */
struct domain_transport {
	const char *name;
	int (*open)(struct domain *d);			   /* listen, or offer the vchan; 0 or -1 */
	void (*handle)(struct domain *d, uint32_t events); /* conn woke */
	void (*flush)(struct domain *d);		   /* send what tx holds, as much as fits */
	void (*drop)(struct domain *d); /* close the connection (conn.fd -> -1) */
	bool (*connected)(const struct domain *d);
	bool reopen;  /* open again after a disconnect */
	bool packets; /* the domain process takes the compositor's bytes (a vchan) */
};
extern const struct domain_transport domain_socket_transport; /* socket.c */
/* Served by a domain process (socket.c, for both transports): start
 * serving its socket fd (from child_start), read its packets, write the
 * send queue (to the connection, or to a vchan's process), let it go. */
int domain_serve(struct domain *d, int fd);
void domain_child_handle(struct domain *d, uint32_t events);
void domain_child_flush(struct domain *d);
void domain_child_drop(struct domain *d);
/* vchan.c, built only with libxen-dev: a weak symbol, whose address is NULL
 * in a build without Xen (config.c then refuses xen=). */
extern const struct domain_transport domain_vchan_transport __attribute__((weak));

/* Feed raw bytes as if received (used by the socket reader and the fuzzer).
 * Returns 0, or -1 when the domain was cut off. */
int domain_feed(struct domain *d, const uint8_t *data, size_t len);
/* The same for one read that brought nfds descriptors (sealable memfds,
 * already checked; they are the domain's now, kept or closed): each
 * belongs to the message holding data's last byte, which must be a type
 * that carries one (vp_msg_fds), and only one. */
int domain_feed_fds(struct domain *d, const uint8_t *data, size_t len, const int *fds, int nfds);
/* The same for one packet from the domain's domain process (child.h):
 * DCHILD_MSG and protocol bytes, or DCHILD_VIOLATION and its text. */
int domain_feed_packet(struct domain *d, const uint8_t *pkt, size_t len, const int *fds, int nfds);
/* Apply one decoded message (its descriptors: msg_fds, domain_take_fd).
 * Returns NULL, or the violation. */
const char *domain_handle_msg(struct domain *d, const struct vp_msg *m);
/* The next descriptor the message being handled brought, or -1. */
int domain_take_fd(struct domain *d);
/* Has handle.c a handler for this type? (Exactly the agent's types.) */
bool domain_handles(uint32_t type);
/* Queue a message to the domain (bounded by its quota); it goes with the
 * rest of this batch of events (domains_flush), so what one event causes
 * (a key's KEYSYM and KEY) is one write and one wake-up of the agent. */
void domain_send(struct domain *d, const struct vp_msg *m);
/* Send every domain what was queued for it; cut off those that were. Once
 * per batch of events, after the repaint (server_repaint). */
void domains_flush(struct server *srv);
/* Log the violation, drop the connection and every window of the domain. */
void domain_disconnect(struct domain *d, const char *why);
/* Log "domain NAME: ..." for something d did, at most as often as kind's
 * rate limit allows (ATTACKS row 19); suppressed lines are counted in the
 * next one. */
void domain_log(struct domain *d, enum ratelog_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

struct window *domain_find_window(struct domain *d, uint32_t id);
uint64_t now_ms(void);
const char *domain_label_hex(const struct domain *d, char out[8]);
uint32_t domain_rgb(const struct domain *d);

#endif
