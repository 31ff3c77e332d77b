/*
 * Unit tests of the click guard (gui-daemon/clickguard.h) and the notice
 * strip (scene.c) with a desktop's window manager, hostile-domain trial 10:
 * a window the window manager shows without a title bar has no title-bar
 * strip above it; no such window goes where the daemon's notices come; a
 * domain's popup moved right after the user's click in the domain is a
 * window coming, not the user's drag. Trial 12 #2: nor a black domain's
 * popup right under the notice.
 */
#include "decorations/deco-notice.h"
#include "focus-fixture.h"
#include "gui-daemon/pointer.h"

/* A desktop's window manager (x11), whose title bars are 20 rows high. */
static int setup_wm_titles(void **state)
{
	int rc = setup_wm(state);
	srv.scene.wm_top = 20;
	return rc;
}

/* #1: b's splash screen just under a's title bar (openbox draws none over
 * it), b's popup flickering over a's title bar: the click is taken. */
static void test_splash_has_no_title_strip(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *wa = settled(mapped(a, 1, 100, 200, 300, 200, false));
	pixman_box32_t f, fs;
	scene_frame_box(&srv.scene, wa, &f);
	int32_t x = wa->x + 50, y = f.y1 - 5; /* a's title bar, the window manager's */
	struct window *s = mapped(b, 50, 100, 400, 200, 100, false);
	s->wintype = VP_WINTYPE_SPLASH;
	scene_frame_box(&srv.scene, s, &fs);
	s->y += f.y1 + 10 - fs.y1; /* its frame 15 rows below the click */
	settled(s);
	struct window *p = mapped(b, 40, x - 10, y - 5, 60, 16, true);
	assert_ptr_equal(clickguard_aimed(&srv, p, x, y), wa); /* frame not read yet */
	s->frame_top = 0;				       /* as openbox says */
	assert_ptr_equal(clickguard_aimed(&srv, p, x, y), wa);
	/* a normal window of b's there: its title bar is what the user saw */
	s->wintype = VP_WINTYPE_NORMAL;
	s->frame_top = -1;
	assert_null(clickguard_aimed(&srv, p, x, y));
	s->frame_top = 20;
	assert_null(clickguard_aimed(&srv, p, x, y));
	domain_destroy(b);
	domain_destroy(a);
}

/* #2: a splash screen asked at the top of the work area lands below the
 * notice strip, as popups do; a normal window does not. */
static void test_splash_below_notice_strip(void **state)
{
	(void)state;
	struct domain *b = connected(&cfg_b);
	struct window *s = mapped(b, 50, 100, 400, 200, 100, false);
	s->wintype = VP_WINTYPE_SPLASH;
	configure(b, 50, 100, 0, 200, 100, false);
	pixman_box32_t fs;
	scene_frame_box(&srv.scene, s, &fs);
	assert_true(fs.y1 >= srv.scene.work.y1 + DECO_NOTICE_HEIGHT);
	struct window *n = mapped(b, 51, 400, 400, 200, 100, false);
	configure(b, 51, 400, 0, 200, 100, false);
	scene_frame_box(&srv.scene, n, &fs);
	assert_true(fs.y1 < srv.scene.work.y1 + DECO_NOTICE_HEIGHT);
	/* trial 11 #2: the strip of a monitor lower than the other (notices
	 * go at the top of the focused window's monitor) */
	struct scene *sc = &srv.scene;
	int32_t w = (int32_t)sc->width, h = (int32_t)sc->height;
	sc->nmon = 2;
	sc->mon[0] = (pixman_box32_t){ 0, h / 3, w / 2, h };
	sc->mon[1] = (pixman_box32_t){ w / 2, 0, w, h };
	sc->wm_top = 0; /* (with it, the rule that a title bar is on a monitor moves it too) */
	configure(b, 50, 10, h / 3 + 2, 200, 100, false);
	scene_frame_box(sc, s, &fs);
	assert_true(fs.y1 >= h / 3 + DECO_NOTICE_HEIGHT && fs.x2 <= w / 2);
	sc->nmon = 1;
	sc->mon[0] = (pixman_box32_t){ 0, 0, w, h };
	domain_destroy(b);
}

/* Trial 12 #2: b's popup drawn as a notice, right under the daemon's (the
 * row of the domain notification the daemon draws): with b labelled black
 * (its frame does not show against the notice's black plate), it lands
 * below that row anywhere, over b's own window at the top as well (that
 * window may go or be covered while the popup stays: review); any other
 * label's in the middle, where the notices come (trial 13 #1: gray). */
static void test_popup_below_notices_strip(void **state)
{
	(void)state;
	struct domain *b = connected(&cfg_b);
	int32_t top = srv.scene.work.y1, mid = (srv.scene.work.x1 + srv.scene.work.x2) / 2;
	/* trial 13 #1: a red (gray, blue...) domain's in the middle, where
	 * the notices come, goes below; at the left (a maximized window's
	 * menu) it stays */
	struct window *p = mapped(b, 40, mid - 245, top + 36, 491, 31, true);
	configure(b, 40, mid - 245, top + 36, 491, 31, true);
	pixman_box32_t fm;
	scene_frame_box(&srv.scene, p, &fm);
	assert_true(fm.y1 >= top + DECO_NOTICES_STRIP);
	configure(b, 40, srv.scene.work.x1 + 10, top + 36, 120, 200, true);
	assert_int_equal(p->y, top + 36);
	domain_destroy(b);
	const char *why;
	assert_int_equal(config_parse_domain(&cfg_b, "b,label=black", &why), 0);
	b = connected(&cfg_b);
	p = mapped(b, 40, 394, top + 36, 491, 31, true);
	configure(b, 40, 394, top + 36, 491, 31, true);
	pixman_box32_t fp, fb;
	scene_frame_box(&srv.scene, p, &fp);
	assert_true(fp.y1 >= top + DECO_NOTICES_STRIP);
	struct window *wb = settled(mapped(b, 1, 300, 100, 700, 400, false));
	configure(b, 1, 300, 0, 700, 400, false);
	scene_frame_box(&srv.scene, wb, &fb);
	assert_true(fb.y1 < top + DECO_NOTICE_HEIGHT + DECO_NOTICE_GAP);
	configure(b, 40, fb.x1 + 94, fb.y1 + 36, 200, 100, true); /* over its own window */
	scene_frame_box(&srv.scene, p, &fp);
	assert_true(fp.y1 >= top + DECO_NOTICES_STRIP);
	configure(b, 40, srv.scene.work.x1 + 10, top + 36, 120, 200, true); /* at the left */
	scene_frame_box(&srv.scene, p, &fp);
	assert_true(fp.y1 >= top + DECO_NOTICES_STRIP);
	/* the 90% rule counts what its popups may take: all of it is over */
	pixman_box32_t w = srv.scene.work;
	struct window *all =
		mapped(b, 41, w.x1, w.y1, (uint32_t)(w.x2 - w.x1), (uint32_t)(w.y2 - w.y1), true);
	assert_false(all->as_popup);
	domain_destroy(b);
	assert_int_equal(config_parse_domain(&cfg_b, "b,label=red", &why), 0);
}

/* #3: the user clicks b's window; b moves its popup onto a's title bar at
 * once: the popup is just shown there, and the click on it is taken. The
 * window the user pressed on, moved by b then, is the user's drag. */
static void test_popup_moved_after_click(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *wa = settled(mapped(a, 1, 100, 200, 300, 200, false));
	struct window *wb = settled(mapped(b, 1, 450, 300, 200, 150, false));
	struct window *p = settled(mapped(b, 40, 500, 500, 60, 16, true));
	pointer_button(&srv, wb->x + 5, wb->y + 5, 1, true);
	pointer_button(&srv, wb->x + 5, wb->y + 5, 1, false);
	pixman_box32_t f;
	scene_frame_box(&srv.scene, wa, &f);
	int32_t x = wa->x + 50, y = f.y1 - 5;
	configure(b, 40, x - 10, y - 5, 60, 16, true);
	assert_int_equal(p->y, y - 5);
	assert_ptr_equal(clickguard_aimed(&srv, p, x, y), wa);
	/* b's window dragged (client-side title bar): the user's move */
	settled(wb);
	configure(b, 1, 460, 320, 200, 150, false);
	assert_int_equal(wb->moved_ms, 0);
	domain_destroy(b);
	domain_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_splash_has_no_title_strip, setup_wm_titles,
						teardown),
		cmocka_unit_test_setup_teardown(test_splash_below_notice_strip, setup_wm_titles,
						teardown),
		cmocka_unit_test_setup_teardown(test_popup_below_notices_strip, setup_wm_titles,
						teardown),
		cmocka_unit_test_setup_teardown(test_popup_moved_after_click, setup_wm_titles,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
