/*
 * A timerfd armed for one moment (CLOCK_MONOTONIC, absolute) or not at all:
 * what the core holds back for a later turn (pace.c: damage due at its
 * window's next frame; props.c: changes due at their domain's rate) wakes
 * the event loop then, and the repaint after that batch applies what is due.
 * A system call only when something is due or it was armed: nothing while
 * idle.
 */
#ifndef VITRINE_WAKER_H
#define VITRINE_WAKER_H

#include <stdbool.h>
#include <stdint.h>

#include "source.h"

struct server;

struct waker {
	struct source src; /* the timerfd */
	bool armed;
	const char *name; /* for its log lines */
};

/* The timerfd (unarmed), watched by srv's loop. 0 or -1 logged. */
int waker_init(struct server *srv, struct waker *w, const char *name);
void waker_finish(struct waker *w);
/* Wake at due_ns; 0: not at all. */
void waker_arm(struct waker *w, uint64_t due_ns);

#endif
