/*
 * One process per domain (as Qubes runs a GUI daemon per VM, and OpenSSH
 * separates privileges). A domain's socket connection is served by a
 * process of its own, the domain process (dchild.c): it reads the domain's
 * bytes and descriptors, decodes and validates every message against the
 * protocol table, checks and maps each buffer, and passes on only what it
 * validated, re-encoded, with the buffer descriptors it checked. It runs
 * under a seccomp allow-list with no file system and nothing of any other
 * domain: a crash, hang or memory corruption there cuts off that domain
 * alone. The compositor decodes what it passes on with the same table
 * again, and checks all state itself: it never parses a domain's own bytes.
 *
 * A Xen domain's domain process (dchild-xen.c) owns its vchan: it offers
 * the vchan itself before entering its sandbox, reads and validates the
 * same way, and, as a vchan can only be written by the process that mapped
 * it, also writes the compositor's messages to the ring.
 *
 * Domain processes are forked by the spawner (spawner.c), a process forked
 * at start-up before the compositor held anything (no desktop connection,
 * no domain's buffers): each domain process starts from that clean memory.
 * The spawner runs under a seccomp allow-list of its own (sandbox.c).
 *
 * Between the compositor and the spawner (SOCK_SEQPACKET):
 *   compositor -> spawner: struct child_req, descriptors [connection, socket]
 *                          (a Xen domain's: [socket] only)
 *   spawner -> compositor: struct child_rep (CHILD_STARTED with a pidfd,
 *                          or CHILD_GONE once the process was reaped)
 * Between the compositor and a domain process (SOCK_SEQPACKET, packets of
 * at most DCHILD_PKT bytes):
 *   domain process -> compositor: DCHILD_MSG + canonical protocol bytes (a
 *     BUFFER's descriptor with the packet that ends with that BUFFER), or
 *     DCHILD_VIOLATION + the violation's text, after which it exits.
 * The compositor writes its messages to a socket domain's connection
 * itself (a copy of it, never read: non-blocking, its queue bounded as
 * ever); from the compositor such a domain process only ever sees the end
 * of its socket. A Xen domain's process gets them over its socket instead:
 *   compositor -> domain process: the protocol bytes for the domain, in
 *     packets of at most DCHILD_PKT (MSG_DONTWAIT; the send queue waits).
 */
#ifndef VITRINE_CHILD_H
#define VITRINE_CHILD_H

#include <stdint.h>

#define DCHILD_PKT 16384 /* bytes in a packet between compositor and domain process */
#define DCHILD_MSG 'M'
#define DCHILD_VIOLATION 'V'
/* Domain processes of one domain alive at once (one serving, the others
 * still exiting): connections are refused beyond that. */
#define CHILD_MAX_PER_DOMAIN 4

struct child_req {
	uint32_t id;	 /* the compositor's number for this start */
	uint32_t domain; /* index in the configuration */
	char name[32];	 /* its name (a domain added at run time is not in the spawner's copy) */
};

enum { CHILD_STARTED = 1, CHILD_GONE = 2 };
struct child_rep {
	uint32_t kind; /* CHILD_STARTED, CHILD_GONE */
	uint32_t id;
	uint32_t domain;
	int32_t pid;
	int32_t status; /* CHILD_GONE: its wait status */
};
/* A domain process's exit status when it could not set up (a vchan it
 * could not offer): the compositor does not offer it again. */
#define CHILD_EXIT_SETUP 3

struct server;
struct domain;

/* Serve the spawner's answers on the event loop (fd: spawner_start's). */
int child_attach(struct server *srv, int fd);
/* Start d's domain process for the connection conn (always closed here),
 * or, conn -1, a Xen domain's (it offers the vchan itself). Returns the
 * compositor's end of its socket, or -1. */
int child_start(struct domain *d, int conn);
/* The domain process goes (SIGKILL through its pidfd), if there is one. */
void child_stop(struct domain *d);

#endif
