/* Unit tests for the vitrine wire protocol: round trips of every type, incomplete input, encoding
 * (protocol/). */
#include "proto-util.h"

static void test_roundtrip_agent(void **state)
{
	(void)state;
	struct vp_msg m, out;
	for (size_t i = 0; i < NELEM(agent_types); i++) {
		uint32_t t = agent_types[i];
		if (t == VP_BUFFER || t == VP_TITLE || t == VP_CLASS)
			continue;
		m = sample(t);
		roundtrip_fixed(&m);
	}

	/* explicit checks of the signed and boundary values */
	m = sample(VP_CREATE);
	roundtrip(&m, &out);
	assert_int_equal(out.u.create.r.x, VP_MIN_COORD);
	assert_int_equal(out.u.create.r.y, VP_MAX_COORD);
	assert_int_equal(out.u.create.r.w, VP_MAX_DIM);
	assert_int_equal(out.u.create.r.h, 1);
	assert_int_equal(out.u.create.flags, VP_WIN_OVERRIDE_REDIRECT);
	assert_int_equal(out.u.create.transient_for, 0x0a0b0c0du);

	m = sample(VP_HELLO);
	roundtrip(&m, &out);
	assert_int_equal(out.u.hello.major, VP_MAJOR);
	assert_int_equal(out.u.hello.minor, 0x1234);
	assert_int_equal(out.u.hello.flags, VP_HELLO_FLAGS_ALL);

	m = sample(VP_CONFIGURE);
	roundtrip(&m, &out);
	assert_int_equal(out.u.configure.r.x, -100);
	assert_int_equal(out.u.configure.r.y, 200);

	/* CREATE and MAP: no transient parent, other flag value */
	m = sample(VP_CREATE);
	m.u.create.flags = 0;
	m.u.create.transient_for = 0;
	roundtrip_fixed(&m);
	m = sample(VP_MAP);
	m.u.map.flags = 0;
	m.u.map.transient_for = 0;
	roundtrip_fixed(&m);

	/* HINTS and WMFLAGS with nothing set */
	memset(&m, 0, sizeof(m));
	m.type = VP_HINTS;
	m.window = 3;
	roundtrip_fixed(&m);
	m.type = VP_WMFLAGS;
	roundtrip_fixed(&m);
}

static void test_roundtrip_buffer(void **state)
{
	(void)state;
	struct vp_msg m, out;

	m = sample(VP_BUFFER);
	roundtrip(&m, &out);
	assert_int_equal(vp_encoded_size(&m), VP_HDR_SIZE + 32);
	assert_int_equal(out.u.buffer.serial, 0xcafef00du);
	assert_int_equal(out.u.buffer.kind, VP_BUF_LOCAL);
	assert_int_equal(out.u.buffer.width, 641);
	assert_int_equal(out.u.buffer.height, 481);
	assert_int_equal(out.u.buffer.stride, 641 * 4 + 60);
	assert_int_equal(out.u.buffer.format, VP_FMT_XRGB8888);
	assert_int_equal(out.u.buffer.domid, 0);
	assert_int_equal(out.u.buffer.nrefs, 0);

	m = grant_sample();
	roundtrip(&m, &out);
	assert_int_equal(vp_encoded_size(&m), VP_HDR_SIZE + 32 + 20);
	assert_int_equal(out.u.buffer.kind, VP_BUF_GRANT);
	assert_int_equal(out.u.buffer.domid, 7);
	assert_int_equal(out.u.buffer.nrefs, 5);
	assert_ptr_equal(out.u.buffer.refs, buf + VP_HDR_SIZE + 32);
	assert_int_equal(vp_buffer_ref(&out.u.buffer, 0), 0x11223344u);
	assert_int_equal(vp_buffer_ref(&out.u.buffer, 1), 1);
	assert_int_equal(vp_buffer_ref(&out.u.buffer, 2), 2);
	assert_int_equal(vp_buffer_ref(&out.u.buffer, 3), 0xfffffffeu);
	assert_int_equal(vp_buffer_ref(&out.u.buffer, 4), 0x80000000u);

	/* the largest legal message: 256 MiB of grants */
	m.u.buffer.width = VP_MAX_DIM;
	m.u.buffer.height = VP_MAX_DIM;
	m.u.buffer.stride = VP_MAX_DIM * 4;
	m.u.buffer.nrefs = VP_MAX_REFS;
	m.u.buffer.refs = max_refs;
	assert_int_equal(vp_pages_for(m.u.buffer.stride, m.u.buffer.height), VP_MAX_REFS);
	roundtrip(&m, &out);
	assert_int_equal(vp_encoded_size(&m), VP_HDR_SIZE + 32 + 4 * VP_MAX_REFS);
	assert_true(vp_encoded_size(&m) <= VP_HDR_SIZE + VP_MAX_BODY);
	assert_int_equal(out.u.buffer.nrefs, VP_MAX_REFS);
	assert_int_equal(vp_buffer_ref(&out.u.buffer, 0), 0);
	assert_int_equal(vp_buffer_ref(&out.u.buffer, 12345), 12345u * 2654435761u);
	assert_int_equal(vp_buffer_ref(&out.u.buffer, VP_MAX_REFS - 1),
			 (VP_MAX_REFS - 1) * 2654435761u);
	assert_memory_equal(out.u.buffer.refs, max_refs, sizeof(max_refs));
}

static void test_roundtrip_strings(void **state)
{
	(void)state;
	struct vp_msg m, out;
	static uint8_t big[VP_MAX_TITLE];

	m = sample(VP_TITLE);
	roundtrip(&m, &out);
	assert_int_equal(out.u.title.len, sizeof(title_bytes) - 1);
	assert_ptr_equal(out.u.title.bytes, buf + VP_HDR_SIZE);
	assert_memory_equal(out.u.title.bytes, title_bytes, sizeof(title_bytes) - 1);

	/* empty and maximal titles */
	m.u.title.len = 0;
	m.u.title.bytes = NULL;
	roundtrip(&m, &out);
	assert_int_equal(out.u.title.len, 0);
	for (unsigned i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 31 + 1);
	m.u.title.len = VP_MAX_TITLE;
	m.u.title.bytes = big;
	roundtrip(&m, &out);
	assert_int_equal(out.u.title.len, VP_MAX_TITLE);
	assert_memory_equal(out.u.title.bytes, big, VP_MAX_TITLE);

	m = sample(VP_CLASS);
	roundtrip(&m, &out);
	assert_int_equal(vp_encoded_size(&m),
			 VP_HDR_SIZE + 4 + strlen(class_name) + strlen(class_class));
	assert_int_equal(out.u.cls.name.len, strlen(class_name));
	assert_memory_equal(out.u.cls.name.bytes, class_name, strlen(class_name));
	assert_int_equal(out.u.cls.class_.len, strlen(class_class));
	assert_memory_equal(out.u.cls.class_.bytes, class_class, strlen(class_class));

	/* both empty; one empty; both maximal */
	m.u.cls.name = (struct vp_string){ 0, NULL };
	m.u.cls.class_ = (struct vp_string){ 0, NULL };
	roundtrip(&m, &out);
	assert_int_equal(out.u.cls.name.len, 0);
	assert_int_equal(out.u.cls.class_.len, 0);
	m.u.cls.class_ = (struct vp_string){ 5, (const uint8_t *)"XTerm" };
	roundtrip(&m, &out);
	assert_int_equal(out.u.cls.name.len, 0);
	assert_int_equal(out.u.cls.class_.len, 5);
	assert_memory_equal(out.u.cls.class_.bytes, "XTerm", 5);
	m.u.cls.name = (struct vp_string){ VP_MAX_CLASS, big };
	m.u.cls.class_ = (struct vp_string){ VP_MAX_CLASS, big + 100 };
	roundtrip(&m, &out);
	assert_int_equal(out.u.cls.name.len, VP_MAX_CLASS);
	assert_int_equal(out.u.cls.class_.len, VP_MAX_CLASS);
	assert_memory_equal(out.u.cls.name.bytes, big, VP_MAX_CLASS);
	assert_memory_equal(out.u.cls.class_.bytes, big + 100, VP_MAX_CLASS);
}

static void test_roundtrip_daemon(void **state)
{
	(void)state;
	struct vp_msg m, out;
	for (size_t i = 0; i < NELEM(daemon_types); i++) {
		m = sample(daemon_types[i]);
		roundtrip_fixed(&m);
	}

	m = sample(VP_WELCOME);
	roundtrip(&m, &out);
	assert_int_equal(out.u.welcome.major, VP_MAJOR);
	assert_int_equal(out.u.welcome.minor, 0xbeef);
	assert_int_equal(out.u.welcome.screen_w, 3840);
	assert_int_equal(out.u.welcome.screen_h, VP_MAX_DIM);

	m = sample(VP_SET_GEOMETRY);
	roundtrip(&m, &out);
	assert_int_equal(out.u.geometry.x, VP_MIN_COORD);
	assert_int_equal(out.u.geometry.y, -1);

	m = sample(VP_BUTTON);
	roundtrip(&m, &out);
	assert_int_equal(out.u.button.x, -5);
	assert_int_equal(out.u.button.y, 70000);

	m = sample(VP_MOTION);
	roundtrip(&m, &out);
	assert_int_equal(out.u.motion.x, INT32_MIN);
	assert_int_equal(out.u.motion.y, INT32_MAX);

	m = sample(VP_KEYMAP);
	roundtrip(&m, &out);
	assert_memory_equal(out.u.keymap.keys, m.u.keymap.keys, 32);

	/* the other legal values of the small enums */
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

static void test_fixed_lengths(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(fixed_types); i++) {
		struct vp_msg m = sample(fixed_types[i].type);
		assert_int_equal(vp_encoded_size(&m), VP_HDR_SIZE + fixed_types[i].len);
	}
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
	for (size_t i = 0; i < NELEM(agent_types) + NELEM(daemon_types); i++) {
		uint32_t t = i < NELEM(agent_types) ? agent_types[i]
						    : daemon_types[i - NELEM(agent_types)];
		n = enc_sample(t);
		check_prefixes(buf, n, dir_of(t), vp_type_name(t));
	}
	struct vp_msg m = grant_sample();
	n = enc(&m, buf);
	check_prefixes(buf, n, VP_FROM_AGENT, "BUFFER grant");
	m.u.buffer.width = VP_MAX_DIM;
	m.u.buffer.height = VP_MAX_DIM;
	m.u.buffer.stride = VP_MAX_DIM * 4;
	m.u.buffer.nrefs = VP_MAX_REFS;
	m.u.buffer.refs = max_refs;
	n = enc(&m, buf);
	check_prefixes(buf, n, VP_FROM_AGENT, "BUFFER max grant");

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
	struct vp_msg a = sample(VP_CREATE), b = sample(VP_TITLE), c = grant_sample(),
		      d = sample(VP_DESTROY), out;
	const char *why = NULL;
	size_t na = vp_encode(&a, buf2, BUF_CAP);
	size_t nb = vp_encode(&b, buf2 + na, BUF_CAP - na);
	size_t nc = vp_encode(&c, buf2 + na + nb, BUF_CAP - na - nb);
	size_t nd = vp_encode(&d, buf2 + na + nb + nc, BUF_CAP - na - nb - nc);
	assert_true(na && nb && nc && nd);
	size_t total = na + nb + nc + nd;

	long r = vp_decode(VP_FROM_AGENT, buf2, total, &out, &why);
	assert_int_equal(r, (long)na);
	assert_int_equal(out.type, VP_CREATE);
	assert_int_equal(out.u.create.r.x, VP_MIN_COORD);

	r = vp_decode(VP_FROM_AGENT, buf2 + na, total - na, &out, &why);
	assert_int_equal(r, (long)nb);
	assert_int_equal(out.type, VP_TITLE);
	assert_int_equal(out.u.title.len, sizeof(title_bytes) - 1);
	assert_ptr_equal(out.u.title.bytes, buf2 + na + VP_HDR_SIZE);

	/* the third is cut short: wait */
	r = vp_decode(VP_FROM_AGENT, buf2 + na + nb, nc - 1, &out, &why);
	assert_int_equal(r, 0);
	r = vp_decode(VP_FROM_AGENT, buf2 + na + nb, total - na - nb, &out, &why);
	assert_int_equal(r, (long)nc);
	assert_int_equal(out.type, VP_BUFFER);
	assert_int_equal(out.u.buffer.nrefs, 5);
	assert_int_equal(vp_buffer_ref(&out.u.buffer, 4), 0x80000000u);

	r = vp_decode(VP_FROM_AGENT, buf2 + na + nb + nc, nd, &out, &why);
	assert_int_equal(r, (long)nd);
	assert_int_equal(out.type, VP_DESTROY);
	assert_int_equal(out.window, 0xfffffffeu);

	/* daemon side: two fixed-size messages */
	struct vp_msg k = sample(VP_KEY), f = sample(VP_FOCUS);
	size_t nk = vp_encode(&k, buf2, BUF_CAP);
	size_t nf = vp_encode(&f, buf2 + nk, BUF_CAP - nk);
	r = vp_decode(VP_FROM_DAEMON, buf2, nk + nf, &out, &why);
	assert_int_equal(r, (long)nk);
	assert_int_equal(out.u.key.keycode, 255);
	r = vp_decode(VP_FROM_DAEMON, buf2 + nk, nf, &out, &why);
	assert_int_equal(r, (long)nf);
	assert_int_equal(out.u.focus.in, 1);
}

/* ------------------------------------------------------------------ */
/* Encoder and helpers                                                  */

static void test_encode_refuses(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(agent_types) + NELEM(daemon_types); i++) {
		uint32_t t = i < NELEM(agent_types) ? agent_types[i]
						    : daemon_types[i - NELEM(agent_types)];
		struct vp_msg m = sample(t);
		size_t need = vp_encoded_size(&m);
		memset(buf, 0x5a, need + 1);
		assert_int_equal(vp_encode(&m, buf, need - 1), 0);
		assert_int_equal(vp_encode(&m, buf, VP_HDR_SIZE - 1), 0);
		assert_int_equal(vp_encode(&m, buf, 0), 0);
		assert_int_equal(vp_encode(&m, buf, need), need);
		assert_int_equal(buf[need], 0x5a); /* nothing written past the end */
	}
	struct vp_msg m = grant_sample();
	assert_int_equal(vp_encode(&m, buf, vp_encoded_size(&m) - 1), 0);

	static const uint32_t bad[] = { 0, 14, 0x80, 0x8f, 0xffffffffu };
	for (size_t k = 0; k < NELEM(bad); k++) {
		memset(&m, 0, sizeof(m));
		m.type = bad[k];
		m.window = 1;
		assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
		m.window = 0;
		assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
	}

	/* strings and grants beyond the protocol's limits */
	static uint8_t big[VP_MAX_TITLE + 1];
	m = sample(VP_TITLE);
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
}

static void test_pages_for(void **state)
{
	(void)state;
	assert_int_equal(vp_pages_for(0, 0), 0);
	assert_int_equal(vp_pages_for(0, 100), 0);
	assert_int_equal(vp_pages_for(100, 0), 0);
	assert_int_equal(vp_pages_for(4, 1), 1);
	assert_int_equal(vp_pages_for(4096, 1), 1);
	assert_int_equal(vp_pages_for(4100, 1), 2);
	assert_int_equal(vp_pages_for(400, 50), 5);
	assert_int_equal(vp_pages_for(VP_MAX_DIM * 4, VP_MAX_DIM), VP_MAX_REFS);
	/* just over VP_MAX_REFS pages, and products that overflow 32 bits */
	assert_int_equal(vp_pages_for(VP_MAX_DIM * 4 + 4, VP_MAX_DIM), 0);
	assert_int_equal(vp_pages_for(VP_MAX_DIM * 8, VP_MAX_DIM), 0);
	assert_int_equal(vp_pages_for(0x10000u, 0x10000u), 0); /* 2^32 */
	assert_int_equal(vp_pages_for(0xffffffffu, 0xffffffffu), 0);
	assert_int_equal(vp_pages_for(0xffffffffu, 1), 0);
	assert_int_equal(vp_pages_for(0x80000000u, 2), 0);
}

static struct vp_msg layout_msg(const char *rules, const char *model, const char *layout,
				const char *variant, const char *options)
{
	struct vp_msg m = { .type = VP_LAYOUT };
	struct vp_string *f[] = { &m.u.layout.rules, &m.u.layout.model, &m.u.layout.layout,
				  &m.u.layout.variant, &m.u.layout.options };
	const char *v[] = { rules, model, layout, variant, options };
	for (int i = 0; i < 5; i++)
		*f[i] = (struct vp_string){ (uint32_t)strlen(v[i]), (const uint8_t *)v[i] };
	return m;
}

static void test_layout(void **state)
{
	(void)state;
	struct vp_msg out;
	struct vp_msg m = layout_msg("evdev", "pc105", "us,de", "", "grp:alt_shift_toggle");
	roundtrip(&m, &out);
	assert_int_equal(out.u.layout.layout.len, 5);
	assert_memory_equal(out.u.layout.layout.bytes, "us,de", 5);
	assert_int_equal(out.u.layout.variant.len, 0);
	assert_memory_equal(out.u.layout.options.bytes, "grp:alt_shift_toggle", 20);

	/* a shell metacharacter, a space, a NUL: refused */
	static const char *bad[] = { "us;rm", "us de", "us$(x)", "us\n" };
	for (size_t i = 0; i < NELEM(bad); i++) {
		m = layout_msg("evdev", "pc105", bad[i], "", "");
		size_t n = enc(&m, buf);
		EXPECT_BAD(VP_FROM_DAEMON, buf, n, "layout");
	}
	m = layout_msg("evdev", "pc105", "us", "", "");
	size_t n = enc(&m, buf);
	buf[VP_HDR_SIZE + 10 + 5 + 5] = 0; /* NUL inside "us" */
	EXPECT_BAD(VP_FROM_DAEMON, buf, n, "layout");

	/* over-long name, lengths not matching the body, window id set */
	char longname[VP_MAX_LAYOUT + 2];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	m = layout_msg("evdev", "pc105", longname, "", "");
	assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
	m = layout_msg("evdev", "pc105", "us", "", "");
	n = enc(&m, buf);
	set32(buf + 8, (uint32_t)(n - VP_HDR_SIZE + 1));
	EXPECT_BAD(VP_FROM_DAEMON, buf, n + 1, "LAYOUT");
	header(VP_LAYOUT, 0, 4);
	EXPECT_BAD(VP_FROM_DAEMON, buf, VP_HDR_SIZE + 4, "short");
	header(VP_LAYOUT, 0, 10);
	set16(buf + VP_HDR_SIZE, VP_MAX_LAYOUT + 1);
	EXPECT_BAD(VP_FROM_DAEMON, buf, VP_HDR_SIZE + 10, "too long");
	m = layout_msg("evdev", "pc105", "us", "", "");
	n = enc(&m, buf);
	set32(buf + 4, 3);
	EXPECT_BAD(VP_FROM_DAEMON, buf, n, "window");
}

static void test_clipboard(void **state)
{
	(void)state;
	struct vp_msg out, m = { .type = VP_CLIPBOARD_DATA };
	static uint8_t big[VP_MAX_CLIPBOARD + 1];
	m.u.clip = (struct vp_clipboard){ 77, { 5, (const uint8_t *)"hello" } };
	roundtrip(&m, &out);
	assert_int_equal(out.u.clip.serial, 77);
	assert_int_equal(out.u.clip.text.len, 5);
	assert_memory_equal(out.u.clip.text.bytes, "hello", 5);
	/* empty is allowed: "nothing to copy" */
	m.u.clip.text.len = 0;
	roundtrip(&m, &out);
	assert_int_equal(out.u.clip.text.len, 0);
	/* the largest, then one byte more: refused from the header alone */
	memset(big, 'x', sizeof(big));
	m.u.clip.text = (struct vp_string){ VP_MAX_CLIPBOARD, big };
	roundtrip(&m, &out);
	assert_int_equal(out.u.clip.text.len, VP_MAX_CLIPBOARD);
	m.u.clip.text.len = VP_MAX_CLIPBOARD + 1;
	assert_int_equal(vp_encode(&m, buf, BUF_CAP), 0);
	header(VP_CLIPBOARD_DATA, 0, 4 + VP_MAX_CLIPBOARD + 1);
	EXPECT_BAD(VP_FROM_AGENT, buf, VP_HDR_SIZE, "clipboard");
	header(VP_CLIPBOARD_DATA, 0, 3);
	EXPECT_BAD(VP_FROM_AGENT, buf, VP_HDR_SIZE + 3, "short");
	header(VP_CLIPBOARD_DATA, 9, 4);
	EXPECT_BAD(VP_FROM_AGENT, buf, VP_HDR_SIZE + 4, "window");

	m = (struct vp_msg){ .type = VP_CLIPBOARD_REQUEST };
	m.u.clip.serial = 0xfeedu;
	roundtrip(&m, &out);
	assert_int_equal(out.u.clip.serial, 0xfeedu);
	header(VP_CLIPBOARD_REQUEST, 0, 8);
	EXPECT_BAD(VP_FROM_DAEMON, buf, VP_HDR_SIZE + 8, "length");

	m = (struct vp_msg){ .type = VP_CLIPBOARD_PASTE };
	m.u.clip.text = (struct vp_string){ 3, (const uint8_t *)"abc" };
	roundtrip(&m, &out);
	assert_int_equal(out.u.clip.text.len, 3);
	assert_memory_equal(out.u.clip.text.bytes, "abc", 3);
	/* an agent may not send the daemon's types, nor the daemon the agent's */
	size_t n = enc(&m, buf);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "type");
	m = (struct vp_msg){ .type = VP_CLIPBOARD_DATA };
	n = enc(&m, buf);
	EXPECT_BAD(VP_FROM_DAEMON, buf, n, "type");
}

static void test_type_names(void **state)
{
	(void)state;
	assert_string_equal(vp_type_name(VP_HELLO), "HELLO");
	assert_string_equal(vp_type_name(VP_CREATE), "CREATE");
	assert_string_equal(vp_type_name(VP_WMFLAGS), "WMFLAGS");
	assert_string_equal(vp_type_name(VP_SET_GEOMETRY), "SET_GEOMETRY");
	assert_string_equal(vp_type_name(VP_KEYMAP), "KEYMAP");
	assert_string_equal(vp_type_name(0), "unknown");
	assert_string_equal(vp_type_name(14), "unknown");
	assert_string_equal(vp_type_name(0x8f), "unknown");
	assert_string_equal(vp_type_name(0xffffffffu), "unknown");
	for (size_t i = 0; i < NELEM(agent_types); i++)
		assert_string_not_equal(vp_type_name(agent_types[i]), "unknown");
	for (size_t i = 0; i < NELEM(daemon_types); i++)
		assert_string_not_equal(vp_type_name(daemon_types[i]), "unknown");
}

int main(void)
{
	init_refs();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_agent),	  cmocka_unit_test(test_roundtrip_buffer),
		cmocka_unit_test(test_roundtrip_strings), cmocka_unit_test(test_roundtrip_daemon),
		cmocka_unit_test(test_fixed_lengths),	  cmocka_unit_test(test_incomplete),
		cmocka_unit_test(test_back_to_back),	  cmocka_unit_test(test_encode_refuses),
		cmocka_unit_test(test_pages_for),	  cmocka_unit_test(test_layout),
		cmocka_unit_test(test_clipboard),	  cmocka_unit_test(test_type_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
