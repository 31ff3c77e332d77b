/*
 * Unit tests of placement decided by the core (gui-daemon/policy.c, scene.c):
 * clamping, windows the user moves partly off the output, popup frames, the
 * work area a backend reports, and which window manager moves are put back. Against the core alone,
 * no X server.
 */
#include "decorations/deco-notice.h"
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
	/* below the strip where the daemon's notices come (hostile-domain
	 * trial 9 #2: a popup drawn as a notice), the notification's row under
	 * it too, in its middle, which this one reaches (trials 12 #2, 13 #1) */
	assert_int_equal(f.y1, 30 + DECO_NOTICES_STRIP);
	/* a popup's frame is the border alone, no title bar */
	assert_int_equal(scene_titlebar(&srv.scene, p), 0);
	assert_int_equal(f.y1, p->y - srv.scene.border);
	assert_int_equal(scene_titlebar(&srv.scene, w), srv.scene.titlebar);
	/* grown over 90% of the work area: a managed window, placed with its
	 * title bar */
	configure(d, 2, 0, 0, 8000, 8000, true);
	assert_false(p->as_popup);
	assert_int_equal(scene_titlebar(&srv.scene, p), srv.scene.titlebar);
	assert_int_equal(p->y, 30 + srv.scene.border + srv.scene.titlebar);
	scene_frame_box(&srv.scene, p, &f);
	assert_int_equal(f.x1, 40);
	assert_int_equal(f.y1, 30);
	assert_int_equal(f.x2, W);
	assert_int_equal(f.y2, H);
	/* the window manager (the user) moves a window off the top left: back
	 * in the work area (not under the panels) */
	window_user_geometry(w, -300, -300, 100, 50);
	scene_frame_box(&srv.scene, w, &f);
	assert_int_equal(f.x1, 40);
	assert_int_equal(f.y1, 30);
	policy_set_work_area(&srv, 0, 0, 0, 0);
	domain_destroy(d);
}

/* What stays of a window partly off the right (bottom) edge: the start of
 * its title bar with the label "[a] ", and half its width and half the
 * label's more (32 rows below the title bar). */
#define LABEL_W (srv.scene.border + 24 + 9 * 4)
#define KEEP_W(cw) (((int32_t)(cw) + 2 * srv.scene.border + LABEL_W + 1) / 2)
#define KEEP_H (srv.scene.border + srv.scene.titlebar + 32)

static void test_user_moves_partly_off(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	pixman_box32_t f;
	struct window *w = mapped(d, 1, 100, 100, 300, 200, false);
	/* the guest grows its window in place at the right edge: it stays
	 * wholly on the output */
	configure(d, 1, W - 310, 100, 300, 200, false);
	assert_int_equal(w->x, W - 310);
	configure(d, 1, W - 310, 100, 400, 200, false);
	scene_frame_box(&srv.scene, w, &f);
	assert_int_equal(f.x2, W);
	assert_int_equal(w->w, 400);
	configure(d, 1, 100, 100, 300, 200, false);
	/* the user drags it partly off the right edge: it stays there */
	window_user_geometry(w, W - 200, 200, 300, 200);
	assert_int_equal(w->x, W - 200);
	assert_int_equal(w->y, 200);
	assert_int_equal(w->w, 300);
	/* the guest's echo, and a resize where it is: it stays */
	configure(d, 1, W - 200, 200, 300, 200, false);
	assert_int_equal(w->x, W - 200);
	configure(d, 1, W - 200, 200, 320, 220, false);
	assert_int_equal(w->x, W - 200);
	assert_int_equal(w->w, 320);
	/* partly off the bottom edge too */
	window_user_geometry(w, W - 200, H - 60, 320, 220);
	assert_int_equal(w->y, H - 60);
	/* the guest moving its own window: wholly on the output */
	configure(d, 1, W - 190, H - 60, 320, 220, false);
	scene_frame_box(&srv.scene, w, &f);
	assert_int_equal(f.x2, W);
	assert_int_equal(f.y2, H);
	/* the user drags it (almost) all off: the label's part comes back */
	window_user_geometry(w, W + 500, H + 500, 320, 220);
	scene_frame_box(&srv.scene, w, &f);
	assert_int_equal(f.x1, W - KEEP_W(320));
	assert_int_equal(f.y1, H - KEEP_H);
	window_user_geometry(w, INT32_MAX - 10, INT32_MAX - 10, 320, 220);
	scene_frame_box(&srv.scene, w, &f);
	assert_int_equal(f.x1, W - KEEP_W(320));
	assert_int_equal(f.y1, H - KEEP_H);
	/* never off the left or the top: the label starts there */
	window_user_geometry(w, -100, 200, 320, 220);
	scene_frame_box(&srv.scene, w, &f);
	assert_int_equal(f.x1, 0);
	window_user_geometry(w, 100, 2, 320, 220);
	scene_frame_box(&srv.scene, w, &f);
	assert_int_equal(f.y1, 0);
	/* one narrower than the label: all of it stays on */
	window_user_geometry(w, W + 500, 100, 20, 10);
	scene_frame_box(&srv.scene, w, &f);
	assert_int_equal(f.x2, W);
	assert_int_equal(f.y1, 100 - srv.scene.border - srv.scene.titlebar);
	/* popups stay inside, whoever asks */
	struct window *p = mapped(d, 2, 100, 100, 200, 100, true);
	configure(d, 2, 100, 100, 200, 100, true);
	window_user_geometry(p, W - 50, 100, 200, 100);
	scene_frame_box(&srv.scene, p, &f);
	assert_int_equal(f.x2, W);
	domain_destroy(d);
}

static void test_wm_move_put_back_only_label_off(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	struct window *w = mapped(d, 1, 100, 100, 300, 200, false);
	const int32_t b = srv.scene.border, t = srv.scene.titlebar;
#define put_back(x, y, resized)                                                                    \
	policy_wm_put_back(&srv, w, &(struct vp_rect){ x, y, 300, 200 }, resized)
	/* moved on the output, partly off it, or moved and resized anywhere:
	 * left as it is */
	assert_false(put_back(cx(100), cy(100), false));
	assert_false(put_back(cx(0), cy(0), false));
	assert_false(put_back(cx(W - KEEP_W(300)), cy(H - KEEP_H), false));
	assert_false(put_back(cx(W - 200), cy(H - 100), false));
	assert_false(put_back(cx(-50), cy(-50), true));
	/* its frame's corner off the output, or all but the label's part off
	 * it: put back */
	assert_true(put_back(cx(-1), cy(0), false));
	assert_true(put_back(cx(0), cy(-1), false));
	assert_true(put_back(cx(W - KEEP_W(300) + 1), cy(0), false));
	assert_true(put_back(cx(0), cy(H - KEEP_H + 1), false));
	assert_true(put_back(cx(W), cy(0), false));
	assert_true(put_back(cx(0), cy(H), false));
	assert_true(put_back(INT32_MIN + b, INT32_MIN + b + t, false));
#undef put_back
	domain_destroy(d);
}

/* A window manager restoring a maximized window moves it first (its
 * maximized size at the restored place), then resizes it (openbox): the
 * first step is not put back, nor any move while the window is shown
 * maximized; after the restore's resize, a move off the output is. */
static void test_wm_restore_not_put_back(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	struct window *w = mapped(d, 1, 100, 100, 300, 200, false);
#define put_back(x, y, resized)                                                                    \
	policy_wm_put_back(&srv, w, &(struct vp_rect){ x, y, 300, 200 }, resized)
	window_desktop_state(w, WIN_STATE_MAXIMIZED);
	assert_false(put_back(cx(W), cy(0), false));
	assert_false(put_back(cx(0), cy(0), true));
	window_desktop_state(w, 0);
	assert_false(put_back(cx(W - KEEP_W(300) + 100), cy(100), false));
	assert_false(put_back(cx(W), cy(0), false));
	assert_false(put_back(cx(100), cy(100), true)); /* the restore's resize */
	assert_true(put_back(cx(W), cy(0), false));
	assert_true(put_back(cx(W - KEEP_W(300) + 100), cy(100), false));
	/* a window manager that never resizes: a second later, put back again */
	window_desktop_state(w, WIN_STATE_MAXIMIZED);
	window_desktop_state(w, 0);
	assert_false(put_back(cx(W), cy(0), false));
	w->wm_settle_ms -= POLICY_WM_SETTLE_MS + 1;
	assert_true(put_back(cx(W), cy(0), false));
#undef put_back
	domain_destroy(d);
}

static void set_wmflags(struct domain *d, uint32_t id, uint32_t flags)
{
	struct vp_msg m = { .type = VP_WMFLAGS, .window = id };
	m.u.wmflags = flags;
	feed(d, &m);
}

#define assert_frame(win, a, b, c, d)                                                              \
	do {                                                                                       \
		pixman_box32_t f_;                                                                 \
		scene_frame_box(&srv.scene, win, &f_);                                             \
		assert_int_equal(f_.x1, a);                                                        \
		assert_int_equal(f_.y1, b);                                                        \
		assert_int_equal(f_.x2, c);                                                        \
		assert_int_equal(f_.y2, d);                                                        \
	} while (0)

/* A panel of 30 rows on top and one of 40 at the bottom (docks with
 * struts: the desktop's work area): managed windows stay between them,
 * maximized ones fill the space between them; a window shown fullscreen
 * (its domain may) covers the panels. */
static void test_managed_windows_in_work_area(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a), *t = connected(&cfg_fs);
	const int32_t top = 30, bottom = H - 40;
	struct window *w = mapped(d, 1, 0, 0, 200, 100, false);
	assert_int_equal(w->y, cy(0));
	/* the panels appear: the window shown is moved out from under them */
	policy_set_work_area(&srv, 0, top, W, bottom - top);
	assert_int_equal(w->y, cy(top));
	/* one asking for 0,0: below the top panel, its title bar too */
	struct window *z = mapped(d, 2, 0, 0, 200, 100, false);
	assert_int_equal(z->x, cx(0));
	assert_int_equal(z->y, cy(top));
	/* one asking for the whole screen: the whole work area */
	struct window *all = mapped(d, 3, 0, 0, W, H, false);
	assert_frame(all, 0, top, W, bottom);
	/* one asking for the bottom edge: above the bottom panel */
	struct window *low = mapped(d, 4, 100, H - 100, 200, 100, false);
	assert_frame(low, 100 - srv.scene.border,
		     bottom - 100 - 2 * srv.scene.border - srv.scene.titlebar,
		     100 + 200 + srv.scene.border, bottom);
	/* maximized, asking for the whole screen: it fills the work area */
	set_wmflags(d, 3, VP_WM_MAXIMIZED);
	configure(d, 3, 0, 0, W, H, false);
	assert_frame(all, 0, top, W, bottom);
	/* fullscreen not allowed (maximized instead): the same */
	set_wmflags(d, 3, VP_WM_FULLSCREEN);
	configure(d, 3, 0, 0, W, H, false);
	assert_frame(all, 0, top, W, bottom);
	/* fullscreen allowed: over the panels */
	struct window *fs = mapped(t, 1, 0, 0, 200, 100, false);
	set_wmflags(t, 1, VP_WM_FULLSCREEN);
	configure(t, 1, 0, 0, W, H, false);
	assert_frame(fs, 0, 0, W, H);
	/* the user drags a window partly off the bottom: what stays is above
	 * the bottom panel; off the top: back below the top panel */
	window_user_geometry(low, 100, H + 500, 200, 100);
	assert_int_equal(low->y - srv.scene.border - srv.scene.titlebar,
			 bottom - (srv.scene.border + srv.scene.titlebar + 32));
	window_user_geometry(low, 100, 0, 200, 100);
	assert_int_equal(low->y, cy(top));
	/* the guest's echo of where the user put it partly over the bottom
	 * panel: it stays there (a guest keeps what the user did) */
	window_user_geometry(low, 100, bottom - 60, 200, 100);
	assert_int_equal(low->y, bottom - 60);
	configure(d, 4, 100, bottom - 60, 200, 100, false);
	assert_int_equal(low->y, bottom - 60);
	/* the panels go: nothing moves, new windows may use the whole output */
	policy_set_work_area(&srv, 0, 0, 0, 0);
	assert_int_equal(z->y, cy(top));
	struct window *again = mapped(d, 5, 0, 0, 200, 100, false);
	assert_int_equal(again->y, cy(0));
	domain_destroy(t);
	domain_destroy(d);
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

/* The size hints a window manager is given: a minimum or base size larger
 * than the work area leaves room for is cut to that room, a resize
 * increment larger than it is dropped; the guest's own hints are kept. */
static void test_hints_bounded_by_work_area(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	struct window *w = mapped(d, 1, 10, 10, 100, 50, false);
	policy_set_work_area(&srv, 40, 30, W - 40, H - 30);
	w->hints = (struct vp_hints){ .flags = VP_HINT_MIN | VP_HINT_BASE | VP_HINT_INC,
				      .min_w = 8000,
				      .min_h = 8000,
				      .base_w = 8000,
				      .base_h = 20,
				      .inc_w = 8,
				      .inc_h = 6000 };
	struct vp_hints h;
	scene_hints(&srv.scene, w, &h);
	const uint32_t rw = (uint32_t)(W - 40 - 2 * srv.scene.border);
	const uint32_t rh = (uint32_t)(H - 30 - 2 * srv.scene.border - srv.scene.titlebar);
	assert_int_equal(h.flags, VP_HINT_MIN | VP_HINT_BASE);
	assert_int_equal(h.min_w, rw);
	assert_int_equal(h.min_h, rh);
	assert_int_equal(h.base_w, rw);
	assert_int_equal(h.base_h, 20);
	assert_int_equal(w->hints.min_w, 8000); /* the guest's, as it said */
	/* hints that fit are passed as they are */
	w->hints = (struct vp_hints){ .flags = VP_HINT_MIN | VP_HINT_MAX | VP_HINT_INC,
				      .min_w = 50,
				      .min_h = 40,
				      .max_w = 8192,
				      .max_h = 8192,
				      .inc_w = 7,
				      .inc_h = 13 };
	scene_hints(&srv.scene, w, &h);
	assert_memory_equal(&h, &w->hints, sizeof(h));
	policy_set_work_area(&srv, 0, 0, 0, 0);
	domain_destroy(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clamping_keeps_frame_on_screen),
		cmocka_unit_test(test_user_moves_partly_off),
		cmocka_unit_test(test_wm_move_put_back_only_label_off),
		cmocka_unit_test(test_wm_restore_not_put_back),
		cmocka_unit_test(test_work_area_reported_is_checked),
		cmocka_unit_test(test_managed_windows_in_work_area),
		cmocka_unit_test(test_hints_bounded_by_work_area),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
