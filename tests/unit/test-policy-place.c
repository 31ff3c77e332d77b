/*
 * Unit tests of placement decided by the core (gui-daemon/policy.c, scene.c):
 * clamping, the work area a backend reports, and which window manager moves
 * are put back. Against the core alone, no X server.
 */
#include "policy-fixture.h"

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

#define assert_work(a, b, c, d)                                                                    \
	assert_memory_equal(&srv.scene.work, (&(pixman_box32_t){ a, b, c, d }),                    \
			    sizeof(pixman_box32_t))

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
		cmocka_unit_test(test_clamping_keeps_frame_on_screen),
		cmocka_unit_test(test_wm_move_put_back_only_corner_off),
		cmocka_unit_test(test_work_area_reported_is_checked),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
