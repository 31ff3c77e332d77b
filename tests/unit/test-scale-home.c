/*
 * Unit tests of a window's place before a scale change
 * (gui-daemon/scale-home.h): a GTK window grown at scale 2 and clamped
 * comes back where and as large as it was at 1; not when the user moved it
 * meanwhile, nor when the guest's answer comes too late.
 */
#include "gui-daemon/monitors.h"
#include "gui-daemon/scale-home.h"
#include "gui-daemon/window.h"
#include "policy-fixture.h"

#define at(win, X, Y, W, H)                                                                        \
	do {                                                                                       \
		assert_int_equal((win)->x, X);                                                     \
		assert_int_equal((win)->y, Y);                                                     \
		assert_int_equal((win)->w, W);                                                     \
		assert_int_equal((win)->h, H);                                                     \
	} while (0)

/* GTK's answers: at 2 twice the size (clamped by the core), back at 1 half
 * of what it has. */
static void gtk_answers(struct domain *d, struct window *win, unsigned scale)
{
	uint32_t w = scale == 200 ? win->w * 2 : win->w / 2,
		 h = scale == 200 ? win->h * 2 : win->h / 2;
	configure(d, win->id, win->x, win->y, w, h, false);
}

static void test_back_home(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a);
	struct window *wa = mapped(a, 1, 100, 100, 500, 400, false);
	at(wa, 100, 100, 500, 400);
	for (int round = 0; round < 2; round++) {
		assert_int_equal(monitors_set_scale(&srv, 200), 0);
		gtk_answers(a, wa, 200);
		/* a desktop's window manager applying the window's size hints
		 * to the clamp, no input of the user's: still not the user's
		 * place (review 8 S2: Firefox shrank on openbox) */
		window_user_geometry(wa, wa->x, wa->y, wa->w, wa->h - 2);
		assert_true(wa->h < 800); /* clamped into the 800x600 output */
		assert_int_equal(monitors_set_scale(&srv, 100), 0);
		gtk_answers(a, wa, 100);    /* the clamped size halved... */
		at(wa, 100, 100, 500, 400); /* ...put back home */
	}
	domain_destroy(a);
}

static void test_not_back(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a);
	struct window *wa = mapped(a, 1, 100, 100, 500, 400, false);
	/* the user moved it at scale 2: that is its place */
	monitors_set_scale(&srv, 200);
	gtk_answers(a, wa, 200);
	srv.user_input_ms = now_ms(); /* the user's button on the desktop */
	window_user_geometry(wa, wa->x + 10, wa->y, wa->w, wa->h);
	int32_t x = wa->x;
	monitors_set_scale(&srv, 100);
	gtk_answers(a, wa, 100);
	assert_int_equal(wa->x, x);
	assert_true(wa->h < 400);
	/* the guest's answer too late: the scale's return is forgotten, and
	 * the next change keeps the window's place then */
	configure(a, 1, 100, 100, 500, 400, false);
	monitors_set_scale(&srv, 200);
	gtk_answers(a, wa, 200);
	monitors_set_scale(&srv, 100);
	wa->home_back_ms -= SCALE_HOME_MS + 1;
	gtk_answers(a, wa, 100);
	assert_true(wa->h < 400);
	configure(a, 1, 50, 60, 400, 300, false);
	monitors_set_scale(&srv, 200);
	gtk_answers(a, wa, 200);
	monitors_set_scale(&srv, 100);
	gtk_answers(a, wa, 100);
	at(wa, 50, 60, 400, 300);
	domain_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_back_home, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_back, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
