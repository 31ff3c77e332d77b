/* The rate limit of log lines a domain causes (gui-daemon/ratelog.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gui-daemon/ratelog.h"

/* A burst, then nothing until a period passed; the next line counts what
 * was suppressed. */
static void burst_then_one_per_period(void **state)
{
	(void)state;
	struct ratelog r = { 0 };
	unsigned sup = 99;
	uint64_t t = 1000;
	for (int i = 0; i < RATELOG_BURST; i++) {
		assert_true(ratelog_allow(&r, t, &sup));
		assert_int_equal(sup, 0);
	}
	for (int i = 0; i < 1000; i++)
		assert_false(ratelog_allow(&r, t + (uint64_t)i, &sup));
	assert_false(ratelog_allow(&r, t + RATELOG_PERIOD_MS - 1, &sup));
	assert_true(ratelog_allow(&r, t + RATELOG_PERIOD_MS, &sup));
	assert_int_equal(sup, 1001);
	assert_false(ratelog_allow(&r, t + RATELOG_PERIOD_MS + 1, &sup));
}

/* Thousands of refusals a second for a minute: a bounded number of lines. */
static void flood_is_bounded(void **state)
{
	(void)state;
	struct ratelog r = { 0 };
	unsigned sup, lines = 0, total = 0;
	for (uint64_t t = 0; t < 60000; t++) {
		for (int k = 0; k < 3; k++) {
			if (ratelog_allow(&r, t, &sup)) {
				lines++;
				total += 1 + sup;
			}
		}
	}
	assert_true(lines <= RATELOG_BURST + 60000 / RATELOG_PERIOD_MS);
	assert_true(lines >= 60000 / RATELOG_PERIOD_MS);
	/* every refusal is either logged or counted in a later line, but for
	 * those after the last line */
	assert_true(total + r.suppressed == 3 * 60000);
}

/* A quiet domain gets its whole burst back. */
static void quiet_refills(void **state)
{
	(void)state;
	struct ratelog r = { 0 };
	unsigned sup;
	for (int i = 0; i < RATELOG_BURST; i++)
		assert_true(ratelog_allow(&r, 0, &sup));
	assert_false(ratelog_allow(&r, 0, &sup));
	uint64_t later = (uint64_t)RATELOG_BURST * RATELOG_PERIOD_MS + 5;
	for (int i = 0; i < RATELOG_BURST; i++)
		assert_true(ratelog_allow(&r, later, &sup));
	assert_false(ratelog_allow(&r, later, &sup));
}

/* Every kind has a name, for the count of its suppressed lines. */
static void every_kind_named(void **state)
{
	(void)state;
	for (int k = 0; k < RL_KINDS; k++) {
		assert_non_null(ratelog_kind_name[k]);
		assert_true(ratelog_kind_name[k][0] != '\0');
	}
}

/* REFUSAL_LIMIT refusals within REFUSAL_PERIOD_MS are allowed, one more
 * is not; a period after the first one counted, the count starts again. */
static void refusals_bounded(void **state)
{
	(void)state;
	struct ratelog r = { 0 };
	uint64_t t = 5000;
	for (int i = 0; i < REFUSAL_LIMIT; i++)
		assert_false(ratelog_refusal(
			&r, t + (uint64_t)i * (REFUSAL_PERIOD_MS / REFUSAL_LIMIT - 1)));
	assert_true(ratelog_refusal(&r, t + REFUSAL_PERIOD_MS - 1));
	assert_int_equal(r.refused, REFUSAL_LIMIT + 1);
	/* a new period: as many again */
	struct ratelog q = { 0 };
	for (int i = 0; i < REFUSAL_LIMIT; i++)
		assert_false(ratelog_refusal(&q, t));
	for (int i = 0; i < REFUSAL_LIMIT; i++)
		assert_false(ratelog_refusal(&q, t + REFUSAL_PERIOD_MS));
	assert_true(ratelog_refusal(&q, t + REFUSAL_PERIOD_MS + 1));
}

/* A pace below the bound is never cut off: nine refusals a second (90 a
 * period) for an hour. */
static void steady_pace_never_cut(void **state)
{
	(void)state;
	struct ratelog r = { 0 };
	for (uint64_t t = 0; t < 3600 * 1000; t += 1000 / 9)
		assert_false(ratelog_refusal(&r, t));
}

/* Violation lines: their own, larger burst. */
static void violation_burst(void **state)
{
	(void)state;
	struct ratelog r = { 0 };
	unsigned sup = 99;
	for (int i = 0; i < VIOLATION_BURST; i++)
		assert_true(ratelog_allow_burst(&r, 0, VIOLATION_BURST, &sup));
	assert_false(ratelog_allow_burst(&r, 1, VIOLATION_BURST, &sup));
	assert_true(ratelog_allow_burst(&r, RATELOG_PERIOD_MS, VIOLATION_BURST, &sup));
	assert_int_equal(sup, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(burst_then_one_per_period),
		cmocka_unit_test(flood_is_bounded),
		cmocka_unit_test(quiet_refills),
		cmocka_unit_test(every_kind_named),
		cmocka_unit_test(refusals_bounded),
		cmocka_unit_test(steady_pace_never_cut),
		cmocka_unit_test(violation_burst),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
