/*
 * Unit tests of the trusted notice (gui-daemon/notice.c) on the core as
 * server_init builds it with the headless backend: a notice is composited
 * over the output at the top centre; its timerfd is armed only while it is
 * shown and takes it down through the event loop; nothing is drawn while
 * the screen is locked, and locking takes a shown notice down.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/timerfd.h>

#include <cmocka.h>

#include "decorations/deco-notice.h"
#include "gui-daemon/backend.h"
#include "gui-daemon/policy.h"
#include "gui-daemon/server.h"

#define W 800
#define H 600
#define BACKGROUND 0x2e3436

static struct server srv;

static int setup(void **state)
{
	(void)state;
	memset(&srv, 0, sizeof(srv));
	vlog_quiet = true;
	srv.cfg.width = W;
	srv.cfg.height = H;
	assert_int_equal(server_init(&srv, &headless_backend_ops), 0);
	server_repaint(&srv);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	server_finish(&srv);
	return 0;
}

static uint32_t px(int x, int y)
{
	pixman_image_t *img = srv.backend->ops->output(srv.backend);
	const uint32_t *d = pixman_image_get_data(img);
	return d[(size_t)y * (size_t)(pixman_image_get_stride(img) / 4) + (size_t)x] & 0xffffff;
}

static bool armed(void)
{
	struct itimerspec it;
	assert_int_equal(timerfd_gettime(srv.notice.fd, &it), 0);
	return it.it_value.tv_sec || it.it_value.tv_nsec;
}

/* Is a notice drawn at the top centre (border, plate)? */
static bool drawn(void)
{
	return px(W / 2, 0) == DECO_NOTICE_FG && px(W / 2, DECO_NOTICE_BORDER) != BACKGROUND &&
	       px(0, 0) == BACKGROUND;
}

static void test_shown_then_taken_down_by_its_timer(void **state)
{
	(void)state;
	assert_false(armed());
	assert_int_equal(px(W / 2, 0), BACKGROUND);
	server_notice(&srv, "copied %d bytes from %s", 24, "work");
	assert_true(srv.notice.shown);
	assert_string_equal(srv.notice.text, "copied 24 bytes from work");
	assert_true(armed());
	server_repaint(&srv);
	assert_true(drawn());
	/* the time is up (as if NOTICE_MS had passed): the loop takes it down */
	struct itimerspec soon = { .it_value = { 0, 1000 } };
	assert_int_equal(timerfd_settime(srv.notice.fd, 0, &soon, NULL), 0);
	for (int i = 0; i < 100 && srv.notice.shown; i++)
		assert_int_equal(server_dispatch(&srv, 100), 0);
	assert_false(srv.notice.shown);
	assert_false(armed()); /* no timer while idle */
	assert_int_equal(px(W / 2, 0), BACKGROUND);
	assert_int_equal(px(W / 2, DECO_NOTICE_HEIGHT / 2), BACKGROUND);
}

static void test_a_notice_replaces_the_last(void **state)
{
	(void)state;
	server_notice(&srv, "%s", "a much longer notice than the one after it, to be wide");
	server_repaint(&srv);
	assert_true(drawn());
	assert_int_equal(px(W / 2 - 200, 0), DECO_NOTICE_FG);
	server_notice(&srv, "short");
	server_repaint(&srv);
	assert_true(drawn());
	assert_int_equal(px(W / 2 - 200, 0), BACKGROUND); /* nothing left of the wide one */
	assert_string_equal(srv.notice.text, "short");
	server_notice_hide(&srv);
	server_repaint(&srv);
	assert_false(armed());
	assert_int_equal(px(W / 2, 0), BACKGROUND);
}

static void test_long_text_cut_on_a_character(void **state)
{
	(void)state;
	char text[400];
	memset(text, 'x', sizeof(text));
	memcpy(text + NOTICE_MAX - 2, "\xc3\xa9", 2); /* é across the cut */
	text[sizeof(text) - 1] = '\0';
	server_notice(&srv, "%s", text);
	assert_int_equal(strlen(srv.notice.text), NOTICE_MAX - 2);
	server_repaint(&srv);
	/* wider than the output: the banner is as wide as it, the text cut */
	assert_int_equal(px(0, 0), DECO_NOTICE_FG);
	assert_int_equal(px(W - 1, 0), DECO_NOTICE_FG);
	assert_int_equal(px(W / 2, DECO_NOTICE_HEIGHT), BACKGROUND);
	server_notice_hide(&srv);
}

static void test_nothing_over_the_locker(void **state)
{
	(void)state;
	server_notice(&srv, "shown");
	assert_true(srv.notice.shown);
	policy_set_locked(&srv, true);
	assert_false(srv.notice.shown);
	assert_false(armed());
	server_notice(&srv, "while locked");
	assert_false(srv.notice.shown);
	assert_false(armed());
	server_repaint(&srv);
	assert_int_equal(px(W / 2, 0), BACKGROUND);
	policy_set_locked(&srv, false);
	server_notice(&srv, "after");
	assert_true(srv.notice.shown);
	server_notice_hide(&srv);
}

/* A domain's notice again (the same text) within NOTICE_REPEAT_MS of the
 * last time it came: not shown again; another text, or the same later, is. */
static void test_a_domain_notice_repeated_is_shown_once(void **state)
{
	(void)state;
	const char *a = "untrusted: a window wanted the focus; keys still go to work";
	server_notice_domain(&srv, "%s", a);
	assert_true(srv.notice.shown);
	server_repaint(&srv);
	assert_true(drawn());
	server_notice_hide(&srv);
	server_repaint(&srv);
	assert_false(drawn());
	/* the user clicks around: the same notice again at once */
	server_notice_domain(&srv, "%s", a);
	assert_false(srv.notice.shown);
	assert_false(armed());
	server_repaint(&srv);
	assert_false(drawn());
	/* another domain's, or another text: shown */
	server_notice_domain(&srv, "work: a window wanted the focus; keys still go to untrusted");
	assert_true(srv.notice.shown);
	server_notice_hide(&srv);
	/* the user's own actions are never held back */
	server_notice(&srv, "%s", "copied 3 bytes from work");
	server_notice_hide(&srv);
	server_notice(&srv, "%s", "copied 3 bytes from work");
	assert_true(srv.notice.shown);
	server_notice_hide(&srv);
	/* the rule in time: a repeat within NOTICE_REPEAT_MS of the last one
	 * (shown or not) is one; after a quiet NOTICE_REPEAT_MS it shows */
	struct notice n = { 0 };
	uint64_t t = 1000000;
	assert_false(notice_repeated(&n, "x: a", t));
	assert_true(notice_repeated(&n, "x: a", t + 3000));
	assert_true(notice_repeated(&n, "x: a", t + 3000 + NOTICE_REPEAT_MS - 1));
	assert_false(notice_repeated(&n, "x: b", t + 3000 + NOTICE_REPEAT_MS));
	assert_false(notice_repeated(&n, "x: a", t + 3000 + 2 * NOTICE_REPEAT_MS));
	/* more texts than it remembers: the oldest is forgotten */
	for (unsigned i = 0; i <= NOTICE_SEEN; i++) {
		char k[16];
		snprintf(k, sizeof(k), "k%u", i);
		assert_false(notice_repeated(&n, k, t + 4 * NOTICE_REPEAT_MS + i));
	}
	assert_false(notice_repeated(&n, "k0", t + 4 * NOTICE_REPEAT_MS + NOTICE_SEEN + 1));
	assert_true(notice_repeated(&n, "k8", t + 4 * NOTICE_REPEAT_MS + NOTICE_SEEN + 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_shown_then_taken_down_by_its_timer, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_notice_replaces_the_last, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_text_cut_on_a_character, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_over_the_locker, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_domain_notice_repeated_is_shown_once, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
