/* Unit tests for the vitrine wire protocol: every malformed case vp_decode must refuse (protocol/).
 */
#include "proto-util.h"

/* ------------------------------------------------------------------ */
/* Malformed headers                                                    */

static void test_unknown_type(void **state)
{
	(void)state;
	static const uint32_t bad[] = { 0,     14,    0x7f,	   0x80,       0x8f,
					0x100, 0x101, 0x80000001u, 0xffffffffu };
	for (size_t i = 0; i < NELEM(bad); i++) {
		for (uint32_t w = 0; w < 2; w++) {
			for (uint32_t len = 0; len < 40; len += 4) {
				header(bad[i], w, len);
				EXPECT_BAD(VP_FROM_AGENT, buf, VP_HDR_SIZE + len, "type");
				EXPECT_BAD(VP_FROM_DAEMON, buf, VP_HDR_SIZE + len, "type");
				/* the header alone is enough to know */
				EXPECT_BAD(VP_FROM_AGENT, buf, VP_HDR_SIZE, "type");
				EXPECT_BAD(VP_FROM_DAEMON, buf, VP_HDR_SIZE, "type");
			}
		}
	}
}

static void test_wrong_direction(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(agent_types); i++) {
		size_t n = enc_sample(agent_types[i]);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "type");
		EXPECT_BAD(VP_FROM_DAEMON, buf, VP_HDR_SIZE, "type");
	}
	for (size_t i = 0; i < NELEM(daemon_types); i++) {
		size_t n = enc_sample(daemon_types[i]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "type");
		EXPECT_BAD(VP_FROM_AGENT, buf, VP_HDR_SIZE, "type");
	}
	struct vp_msg m = grant_sample();
	size_t n = enc(&m, buf);
	EXPECT_BAD(VP_FROM_DAEMON, buf, n, "type");
}

static void test_wrong_body_length(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(fixed_types); i++) {
		uint32_t t = fixed_types[i].type, want = fixed_types[i].len;
		enum vp_dir d = dir_of(t);
		static const uint32_t deltas[] = { 1, 4, 0x100 };
		size_t n = enc_sample(t);
		memset(buf + n, 0, 0x200);
		for (size_t k = 0; k < NELEM(deltas); k++) {
			set32(buf + 8, want + deltas[k]);
			EXPECT_BAD(d, buf, n + deltas[k], "length");
			EXPECT_BAD(d, buf, VP_HDR_SIZE, "length");
			if (want >= deltas[k]) {
				set32(buf + 8, want - deltas[k]);
				EXPECT_BAD(d, buf, n - deltas[k], "length");
				EXPECT_BAD(d, buf, VP_HDR_SIZE, "length");
			}
		}
	}
}

static void test_huge_body_length(void **state)
{
	(void)state;
	struct vp_msg m;
	long r;
	const char *why;
	static const uint32_t huge[] = { 0xffffffffu, 0x80000000u, VP_MAX_BODY + 1 };
	for (size_t k = 0; k < NELEM(huge); k++) {
		for (size_t i = 0; i < NELEM(agent_types) + NELEM(daemon_types); i++) {
			uint32_t t = i < NELEM(agent_types) ? agent_types[i]
							    : daemon_types[i - NELEM(agent_types)];
			header(t, is_connection_level(t) ? 0 : 1, huge[k]);
			/* only the header is here: must not wait for 4 GB */
			why = NULL;
			r = vp_decode(dir_of(t), buf, VP_HDR_SIZE, &m, &why);
			if (r != -1)
				fail_msg("%s with body length %#x: got %ld", vp_type_name(t),
					 huge[k], r);
			assert_non_null(why);
			assert_non_null(strstr(why, "body"));
			EXPECT_BAD(dir_of(t), buf, VP_HDR_SIZE + 4096, "body");
		}
	}
	/* VP_MAX_BODY itself is a length the header alone does not refuse */
	header(VP_BUFFER, 1, VP_MAX_BODY);
	why = NULL;
	assert_int_equal(vp_decode(VP_FROM_AGENT, buf, VP_HDR_SIZE + 100, &m, &why), 0);
}

static void test_window_ids(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(agent_types) + NELEM(daemon_types); i++) {
		uint32_t t = i < NELEM(agent_types) ? agent_types[i]
						    : daemon_types[i - NELEM(agent_types)];
		size_t n = enc_sample(t);
		if (is_connection_level(t)) {
			set32(buf + 4, 1);
			EXPECT_BAD(dir_of(t), buf, n, "connection");
			EXPECT_BAD(dir_of(t), buf, VP_HDR_SIZE, "window id");
			set32(buf + 4, 0xffffffffu);
			EXPECT_BAD(dir_of(t), buf, n, "connection");
		} else {
			set32(buf + 4, 0);
			EXPECT_BAD(dir_of(t), buf, n, "without");
			EXPECT_BAD(dir_of(t), buf, VP_HDR_SIZE, "window id");
		}
	}
	struct vp_msg m = grant_sample();
	size_t n = enc(&m, buf);
	set32(buf + 4, 0);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "without");
}

/* ------------------------------------------------------------------ */
/* Malformed bodies                                                     */

static void test_sizes(void **state)
{
	(void)state;
	static const uint32_t bad[] = { 0, VP_MAX_DIM + 1, 0x80000000u, 0xffffffffu };
	/* rect messages: w at offset 8, h at 12 */
	static const uint32_t rect_types[] = { VP_CREATE, VP_CONFIGURE, VP_SET_GEOMETRY,
					       VP_DAMAGE };
	for (size_t i = 0; i < NELEM(rect_types); i++) {
		for (size_t k = 0; k < NELEM(bad); k++) {
			size_t n = enc_sample(rect_types[i]);
			set32(BODY(8), bad[k]);
			EXPECT_BAD(dir_of(rect_types[i]), buf, n, "size");
			n = enc_sample(rect_types[i]);
			set32(BODY(12), bad[k]);
			EXPECT_BAD(dir_of(rect_types[i]), buf, n, "size");
		}
	}
	for (size_t k = 0; k < NELEM(bad); k++) {
		size_t n = enc_sample(VP_WELCOME);
		set32(BODY(4), bad[k]);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "size");
		n = enc_sample(VP_WELCOME);
		set32(BODY(8), bad[k]);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "size");

		n = enc_sample(VP_SCREEN);
		set32(BODY(0), bad[k]);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "size");
		n = enc_sample(VP_SCREEN);
		set32(BODY(4), bad[k]);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "size");

		/* buffer width at 8, height at 12 */
		n = enc_sample(VP_BUFFER);
		set32(BODY(8), bad[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "size");
		n = enc_sample(VP_BUFFER);
		set32(BODY(12), bad[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "size");
		struct vp_msg m = grant_sample();
		n = enc(&m, buf);
		set32(BODY(12), bad[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "size");
	}
}

static void test_coordinates(void **state)
{
	(void)state;
	static const int32_t bad[] = { VP_MAX_COORD + 1, VP_MIN_COORD - 1, INT32_MIN, INT32_MAX,
				       65535 };
	static const uint32_t types[] = { VP_CREATE, VP_CONFIGURE, VP_SET_GEOMETRY };
	for (size_t i = 0; i < NELEM(types); i++) {
		for (size_t k = 0; k < NELEM(bad); k++) {
			size_t n = enc_sample(types[i]);
			set32(BODY(0), (uint32_t)bad[k]);
			EXPECT_BAD(dir_of(types[i]), buf, n, "position");
			n = enc_sample(types[i]);
			set32(BODY(4), (uint32_t)bad[k]);
			EXPECT_BAD(dir_of(types[i]), buf, n, "position");
		}
	}
}

static void test_damage(void **state)
{
	(void)state;
	static const int32_t bad_pos[] = { -1, INT32_MIN, (int32_t)VP_MAX_DIM,
					   (int32_t)VP_MAX_DIM + 1, INT32_MAX };
	for (size_t k = 0; k < NELEM(bad_pos); k++) {
		size_t n = enc_sample(VP_DAMAGE);
		set32(BODY(0), (uint32_t)bad_pos[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "position");
		n = enc_sample(VP_DAMAGE);
		set32(BODY(4), (uint32_t)bad_pos[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "position");
	}
	size_t n = enc_sample(VP_DAMAGE);
	set32(BODY(8), 0);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "size");
	n = enc_sample(VP_DAMAGE);
	set32(BODY(12), 0);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "size");
	n = enc_sample(VP_DAMAGE);
	set32(BODY(8), VP_MAX_DIM + 1);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "size");

	/* the corners that are still legal */
	struct vp_msg m = sample(VP_DAMAGE), out;
	m.u.damage = (struct vp_rect){ 0, VP_MAX_DIM - 1, VP_MAX_DIM, 1 };
	roundtrip_fixed(&m);
	m.u.damage = (struct vp_rect){ 0, 0, 1, 1 };
	roundtrip(&m, &out);
}

static void test_flags(void **state)
{
	(void)state;
	static const uint32_t win_bad[] = { 0x2, 0x3, 0x100, 0x80000000u, 0xffffffffu };
	for (size_t k = 0; k < NELEM(win_bad); k++) {
		size_t n = enc_sample(VP_CREATE);
		set32(BODY(16), win_bad[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "flags");
		n = enc_sample(VP_MAP);
		set32(BODY(0), win_bad[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "flags");
		n = enc_sample(VP_CONFIGURE);
		set32(BODY(16), win_bad[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "flags");
	}
	static const uint32_t hint_bad[] = { VP_HINT_ALL + 1, 0x40 | VP_HINT_MIN, 0x80000000u,
					     0xffffffffu };
	for (size_t k = 0; k < NELEM(hint_bad); k++) {
		size_t n = enc_sample(VP_HINTS);
		set32(BODY(0), hint_bad[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "flags");
	}
	static const uint32_t wm_bad[] = { VP_WM_ALL + 1, 0x10 | VP_WM_URGENT, 0x80000000u,
					   0xffffffffu };
	for (size_t k = 0; k < NELEM(wm_bad); k++) {
		size_t n = enc_sample(VP_WMFLAGS);
		set32(BODY(0), wm_bad[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "flags");
	}
}

static void test_transient_for_self(void **state)
{
	(void)state;
	size_t n = enc_sample(VP_CREATE);
	set32(BODY(20), read32(buf + 4));
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "itself");
	n = enc_sample(VP_MAP);
	set32(BODY(4), read32(buf + 4));
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "itself");
	/* with another window id both refer to the same window again */
	n = enc_sample(VP_MAP);
	set32(buf + 4, 42);
	set32(BODY(4), 42);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "itself");
}

static void test_buffer_malformed(void **state)
{
	(void)state;
	size_t n;
	struct vp_msg m;

	/* format: offset 20 */
	static const uint32_t fmts[] = { 0, 2, 0x34325258u /* 'XR24' */, 0xffffffffu };
	for (size_t k = 0; k < NELEM(fmts); k++) {
		n = enc_sample(VP_BUFFER);
		set32(BODY(20), fmts[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "format");
		m = grant_sample();
		n = enc(&m, buf);
		set32(BODY(20), fmts[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "format");
	}
	/* kind: offset 4 */
	static const uint32_t kinds[] = { 0, 3, 0x101, 0xffffffffu };
	for (size_t k = 0; k < NELEM(kinds); k++) {
		n = enc_sample(VP_BUFFER);
		set32(BODY(4), kinds[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "kind");
	}
	/* stride: offset 16; sample width 641 */
	static const uint32_t strides[] = { 641 * 4 + 1, 641 * 4 + 2,	     641 * 4 + 3,
					    641 * 4 - 4, 641 * 4 - 1,	     4,
					    0,		 VP_MAX_DIM * 8 + 4, 0xfffffffcu };
	for (size_t k = 0; k < NELEM(strides); k++) {
		n = enc_sample(VP_BUFFER);
		set32(BODY(16), strides[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "stride");
	}
	m = grant_sample(); /* width 100, stride 400 */
	n = enc(&m, buf);
	set32(BODY(16), 398);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "stride");
	n = enc(&m, buf);
	set32(BODY(16), 396);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "stride");

	/* local buffer: domid at 24, nrefs at 28, nothing after 32 */
	n = enc_sample(VP_BUFFER);
	set32(BODY(28), 1);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "local");
	n = enc_sample(VP_BUFFER);
	set32(BODY(28), vp_pages_for(641 * 4 + 60, 481));
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "local");
	n = enc_sample(VP_BUFFER);
	set32(BODY(24), 1);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "local");
	n = enc_sample(VP_BUFFER);
	set32(buf + 8, 36);
	memset(buf + n, 0, 4);
	EXPECT_BAD(VP_FROM_AGENT, buf, n + 4, "local");
	n = enc_sample(VP_BUFFER);
	set32(buf + 8, 33);
	memset(buf + n, 0, 1);
	EXPECT_BAD(VP_FROM_AGENT, buf, n + 1, "local");

	/* too short for the fixed part */
	static const uint32_t shorts[] = { 0, 4, 28, 31 };
	for (size_t k = 0; k < NELEM(shorts); k++) {
		n = enc_sample(VP_BUFFER);
		set32(buf + 8, shorts[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, VP_HDR_SIZE + shorts[k], "short");
	}

	/* grant: nrefs must be the page count (5 here) */
	static const uint32_t nrefs_bad[] = { 0, 4, 6, 0x40000000u, 0xffffffffu };
	for (size_t k = 0; k < NELEM(nrefs_bad); k++) {
		m = grant_sample();
		n = enc(&m, buf);
		set32(BODY(28), nrefs_bad[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "grant count");
	}
	/* one page more or less of pixels than the refs cover */
	m = grant_sample();
	n = enc(&m, buf);
	set32(BODY(12), 60); /* 24000 bytes: 6 pages */
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "grant count");
	n = enc(&m, buf);
	set32(BODY(12), 40); /* 16000 bytes: 4 pages */
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "grant count");

	/* grant: body length must be 32 + 4 * nrefs */
	static const int32_t len_delta[] = { -20, -4, -1, 1, 4, 8 };
	for (size_t k = 0; k < NELEM(len_delta); k++) {
		m = grant_sample();
		n = enc(&m, buf);
		memset(buf + n, 0, 16);
		set32(buf + 8, (uint32_t)((int32_t)(n - VP_HDR_SIZE) + len_delta[k]));
		EXPECT_BAD(VP_FROM_AGENT, buf, (size_t)((long)n + len_delta[k]), "length");
	}

	/* grant for more pixels than VP_MAX_REFS pages can hold: vp_pages_for
	 * is 0, so nrefs 0 with a 32-byte body must not pass as "matching" */
	m = grant_sample();
	m.u.buffer.width = VP_MAX_DIM;
	m.u.buffer.height = VP_MAX_DIM;
	m.u.buffer.stride = VP_MAX_DIM * 8; /* 512 MiB */
	m.u.buffer.nrefs = 0;
	m.u.buffer.refs = NULL;
	n = enc(&m, buf);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "grant");
	m.u.buffer.stride = VP_MAX_DIM * 4 + 4; /* just over 256 MiB */
	n = enc(&m, buf);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "grant");
	/* and with VP_MAX_REFS + 1 refs the count still cannot match */
	m.u.buffer.nrefs = VP_MAX_REFS;
	m.u.buffer.refs = max_refs;
	n = enc(&m, buf);
	set32(BODY(28), VP_MAX_REFS + 1);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "grant");
}

static void test_title_too_long(void **state)
{
	(void)state;
	static const uint32_t lens[] = { VP_MAX_TITLE + 1, VP_MAX_TITLE + 4, 4000 };
	for (size_t k = 0; k < NELEM(lens); k++) {
		header(VP_TITLE, 5, lens[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, VP_HDR_SIZE + lens[k], "title");
	}
}

static size_t class_raw(uint16_t nl, uint16_t cl, uint32_t body_len)
{
	header(VP_CLASS, 9, body_len);
	if (body_len >= 4) {
		set16(BODY(0), nl);
		set16(BODY(2), cl);
	}
	memset(BODY(4), 'x', body_len >= 4 ? body_len - 4 : 0);
	return VP_HDR_SIZE + body_len;
}

static void test_class_malformed(void **state)
{
	(void)state;
	size_t n;
	struct vp_msg m;
	const char *why;

	/* sanity: the raw builder makes valid messages */
	n = class_raw(3, 2, 9);
	why = NULL;
	assert_int_equal(vp_decode(VP_FROM_AGENT, buf, n, &m, &why), (long)n);

	for (uint32_t len = 0; len < 4; len++) {
		n = class_raw(0, 0, len);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "short");
	}
	n = class_raw(3, 2, 10);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "match");
	n = class_raw(3, 2, 8);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "match");
	n = class_raw(0, 0, 5);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "match");
	n = class_raw(5, 0, 4);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "match");
	n = class_raw(0, 5, 4);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "match");
	/* lengths whose sum wraps a 16-bit field are still compared in full */
	n = class_raw(0xffff, 1, 4);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "long");

	n = class_raw(VP_MAX_CLASS + 1, 0, 4 + VP_MAX_CLASS + 1);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "too long");
	n = class_raw(0, VP_MAX_CLASS + 1, 4 + VP_MAX_CLASS + 1);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "too long");
	n = class_raw(VP_MAX_CLASS + 1, VP_MAX_CLASS + 1, 4 + 2 * (VP_MAX_CLASS + 1));
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "too long");
	n = class_raw(0xffff, 0xffff, 4 + 2 * 0xffff);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "too long");
}

static void test_hints_malformed(void **state)
{
	(void)state;
	for (unsigned f = 0; f < 8; f++) {
		size_t n = enc_sample(VP_HINTS);
		set32(BODY(4 + 4 * f), VP_MAX_DIM + 1);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "hint");
		n = enc_sample(VP_HINTS);
		set32(BODY(4 + 4 * f), 0xffffffffu);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "hint");
	}
}

static void test_input_malformed(void **state)
{
	(void)state;
	size_t n;
	static const uint32_t keycodes[] = { 0, 1, 7, 256, 0x10000, 0xffffffffu };
	for (size_t k = 0; k < NELEM(keycodes); k++) {
		n = enc_sample(VP_KEY);
		set32(BODY(0), keycodes[k]);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "key");
	}
	static const uint32_t pressed[] = { 2, 0x100, 0xffffffffu };
	for (size_t k = 0; k < NELEM(pressed); k++) {
		n = enc_sample(VP_KEY);
		set32(BODY(8), pressed[k]);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "key");
		n = enc_sample(VP_BUTTON);
		set32(BODY(4), pressed[k]);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "button");
		n = enc_sample(VP_CROSSING);
		set32(BODY(0), pressed[k]);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "crossing");
		n = enc_sample(VP_FOCUS);
		set32(BODY(0), pressed[k]);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "focus");
	}
	static const uint32_t buttons[] = { 0, 256, 0xffffffffu };
	for (size_t k = 0; k < NELEM(buttons); k++) {
		n = enc_sample(VP_BUTTON);
		set32(BODY(0), buttons[k]);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "button");
	}
}

int main(void)
{
	init_refs();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown_type),
		cmocka_unit_test(test_wrong_direction),
		cmocka_unit_test(test_wrong_body_length),
		cmocka_unit_test(test_huge_body_length),
		cmocka_unit_test(test_window_ids),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_coordinates),
		cmocka_unit_test(test_damage),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_transient_for_self),
		cmocka_unit_test(test_buffer_malformed),
		cmocka_unit_test(test_title_too_long),
		cmocka_unit_test(test_class_malformed),
		cmocka_unit_test(test_hints_malformed),
		cmocka_unit_test(test_input_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
