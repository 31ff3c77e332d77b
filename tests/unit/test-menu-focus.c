/*
 * Unit tests of a click into a menu through the core's pointer (drm,
 * headless; gui-daemon/focus.c focus_user_chose): a popup of the domain
 * with the keys takes the click, and the keys stay with the domain's
 * window (its FOCUS out would make the agent close that very menu:
 * gui-agent/input.c close_menus); a popup of another domain, or one whose
 * domain has no window with the keys, gets them as any window does.
 */
#include "focus-fixture.h"
#include "gui-daemon/pointer.h"

static void press(struct window *win, bool pressed)
{
	pointer_button(&srv, win->x + 5, win->y + 5, 1, pressed);
}

static void test_menu_keeps_keys(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *wa = settled(mapped(a, 1, 100, 100, 300, 200, false));
	struct window *wb = settled(mapped(b, 1, 450, 300, 200, 150, false));
	press(wa, true);
	press(wa, false);
	assert_ptr_equal(server_focus(&srv), wa);
	/* a's menu, opened by the click (an answer to it) or long shown */
	struct window *menu = settled(mapped(a, 2, 120, 120, 100, 150, true));
	press(menu, true);
	assert_ptr_equal(input_pointer_grab(srv.input), window_target(menu)); /* it got it */
	assert_ptr_equal(server_focus(&srv), wa);			      /* keys stay */
	press(menu, false);
	assert_ptr_equal(server_focus(&srv), wa);
	/* b's window: the keys go to b (and a's agent closes its menus) */
	press(wb, true);
	press(wb, false);
	assert_ptr_equal(server_focus(&srv), wb);
	/* a's menu clicked while b has the keys: it takes them, as any window */
	press(menu, true);
	press(menu, false);
	assert_ptr_equal(server_focus(&srv), menu);
	domain_destroy(b);
	domain_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_menu_keeps_keys, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
