/* Unit tests for the vitrine wire protocol: protocol/proto.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "protocol/proto.h"

/* Room for the largest legal message plus slack for "one byte too many". */
#define BUF_CAP (VP_HDR_SIZE + VP_MAX_BODY + 64)
static uint8_t buf[BUF_CAP];
static uint8_t buf2[BUF_CAP];

static const uint32_t agent_types[] = {
	VP_HELLO, VP_CREATE, VP_DESTROY, VP_MAP, VP_UNMAP, VP_CONFIGURE,
	VP_DAMAGE, VP_BUFFER, VP_TITLE, VP_CLASS, VP_HINTS, VP_WMFLAGS,
};
static const uint32_t daemon_types[] = {
	VP_WELCOME, VP_SET_GEOMETRY, VP_CLOSE, VP_SCREEN, VP_RELEASE, VP_KEY,
	VP_BUTTON, VP_MOTION, VP_CROSSING, VP_FOCUS, VP_KEYMAP,
};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Fixed body lengths, as the wire format defines them. */
static const struct { uint32_t type; uint32_t len; } fixed_types[] = {
	{ VP_HELLO, 8 }, { VP_CREATE, 24 }, { VP_DESTROY, 0 }, { VP_MAP, 8 },
	{ VP_UNMAP, 0 }, { VP_CONFIGURE, 20 }, { VP_DAMAGE, 16 },
	{ VP_HINTS, 36 }, { VP_WMFLAGS, 4 },
	{ VP_WELCOME, 12 }, { VP_SET_GEOMETRY, 16 }, { VP_CLOSE, 0 },
	{ VP_SCREEN, 8 }, { VP_RELEASE, 4 }, { VP_KEY, 12 }, { VP_BUTTON, 20 },
	{ VP_MOTION, 12 }, { VP_CROSSING, 16 }, { VP_FOCUS, 4 }, { VP_KEYMAP, 32 },
};

static void set32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void set16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static uint32_t read32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

#define BODY(off) (buf + VP_HDR_SIZE + (off))

static enum vp_dir dir_of(uint32_t type)
{
	return type >= 0x80 ? VP_FROM_DAEMON : VP_FROM_AGENT;
}

static int is_connection_level(uint32_t type)
{
	return type == VP_HELLO || type == VP_WELCOME || type == VP_SCREEN ||
	       type == VP_KEYMAP;
}

/* Data that pointer fields of the sample messages point at. */
static const uint8_t title_bytes[] = "Gr\xc3\xbc\xc3\x9f" "e\0\xff\x1b[31m evil\n";
static const char class_name[] = "xterm-256color";
static const char class_class[] = "XTerm";
static uint8_t grant_refs[5 * 4];
static uint8_t max_refs[VP_MAX_REFS * 4];

static void init_refs(void)
{
	static const uint32_t r[5] = { 0x11223344u, 1, 2, 0xfffffffeu, 0x80000000u };
	for (unsigned i = 0; i < 5; i++)
		set32(grant_refs + 4 * i, r[i]);
	for (uint32_t i = 0; i < VP_MAX_REFS; i++)
		set32(max_refs + 4 * i, i * 2654435761u);
}

/* A valid message of each type, with non-trivial field values. */
static struct vp_msg sample(uint32_t type)
{
	struct vp_msg m;
	memset(&m, 0, sizeof(m));
	m.type = type;
	m.window = is_connection_level(type) ? 0 : 0x01020304u;
	switch (type) {
	case VP_HELLO:
		m.u.hello = (struct vp_hello){ VP_MAJOR, 0x1234, 0xdeadbeefu };
		break;
	case VP_CREATE:
		m.u.create.r = (struct vp_rect){ VP_MIN_COORD, VP_MAX_COORD, VP_MAX_DIM, 1 };
		m.u.create.flags = VP_WIN_OVERRIDE_REDIRECT;
		m.u.create.transient_for = 0x0a0b0c0du;
		break;
	case VP_DESTROY:
		m.window = 0xfffffffeu;
		break;
	case VP_MAP:
		m.u.map.flags = VP_WIN_OVERRIDE_REDIRECT;
		m.u.map.transient_for = 0xffffffffu;
		break;
	case VP_UNMAP:
		m.window = 0x80000000u;
		break;
	case VP_CONFIGURE:
		m.u.configure.r = (struct vp_rect){ -100, 200, 640, 480 };
		m.u.configure.flags = VP_WIN_OVERRIDE_REDIRECT;
		break;
	case VP_DAMAGE:
		m.u.damage = (struct vp_rect){ VP_MAX_DIM - 1, 0, 1, VP_MAX_DIM };
		break;
	case VP_BUFFER: /* local form */
		m.u.buffer.serial = 0xcafef00du;
		m.u.buffer.kind = VP_BUF_LOCAL;
		m.u.buffer.width = 641;
		m.u.buffer.height = 481;
		m.u.buffer.stride = 641 * 4 + 60;
		m.u.buffer.format = VP_FMT_XRGB8888;
		break;
	case VP_TITLE:
		m.u.title.len = sizeof(title_bytes) - 1;
		m.u.title.bytes = title_bytes;
		break;
	case VP_CLASS:
		m.u.cls.name.len = (uint32_t)strlen(class_name);
		m.u.cls.name.bytes = (const uint8_t *)class_name;
		m.u.cls.class_.len = (uint32_t)strlen(class_class);
		m.u.cls.class_.bytes = (const uint8_t *)class_class;
		break;
	case VP_HINTS:
		m.u.hints = (struct vp_hints){ VP_HINT_ALL, 1, 2, VP_MAX_DIM, 4000,
					       0, 7, 0, VP_MAX_DIM };
		break;
	case VP_WMFLAGS:
		m.u.wmflags = VP_WM_ALL;
		break;
	case VP_WELCOME:
		m.u.welcome = (struct vp_welcome){ VP_MAJOR, 0xbeef, 3840, VP_MAX_DIM };
		break;
	case VP_SET_GEOMETRY:
		m.u.geometry = (struct vp_rect){ VP_MIN_COORD, -1, 1, VP_MAX_DIM };
		break;
	case VP_CLOSE:
		m.window = 7;
		break;
	case VP_SCREEN:
		m.u.screen = (struct vp_size){ VP_MAX_DIM, 1 };
		break;
	case VP_RELEASE:
		m.u.release_serial = 0xffffffffu;
		break;
	case VP_KEY:
		m.u.key = (struct vp_key){ 255, 0x8000000du, 1 };
		break;
	case VP_BUTTON:
		m.u.button = (struct vp_button){ 255, 1, -5, 70000, 0x1100 };
		break;
	case VP_MOTION:
		m.u.motion = (struct vp_motion){ INT32_MIN, INT32_MAX, 0xffffffffu };
		break;
	case VP_CROSSING:
		m.u.crossing = (struct vp_crossing){ 1, -3, 4, 0x10 };
		break;
	case VP_FOCUS:
		m.u.focus.in = 1;
		break;
	case VP_KEYMAP:
		for (unsigned i = 0; i < 32; i++)
			m.u.keymap.keys[i] = (uint8_t)(0xff - 7 * i);
		break;
	}
	return m;
}

static struct vp_msg grant_sample(void)
{
	struct vp_msg m = sample(VP_BUFFER);
	m.u.buffer.kind = VP_BUF_GRANT;
	m.u.buffer.width = 100;
	m.u.buffer.height = 50;
	m.u.buffer.stride = 400; /* 20000 bytes: 5 pages */
	m.u.buffer.domid = 7;
	m.u.buffer.nrefs = 5;
	m.u.buffer.refs = grant_refs;
	return m;
}

/* Encode into buf, checking vp_encoded_size against vp_encode. */
static size_t enc(const struct vp_msg *m, uint8_t *out)
{
	size_t n = vp_encode(m, out, BUF_CAP);
	assert_true(n >= VP_HDR_SIZE);
	assert_int_equal(n, vp_encoded_size(m));
	assert_int_equal(read32(out), m->type);
	assert_int_equal(read32(out + 4), m->window);
	assert_int_equal(read32(out + 8), n - VP_HDR_SIZE);
	return n;
}

static size_t enc_sample(uint32_t type)
{
	struct vp_msg m = sample(type);
	return enc(&m, buf);
}

static void expect_bad_at(enum vp_dir dir, const uint8_t *p, size_t len,
			  const char *word, const char *file, int line)
{
	struct vp_msg m;
	const char *why = NULL;
	long r = vp_decode(dir, p, len, &m, &why);
	if (r != -1)
		fail_msg("%s:%d: expected -1 (\"%s\"), got %ld", file, line, word, r);
	if (!why || !strstr(why, word))
		fail_msg("%s:%d: why \"%s\" does not mention \"%s\"", file, line,
			 why ? why : "(null)", word);
}
#define EXPECT_BAD(dir, p, len, word) expect_bad_at(dir, p, len, word, __FILE__, __LINE__)

/* Header only, body of zeros after it (buf is reset). */
static void header(uint32_t type, uint32_t window, uint32_t len)
{
	memset(buf, 0, VP_HDR_SIZE + 4096);
	set32(buf, type);
	set32(buf + 4, window);
	set32(buf + 8, len);
}

/* ------------------------------------------------------------------ */
/* Round trips                                                          */

static void roundtrip(const struct vp_msg *m, struct vp_msg *out)
{
	const char *why = NULL;
	size_t n = enc(m, buf);
	memset(out, 0xa5, sizeof(*out));
	long r = vp_decode(dir_of(m->type), buf, n, out, &why);
	if (r < 0)
		fail_msg("%s: decode failed: %s", vp_type_name(m->type), why);
	assert_int_equal(r, (long)n);
	assert_int_equal(out->type, m->type);
	assert_int_equal(out->window, m->window);
	/* decoding the same bytes with trailing garbage consumes the same */
	buf[n] = 0xff;
	assert_int_equal(vp_decode(dir_of(m->type), buf, n + 1, out, &why), (long)n);
}

static void roundtrip_fixed(const struct vp_msg *m)
{
	struct vp_msg out;
	roundtrip(m, &out);
	/* no pointers in fixed types: the decoded struct equals the original
	 * (both have zeroed unused bytes: sample() and vp_decode memset) */
	if (memcmp(&out, m, sizeof(out)) != 0)
		fail_msg("%s: decoded message differs", vp_type_name(m->type));
}

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
	assert_int_equal(out.u.hello.flags, 0xdeadbeefu);

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
	assert_int_equal(vp_encoded_size(&m), VP_HDR_SIZE + 4 + strlen(class_name) +
			 strlen(class_class));
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
/* Malformed headers                                                    */

static void test_unknown_type(void **state)
{
	(void)state;
	static const uint32_t bad[] = { 0, 14, 0x7f, 0x80, 0x8f, 0x100, 0x101,
					0x80000001u, 0xffffffffu };
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
	static const int32_t bad[] = { VP_MAX_COORD + 1, VP_MIN_COORD - 1, INT32_MIN,
				       INT32_MAX, 65535 };
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
	static const uint32_t hint_bad[] = { VP_HINT_ALL + 1, 0x40 | VP_HINT_MIN,
					     0x80000000u, 0xffffffffu };
	for (size_t k = 0; k < NELEM(hint_bad); k++) {
		size_t n = enc_sample(VP_HINTS);
		set32(BODY(0), hint_bad[k]);
		EXPECT_BAD(VP_FROM_AGENT, buf, n, "flags");
	}
	static const uint32_t wm_bad[] = { VP_WM_ALL + 1, 0x10 | VP_WM_URGENT,
					   0x80000000u, 0xffffffffu };
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
	static const uint32_t strides[] = { 641 * 4 + 1, 641 * 4 + 2, 641 * 4 + 3,
					    641 * 4 - 4, 641 * 4 - 1, 4, 0,
					    VP_MAX_DIM * 8 + 4, 0xfffffffcu };
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
		cmocka_unit_test(test_roundtrip_agent),
		cmocka_unit_test(test_roundtrip_buffer),
		cmocka_unit_test(test_roundtrip_strings),
		cmocka_unit_test(test_roundtrip_daemon),
		cmocka_unit_test(test_fixed_lengths),
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
		cmocka_unit_test(test_incomplete),
		cmocka_unit_test(test_back_to_back),
		cmocka_unit_test(test_encode_refuses),
		cmocka_unit_test(test_pages_for),
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_clipboard),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
