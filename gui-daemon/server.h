/* The daemon's top-level state and its event loop sources. */
#ifndef VITRINE_SERVER_H
#define VITRINE_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include "clipboard.h"
#include "config.h"
#include "scene.h"

struct source {
	int fd;
	void (*handle)(struct source *src, uint32_t events);
};

struct domain;
struct backend;
struct control;
struct input;

struct server {
	struct config cfg;
	int epfd; /* -1 when there is no event loop (fuzzing) */
	bool running;
	struct scene scene;
	struct backend *backend;
	struct control *control;
	int ndomains;
	struct domain *domains[MAX_DOMAINS];
	struct window *focus; /* keyboard focus, set only by the user */
	struct input *input;  /* the router; NULL when fuzzing */
	struct clipboard clipboard;
	int reserve_fd;
};

/* Register/modify/remove an fd in the event loop; no-ops without one. */
int server_watch(struct server *srv, struct source *src, uint32_t events);
void server_modify(struct server *srv, struct source *src, uint32_t events);
void server_unwatch(struct server *srv, struct source *src);

/* One descriptor kept in reserve, so that a connection can still be
 * accepted (and refused) when the table is full. */
void server_take_reserve_fd(struct server *srv);
void server_release_reserve_fd(struct server *srv);

/* Repaint the scene's damaged region now. */
void server_repaint(struct server *srv);

/* Log one line: "vitrine-daemon: " + message; nothing if vlog_quiet (the
 * fuzzer). */
extern bool vlog_quiet;
void vlog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
