/*
 * xentest: proves the two Xen mechanisms vitrine's Xen transport is built on,
 * between dom0 (the daemon's side) and a PV guest (the agent's side).
 *
 *   dom0:  xentest server GUEST_DOMID XS_PATH
 *   dom0:  xentest probe-sandboxed GUEST_DOMID XS_PATH
 *          (a vchan offered after a seccomp filter denies connect(), as the
 *          daemon's sandbox does)
 *   guest: xentest client XS_PATH PAGES...
 *          (PAGES: a count to share, "!N" for a count that must be refused,
 *          "limit=N" to set gntalloc's limit on grants held at once,
 *          "vshm:WxH" for a window buffer made by shm/shm-xen.c's agent side
 *          and mapped by its daemon side, with the refusals it must make)
 *
 * 1. A libxenvchan channel: dom0 is the server (it offers the ring pages and an
 *    event channel to GUEST_DOMID under XS_PATH in xenstore), the guest the
 *    client. dom0 drives it the way the daemon will: non-blocking, poll() on
 *    libxenvchan_fd_for_select(), libxenvchan_wait(), libxenvchan_read().
 * 2. Read-only grants: for each count in PAGES the guest shares that many
 *    pages with dom0 (xengntshr_share_pages, writable = 0), fills them with a
 *    pattern and sends the refs over the channel; dom0 maps them with
 *    xengnttab_map_domain_grant_refs(PROT_READ) from the domid it was given
 *    (never one from the message), checks the pattern, checks that a writable
 *    mapping and a mapping from another domid are both refused, then the
 *    guest rewrites the pattern in place and dom0 sees the new one through
 *    the same mapping.
 *
 * Every result is one line "xentest: PASS|FAIL|INFO ..." on stdout; the exit
 * status is 0 when everything passed.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xentest.h"

int failures;

void report(int ok, const char *fmt, ...)
{
	va_list ap;
	printf("xentest: %s ", ok ? "PASS" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		failures++;
}

void info(const char *fmt, ...)
{
	va_list ap;
	printf("xentest: INFO ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

uint32_t pattern(uint32_t page, uint32_t word, uint32_t round)
{
	return (page * 2654435761u) ^ (word * 40503u) ^ (round * 0x9e3779b9u);
}

/* Non-blocking full read/write driven by poll() on the event channel fd: the
 * shape of the daemon's event loop. */
int vio(struct libxenvchan *v, void *buf, size_t len, int writing)
{
	uint8_t *p = buf;
	double end = now() + TIMEOUT_S;
	while (len) {
		int n = writing ? libxenvchan_write(v, p, len) : libxenvchan_read(v, p, len);
		if (n < 0)
			return -1;
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (!libxenvchan_is_open(v))
			return -1;
		struct pollfd pfd = { .fd = libxenvchan_fd_for_select(v), .events = POLLIN };
		int r = poll(&pfd, 1, 1000);
		if (r < 0 && errno != EINTR)
			return -1;
		if (r > 0 && libxenvchan_wait(v) < 0)
			return -1;
		if (now() > end) {
			errno = ETIMEDOUT;
			return -1;
		}
	}
	return 0;
}

int send_hdr(struct libxenvchan *v, uint32_t type, uint32_t n, uint32_t round)
{
	struct hdr h = { type, n, round, 0 };
	return vio(v, &h, sizeof h, 1);
}

int main(int argc, char **argv)
{
	alarm(TIMEOUT_S + 30);
	if (argc == 4 && !strcmp(argv[1], "server"))
		return server(atoi(argv[2]), argv[3]);
	if (argc == 4 && !strcmp(argv[1], "probe-sandboxed"))
		return probe_sandboxed(atoi(argv[2]), argv[3]);
	if (argc >= 3 && !strcmp(argv[1], "client"))
		return client(argv[2], argc - 3, argv + 3);
	fprintf(stderr, "usage: xentest server GUEST_DOMID XS_PATH | client XS_PATH PAGES...\n");
	return 2;
}
