/* Unit tests for vitrine run's display names (tools/vitrine-display.c): the
 * names of one display are one display (review of 2026-12-03: `vitrine run`
 * on DISPLAY=localhost:0 refused the daemon on :0); others are not. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <unistd.h>

#include "tools/vitrine.h"

/* (daemon_display_check's, not under test) */
int die(const char *fmt, ...)
{
	(void)fmt;
	fail();
	return 1;
}
bool dir_file(const char *dir, const char *name, char *buf, size_t cap)
{
	(void)dir, (void)name, (void)buf, (void)cap;
	fail();
	return false;
}
void printable(char *s)
{
	(void)s;
	fail();
}

static void test_same(void **state)
{
	(void)state;
	char me[256] = "", named[300];
	static const char *const zero[] = {
		":0",	       ":0.0",	  "unix:0",	   "localhost:0",
		"127.0.0.1:0", "[::1]:0", "localhost:0.0", "/tmp/.X11-unix/X0"
	};
	for (size_t i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		for (size_t j = 0; j < sizeof(zero) / sizeof(zero[0]); j++)
			assert_true(display_same(zero[i], zero[j]));
	assert_int_equal(gethostname(me, sizeof(me) - 1), 0);
	snprintf(named, sizeof(named), "%s:0", me);
	assert_true(display_same(named, ":0"));
}

static void test_other(void **state)
{
	(void)state;
	assert_false(display_same(":0", ":1"));
	assert_false(display_same(":0", ":10"));
	assert_false(display_same(":0", ":0.1"));
	assert_false(display_same("localhost:0", "otherhost.example:0"));
	assert_false(display_same("/tmp/.X11-unix/X0", "/tmp/.X11-unix/X1"));
	assert_false(display_same(":0", "/tmp/.X11-unix/X0x"));
	assert_false(display_same("wayland-0", ":0"));
	assert_true(display_same("wayland-0", "wayland-0")); /* as they are */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_other),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
