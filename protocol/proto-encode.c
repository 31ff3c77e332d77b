/* Encoding of the vitrine wire protocol. Pure: no I/O. */
#include <string.h>

#include "wire.h"

static uint32_t body_len(const struct vp_msg *m)
{
	switch (m->type) {
	case VP_BUFFER: return 32u + 4u * m->u.buffer.nrefs;
	case VP_TITLE: return m->u.title.len;
	case VP_CLASS: return 4u + m->u.cls.name.len + m->u.cls.class_.len;
	case VP_CLIPBOARD_DATA: return 4u + m->u.clip.text.len;
	case VP_CLIPBOARD_PASTE: return m->u.clip.text.len;
	case VP_LAYOUT:
		return 10u + m->u.layout.rules.len + m->u.layout.model.len +
		       m->u.layout.layout.len + m->u.layout.variant.len + m->u.layout.options.len;
	}
	long f = vp_fixed_len(m->type >= 0x80 ? VP_FROM_DAEMON : VP_FROM_AGENT, m->type);
	return f < 0 ? 0 : (uint32_t)f;
}

size_t vp_encoded_size(const struct vp_msg *m)
{
	return VP_HDR_SIZE + body_len(m);
}

static void put_rect(uint8_t *p, const struct vp_rect *r)
{
	put32(p, (uint32_t)r->x);
	put32(p + 4, (uint32_t)r->y);
	put32(p + 8, r->w);
	put32(p + 12, r->h);
}

size_t vp_encode(const struct vp_msg *m, uint8_t *out, size_t cap)
{
	enum vp_dir dir = m->type >= 0x80 ? VP_FROM_DAEMON : VP_FROM_AGENT;
	if (vp_fixed_len(dir, m->type) == -2)
		return 0;
	if (m->type == VP_TITLE && m->u.title.len > VP_MAX_TITLE)
		return 0;
	if (m->type == VP_CLASS &&
	    (m->u.cls.name.len > VP_MAX_CLASS || m->u.cls.class_.len > VP_MAX_CLASS))
		return 0;
	if (m->type == VP_BUFFER && m->u.buffer.nrefs > VP_MAX_REFS)
		return 0;
	if ((m->type == VP_CLIPBOARD_DATA || m->type == VP_CLIPBOARD_PASTE) &&
	    m->u.clip.text.len > VP_MAX_CLIPBOARD)
		return 0;
	if (m->type == VP_LAYOUT &&
	    (m->u.layout.rules.len > VP_MAX_LAYOUT || m->u.layout.model.len > VP_MAX_LAYOUT ||
	     m->u.layout.layout.len > VP_MAX_LAYOUT || m->u.layout.variant.len > VP_MAX_LAYOUT ||
	     m->u.layout.options.len > VP_MAX_LAYOUT))
		return 0;
	uint32_t n = body_len(m);
	if (cap < VP_HDR_SIZE + n)
		return 0;
	put32(out, m->type);
	put32(out + 4, m->window);
	put32(out + 8, n);
	uint8_t *p = out + VP_HDR_SIZE;
	switch (m->type) {
	case VP_HELLO:
		put16(p, m->u.hello.major);
		put16(p + 2, m->u.hello.minor);
		put32(p + 4, m->u.hello.flags);
		break;
	case VP_CREATE:
		put_rect(p, &m->u.create.r);
		put32(p + 16, m->u.create.flags);
		put32(p + 20, m->u.create.transient_for);
		break;
	case VP_MAP:
		put32(p, m->u.map.flags);
		put32(p + 4, m->u.map.transient_for);
		break;
	case VP_CONFIGURE:
		put_rect(p, &m->u.configure.r);
		put32(p + 16, m->u.configure.flags);
		break;
	case VP_DAMAGE: put_rect(p, &m->u.damage); break;
	case VP_BUFFER: {
		const struct vp_buffer *b = &m->u.buffer;
		uint32_t v[] = { b->serial, b->kind,   b->width, b->height,
				 b->stride, b->format, b->domid, b->nrefs };
		for (unsigned i = 0; i < 8; i++)
			put32(p + 4 * i, v[i]);
		if (b->nrefs)
			memcpy(p + 32, b->refs, 4u * b->nrefs);
		break;
	}
	case VP_TITLE:
		if (n)
			memcpy(p, m->u.title.bytes, n);
		break;
	case VP_CLASS:
		put16(p, (uint16_t)m->u.cls.name.len);
		put16(p + 2, (uint16_t)m->u.cls.class_.len);
		if (m->u.cls.name.len)
			memcpy(p + 4, m->u.cls.name.bytes, m->u.cls.name.len);
		if (m->u.cls.class_.len)
			memcpy(p + 4 + m->u.cls.name.len, m->u.cls.class_.bytes,
			       m->u.cls.class_.len);
		break;
	case VP_HINTS: {
		const struct vp_hints *h = &m->u.hints;
		uint32_t v[] = { h->flags, h->min_w, h->min_h,	h->max_w, h->max_h,
				 h->inc_w, h->inc_h, h->base_w, h->base_h };
		for (unsigned i = 0; i < 9; i++)
			put32(p + 4 * i, v[i]);
		break;
	}
	case VP_WMFLAGS: put32(p, m->u.wmflags); break;
	case VP_WELCOME:
		put16(p, m->u.welcome.major);
		put16(p + 2, m->u.welcome.minor);
		put32(p + 4, m->u.welcome.screen_w);
		put32(p + 8, m->u.welcome.screen_h);
		break;
	case VP_SET_GEOMETRY: put_rect(p, &m->u.geometry); break;
	case VP_SCREEN:
		put32(p, m->u.screen.w);
		put32(p + 4, m->u.screen.h);
		break;
	case VP_RELEASE: put32(p, m->u.release_serial); break;
	case VP_KEY:
		put32(p, m->u.key.keycode);
		put32(p + 4, m->u.key.state);
		put32(p + 8, m->u.key.pressed);
		break;
	case VP_BUTTON:
		put32(p, m->u.button.button);
		put32(p + 4, m->u.button.pressed);
		put32(p + 8, (uint32_t)m->u.button.x);
		put32(p + 12, (uint32_t)m->u.button.y);
		put32(p + 16, m->u.button.state);
		break;
	case VP_MOTION:
		put32(p, (uint32_t)m->u.motion.x);
		put32(p + 4, (uint32_t)m->u.motion.y);
		put32(p + 8, m->u.motion.state);
		break;
	case VP_CROSSING:
		put32(p, m->u.crossing.entered);
		put32(p + 4, (uint32_t)m->u.crossing.x);
		put32(p + 8, (uint32_t)m->u.crossing.y);
		put32(p + 12, m->u.crossing.state);
		break;
	case VP_FOCUS: put32(p, m->u.focus.in); break;
	case VP_KEYMAP: memcpy(p, m->u.keymap.keys, 32); break;
	case VP_CLIPBOARD_DATA:
		put32(p, m->u.clip.serial);
		if (m->u.clip.text.len)
			memcpy(p + 4, m->u.clip.text.bytes, m->u.clip.text.len);
		break;
	case VP_CLIPBOARD_REQUEST: put32(p, m->u.clip.serial); break;
	case VP_CLIPBOARD_PASTE:
		if (m->u.clip.text.len)
			memcpy(p, m->u.clip.text.bytes, m->u.clip.text.len);
		break;
	case VP_LAYOUT: {
		const struct vp_string *s[] = { &m->u.layout.rules, &m->u.layout.model,
						&m->u.layout.layout, &m->u.layout.variant,
						&m->u.layout.options };
		uint32_t off = 10;
		for (unsigned i = 0; i < 5; i++) {
			put16(p + 2 * i, (uint16_t)s[i]->len);
			if (s[i]->len)
				memcpy(p + off, s[i]->bytes, s[i]->len);
			off += s[i]->len;
		}
		break;
	}
	}
	return VP_HDR_SIZE + n;
}
