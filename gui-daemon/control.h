/*
 * The trusted control socket (owner-only): list domains and windows, write a
 * screenshot, wait for conditions. One text line per request; the reply is
 * lines ending with "ok" or "error: ...". Waits are answered when the
 * condition becomes true, checked after each batch of events, never by
 * polling.
 */
#ifndef VITRINE_CONTROL_H
#define VITRINE_CONTROL_H

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
/* add-domain and remove-domain (control-domain.c): 1 done, -1 with *err,
 * 0 not such a command. */
int control_domain_command(struct server *srv, const char *cmd, char *arg, const char **err);
/* The configured domain called name, or NULL. */
struct domain *control_find_domain(struct server *srv, const char *name);
/* Answer the waits whose condition now holds. */
void control_check_waits(struct control *c);

#endif
