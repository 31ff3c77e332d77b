/*
 * libFuzzer harness: bytes from a hostile domain, through vp_decode and the
 * daemon's message handling, against an in-memory scene. No sockets, no
 * backend. The first byte picks where the input is split in two, so that
 * messages cut across reads are exercised too.
 */
#include <stdlib.h>
#include <string.h>

#include "gui-daemon/config.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/scene.h"
#include "gui-daemon/server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct server srv;
	static struct domain_config cfg;
	static int ready;
	const char *why;
	if (!ready) {
		srv.epfd = -1;
		vlog_quiet = true;
		scene_init(&srv.scene, 640, 480);
		config_parse_domain(&cfg, "fuzz,label=red,tint=strong,max_windows=64", &why);
		ready = 1;
	}
	struct domain *d = domain_create(&srv, &cfg);
	if (!d)
		return 0;
	size_t cut = size ? (size_t)data[0] * size / 256 : 0;
	if (domain_feed(d, data, cut) == 0)
		domain_feed(d, data + cut, size - cut);
	domain_destroy(d);
	pixman_region32_clear(&srv.scene.damage);
	return 0;
}
