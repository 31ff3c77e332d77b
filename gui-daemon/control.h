/*
 * The trusted control socket (owner-only): list domains and windows, write a
 * screenshot, wait for conditions. One text line per request; the reply is
 * lines ending with "ok" or "error: ...". Waits are answered when the
 * condition becomes true, checked after each batch of events, never by
 * polling.
 */
#ifndef VITRINE_CONTROL_H
#define VITRINE_CONTROL_H

#include <stddef.h>

struct server;
struct control;

struct control *control_create(struct server *srv, const char *path);
void control_destroy(struct control *c);
/* Serve fd, a connected non-blocking stream socket, as a client (what the
 * listener does with each connection it accepts; the fuzzer's way in).
 * 0, or -1 with fd closed. */
int control_adopt(struct control *c, int fd);
/* The commands that act as the user (control-input.c): 1 done, -1 with
 * *err, 0 not such a command. */
int control_input_command(struct server *srv, const char *cmd, char *arg, const char **err);
/* screenshot PATH [--window DOMAIN ID | --domain NAME | --rect X,Y,W,H]
 * [--no-decorations] (control-shot.c): 0 with msg "size=WxH at=X,Y
 * changes=N", or -1 with msg saying why not. */
int control_screenshot(struct server *srv, char *arg, char *msg, size_t len);
/* "DOMAIN TITLE": 1 when a window of DOMAIN whose title contains TITLE is
 * shown with its pixels, 0 not yet, -1 malformed (control-shot.c). */
int control_wait_window(struct server *srv, const char *arg);
/* add-domain and remove-domain (control-domain.c): 1 done, -1 with *err,
 * 0 not such a command. */
int control_domain_command(struct server *srv, const char *cmd, char *arg, const char **err);
/* control-monitors.c: set-scale, set-monitors (1 done, -1 *err, 0 not
 * ours); the layout for `geometry`. */
int control_monitors_command(struct server *srv, const char *cmd, char *arg, const char **err);
void monitors_describe(const struct server *srv, char *out, size_t len);
/* The configured domain called name, or NULL (control-wait.c). */
struct domain *control_find_domain(struct server *srv, const char *name);
/* A wait-* command line: 1 if its condition holds, 0 if not yet, -2 if
 * it names no domain there is, -1 if it
 * is malformed (control-wait.c). */
int control_wait_holds(struct server *srv, const char *cmd);
/* Answer the waits whose condition now holds. */
void control_check_waits(struct control *c);

#endif
