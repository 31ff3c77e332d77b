/* Unit tests for vitrine run's display names (tools/vitrine-display.c): the
 * names of one display are one display (review of 2026-12-03: `vitrine run`
 * on DISPLAY=unix:0 or /tmp/.X11-unix/X0 refused the daemon on :0); others,
 * localhost:N too (TCP, ssh's forwarding), are not. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

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
	static const char *const zero[] = { ":0", ":0.0", "unix:0", "unix:0.0",
					    "/tmp/.X11-unix/X0" };
	for (size_t i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		for (size_t j = 0; j < sizeof(zero) / sizeof(zero[0]); j++)
			assert_true(display_same(zero[i], zero[j]));
	assert_true(display_same("localhost:10.0", "localhost:10"));
}

static void test_other(void **state)
{
	(void)state;
	assert_false(display_same(":0", ":1"));
	assert_false(display_same(":0", ":10"));
	assert_false(display_same(":0", ":0.1"));
	assert_false(display_same("localhost:0", "otherhost.example:0"));
	/* TCP: ssh's X forwarding, while a local :10 has no TCP (review) */
	assert_false(display_same("localhost:10.0", ":10"));
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
