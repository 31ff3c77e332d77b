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
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <seccomp.h>
#include <libxenvchan.h>
#include <xengnttab.h>

#include "shm/shm.h"
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

static int failures;

static void report(int ok, const char *fmt, ...)
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

static void info(const char *fmt, ...)
{
	va_list ap;
	printf("xentest: INFO ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint32_t pattern(uint32_t page, uint32_t word, uint32_t round)
{
	return (page * 2654435761u) ^ (word * 40503u) ^ (round * 0x9e3779b9u);
}

/* Non-blocking full read/write driven by poll() on the event channel fd: the
 * shape of the daemon's event loop. */
static int vio(struct libxenvchan *v, void *buf, size_t len, int writing)
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

static int send_hdr(struct libxenvchan *v, uint32_t type, uint32_t n, uint32_t round)
{
	struct hdr h = { type, n, round, 0 };
	return vio(v, &h, sizeof h, 1);
}

/* ---- dom0: the daemon's side ------------------------------------------------ */

static int check_map(const uint32_t *m, uint32_t pages, uint32_t round)
{
	for (uint32_t i = 0; i < pages; i++)
		for (uint32_t w = 0; w < PAGE / 4; w += 97)
			if (m[i * (PAGE / 4) + w] != pattern(i, w, round))
				return -1;
	return 0;
}

/* The daemon's path: shm/shm-xen.c maps a VP_BUFFER of the grant form. */
static int expect_refused(const struct vp_buffer *b, int fd, int32_t domid, const char *want,
			  const char *what)
{
	struct vshm_map m = { 0 };
	const char *why = "";
	int rc = domid == VSHM_NO_DOMID ? vshm_map(&m, b, fd, &why)
					: vshm_map_domain(&m, b, fd, domid, &why);
	int ok = rc < 0 && strstr(why, want);
	report(ok, "vshm: %s refused (\"%s\")", what, rc < 0 ? why : "MAPPED");
	if (rc == 0)
		vshm_unmap(&m);
	return ok;
}

static int serve_vshm(struct libxenvchan *v, int domid, struct hdr *h, uint32_t *refs)
{
	struct geom g;
	uint32_t pages = h->n;
	if (vio(v, &g, sizeof g, 0) < 0 || vio(v, refs, pages * 4u, 0) < 0) {
		report(0, "vchan: reading a vshm buffer: %s", strerror(errno));
		return -1;
	}
	/* refs travel as little-endian u32, as in VP_BUFFER (x86: as they are). */
	struct vp_buffer b = { .serial = 1,
			       .kind = VP_BUF_GRANT,
			       .width = g.width,
			       .height = g.height,
			       .stride = g.stride,
			       .format = VP_FMT_XRGB8888,
			       .domid = g.domid,
			       .nrefs = pages,
			       .refs = (const uint8_t *)refs };
	int ok = 1;
	struct vshm_map m = { 0 };
	const char *why = "";
	int rc = vshm_map_domain(&m, &b, -1, domid, &why);
	if (rc < 0) {
		report(0, "vshm: %ux%u grant buffer of domain %d: %s", g.width, g.height, domid,
		       why);
		ok = 0;
	} else {
		int good = m.size >= (size_t)g.stride * g.height && m.size == pages * PAGE &&
			   check_map((const uint32_t *)m.data, pages, h->round) == 0;
		report(good,
		       "vshm: vshm_map_domain mapped a %ux%u grant buffer of domain %d (%zu "
		       "bytes), pattern %s",
		       g.width, g.height, domid, m.size, good ? "matches" : "WRONG");
		ok &= good;
	}
	struct vp_buffer bad = b;
	bad.domid = g.domid + 1;
	ok &= expect_refused(&bad, -1, domid, "names another domain",
			     "a buffer naming another domid");
	bad = b;
	bad.nrefs = pages - 1;
	ok &= expect_refused(&bad, -1, domid, "grant count", "nrefs != pages for stride*height");
	bad = b;
	bad.height = g.height + 1024;
	ok &= expect_refused(&bad, -1, domid, "grant count", "a taller buffer on the same refs");
	ok &= expect_refused(&b, 0, domid, "file descriptor", "a grant buffer with a descriptor");
	ok &= expect_refused(&b, -1, VSHM_NO_DOMID, "not supported",
			     "a grant buffer from a local domain");
	bad = b;
	bad.domid = (uint32_t)domid + 1;
	ok &= expect_refused(&bad, -1, domid + 1, "cannot be mapped",
			     "the refs from the domain configured next to it");
	if (send_hdr(v, M_VERDICT, (uint32_t)ok, h->round) < 0)
		return -1;
	if (vio(v, h, sizeof *h, 0) < 0 || h->type != M_CHANGED) {
		report(0, "vchan: no CHANGED");
		return -1;
	}
	if (rc == 0) {
		int good = check_map((const uint32_t *)m.data, pages, h->round) == 0;
		report(good, "vshm: the rewritten buffer seen in place");
		ok &= good;
		vshm_unmap(&m);
	}
	return send_hdr(v, M_VERDICT, (uint32_t)ok, h->round);
}

static int server(int domid, const char *path)
{
	struct libxenvchan *v = libxenvchan_server_init(NULL, domid, path, RING, RING);
	if (!v) {
		report(0, "libxenvchan_server_init(domid %d, %s): %s", domid, path,
		       strerror(errno));
		return 1;
	}
	v->blocking = 0;
	info("vchan server offered to domain %d at %s (rings %u/%u bytes)", domid, path, RING,
	     RING);
	xengnttab_handle *gt = xengnttab_open(NULL, 0);
	if (!gt) {
		report(0, "xengnttab_open: %s", strerror(errno));
		return 1;
	}
	uint32_t *refs = calloc(MAX_PAGES, sizeof *refs);
	char hello[64];
	struct hdr h;
	if (vio(v, &h, sizeof h, 0) < 0 || h.type != M_HELLO || h.n >= sizeof hello ||
	    vio(v, hello, h.n, 0) < 0) {
		report(0, "vchan: no hello from the guest: %s", strerror(errno));
		return 1;
	}
	hello[h.n] = 0;
	report(1, "vchan: dom0 (server) received \"%s\" from domain %d", hello, domid);
	const char ack[] = "hello guest, this is dom0";
	if (send_hdr(v, M_HELLO, sizeof ack - 1, 0) < 0 ||
	    vio(v, (void *)ack, sizeof ack - 1, 1) < 0) {
		report(0, "vchan: reply to the guest: %s", strerror(errno));
		return 1;
	}
	for (;;) {
		if (vio(v, &h, sizeof h, 0) < 0) {
			report(0, "vchan: read: %s", strerror(errno));
			return 1;
		}
		if (h.type == M_DONE)
			break;
		if (h.type == M_VSHM && h.n && h.n <= MAX_PAGES) {
			if (serve_vshm(v, domid, &h, refs) < 0)
				return 1;
			continue;
		}
		if (h.type != M_GRANT || h.n == 0 || h.n > MAX_PAGES) {
			report(0, "vchan: unexpected message %u (n %u)", h.type, h.n);
			return 1;
		}
		uint32_t pages = h.n;
		if (vio(v, refs, pages * 4u, 0) < 0) {
			report(0, "vchan: reading %u refs: %s", pages, strerror(errno));
			return 1;
		}
		int ok = 1;
		double t = now();
		const uint32_t *m = xengnttab_map_domain_grant_refs(gt, pages, (uint32_t)domid,
								    refs, PROT_READ);
		double dt = now() - t;
		if (!m) {
			report(0, "grant: map %u pages from domain %d PROT_READ: %s", pages, domid,
			       strerror(errno));
			ok = 0;
		} else {
			int good = check_map(m, pages, h.round) == 0;
			report(good,
			       "grant: dom0 mapped %u read-only pages of domain %d (%.1f ms), "
			       "pattern %s",
			       pages, domid, dt * 1e3, good ? "matches" : "WRONG");
			ok &= good;
		}
		/* A writable mapping of a read-only grant must be refused. */
		void *w = xengnttab_map_domain_grant_refs(gt, pages, (uint32_t)domid, refs,
							  PROT_READ | PROT_WRITE);
		report(w == NULL, "grant: writable map of %u read-only grants %s (%s)", pages,
		       w ? "ACCEPTED" : "refused", w ? "-" : strerror(errno));
		if (w) {
			xengnttab_unmap(gt, w, pages);
			ok = 0;
		}
		/* The same refs under another domid must not map. */
		void *o = xengnttab_map_domain_grant_refs(gt, pages, (uint32_t)domid + 1, refs,
							  PROT_READ);
		report(o == NULL, "grant: the same refs from domain %d %s (%s)", domid + 1,
		       o ? "MAPPED" : "refused", o ? "-" : strerror(errno));
		if (o) {
			xengnttab_unmap(gt, o, pages);
			ok = 0;
		}
		if (send_hdr(v, M_VERDICT, (uint32_t)ok, h.round) < 0)
			return 1;
		/* The guest rewrites the pages in place: the mapping must follow. */
		if (vio(v, &h, sizeof h, 0) < 0 || h.type != M_CHANGED) {
			report(0, "vchan: no CHANGED");
			return 1;
		}
		if (m) {
			int good = check_map(m, pages, h.round) == 0;
			report(good, "grant: %u pages rewritten by the guest seen in place by dom0",
			       pages);
			ok &= good;
			if (xengnttab_unmap(gt, (void *)(uintptr_t)m, pages) < 0)
				report(0, "grant: xengnttab_unmap: %s", strerror(errno));
		}
		if (send_hdr(v, M_VERDICT, (uint32_t)ok, h.round) < 0)
			return 1;
	}
	report(1, "vchan: guest said done");
	xengnttab_close(gt);
	libxenvchan_close(v);
	free(refs);
	return failures != 0;
}

/* ---- guest: the agent's side ---------------------------------------------------- */

/* The agent's path: shm/shm-xen.c makes the pages, dom0 maps them with it. */
static int send_vshm(struct libxenvchan *v, const char *size, uint32_t round)
{
	struct geom g = { 0 };
	if (sscanf(size, "%ux%u", &g.width, &g.height) != 2)
		return -1;
	g.stride = g.width * 4;
	/* The guest's own domid (xenstore-read domid in the guest's script). */
	const char *d = getenv("XENTEST_DOMID");
	if (!d) {
		report(0, "vshm: XENTEST_DOMID not set");
		return -1;
	}
	g.domid = (uint32_t)strtoul(d, NULL, 10);
	struct vshm_grant gr;
	if (vshm_grant_create(&gr, 0, g.stride, g.height) < 0) {
		report(0, "vshm: vshm_grant_create %ux%u: %s", g.width, g.height, strerror(errno));
		return 0;
	}
	report(1, "vshm: vshm_grant_create %ux%u: %u pages shared read-only with dom0", g.width,
	       g.height, gr.pages);
	uint32_t *m = gr.data;
	for (uint32_t i = 0; i < gr.pages; i++)
		for (uint32_t w = 0; w < PAGE / 4; w++)
			m[i * (PAGE / 4) + w] = pattern(i, w, round);
	struct hdr h;
	if (send_hdr(v, M_VSHM, gr.pages, round) < 0 || vio(v, &g, sizeof g, 1) < 0 ||
	    vio(v, gr.refs, gr.pages * 4u, 1) < 0 || vio(v, &h, sizeof h, 0) < 0 ||
	    h.type != M_VERDICT)
		return -1;
	report(h.n == 1, "vshm: dom0's verdict on the %ux%u buffer", g.width, g.height);
	round++;
	for (uint32_t i = 0; i < gr.pages; i++)
		for (uint32_t w = 0; w < PAGE / 4; w++)
			m[i * (PAGE / 4) + w] = pattern(i, w, round);
	if (send_hdr(v, M_CHANGED, 0, round) < 0 || vio(v, &h, sizeof h, 0) < 0 ||
	    h.type != M_VERDICT)
		return -1;
	report(h.n == 1, "vshm: dom0's verdict on the rewritten %ux%u buffer", g.width, g.height);
	vshm_grant_destroy(&gr);
	return 0;
}

static int client(const char *path, int npages, char **pages_arg)
{
	struct libxenvchan *v = NULL;
	double end = now() + TIMEOUT_S;
	/* The server may not have written its xenstore entries yet. */
	while (!(v = libxenvchan_client_init(NULL, 0, path)) && now() < end)
		usleep(200 * 1000);
	if (!v) {
		report(0, "libxenvchan_client_init(0, %s): %s", path, strerror(errno));
		return 1;
	}
	v->blocking = 0;
	report(1, "vchan: guest (client) connected to dom0 at %s", path);
	const char hello[] = "hello dom0, this is the guest";
	if (send_hdr(v, M_HELLO, sizeof hello - 1, 0) < 0 ||
	    vio(v, (void *)hello, sizeof hello - 1, 1) < 0) {
		report(0, "vchan: send hello: %s", strerror(errno));
		return 1;
	}
	struct hdr h;
	char reply[64];
	if (vio(v, &h, sizeof h, 0) < 0 || h.type != M_HELLO || h.n >= sizeof reply ||
	    vio(v, reply, h.n, 0) < 0) {
		report(0, "vchan: no reply from dom0");
		return 1;
	}
	reply[h.n] = 0;
	report(1, "vchan: guest received \"%s\"", reply);

	xengntshr_handle *gs = xengntshr_open(NULL, 0);
	if (!gs) {
		report(0, "xengntshr_open: %s", strerror(errno));
		return 1;
	}
	uint32_t *refs = calloc(MAX_PAGES, sizeof *refs);
	for (int a = 0; a < npages; a++) {
		const char *arg = pages_arg[a];
		if (!strncmp(arg, "limit=", 6)) {
			/* gntalloc's limit on grants held at once (module parameter). */
			FILE *f = fopen("/sys/module/xen_gntalloc/parameters/limit", "w");
			int ok = f && fprintf(f, "%s\n", arg + 6) > 0;
			ok = f && fclose(f) == 0 && ok;
			report(ok, "grant: gntalloc limit set to %s", arg + 6);
			continue;
		}
		if (!strncmp(arg, "vshm:", 5)) {
			if (send_vshm(v, arg + 5, 2u * (uint32_t)a + 1) < 0)
				return 1;
			continue;
		}
		int expect_refusal = arg[0] == '!';
		uint32_t pages = (uint32_t)strtoul(arg + expect_refusal, NULL, 0);
		if (pages == 0 || pages > MAX_PAGES)
			continue;
		uint32_t round = 2u * (uint32_t)a + 1;
		double t = now();
		uint32_t *m = xengntshr_share_pages(gs, 0, (int)pages, refs, 0);
		if (expect_refusal) {
			report(!m, "grant: sharing %u pages %s (%s)", pages,
			       m ? "ACCEPTED over the gntalloc limit"
				 : "refused by the gntalloc limit",
			       m ? "-" : strerror(errno));
			if (m)
				xengntshr_unshare(gs, m, pages);
			continue;
		}
		if (!m) {
			report(0, "grant: xengntshr_share_pages(dom0, %u pages, read-only): %s",
			       pages, strerror(errno));
			continue;
		}
		info("grant: guest shared %u pages read-only with dom0 in %.1f ms, refs %u..%u",
		     pages, (now() - t) * 1e3, refs[0], refs[pages - 1]);
		for (uint32_t i = 0; i < pages; i++)
			for (uint32_t w = 0; w < PAGE / 4; w++)
				m[i * (PAGE / 4) + w] = pattern(i, w, round);
		if (send_hdr(v, M_GRANT, pages, round) < 0 || vio(v, refs, pages * 4u, 1) < 0 ||
		    vio(v, &h, sizeof h, 0) < 0 || h.type != M_VERDICT) {
			report(0, "vchan: grant exchange");
			return 1;
		}
		report(h.n == 1, "grant: dom0's verdict on %u pages", pages);
		round++;
		for (uint32_t i = 0; i < pages; i++)
			for (uint32_t w = 0; w < PAGE / 4; w++)
				m[i * (PAGE / 4) + w] = pattern(i, w, round);
		if (send_hdr(v, M_CHANGED, 0, round) < 0 || vio(v, &h, sizeof h, 0) < 0 ||
		    h.type != M_VERDICT) {
			report(0, "vchan: change exchange");
			return 1;
		}
		report(h.n == 1, "grant: dom0's verdict on %u rewritten pages", pages);
		/* dom0 has unmapped by now: the grants can be ended. */
		if (xengntshr_unshare(gs, m, pages) < 0)
			report(0, "grant: xengntshr_unshare: %s", strerror(errno));
	}
	send_hdr(v, M_DONE, 0, 0);
	xengntshr_close(gs);
	/* Let dom0 read DONE before the ring goes away. */
	usleep(500 * 1000);
	libxenvchan_close(v);
	free(refs);
	return failures != 0;
}

/* Can the daemon offer a new vchan after its sandbox (sandbox.c denies
 * connect(), so libxenstore cannot reach xenstored's socket)? */
static int probe_sandboxed(int domid, const char *path)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx || seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(connect), 0) < 0 ||
	    seccomp_load(ctx) < 0) {
		report(0, "sandbox: seccomp");
		return 1;
	}
	seccomp_release(ctx);
	struct libxenvchan *v = libxenvchan_server_init(NULL, domid, path, RING, RING);
	report(v != NULL, "sandbox: libxenvchan_server_init with connect() denied %s (%s)",
	       v ? "works" : "FAILS", v ? "xenstore through /dev/xen/xenbus" : strerror(errno));
	if (v)
		libxenvchan_close(v);
	xengnttab_handle *gt = xengnttab_open(NULL, 0);
	report(gt != NULL, "sandbox: xengnttab_open with connect() denied");
	if (gt)
		xengnttab_close(gt);
	return failures != 0;
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
