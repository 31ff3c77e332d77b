/*
 * Unit tests of the window rules (gui-daemon/policy.c) against the core
 * alone, no X server: messages go through domain_feed as they come off a
 * socket, the screen locker is reported the way a backend reports it
 * (policy_set_locked), and what was decided is read where backends read it
 * (struct window's policy fields, policy_state, the headless output).
 */
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
	srv.epfd = -1;
	vlog_quiet = true;
	scene_init(&srv.scene, W, H);
	assert_int_equal(config_parse_domain(&cfg_a, "a,label=blue", &why), 0);
	assert_int_equal(config_parse_domain(&cfg_b, "b,label=red", &why), 0);
	assert_int_equal(config_parse_domain(&cfg_fs, "fs,label=green,allow_fullscreen=1", &why),
			 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	scene_finish(&srv.scene);
	return 0;
}

static void feed(struct domain *d, struct vp_msg *m)
{
	size_t n = vp_encode(m, msgbuf, sizeof(msgbuf));
	assert_true(n > 0);
	assert_int_equal(domain_feed(d, msgbuf, n), 0);
}

static struct domain *connected(const struct domain_config *cfg)
{
	struct domain *d = domain_create(&srv, cfg);
	struct vp_msg m = { .type = VP_HELLO };
	m.u.hello.major = VP_MAJOR;
	feed(d, &m);
	return d;
}

/* CREATE and MAP of a window at x, y (content) of w x h; a popup if popup. */
static struct window *mapped(struct domain *d, uint32_t id, int32_t x, int32_t y, uint32_t w,
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
static void remap(struct domain *d, uint32_t id, bool popup)
{
	struct vp_msg m = { .type = VP_MAP, .window = id };
	m.u.map.flags = popup ? VP_WIN_OVERRIDE_REDIRECT : 0;
	feed(d, &m);
}

static void configure(struct domain *d, uint32_t id, int32_t x, int32_t y, uint32_t w, uint32_t h,
		      bool popup)
{
	struct vp_msg m = { .type = VP_CONFIGURE, .window = id };
	m.u.configure.r = (struct vp_rect){ x, y, w, h };
	m.u.configure.flags = popup ? VP_WIN_OVERRIDE_REDIRECT : 0;
	feed(d, &m);
}

static void unmap(struct domain *d, uint32_t id)
{
	struct vp_msg m = { .type = VP_UNMAP, .window = id };
	feed(d, &m);
}

/* Content size whose frame (border, title bar) is fw x fh. */
static uint32_t cw(uint32_t fw)
{
	return fw - 2u * (uint32_t)srv.scene.border;
}
static uint32_t ch(uint32_t fh)
{
	return fh - 2u * (uint32_t)srv.scene.border - (uint32_t)srv.scene.titlebar;
}
/* Content origin of a frame at fx, fy. */
static int32_t cx(int32_t fx)
{
	return fx + srv.scene.border;
}
static int32_t cy(int32_t fy)
{
	return fy + srv.scene.border + srv.scene.titlebar;
}

/* ---- the 90% rule */

static void test_popup_over_90_percent_is_managed(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	/* a small popup stays a popup */
	struct window *p = mapped(d, 1, cx(10), cy(10), 100, 50, true);
	assert_true(p->popup);
	assert_true(p->as_popup);
	unmap(d, 1);
	/* one whose frame covers 95% of the work area is shown managed,
	 * though the guest still calls it a popup */
	struct window *big = mapped(d, 2, cx(0), cy(0), cw(W * 95 / 100), ch(H), true);
	assert_true(big->popup);
	assert_false(big->as_popup);
	assert_true(big->shown);
	/* exactly 90% is still allowed */
	struct window *edge = mapped(d, 3, cx(0), cy(0), cw(W * 90 / 100), ch(H), true);
	assert_true(edge->as_popup);
	domain_destroy(d);
}

static void test_popups_over_90_percent_with_siblings(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a), *o = connected(&cfg_b);
	const uint32_t qw = W / 2, qh = H / 2;
	/* another domain's popups do not count against this one */
	struct window *x = mapped(o, 9, cx(0), cy(0), cw(qw), ch(qh), true);
	assert_true(x->as_popup);
	/* a quarter, then half, then three quarters of the work area */
	struct window *q[4];
	const int32_t at[4][2] = {
		{ 0, 0 }, { (int32_t)qw, 0 }, { 0, (int32_t)qh }, { (int32_t)qw, (int32_t)qh }
	};
	for (uint32_t i = 0; i < 3; i++) {
		q[i] = mapped(d, i + 1, cx(at[i][0]), cy(at[i][1]), cw(qw), ch(qh), true);
		assert_true(q[i]->as_popup);
	}
	/* the fourth would make the domain's popups cover all of it */
	q[3] = mapped(d, 4, cx(at[3][0]), cy(at[3][1]), cw(qw), ch(qh), true);
	assert_false(q[3]->as_popup);
	/* with one of the others unmapped, it may be a popup again */
	unmap(d, 4);
	unmap(d, 1);
	remap(d, 4, true);
	assert_true(q[3]->as_popup);
	domain_destroy(d);
	domain_destroy(o);
}

static void test_popup_grown_over_90_percent_becomes_managed(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	struct window *p = mapped(d, 1, cx(100), cy(100), 100, 50, true);
	assert_true(p->as_popup);
	configure(d, 1, cx(0), cy(0), 8000, 8000, true);
	assert_true(p->popup);
	assert_false(p->as_popup);
	/* and it stays managed when it shrinks while mapped */
	configure(d, 1, cx(100), cy(100), 100, 50, true);
	assert_false(p->as_popup);
	domain_destroy(d);
}

/* ---- what a guest may change on a mapped window */

static void test_popup_flag_change_refused_while_mapped(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	struct window *n = mapped(d, 1, 100, 100, 200, 100, false);
	configure(d, 1, 100, 100, 200, 100, true);
	assert_false(n->popup);
	assert_false(n->as_popup);
	struct window *p = mapped(d, 2, 300, 100, 200, 100, true);
	configure(d, 2, 300, 100, 200, 100, false);
	assert_true(p->popup);
	assert_true(p->as_popup);
	/* while unmapped it may change, by CONFIGURE or MAP */
	unmap(d, 1);
	configure(d, 1, 100, 100, 200, 100, true);
	assert_true(n->popup);
	unmap(d, 2);
	remap(d, 2, false);
	assert_false(p->popup);
	assert_false(p->as_popup);
	domain_destroy(d);
}

/* ---- fullscreen */

static void set_wmflags(struct domain *d, uint32_t id, uint32_t flags)
{
	struct vp_msg m = { .type = VP_WMFLAGS, .window = id };
	m.u.wmflags = flags;
	feed(d, &m);
}

static void test_fullscreen_becomes_maximize_unless_allowed(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a), *t = connected(&cfg_fs);
	struct window *a = mapped(d, 1, 100, 100, 200, 100, false);
	struct window *b = mapped(t, 1, 100, 100, 200, 100, false);
	assert_int_equal(policy_state(a), 0);
	set_wmflags(d, 1, VP_WM_FULLSCREEN);
	set_wmflags(t, 1, VP_WM_FULLSCREEN);
	assert_int_equal(policy_state(a), WIN_STATE_MAXIMIZED);
	assert_int_equal(policy_state(b), WIN_STATE_FULLSCREEN);
	/* urgency is shown as attention, minimize passed on */
	set_wmflags(d, 1, VP_WM_URGENT | VP_WM_MINIMIZED);
	assert_int_equal(policy_state(a), WIN_STATE_ATTENTION | WIN_STATE_MINIMIZED);
	set_wmflags(d, 1, VP_WM_DEMANDS_ATTENTION);
	assert_int_equal(policy_state(a), WIN_STATE_ATTENTION);
	domain_destroy(d);
	domain_destroy(t);
}

/* ---- stacking and focus of new windows */

static void test_unfocused_domain_opens_below_focus(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *low = mapped(a, 1, 50, 50, 100, 100, false);
	struct window *f = mapped(a, 2, 100, 100, 200, 100, false);
	srv.focus = f; /* the user focused it */
	struct window *n = mapped(b, 1, 150, 150, 200, 100, false);
	/* directly below the focused window, above the rest */
	assert_ptr_equal(n->stack_link.next, &f->stack_link);
	assert_ptr_equal(n->stack_link.prev, &low->stack_link);
	assert_ptr_equal(srv.scene.stack.prev, &f->stack_link);
	assert_true(n->no_focus);
	/* a popup of that domain too */
	struct window *p = mapped(b, 2, 150, 150, 50, 50, true);
	assert_ptr_equal(p->stack_link.next, &f->stack_link);
	assert_true(p->no_focus);
	srv.focus = NULL;
	domain_destroy(a);
	domain_destroy(b);
}

static void test_focused_domain_window_raised(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *f = mapped(a, 1, 100, 100, 200, 100, false);
	srv.focus = f;
	struct window *other = mapped(b, 1, 150, 150, 200, 100, false);
	/* the focused domain's new window (a dialog) opens on top, may take
	 * the focus */
	struct window *dlg = mapped(a, 2, 120, 120, 100, 50, false);
	assert_ptr_equal(srv.scene.stack.prev, &dlg->stack_link);
	assert_ptr_equal(dlg->stack_link.prev, &f->stack_link);
	assert_false(dlg->no_focus);
	assert_true(other->no_focus);
	/* nobody focused: on top, but it takes no focus either */
	srv.focus = NULL;
	struct window *c = mapped(b, 2, 150, 150, 200, 100, false);
	assert_ptr_equal(srv.scene.stack.prev, &c->stack_link);
	assert_true(c->no_focus);
	domain_destroy(a);
	domain_destroy(b);
}

/* ---- the screen locker */

/* Give win a buffer of one colour, all of it damaged. */
static void fill(struct domain *d, struct window *win, uint32_t rgb)
{
	size_t size = (size_t)win->w * win->h * 4;
	int fd = vshm_local_create(size);
	assert_true(fd >= 0);
	uint32_t *px = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	assert_true(px != MAP_FAILED);
	for (size_t i = 0; i < size / 4; i++)
		px[i] = rgb;
	munmap(px, size);
	d->fds[d->nfds++] = fd;
	struct vp_msg m = { .type = VP_BUFFER, .window = win->id };
	m.u.buffer =
		(struct vp_buffer){ 1, VP_BUF_LOCAL, win->w, win->h, win->w * 4, VP_FMT_XRGB8888, 0,
				    0, NULL };
	feed(d, &m);
	m = (struct vp_msg){ .type = VP_DAMAGE, .window = win->id };
	m.u.damage = (struct vp_rect){ 0, 0, win->w, win->h };
	feed(d, &m);
}

/* The colour of the composited output at the centre of win. */
static uint32_t shown_at(struct window *win)
{
	server_repaint(&srv);
	pixman_image_t *img = srv.backend->ops->output(srv.backend);
	uint32_t *data = pixman_image_get_data(img);
	int stride = pixman_image_get_stride(img) / 4;
	int32_t x = win->x + (int32_t)win->w / 2, y = win->y + (int32_t)win->h / 2;
	return data[y * stride + x] & 0xffffff;
}

static void test_popups_held_while_locked(void **state)
{
	(void)state;
	srv.backend = headless_backend_ops.create(&srv);
	assert_non_null(srv.backend);
	srv.scene.backend = srv.backend;
	struct domain *d = connected(&cfg_a);
	policy_set_locked(&srv, true); /* the backend saw the locker go on */
	struct window *p = mapped(d, 1, 200, 200, 100, 50, true);
	fill(d, p, 0x00ff00);
	assert_true(p->mapped);
	assert_false(p->shown);
	assert_int_not_equal(shown_at(p), 0x00ff00);
	/* normal windows and popups shown as managed are not held */
	struct window *n = mapped(d, 2, 400, 100, 100, 50, false);
	assert_true(n->shown);
	struct window *big = mapped(d, 3, cx(0), cy(0), cw(W), ch(H), true);
	assert_false(big->as_popup);
	assert_true(big->shown);
	unmap(d, 3);
	/* a popup mapped before the lock stays */
	policy_set_locked(&srv, false);
	assert_true(p->shown);
	assert_int_equal(shown_at(p), 0x00ff00);
	policy_set_locked(&srv, true);
	assert_true(p->shown);
	/* held, then unmapped while locked: not shown on unlock */
	struct window *q = mapped(d, 4, 500, 300, 100, 50, true);
	assert_false(q->shown);
	unmap(d, 4);
	policy_set_locked(&srv, false);
	assert_false(q->shown);
	domain_destroy(d);
	srv.backend->ops->destroy(srv.backend);
	srv.backend = srv.scene.backend = NULL;
}

/* ---- placement */

static void test_clamping_keeps_frame_on_screen(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	pixman_box32_t f;
	struct window *w = mapped(d, 1, -5000, -5000, 100, 50, false);
	scene_frame_box(&srv.scene, w, &f);
	assert_int_equal(f.x1, 0);
	assert_int_equal(f.y1, 0);
	configure(d, 1, 30000, 30000, 100, 50, false);
	scene_frame_box(&srv.scene, w, &f);
	assert_int_equal(f.x2, W);
	assert_int_equal(f.y2, H);
	assert_int_equal(w->w, 100);
	configure(d, 1, 0, 0, 8000, 8000, false);
	scene_frame_box(&srv.scene, w, &f);
	assert_int_equal(f.x1, 0);
	assert_int_equal(f.y1, 0);
	assert_int_equal(f.x2, W);
	assert_int_equal(f.y2, H);
	/* popups inside the work area (a panel of 30 on top, 40 on the left) */
	policy_set_work_area(&srv, 40, 30, W - 40, H - 30);
	struct window *p = mapped(d, 2, 0, 0, 200, 100, true);
	scene_frame_box(&srv.scene, p, &f);
	assert_int_equal(f.x1, 40);
	assert_int_equal(f.y1, 30);
	configure(d, 2, 0, 0, 8000, 8000, true);
	scene_frame_box(&srv.scene, p, &f);
	assert_int_equal(f.x1, 40);
	assert_int_equal(f.y1, 30);
	assert_int_equal(f.x2, W);
	assert_int_equal(f.y2, H);
	/* the window manager (the user) moves a window off: back on */
	window_user_geometry(w, -300, -300, 100, 50);
	scene_frame_box(&srv.scene, w, &f);
	assert_int_equal(f.x1, 0);
	assert_int_equal(f.y1, 0);
	policy_set_work_area(&srv, 0, 0, 0, 0);
	domain_destroy(d);
}

static void test_wm_move_put_back_only_corner_off(void **state)
{
	(void)state;
	const int32_t b = srv.scene.border, t = srv.scene.titlebar;
	/* moved on the output, or moved and resized anywhere: left as it is */
	assert_false(policy_wm_put_back(&srv, cx(100), cy(100), false));
	assert_false(policy_wm_put_back(&srv, cx(0), cy(0), false));
	assert_false(policy_wm_put_back(&srv, cx(W - 1), cy(H - 1), false));
	assert_false(policy_wm_put_back(&srv, cx(-50), cy(-50), true));
	/* its frame's corner moved off the output: put back */
	assert_true(policy_wm_put_back(&srv, cx(-1), cy(0), false));
	assert_true(policy_wm_put_back(&srv, cx(0), cy(-1), false));
	assert_true(policy_wm_put_back(&srv, cx(W), cy(0), false));
	assert_true(policy_wm_put_back(&srv, cx(0), cy(H), false));
	assert_true(policy_wm_put_back(&srv, INT32_MIN + b, INT32_MIN + b + t, false));
}

static void assert_work(int32_t x1, int32_t y1, int32_t x2, int32_t y2)
{
	assert_int_equal(srv.scene.work.x1, x1);
	assert_int_equal(srv.scene.work.y1, y1);
	assert_int_equal(srv.scene.work.x2, x2);
	assert_int_equal(srv.scene.work.y2, y2);
}

static void test_work_area_reported_is_checked(void **state)
{
	(void)state;
	policy_set_work_area(&srv, 0, 30, W, H - 30);
	assert_work(0, 30, W, H);
	/* too small to hold a popup: the whole output */
	policy_set_work_area(&srv, 0, 30, W, 63);
	assert_work(0, 0, W, H);
	/* not inside the output, also when x + w wraps around */
	policy_set_work_area(&srv, W - 63, 0, 64, 64);
	assert_work(0, 0, W, H);
	policy_set_work_area(&srv, 0xffffffffu, 0, 64, 64);
	assert_work(0, 0, W, H);
	policy_set_work_area(&srv, 0, 0xffffff00u, 64, 0x100u);
	assert_work(0, 0, W, H);
	policy_set_work_area(&srv, 0, 0, 0, 0); /* none */
	assert_work(0, 0, W, H);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_popup_over_90_percent_is_managed),
		cmocka_unit_test(test_popups_over_90_percent_with_siblings),
		cmocka_unit_test(test_popup_grown_over_90_percent_becomes_managed),
		cmocka_unit_test(test_popup_flag_change_refused_while_mapped),
		cmocka_unit_test(test_fullscreen_becomes_maximize_unless_allowed),
		cmocka_unit_test(test_unfocused_domain_opens_below_focus),
		cmocka_unit_test(test_focused_domain_window_raised),
		cmocka_unit_test(test_popups_held_while_locked),
		cmocka_unit_test(test_clamping_keeps_frame_on_screen),
		cmocka_unit_test(test_wm_move_put_back_only_corner_off),
		cmocka_unit_test(test_work_area_reported_is_checked),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
