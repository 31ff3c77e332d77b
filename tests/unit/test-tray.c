/*
 * Unit tests of tray icons and notifications (issue 14 items 3, 4): the
 * decoders' bounds (protocol/tray.c), the tray quota and the marking, the
 * icon's name, an undocked icon and a disconnect; a notification's
 * sanitizing (a leading '[' neutralized), its rate per domain; both drawn
 * by the headless backend; the pointer over the tray area and the
 * notification (the core's rules, pointer.c). On the core as server_init builds it
 * (policy-fixture.h).
 */
#include "policy-fixture.h"

#include <stdlib.h>

#include "decorations/deco-notice.h"
#include "gui-daemon/desktop.h"
#include "gui-daemon/pointer.h"
#include "gui-daemon/clickguard.h"
#include "gui-daemon/tray-area.h"
#include "gui-daemon/tray.h"

static uint8_t big[VP_HDR_SIZE + 8 + 4 * 65 * 65];
static uint8_t px[4 * 65 * 65];

static size_t enc_tray(uint32_t id, uint32_t w, uint32_t h)
{
	struct vp_msg m = { .type = VP_TRAY_ICON, .window = id };
	m.u.icon = (struct vp_icon){ w, h, px };
	return vp_encode(&m, big, sizeof(big));
}

static void fill(uint32_t argb, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		for (unsigned c = 0; c < 4; c++)
			px[4 * i + c] = (uint8_t)(argb >> (8 * c));
}

static void test_tray_decode(void **state)
{
	(void)state;
	struct vp_msg m;
	const char *why = NULL;
	size_t n = enc_tray(3, VP_MAX_TRAY_ICON, VP_MAX_TRAY_ICON);
	assert_true(n > 0);
	assert_int_equal(vp_decode(VP_FROM_AGENT, big, n, &m, &why), (long)n);
	assert_int_equal(enc_tray(3, VP_MAX_TRAY_ICON + 1, 1), 0); /* the encoder refuses */
	n = enc_tray(3, 1, 1);
	big[VP_HDR_SIZE] = VP_MAX_TRAY_ICON + 1; /* says 65x1 */
	assert_int_equal(vp_decode(VP_FROM_AGENT, big, n, &m, &why), -1);
	assert_string_equal(why, "tray icon size out of range");
	big[VP_HDR_SIZE] = 2; /* says 2x1, holds 1 */
	assert_int_equal(vp_decode(VP_FROM_AGENT, big, n, &m, &why), -1);
	assert_string_equal(why, "TRAY_ICON length does not match its size");
	struct vp_msg nm = { .type = VP_NOTIFY };
	nm.u.notify.summary = (struct vp_string){ VP_MAX_NOTIFY_SUMMARY + 1, px };
	assert_int_equal(vp_encode(&nm, big, sizeof(big)), 0);
	nm.u.notify.summary.len = VP_MAX_NOTIFY_SUMMARY;
	n = vp_encode(&nm, big, sizeof(big));
	assert_int_equal(vp_decode(VP_FROM_AGENT, big, n, &m, &why), (long)n);
	big[VP_HDR_SIZE + 6] = (uint8_t)(VP_MAX_NOTIFY_SUMMARY + 1); /* 257: over */
	big[VP_HDR_SIZE + 7] = (uint8_t)((VP_MAX_NOTIFY_SUMMARY + 1) >> 8);
	assert_int_equal(vp_decode(VP_FROM_AGENT, big, n, &m, &why), -1);
	assert_string_equal(why, "notification string too long");
}

static void test_tray_quota(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	fill(0xff00ff00u, 4);
	for (uint32_t i = 0; i <= TRAY_PER_DOMAIN; i++)
		assert_int_equal(domain_feed(d, big, enc_tray(100 + i, 2, 2)), 0);
	for (unsigned i = 0; i < TRAY_PER_DOMAIN; i++) {
		struct tray_icon *t = d->tray.icons[i];
		assert_non_null(t);
		assert_int_not_equal(t->id, 100 + TRAY_PER_DOMAIN); /* the ninth: refused */
		assert_int_equal(t->argb[0], icon_mark(0xff00ff00u, domain_rgb(d)));
		assert_string_equal(t->name, "[a] ");
	}
	struct vp_msg m = { .type = VP_TRAY_TITLE, .window = 101 };
	m.u.title = (struct vp_string){ 16, (const uint8_t *)"[b] bank\x1b[31m\xe2\x80\xae" };
	feed(d, &m);
	assert_string_equal(d->tray.icons[1]->name, "[a] [b] bank_[31m_");
	assert_int_equal(domain_feed(d, big, enc_tray(101, 0, 0)), 0); /* undocked */
	assert_null(d->tray.icons[1]);
	assert_int_equal(domain_feed(d, big, enc_tray(100 + TRAY_PER_DOMAIN, 2, 2)), 0);
	assert_non_null(d->tray.icons[1]); /* its place taken */
	domain_disconnect(d, NULL);
	for (unsigned i = 0; i < TRAY_PER_DOMAIN; i++)
		assert_null(d->tray.icons[i]);
	domain_destroy(d);
}

static void test_notify_clean(void **state)
{
	(void)state;
	char out[64];
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "[work] pay", "(work] pay" },
		{ "  [[x", "  ((x" },
		{ "a [b]", "a [b]" },
		{ "\x1b[31mred", "_[31mred" },
		{ "(plain", "(plain" },
		{ "", "" },
		{ "[\xe2\x80\xae", "(_" },
		/* look-alikes of '[': fullwidth, white, lenticular, curly */
		{ "\xef\xbc\xbbwork\xef\xbc\xbd pay", "(work\xef\xbc\xbd pay" },
		{ " \xe2\x9f\xa6\xe3\x80\x90w", " ((w" },
		{ "{work}", "(work}" },
		{ "a \xef\xbc\xbb", "a \xef\xbc\xbb" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vp_string s = { (uint32_t)strlen(cases[i].in),
				       (const uint8_t *)cases[i].in };
		tray_clean(&s, true, out, sizeof(out));
		assert_string_equal(out, cases[i].want);
	}
}

static struct vp_msg notify_msg(const char *summary)
{
	struct vp_msg m = { .type = VP_NOTIFY };
	m.u.notify.summary =
		(struct vp_string){ (uint32_t)strlen(summary), (const uint8_t *)summary };
	m.u.notify.body = (struct vp_string){ 4, (const uint8_t *)"body" };
	return m;
}

/* At most NOTIFY_BURST shown a domain; the domain is not cut off. Drawn
 * in the domain style on headless, the tray area too. */
static void test_notify_rate_drawn(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_b), *a = connected(&cfg_a);
	srv.domains[0] = a, srv.domains[1] = d, srv.ndomains = 2; /* the tray area's order */
	uint64_t before = srv.changes;
	for (int i = 0; i < 3 * NOTIFY_BURST; i++) {
		struct vp_msg m = notify_msg("[a] mimic");
		feed(d, &m);
	}
	assert_int_equal(srv.changes - before, NOTIFY_BURST);
	assert_true(d->hello_done); /* still connected */
	struct vp_msg m = notify_msg("another domain's");
	feed(a, &m); /* a's own rate */
	assert_int_equal(srv.changes - before, NOTIFY_BURST + 1);
	fill(0xff3465a4u, 4); /* a's blue, from b */
	assert_int_equal(domain_feed(d, big, enc_tray(7, 2, 2)), 0);
	m = notify_msg("[a] mimic");
	feed(d, &m); /* over b's rate: a's notification stays shown */
	server_repaint(&srv);
	pixman_image_t *img = srv.backend->ops->output(srv.backend);
	const uint32_t *p = pixman_image_get_data(img);
	int stride = pixman_image_get_stride(img) / 4;
	uint32_t red = domain_rgb(d), blue = domain_rgb(a);
	assert_int_equal(p[W - 1] & 0xffffff, red); /* b's icon: slot 1 (a has none) */
	assert_int_equal(p[14 * stride + W - 14] & 0xffffff,
			 icon_mark(0xff3465a4u, red) & 0xffffff);
	assert_int_equal(p[37 * stride + W / 2] & 0xffffff, blue); /* a's notification */
	assert_int_equal(p[42 * stride + W / 2] & 0xffffff, DECO_DNOTICE_BG);
	/* its [a] on a plate of a's blue, in white (new-user trial 12 #3:
	 * blue, or black, on the dark grey): border, grey, then the plate */
	const uint32_t *row = p + 51 * stride;
	int x = 0, run = 0;
	while (x < W && (row[x] & 0xffffff) != blue)
		x++;
	while (x < W && (row[x] & 0xffffff) == blue)
		x++;
	while (x < W && (row[x] & 0xffffff) == DECO_DNOTICE_BG)
		x++;
	while (x < W && (row[x] & 0xffffff) == blue)
		x++, run++;
	assert_true(run >= 4);
	srv.ndomains = 0;
	domain_destroy(a);
	domain_destroy(d);
}

/* How many messages of type of d's send queue from *off on (read up to the end). */
static int sent(struct domain *d, size_t *off, uint8_t type, struct vp_msg *last)
{
	int n = 0;
	const char *why = NULL;
	while (*off < d->tx_len) {
		struct vp_msg m;
		long k = vp_decode(VP_FROM_DAEMON, d->tx + *off, d->tx_len - *off, &m, &why);
		assert_true(k > 0);
		*off += (size_t)k;
		if (m.type == type && ++n)
			*last = m;
	}
	return n;
}

/* A click on b's tray icon goes to b's application, never to a's focused
 * window under the tray area; 1 px outside the slots, a's window has it; a
 * click on the notification takes it down; nothing while locked. */
static void test_tray_pointer(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	srv.domains[0] = a, srv.domains[1] = b, srv.ndomains = 2;
	struct window *w = mapped(a, 1, 0, 0, W, 300, false);
	user_focus(w);
	fill(0xff00ff00u, 4 * 4);
	assert_int_equal(domain_feed(b, big, enc_tray(9, 4, 4)), 0);
	int32_t slot = W - 28, y = w->y + 1; /* b's icon: the only slot, over a's content */
	assert_true(y > TRAY_BORDER && y < 28 - TRAY_BORDER && w->x < slot &&
		    w->x + (int32_t)w->w > W - 14);
	b->agent_minor = VP_MINOR_TRAY_PLACE; /* (a's: older, is told no place) */
	size_t ao = a->tx_len, bo = b->tx_len, po = bo;
	struct vp_msg m;
	pointer_motion(&srv, NULL, slot + 14, y);
	pointer_button(&srv, slot + 14, y, 1, true);
	pointer_button(&srv, slot + 14, y, 1, false);
	pointer_button(&srv, slot + 14, y, 4, true);
	/* before each press: where the icon is (a menu it opens comes up
	 * there: new-user trial 10 #6) */
	assert_int_equal(sent(b, &po, VP_TRAY_PLACE, &m), 2);
	assert_int_equal(m.window, 9);
	assert_int_equal(m.u.motion.x, slot + TRAY_BORDER);
	assert_int_equal(m.u.motion.y, TRAY_BORDER);
	assert_int_equal(sent(b, &bo, VP_TRAY_BUTTON, &m), 3);
	pointer_button(&srv, slot + 14, y, 4, false);
	assert_int_equal(sent(b, &bo, VP_TRAY_BUTTON, &m), 1);
	assert_int_equal(m.window, 9);
	assert_int_equal(m.u.button.button, 4);
	assert_int_equal(m.u.button.x, (14 - TRAY_BORDER) * 4 / 24);
	assert_int_equal(m.u.button.y, (y - TRAY_BORDER) * 4 / 24);
	size_t mo = ao;
	assert_int_equal(sent(a, &ao, VP_BUTTON, &m) + sent(a, &mo, VP_MOTION, &m), 0);
	pointer_button(&srv, slot + 1, y, 1, true);  /* the slot's border: nobody's */
	pointer_button(&srv, slot - 1, y, 1, false); /* its release too, wherever */
	assert_int_equal(sent(a, &ao, VP_BUTTON, &m), 0);
	pointer_button(&srv, slot + 14, y, 3, true); /* pressed on the icon, released off it */
	pointer_button(&srv, slot - 1, y, 3, false);
	assert_int_equal(sent(a, &ao, VP_BUTTON, &m), 0);
	assert_int_equal(sent(b, &bo, VP_TRAY_BUTTON, &m), 2);
	assert_false(m.u.button.pressed);
	pointer_button(&srv, slot - 1, y, 1, true); /* 1 px outside: a's window */
	pointer_button(&srv, slot - 1, y, 1, false);
	assert_int_equal(sent(a, &ao, VP_BUTTON, &m), 2);
	assert_int_equal(sent(b, &bo, VP_TRAY_BUTTON, &m), 0);
	policy_set_locked(&srv, true);
	pointer_button(&srv, slot + 14, y, 1, true);
	assert_int_equal(sent(b, &bo, VP_TRAY_BUTTON, &m), 0);
	policy_set_locked(&srv, false);
	struct vp_msg n = notify_msg("hello");
	feed(b, &n);
	pixman_box32_t nb = srv.tray_area->box;
	assert_true(tray_area_notice_shown(srv.tray_area) && nb.y1 < w->y + (int32_t)w->h);
	ao = a->tx_len, bo = b->tx_len;
	/* within CLICK_GUARD_MS of its showing: taken, as the click guard
	 * takes one on a window just shown (hostile-domain trial 14 #2): not
	 * its action, not a dismissal, nor a's under it */
	pointer_button(&srv, (nb.x1 + nb.x2) / 2, nb.y1 + 5, 1, true);
	pointer_button(&srv, (nb.x1 + nb.x2) / 2, nb.y1 + 5, 1, false);
	assert_int_equal(sent(a, &ao, VP_BUTTON, &m), 0);
	assert_int_equal(sent(b, &bo, VP_NOTIFY_EVENT, &m), 0);
	assert_true(tray_area_notice_shown(srv.tray_area));
	srv.tray_area->shown_ms -= CLICK_GUARD_MS; /* the user saw it */
	pointer_button(&srv, (nb.x1 + nb.x2) / 2, nb.y1 + 5, 1, true);
	pointer_button(&srv, (nb.x1 + nb.x2) / 2, nb.y1 + 5, 1, false);
	assert_int_equal(sent(a, &ao, VP_BUTTON, &m), 0); /* the notification's */
	assert_false(tray_area_notice_shown(srv.tray_area));
	/* its actions but the default one are buttons: a click on "No" is
	 * that action (new-user trial 10 #3: only the default one could be
	 * chosen), a click elsewhere the default one */
	n = notify_msg("choose");
	n.u.notify.id = 7;
	n.u.notify.nactions = 3;
	n.u.notify.default_action = 1;
	n.u.notify.actions[0] = (struct vp_string){ 4, (const uint8_t *)"Open" };
	n.u.notify.actions[1] = (struct vp_string){ 2, (const uint8_t *)"OK" };
	n.u.notify.actions[2] = (struct vp_string){ 2, (const uint8_t *)"No" };
	for (int k = 0; k < 2; k++) {
		feed(b, &n);
		srv.tray_area->shown_ms -= CLICK_GUARD_MS;
		nb = srv.tray_area->box;
		int32_t x = nb.x2, my = (nb.y1 + nb.y2) / 2;
		struct deco_buttons btn = { 2, { "OK", "No" } };
		while (k == 0 && x > nb.x1 && deco_dnotice_button_at(&nb, &btn, x, my) != 1)
			x--;
		assert_true(x > nb.x1 + (nb.x2 - nb.x1) / 2); /* at the right end */
		if (k == 1)
			x = nb.x1 + 20; /* the text */
		bo = b->tx_len;
		pointer_button(&srv, x, my, 1, true);
		pointer_button(&srv, x, my, 1, false);
		assert_false(tray_area_notice_shown(srv.tray_area));
		/* NOTIFY_EVENT(action, No: 2 / the default: 0), then closed */
		const char *why = NULL;
		long len = vp_decode(VP_FROM_DAEMON, b->tx + bo, b->tx_len - bo, &m, &why);
		assert_true(len > 0 && m.type == VP_NOTIFY_EVENT);
		assert_int_equal(m.u.notify_event.id, 7);
		assert_int_equal(m.u.notify_event.event, VP_NOTIFY_ACTION);
		assert_int_equal(m.u.notify_event.value, k == 0 ? 2 : 0);
		bo += (size_t)len;
		assert_int_equal(sent(b, &bo, VP_NOTIFY_EVENT, &m), 1);
		assert_int_equal(m.u.notify_event.event, VP_NOTIFY_CLOSED);
	}
	srv.ndomains = 0;
	domain_destroy(a);
	domain_destroy(b);
}

/* New-user trial 14 #3: the menu b opens at the user's press on its tray
 * icon has the keys while it is shown (Down, Down, Return chosen in it ran
 * a line in a's terminal), then they go back to a's window; a popup b shows
 * far from the icon, or later with no press on it, takes none. */
static void test_tray_menu_keys(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	srv.domains[0] = a, srv.domains[1] = b, srv.ndomains = 2;
	struct window *w = mapped(a, 1, 0, 100, 400, 300, false);
	user_focus(w);
	fill(0xff00ff00u, 4 * 4);
	assert_int_equal(domain_feed(b, big, enc_tray(9, 4, 4)), 0);
	pointer_button(&srv, W - 14, 14, 3, true);
	pointer_button(&srv, W - 14, 14, 3, false);
	mapped(b, 4, 10, 300, 100, 50, true); /* far from the icon: no menu of it */
	assert_ptr_equal(server_focus(&srv), w);
	struct window *menu = mapped(b, 5, W - 200, 28, 150, 100, true);
	assert_ptr_equal(server_focus(&srv), menu);
	/* on top of a's window, not below it (review: typed into unseen) */
	assert_ptr_equal(list_item(srv.scene.stack.prev, struct window, stack_link), menu);
	size_t ao = a->tx_len, bo = b->tx_len;
	struct vp_msg m;
	input_key(srv.input, 116, true, 0); /* Down */
	input_key(srv.input, 116, false, 0);
	assert_int_equal(sent(b, &bo, VP_KEY, &m), 2);
	assert_int_equal(sent(a, &ao, VP_KEY, &m), 0);
	unmap(b, 5); /* chosen, or Escape */
	assert_ptr_equal(server_focus(&srv), w);
	mapped(b, 6, W - 200, 28, 150, 100, true);
	assert_ptr_equal(server_focus(&srv), w);
	/* c's tray menu opened while b's has the keys: when both are gone,
	 * they are a's again (not left on b's closed menu) */
	struct domain *c = connected(&cfg_fs);
	srv.domains[2] = c, srv.ndomains = 3;
	assert_int_equal(domain_feed(c, big, enc_tray(3, 4, 4)), 0);
	pointer_button(&srv, W - 14, 14, 1, true); /* b's icon: the first slot */
	pointer_button(&srv, W - 14, 14, 1, false);
	struct window *mb = mapped(b, 7, W - 200, 28, 150, 100, true);
	assert_ptr_equal(server_focus(&srv), mb);
	pointer_button(&srv, W - 42, 14, 1, true); /* c's: the second */
	pointer_button(&srv, W - 42, 14, 1, false);
	struct window *mc = mapped(c, 1, W - 250, 28, 150, 100, true);
	assert_ptr_equal(server_focus(&srv), mc);
	unmap(c, 1);
	unmap(b, 7);
	assert_ptr_equal(server_focus(&srv), w);
	srv.ndomains = 0;
	domain_destroy(a);
	domain_destroy(b);
	domain_destroy(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tray_decode),
		cmocka_unit_test_setup_teardown(test_tray_quota, setup, teardown),
		cmocka_unit_test(test_notify_clean),
		cmocka_unit_test_setup_teardown(test_notify_rate_drawn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tray_pointer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tray_menu_keys, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
