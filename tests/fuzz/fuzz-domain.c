/*
 * libFuzzer harness: bytes from a hostile domain, through vp_decode and the
 * daemon's message handling, against the daemon's core as server_init
 * builds it (event loop, headless backend, input router), then a repaint
 * by the headless backend and its output read (where it draws the tray
 * area and a domain's notification). One server serves every run; each
 * run has a domain of its own. No sockets: bytes go in with domain_feed.
 * The first two bytes are the harness's, not the domain's: the second picks where
 * the rest is split in two reads, so that messages cut across reads are
 * exercised; between the halves the user focuses the topmost window, holds
 * a key and a button in it, resizes it (a SYNC_REQUEST to an agent of
 * minor 3) and clicks the domain's first tray icon, so the second half can
 * take that window away from under the router, answer the resize, or
 * undock the icon. The domain is the server's only one (srv.domains), so
 * the headless backend draws its tray icons. The first byte's low two bits
 * pick the descriptors: odd, as an agent sends them, each local BUFFER
 * ends a read that brings one real sealed memfd (the descriptor rule), so
 * BUFFER messages map real memory and damage is clipped against real
 * buffers; 2, the same and a stray one with the first read; 0, none. Bit 2
 * of the first byte sends every read through a domain process's decoder
 * first (gui-daemon/dchild.c, as a socket domain's bytes go): what it
 * passes on, packet by packet, is what the compositor reads
 * (domain_feed_packet), and a violation it finds is told as it tells it.
 * (These bytes were the session's own first byte before: always HELLO's 1,
 * so the split fell inside HELLO, the user never found a window and no
 * domain process was used.)
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shm/shm.h"

#include "gui-daemon/backend.h"
#include "gui-daemon/config.h"
#include "gui-daemon/dchild.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/scene.h"
#include "gui-daemon/server.h"
#include "gui-daemon/tray.h"
#include "gui-daemon/window.h"
#include "input/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct server srv;
static struct domain_config cfg;
static int memfd = -1;
static struct dchild child; /* in use when the input says so */
static bool via_child;
static struct domain *dom;

/* The domain process's packets go straight to the compositor's reader;
 * its descriptor is copied, as sendmsg would. */
static int to_compositor(struct dchild *c, const uint8_t *pkt, size_t len, int fd)
{
	(void)c;
	int fds[1] = { fd >= 0 ? dup(fd) : -1 };
	if (!dom)
		return -1;
	if (domain_feed_packet(dom, pkt, len, fds, fd >= 0) < 0) {
		dom = NULL; /* cut off: the domain process would be killed */
		return -1;
	}
	return 0;
}

static void setup(void)
{
	const char *why;
	vlog_quiet = true;
	srv.cfg.width = 320;
	srv.cfg.height = 240;
	if (server_init(&srv, &headless_backend_ops) < 0)
		abort();
	config_parse_domain(&cfg,
			    "fuzz,label=red,tint=strong,max_windows=64,max_buffer_mb=1,"
			    "pointer=focused",
			    &why);
	memfd = vshm_local_create(256 * 1024);
	if (memfd < 0)
		abort();
}

/* The user acts on the topmost mapped window, if there is one, and on d's
 * first tray icon. */
static void user(struct domain *d)
{
	for (unsigned i = 0; i < TRAY_PER_DOMAIN; i++)
		if (d->tray.icons[i]) {
			tray_user_button(d->tray.icons[i], 1, true, 1, 1,
					 &(struct vp_rect){ -70000, 5, 24, 24 }, 0);
			tray_user_button(d->tray.icons[i], 1, false, -5, 99999,
					 &(struct vp_rect){ 0, 0, 0, 0 }, 0);
			break;
		}
	struct list *l = srv.scene.stack.prev;
	for (; l != &srv.scene.stack; l = l->prev) {
		struct window *w = list_item(l, struct window, stack_link);
		if (!w->mapped)
			continue;
		struct input_target *t = window_target(w);
		input_focus(srv.input, t);
		input_key(srv.input, 38, true, -1); /* "a" */
		input_pointer_button(srv.input, t, 1, true, 1, 1, input_mods(srv.input));
		input_motion(srv.input, t, 2, 2, input_mods(srv.input));
		window_user_geometry(w, w->x, w->y, w->w + 7, w->h + 5); /* SYNC_REQUEST */
		return;
	}
}

/* One read: len bytes with nfds descriptors: the first a memfd of need
 * bytes (a BUFFER's own size: a larger one is refused) if need, else copies
 * of the 256 KiB memfd. */
static int feed_read(struct domain *d, const uint8_t *data, size_t len, int nfds, uint64_t need)
{
	int fds[2];
	for (int i = 0; i < nfds; i++)
		fds[i] = i == 0 && need ? vshm_local_create((size_t)need) : dup(memfd);
	if (!via_child)
		return domain_feed_fds(d, data, len, fds, nfds);
	if (!dom)
		return -1;
	const char *why = dchild_feed(&child, data, len, fds, nfds);
	if (why && why != VSTREAM_STOP && dom)
		dchild_violation(&child, why);
	return why || !dom ? -1 : 0;
}

/* Feed data[from..to) as an agent sends it, in reads that end with each
 * local BUFFER that starts there, each bringing one descriptor (the
 * messages as they decode from the start, up to the first bad one); the
 * first bytes of one cut short at `to` bring theirs; stray: one more with
 * the first read. */
static int feed_as_agent(struct domain *d, const uint8_t *data, size_t size, size_t from, size_t to,
			 int stray)
{
	size_t off = 0, start = from;
	struct vp_msg m;
	const char *why;
	long n;
	while (off < to && (n = vp_decode(VP_FROM_AGENT, data + off, size - off, &m, &why)) > 0) {
		size_t end = off + (size_t)n;
		if (off >= from && end <= to && vp_msg_fds(&m)) {
			uint64_t need = m.type == VP_BUFFER ? vp_buffer_bytes(&m.u.buffer) : 0;
			if (feed_read(d, data + start, end - start, 1 + stray,
				      need <= 256 * 1024 ? need : 0) < 0)
				return -1;
			start = end;
			stray = 0;
		}
		off = end;
	}
	int nfds = stray;
	if (off >= from && off < to && vp_prefix_may_carry_fd(data + off, size - off))
		nfds++;
	if (start == to && nfds == 0)
		return 0;
	return feed_read(d, data + start, to - start, nfds, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (memfd < 0)
		setup();
	if (size < 2)
		return 0;
	uint8_t flags = data[0], split = data[1];
	data += 2, size -= 2;
	struct domain *d = domain_create(&srv, &cfg);
	if (!d)
		return 0;
	srv.domains[0] = d;
	srv.ndomains = 1;
	via_child = flags & 4;
	if (via_child) {
		if (dchild_init(&child, -1, -1) < 0)
			abort();
		child.send_up = to_compositor;
		dom = d;
	}
	size_t cut = (size_t)split * size / 255;
	unsigned mode = flags & 3;
	int first = mode ? feed_as_agent(d, data, size, 0, cut, mode == 2)
			 : feed_read(d, data, cut, 0, 0);
	if (first == 0) {
		user(d);
		if (mode)
			feed_as_agent(d, data, size, cut, size, 0);
		else
			feed_read(d, data + cut, size - cut, 0, 0);
	}
	if (via_child)
		dchild_finish(&child);
	input_key(srv.input, 38, false, -1);
	input_pointer_button(srv.input, input_pointer_grab(srv.input), 1, false, 0, 0, 0);
	server_repaint(&srv);
	srv.backend->ops->output(srv.backend); /* as a screenshot: the tray, a notification */
	domain_destroy(d);
	srv.ndomains = 0;
	server_repaint(&srv);
	return 0;
}
