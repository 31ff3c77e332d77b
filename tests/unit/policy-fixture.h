/*
 * What the unit tests of the window rules (test-policy.c, test-policy-place.c)
 * share: the daemon's core as server_init builds it (event loop, headless
 * backend, router) with an 800x600 output, domains fed messages through
 * domain_feed as they come off a socket.
 */
#ifndef VITRINE_TEST_POLICY_FIXTURE_H
#define VITRINE_TEST_POLICY_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "gui-daemon/backend.h"
#include "gui-daemon/config.h"
#include "gui-daemon/pointer.h"
#include "input/input.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/policy.h"
#include "gui-daemon/scene.h"
#include "gui-daemon/server.h"
#include "shm/shm.h"

#define W 800
#define H 600

static struct server srv;
static struct domain_config cfg_a, cfg_b, cfg_fs;
static uint8_t msgbuf[VP_HDR_SIZE + 4096];

static int setup(void **state)
{
	const char *why;
	(void)state;
	memset(&srv, 0, sizeof(srv));
	vlog_quiet = true;
	srv.cfg.width = W;
	srv.cfg.height = H;
	assert_int_equal(server_init(&srv, &headless_backend_ops), 0);
	assert_int_equal(config_parse_domain(&cfg_a, "a,label=blue", &why), 0);
	assert_int_equal(config_parse_domain(&cfg_b, "b,label=red", &why), 0);
	assert_int_equal(config_parse_domain(&cfg_fs, "fs,label=green,allow_fullscreen=1", &why),
			 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	server_finish(&srv);
	return 0;
}

/* The user focuses win (NULL: nothing of a domain). */
static inline void user_focus(struct window *win)
{
	input_focus(srv.input, win ? window_target(win) : NULL);
}

/* Feed m with a descriptor in the same read. */
static inline void feed_fd(struct domain *d, struct vp_msg *m, int fd)
{
	size_t n = vp_encode(m, msgbuf, sizeof(msgbuf));
	assert_true(n > 0);
	assert_int_equal(domain_feed_fds(d, msgbuf, n, &fd, 1), 0);
}

static inline void feed(struct domain *d, struct vp_msg *m)
{
	size_t n = vp_encode(m, msgbuf, sizeof(msgbuf));
	assert_true(n > 0);
	assert_int_equal(domain_feed(d, msgbuf, n), 0);
}

static inline struct domain *connected(const struct domain_config *cfg)
{
	struct domain *d = domain_create(&srv, cfg);
	struct vp_msg m = { .type = VP_HELLO };
	m.u.hello.major = VP_MAJOR;
	feed(d, &m);
	return d;
}

/* CREATE and MAP of a window at x, y (content) of w x h; a popup if popup. */
static inline struct window *mapped(struct domain *d, uint32_t id, int32_t x, int32_t y, uint32_t w,
				    uint32_t h, bool popup)
{
	struct vp_msg m = { .type = VP_CREATE, .window = id };
	m.u.create.r = (struct vp_rect){ x, y, w, h };
	m.u.create.flags = popup ? VP_WIN_OVERRIDE_REDIRECT : 0;
	feed(d, &m);
	m = (struct vp_msg){ .type = VP_MAP, .window = id };
	m.u.map.flags = popup ? VP_WIN_OVERRIDE_REDIRECT : 0;
	feed(d, &m);
	struct window *win = domain_find_window(d, id);
	assert_non_null(win);
	assert_true(win->mapped);
	return win;
}

/* MAP of an existing, unmapped window. */
static inline void remap(struct domain *d, uint32_t id, bool popup)
{
	struct vp_msg m = { .type = VP_MAP, .window = id };
	m.u.map.flags = popup ? VP_WIN_OVERRIDE_REDIRECT : 0;
	feed(d, &m);
}

static inline void configure(struct domain *d, uint32_t id, int32_t x, int32_t y, uint32_t w,
			     uint32_t h, bool popup)
{
	struct vp_msg m = { .type = VP_CONFIGURE, .window = id };
	m.u.configure.r = (struct vp_rect){ x, y, w, h };
	m.u.configure.flags = popup ? VP_WIN_OVERRIDE_REDIRECT : 0;
	feed(d, &m);
}

/* The user's press and release of button at (x, y) on the output. */
static inline void click_button(int32_t x, int32_t y, uint32_t button)
{
	pointer_button(&srv, x, y, button, true);
	pointer_button(&srv, x, y, button, false);
}

static inline void unmap(struct domain *d, uint32_t id)
{
	struct vp_msg m = { .type = VP_UNMAP, .window = id };
	feed(d, &m);
}

/* Content size whose frame (border, title bar) is fw x fh; content origin
 * of a frame at fx, fy. */
#define cw(fw) ((uint32_t)(fw)-2u * (uint32_t)srv.scene.border)
#define ch(fh) ((uint32_t)(fh)-2u * (uint32_t)srv.scene.border - (uint32_t)srv.scene.titlebar)
#define cx(fx) ((int32_t)(fx) + srv.scene.border)
#define cy(fy) ((int32_t)(fy) + srv.scene.border + srv.scene.titlebar)

#endif
