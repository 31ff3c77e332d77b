/*
 * Unit tests of the click guard (gui-daemon/clickguard.h): a window just
 * shown over another domain's window takes no click; the click chooses the
 * window the user aimed at. Through the core's pointer (pointer_button, as
 * the headless and drm backends report presses), clickguard_aimed, and the
 * desktop's entries focus_desktop_raw and focus_user_button (as the x11
 * backend reports raw and core presses).
 */
#include "focus-fixture.h"
#include "gui-daemon/pointer.h"

/* b has the keys; a's window wa at 100,100 (content) of 300x200; b's
 * window wb elsewhere. */
static void two_domains(struct domain **a, struct domain **b, struct window **wa,
			struct window **wb)
{
	*a = connected(&cfg_a);
	*b = connected(&cfg_b);
	*wa = settled(mapped(*a, 1, 100, 100, 300, 200, false));
	*wb = settled(mapped(*b, 1, 450, 300, 200, 150, false));
	click_button((*wb)->x + 5, (*wb)->y + 5, 1); /* the user typed in b */
	(*b)->pressed_ms -= 10 * FOCUS_CHOICE_MS;
	(*b)->pointer_ms -= 10 * FOCUS_CHOICE_MS; /* its moves: no drag of the user's */
	assert_ptr_equal(server_focus(&srv), *wb);
}

/* Hostile-domain trials 6 and 7: b flickers a popup over a's title bar as
 * the user clicks it to switch to a. */
static void test_flicker_over_title_bar(void **state)
{
	(void)state;
	struct domain *a, *b;
	struct window *wa, *wb;
	two_domains(&a, &b, &wa, &wb);
	int32_t tx = wa->x + 100, ty = wa->y - srv.scene.titlebar / 2;
	struct window *p = mapped(b, 40, tx - 30, ty - 8, 60, 16, true);
	bool in;
	assert_ptr_equal(pointer_window_at(&srv, tx, ty, &in), p); /* on top, b's keys */
	assert_ptr_equal(clickguard_aimed(&srv, p, tx, ty), wa);
	pointer_button(&srv, tx, ty, 1, true);
	assert_ptr_equal(server_focus(&srv), wb); /* no window chosen: the keys stay */
	assert_true(srv.notice.shown);		  /* and the user is told */
	assert_non_null(strstr(srv.notice.text, "b's window appeared where you clicked: no click; "
						"keys still go to b"));
	assert_null(input_pointer_grab(srv.input)); /* the press went to no window */
	assert_int_not_equal(srv.guarded_buttons, 0);
	pointer_button(&srv, tx, ty, 1, false); /* nor its release */
	assert_int_equal(srv.guarded_buttons, 0);
	assert_ptr_equal(server_focus(&srv), wb);

	domain_destroy(b);
	domain_destroy(a);
}

/* Over the content too, and a popup moved there by its domain. */
static void test_moved_over_content(void **state)
{
	(void)state;
	struct domain *a, *b;
	struct window *wa, *wb;
	two_domains(&a, &b, &wa, &wb);
	struct window *p = settled(mapped(b, 40, 500, 50, 60, 16, true));
	int32_t x = wa->x + 50, y = wa->y + 50;
	assert_null(clickguard_aimed(&srv, p, x, y)); /* not over a's window */
	configure(b, 40, x - 10, y - 5, 60, 16, true);
	assert_ptr_equal(clickguard_aimed(&srv, p, x, y), wa);
	click_button(x, y, 1);
	assert_ptr_equal(server_focus(&srv), wb);
	domain_destroy(b);
	domain_destroy(a);
}

/* A guarded press whose release never came (the control socket's
 * `button ... press`): the next press of that button and its release go
 * through, none left held. */
static void test_release_never_came(void **state)
{
	(void)state;
	struct domain *a, *b;
	struct window *wa, *wb;
	two_domains(&a, &b, &wa, &wb);
	int32_t x = wa->x + 50, y = wa->y + 50;
	struct window *p = mapped(b, 40, x - 10, y - 5, 60, 16, true);
	pointer_button(&srv, x, y, 1, true);
	assert_null(input_pointer_grab(srv.input));
	assert_ptr_equal(server_focus(&srv), wb);
	scene_raise(&srv.scene, settled(p)); /* over a's window again, long shown */
	pointer_button(&srv, x, y, 1, true);
	assert_ptr_equal(input_pointer_grab(srv.input), window_target(p));
	pointer_button(&srv, x, y, 1, false);
	assert_null(input_pointer_grab(srv.input));
	domain_destroy(b);
	domain_destroy(a);
}

/* Review 8: the wheel chooses no window (a domain without the keys mapped a
 * popup under a scrolling pointer and took them); a press the daemon gets
 * after the window's unmap is not its; a window the user drags by its own
 * (client-side) title bar is the user's move, not a window coming. */
static void test_wheel_unmap_drag(void **state)
{
	(void)state;
	struct domain *a, *b;
	struct window *wa, *wb;
	two_domains(&a, &b, &wa, &wb);
	struct domain *c = connected(&cfg_fs);
	struct window *wc = settled(mapped(c, 1, 100, 350, 300, 150, false));
	click_button(wa->x + 5, wa->y + 5, 1); /* a has the keys */
	a->pressed_ms = 0;
	struct window *p = mapped(b, 40, wc->x + 10, wc->y + 10, 60, 16, true);
	bool in;
	struct window *top = pointer_window_at(&srv, wc->x + 20, wc->y + 15, &in);
	assert_ptr_equal(top, p);
	pointer_button(&srv, wc->x + 20, wc->y + 15, 4, true);
	pointer_button(&srv, wc->x + 20, wc->y + 15, 4, false);
	assert_ptr_equal(server_focus(&srv), wa);
	/* unmapped before its press was handled: the press chooses c's */
	unmap(b, 40);
	assert_ptr_equal(clickguard_aimed(&srv, p, wc->x + 20, wc->y + 15), wc);
	/* b's window dragged by the user within b (the button held on it) */
	settled(wb);
	pointer_button(&srv, wb->x + 5, wb->y + 5, 1, true);
	configure(b, 1, wa->x + 20, wa->y + 20, wb->w, wb->h, false);
	pointer_button(&srv, wb->x + 5, wb->y + 5, 1, false);
	assert_int_equal(wb->moved_ms, 0);
	assert_null(clickguard_aimed(&srv, wb, wa->x + 30, wa->y + 30));
	/* moved by b on its own, long after: a window coming */
	b->pointer_ms -= 10 * CLICK_GUARD_MS;
	configure(b, 1, wa->x + 40, wa->y + 40, wb->w, wb->h, false);
	assert_ptr_equal(clickguard_aimed(&srv, wb, wa->x + 50, wa->y + 50), wa);
	domain_destroy(c);
	domain_destroy(b);
	domain_destroy(a);
}

/* What the guard leaves alone: a window shown long enough, one over its
 * own domain's window or over nothing, one that answers a click on its
 * domain (a menu), and a wheel. */
static void test_not_guarded(void **state)
{
	(void)state;
	struct domain *a, *b;
	struct window *wa, *wb;
	two_domains(&a, &b, &wa, &wb);
	int32_t x = wa->x + 50, y = wa->y + 50;
	struct window *p = mapped(b, 40, x - 10, y - 5, 60, 16, true);
	pointer_button(&srv, x, y, 4, true); /* the wheel: not a click */
	assert_ptr_equal(input_pointer_grab(srv.input), window_target(p));
	pointer_button(&srv, x, y, 4, false);
	settled(p);
	pointer_button(&srv, x, y, 1, true); /* shown long enough: it takes it */
	assert_ptr_equal(input_pointer_grab(srv.input), window_target(p));
	pointer_button(&srv, x, y, 1, false);
	unmap(b, 40);
	/* over b's own window, and over nothing */
	struct window *q = mapped(b, 41, wb->x + 10, wb->y + 10, 60, 16, true);
	assert_null(clickguard_aimed(&srv, q, wb->x + 20, wb->y + 20));
	struct window *r = mapped(b, 42, 20, 450, 60, 16, true);
	assert_null(clickguard_aimed(&srv, r, 30, 455));
	/* a menu b opens on the user's click, next to it and over a's
	 * window: the user picks from it at once */
	click_button(wb->x + 5, wb->y + 5, 1);
	struct window *menu = mapped(b, 43, wb->x - 70, wb->y - 20, 60, 16, true);
	int32_t mx = menu->x + (int32_t)menu->w - 10, my = menu->y + 5; /* next to the click */
	bool in;
	assert_ptr_equal(pointer_window_at(&srv, mx, my, &in), menu);
	assert_null(clickguard_aimed(&srv, menu, mx, my)); /* just shown, over a's */
	pointer_button(&srv, mx, my, 1, true);
	assert_ptr_equal(input_pointer_grab(srv.input), window_target(menu));
	pointer_button(&srv, mx, my, 1, false);
	/* a large one with its corner at the click, over a's window: a press
	 * on it far from the click is aimed at a's (hostile-domain trial 15
	 * #2: the click meant to switch to bank's window beside) */
	click_button(wb->x + 5, wb->y + 5, 1);
	struct window *big = mapped(b, 45, wa->x + 10, wa->y + 100, 300, 200, true);
	assert_true(clickguard_near(big, wb->x + 5, wb->y + 5, CLICK_ANSWER_NEAR));
	assert_int_equal(big->answer_ms, big->mapped_ms); /* (an answer) */
	assert_ptr_equal(clickguard_aimed(&srv, big, wa->x + 30, wa->y + 150), wa);
	unmap(b, 45);
	/* a popup put far from the click, over a's window: no answer
	 * (hostile-domain trial 8 D) */
	click_button(wb->x + 5, wb->y + 5, 1);
	struct window *far = mapped(b, 44, wa->x + 10, wa->y + 10, 60, 16, true);
	assert_ptr_equal(clickguard_aimed(&srv, far, wa->x + 20, wa->y + 15), wa);
	domain_destroy(b);
	domain_destroy(a);
}

/* Two windows just shown over a's: the click goes to a's; a desktop
 * window manager's title bar (x11: wm_top rows above the frame) counts. */
static void test_below_two_and_wm_title(void **state)
{
	(void)state;
	struct domain *a, *b;
	struct window *wa, *wb;
	two_domains(&a, &b, &wa, &wb);
	pixman_box32_t f;
	scene_frame_box(&srv.scene, wa, &f);
	int32_t x = wa->x + 50, y = f.y1 - 5;
	struct window *p = mapped(b, 40, x - 10, y - 5, 60, 16, true);
	struct window *q = mapped(b, 41, x - 20, y - 6, 60, 16, true);
	assert_null(clickguard_aimed(&srv, q, x, y)); /* above a's frame: nothing */
	srv.scene.wm_top = 20;
	assert_ptr_equal(clickguard_aimed(&srv, q, x, y), wa);
	assert_ptr_equal(clickguard_aimed(&srv, p, x, y), wa);
	/* maximized: a window manager keeps its title bar (review 8 #2);
	 * minimized: not on the screen, nothing of it "under" (trial 8 A) */
	wa->wmflags = VP_WM_MAXIMIZED;
	assert_ptr_equal(clickguard_aimed(&srv, q, x, y), wa);
	wa->wmflags = VP_WM_MINIMIZED;
	assert_null(clickguard_aimed(&srv, q, x, y));
	wa->wmflags = 0;
	srv.scene.wm_top = 0;
	domain_destroy(b);
	domain_destroy(a);
}

/* a's window just opened (a dialog the user waits for) and b's popup
 * flickers over it: the user aimed at neither, the press is taken (b's
 * popup took it: attack-flicker under load); with b's own window settled
 * under both, b's window was what was there: b's popup takes it. */
static void test_over_window_just_shown(void **state)
{
	(void)state;
	struct domain *a, *b;
	struct window *wa, *wb;
	two_domains(&a, &b, &wa, &wb);
	struct window *d = mapped(a, 2, 100, 400, 200, 100, false);
	struct window *p = mapped(b, 40, 150, 430, 60, 16, true);
	assert_ptr_equal(clickguard_aimed(&srv, p, 160, 435), d);
	pointer_button(&srv, 160, 435, 1, true);
	assert_int_not_equal(srv.guarded_buttons, 0);
	assert_ptr_equal(server_focus(&srv), wb);
	pointer_button(&srv, 160, 435, 1, false);
	/* a's window shown after b's popup, under it: never seen there, not
	 * what the user aimed at */
	p->mapped_ms = d->mapped_ms - 1;
	assert_null(clickguard_aimed(&srv, p, 160, 435));
	p->mapped_ms = d->mapped_ms;
	/* b's settled window under a's new one: b's popup takes the press */
	settled(wb)->x = 100, wb->y = 380;
	scene_raise(&srv.scene, wb);
	scene_raise(&srv.scene, d);
	scene_raise(&srv.scene, p);
	assert_null(clickguard_aimed(&srv, p, 160, 435));
	domain_destroy(b);
	domain_destroy(a);
}

/* A desktop's entries (focus_desktop_raw, focus_user_button: what the x11
 * backend calls): the user's held buttons are counted (a wheel's too, a
 * key's not), a raw press on a popup just shown over a's frame is taken,
 * and the core press on it neither reaches b nor chooses a window. */
static void test_desktop_entries(void **state)
{
	(void)state;
	struct domain *a, *b;
	struct window *wa, *wb;
	two_domains(&a, &b, &wa, &wb);
	srv.user_input_ms = 0;
	assert_true(focus_desktop_raw(&srv, NULL, 0, 0, 0, true)); /* a key */
	assert_int_equal(srv.desk_buttons, 0);
	assert_int_equal(srv.user_input_ms, 0);
	assert_true(focus_desktop_raw(&srv, wb, wb->x + 5, wb->y + 5, 4, true)); /* wheel */
	assert_int_equal(srv.desk_buttons, 1);
	assert_int_equal(srv.user_input_ms, 0); /* no user's button for the WM's moves */
	assert_true(focus_desktop_raw(&srv, wb, wb->x + 5, wb->y + 5, 4, false));
	assert_int_equal(srv.desk_buttons, 0);
	int32_t x = wa->x + 50, y = wa->y + 50;
	struct window *p = mapped(b, 40, x - 10, y - 5, 60, 16, true);
	assert_false(focus_desktop_raw(&srv, p, x, y, 1, true)); /* taken */
	assert_int_equal(srv.desk_buttons, 1);
	assert_int_not_equal(srv.user_input_ms, 0);
	assert_non_null(strstr(srv.notice.text, "b's window appeared where you clicked"));
	assert_false(focus_user_button(&srv, p, x, y, 1, true)); /* route nothing */
	assert_false(focus_user_button(&srv, p, x, y, 1, false));
	assert_false(focus_desktop_raw(&srv, p, x, y, 1, false)); /* its release too */
	assert_int_equal(srv.desk_buttons, 0);
	assert_ptr_equal(server_focus(&srv), wb);
	settled(p); /* long shown: its click goes through */
	assert_true(focus_user_button(&srv, p, x, y, 1, true));
	assert_true(focus_user_button(&srv, p, x, y, 1, false));
	domain_destroy(b);
	domain_destroy(a);
}

/* Hostile-domain trial 9 #1: on a desktop (BACKEND_CAP_WM), b's window B
 * mapped over a's window while b's rate holds its map (shown and on top in
 * the core, not on the desktop), and b's popup shown over both: the window
 * under the press is a's, and the press is taken. B appears when its map
 * reaches the desktop; long after, it is what the user aimed at. The same
 * for a window the backend holds off the screen (x11 on Xwayland). */
static void test_held_window_not_under(void **state)
{
	(void)state;
	const struct backend_ops *was = srv.backend->ops;
	static struct backend_ops wm;
	wm = *was;
	wm.caps |= BACKEND_CAP_WM;
	srv.backend->ops = &wm;
	struct domain *a, *b;
	struct window *wa, *wb;
	two_domains(&a, &b, &wa, &wb);
	for (uint32_t i = 0; i < PROPS_BURST; i++) /* b's burst, used up */
		mapped(b, 100 + i, 700, 500, 10, 10, true);
	int32_t x = wa->x + 50, y = wa->y + 50;
	struct window *bb = settled(mapped(b, 50, x - 40, y - 30, 100, 80, false));
	assert_true(bb->props_held & WIN_CHANGED_MAP);
	struct window *p = mapped(b, 40, x - 10, y - 5, 60, 16, true);
	assert_ptr_equal(clickguard_aimed(&srv, p, x, y), wa);
	props_flush(&srv, pace_now_ns() + 10000000000ull); /* B reaches the desktop */
	assert_false(bb->props_held & WIN_CHANGED_MAP);
	scene_raise(&srv.scene, p);
	assert_ptr_equal(clickguard_aimed(&srv, p, x, y), wa); /* just shown */
	settled(bb);
	assert_null(clickguard_aimed(&srv, p, x, y)); /* b's own, long shown */
	clickguard_held_off(bb, true);
	assert_ptr_equal(clickguard_aimed(&srv, p, x, y), wa);
	clickguard_held_off(bb, false);
	assert_ptr_equal(clickguard_aimed(&srv, p, x, y), wa); /* shown again now */
	settled(bb);
	assert_null(clickguard_aimed(&srv, p, x, y));
	domain_destroy(b);
	domain_destroy(a);
	srv.backend->ops = was;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_flicker_over_title_bar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_moved_over_content, setup, teardown),
		cmocka_unit_test_setup_teardown(test_release_never_came, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wheel_unmap_drag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_guarded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_below_two_and_wm_title, setup, teardown),
		cmocka_unit_test_setup_teardown(test_over_window_just_shown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desktop_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_held_window_not_under, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
