/* Unit tests for the vitrine wire protocol (protocol/): the table itself, round trips of every
 * type, incomplete input, encoding, the order and descriptor rules. Most loop over the table. */
#include "proto-util.h"

/* ------------------------------------------------------------------ */
/* The table                                                            */

static void test_table(void **state)
{
	(void)state;
	unsigned first[2] = { 0, 0 }, rows = 0;
	FOR_EACH_TYPE(t)
	{
		const struct vp_type_info *r = vp_type_info(t);
		rows++;
		assert_ptr_equal(r, &vp_types[t]);
		assert_non_null(r->decode);
		assert_non_null(r->encode);
		assert_non_null(r->too_short);
		assert_true(r->min_len <= r->max_len && r->max_len <= VP_MAX_BODY);
		/* a variable length needs a size function, a fixed one none */
		assert_int_equal(r->size != NULL, r->min_len != r->max_len);
		/* the numbering convention: the daemon's types have bit 7 */
		assert_int_equal(r->from, t >= 0x80 ? VP_FROM_DAEMON : VP_FROM_AGENT);
		assert_true(r->when == VP_WHEN_FIRST || r->when == VP_WHEN_SESSION);
		if (r->when == VP_WHEN_FIRST) {
			first[r->from]++;
			assert_false(r->window);
		}
		/* only an agent's message carries a descriptor: BUFFER */
		assert_int_equal(r->fds != NULL, t == VP_BUFFER);
		FOR_EACH_TYPE(u)
		if (u != t)
			assert_string_not_equal(r->name, vp_type_info(u)->name);
	}
	assert_int_equal(rows, 46);
	assert_int_equal(first[VP_FROM_AGENT], 1);
	assert_int_equal(first[VP_FROM_DAEMON], 1);
	assert_true(VP_HDR_SIZE + VP_MAX_BODY == VP_HDR_SIZE + vp_types[VP_BUFFER].max_len);
	static const uint32_t none[] = { 0, 0x70, 0x7f, 0x80, 0xa0, 0x100, 0xffffffffu };
	for (size_t k = 0; k < NELEM(none); k++) {
		assert_null(vp_type_info(none[k]));
		assert_string_equal(vp_type_name(none[k]), "unknown");
	}
}

static void test_type_names(void **state)
{
	(void)state;
	FOR_EACH_TYPE(t)
	assert_string_equal(vp_type_name(t), vp_type_info(t)->name);
	assert_string_equal(vp_type_name(VP_HELLO), "HELLO");
	assert_string_equal(vp_type_name(VP_SET_GEOMETRY), "SET_GEOMETRY");
	assert_string_equal(vp_type_name(VP_CLIPBOARD_PASTE), "CLIPBOARD_PASTE");
}

/* ------------------------------------------------------------------ */
/* Round trips                                                          */

static void test_roundtrip_every_type(void **state)
{
	(void)state;
	FOR_EACH_TYPE(t)
	{
		struct vp_msg m = sample(t);
		const struct vp_type_info *r = vp_type_info(t);
		roundtrip_bytes(&m);
		size_t n = vp_encoded_size(&m) - VP_HDR_SIZE;
		assert_true(n >= r->min_len && n <= r->max_len);
		if (r->min_len == r->max_len)
			roundtrip_fixed(&m); /* no pointers: the same struct */
	}
	/* the other legal values of flags and small enums */
	struct vp_msg m = sample(VP_CREATE);
	m.u.create.flags = m.u.create.transient_for = 0;
	roundtrip_fixed(&m);
	m = sample(VP_MAP);
	m.u.map.flags = m.u.map.transient_for = 0;
	roundtrip_fixed(&m);
	m = (struct vp_msg){ .type = VP_HINTS, .window = 3 };
	roundtrip_fixed(&m);
	m.type = VP_WMFLAGS;
	roundtrip_fixed(&m);
	m = sample(VP_KEY);
	m.u.key = (struct vp_key){ 8, 0, 0 };
	roundtrip_fixed(&m);
	m = sample(VP_BUTTON);
	m.u.button = (struct vp_button){ 1, 0, 0, 0, 0 };
	roundtrip_fixed(&m);
	m = sample(VP_CROSSING);
	m.u.crossing.entered = 0;
	roundtrip_fixed(&m);
	m = sample(VP_FOCUS);
	m.u.focus.in = 0;
	roundtrip_fixed(&m);
	m = sample(VP_SCREEN);
	m.u.screen = (struct vp_size){ 1, VP_MAX_DIM };
	roundtrip_fixed(&m);
}

static void test_roundtrip_values(void **state)
{
	(void)state;
	struct vp_msg m, out;
	m = sample(VP_CREATE);
	roundtrip(&m, &out);
	assert_int_equal(out.u.create.r.x, VP_MIN_COORD);
	assert_int_equal(out.u.create.r.y, VP_MAX_COORD);
	assert_int_equal(out.u.create.transient_for, 0x0a0b0c0du);
	m = sample(VP_CONFIGURE);
	roundtrip(&m, &out);
	assert_int_equal(out.u.configure.r.x, -100);
	m = sample(VP_SET_GEOMETRY);
	roundtrip(&m, &out);
	assert_int_equal(out.u.geometry.y, -1);
	m = sample(VP_MOTION);
	roundtrip(&m, &out);
	assert_int_equal(out.u.motion.x, INT32_MIN);
	assert_int_equal(out.u.motion.y, INT32_MAX);
	m = sample(VP_WELCOME);
	roundtrip(&m, &out);
	assert_int_equal(out.u.welcome.minor, 0xbeef);

	/* pointers point into the input */
	m = sample(VP_TITLE);
	roundtrip(&m, &out);
	assert_ptr_equal(out.u.title.bytes, buf + VP_HDR_SIZE);
	m = grant_sample();
	roundtrip(&m, &out);
	assert_int_equal(vp_encoded_size(&m), VP_HDR_SIZE + 32 + 20);
	assert_ptr_equal(out.u.buffer.refs, buf + VP_HDR_SIZE + 32);
	static const uint32_t refs[5] = { 0x11223344u, 1, 2, 0xfffffffeu, 0x80000000u };
	for (uint32_t i = 0; i < 5; i++)
		assert_int_equal(vp_buffer_ref(&out.u.buffer, i), refs[i]);

	/* the largest legal message: 256 MiB of grants */
	m.u.buffer.width = m.u.buffer.height = VP_MAX_DIM;
	m.u.buffer.stride = VP_MAX_DIM * 4;
	m.u.buffer.nrefs = VP_MAX_REFS;
	m.u.buffer.refs = max_refs;
	roundtrip(&m, &out);
	assert_int_equal(vp_encoded_size(&m), VP_HDR_SIZE + VP_MAX_BODY);
	assert_int_equal(vp_buffer_ref(&out.u.buffer, 12345), 12345u * 2654435761u);
	assert_memory_equal(out.u.buffer.refs, max_refs, sizeof(max_refs));
}

static void test_roundtrip_strings(void **state)
{
	(void)state;
	static uint8_t big[VP_MAX_CLIPBOARD];
	struct vp_msg m, out;
	for (unsigned i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 31 + 1);
	/* each string empty, then as long as allowed */
	const struct vp_string e = { 0, NULL };
	m = sample(VP_TITLE);
	m.u.title = e;
	roundtrip_bytes(&m);
	m.u.title = (struct vp_string){ VP_MAX_TITLE, big };
	roundtrip_bytes(&m);
	m = sample(VP_CLASS);
	m.u.cls.name = m.u.cls.class_ = e;
	roundtrip_bytes(&m);
	m.u.cls.class_ = (struct vp_string){ 5, (const uint8_t *)"XTerm" };
	roundtrip(&m, &out);
	assert_int_equal(out.u.cls.name.len, 0);
	assert_memory_equal(out.u.cls.class_.bytes, "XTerm", 5);
	m.u.cls.name = (struct vp_string){ VP_MAX_CLASS, big };
	m.u.cls.class_ = (struct vp_string){ VP_MAX_CLASS, big + 100 };
	roundtrip_bytes(&m);
	m = sample(VP_CLIPBOARD_DATA);
	m.u.clip.text = e; /* "nothing to copy" */
	roundtrip_bytes(&m);
	m.u.clip.text = (struct vp_string){ VP_MAX_CLIPBOARD, big };
	roundtrip_bytes(&m);
	m = sample(VP_CLIPBOARD_PASTE);
	m.u.clip.text = (struct vp_string){ VP_MAX_CLIPBOARD, big };
	roundtrip_bytes(&m);
}

/* ------------------------------------------------------------------ */
/* Framing                                                              */

static void check_prefixes(const uint8_t *p, size_t n, enum vp_dir d, const char *what)
{
	struct vp_msg m;
	for (size_t k = 0; k < n; k++) {
		const char *why = NULL;
		long r = vp_decode(d, p, k, &m, &why);
		if (r != 0)
			fail_msg("%s: prefix %zu of %zu returned %ld (%s)", what, k, n, r,
				 why ? why : "");
	}
	const char *why = NULL;
	assert_int_equal(vp_decode(d, p, n, &m, &why), (long)n);
}

static void test_incomplete(void **state)
{
	(void)state;
	size_t n;
	FOR_EACH_TYPE(t)
	{
		n = enc_sample(t);
		check_prefixes(buf, n, dir_of(t), vp_type_name(t));
	}
	struct vp_msg m = grant_sample();
	n = enc(&m, buf);
	check_prefixes(buf, n, VP_FROM_AGENT, "BUFFER grant");

	/* a violation in the body: nothing to say until the body is here */
	n = enc_sample(VP_DAMAGE);
	set32(BODY(0), (uint32_t)-1);
	for (size_t k = 0; k < n; k++) {
		const char *why = NULL;
		assert_int_equal(vp_decode(VP_FROM_AGENT, buf, k, &m, &why), 0);
	}
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "position");

	/* a violation in the header: -1 as soon as the header is complete */
	n = enc_sample(VP_KEY);
	set32(buf + 8, 13);
	for (size_t k = 0; k < VP_HDR_SIZE; k++) {
		const char *why = NULL;
		assert_int_equal(vp_decode(VP_FROM_DAEMON, buf, k, &m, &why), 0);
	}
	for (size_t k = VP_HDR_SIZE; k <= n + 1; k++)
		EXPECT_BAD(VP_FROM_DAEMON, buf, k, "length");
}

static void test_back_to_back(void **state)
{
	(void)state;
	/* every type of each side, one after the other in one buffer */
	for (int d = VP_FROM_AGENT; d <= VP_FROM_DAEMON; d++) {
		size_t total = 0, off = 0;
		FOR_EACH_TYPE(t)
		if (dir_of(t) == (enum vp_dir)d) {
			struct vp_msg m = sample(t);
			total += vp_encode(&m, buf2 + total, BUF_CAP - total);
		}
		FOR_EACH_TYPE(t)
		if (dir_of(t) == (enum vp_dir)d) {
			struct vp_msg out;
			const char *why = NULL;
			long r = vp_decode((enum vp_dir)d, buf2 + off, total - off, &out, &why);
			struct vp_msg m = sample(t);
			assert_int_equal(r, (long)vp_encoded_size(&m));
			assert_int_equal(out.type, t);
			/* one byte short of this message: wait */
			assert_int_equal(
				vp_decode((enum vp_dir)d, buf2 + off, (size_t)r - 1, &out, &why),
				0);
			off += (size_t)r;
		}
		assert_int_equal(off, total);
	}
}

/* ------------------------------------------------------------------ */
/* Encoder and helpers                                                  */

static void test_encode_refuses(void **state)
{
	(void)state;
	FOR_EACH_TYPE(t)
	{
		struct vp_msg m = sample(t);
		size_t need = vp_encoded_size(&m);
		memset(buf, 0x5a, need + 1);
		assert_int_equal(vp_encode(&m, buf, need - 1), 0);
		assert_int_equal(vp_encode(&m, buf, 0), 0);
		assert_int_equal(vp_encode(&m, buf, need), need);
		assert_int_equal(buf[need], 0x5a); /* nothing written past the end */
		/* the wrong kind of window id */
		m.window = m.window ? 0 : 5;
		assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
	}
	static const uint32_t bad[] = { 0, 0x70, 0x80, 0xa0, 0xffffffffu };
	for (size_t k = 0; k < NELEM(bad); k++) {
		struct vp_msg m = { .type = bad[k], .window = 1 };
		assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
		m.window = 0;
		assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
	}
	/* strings and grants beyond the protocol's limits */
	static uint8_t big[VP_MAX_CLIPBOARD + 1];
	struct vp_msg m = sample(VP_TITLE);
	m.u.title = (struct vp_string){ VP_MAX_TITLE + 1, big };
	assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
	m = sample(VP_CLASS);
	m.u.cls.name = (struct vp_string){ VP_MAX_CLASS + 1, big };
	assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
	m = sample(VP_CLASS);
	m.u.cls.class_ = (struct vp_string){ VP_MAX_CLASS + 1, big };
	assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
	m = grant_sample();
	m.u.buffer.nrefs = VP_MAX_REFS + 1;
	assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
	m = sample(VP_CLIPBOARD_DATA);
	m.u.clip.text = (struct vp_string){ VP_MAX_CLIPBOARD + 1, big };
	assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
	m = sample(VP_CLIPBOARD_PASTE);
	m.u.clip.text = (struct vp_string){ VP_MAX_CLIPBOARD + 1, big };
	assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
	m = sample(VP_LAYOUT);
	m.u.layout.variant = (struct vp_string){ VP_MAX_LAYOUT + 1, big };
	assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
}

static void test_pages_for(void **state)
{
	(void)state;
	static const struct {
		uint32_t stride, height, pages;
	} c[] = {
		{ 0, 0, 0 },
		{ 0, 100, 0 },
		{ 100, 0, 0 },
		{ 4, 1, 1 },
		{ 4096, 1, 1 },
		{ 4100, 1, 2 },
		{ 400, 50, 5 },
		{ VP_MAX_DIM * 4, VP_MAX_DIM, VP_MAX_REFS },
		/* just over VP_MAX_REFS pages, and products that overflow 32 bits */
		{ VP_MAX_DIM * 4 + 4, VP_MAX_DIM, 0 },
		{ VP_MAX_DIM * 8, VP_MAX_DIM, 0 },
		{ 0x10000u, 0x10000u, 0 },
		{ 0xffffffffu, 0xffffffffu, 0 },
		{ 0xffffffffu, 1, 0 },
		{ 0x80000000u, 2, 0 },
	};
	for (size_t k = 0; k < NELEM(c); k++)
		assert_int_equal(vp_pages_for(c[k].stride, c[k].height), c[k].pages);
}

/* ------------------------------------------------------------------ */
/* Order and descriptors                                                */

static void test_order(void **state)
{
	(void)state;
	FOR_EACH_TYPE(t)
	{
		const struct vp_type_info *r = vp_type_info(t);
		const char *hs = r->from == VP_FROM_AGENT ? "HELLO" : "WELCOME";
		const char *before = vp_check_order(t, false), *after = vp_check_order(t, true);
		if (r->when == VP_WHEN_FIRST) {
			assert_string_equal(r->name, hs);
			assert_null(before);
			assert_non_null(after);
			assert_true(!strncmp(after, "second ", 7) && strstr(after, hs));
		} else {
			assert_non_null(before);
			assert_true(!strncmp(before, "first message is not ", 21) &&
				    strstr(before, hs));
			assert_null(after);
		}
	}
}

static void test_descriptors(void **state)
{
	(void)state;
	FOR_EACH_TYPE(t)
	{
		struct vp_msg m = sample(t);
		size_t n = enc(&m, buf);
		unsigned want = t == VP_BUFFER; /* the local form */
		assert_int_equal(vp_msg_fds(&m), want);
		/* any first bytes of a BUFFER may be waiting for its descriptor;
		 * those of another type never */
		for (size_t k = 1; k <= n; k++)
			assert_int_equal(vp_prefix_may_carry_fd(buf, k), vp_types[t].fds != NULL);
	}
	struct vp_msg m = grant_sample();
	assert_int_equal(vp_msg_fds(&m), 0);
	assert_false(vp_prefix_may_carry_fd(buf, 0));
	buf[0] = VP_BUFFER, buf[1] = 1;
	assert_false(vp_prefix_may_carry_fd(buf, 2)); /* type 0x108 */
}

int main(void)
{
	init_refs();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_roundtrip_every_type),
		cmocka_unit_test(test_roundtrip_values),
		cmocka_unit_test(test_roundtrip_strings),
		cmocka_unit_test(test_incomplete),
		cmocka_unit_test(test_back_to_back),
		cmocka_unit_test(test_encode_refuses),
		cmocka_unit_test(test_pages_for),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_descriptors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
