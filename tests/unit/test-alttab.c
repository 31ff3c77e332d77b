/*
 * Unit tests of the daemon's own Alt+Tab order (headless, drm: switcher.c
 * switcher_order): the windows the user last gave the keys first, then
 * the others. Hostile-domain trial 19 F1: untrusted mapped its window
 * again every 0.7 s, so it was always right below the focused one; one
 * Alt+Tab from work's "mail" back to work's "bank" went to it, and the
 * password typed next too.
 */
#include "policy-fixture.h"

#include "gui-daemon/switcher.h"

#define ALT 64
#define TAB 23

static void alt_tab(int tabs)
{
	input_key(srv.input, ALT, true, -1);
	for (int i = 0; i < tabs; i++) {
		input_key(srv.input, TAB, true, -1);
		input_key(srv.input, TAB, false, -1);
	}
	input_key(srv.input, ALT, false, -1);
}

static void test_back_to_the_last_chosen(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *bank = mapped(a, 1, 120, 420, 300, 200, false);
	struct window *mail = mapped(a, 2, 500, 200, 160, 100, false);
	user_focus(bank);
	user_focus(mail);
	/* b's window, mapped again and again: right below mail each time */
	struct window *h = mapped(b, 7, 500, 200, 160, 100, false);
	for (int i = 0; i < 3; i++) {
		unmap(b, 7);
		remap(b, 7, false);
	}
	assert_ptr_equal(h->stack_link.next, &mail->stack_link);
	alt_tab(1);
	assert_ptr_equal(server_focus(&srv), bank);
	alt_tab(1); /* and back */
	assert_ptr_equal(server_focus(&srv), mail);
	/* b's is there, after them: Tab, Tab */
	struct window *all[8];
	assert_int_equal(switcher_order(&srv, all, 8), 3);
	assert_ptr_equal(all[0], mail);
	assert_ptr_equal(all[1], bank);
	assert_ptr_equal(all[2], h);
	alt_tab(2);
	assert_ptr_equal(server_focus(&srv), h);
	/* chosen so, it is the last chosen: the first Alt+Tab goes back */
	alt_tab(1);
	assert_ptr_equal(server_focus(&srv), mail);
	user_focus(NULL);
	domain_destroy(b);
	domain_destroy(a);
}

/* While Alt is held, each Tab goes one further: the order does not change
 * under the cycle (the windows it passes are not chosen until Alt's
 * release). */
static void test_cycle_visits_each(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a);
	struct window *w[4];
	for (uint32_t i = 0; i < 4; i++)
		w[i] = mapped(a, i + 1, 40 + 60 * (int32_t)i, 40, 100, 80, false);
	for (int i = 0; i < 4; i++)
		user_focus(w[i]); /* order: 3 2 1 0 */
	input_key(srv.input, ALT, true, -1);
	for (int i = 2; i >= 0; i--) {
		input_key(srv.input, TAB, true, -1);
		input_key(srv.input, TAB, false, -1);
		assert_ptr_equal(server_focus(&srv), w[i]);
	}
	input_key(srv.input, ALT, false, -1);
	assert_ptr_equal(server_focus(&srv), w[0]);
	alt_tab(1);
	assert_ptr_equal(server_focus(&srv), w[3]);
	user_focus(NULL);
	domain_destroy(a);
}

/* More windows than the order holds: the ones the user chose stay in it,
 * however many a domain maps over them (review) */
static void test_chosen_kept_past_cap(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *mine = mapped(a, 1, 40, 40, 100, 80, false);
	struct window *other = mapped(a, 2, 200, 40, 100, 80, false);
	user_focus(mine);
	user_focus(other);
	for (uint32_t id = 10; id < 20; id++)
		mapped(b, id, 300, 200, 100, 80, false);
	struct window *all[4];
	assert_int_equal(switcher_order(&srv, all, 4), 4);
	assert_ptr_equal(all[0], other);
	assert_ptr_equal(all[1], mine);
	user_focus(NULL);
	domain_destroy(b);
	domain_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_back_to_the_last_chosen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cycle_visits_each, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chosen_kept_past_cap, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
