/*
 * Unit tests of a domain docking and undocking tray icons in a loop
 * (hostile-domain trial 16 #2): in the daemon's tray area (headless, DRM)
 * no other domain's icon moves, so the click guard never takes the user's
 * click on it; docks and undocks both count against TRAY_DOCK_BURST; a new
 * icon goes to its domain's empty place or the far end, never into another
 * domain's place, however long after (hostile-domain trial 17 F5). And the
 * daemon's end with icons in several domains (trial 16 #3: server_finish
 * freed the first domain, then the second's icons going walked it; ASan
 * saw it in build-asan's run of this test).
 */
#include "tray-fixture.h"

#include "gui-daemon/clickguard.h"
#include "gui-daemon/tray-area.h"

#define SLOT 28 /* headless's tray slots, from the right end */

static void tap(struct domain *d, uint32_t id, bool dock)
{
	assert_int_equal(domain_feed(d, big, enc_tray(id, dock ? 4 : 0, dock ? 4 : 0)), 0);
}

static struct tray_icon *icon_of(struct domain *d, uint32_t id)
{
	for (unsigned i = 0; i < TRAY_PER_DOMAIN; i++)
		if (d->tray.icons[i] && d->tray.icons[i]->id == id)
			return d->tray.icons[i];
	return NULL;
}

/* c's icon is clicked in its slot (from the right end): does c get it? */
static bool clicked(struct domain *c, unsigned slot)
{
	size_t off = c->tx_len;
	struct vp_msg m;
	click_button(W - (int32_t)slot * SLOT - SLOT / 2, SLOT / 2, 1);
	return sent(c, &off, VP_TRAY_BUTTON, &m) == 2;
}

static void test_churn_moves_no_other(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b), *c = connected(&cfg_fs);
	srv.domains[0] = a, srv.domains[1] = b, srv.domains[2] = c, srv.ndomains = 3;
	fill(0xff00ff00u, 4 * 4);
	tap(b, 1, true);
	tap(c, 9, true);
	tap(b, 2, true); /* b's second icon: at the far end, c's does not move */
	icons_settled();
	struct tray_icon *ci = icon_of(c, 9);
	int32_t cx = ci->area_x;
	assert_int_equal(cx, W - 2 * SLOT + TRAY_BORDER);
	assert_int_equal(icon_of(b, 2)->area_x, W - 3 * SLOT + TRAY_BORDER);
	assert_true(clicked(c, 1));
	for (int i = 0; i < 3; i++) { /* b's second icon goes and comes back */
		tap(b, 2, false);
		assert_int_equal(ci->area_x, cx);
		assert_int_equal(ci->area_ms, 1); /* not moved: no guard */
		assert_true(clicked(c, 1));
		tap(b, 2, true);
		assert_int_equal(ci->area_x, cx);
		assert_int_equal(ci->area_ms, 1);
		assert_true(clicked(c, 1));
	}
	/* b's first icon goes: its place stays empty, c's stays; a click on
	 * the empty place is no one's, not a's window's under it */
	struct window *aw = mapped(a, 1, 0, 0, W, 300, false);
	aw->mapped_ms -= 10 * CLICK_GUARD_MS; /* seen a while: no click guard */
	aw->moved_ms = 0;
	size_t ao = a->tx_len;
	struct vp_msg m;
	tap(b, 1, false);
	assert_int_equal(ci->area_x, cx);
	assert_true(clicked(c, 1));
	int32_t cy = aw->y + 1; /* a's content, under the tray's row */
	assert_true(cy < SLOT);
	click_button(W - SLOT / 2, cy, 1);
	assert_int_equal(sent(a, &ao, VP_BUTTON, &m), 0);
	click_button(W - 5 * SLOT, cy, 1); /* (beside the tray: a's) */
	assert_int_equal(sent(a, &ao, VP_BUTTON, &m), 2);
	unmap(a, aw->id);
	/* however long after, another domain's new icon does not take b's
	 * empty place (hostile-domain trial 17 F5: once b had been still for
	 * 10 s, the next change closed the gap and moved the others): c's
	 * second goes to the far end, b's next one to its own place */
	tap(c, 10, true);
	assert_int_equal(icon_of(c, 10)->area_x, W - 4 * SLOT + TRAY_BORDER);
	assert_int_equal(ci->area_x, cx);
	tap(b, 3, true);
	assert_int_equal(icon_of(b, 3)->area_x, W - SLOT + TRAY_BORDER);
	assert_int_equal(ci->area_x, cx);
	assert_int_equal(icon_of(b, 2)->area_x, W - 3 * SLOT + TRAY_BORDER);
	/* b removed (vitrine run removes a domain whose agent ended;
	 * remove_domain takes it out of the list, then destroys it): c's icons
	 * stay where they are; b's places are anyone's then */
	srv.domains[1] = c, srv.domains[2] = NULL, srv.ndomains = 2; /* as remove_domain */
	domain_destroy(b);
	assert_int_equal(ci->area_x, cx);
	assert_int_equal(icon_of(c, 10)->area_x, W - 4 * SLOT + TRAY_BORDER);
	assert_true(clicked(c, 1));
	tap(c, 11, true); /* the first free place: b's first */
	assert_int_equal(icon_of(c, 11)->area_x, W - SLOT + TRAY_BORDER);
	/* left for teardown's server_finish: every domain with an icon (trial
	 * 16 #3) */
}

/* A domain listed before bank, its icon right of bank's, docks another:
 * bank's icon stays where it was, the new one goes to the far end
 * (hostile-domain trial 17 F5: bank's moved one place, untrusted's new one
 * in its place took the click 0.7 s later, past the click guard). */
static void test_new_icon_far_end(void **state)
{
	(void)state;
	struct domain *u = connected(&cfg_b), *bank = connected(&cfg_a);
	srv.domains[0] = u, srv.domains[1] = bank, srv.ndomains = 2;
	fill(0xff00ff00u, 4 * 4);
	tap(u, 1, true);
	tap(bank, 1, true);
	icons_settled();
	struct tray_icon *k = icon_of(bank, 1);
	int32_t kx = k->area_x;
	tap(u, 2, true);
	assert_int_equal(k->area_x, kx);
	assert_int_equal(k->area_ms, 1);
	assert_true(clicked(bank, 1));
	assert_false(clicked(u, 1));
	srv.ndomains = 0;
	domain_destroy(u);
	domain_destroy(bank);
}

/* Docks and undocks count alike: a domain toggling an icon gets 8 docks
 * in 10 s, not 16. */
static void test_churn_counted(void **state)
{
	(void)state;
	struct domain *b = connected(&cfg_b);
	srv.domains[0] = b, srv.ndomains = 1;
	fill(0xff0000ffu, 4 * 4);
	for (int i = 0; i < TRAY_DOCK_BURST / 2; i++) {
		tap(b, 5, true);
		assert_non_null(icon_of(b, 5));
		tap(b, 5, false);
		assert_null(icon_of(b, 5));
	}
	tap(b, 5, true);
	assert_null(icon_of(b, 5)); /* refused */
	srv.ndomains = 0;
	domain_destroy(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_churn_moves_no_other, setup, teardown),
		cmocka_unit_test_setup_teardown(test_churn_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_icon_far_end, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
