/* Unit tests for the rate of a domain's window property changes
 * (gui-daemon/props.c): the core as server_init builds it (headless), its
 * backend's window hook counted. A flood of titles (or of CONFIGUREs)
 * reaches the backend as the burst, then nothing until the rate allows; the newest title is what
 * goes then, once; an unchanged title or flag is no change at all; a window
 * destroyed while its changes wait leaves nothing behind; other domains
 * are not held for one domain's flood. */
#include "core-fixture.h"

#include <stdio.h>
#include <string.h>

#include "gui-daemon/pace.h"
#include "gui-daemon/props.h"
#include "gui-daemon/tray.h"
#include "gui-daemon/window.h"

static struct backend_ops ops;
static unsigned calls, last_what;

static void window_changed(struct backend *b, struct window *win, unsigned what)
{
	calls++;
	last_what = what;
	headless_backend_ops.window_changed(b, win, what);
}

static int setup_props(void **state)
{
	if (setup(state) < 0)
		return -1;
	ops = headless_backend_ops;
	ops.window_changed = window_changed;
	srv.backend->ops = &ops;
	return 0;
}

static struct window *window(struct domain *d, uint32_t id)
{
	struct vp_msg c = { .type = VP_CREATE, .window = id };
	c.u.create.r = (struct vp_rect){ 10, 10, 64, 32 };
	assert_null(domain_handle_msg(d, &c));
	struct window *win = domain_find_window(d, id);
	assert_non_null(win);
	return win;
}

static void title(struct domain *d, uint32_t id, const char *t)
{
	struct vp_msg m = { .type = VP_TITLE, .window = id };
	m.u.title = (struct vp_string){ (uint32_t)strlen(t), (const uint8_t *)t };
	assert_null(domain_handle_msg(d, &m));
}

static void wmflags(struct domain *d, uint32_t id, uint32_t f)
{
	struct vp_msg m = { .type = VP_WMFLAGS, .window = id };
	m.u.wmflags = f;
	assert_null(domain_handle_msg(d, &m));
}

static void test_flood_held_newest_goes(void **state)
{
	(void)state;
	struct domain *d = greeted();
	struct window *win = window(d, 9);
	char t[32];
	calls = 0;
	for (unsigned i = 0; i < 1000; i++) {
		snprintf(t, sizeof(t), "title %u", i);
		title(d, 9, t);
	}
	/* the burst less the window's creation (its placement), and at most
	 * one more for the time the loop took */
	assert_in_range(calls, PROPS_BURST - 1, PROPS_BURST + 1);
	assert_int_equal(win->props_held, WIN_CHANGED_TITLE);
	assert_false(list_empty(&srv.props.held));
	assert_true(srv.props.held_total >= 1000 - PROPS_BURST - 1);
	props_flush(&srv, pace_now_ns());
	assert_true(srv.props.timer.armed); /* for when the rate allows the next */
	/* a second later: the held change goes once, with the newest title */
	unsigned before = calls;
	props_flush(&srv, pace_now_ns() + 1000000000ull);
	assert_int_equal(calls, before + 1);
	assert_int_equal(last_what, WIN_CHANGED_TITLE);
	assert_string_equal(win->title, "title 999");
	assert_int_equal(win->props_held, 0);
	assert_true(list_empty(&srv.props.held));
	props_flush(&srv, pace_now_ns() + 1000000000ull);
	assert_false(srv.props.timer.armed); /* nothing held: disarmed */
	window_destroy(win);
	domain_destroy(d);
}

static void test_configure_flood(void **state)
{
	(void)state;
	struct domain *d = greeted();
	struct window *win = window(d, 9);
	calls = 0;
	for (int32_t i = 0; i < 1000; i++) {
		struct vp_msg m = { .type = VP_CONFIGURE, .window = 9 };
		m.u.configure.r = (struct vp_rect){ 10 + i % 100, 20, 40 + (uint32_t)i % 50, 30 };
		assert_null(domain_handle_msg(d, &m));
	}
	assert_in_range(calls, PROPS_BURST - 1, PROPS_BURST + 1);
	assert_int_equal(win->props_held, WIN_CHANGED_GEOMETRY);
	calls = 0;
	props_flush(&srv, pace_now_ns() + 1000000000ull);
	assert_int_equal(calls, 1);
	assert_int_equal(last_what, WIN_CHANGED_GEOMETRY);
	assert_int_equal(win->w, 40 + 999 % 50); /* the scene has the newest */
	window_destroy(win);
	domain_destroy(d);
}

static void test_unchanged_is_nothing(void **state)
{
	(void)state;
	struct domain *d = greeted();
	struct window *win = window(d, 9);
	title(d, 9, "same");
	wmflags(d, 9, 1);
	calls = 0;
	for (unsigned i = 0; i < 1000; i++) {
		title(d, 9, "same");
		wmflags(d, 9, 1);
	}
	assert_int_equal(calls, 0);
	assert_int_equal(win->props_held, 0);
	window_destroy(win);
	domain_destroy(d);
}

static void test_gone_while_held(void **state)
{
	(void)state;
	struct domain *d = greeted();
	struct window *a = window(d, 9), *b = window(d, 10);
	char t[32];
	for (unsigned i = 0; i < 2 * PROPS_BURST; i++) {
		snprintf(t, sizeof(t), "a %u", i);
		title(d, 9, t);
	}
	wmflags(d, 10, 8); /* held behind a's */
	assert_int_equal(b->props_held, WIN_CHANGED_FLAGS);
	assert_int_equal(a->props_held, WIN_CHANGED_TITLE);
	window_destroy(a);
	calls = 0;
	props_flush(&srv, pace_now_ns() + 1000000000ull);
	assert_int_equal(calls, 1); /* b's alone */
	assert_int_equal(last_what, WIN_CHANGED_FLAGS);
	assert_true(list_empty(&srv.props.held));
	window_destroy(b);
	domain_destroy(d);
}

static void test_other_domain_not_held(void **state)
{
	(void)state;
	struct domain *d = greeted(), *e = greeted();
	window(d, 9);
	struct window *w = window(e, 9);
	char t[32];
	for (unsigned i = 0; i < 1000; i++) {
		snprintf(t, sizeof(t), "flood %u", i);
		title(d, 9, t);
	}
	calls = 0;
	title(e, 9, "calm");
	assert_int_equal(calls, 1);
	assert_int_equal(w->props_held, 0);
	domain_destroy(e);
	domain_destroy(d);
	assert_true(list_empty(&srv.props.held));
}

static unsigned tray_calls;
static void tray_shown(struct backend *b, struct tray_icon *t, unsigned what)
{
	tray_calls += what == TRAY_SHOW;
	headless_backend_ops.tray(b, t, what);
}

/* A tray icon's titles and pixels go at the domain's rate too, the newest
 * held (hostile-domain trial 4: 238,000 TRAY_TITLEs kept openbox busy for
 * minutes); an unchanged title or icon is nothing. */
static void test_tray_flood(void **state)
{
	(void)state;
	struct domain *d = greeted();
	ops.tray = tray_shown;
	uint8_t px[4 * 16 * 16];
	memset(px, 0x80, sizeof(px));
	struct vp_msg im = { .type = VP_TRAY_ICON, .window = 3 };
	im.u.icon = (struct vp_icon){ 16, 16, px };
	assert_null(domain_handle_msg(d, &im));
	struct tray_icon *t = d->tray.icons[0] ? d->tray.icons[0] : d->tray.icons[1];
	assert_non_null(t);
	tray_calls = 0;
	assert_null(domain_handle_msg(d, &im)); /* the same pixels: nothing */
	assert_int_equal(tray_calls, 0);
	char text[32];
	for (unsigned i = 0; i < 1000; i++) {
		snprintf(text, sizeof(text), "tray %u", i);
		struct vp_msg m = { .type = VP_TRAY_TITLE, .window = 3 };
		m.u.title = (struct vp_string){ (uint32_t)strlen(text), (const uint8_t *)text };
		assert_null(domain_handle_msg(d, &m));
	}
	assert_in_range(tray_calls, PROPS_BURST - 2, PROPS_BURST + 1);
	assert_true(t->held);
	tray_calls = 0;
	props_flush(&srv, pace_now_ns() + 1000000000ull); /* a second later: once, the newest */
	assert_int_equal(tray_calls, 1);
	assert_false(t->held);
	assert_non_null(strstr(t->name, "tray 999"));
	props_flush(&srv, pace_now_ns() + 2000000000ull);
	assert_int_equal(tray_calls, 1);
	ops.tray = headless_backend_ops.tray;
	domain_destroy(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flood_held_newest_goes),
		cmocka_unit_test(test_configure_flood),
		cmocka_unit_test(test_unchanged_is_nothing),
		cmocka_unit_test(test_gone_while_held),
		cmocka_unit_test(test_other_domain_not_held),
		cmocka_unit_test(test_tray_flood),
	};
	return cmocka_run_group_tests(tests, setup_props, teardown);
}
