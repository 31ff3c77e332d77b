/*
 * Unit tests of the focus rule's answers and notices on a desktop with a
 * window manager (gui-daemon/focus.h, behind.c): a window shown in answer to
 * the user's click, and the trusted notices of refused focus changes (who
 * is named, when they go).
 */
#include "focus-fixture.h"

/* New-user trial 9 #1: b's dialog, clicked into and answered with its own
 * button (a wizard's Done), and b shows a new window at once (its "Save
 * as"): the window manager's fallback on a's window, which had the keys
 * before, is not followed (the user looks at b's new window), nor does the
 * new window get them: no window, and a notice. Had the fallback come
 * before the new window, b's new window says where the keys went. */
static void test_answer_window_not_back(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *wa = shown_before(mapped(a, 1, 10, 10, 200, 100, false));
	press_on(wa);
	struct window *dlg = shown_before(mapped(b, 1, 300, 10, 100, 50, false));
	press_on(dlg);
	focus_user_input(&srv, dlg, FOCUS_INPUT_CLICK);
	assert_ptr_equal(server_focus(&srv), dlg);
	assert_true(focus_user_button(&srv, dlg, dlg->x + 5, dlg->y + 5, 1, true)); /* Done */
	assert_true(focus_user_button(&srv, dlg, dlg->x + 5, dlg->y + 5, 1, false));
	unmap(b, 1);
	struct window *save = mapped(b, 2, 300, 200, 150, 80, false);
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen)); /* no repeats of the tests before */
	focus_desktop(&srv, wa);			     /* the window manager's fallback */
	assert_null(server_focus(&srv));
	assert_string_equal(srv.notice.text, "b: the window with the keys closed; keys go to no "
					     "window; click one to type there");
	focus_user_input(&srv, save, FOCUS_INPUT_CLICK); /* the user clicks it */
	press_on(save);
	assert_ptr_equal(server_focus(&srv), save);
	/* the fallback first, then the new window (b's "Save as" of before
	 * long shown) */
	shown_before(save);
	press_on(wa);
	remap(b, 1, false);
	shown_before(dlg);
	press_on(dlg);
	focus_user_input(&srv, dlg, FOCUS_INPUT_CLICK);
	assert_true(focus_user_button(&srv, dlg, dlg->x + 5, dlg->y + 5, 1, true));
	assert_true(focus_user_button(&srv, dlg, dlg->x + 5, dlg->y + 5, 1, false));
	unmap(b, 1);
	focus_desktop(&srv, wa);
	assert_ptr_equal(server_focus(&srv), wa); /* back: nothing of b's shown yet */
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));
	mapped(b, 3, 300, 300, 150, 80, false);
	assert_ptr_equal(server_focus(&srv), wa);
	/* (its second such window within the minute: "Save as" was the first) */
	assert_string_equal(srv.notice.text,
			    "b opened a second window; keys go to a; click it to type there");
	domain_destroy(b);
	domain_destroy(a);
}

/* New-user trial 9 #4 (sway): the window manager focuses b's window a
 * moment before the click it comes from reaches the daemon: refused, with
 * a notice; the click gives b the keys, and the notice, false now, goes. */
static void test_refusal_notice_settled_by_click(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *wa = shown_before(mapped(a, 1, 10, 10, 200, 100, false));
	struct window *wb = shown_before(mapped(b, 1, 300, 10, 200, 100, false));
	press_on(wa);
	focus_user_input(&srv, wa, FOCUS_INPUT_KEY); /* typing */
	srv.focus.acted_ms = 0;
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));
	focus_desktop(&srv, wb);
	assert_ptr_equal(server_focus(&srv), wa);
	assert_true(srv.notice.shown);
	assert_non_null(strstr(srv.notice.text, "window wanted the focus; keys still go to a"));
	focus_user_input(&srv, wb, FOCUS_INPUT_CLICK);
	assert_ptr_equal(server_focus(&srv), wb);
	assert_false(srv.notice.shown);
	domain_destroy(b);
	domain_destroy(a);
}

/* New-user trial 9 #2 (c): sway focused a session's first window on its map
 * and again later: one notice, not "a new window" and then "a window". */
static void test_new_window_refused_twice_one_notice(void **state)
{
	(void)state;
	struct domain *b = connected(&cfg_b);
	struct window *wb = mapped(b, 1, 300, 10, 200, 100, false);
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));
	srv.focus.gone_ms = 0; /* (the test before: a domain with the keys went) */
	focus_desktop(&srv, wb);
	assert_null(server_focus(&srv));
	assert_string_equal(srv.notice.text,
			    "b: a new window wanted the focus; click it to type there");
	focus_desktop(&srv, NULL);
	wb->mapped_ms -= 10 * FOCUS_CHOICE_MS;
	memset(&b->rl[RL_FOCUS], 0, sizeof(b->rl[RL_FOCUS]));
	focus_desktop(&srv, wb);
	assert_string_equal(srv.notice.text,
			    "b: a new window wanted the focus; click it to type there");
	domain_destroy(b);
}

/* New-user trial 9 #2 (b): vitrine stop removed the domain whose window
 * had the keys, and the window manager focused another domain's window:
 * the notice names the domain that went, not the one focused. */
static void test_stopped_domain_fallback_notice(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *wa = shown_before(mapped(a, 1, 10, 10, 200, 100, false));
	struct window *wb = shown_before(mapped(b, 1, 300, 10, 200, 100, false));
	press_on(wb);
	focus_user_input(&srv, wb, FOCUS_INPUT_KEY); /* typing */
	srv.focus.acted_ms = 0;
	domain_destroy(b);
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));
	focus_desktop(&srv, wa);
	assert_null(server_focus(&srv));
	assert_string_equal(srv.notice.text, "b: the window with the keys closed; keys go to no "
					     "window; click one to type there");
	domain_destroy(a);
}

/* New-user trial 10 #1: the user minimized the window with the keys (the
 * window manager's button; or its domain did it itself), and openbox
 * focused another domain's window: the keys leave the minimized window
 * (they stayed there, typed into a window no longer on the screen, while
 * openbox showed the other one active); back to the window that had them
 * before it, as for a closed one. */
static void test_minimized_window_loses_keys(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *wa = shown_before(mapped(a, 1, 10, 10, 200, 100, false));
	struct window *wb = shown_before(mapped(b, 1, 300, 10, 200, 100, false));
	struct window *wc = shown_before(mapped(b, 2, 300, 300, 200, 100, false));
	press_on(wa);
	focus_user_input(&srv, wa, FOCUS_INPUT_KEY); /* typing */
	srv.focus.acted_ms = 0;
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));
	window_desktop_state(wa, WIN_STATE_MINIMIZED); /* the window manager's button */
	focus_desktop(&srv, wb);
	assert_null(server_focus(&srv));
	assert_string_equal(srv.notice.text,
			    "a: the window with the keys was minimized; keys go to "
			    "no window; click one to type there");
	/* its domain minimizes it itself; the window manager focuses the
	 * window that had the keys before it: they go back there */
	window_desktop_state(wa, 0);
	press_on(wc);
	focus_user_input(&srv, wc, FOCUS_INPUT_KEY);
	press_on(wa);
	focus_user_input(&srv, wa, FOCUS_INPUT_KEY);
	srv.focus.acted_ms = 0;
	assert_ptr_equal(server_focus(&srv), wa);
	window_guest_wish(wa, VP_WM_MINIMIZED);
	focus_desktop(&srv, wc);
	assert_ptr_equal(server_focus(&srv), wc);
	domain_destroy(b);
	domain_destroy(a);
}

/* New-user trial 14 #1: a pager switched the workspace (or a task bar
 * minimized the window with the keys), and the window manager's focus
 * change to another domain's window came before the window's hidden state
 * (_NET_WM_STATE_HIDDEN): refused then, as a window wanting the focus, the
 * keys stayed with the hidden window and were typed into it. When it is
 * hidden they leave it: for no window, or for the window the window
 * manager focused if it is the same domain's or had the keys before (never
 * for one the user did not choose: review of 2026-12-03). */
static void test_focus_change_before_hidden(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *wa = shown_before(mapped(a, 1, 10, 10, 200, 100, false));
	struct window *wb = shown_before(mapped(b, 1, 300, 10, 200, 100, false));
	press_on(wa);
	focus_user_input(&srv, wa, FOCUS_INPUT_KEY);
	srv.focus.acted_ms = 0;
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen));
	focus_desktop(&srv, wb); /* first: refused, wa still shown */
	assert_ptr_equal(server_focus(&srv), wa);
	window_desktop_state(wa, WIN_STATE_MINIMIZED); /* then hidden */
	assert_null(server_focus(&srv));
	assert_string_equal(srv.notice.text,
			    "a: the window with the keys was minimized; keys go to "
			    "no window; click one to type there");
	/* the window manager's refused focus is on the window that had the
	 * keys before a's: they follow it there */
	window_desktop_state(wa, 0);
	press_on(wb);
	focus_user_input(&srv, wb, FOCUS_INPUT_KEY);
	press_on(wa);
	focus_user_input(&srv, wa, FOCUS_INPUT_KEY);
	srv.focus.acted_ms = 0;
	assert_ptr_equal(server_focus(&srv), wa);
	focus_desktop(&srv, wb);
	assert_ptr_equal(server_focus(&srv), wa);
	window_desktop_state(wa, WIN_STATE_MINIMIZED);
	assert_ptr_equal(server_focus(&srv), wb);
	domain_destroy(b);
	domain_destroy(a);
}

/* New-user trial 13 #1: the user clicks into b's window while a's has the
 * keys; the window manager, busy (xdotool had typed characters the layout
 * lacks into a's window: a flood of keymap changes), focuses b's a moment
 * later, and the user's next keys came first, to a's window (a raw key,
 * then the key on a's window): the click is still the user's choice, and
 * the keys go to b once the window manager focused it. The wheel over b's
 * window is no such choice. */
static void test_click_survives_early_keys(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *wa = settled(mapped(a, 1, 10, 10, 200, 100, false));
	struct window *wb = settled(mapped(b, 1, 300, 10, 200, 100, false));
	user_focus(wa);
	focus_user_input(&srv, wb, FOCUS_INPUT_DESKTOP_CLICK); /* the raw press on b's window */
	focus_user_input(&srv, wb, FOCUS_INPUT_DESKTOP_RELEASE);
	for (int i = 0; i < 3; i++) {
		/* a raw key and the key on a's window, pressed and released */
		focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
		focus_user_input(&srv, wa, FOCUS_INPUT_KEY);
		focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP_RELEASE);
		focus_user_input(&srv, wa, FOCUS_INPUT_KEY);
	}
	focus_desktop(&srv, wb);
	assert_ptr_equal(server_focus(&srv), wb);
	/* used once: the keys back to a (Alt+Tab), b's window later asking is
	 * not chosen by that click */
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
	focus_desktop(&srv, wa);
	assert_ptr_equal(server_focus(&srv), wa);
	focus_user_input(&srv, wa, FOCUS_INPUT_KEY);
	focus_desktop(&srv, wb);
	assert_ptr_equal(server_focus(&srv), wa);
	/* the wheel over b's window is no click */
	focus_desktop(&srv, wa);
	focus_user_input(&srv, wb, FOCUS_INPUT_DESKTOP);
	for (int i = 0; i < 2; i++) {
		focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
		focus_user_input(&srv, wa, FOCUS_INPUT_KEY);
	}
	focus_desktop(&srv, wb);
	assert_ptr_equal(server_focus(&srv), wa);
	domain_destroy(b);
	domain_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answer_window_not_back),
		cmocka_unit_test(test_refusal_notice_settled_by_click),
		cmocka_unit_test(test_stopped_domain_fallback_notice),
		cmocka_unit_test(test_new_window_refused_twice_one_notice),
		cmocka_unit_test(test_minimized_window_loses_keys),
		cmocka_unit_test(test_focus_change_before_hidden),
		cmocka_unit_test(test_click_survives_early_keys),
	};
	return cmocka_run_group_tests(tests, setup_wm, teardown);
}
