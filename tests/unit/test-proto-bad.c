/* Unit tests for the vitrine wire protocol: every malformed case vp_decode must refuse (protocol/).
 */
#include "proto-util.h"

/* ------------------------------------------------------------------ */
/* Malformed headers                                                    */

static void expect_unknown(uint32_t type)
{
	for (uint32_t w = 0; w < 2; w++) {
		for (uint32_t len = 0; len < 40; len += 12) {
			header(type, w, len);
			EXPECT_BAD(VP_FROM_AGENT, buf, VP_HDR_SIZE + len, "type");
			EXPECT_BAD(VP_FROM_DAEMON, buf, VP_HDR_SIZE + len, "type");
			/* the header alone is enough to know */
			EXPECT_BAD(VP_FROM_AGENT, buf, VP_HDR_SIZE, "type");
		}
	}
}

static void test_unknown_type(void **state)
{
	(void)state;
	for (uint32_t t = 0; t <= 0x1ff; t++) /* every number without a row */
		if (!vp_type_info(t))
			expect_unknown(t);
	static const uint32_t far[] = { 0x8000u, 0x10001u, 0x80000001u, 0xffffffffu };
	for (size_t k = 0; k < NELEM(far); k++)
		expect_unknown(far[k]);
}

static void test_wrong_direction(void **state)
{
	(void)state;
	FOR_EACH_TYPE(t)
	{
		size_t n = enc_sample(t);
		EXPECT_BAD(other_dir(dir_of(t)), buf, n, "type");
		EXPECT_BAD(other_dir(dir_of(t)), buf, VP_HDR_SIZE, "type");
	}
}

/* Every length the table does not allow is refused from the header alone. */
static void test_body_lengths(void **state)
{
	(void)state;
	FOR_EACH_TYPE(t)
	{
		const struct vp_type_info *r = vp_type_info(t);
		size_t n = enc_sample(t);
		memset(buf + n, 0, 0x200);
		/* one over the bound, and far over it */
		static const uint32_t over[] = { 1, 4, 0x100, VP_MAX_BODY + 1 };
		for (size_t k = 0; k < NELEM(over); k++) {
			uint32_t len = k == 3 ? over[k] : r->max_len + over[k];
			set32(buf + 8, len);
			EXPECT_BAD(r->from, buf, VP_HDR_SIZE, "body");
			if (r->min_len == r->max_len)
				EXPECT_BAD(r->from, buf, VP_HDR_SIZE, "wrong body length");
			else if (r->too_long)
				EXPECT_BAD(r->from, buf, VP_HDR_SIZE, r->too_long);
		}
		/* one under, and none at all */
		for (uint32_t under = 1; under <= r->min_len && under <= 4; under++) {
			set32(buf + 8, r->min_len - under);
			EXPECT_BAD(r->from, buf, VP_HDR_SIZE,
				   r->min_len == r->max_len ? "wrong body length" : r->too_short);
		}
		/* huge lengths: the header alone is refused, never waited for */
		static const uint32_t huge[] = { 0xffffffffu, 0x80000000u };
		for (size_t k = 0; k < NELEM(huge); k++) {
			set32(buf + 8, huge[k]);
			EXPECT_BAD(r->from, buf, VP_HDR_SIZE, "body");
		}
	}
	/* VP_MAX_BODY itself is a length the header alone does not refuse */
	struct vp_msg m;
	const char *why = NULL;
	header(VP_BUFFER, 1, VP_MAX_BODY);
	assert_int_equal(vp_decode(VP_FROM_AGENT, buf, VP_HDR_SIZE + 100, &m, &why), 0);
}

static void test_window_ids(void **state)
{
	(void)state;
	FOR_EACH_TYPE(t)
	{
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
}

/* ------------------------------------------------------------------ */
/* Malformed bodies                                                     */

/* Values out of range, by kind of field */
static const uint32_t dims[] = { 0, VP_MAX_DIM + 1, VP_MAX_DIM * 2, 0x80000000u, 0xffffffffu };
static const uint32_t coords[] = { VP_MAX_COORD + 1, (uint32_t)(VP_MIN_COORD - 1), 0x80000000u,
				   0x7fffffffu, 65535 };
static const uint32_t dmg_pos[] = { (uint32_t)-1, 0x80000000u, VP_MAX_DIM, VP_MAX_DIM + 1,
				    0x7fffffffu };
static const uint32_t hint_vals[] = { VP_MAX_DIM + 1, 0xffffffffu, 0x10000u, 0x80000000u,
				      VP_MAX_DIM * 2 };
static const uint32_t keycodes[] = { 0, 1, 7, 256, 0xffffffffu };
static const uint32_t keysyms[] = { VP_MAX_KEYSYM + 1, 0x20000000u, 0x40000000u, 0x80000000u,
				    0xffffffffu };
static const uint32_t bools[] = { 2, 3, 0x100, 0x80000000u, 0xffffffffu };
static const uint32_t buttons[] = { 0, 256, 0x1000, 0x80000000u, 0xffffffffu };
static const uint32_t formats[] = { 0, 3, 0x34325258u /* 'XR24' */, 0x100, 0xffffffffu };
static const uint32_t kinds[] = { 0, 3, 0x101, 0x80000000u, 0xffffffffu };

/* Each checked field of each type: its body offset, its bad values (5 each)
 * and a word of the violation. */
static const struct {
	uint32_t type, off;
	const uint32_t *bad;
	const char *word;
} fields[] = {
	{ VP_WELCOME, 4, dims, "size" },       { VP_WELCOME, 8, dims, "size" },
	{ VP_SCREEN, 0, dims, "size" },	       { VP_SCREEN, 4, dims, "size" },
	{ VP_BUFFER, 8, dims, "size" },	       { VP_BUFFER, 12, dims, "size" },
	{ VP_BUFFER, 20, formats, "format" },  { VP_BUFFER, 4, kinds, "kind" },
	{ VP_KEY, 0, keycodes, "key" },	       { VP_KEY, 8, bools, "key" },
	{ VP_BUTTON, 0, buttons, "button" },   { VP_BUTTON, 4, bools, "button" },
	{ VP_CROSSING, 0, bools, "crossing" }, { VP_FOCUS, 0, bools, "focus" },
	{ VP_KEYSYM, 0, keycodes, "keysym" },  { VP_KEYSYM, 4, keysyms, "keysym" },
};

static void expect_bad_field(uint32_t type, uint32_t off, const uint32_t bad[5], const char *word)
{
	for (size_t k = 0; k < 5; k++) {
		size_t n = enc_sample(type);
		set32(BODY(off), bad[k]);
		EXPECT_BAD(dir_of(type), buf, n, word);
	}
}

static void test_fields(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(fields); i++)
		expect_bad_field(fields[i].type, fields[i].off, fields[i].bad, fields[i].word);
	/* rectangles: x, y, w, h at body offset 0; hints: 8 sizes after the flags */
	static const uint32_t rects[] = { VP_CREATE, VP_CONFIGURE, VP_SET_GEOMETRY, VP_DAMAGE };
	for (size_t i = 0; i < NELEM(rects); i++) {
		const uint32_t *pos = rects[i] == VP_DAMAGE ? dmg_pos : coords;
		for (uint32_t off = 0; off < 16; off += 4)
			expect_bad_field(rects[i], off, off < 8 ? pos : dims,
					 off < 8 ? "position" : "size");
	}
	for (uint32_t off = 4; off < 36; off += 4)
		expect_bad_field(VP_HINTS, off, hint_vals, "hint");
	/* the grant form of BUFFER too */
	struct vp_msg m = grant_sample();
	size_t n = enc(&m, buf);
	set32(BODY(12), 0);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "size");
	n = enc(&m, buf);
	set32(BODY(20), 3);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "format");
	/* two frames (X2) with one frame's grant refs */
	n = enc(&m, buf);
	set32(BODY(20), VP_FMT_XRGB8888_X2);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "grant count");
	/* the corners of DAMAGE that are still legal */
	m = sample(VP_DAMAGE);
	m.u.damage = (struct vp_rect){ 0, VP_MAX_DIM - 1, VP_MAX_DIM, 1 };
	roundtrip_fixed(&m);
	m.u.damage = (struct vp_rect){ 0, 0, 1, 1 };
	roundtrip_fixed(&m);
}

/* Flag words: a bit no flag defines is a violation ("flags" in its why). */
static void test_flags(void **state)
{
	(void)state;
	static const struct {
		uint32_t type, off, all;
	} words[] = {
		{ VP_HELLO, 4, VP_HELLO_FLAGS_ALL }, { VP_CREATE, 16, VP_WIN_FLAGS_ALL },
		{ VP_MAP, 0, VP_WIN_FLAGS_ALL },     { VP_CONFIGURE, 16, VP_WIN_FLAGS_ALL },
		{ VP_HINTS, 0, VP_HINT_ALL },	     { VP_WMFLAGS, 0, VP_WM_ALL },
	};
	for (size_t i = 0; i < NELEM(words); i++) {
		for (unsigned bit = 0; bit < 32; bit++) {
			if (words[i].all & 1u << bit)
				continue;
			size_t n = enc_sample(words[i].type);
			set32(BODY(words[i].off), words[i].all | 1u << bit);
			EXPECT_BAD(VP_FROM_AGENT, buf, n, "flags");
		}
	}
	size_t n = enc_sample(VP_HELLO);
	set32(BODY(4), 0xffffffffu);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "unknown HELLO flags");
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
	/* the local sample: 641x481, stride 641 * 4 + 60; the grant sample:
	 * 100x50, stride 400, 5 refs. One field changed: */
	static const struct {
		bool grant;
		uint32_t off, val;
		const char *word;
	} bad[] = {
		{ 0, 16, 641 * 4 + 1, "stride" },
		{ 0, 16, 641 * 4 + 3, "stride" },
		{ 0, 16, 641 * 4 - 4, "stride" },
		{ 0, 16, 4, "stride" },
		{ 0, 16, 0, "stride" },
		{ 0, 16, VP_MAX_DIM * 8 + 4, "stride" },
		{ 0, 16, 0xfffffffcu, "stride" },
		{ 1, 16, 398, "stride" },
		{ 1, 16, 396, "stride" },
		/* local: no domid, no refs */
		{ 0, 28, 1, "local" },
		{ 0, 28, 301, "local" },
		{ 0, 24, 1, "local" },
		/* grant: nrefs must be the page count, for the size given */
		{ 1, 28, 0, "grant count" },
		{ 1, 28, 4, "grant count" },
		{ 1, 28, 6, "grant count" },
		{ 1, 28, 0x40000000u, "grant count" },
		{ 1, 28, 0xffffffffu, "grant count" },
		{ 1, 12, 60, "grant count" }, /* 24000 bytes: 6 pages */
		{ 1, 12, 40, "grant count" }, /* 16000 bytes: 4 pages */
	};
	struct vp_msg m;
	size_t n;
	for (size_t k = 0; k < NELEM(bad); k++) {
		m = bad[k].grant ? grant_sample() : sample(VP_BUFFER);
		n = enc(&m, buf);
		set32(BODY(bad[k].off), bad[k].val);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, bad[k].word);
	}
	/* body length: 32 for local, 32 + 4 * nrefs for grant */
	static const struct {
		bool grant;
		int32_t delta;
		const char *word;
	} lens[] = { { 0, 1, "local" },	  { 0, 4, "local" },   { 1, -20, "length" },
		     { 1, -4, "length" }, { 1, -1, "length" }, { 1, 1, "length" },
		     { 1, 4, "length" },  { 1, 8, "length" } };
	for (size_t k = 0; k < NELEM(lens); k++) {
		m = lens[k].grant ? grant_sample() : sample(VP_BUFFER);
		n = enc(&m, buf);
		memset(buf + n, 0, 16);
		set32(buf + 8, (uint32_t)((int32_t)(n - VP_HDR_SIZE) + lens[k].delta));
		EXPECT_BAD(VP_FROM_AGENT, buf, (size_t)((long)n + lens[k].delta), lens[k].word);
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
	struct vp_msg m;
	const char *why = NULL;
	size_t n = class_raw(3, 2, 9); /* the raw builder makes valid messages */
	assert_int_equal(vp_decode(VP_FROM_AGENT, buf, n, &m, &why), (long)n);
	static const struct {
		uint16_t nl, cl;
		uint32_t len;
		const char *word;
	} bad[] = {
		{ 3, 2, 10, "match" },
		{ 3, 2, 8, "match" },
		{ 0, 0, 5, "match" },
		{ 5, 0, 4, "match" },
		{ 0, 5, 4, "match" },
		/* lengths whose sum wraps a 16-bit field are still compared in full */
		{ 0xffff, 1, 4, "long" },
		{ VP_MAX_CLASS + 1, 0, 4 + VP_MAX_CLASS + 1, "too long" },
		{ 0, VP_MAX_CLASS + 1, 4 + VP_MAX_CLASS + 1, "too long" },
		{ VP_MAX_CLASS + 1, VP_MAX_CLASS + 1, 4 + 2 * (VP_MAX_CLASS + 1), "too long" },
		{ 0xffff, 0xffff, 4 + 2 * 0xffff, "too long" },
	};
	for (size_t k = 0; k < NELEM(bad); k++) {
		n = class_raw(bad[k].nl, bad[k].cl, bad[k].len);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, bad[k].word);
	}
}

static void test_layout_malformed(void **state)
{
	(void)state;
	/* a shell metacharacter, a space, a newline, a NUL: refused */
	static const char *bad[] = { "us;rm", "us de", "us$(x)", "us\n", "u\0" };
	for (size_t i = 0; i < NELEM(bad); i++) {
		struct vp_msg m = sample(VP_LAYOUT);
		m.u.layout.layout = (struct vp_string){ i == 4 ? 2 : (uint32_t)strlen(bad[i]),
							(const uint8_t *)bad[i] };
		size_t n = enc(&m, buf);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "layout");
	}
	/* lengths not matching the body, a name too long */
	struct vp_msg m = sample(VP_LAYOUT);
	size_t n = enc(&m, buf);
	set32(buf + 8, (uint32_t)(n - VP_HDR_SIZE + 1));
	EXPECT_BAD(VP_FROM_DAEMON, buf, n + 1, "LAYOUT length does not match");
	header(VP_LAYOUT, 0, 10);
	set16(buf + VP_HDR_SIZE, VP_MAX_LAYOUT + 1);
	EXPECT_BAD(VP_FROM_DAEMON, buf, VP_HDR_SIZE + 10, "too long");
}

/* MONITORS: a count, dpi or monitor out of range, a length not its count's */
static void test_monitors_malformed(void **state)
{
	(void)state;
	static const struct {
		unsigned field; /* u32 index in the body: 0 dpi, 1 count, 2.. monitor 0 */
		uint32_t value;
		const char *word;
	} bad[] = {
		{ 0, VP_MIN_DPI - 1, "dpi" },
		{ 0, VP_MAX_DPI + 1, "dpi" },
		{ 1, 0, "count" },
		{ 1, VP_MAX_MONITORS + 1, "count" },
		{ 1, 1, "does not match" }, /* two monitors' bytes, count 1 */
		{ 1, 3, "does not match" },
		{ 2, 0x80000000u, "position" },	     /* x < 0 */
		{ 3, VP_MAX_COORD + 1, "position" }, /* y */
		{ 4, 0, "size" },		     /* w */
		{ 5, VP_MAX_DIM + 1, "size" },	     /* h */
		{ 2, VP_MAX_COORD - 100, "beyond" }, /* x + 1920 over the largest screen */
		{ 6, VP_MAX_MM + 1, "physical" },
	};
	for (size_t i = 0; i < NELEM(bad); i++) {
		struct vp_msg m = sample(VP_MONITORS);
		size_t n = enc(&m, buf);
		set32(buf + VP_HDR_SIZE + 4 * bad[i].field, bad[i].value);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, bad[i].word);
	}
	/* the encoder refuses what the decoder would */
	struct vp_msg m = sample(VP_MONITORS);
	m.u.monitors.n = VP_MAX_MONITORS + 1;
	assert_int_equal(vp_encode(&m, buf, sizeof(buf)), 0);
	m = sample(VP_MONITORS);
	m.u.monitors.m[1].w = 0;
	assert_int_equal(vp_encode(&m, buf, sizeof(buf)), 0);
	/* SYNC_REQUEST of an empty or oversized size */
	for (unsigned k = 0; k < 2; k++) {
		m = sample(VP_SYNC_REQUEST);
		size_t n = enc(&m, buf);
		set32(buf + VP_HDR_SIZE + 4 + 4 * k, k ? VP_MAX_DIM + 1 : 0);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "sync size");
	}
}

int main(void)
{
	init_refs();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown_type),
		cmocka_unit_test(test_wrong_direction),
		cmocka_unit_test(test_body_lengths),
		cmocka_unit_test(test_window_ids),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_transient_for_self),
		cmocka_unit_test(test_buffer_malformed),
		cmocka_unit_test(test_class_malformed),
		cmocka_unit_test(test_layout_malformed),
		cmocka_unit_test(test_monitors_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
