/* xentest, dom0: the daemon's side (xentest.c says what is proved). */
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
#include <xengnttab.h>

#include "shm/shm.h"
#include "shm/shm-xen.h"
#include "xentest.h"

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

int server(int domid, const char *path)
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

/* Can the daemon offer a new vchan after its sandbox (sandbox.c denies
 * connect(), so libxenstore cannot reach xenstored's socket)? */
int probe_sandboxed(int domid, const char *path)
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
