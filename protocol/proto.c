/* Decoding of the vitrine wire protocol, and type names. Pure: no I/O. */
#include "proto.h"

#include <string.h>

#include "wire.h"

const char *vp_type_name(uint32_t type)
{
	switch (type) {
	case VP_HELLO: return "HELLO";
	case VP_CREATE: return "CREATE";
	case VP_DESTROY: return "DESTROY";
	case VP_MAP: return "MAP";
	case VP_UNMAP: return "UNMAP";
	case VP_CONFIGURE: return "CONFIGURE";
	case VP_DAMAGE: return "DAMAGE";
	case VP_BUFFER: return "BUFFER";
	case VP_TITLE: return "TITLE";
	case VP_CLASS: return "CLASS";
	case VP_HINTS: return "HINTS";
	case VP_WMFLAGS: return "WMFLAGS";
	case VP_CLIPBOARD_DATA: return "CLIPBOARD_DATA";
	case VP_CLIPBOARD_REQUEST: return "CLIPBOARD_REQUEST";
	case VP_CLIPBOARD_PASTE: return "CLIPBOARD_PASTE";
	case VP_WELCOME: return "WELCOME";
	case VP_SET_GEOMETRY: return "SET_GEOMETRY";
	case VP_CLOSE: return "CLOSE";
	case VP_SCREEN: return "SCREEN";
	case VP_RELEASE: return "RELEASE";
	case VP_KEY: return "KEY";
	case VP_BUTTON: return "BUTTON";
	case VP_MOTION: return "MOTION";
	case VP_CROSSING: return "CROSSING";
	case VP_FOCUS: return "FOCUS";
	case VP_KEYMAP: return "KEYMAP";
	case VP_LAYOUT: return "LAYOUT";
	}
	return "unknown";
}

uint32_t vp_pages_for(uint32_t stride, uint32_t height)
{
	uint64_t bytes = (uint64_t)stride * height;
	if (bytes == 0 || bytes > (uint64_t)VP_MAX_REFS * VP_PAGE_SIZE)
		return 0;
	return (uint32_t)((bytes + VP_PAGE_SIZE - 1) / VP_PAGE_SIZE);
}

uint32_t vp_buffer_ref(const struct vp_buffer *b, uint32_t i)
{
	return get32(b->refs + 4u * i);
}

/*
 * Body length rules. Returns the exact length for fixed-size types, or -1 for
 * the variable ones (checked by their decoder), or -2 for a type the given
 * direction may not send.
 */
long vp_fixed_len(enum vp_dir dir, uint32_t type)
{
	if (dir == VP_FROM_AGENT) {
		switch (type) {
		case VP_HELLO: return 8;
		case VP_CREATE: return 24;
		case VP_DESTROY: return 0;
		case VP_MAP: return 8;
		case VP_UNMAP: return 0;
		case VP_CONFIGURE: return 20;
		case VP_DAMAGE: return 16;
		case VP_HINTS: return 36;
		case VP_WMFLAGS: return 4;
		case VP_BUFFER:
		case VP_TITLE:
		case VP_CLASS:
		case VP_CLIPBOARD_DATA: return -1;
		}
		return -2;
	}
	switch (type) {
	case VP_WELCOME: return 12;
	case VP_SET_GEOMETRY: return 16;
	case VP_CLOSE: return 0;
	case VP_SCREEN: return 8;
	case VP_RELEASE: return 4;
	case VP_KEY: return 12;
	case VP_BUTTON: return 20;
	case VP_MOTION: return 12;
	case VP_CROSSING: return 16;
	case VP_FOCUS: return 4;
	case VP_KEYMAP: return 32;
	case VP_LAYOUT: return -1;
	case VP_CLIPBOARD_REQUEST: return 4;
	case VP_CLIPBOARD_PASTE: return -1;
	}
	return -2;
}

/* Largest body of the variable-length types (others: VP_MAX_BODY). */
static uint32_t max_len(uint32_t type)
{
	switch (type) {
	case VP_TITLE: return VP_MAX_TITLE;
	case VP_CLASS: return 4u + 2u * VP_MAX_CLASS;
	case VP_LAYOUT: return 10u + 5u * VP_MAX_LAYOUT;
	case VP_CLIPBOARD_DATA: return 4u + VP_MAX_CLIPBOARD;
	case VP_CLIPBOARD_PASTE: return VP_MAX_CLIPBOARD;
	}
	return VP_MAX_BODY;
}

static int window_level(uint32_t type)
{
	return type == VP_HELLO || type == VP_WELCOME || type == VP_SCREEN || type == VP_KEYMAP ||
	       type == VP_LAYOUT || type == VP_CLIPBOARD_DATA || type == VP_CLIPBOARD_REQUEST ||
	       type == VP_CLIPBOARD_PASTE;
}

static int dim_ok(uint32_t v)
{
	return v >= 1 && v <= VP_MAX_DIM;
}

static int coord_ok(int32_t v)
{
	return v >= VP_MIN_COORD && v <= VP_MAX_COORD;
}

static const char *rect_check(const uint8_t *p, struct vp_rect *r)
{
	r->x = (int32_t)get32(p);
	r->y = (int32_t)get32(p + 4);
	r->w = get32(p + 8);
	r->h = get32(p + 12);
	if (!coord_ok(r->x) || !coord_ok(r->y))
		return "position out of range";
	if (!dim_ok(r->w) || !dim_ok(r->h))
		return "size out of range";
	return NULL;
}

static const char *decode_buffer(const uint8_t *p, uint32_t len, struct vp_buffer *b)
{
	if (len < 32)
		return "BUFFER body too short";
	b->serial = get32(p);
	b->kind = get32(p + 4);
	b->width = get32(p + 8);
	b->height = get32(p + 12);
	b->stride = get32(p + 16);
	b->format = get32(p + 20);
	b->domid = get32(p + 24);
	b->nrefs = get32(p + 28);
	b->refs = p + 32;
	if (!dim_ok(b->width) || !dim_ok(b->height))
		return "buffer size out of range";
	if (b->format != VP_FMT_XRGB8888)
		return "unknown buffer format";
	if (b->stride % 4 || b->stride < b->width * 4u || b->stride > VP_MAX_DIM * 4u * 2u)
		return "bad buffer stride";
	if (b->kind == VP_BUF_LOCAL) {
		if (b->nrefs != 0 || b->domid != 0 || len != 32)
			return "local buffer with grant fields";
		return NULL;
	}
	if (b->kind != VP_BUF_GRANT)
		return "unknown buffer kind";
	uint32_t pages = vp_pages_for(b->stride, b->height);
	if (pages == 0)
		return "grant buffer too large";
	if (b->nrefs != pages)
		return "grant count does not match buffer size";
	if ((uint64_t)len != 32u + 4ull * b->nrefs)
		return "BUFFER length does not match grant count";
	return NULL;
}

static const char *decode_body(enum vp_dir dir, const uint8_t *p, uint32_t len, struct vp_msg *m)
{
	const char *why = NULL;
	switch (m->type) {
	case VP_DESTROY:
	case VP_UNMAP: return NULL;
	case VP_HELLO:
		m->u.hello.major = get16(p);
		m->u.hello.minor = get16(p + 2);
		m->u.hello.flags = get32(p + 4);
		return NULL;
	case VP_CREATE:
		if ((why = rect_check(p, &m->u.create.r)))
			return why;
		m->u.create.flags = get32(p + 16);
		m->u.create.transient_for = get32(p + 20);
		if (m->u.create.flags & ~VP_WIN_FLAGS_ALL)
			return "unknown window flags";
		if (m->u.create.transient_for == m->window)
			return "window transient for itself";
		return NULL;
	case VP_MAP:
		m->u.map.flags = get32(p);
		m->u.map.transient_for = get32(p + 4);
		if (m->u.map.flags & ~VP_WIN_FLAGS_ALL)
			return "unknown window flags";
		if (m->u.map.transient_for == m->window)
			return "window transient for itself";
		return NULL;
	case VP_CONFIGURE:
		if ((why = rect_check(p, &m->u.configure.r)))
			return why;
		m->u.configure.flags = get32(p + 16);
		if (m->u.configure.flags & ~VP_WIN_FLAGS_ALL)
			return "unknown window flags";
		return NULL;
	case VP_DAMAGE:
		m->u.damage.x = (int32_t)get32(p);
		m->u.damage.y = (int32_t)get32(p + 4);
		m->u.damage.w = get32(p + 8);
		m->u.damage.h = get32(p + 12);
		if (m->u.damage.x < 0 || m->u.damage.y < 0 ||
		    m->u.damage.x >= (int32_t)VP_MAX_DIM || m->u.damage.y >= (int32_t)VP_MAX_DIM)
			return "damage position out of range";
		if (!dim_ok(m->u.damage.w) || !dim_ok(m->u.damage.h))
			return "damage size out of range";
		return NULL;
	case VP_BUFFER: return decode_buffer(p, len, &m->u.buffer);
	case VP_TITLE:
		if (len > VP_MAX_TITLE)
			return "title too long";
		m->u.title.len = len;
		m->u.title.bytes = p;
		return NULL;
	case VP_CLASS: {
		if (len < 4)
			return "CLASS body too short";
		uint32_t nl = get16(p), cl = get16(p + 2);
		if (nl > VP_MAX_CLASS || cl > VP_MAX_CLASS)
			return "class string too long";
		if (len != 4 + nl + cl)
			return "CLASS length does not match its strings";
		m->u.cls.name = (struct vp_string){ nl, p + 4 };
		m->u.cls.class_ = (struct vp_string){ cl, p + 4 + nl };
		return NULL;
	}
	case VP_HINTS: {
		struct vp_hints *h = &m->u.hints;
		uint32_t *f[] = { &h->min_w, &h->min_h, &h->max_w,  &h->max_h,
				  &h->inc_w, &h->inc_h, &h->base_w, &h->base_h };
		h->flags = get32(p);
		if (h->flags & ~VP_HINT_ALL)
			return "unknown hint flags";
		for (unsigned i = 0; i < 8; i++) {
			*f[i] = get32(p + 4 + 4 * i);
			if (*f[i] > VP_MAX_DIM)
				return "size hint out of range";
		}
		return NULL;
	}
	case VP_WMFLAGS:
		m->u.wmflags = get32(p);
		if (m->u.wmflags & ~VP_WM_ALL)
			return "unknown wm flags";
		return NULL;
	case VP_CLIPBOARD_DATA:
		if (len < 4)
			return "CLIPBOARD_DATA body too short";
		m->u.clip.serial = get32(p);
		m->u.clip.text = (struct vp_string){ len - 4, p + 4 };
		return NULL;
	}
	(void)dir;
	/* daemon -> agent */
	switch (m->type) {
	case VP_WELCOME:
		m->u.welcome.major = get16(p);
		m->u.welcome.minor = get16(p + 2);
		m->u.welcome.screen_w = get32(p + 4);
		m->u.welcome.screen_h = get32(p + 8);
		if (!dim_ok(m->u.welcome.screen_w) || !dim_ok(m->u.welcome.screen_h))
			return "screen size out of range";
		return NULL;
	case VP_SET_GEOMETRY: return rect_check(p, &m->u.geometry);
	case VP_CLOSE: return NULL;
	case VP_SCREEN:
		m->u.screen.w = get32(p);
		m->u.screen.h = get32(p + 4);
		if (!dim_ok(m->u.screen.w) || !dim_ok(m->u.screen.h))
			return "screen size out of range";
		return NULL;
	case VP_RELEASE: m->u.release_serial = get32(p); return NULL;
	case VP_KEY:
		m->u.key.keycode = get32(p);
		m->u.key.state = get32(p + 4);
		m->u.key.pressed = get32(p + 8);
		if (m->u.key.keycode < 8 || m->u.key.keycode > 255 || m->u.key.pressed > 1)
			return "bad key event";
		return NULL;
	case VP_BUTTON:
		m->u.button.button = get32(p);
		m->u.button.pressed = get32(p + 4);
		m->u.button.x = (int32_t)get32(p + 8);
		m->u.button.y = (int32_t)get32(p + 12);
		m->u.button.state = get32(p + 16);
		if (m->u.button.button < 1 || m->u.button.button > 255 || m->u.button.pressed > 1)
			return "bad button event";
		return NULL;
	case VP_MOTION:
		m->u.motion.x = (int32_t)get32(p);
		m->u.motion.y = (int32_t)get32(p + 4);
		m->u.motion.state = get32(p + 8);
		return NULL;
	case VP_CROSSING:
		m->u.crossing.entered = get32(p);
		m->u.crossing.x = (int32_t)get32(p + 4);
		m->u.crossing.y = (int32_t)get32(p + 8);
		m->u.crossing.state = get32(p + 12);
		return m->u.crossing.entered > 1 ? "bad crossing event" : NULL;
	case VP_FOCUS:
		m->u.focus.in = get32(p);
		return m->u.focus.in > 1 ? "bad focus event" : NULL;
	case VP_KEYMAP: memcpy(m->u.keymap.keys, p, 32); return NULL;
	case VP_CLIPBOARD_REQUEST: m->u.clip.serial = get32(p); return NULL;
	case VP_CLIPBOARD_PASTE: m->u.clip.text = (struct vp_string){ len, p }; return NULL;
	case VP_LAYOUT: {
		struct vp_string *s[] = { &m->u.layout.rules, &m->u.layout.model,
					  &m->u.layout.layout, &m->u.layout.variant,
					  &m->u.layout.options };
		uint32_t off = 10;
		if (len < 10)
			return "LAYOUT body too short";
		for (unsigned i = 0; i < 5; i++) {
			s[i]->len = get16(p + 2 * i);
			s[i]->bytes = p + off;
			if (s[i]->len > VP_MAX_LAYOUT)
				return "layout name too long";
			off += s[i]->len;
		}
		if (off != len)
			return "LAYOUT length does not match its strings";
		for (uint32_t i = 10; i < len; i++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789_,:()+-",
				    p[i]) ||
			    !p[i])
				return "bad character in layout name";
		return NULL;
	}
	}
	return "unknown message type";
}

long vp_decode(enum vp_dir dir, const uint8_t *untrusted_buf, size_t len, struct vp_msg *out,
	       const char **why)
{
	if (len < VP_HDR_SIZE)
		return 0;
	uint32_t untrusted_type = get32(untrusted_buf);
	uint32_t untrusted_window = get32(untrusted_buf + 4);
	uint32_t untrusted_len = get32(untrusted_buf + 8);

	/* sanitize start */
	long want = vp_fixed_len(dir, untrusted_type);
	if (want == -2) {
		*why = "unknown message type";
		return -1;
	}
	if (want >= 0 && untrusted_len != (uint32_t)want) {
		*why = "wrong body length";
		return -1;
	}
	if (untrusted_len > max_len(untrusted_type)) {
		*why = untrusted_type == VP_TITLE   ? "title body too long"
		       : untrusted_type == VP_CLASS ? "class body too long"
		       : untrusted_type == VP_CLIPBOARD_DATA || untrusted_type == VP_CLIPBOARD_PASTE
			       ? "clipboard body too long"
			       : "body too long";
		return -1;
	}
	if (window_level(untrusted_type) != (untrusted_window == 0)) {
		*why = untrusted_window ? "connection message with a window id"
					: "window message without a window id";
		return -1;
	}
	if (len - VP_HDR_SIZE < untrusted_len)
		return 0;
	memset(out, 0, sizeof(*out));
	out->type = untrusted_type;
	out->window = untrusted_window;
	const char *bad = decode_body(dir, untrusted_buf + VP_HDR_SIZE, untrusted_len, out);
	if (bad) {
		*why = bad;
		return -1;
	}
	/* sanitize end */
	return (long)(VP_HDR_SIZE + untrusted_len);
}
