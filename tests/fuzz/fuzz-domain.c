/*
 * libFuzzer harness: bytes from a hostile domain, through vp_decode and the
 * daemon's message handling, against an in-memory scene, then a repaint of
 * that scene by the pixman renderer. No sockets. The first byte picks where
 * the input is split in two reads, so that messages cut across reads are
 * exercised. Its low two bits pick the descriptors: odd, as an agent would,
 * each read brings one real sealed memfd for each local BUFFER that starts
 * in it (the descriptor rule), so BUFFER messages map real memory and damage
 * is clipped against real buffers; 2, the same and a stray one with the
 * first read; 0, none.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gui-daemon/render.h"
#include "shm/shm.h"

#include "gui-daemon/config.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/scene.h"
#include "gui-daemon/server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int memfd = -1;

/* Queue a descriptor for each local BUFFER that starts in data[from..to)
 * (the messages as they decode, up to the first bad one). */
static void fds_for(struct domain *d, const uint8_t *data, size_t size, size_t from, size_t to)
{
	size_t off = 0;
	struct vp_msg m;
	const char *why;
	long n;
	while (off < to && (n = vp_decode(VP_FROM_AGENT, data + off, size - off, &m, &why)) > 0) {
		if (off >= from && vp_msg_fds(&m) && d->nfds < DOMAIN_MAX_FDS)
			d->fds[d->nfds++] = dup(memfd);
		off += (size_t)n;
	}
	/* the one cut short, or the bad one: the first bytes of a BUFFER get one */
	if (off >= from && off < to && vp_prefix_may_carry_fd(data + off, size - off) &&
	    d->nfds < DOMAIN_MAX_FDS)
		d->fds[d->nfds++] = dup(memfd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct server srv;
	static struct domain_config cfg;
	static int ready;
	static pixman_image_t *out;
	static struct renderer *r;
	const char *why;
	if (!ready) {
		srv.epfd = -1;
		vlog_quiet = true;
		scene_init(&srv.scene, 320, 240);
		config_parse_domain(
			&cfg, "fuzz,label=red,tint=strong,max_windows=64,max_buffer_mb=1", &why);
		memfd = vshm_local_create(256 * 1024);
		out = pixman_image_create_bits(PIXMAN_x8r8g8b8, 320, 240, NULL, 0);
		r = pixman_renderer_create(out);
		ready = 1;
	}
	struct domain *d = domain_create(&srv, &cfg);
	if (!d)
		return 0;
	size_t cut = size ? (size_t)data[0] * size / 256 : 0;
	unsigned mode = size ? data[0] & 3 : 0;
	if (mode == 2)
		d->fds[d->nfds++] = dup(memfd);
	if (mode)
		fds_for(d, data, size, 0, cut);
	if (domain_feed(d, data, cut) == 0) {
		if (mode)
			fds_for(d, data, size, cut, size);
		domain_feed(d, data + cut, size - cut);
	}
	pixman_renderer_paint(r, &srv.scene, &srv.scene.damage);
	domain_destroy(d);
	pixman_region32_clear(&srv.scene.damage);
	return 0;
}
