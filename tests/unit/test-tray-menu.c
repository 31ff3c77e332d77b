/*
 * Unit tests of a tray icon's menu and the keys after the domain took them
 * (hostile-domain trial 17 F1, F2): the menu moved away from the icon, or
 * shrunk to a speck that passes for part of the tray (32x16 in the
 * desktop's colour), or mapped so small, or hidden under a notification,
 * keeps them no longer; they go back to the window that had them. A menu
 * that moves a little beside the icon and stays large keeps them. A window
 * the domain maps meanwhile does not take them (new-user trial 17 #2), and
 * the menu loses them (it could be hidden under it); a submenu does not,
 * unless it covers more than half of the menu.
 */
#include "tray-fixture.h"

#include <string.h>

static struct window *w;
static struct domain *a, *b;

/* a's window has the keys; b has an icon in the first slot. */
static void two(void)
{
	a = connected(&cfg_a), b = connected(&cfg_b);
	srv.domains[0] = a, srv.domains[1] = b, srv.ndomains = 2;
	w = mapped(a, 1, 0, 100, 400, 300, false);
	user_focus(w);
	fill(0xff00ff00u, 4 * 4);
	assert_int_equal(domain_feed(b, big, enc_tray(9, 4, 4)), 0);
	icons_settled();
}

static void done(void)
{
	srv.ndomains = 0;
	domain_destroy(a);
	domain_destroy(b);
}

/* b's menu, mapped at a right click on its icon, has the keys. */
static struct window *menu(uint32_t id)
{
	click_button(W - 14, 14, 3);
	struct window *m = mapped(b, id, W - 200, 28, 150, 100, true);
	assert_ptr_equal(server_focus(&srv), m);
	return m;
}

static void test_menu_moved(void **state)
{
	(void)state;
	two();
	/* to the far corner: not the menu of the icon any more */
	menu(5);
	configure(b, 5, 0, H - 40, 150, 100, true);
	assert_ptr_equal(server_focus(&srv), w);
	size_t ao = a->tx_len, bo = b->tx_len;
	struct vp_msg k;
	input_key(srv.input, 116, true, 0); /* Down */
	input_key(srv.input, 116, false, 0);
	assert_int_equal(sent(a, &ao, VP_KEY, &k), 2);
	assert_int_equal(sent(b, &bo, VP_KEY, &k), 0);
	unmap(b, 5);
	/* shrunk beside the icon to 32x16 (not a speck under 32x16) */
	menu(6);
	configure(b, 6, W - 200, 28, 32, 16, true);
	assert_ptr_equal(server_focus(&srv), w);
	unmap(b, 6);
	/* mapped 40x20 at the icon: none */
	click_button(W - 14, 14, 3);
	mapped(b, 7, W - 200, 28, 40, 20, true);
	assert_ptr_equal(server_focus(&srv), w);
	unmap(b, 7);
	/* a menu that grows and moves a little beside the icon (a toolkit's
	 * second look at its size): keeps them */
	struct window *m = menu(8);
	configure(b, 8, W - 230, 30, 180, 120, true);
	assert_ptr_equal(server_focus(&srv), m);
	unmap(b, 8);
	assert_ptr_equal(server_focus(&srv), w);
	done();
}

static void test_menu_covered(void **state)
{
	(void)state;
	two();
	menu(5);
	struct vp_msg n = { .type = VP_NOTIFY };
	n.u.notify.id = 1;
	n.u.notify.summary = (struct vp_string){ 6, (const uint8_t *)"update" };
	n.u.notify.body = (struct vp_string){ 0, (const uint8_t *)"" };
	feed(a, &n); /* another domain's: not over it (review of 2026-12-03) */
	struct window *m = server_focus(&srv);
	assert_ptr_equal(m->dom, b);
	feed(b, &n); /* its own */
	assert_ptr_equal(server_focus(&srv), w);
	unmap(b, 5);
	assert_ptr_equal(server_focus(&srv), w);
	done();
}

/* A window its domain maps while its menu has the keys is no answer the
 * user chose (new-user trial 17 #2: it took the keys typed next). */
static void test_menu_then_window(void **state)
{
	(void)state;
	two();
	menu(5);
	struct window *nw = mapped(b, 6, 300, 200, 200, 100, false);
	assert_true(nw->no_focus);
	/* ... and raised over the menu, it could hide it: the menu has the
	 * keys no longer (review of 2026-12-03) */
	assert_ptr_equal(server_focus(&srv), w);
	unmap(b, 5);
	assert_ptr_equal(server_focus(&srv), w);
	/* a popup of its own (a submenu) takes nothing */
	struct window *m = menu(7);
	mapped(b, 8, W - 360, 60, 150, 100, true);
	assert_ptr_equal(server_focus(&srv), m);
	done();
}

/* A popup of its domain put over most of the menu, at its map or later:
 * the keys go back (review of 2026-12-03: the menu hid under it). */
static void test_menu_under_popup(void **state)
{
	(void)state;
	two();
	menu(5);
	mapped(b, 6, W - 190, 38, 140, 90, true);
	assert_ptr_equal(server_focus(&srv), w);
	unmap(b, 6);
	unmap(b, 5);
	/* beside it, then moved over it */
	struct window *m = menu(7);
	mapped(b, 8, W - 360, 60, 150, 100, true);
	configure(b, 8, W - 280, 28, 150, 100, true); /* a little over it: kept */
	assert_ptr_equal(server_focus(&srv), m);
	configure(b, 8, W - 190, 28, 150, 100, true);
	assert_ptr_equal(server_focus(&srv), w);
	done();
}

/* Popups each over a third of the menu: one leaves it seen, two together
 * hide most of it (review of 2026-12-04: three hid all of it) */
static void test_menu_under_two_popups(void **state)
{
	(void)state;
	two();
	menu(5);
	mapped(b, 6, W - 200, 28, 50, 100, true);
	assert_ptr_equal(server_focus(&srv)->dom, b);
	mapped(b, 7, W - 150, 28, 50, 100, true);
	assert_ptr_equal(server_focus(&srv), w);
	done();
}

/* A popup held back over the menu while the screen was locked, or moved
 * over it then: judged at the unlock (review of 2026-12-04) */
static void test_menu_covered_while_locked(void **state)
{
	(void)state;
	two();
	menu(5);
	policy_set_locked(&srv, true);
	mapped(b, 6, W - 200, 28, 150, 100, true); /* held back: not shown */
	policy_set_locked(&srv, false);
	assert_ptr_equal(server_focus(&srv), w);
	unmap(b, 6);
	unmap(b, 5);
	struct window *m = menu(7);
	mapped(b, 8, W - 360, 60, 150, 100, true); /* beside */
	assert_ptr_equal(server_focus(&srv), m);
	policy_set_locked(&srv, true);
	configure(b, 8, W - 200, 28, 150, 100, true);
	policy_set_locked(&srv, false);
	assert_ptr_equal(server_focus(&srv), w);
	done();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_menu_moved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_menu_covered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_menu_then_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_menu_under_popup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_menu_under_two_popups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_menu_covered_while_locked, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
