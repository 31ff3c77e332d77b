/* Unit tests for the size hints rules (protocol/hints.c): what HINTS the daemon refuses, and
 * the agent's repair of what an X client set. */
#include "proto-util.h"

static void test_hints_refused(void **state)
{
	(void)state;
	/* fields: flags min_w min_h max_w max_h inc_w inc_h base_w base_h */
	static const struct {
		struct vp_hints h;
		const char *why;
	} bad[] = {
		{ { VP_HINT_MIN | VP_HINT_MAX, 101, 10, 100, 100 }, "minimum size hint larger" },
		{ { VP_HINT_MIN | VP_HINT_MAX, 10, 101, 100, 100 }, "minimum size hint larger" },
		{ { VP_HINT_MAX, 0, 0, 0, 100 }, "maximum size hint of zero" },
		{ { VP_HINT_MAX, 0, 0, 100, 0 }, "maximum size hint of zero" },
		{ { VP_HINT_INC, 0, 0, 0, 0, 0, 5 }, "increment hint of zero" },
		{ { VP_HINT_INC, 0, 0, 0, 0, 5, 0 }, "increment hint of zero" },
		{ { VP_HINT_INC | VP_HINT_MAX, 0, 0, 100, 100, 101, 1 }, "increment hint larger" },
		{ { VP_HINT_INC | VP_HINT_MAX, 0, 0, 100, 100, 1, 101 }, "increment hint larger" },
		{ { VP_HINT_BASE | VP_HINT_MAX, 0, 0, 100, 100, 0, 0, 101, 0 }, "base size hint" },
		{ { VP_HINT_BASE | VP_HINT_MAX, 0, 0, 100, 100, 0, 0, 0, 101 }, "base size hint" },
	};
	for (size_t k = 0; k < NELEM(bad); k++) {
		struct vp_msg m = { .type = VP_HINTS, .window = 9, .u.hints = bad[k].h };
		size_t n = enc(&m, buf);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, bad[k].why);
		/* the agent's repair keeps what makes sense and sends no violation */
		vp_hints_fix(&m.u.hints);
		assert_null(vp_hints_check(&m.u.hints));
		assert_int_not_equal(m.u.hints.flags, bad[k].h.flags);
	}
	/* the same fields without their flags mean nothing: legal */
	struct vp_msg m = { .type = VP_HINTS, .window = 9 };
	m.u.hints = (struct vp_hints){ 0, 101, 10, 100, 0, 0, 5, 200, 200 };
	roundtrip_fixed(&m);
	/* equal sizes are legal, and the repair leaves good hints alone */
	m.u.hints = (struct vp_hints){ VP_HINT_ALL, 100, 100, 100, 100, 100, 100, 100, 100 };
	roundtrip_fixed(&m);
	struct vp_hints h = m.u.hints;
	vp_hints_fix(&h);
	assert_memory_equal(&h, &m.u.hints, sizeof(h));
}

/* What X clients really set, repaired by the agent: the sensible part kept. */
static void test_hints_fix(void **state)
{
	(void)state;
	static const struct {
		struct vp_hints in;
		uint32_t kept; /* flags after the repair */
	} c[] = {
		/* min over max: the max wins */
		{ { VP_HINT_MIN | VP_HINT_MAX, 500, 400, 300, 300 }, VP_HINT_MAX },
		/* PResizeInc with 0: no increments, the rest kept */
		{ { VP_HINT_INC | VP_HINT_BASE | VP_HINT_PPOS, 0, 0, 0, 0, 0, 0, 2, 2 },
		  VP_HINT_BASE | VP_HINT_PPOS },
		/* a max of 0 (a negative clamped by the agent): no max, min kept */
		{ { VP_HINT_MIN | VP_HINT_MAX, 10, 10, 0, 0 }, VP_HINT_MIN },
		/* xterm: base, inc and min, no max */
		{ { VP_HINT_MIN | VP_HINT_INC | VP_HINT_BASE, 25, 17, 0, 0, 6, 13, 4, 4 },
		  VP_HINT_MIN | VP_HINT_INC | VP_HINT_BASE },
		/* base and inc over the max: dropped, min and max kept */
		{ { VP_HINT_ALL, 1, 1, 50, 50, 60, 1, 51, 0 },
		  VP_HINT_MIN | VP_HINT_MAX | VP_HINT_USPOS | VP_HINT_PPOS },
		/* beyond any flag or range: nothing kept */
		{ { 0x40, 1 }, 0 },
		{ { VP_HINT_MIN, VP_MAX_DIM + 1, 1 }, 0 },
	};
	for (size_t k = 0; k < NELEM(c); k++) {
		struct vp_hints h = c[k].in;
		vp_hints_fix(&h);
		assert_null(vp_hints_check(&h));
		if (h.flags != c[k].kept)
			fail_msg("case %zu: flags %#x, not %#x", k, h.flags, c[k].kept);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hints_refused),
		cmocka_unit_test(test_hints_fix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
