/*
 * What the unit tests of the focus rule and the click guard (test-focus.c, test-focus-fallback.c,
 * test-focus-notice.c, test-clickguard*.c, test-menu-focus.c) share: policy-fixture.h's core, with
 * a backend that says a desktop's window manager is there (setup_wm), and the user's actions as the
 * x11 backend reports them.
 */
#ifndef VITRINE_TEST_FOCUS_FIXTURE_H
#define VITRINE_TEST_FOCUS_FIXTURE_H

#include <string.h>

#include "gui-daemon/clickguard.h"
#include "gui-daemon/focus.h"
#include "gui-daemon/pace.h"
#include "gui-daemon/props.h"
#include "policy-fixture.h"

/* win appeared a moment ago (its map and the test's actions would
 * otherwise fall in the same millisecond). */
static inline struct window *shown_before(struct window *win)
{
	win->mapped_ms -= 100;
	return win;
}

/* win was shown long enough ago to be aimed at (clickguard.h). */
static inline struct window *settled(struct window *win)
{
	win->mapped_ms -= 10 * CLICK_GUARD_MS;
	win->moved_ms = 0;
	return win;
}

/* The user presses on win (its title bar: the raw event names it), and the
 * window manager focuses it, as the x11 backend reports them. */
static inline void press_on(struct window *win)
{
	focus_user_input(&srv, win, FOCUS_INPUT_DESKTOP);
	focus_desktop(&srv, win);
}

/* The rule is for a desktop's window manager: the backend says it has one
 * (focus_window_leaving, the daemon's own rule, is then not used). */
static inline int setup_wm(void **state)
{
	static struct backend_ops wm_ops;
	int rc = setup(state);
	wm_ops = *srv.backend->ops;
	wm_ops.caps |= BACKEND_CAP_WM;
	srv.backend->ops = &wm_ops;
	return rc;
}

#endif
