/*
 * libFuzzer harness: bytes from a hostile domain, through vp_decode and the
 * daemon's message handling, against an in-memory scene, then a repaint of
 * that scene by the pixman renderer. No sockets. Two real sealed memfds wait
 * in the domain's descriptor queue, so BUFFER messages map real memory and
 * damage is clipped against real buffers. The first byte picks where the
 * input is split in two, so that messages cut across reads are exercised.
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct server srv;
	static struct domain_config cfg;
	static int ready, memfd = -1;
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
	d->fds[d->nfds++] = dup(memfd);
	d->fds[d->nfds++] = dup(memfd);
	size_t cut = size ? (size_t)data[0] * size / 256 : 0;
	if (domain_feed(d, data, cut) == 0)
		domain_feed(d, data + cut, size - cut);
	pixman_renderer_paint(r, &srv.scene, &srv.scene.damage);
	domain_destroy(d);
	pixman_region32_clear(&srv.scene.damage);
	return 0;
}
