/* The daemon's top-level state and its event loop sources. */
#ifndef VITRINE_SERVER_H
#define VITRINE_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include "clipboard.h"
#include "decorations/deco-switcher.h"
#include "config.h"
#include "focus.h"
#include "grab.h"
#include "notice.h"
#include "pace.h"
#include "props.h"
#include "scene.h"
#include "source.h"

struct domain;
struct epoll_event;
struct backend;
struct backend_ops;
struct control;
struct input;
struct input_target;
struct input_core_ops;
struct tray_area;

struct server {
	struct config cfg;
	int epfd;
	/* the events epoll_wait returned, while server_dispatch handles
	 * them: a source unwatched meanwhile has its later ones dropped */
	struct epoll_event *batch;
	int batch_n;
	bool running;
	struct scene scene;
	struct backend *backend;
	struct control *control;
	int ndomains;
	struct domain *domains[MAX_DOMAINS];
	struct list tx_pending; /* domains with messages queued (domains_flush) */
	struct input *input;	/* the router; it owns the keyboard focus */
	struct clipboard clipboard;
	struct focus_rule focus;	/* who may move the focus on a desktop (focus.h) */
	uint32_t guarded_buttons;	/* pressed, taken by the click guard (clickguard.h) */
	uint64_t user_input_ms;		/* the user's last button (not the wheel) (clickguard.h) */
	unsigned desk_buttons;		/* x11: buttons held on the desktop (XInput2 raw) */
	const struct domain *press_dom; /* the domain of the last press passed on (compared only) */
	int reserve_fd;
	struct notice notice; /* the trusted notice shown, notice.h */
	struct source notice_src;
	struct source spawner; /* its answers: the domain processes (child.h) */
	uint32_t child_seq;
	/* counts what changed on the output (damage, windows changed): the
	 * control socket's `wait-change N` waits for it to pass N */
	uint64_t changes;
	bool frames_asked;	       /* some window's frame_asked may be set (window.h) */
	struct grab grab;	       /* the daemon's drag of a window (grab.h) */
	struct deco_switcher switcher; /* the Alt+Tab overlay's rows (switcher.h) */
	uint64_t chosen;	       /* the last window.chosen given (switcher_order) */
	struct props props;	       /* windows' titles, hints, icons: their rate (props.h) */
	struct pace pace;	       /* windows' repaints, coalesced and paced (pace.h) */
	struct tray_area *tray_area;   /* the daemon's own tray area (tray-area.h), or NULL */
	/* a tray icon's menu with the keys, and the window that had them (tray.h) */
	struct window *tray_menu, *tray_menu_back;
	int32_t tray_menu_x, tray_menu_y; /* the press it answered (tray_menu_moved) */
};

/*
 * The core, as the daemon and the tests build it: from srv->cfg (already
 * parsed), the scene, the event loop, the backend bops, the input router
 * and the reserve descriptor. Domains are added by the caller
 * (srv->domains; server_finish destroys them). 0, or -1 with a log line;
 * server_finish cleans up after either.
 */
int server_init(struct server *srv, const struct backend_ops *bops);
void server_finish(struct server *srv);
/* One batch: wait up to timeout_ms (-1: for ever) for events, handle them
 * and repaint. -1 if the event loop failed. */
int server_dispatch(struct server *srv, int timeout_ms);

/* Register/modify/remove an fd in the event loop. */
int server_watch(struct server *srv, struct source *src, uint32_t events);
void server_modify(struct server *srv, struct source *src, uint32_t events);
void server_unwatch(struct server *srv, struct source *src);

/* One descriptor kept in reserve, so that a connection can still be
 * accepted (and refused) when the table is full. */
void server_take_reserve_fd(struct server *srv);
void server_release_reserve_fd(struct server *srv);

/* Repaint the scene's damaged region now. */
void server_repaint(struct server *srv);

/* What the input router may do to the core (input-core.c). */
extern const struct input_core_ops server_input_ops;
/* The backend read the desktop's keymap (at start, and on every change):
 * the router uses it, and every domain is sent its names (LAYOUT) if they
 * changed. names: rules, model, layout, variant, options, each already
 * valid for LAYOUT. (input-core.c) */
struct xkb_keymap;
void server_keymap_changed(struct server *srv, struct xkb_keymap *keymap,
			   const char *const names[5]);
/* The window with keyboard focus (the router's), or NULL. */
struct window *server_focus(struct server *srv);
/* A window as the input router names it, and back (input-core.c). */
static inline struct input_target *window_target(struct window *win)
{
	return (struct input_target *)win;
}
static inline struct window *target_window(struct input_target *t)
{
	return (struct window *)t;
}

/* Log one line: "vitrine-daemon: " + message; nothing if vlog_quiet (the
 * fuzzer). */
extern bool vlog_quiet;
void vlog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
