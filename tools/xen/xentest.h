/*
 * xentest's parts (xentest.c: what both sides share and main;
 * xentest-dom0.c: the daemon's side; xentest-guest.c: the agent's side).
 */
#ifndef VITRINE_XENTEST_H
#define VITRINE_XENTEST_H

#include <stddef.h>
#include <stdint.h>

#include <libxenvchan.h>

#include "shm/shm-xen.h"

#define PAGE 4096u
#define RING 65536u	 /* both vchan rings: what the daemon will ask for */
#define MAX_PAGES 65536u /* VP_MAX_REFS */
#define TIMEOUT_S 120

enum { M_HELLO = 1, M_GRANT, M_CHANGED, M_VERDICT, M_DONE, M_VSHM };

/* M_VSHM: a window buffer made and mapped through shm/shm-xen.c. */
struct geom {
	uint32_t width, height, stride, domid; /* domid: the guest's own, as it claims */
};

struct hdr {
	uint32_t type, n, round, pad; /* n: refs following (GRANT), ok (VERDICT) */
};

extern int failures;
void report(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
double now(void);
uint32_t pattern(uint32_t page, uint32_t word, uint32_t round);
int vio(struct libxenvchan *v, void *buf, size_t len, int writing);
int send_hdr(struct libxenvchan *v, uint32_t type, uint32_t n, uint32_t round);

int server(int domid, const char *path);
int probe_sandboxed(int domid, const char *path);
int client(const char *path, int npages, char **pages_arg);

#endif
