/*
 * Unit tests of the focus rule on a desktop with a window manager
 * (gui-daemon/focus.h): the window manager's own choices after the user's
 * key binding or a window that went (Alt+Tab, Alt+F4, the fallback on the
 * window that had the keys before), which are followed and which not.
 */
#include "focus-fixture.h"

/* A key or a button on none of ours (a window manager's binding, a taskbar,
 * a host window) chooses another domain's window while the window with the
 * keys is still shown (Alt+Tab, a taskbar's entry); once that window went
 * (closed with Alt+F4), or when a host window had the keys (its dialog's OK
 * clicked), the window manager's fallback is followed to the domain that
 * had the keys last only (hostile-domain trial 7: a window of another
 * domain, held next in openbox's focus order, took a password typed after
 * Alt+F4 closed a dialog). */
static void test_desktop_action_fallback(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	/* (shown long enough for Alt+Tab to choose them: FOCUS_SETTLE_MS) */
	struct window *wa = settled(mapped(a, 1, 10, 10, 200, 100, false));
	struct window *wb = settled(mapped(b, 1, 300, 10, 200, 100, false));
	/* Alt+Tab from wa, still shown: followed */
	user_focus(wa);
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
	focus_desktop(&srv, wb);
	assert_ptr_equal(server_focus(&srv), wb);
	/* a's dialog has the keys; Alt+F4 (a key the window manager takes)
	 * closes it; the fallback on b's window is not followed, nor is b's
	 * window the keys go to; a's main window is */
	struct window *dialog = shown_before(mapped(a, 2, 50, 50, 100, 50, false));
	user_focus(dialog);
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
	memset(srv.notice.seen, 0, sizeof(srv.notice.seen)); /* no repeats of the above */
	unmap(a, 2);
	focus_desktop(&srv, wb);
	assert_ptr_not_equal(server_focus(&srv), wb);
	assert_non_null(strstr(srv.notice.text, "a: the window with the keys closed"));
	focus_desktop(&srv, wa);
	assert_ptr_equal(server_focus(&srv), wa);
	/* as openbox did it in the trial: its fallback on a's main window
	 * (followed), Alt's and F4's releases, then b's held window: not
	 * followed (the press's focus change had come) */
	remap(a, 2, false);
	shown_before(dialog);
	user_focus(dialog);
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
	unmap(a, 2);
	focus_desktop(&srv, NULL);
	focus_desktop(&srv, wa);
	assert_ptr_equal(server_focus(&srv), wa);
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP_RELEASE);
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP_RELEASE);
	focus_desktop(&srv, wb);
	assert_ptr_equal(server_focus(&srv), wa);
	/* a host window takes the focus from wa (keys to none of ours), long
	 * enough ago; its OK clicked, it goes: b's window is not followed, a's
	 * (the domain that had the keys last) is */
	focus_desktop(&srv, NULL);
	assert_null(server_focus(&srv));
	srv.focus.had_keys_ms -= FOCUS_CHOICE_MS + 1;
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
	focus_desktop(&srv, wb);
	assert_null(server_focus(&srv));
	focus_desktop(&srv, wa);
	assert_ptr_equal(server_focus(&srv), wa);
	domain_destroy(b);
	domain_destroy(a);
}

/* The window manager's key binding (Alt+Tab) chooses another domain's
 * window only if it was shown FOCUS_SETTLE_MS before the key and not mapped
 * again since the keys came to theirs: openbox puts a window it maps
 * unfocused next in its Alt+Tab order (hostile-domain trial 11 #5: b mapped
 * its window again every 0.7 s, and the user's Alt+Tab between two of a's
 * windows went there with the keys). */
static void test_alt_tab_to_fresh_window(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *w1 = settled(mapped(a, 1, 10, 10, 200, 100, false));
	struct window *w2 = settled(mapped(a, 2, 10, 300, 200, 100, false));
	struct window *wb = settled(mapped(b, 1, 300, 10, 200, 100, false));
	user_focus(w1);
	srv.focus.keys_ms -= 5000; /* the user has typed in w1 a while */
	/* mapped again, 1.5 s ago: not chosen */
	unmap(b, 1);
	remap(b, 1, false);
	wb->mapped_ms -= 1500;
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
	focus_desktop(&srv, wb);
	assert_ptr_equal(server_focus(&srv), w1);
	/* the user's next Alt+Tab, to w2: followed (the focused domain's) */
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
	focus_desktop(&srv, w2);
	assert_ptr_equal(server_focus(&srv), w2);
	/* a window shown for the first time just now: not chosen */
	struct window *nb = shown_before(mapped(b, 2, 300, 300, 200, 100, false));
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
	focus_desktop(&srv, nb);
	assert_ptr_equal(server_focus(&srv), w2);
	/* shown once, long enough before the key: chosen */
	nb->mapped_ms -= FOCUS_SETTLE_MS;
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
	focus_desktop(&srv, nb);
	assert_ptr_equal(server_focus(&srv), nb);
	server_notice_hide(&srv);
	domain_destroy(b);
	domain_destroy(a);
}

/* A dialog of another domain, clicked into and answered with its own
 * button, goes: the window manager's fallback on the window that had the
 * keys before it is followed (new-user trial 7: the keys went nowhere, and
 * the notice blamed that window's domain); on any other window of another
 * domain it is not. */
static void test_back_to_previous_window(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	struct window *wa = shown_before(mapped(a, 1, 10, 10, 200, 100, false));
	struct window *wa2 = shown_before(mapped(a, 2, 10, 300, 200, 100, false));
	press_on(wa);
	assert_ptr_equal(server_focus(&srv), wa);
	struct window *dlg = shown_before(mapped(b, 1, 300, 10, 100, 50, false));
	press_on(dlg);
	focus_user_input(&srv, dlg, FOCUS_INPUT_CLICK);
	assert_ptr_equal(server_focus(&srv), dlg);
	window_destroy(dlg);
	focus_desktop(&srv, wa);
	assert_ptr_equal(server_focus(&srv), wa);
	/* new-user trial 11 D6: the keys go from wa to b's editor (its close
	 * box clicked), then to its "Save changes?" (the answer to the close);
	 * "Don't Save" clicked, both go: the fallback on wa is followed */
	struct window *ed = shown_before(mapped(b, 8, 300, 200, 200, 100, false));
	press_on(wa);
	press_on(ed);
	struct window *ask = shown_before(mapped(b, 9, 320, 220, 100, 50, false));
	focus_desktop(&srv, ask); /* b's own, b has the keys */
	assert_ptr_equal(server_focus(&srv), ask);
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
	focus_user_input(&srv, ask, FOCUS_INPUT_CLICK);
	unmap(b, 9);
	unmap(b, 8);
	focus_desktop(&srv, wa);
	assert_ptr_equal(server_focus(&srv), wa);
	/* the same, the window manager falling back on a's other window:
	 * not followed (it held no keys) */
	dlg = shown_before(mapped(b, 2, 300, 10, 100, 50, false));
	press_on(dlg);
	focus_user_input(&srv, dlg, FOCUS_INPUT_CLICK);
	unmap(b, 2);
	focus_desktop(&srv, wa2);
	assert_null(server_focus(&srv));
	/* the desktop's focus passes through none of ours between the
	 * user's clicks on the dialog, before and after its button's click
	 * (openbox did, in CI): the fallback on wa is still followed */
	press_on(wa);
	dlg = shown_before(mapped(b, 4, 300, 10, 100, 50, false));
	press_on(dlg);
	focus_user_input(&srv, dlg, FOCUS_INPUT_CLICK);
	focus_desktop(&srv, NULL);
	focus_desktop(&srv, dlg);
	assert_ptr_equal(server_focus(&srv), dlg);
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
	focus_user_input(&srv, dlg, FOCUS_INPUT_CLICK);
	focus_desktop(&srv, NULL);
	assert_null(server_focus(&srv));
	unmap(b, 4);
	focus_desktop(&srv, wa);
	assert_ptr_equal(server_focus(&srv), wa);
	/* the same, the dialog destroyed rather than unmapped */
	dlg = shown_before(mapped(b, 5, 300, 10, 100, 50, false));
	press_on(dlg);
	focus_user_input(&srv, dlg, FOCUS_INPUT_CLICK);
	focus_desktop(&srv, NULL);
	window_destroy(dlg);
	focus_desktop(&srv, wa);
	assert_ptr_equal(server_focus(&srv), wa);
	/* the keys went to no window by another way than the window
	 * manager's focus change (the router's), then back to the dialog: the
	 * window to go back to is kept (x11-focus 3b' in CI: "untrusted /
	 * none / untrusted / none", then openbox's fallback on work's xterm
	 * refused) */
	press_on(wa);
	dlg = shown_before(mapped(b, 12, 300, 10, 100, 50, false));
	press_on(dlg);
	focus_user_input(&srv, dlg, FOCUS_INPUT_CLICK);
	input_focus(srv.input, NULL);
	focus_desktop(&srv, dlg);
	assert_ptr_equal(server_focus(&srv), dlg);
	window_destroy(dlg);
	focus_desktop(&srv, wa);
	assert_ptr_equal(server_focus(&srv), wa);
	/* b's window had the keys, then a host window, long ago; b destroys
	 * it and the window manager focuses b's other window: not followed
	 * (its destroy does not make b the domain that had the keys last) */
	struct window *wb6 = shown_before(mapped(b, 6, 300, 300, 100, 50, false));
	struct window *wb7 = shown_before(mapped(b, 7, 400, 300, 100, 50, false));
	press_on(wb6);
	focus_desktop(&srv, NULL);
	srv.focus.had_keys_ms -= 60000;
	srv.focus.acted_ms -= 60000;
	window_destroy(wb6);
	focus_desktop(&srv, wb7);
	assert_null(server_focus(&srv));
	/* review: b's window had the keys, then a host window; long after,
	 * b maps it again and the window manager focuses it (sway does, for
	 * every new window): not followed, nor after a click on the host
	 * window (b's window was mapped after the keys left it) */
	struct window *wb = shown_before(mapped(b, 3, 300, 300, 100, 50, false));
	press_on(wb);
	assert_ptr_equal(server_focus(&srv), wb);
	focus_desktop(&srv, NULL);
	assert_null(server_focus(&srv));
	srv.focus.prev_ms[0] -= 60000;
	srv.focus.had_keys_ms -= 60000;
	srv.focus.gone_ms -= 60000;
	unmap(b, 3);
	remap(b, 3, false);
	focus_desktop(&srv, wb);
	assert_null(server_focus(&srv));
	focus_user_input(&srv, NULL, FOCUS_INPUT_DESKTOP);
	focus_desktop(&srv, wb);
	assert_null(server_focus(&srv));
	domain_destroy(b);
	domain_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_desktop_action_fallback),
		cmocka_unit_test(test_alt_tab_to_fresh_window),
		cmocka_unit_test(test_back_to_previous_window),
	};
	return cmocka_run_group_tests(tests, setup_wm, teardown);
}
