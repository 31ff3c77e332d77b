/*
 * Shared by the protocol unit tests (test-proto.c: round trips and
 * encoding; test-proto-bad.c: malformed input): sample messages of every
 * type, encoding helpers, and EXPECT_BAD.
 */
#ifndef VITRINE_PROTO_UTIL_H
#define VITRINE_PROTO_UTIL_H

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
static uint8_t buf[BUF_CAP] __attribute__((unused));
static uint8_t buf2[BUF_CAP] __attribute__((unused));

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Every type of the protocol table (protocol/table.c), in number order. */
#define FOR_EACH_TYPE(t)                                                                           \
	for (uint32_t t = 0; t <= VP_TYPE_MAX; t++)                                                \
		if (!vp_type_info(t))                                                              \
			continue;                                                                  \
		else

static inline void set32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void set16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline uint32_t read32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#define BODY(off) (buf + VP_HDR_SIZE + (off))

static inline enum vp_dir dir_of(uint32_t type)
{
	return vp_type_info(type)->from;
}

static inline int is_connection_level(uint32_t type)
{
	return !vp_type_info(type)->window;
}

static inline enum vp_dir other_dir(enum vp_dir d)
{
	return d == VP_FROM_AGENT ? VP_FROM_DAEMON : VP_FROM_AGENT;
}

/* Data that pointer fields of the sample messages point at. */
static const uint8_t title_bytes[] __attribute__((unused)) = "Gr\xc3\xbc\xc3\x9f"
							     "e\0\xff\x1b[31m evil\n";
static const char class_name[] __attribute__((unused)) = "xterm-256color";
static const char class_class[] __attribute__((unused)) = "XTerm";
static uint8_t grant_refs[5 * 4] __attribute__((unused));
/* A 3x2 icon: six 0xAARRGGBB pixels, little-endian. */
static const uint8_t icon_px[6 * 4] __attribute__((unused)) = {
	0x00, 0x00, 0xff, 0xff, 0x00, 0xff, 0x00, 0x80, 0xff, 0x00, 0x00, 0x01,
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78,
};
static uint8_t max_refs[VP_MAX_REFS * 4] __attribute__((unused));

static inline void init_refs(void)
{
	static const uint32_t r[5] = { 0x11223344u, 1, 2, 0xfffffffeu, 0x80000000u };
	for (unsigned i = 0; i < 5; i++)
		set32(grant_refs + 4 * i, r[i]);
	for (uint32_t i = 0; i < VP_MAX_REFS; i++)
		set32(max_refs + 4 * i, i * 2654435761u);
}

/* A valid message of each type, with non-trivial field values. */
static inline struct vp_msg sample(uint32_t type)
{
	struct vp_msg m;
	memset(&m, 0, sizeof(m));
	m.type = type;
	m.window = is_connection_level(type) ? 0 : 0x01020304u;
	switch (type) {
	case VP_HELLO: m.u.hello = (struct vp_hello){ VP_MAJOR, 0x1234, VP_HELLO_FLAGS_ALL }; break;
	case VP_CREATE:
		m.u.create.r = (struct vp_rect){ VP_MIN_COORD, VP_MAX_COORD, VP_MAX_DIM, 1 };
		m.u.create.flags = VP_WIN_OVERRIDE_REDIRECT;
		m.u.create.transient_for = 0x0a0b0c0du;
		break;
	case VP_DESTROY: m.window = 0xfffffffeu; break;
	case VP_MAP:
		m.u.map.flags = VP_WIN_OVERRIDE_REDIRECT;
		m.u.map.transient_for = 0xffffffffu;
		break;
	case VP_UNMAP: m.window = 0x80000000u; break;
	case VP_CONFIGURE:
		m.u.configure.r = (struct vp_rect){ -100, 200, 640, 480 };
		m.u.configure.flags = VP_WIN_OVERRIDE_REDIRECT;
		break;
	case VP_DAMAGE: m.u.damage = (struct vp_rect){ VP_MAX_DIM - 1, 0, 1, VP_MAX_DIM }; break;
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
		m.u.hints = (struct vp_hints){ VP_HINT_ALL, 1, 2, VP_MAX_DIM, 4000, 1, 7, 0, 4000 };
		break;
	case VP_WMFLAGS: m.u.wmflags = VP_WM_ALL; break;
	case VP_WINDOW_TYPE: m.u.wintype = 0xfffffff0u; break;
	case VP_WINDOW_STATE: m.u.state = VP_STATE_ALL; break;
	case VP_CURSOR: m.u.cursor = VP_CURSOR_COUNT - 1; break;
	case VP_ICON: m.u.icon = (struct vp_icon){ 3, 2, icon_px }; break;
	case VP_SYNC_DONE: m.u.sync.serial = 0xfffffffeu; break;
	case VP_MONITORS:
		m.u.monitors.dpi = VP_MAX_DPI;
		m.u.monitors.n = 2;
		m.u.monitors.m[0] = (struct vp_monitor){ 0, 0, 1920, 1080, 527, 296 };
		m.u.monitors.m[1] = (struct vp_monitor){ 1920, 7, VP_MAX_DIM, 600, VP_MAX_MM, 0 };
		break;
	case VP_SYNC_REQUEST: m.u.sync = (struct vp_sync){ 0x80000001u, VP_MAX_DIM, 1 }; break;
	case VP_TRAY_ICON: m.u.icon = (struct vp_icon){ 2, 3, icon_px }; break;
	case VP_TRAY_TITLE:
		m.u.title.len = sizeof(title_bytes) - 1;
		m.u.title.bytes = title_bytes;
		break;
	case VP_NOTIFY:
		m.u.notify = (struct vp_notify){ 0xabcdu,
						 { 4, (const uint8_t *)"mail" },
						 { 5, (const uint8_t *)"[work" },
						 { 3, (const uint8_t *)"b\ny" },
						 2,
						 2,
						 { { 2, (const uint8_t *)"OK" },
						   { 0, (const uint8_t *)"" } } };
		break;
	case VP_TRAY_BUTTON: m.u.button = (struct vp_button){ 5, 1, 3, 70000, 0x10 }; break;
	case VP_TRAY_PLACE: m.u.motion = (struct vp_motion){ -20, 1000, 0 }; break;
	case VP_FRAME: m.u.frame_seq = 0xfffffffeu; break;
	case VP_FRAME_DONE: m.u.frame_seq = 0x80000001u; break;
	case VP_NOTIFY_CLOSE: m.u.notify_id = 0xfffffffeu; break;
	case VP_NOTIFY_EVENT:
		m.u.notify_event = (struct vp_notify_event){ 0xabcdu, VP_NOTIFY_ACTION,
							     VP_MAX_NOTIFY_ACTIONS - 1 };
		break;
	case VP_PRESENT: m.u.present = (struct vp_present){ 0xfffffffdu, 0x80000000u }; break;
	case VP_NOTIFY_ICON:
		m.u.notify_icon = (struct vp_notify_icon){ 0xfffffffeu, 3, 2, icon_px };
		break;
	case VP_WELCOME:
		m.u.welcome = (struct vp_welcome){ VP_MAJOR, 0xbeef, 3840, VP_MAX_DIM };
		break;
	case VP_SET_GEOMETRY:
		m.u.geometry = (struct vp_rect){ VP_MIN_COORD, -1, 1, VP_MAX_DIM };
		break;
	case VP_CLOSE: m.window = 7; break;
	case VP_SCREEN: m.u.screen = (struct vp_size){ VP_MAX_DIM, 1 }; break;
	case VP_RELEASE: m.u.release_serial = 0xffffffffu; break;
	case VP_KEY: m.u.key = (struct vp_key){ 255, 0x8000000du, 1 }; break;
	case VP_KEYSYM: m.u.keysym = (struct vp_keysym){ 8, VP_MAX_KEYSYM }; break;
	case VP_BUTTON: m.u.button = (struct vp_button){ 255, 1, -5, 70000, 0x1100 }; break;
	case VP_MOTION: m.u.motion = (struct vp_motion){ INT32_MIN, INT32_MAX, 0xffffffffu }; break;
	case VP_CROSSING: m.u.crossing = (struct vp_crossing){ 1, -3, 4, 0x10 }; break;
	case VP_FOCUS: m.u.focus.in = 1; break;
	case VP_KEYMAP:
		for (unsigned i = 0; i < 32; i++)
			m.u.keymap.keys[i] = (uint8_t)(0xff - 7 * i);
		break;
	case VP_LAYOUT:
		m.u.layout.rules = (struct vp_string){ 5, (const uint8_t *)"evdev" };
		m.u.layout.layout = (struct vp_string){ 5, (const uint8_t *)"us,de" };
		m.u.layout.options =
			(struct vp_string){ 20, (const uint8_t *)"grp:alt_shift_toggle" };
		break;
	case VP_CLIPBOARD_DATA:
		m.u.clip = (struct vp_clipboard){ 77, { 5, (const uint8_t *)"hello" } };
		break;
	case VP_CLIPBOARD_REQUEST: m.u.clip.serial = 0xfeedu; break;
	case VP_CLIPBOARD_PASTE:
		m.u.clip.text = (struct vp_string){ sizeof(title_bytes) - 1, title_bytes };
		break;
	default: fail_msg("no sample message of type %#x (%s)", type, vp_type_name(type));
	}
	return m;
}

static inline struct vp_msg grant_sample(void)
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
static inline size_t enc(const struct vp_msg *m, uint8_t *out)
{
	size_t n = vp_encode(m, out, BUF_CAP);
	assert_true(n >= VP_HDR_SIZE);
	assert_int_equal(n, vp_encoded_size(m));
	assert_int_equal(read32(out), m->type);
	assert_int_equal(read32(out + 4), m->window);
	assert_int_equal(read32(out + 8), n - VP_HDR_SIZE);
	return n;
}

static inline size_t enc_sample(uint32_t type)
{
	struct vp_msg m = sample(type);
	return enc(&m, buf);
}

static inline void expect_bad_at(enum vp_dir dir, const uint8_t *p, size_t len, const char *word,
				 const char *file, int line)
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
static inline void header(uint32_t type, uint32_t window, uint32_t len)
{
	memset(buf, 0, VP_HDR_SIZE + 4096);
	set32(buf, type);
	set32(buf + 4, window);
	set32(buf + 8, len);
}

/* ------------------------------------------------------------------ */
/* Round trips                                                          */

static inline void roundtrip(const struct vp_msg *m, struct vp_msg *out)
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

static inline void roundtrip_fixed(const struct vp_msg *m)
{
	struct vp_msg out;
	roundtrip(m, &out);
	/* no pointers in fixed types: the decoded struct equals the original
	 * (both have zeroed unused bytes: sample() and vp_decode memset) */
	if (memcmp(&out, m, sizeof(out)) != 0)
		fail_msg("%s: decoded message differs", vp_type_name(m->type));
}

/* Decode what m encodes to, encode that again: the same bytes. */
static inline void roundtrip_bytes(const struct vp_msg *m)
{
	struct vp_msg out;
	roundtrip(m, &out);
	size_t n = vp_encoded_size(m);
	assert_int_equal(vp_encode(&out, buf2, BUF_CAP), n);
	if (memcmp(buf, buf2, n) != 0)
		fail_msg("%s: decoded message encodes to other bytes", vp_type_name(m->type));
}

#endif
