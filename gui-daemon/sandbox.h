#ifndef VITRINE_SANDBOX_H
#define VITRINE_SANDBOX_H

#include <stdbool.h>

/*
 * Drop what the daemon does not need once its sockets are open: no new
 * privileges, no core dumps of guest pixels, and a seccomp filter that
 * is an allow-list (sandbox.c: anything else kills the daemon). uevents:
 * a netlink socket for the kernel's device events may be made (the drm
 * backend's libinput, on a VT switch back; no other backend). Returns 0,
 * or -1 (logged) if the filter could not be installed.
 */
int sandbox_enter(bool uevents);

/* The same for a domain process (child.h), with its own, far shorter list:
 * reading and writing its two sockets, memory, and exiting. No file
 * system, no new sockets, no processes. */
int sandbox_enter_domain(void);

/* A Xen domain's domain process: the same list, and ioctl for its event
 * channel and gntdev only (dchild-xen.c). */
int sandbox_enter_domain_xen(void);

/* The spawner's (spawner.c): its own calls, and those of the domain
 * processes it forks before and after their own filters (inherited); xen:
 * a Xen domain's opening its vchan too. */
int sandbox_enter_spawner(bool xen);

#endif
