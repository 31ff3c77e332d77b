/*
 * The clipboard moves between domains only on the user's hotkeys:
 * Ctrl+Shift+C asks the focused domain for its clipboard (a request with a
 * serial); only the answer to the latest request, from that domain, is kept.
 * An answer later than CLIPBOARD_ANSWER_MS is stale too: the user's copy is
 * over by then, and a domain must not choose when the clipboard changes
 * (hostile-domain trial 15 #5: an answer 20 s after the hotkey became the
 * clipboard, and the next paste carried it); a notice says so.
 * Ctrl+Shift+V gives what was kept to the domain focused at that moment, and
 * then forgets it. Nothing else ever carries clipboard data to a domain.
 */
#ifndef VITRINE_CLIPBOARD_H
#define VITRINE_CLIPBOARD_H

#include <stddef.h>
#include <stdint.h>

struct server;
struct domain;
struct vp_clipboard;

struct clipboard {
	uint8_t *data; /* exactly len bytes, valid UTF-8 */
	size_t len;
	char source[32];	/* domain it came from; "" if empty */
	uint32_t serial;	/* of the latest request */
	struct domain *pending; /* domain asked by that request, or NULL */
	uint64_t asked_ms;	/* when (now_ms) */
};

#define CLIPBOARD_ANSWER_MS 3000

/* The hotkeys, d being the focused window's domain. */
void clipboard_copy(struct server *srv, struct domain *d);
void clipboard_paste(struct server *srv, struct domain *d);
/* A domain's CLIPBOARD_DATA; never a violation, but stale or unasked-for
 * data is dropped with a log line. */
void clipboard_data(struct server *srv, struct domain *d, const struct vp_clipboard *c);
/* d disconnected: forget a request pending on it. */
void clipboard_domain_gone(struct server *srv, struct domain *d);
void clipboard_finish(struct clipboard *cb);

#endif
