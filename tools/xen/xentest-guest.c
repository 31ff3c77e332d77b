/* xentest, guest: the agent's side (xentest.c says what is proved). */
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

#include <xengnttab.h>

#include "shm/shm.h"
#include "shm/shm-xen.h"
#include "xentest.h"

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

int client(const char *path, int npages, char **pages_arg)
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
