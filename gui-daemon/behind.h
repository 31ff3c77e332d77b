#ifndef VITRINE_BEHIND_H
#define VITRINE_BEHIND_H

struct server;
struct window;

/* A window of a domain without the keys opened out of sight, below the
 * focused one: the user is told, by the daemon (vitrine run of an
 * application while another domain had the keys showed nothing: new-user
 * trial 3), if another domain's window covers some of it (covering). A window's first map
 * only, and at most POLICY_BEHIND_NOTICES times per POLICY_BEHIND_NOTICE_MS
 * per domain: a domain mapping windows cannot keep a notice on the screen
 * (notice.h). */
/* Also one that answers the user's click on its domain (a window mapped
 * within FOCUS_CHOICE_MS of it) without the keys: "D opened a window; keys
 * go to E; click it to type there". */
void behind_tell(struct server *srv, struct window *win);

#endif
