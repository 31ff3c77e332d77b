/*
 * Unit tests of placement and of the domain model's state checks and quotas,
 * against the daemon's core as server_init builds it (event loop, headless
 * backend, input router): messages go through domain_feed exactly as they
 * come off a socket, with real sealed memfds in the descriptor queue.
 */
#include "decorations/deco-notice.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "gui-daemon/backend.h"
#include "gui-daemon/config.h"
#include "gui-daemon/child.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/spawner.h"
#include "gui-daemon/scene.h"
#include "gui-daemon/server.h"
#include "shm/shm.h"
#include "decorations/deco.h"

static struct server srv;
static struct domain_config cfg;
static uint8_t msgbuf[VP_HDR_SIZE + 4096];

static int setup(void **state)
{
	const char *why;
	(void)state;
	memset(&srv, 0, sizeof(srv));
	vlog_quiet = true;
	srv.cfg.width = 800;
	srv.cfg.height = 600;
	assert_int_equal(server_init(&srv, &headless_backend_ops), 0);
	assert_int_equal(
		config_parse_domain(&cfg, "t,label=blue,max_windows=3,max_buffer_mb=1", &why), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	server_finish(&srv);
	return 0;
}

/* Encode and feed one message; returns domain_feed's result. */
static int feed(struct domain *d, struct vp_msg *m)
{
	size_t n = vp_encode(m, msgbuf, sizeof(msgbuf));
	assert_true(n > 0);
	return domain_feed(d, msgbuf, n);
}

static struct domain *connected(void)
{
	struct domain *d = domain_create(&srv, &cfg);
	struct vp_msg m = { .type = VP_HELLO };
	m.u.hello.major = VP_MAJOR;
	assert_int_equal(feed(d, &m), 0);
	return d;
}

static int create(struct domain *d, uint32_t id, int32_t x, int32_t y, uint32_t w, uint32_t h)
{
	struct vp_msg m = { .type = VP_CREATE, .window = id };
	m.u.create.r = (struct vp_rect){ x, y, w, h };
	return feed(d, &m);
}

static int map(struct domain *d, uint32_t id)
{
	struct vp_msg m = { .type = VP_MAP, .window = id };
	return feed(d, &m);
}

static void test_placement_clamps(void **state)
{
	(void)state;
	struct domain *d = connected();
	/* far off-screen to the left and top: the whole frame comes back on */
	assert_int_equal(create(d, 1, -5000, -5000, 100, 50), 0);
	assert_int_equal(map(d, 1), 0);
	struct window *w = domain_find_window(d, 1);
	assert_non_null(w);
	assert_int_equal(w->x, srv.scene.border);
	assert_int_equal(w->y, srv.scene.border + srv.scene.titlebar);
	/* off to the right and bottom */
	struct vp_msg m = { .type = VP_CONFIGURE, .window = 1 };
	m.u.configure.r = (struct vp_rect){ 30000, 30000, 100, 50 };
	assert_int_equal(feed(d, &m), 0);
	assert_int_equal(w->x + (int32_t)w->w + srv.scene.border, 800);
	assert_int_equal(w->y + (int32_t)w->h + srv.scene.border, 600);
	/* bigger than the output: shrunk so that every side of the frame shows */
	m.u.configure.r = (struct vp_rect){ 0, 0, 8000, 8000 };
	assert_int_equal(feed(d, &m), 0);
	assert_int_equal(w->x - srv.scene.border, 0);
	assert_int_equal(w->y - srv.scene.border - srv.scene.titlebar, 0);
	assert_int_equal((int32_t)w->w + 2 * srv.scene.border, 800);
	assert_int_equal((int32_t)w->h + 2 * srv.scene.border + srv.scene.titlebar, 600);
	/* the guest was told where it really is */
	assert_true(d->tx_len > 0);
	domain_destroy(d);
}

static void test_popups_stay_in_work_area(void **state)
{
	(void)state;
	srv.scene.work = (pixman_box32_t){ 0, 30, 800, 600 }; /* a 30 px panel on top */
	struct domain *d = connected();
	struct vp_msg m = { .type = VP_CREATE, .window = 4 };
	m.u.create.r = (struct vp_rect){ 10, 0, 200, 100 };
	m.u.create.flags = VP_WIN_OVERRIDE_REDIRECT;
	assert_int_equal(feed(d, &m), 0);
	m = (struct vp_msg){ .type = VP_MAP, .window = 4 };
	m.u.map.flags = VP_WIN_OVERRIDE_REDIRECT;
	assert_int_equal(feed(d, &m), 0);
	struct window *w = domain_find_window(d, 4);
	assert_true(w->popup);
	/* a popup's frame (no title bar), below the notices' strip (its
	 * middle, which this one reaches, with the notification's row) */
	assert_int_equal(w->y - srv.scene.border, 30 + DECO_NOTICES_STRIP);
	/* the popup flag cannot change while mapped */
	m = (struct vp_msg){ .type = VP_CONFIGURE, .window = 4 };
	m.u.configure.r = (struct vp_rect){ 10, 100, 200, 100 };
	m.u.configure.flags = 0;
	assert_int_equal(feed(d, &m), 0);
	assert_true(w->popup);
	srv.scene.work = (pixman_box32_t){ 0, 0, 800, 600 };
	domain_destroy(d);
}

static void test_state_violations(void **state)
{
	(void)state;
	struct domain *d = domain_create(&srv, &cfg);
	/* first message must be HELLO */
	assert_int_equal(create(d, 1, 0, 0, 10, 10), -1);
	d = (domain_destroy(d), connected());
	assert_int_equal(create(d, 1, 0, 0, 10, 10), 0);
	assert_int_equal(create(d, 1, 0, 0, 10, 10), -1); /* second CREATE of the same id */
	assert_int_equal(d->nwindows, 0);		  /* cut off: windows gone */
	d = (domain_destroy(d), connected());
	assert_int_equal(map(d, 99), -1); /* unknown window */
	d = (domain_destroy(d), connected());
	struct vp_msg m = { .type = VP_HELLO };
	m.u.hello.major = VP_MAJOR;
	assert_int_equal(feed(d, &m), -1); /* second HELLO */
	domain_destroy(d);
	d = domain_create(&srv, &cfg);
	m.u.hello.major = VP_MAJOR + 1;
	assert_int_equal(feed(d, &m), -1); /* major mismatch */
	domain_destroy(d);
}

static void test_window_quota_refuses(void **state)
{
	(void)state;
	struct domain *d = connected();
	for (uint32_t id = 1; id <= 3; id++)
		assert_int_equal(create(d, id, 0, 0, 10, 10), 0);
	/* the fourth is refused, and the domain stays connected */
	assert_int_equal(create(d, 4, 0, 0, 10, 10), 0);
	assert_int_equal(d->nwindows, 3);
	assert_null(domain_find_window(d, 4));
	/* messages for the refused id are ignored, not a violation */
	assert_int_equal(map(d, 4), 0);
	struct vp_msg m = { .type = VP_DESTROY, .window = 1 };
	assert_int_equal(feed(d, &m), 0);
	assert_int_equal(create(d, 5, 0, 0, 10, 10), 0); /* room again */
	assert_int_equal(d->nwindows, 3);
	domain_destroy(d);
}

static int buffer(struct domain *d, uint32_t id, uint32_t serial, uint32_t w, uint32_t h,
		  size_t memfd_size)
{
	int fd = vshm_local_create(memfd_size);
	assert_true(fd >= 0);
	struct vp_msg m = { .type = VP_BUFFER, .window = id };
	m.u.buffer = (struct vp_buffer){ serial, VP_BUF_LOCAL, w, h, w * 4, VP_FMT_XRGB8888, 0,
					 0,	 NULL };
	size_t n = vp_encode(&m, msgbuf, sizeof(msgbuf));
	assert_true(n > 0);
	return domain_feed_fds(d, msgbuf, n, &fd, 1);
}

static void test_buffers(void **state)
{
	(void)state;
	struct domain *d = connected();
	assert_int_equal(create(d, 1, 0, 0, 100, 100), 0);
	assert_int_equal(buffer(d, 1, 1, 100, 100, 100 * 100 * 4), 0);
	struct window *w = domain_find_window(d, 1);
	assert_non_null(w->buf.ops);
	assert_int_equal(d->buffer_bytes, 100 * 100 * 4);
	assert_int_equal(d->st.nfds, 0); /* its descriptor was claimed */
	/* over the 1 MiB quota: refused, the old buffer stays, still connected */
	assert_int_equal(create(d, 2, 0, 0, 1000, 1000), 0);
	assert_int_equal(buffer(d, 2, 2, 1000, 1000, 1000 * 1000 * 4), 0);
	assert_null(domain_find_window(d, 2)->buf.ops);
	assert_int_equal(d->buffer_bytes, 100 * 100 * 4);
	/* damage far outside is clipped, never read out of bounds */
	struct vp_msg m = { .type = VP_DAMAGE, .window = 1 };
	m.u.damage = (struct vp_rect){ 50, 50, VP_MAX_DIM, VP_MAX_DIM };
	assert_int_equal(feed(d, &m), 0);
	assert_true(w->has_pixels);
	/* a buffer smaller than stride * height: cut off before mapping */
	assert_int_equal(buffer(d, 1, 3, 100, 100, 100 * 99 * 4), -1);
	domain_destroy(d);
}

static void test_buffer_without_fd(void **state)
{
	(void)state;
	struct domain *d = connected();
	assert_int_equal(create(d, 1, 0, 0, 10, 10), 0);
	struct vp_msg m = { .type = VP_BUFFER, .window = 1 };
	m.u.buffer = (struct vp_buffer){ 1, VP_BUF_LOCAL, 10, 10, 40, VP_FMT_XRGB8888, 0, 0, NULL };
	assert_int_equal(feed(d, &m), -1);
	domain_destroy(d);
}

/* A message with one descriptor, as an agent sends it. */
static void send_with_fd(int sock, struct vp_msg *m, int fd)
{
	size_t n = vp_encode(m, msgbuf, sizeof(msgbuf));
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int))];
	} c;
	struct iovec iov = { msgbuf, n };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	if (fd >= 0) {
		mh.msg_control = c.b;
		mh.msg_controllen = sizeof(c.b);
		struct cmsghdr *h = CMSG_FIRSTHDR(&mh);
		h->cmsg_level = SOL_SOCKET;
		h->cmsg_type = SCM_RIGHTS;
		h->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(h), &fd, sizeof(int));
	}
	assert_int_equal(sendmsg(sock, &mh, 0), (ssize_t)n);
}

/* The whole way in: the domain's socket, the event loop, SCM_RIGHTS. */
static void test_socket(void **state)
{
	(void)state;
	char dir[] = "/tmp/vt-unit-XXXXXX";
	const char *why;
	/* in the configuration, as the daemon's domains are */
	struct domain_config *cp = &srv.cfg.domains[srv.cfg.ndomains++], c;
	assert_non_null(mkdtemp(dir));
	char opts[128];
	snprintf(opts, sizeof(opts), "s,label=green,socket=%s/s.sock", dir);
	assert_int_equal(config_parse_domain(cp, opts, &why), 0);
	c = *cp;
	struct domain *d = domain_create(&srv, cp);
	assert_int_equal(domain_listen(d), 0);
	if (srv.spawner.fd < 0) /* domain processes, as the daemon has them */
		assert_int_equal(child_attach(&srv, spawner_start(&srv.cfg, NULL, 0)), 0);
	int sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	strcpy(sa.sun_path, c.socket);
	assert_int_equal(connect(sock, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(server_dispatch(&srv, 5000), 0); /* accepted */
	assert_true(domain_connected(d));

	struct vp_msg m = { .type = VP_HELLO };
	m.u.hello.major = VP_MAJOR;
	send_with_fd(sock, &m, -1);
	m = (struct vp_msg){ .type = VP_CREATE, .window = 1 };
	m.u.create.r = (struct vp_rect){ 10, 40, 16, 16 };
	send_with_fd(sock, &m, -1);
	int fd = vshm_local_create(16 * 16 * 4);
	m = (struct vp_msg){ .type = VP_BUFFER, .window = 1 };
	m.u.buffer = (struct vp_buffer){ 1, VP_BUF_LOCAL, 16, 16, 64, VP_FMT_XRGB8888, 0, 0, NULL };
	send_with_fd(sock, &m, fd);
	close(fd);
	struct window *w = NULL;
	for (int i = 0; i < 100 && !(w && w->buf.ops); i++) { /* however the bytes are cut */
		assert_int_equal(server_dispatch(&srv, 5000), 0);
		w = domain_find_window(d, 1);
	}
	assert_true(w && w->buf.ops);
	assert_int_equal(d->buffer_bytes, 16 * 16 * 4);

	/* what the agent reads: WELCOME, then the keyboard layout */
	uint8_t in[4096];
	ssize_t n = recv(sock, in, sizeof(in), 0);
	assert_true(n > 0);
	long used = vp_decode(VP_FROM_DAEMON, in, (size_t)n, &m, &why);
	assert_true(used > 0);
	assert_int_equal(m.type, VP_WELCOME);
	assert_int_equal(m.u.welcome.screen_w, 800);
	assert_true(vp_decode(VP_FROM_DAEMON, in + used, (size_t)(n - used), &m, &why) > 0);
	assert_int_equal(m.type, VP_LAYOUT);
	assert_int_equal(m.u.layout.layout.len, 2); /* "us" */

	close(sock); /* the agent goes: its windows with it */
	for (int i = 0; i < 100 && domain_connected(d); i++)
		assert_int_equal(server_dispatch(&srv, 5000), 0);
	assert_false(domain_connected(d));
	assert_int_equal(d->nwindows, 0);
	domain_destroy(d);
	rmdir(dir);
}

/* xen=DOMID: a guest domid, only in a daemon built with Xen; local by default. */
static void test_config_xen(void **state)
{
	(void)state;
	struct domain_config c;
	const char *why = NULL;
	assert_int_equal(config_parse_domain(&c, "w,label=red", &why), 0);
	assert_int_equal(c.xen_domid, VSHM_NO_DOMID);
	if (vshm_xen_available()) {
		assert_int_equal(config_parse_domain(&c, "w,label=red,xen=5", &why), 0);
		assert_int_equal(c.xen_domid, 5);
	} else {
		assert_int_equal(config_parse_domain(&c, "w,label=red,xen=5", &why), -1);
	}
	assert_int_equal(config_parse_domain(&c, "w,xen=0", &why), -1); /* dom0 */
	assert_int_equal(config_parse_domain(&c, "w,xen=5x", &why), -1);
	assert_int_equal(config_parse_domain(&c, "w,xen=32752", &why), -1); /* reserved */
	assert_int_equal(config_parse_domain(&c, "w,xen=-1", &why), -1);
}

/* The close box (grab.c, deco.c): at the right end of a title bar wide
 * enough for it (4 title bars' heights); none on a narrow window (its title
 * is cut by the bar's end) and none on a popup, which has no title bar. */
static void test_close_box(void **state)
{
	(void)state;
	pixman_box32_t b;
	struct deco_frame f = { 3, 20 };
	assert_int_equal(deco_close_box(&f, 100, 100, 200, &b), 0);
	assert_true(b.x2 <= 300 && b.x1 > 100 && b.y1 >= 80 && b.y2 <= 100);
	assert_int_equal(deco_close_box(&f, 100, 100, 80, &b), 0);  /* 4 x 20: just fits */
	assert_int_equal(deco_close_box(&f, 100, 100, 79, &b), -1); /* narrow: no box */
	struct deco_frame popup = { 3, 0 };
	assert_int_equal(deco_close_box(&popup, 100, 100, 400, &b), -1);
}

/* The desktop's window manager raised some of our windows (openbox's
 * Alt+Tab): those it lists take their places among themselves in its
 * order; the others (a popup, a window it does not list) stay put; a
 * window listed twice counts once. */
static void test_restack(void **state)
{
	(void)state;
	struct scene s;
	struct window w[5];
	memset(&s, 0, sizeof(s));
	memset(w, 0, sizeof(w));
	list_init(&s.stack);
	for (int i = 0; i < 5; i++) /* bottom to top: 0 1 2 3 4 */
		list_insert(s.stack.prev, &w[i].stack_link);
	struct window *order[] = { &w[3], &w[0], &w[3], &w[1] }; /* 2, 4 unlisted */
	scene_restack(&s, order, 4);
	const int want[] = { 3, 0, 2, 1, 4 };
	struct list *pos, *tmp;
	int i = 0;
	list_each(pos, tmp, &s.stack)
	{
		assert_true(i < 5);
		assert_ptr_equal(list_item(pos, struct window, stack_link), &w[want[i++]]);
	}
	assert_int_equal(i, 5);
	for (i = 0; i < 5; i++)
		assert_false(w[i].restack);	  /* the marks are gone */
	struct window *same[] = { &w[3], &w[0] }; /* already so: nothing moves */
	scene_restack(&s, same, 2);
	assert_ptr_equal(s.stack.next, &w[3].stack_link);
	assert_ptr_equal(s.stack.prev, &w[4].stack_link);
}

/* Two monitors side by side: the notice goes on the focused window's
 * monitor (the first with none), inside the work area, never across. */
static void test_notice_area(void **state)
{
	(void)state;
	struct scene *sc = &srv.scene;
	sc->work = (pixman_box32_t){ 0, 30, 800, 600 }; /* a panel on top */
	sc->nmon = 2;
	sc->mon[0] = (pixman_box32_t){ 0, 0, 300, 600 };
	sc->mon[1] = (pixman_box32_t){ 300, 0, 800, 600 };
	scene_notice_area(sc, NULL);
	assert_memory_equal(&sc->notice_area, &((pixman_box32_t){ 0, 30, 300, 600 }),
			    sizeof(pixman_box32_t));
	struct domain *d = connected();
	assert_int_equal(create(d, 5, 450, 100, 200, 100), 0);
	assert_int_equal(map(d, 5), 0);
	scene_notice_area(sc, domain_find_window(d, 5));
	assert_memory_equal(&sc->notice_area, &((pixman_box32_t){ 300, 30, 800, 600 }),
			    sizeof(pixman_box32_t));
	domain_destroy(d);
	sc->nmon = 1;
	sc->mon[0] = (pixman_box32_t){ 0, 0, 800, 600 };
	sc->work = (pixman_box32_t){ 0, 0, 800, 600 };
	scene_notice_area(sc, NULL);
	assert_memory_equal(&sc->notice_area, &sc->work, sizeof(pixman_box32_t));
}

/* Monitors of two sizes leave parts of their bounding box on none: a
 * window whose title bar starts there goes onto the monitor nearest that
 * start, title bar and all (hostile-domain trial 11 #1: its name was where
 * no monitor shows it, a title padded to read "[work] ..." on the other). */
static void test_title_on_a_monitor(void **state)
{
	(void)state;
	struct scene *sc = &srv.scene;
	static const pixman_box32_t below[2] = { { 0, 0, 300, 400 }, { 300, 0, 800, 600 } };
	static const pixman_box32_t above[2] = { { 0, 200, 300, 600 }, { 300, 0, 800, 600 } };
	const pixman_box32_t *layout[2] = { below, above };
	const struct vp_rect want[2] = { { 150, 450, 300, 100 }, { 50, 205, 200, 100 } };
	for (int k = 0; k < 2; k++) {
		sc->nmon = 2;
		memcpy(sc->mon, layout[k], sizeof(below));
		struct domain *d = connected();
		assert_int_equal(create(d, 5, want[k].x, want[k].y, want[k].w, want[k].h), 0);
		assert_int_equal(map(d, 5), 0);
		pixman_box32_t f;
		scene_frame_box(sc, domain_find_window(d, 5), &f);
		const pixman_box32_t *m = &layout[k][0]; /* the one nearest its start */
		assert_true(f.x1 >= m->x1 && f.x2 <= m->x2 && f.y1 >= m->y1 && f.y2 <= m->y2);
		/* on one monitor, or across both where they meet: left alone */
		assert_int_equal(create(d, 6, 310, 300, 200, 100), 0);
		assert_int_equal(map(d, 6), 0);
		assert_int_equal(domain_find_window(d, 6)->y, 300);
		domain_destroy(d);
	}
	sc->nmon = 1;
	sc->mon[0] = (pixman_box32_t){ 0, 0, 800, 600 };
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_placement_clamps),
		cmocka_unit_test(test_popups_stay_in_work_area),
		cmocka_unit_test(test_state_violations),
		cmocka_unit_test(test_window_quota_refuses),
		cmocka_unit_test(test_buffers),
		cmocka_unit_test(test_buffer_without_fd),
		cmocka_unit_test(test_socket),
		cmocka_unit_test(test_config_xen),
		cmocka_unit_test(test_close_box),
		cmocka_unit_test(test_restack),
		cmocka_unit_test(test_notice_area),
		cmocka_unit_test(test_title_on_a_monitor),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
