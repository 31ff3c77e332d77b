/*
 * A hostile guest for make check-xen (tools/xen/vitrine.guest): talks the
 * vitrine protocol to the daemon over the vchan the daemon offers this
 * domain, and sends one malformed grant buffer. The daemon must cut this
 * domain off (close the vchan) and log why; it then offers a fresh vchan.
 *
 *   xenhostile GUI_DOMID CASE
 *     bad-ref      a reference this domain never granted among real ones
 *     short-grant  2 pages granted, 4 claimed (nrefs matches the size; the
 *                  last two refs were never granted)
 *     revoked      4 pages granted, then unshared before BUFFER is sent
 *     other-domid  real refs, but the message names another domid
 *
 * Prints "xentest: PASS hostile CASE: ..." when the daemon closed the vchan
 * within 30 s of the BUFFER, "xentest: FAIL ..." otherwise.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxenvchan.h>
#include <xenstore.h>

#include "protocol/proto.h"
#include "shm/shm.h"
#include "shm/shm-xen.h"

static int fail(const char *c, const char *what)
{
	printf("xentest: FAIL hostile %s: %s\n", c, what);
	return 1;
}

static int own_domid(void)
{
	struct xs_handle *xs = xs_open(XS_OPEN_READONLY);
	unsigned len = 0;
	char *v = xs ? xs_read(xs, XBT_NULL, "domid", &len) : NULL;
	int id = v ? atoi(v) : -1;
	free(v);
	if (xs)
		xs_close(xs);
	return id;
}

static int send_msg(struct libxenvchan *v, const struct vp_msg *m)
{
	uint8_t buf[512];
	size_t n = vp_encode(m, buf, sizeof(buf));
	if (n == 0)
		return -1;
	return libxenvchan_write(v, buf, n) == (int)n ? 0 : -1; /* blocking */
}

static void put_refs(uint8_t *le, const uint32_t *refs, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		for (unsigned k = 0; k < 4; k++)
			le[4 * i + k] = (uint8_t)(refs[i] >> (8 * k));
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr,
			"usage: xenhostile GUI_DOMID bad-ref|short-grant|revoked|other-domid\n");
		return 2;
	}
	int gui = atoi(argv[1]);
	const char *c = argv[2];
	int me = own_domid();
	if (me < 0)
		return fail(c, "cannot read our domid");
	char path[64];
	snprintf(path, sizeof(path), "/local/domain/%d/data/vitrine/%d", gui, me);
	struct libxenvchan *v = NULL;
	for (int i = 0; i < 300 && !v; i++) {
		if (!(v = libxenvchan_client_init(NULL, gui, path)))
			usleep(100000);
	}
	if (!v)
		return fail(c, "no vchan from the daemon");
	v->blocking = -1; /* a signed 1-bit field: -1 is its "on" */

	struct vp_msg m = { .type = VP_HELLO };
	m.u.hello = (struct vp_hello){ VP_MAJOR, VP_MINOR, 0 };
	send_msg(v, &m);
	/* Wait for WELCOME (the first message the daemon sends). */
	uint8_t in[4096];
	size_t have = 0;
	for (;;) {
		int r = libxenvchan_read(v, in + have,
					 sizeof(in) - have > 8 ? 8 : sizeof(in) - have);
		if (r <= 0)
			return fail(c, "vchan closed before WELCOME");
		have += (size_t)r;
		struct vp_msg w;
		const char *why;
		long n = vp_decode(VP_FROM_DAEMON, in, have, &w, &why);
		if (n < 0)
			return fail(c, why);
		if (n > 0 && w.type == VP_WELCOME)
			break;
		if (n > 0) {
			memmove(in, in + n, have - (size_t)n);
			have -= (size_t)n;
		}
	}
	m = (struct vp_msg){ .type = VP_CREATE, .window = 1 };
	m.u.create = (struct vp_create){ .r = { 10, 10, 64, 64 } };
	send_msg(v, &m);

	/* 64x64 at 4 bytes a pixel: 4 pages. */
	uint32_t stride = 256, height = 64, pages = vp_pages_for(stride, height);
	uint32_t refs[4];
	struct vshm_grant g;
	if (!strcmp(c, "short-grant")) {
		if (vshm_grant_create(&g, (uint32_t)gui, stride, height / 2) < 0)
			return fail(c, "vshm_grant_create");
		refs[0] = g.refs[0];
		refs[1] = g.refs[1];
		refs[2] = g.refs[1] + 1000; /* never granted */
		refs[3] = g.refs[1] + 1001;
	} else {
		if (vshm_grant_create(&g, (uint32_t)gui, stride, height) < 0)
			return fail(c, "vshm_grant_create");
		memcpy(refs, g.refs, sizeof(refs));
		if (!strcmp(c, "bad-ref"))
			refs[2] = 0x7ffff; /* far beyond any grant of ours */
		else if (!strcmp(c, "revoked"))
			vshm_grant_destroy(&g); /* nobody mapped them: the grants end now */
		else if (strcmp(c, "other-domid"))
			return fail(c, "unknown case");
	}
	uint8_t le[16];
	put_refs(le, refs, pages);
	m = (struct vp_msg){ .type = VP_BUFFER, .window = 1 };
	m.u.buffer = (struct vp_buffer){ .serial = 1,
					 .kind = VP_BUF_GRANT,
					 .width = 64,
					 .height = height,
					 .stride = stride,
					 .format = VP_FMT_XRGB8888,
					 .domid = (uint32_t)me + !strcmp(c, "other-domid"),
					 .nrefs = pages,
					 .refs = le };
	if (send_msg(v, &m) < 0)
		return fail(c, "cannot send BUFFER");
	m = (struct vp_msg){ .type = VP_MAP, .window = 1 };
	send_msg(v, &m);

	/* The daemon must close the vchan: is_open 0 within 30 s. */
	v->blocking = 0;
	struct pollfd p = { .fd = libxenvchan_fd_for_select(v), .events = POLLIN };
	time_t end = time(NULL) + 30;
	while (libxenvchan_is_open(v) && time(NULL) < end) {
		poll(&p, 1, 500);
		libxenvchan_wait(v);
		while (libxenvchan_data_ready(v) > 0)
			libxenvchan_read(v, in, sizeof(in));
	}
	if (libxenvchan_is_open(v))
		return fail(c, "the daemon kept the vchan open after a malformed grant");
	printf("xentest: PASS hostile %s: the daemon closed our vchan\n", c);
	libxenvchan_close(v);
	vshm_grant_destroy(&g);
	return 0;
}
