/*
 * Encoding of the vitrine wire protocol: vp_encode checks m against its row
 * of the protocol table (table.c), then the row's encoder writes the body.
 * Pure: no I/O.
 */
#include <string.h>

#include "wire.h"

size_t vp_encoded_size(const struct vp_msg *m)
{
	const struct vp_type_info *t = vp_type_info(m->type);
	uint32_t n = !t ? 0 : t->size ? t->size(m) : t->min_len;
	return VP_HDR_SIZE + (n == VP_BAD_SIZE ? 0 : n);
}

size_t vp_encode(const struct vp_msg *m, uint8_t *out, size_t cap)
{
	const struct vp_type_info *t = vp_type_info(m->type);
	if (!t || t->window != (m->window != 0))
		return 0;
	uint32_t n = t->size ? t->size(m) : t->min_len;
	if (n == VP_BAD_SIZE || n < t->min_len || n > t->max_len || cap < VP_HDR_SIZE + (size_t)n)
		return 0;
	put32(out, m->type);
	put32(out + 4, m->window);
	put32(out + 8, n);
	t->encode(m, out + VP_HDR_SIZE);
	return VP_HDR_SIZE + n;
}

static void put_rect(uint8_t *p, const struct vp_rect *r)
{
	put32(p, (uint32_t)r->x);
	put32(p + 4, (uint32_t)r->y);
	put32(p + 8, r->w);
	put32(p + 12, r->h);
}

static void put_string(uint8_t *p, const struct vp_string *s)
{
	if (s->len)
		memcpy(p, s->bytes, s->len);
}

/* ---- sizes of the variable-length types ---- */

VP_SIZER(vp_size_buffer)
{
	return m->u.buffer.nrefs > VP_MAX_REFS ? VP_BAD_SIZE : 32u + 4u * m->u.buffer.nrefs;
}

VP_SIZER(vp_size_title)
{
	return m->u.title.len;
}

VP_SIZER(vp_size_icon)
{
	const struct vp_icon *i = &m->u.icon;
	if (i->width > VP_MAX_ICON || i->height > VP_MAX_ICON)
		return VP_BAD_SIZE;
	return 8u + 4u * i->width * i->height;
}

VP_SIZER(vp_size_class)
{
	const struct vp_class *c = &m->u.cls;
	if (c->name.len > VP_MAX_CLASS || c->class_.len > VP_MAX_CLASS)
		return VP_BAD_SIZE;
	return 4u + c->name.len + c->class_.len;
}

VP_SIZER(vp_size_clipboard_data)
{
	return m->u.clip.text.len > VP_MAX_CLIPBOARD ? VP_BAD_SIZE : 4u + m->u.clip.text.len;
}

VP_SIZER(vp_size_clipboard_paste)
{
	return m->u.clip.text.len;
}

VP_SIZER(vp_size_layout)
{
	const struct vp_layout *l = &m->u.layout;
	const struct vp_string *s[] = { &l->rules, &l->model, &l->layout, &l->variant,
					&l->options };
	uint32_t n = 10;
	for (unsigned i = 0; i < 5; i++) {
		if (s[i]->len > VP_MAX_LAYOUT)
			return VP_BAD_SIZE;
		n += s[i]->len;
	}
	return n;
}

/* ---- encoders ---- */

VP_ENCODER(vp_enc_empty)
{
	(void)m, (void)p;
}

VP_ENCODER(vp_enc_hello)
{
	put16(p, m->u.hello.major);
	put16(p + 2, m->u.hello.minor);
	put32(p + 4, m->u.hello.flags);
}

VP_ENCODER(vp_enc_create)
{
	put_rect(p, &m->u.create.r);
	put32(p + 16, m->u.create.flags);
	put32(p + 20, m->u.create.transient_for);
}

VP_ENCODER(vp_enc_map)
{
	put32(p, m->u.map.flags);
	put32(p + 4, m->u.map.transient_for);
}

VP_ENCODER(vp_enc_configure)
{
	put_rect(p, &m->u.configure.r);
	put32(p + 16, m->u.configure.flags);
}

VP_ENCODER(vp_enc_damage)
{
	put_rect(p, &m->u.damage);
}

VP_ENCODER(vp_enc_buffer)
{
	const struct vp_buffer *b = &m->u.buffer;
	const uint32_t v[] = { b->serial, b->kind,   b->width, b->height,
			       b->stride, b->format, b->domid, b->nrefs };
	for (unsigned i = 0; i < 8; i++)
		put32(p + 4 * i, v[i]);
	if (b->nrefs)
		memcpy(p + 32, b->refs, 4u * b->nrefs);
}

VP_ENCODER(vp_enc_title)
{
	put_string(p, &m->u.title);
}

VP_ENCODER(vp_enc_class)
{
	put16(p, (uint16_t)m->u.cls.name.len);
	put16(p + 2, (uint16_t)m->u.cls.class_.len);
	put_string(p + 4, &m->u.cls.name);
	put_string(p + 4 + m->u.cls.name.len, &m->u.cls.class_);
}

VP_ENCODER(vp_enc_hints)
{
	const struct vp_hints *h = &m->u.hints;
	const uint32_t v[] = { h->flags, h->min_w, h->min_h,  h->max_w, h->max_h,
			       h->inc_w, h->inc_h, h->base_w, h->base_h };
	for (unsigned i = 0; i < 9; i++)
		put32(p + 4 * i, v[i]);
}

VP_ENCODER(vp_enc_wmflags)
{
	put32(p, m->u.wmflags);
}

VP_ENCODER(vp_enc_wintype)
{
	put32(p, m->u.wintype);
}

VP_ENCODER(vp_enc_state)
{
	put32(p, m->u.state);
}

VP_ENCODER(vp_enc_clipboard_data)
{
	put32(p, m->u.clip.serial);
	put_string(p + 4, &m->u.clip.text);
}

VP_ENCODER(vp_enc_welcome)
{
	put16(p, m->u.welcome.major);
	put16(p + 2, m->u.welcome.minor);
	put32(p + 4, m->u.welcome.screen_w);
	put32(p + 8, m->u.welcome.screen_h);
}

VP_ENCODER(vp_enc_geometry)
{
	put_rect(p, &m->u.geometry);
}

VP_ENCODER(vp_enc_screen)
{
	put32(p, m->u.screen.w);
	put32(p + 4, m->u.screen.h);
}

VP_ENCODER(vp_enc_release)
{
	put32(p, m->u.release_serial);
}

VP_ENCODER(vp_enc_key)
{
	put32(p, m->u.key.keycode);
	put32(p + 4, m->u.key.state);
	put32(p + 8, m->u.key.pressed);
}

VP_ENCODER(vp_enc_keysym)
{
	put32(p, m->u.keysym.keycode);
	put32(p + 4, m->u.keysym.keysym);
}

VP_ENCODER(vp_enc_button)
{
	put32(p, m->u.button.button);
	put32(p + 4, m->u.button.pressed);
	put32(p + 8, (uint32_t)m->u.button.x);
	put32(p + 12, (uint32_t)m->u.button.y);
	put32(p + 16, m->u.button.state);
}

VP_ENCODER(vp_enc_motion)
{
	put32(p, (uint32_t)m->u.motion.x);
	put32(p + 4, (uint32_t)m->u.motion.y);
	put32(p + 8, m->u.motion.state);
}

VP_ENCODER(vp_enc_crossing)
{
	put32(p, m->u.crossing.entered);
	put32(p + 4, (uint32_t)m->u.crossing.x);
	put32(p + 8, (uint32_t)m->u.crossing.y);
	put32(p + 12, m->u.crossing.state);
}

VP_ENCODER(vp_enc_focus)
{
	put32(p, m->u.focus.in);
}

VP_ENCODER(vp_enc_keymap)
{
	memcpy(p, m->u.keymap.keys, 32);
}

VP_ENCODER(vp_enc_layout)
{
	const struct vp_string *s[] = { &m->u.layout.rules, &m->u.layout.model, &m->u.layout.layout,
					&m->u.layout.variant, &m->u.layout.options };
	uint32_t off = 10;
	for (unsigned i = 0; i < 5; i++) {
		put16(p + 2 * i, (uint16_t)s[i]->len);
		put_string(p + off, s[i]);
		off += s[i]->len;
	}
}

VP_ENCODER(vp_enc_clipboard_request)
{
	put32(p, m->u.clip.serial);
}

VP_ENCODER(vp_enc_clipboard_paste)
{
	put_string(p, &m->u.clip.text);
}

VP_ENCODER(vp_enc_cursor)
{
	put32(p, m->u.cursor);
}

VP_ENCODER(vp_enc_icon)
{
	const struct vp_icon *i = &m->u.icon;
	put32(p, i->width);
	put32(p + 4, i->height);
	if (i->width && i->height)
		memcpy(p + 8, i->pixels, 4u * i->width * i->height);
}
