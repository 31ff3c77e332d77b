/*
 * Decoding of the vitrine wire protocol: vp_decode checks a header against
 * the type's row of the protocol table (table.c), then the row's decoder
 * checks the fields. Pure: no I/O. Everything read from the input stays
 * untrusted until its decoder returned NULL.
 */
#include "proto.h"

#include <string.h>

#include "wire.h"

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

static const char *window_flags(uint32_t untrusted_flags)
{
	return untrusted_flags & ~VP_WIN_FLAGS_ALL ? "unknown window flags" : NULL;
}

/* ---- agent -> daemon ---- */

VP_DECODER(vp_dec_empty)
{
	(void)untrusted, (void)len, (void)m;
	return NULL;
}

VP_DECODER(vp_dec_hello)
{
	(void)len;
	m->u.hello.major = get16(untrusted);
	m->u.hello.minor = get16(untrusted + 2);
	m->u.hello.flags = get32(untrusted + 4);
	return m->u.hello.flags & ~VP_HELLO_FLAGS_ALL ? "unknown HELLO flags" : NULL;
}

VP_DECODER(vp_dec_create)
{
	const char *why;
	(void)len;
	if ((why = rect_check(untrusted, &m->u.create.r)))
		return why;
	m->u.create.flags = get32(untrusted + 16);
	m->u.create.transient_for = get32(untrusted + 20);
	if ((why = window_flags(m->u.create.flags)))
		return why;
	if (m->u.create.transient_for == m->window)
		return "window transient for itself";
	return NULL;
}

VP_DECODER(vp_dec_map)
{
	const char *why;
	(void)len;
	m->u.map.flags = get32(untrusted);
	m->u.map.transient_for = get32(untrusted + 4);
	if ((why = window_flags(m->u.map.flags)))
		return why;
	if (m->u.map.transient_for == m->window)
		return "window transient for itself";
	return NULL;
}

VP_DECODER(vp_dec_configure)
{
	const char *why;
	(void)len;
	if ((why = rect_check(untrusted, &m->u.configure.r)))
		return why;
	m->u.configure.flags = get32(untrusted + 16);
	return window_flags(m->u.configure.flags);
}

VP_DECODER(vp_dec_damage)
{
	struct vp_rect *r = &m->u.damage;
	(void)len;
	r->x = (int32_t)get32(untrusted);
	r->y = (int32_t)get32(untrusted + 4);
	r->w = get32(untrusted + 8);
	r->h = get32(untrusted + 12);
	if (r->x < 0 || r->y < 0 || r->x >= (int32_t)VP_MAX_DIM || r->y >= (int32_t)VP_MAX_DIM)
		return "damage position out of range";
	if (!dim_ok(r->w) || !dim_ok(r->h))
		return "damage size out of range";
	return NULL;
}

VP_DECODER(vp_dec_buffer)
{
	struct vp_buffer *b = &m->u.buffer;
	b->serial = get32(untrusted);
	b->kind = get32(untrusted + 4);
	b->width = get32(untrusted + 8);
	b->height = get32(untrusted + 12);
	b->stride = get32(untrusted + 16);
	b->format = get32(untrusted + 20);
	b->domid = get32(untrusted + 24);
	b->nrefs = get32(untrusted + 28);
	b->refs = untrusted + 32;
	if (!dim_ok(b->width) || !dim_ok(b->height))
		return "buffer size out of range";
	if (b->format != VP_FMT_XRGB8888 && b->format != VP_FMT_XRGB8888_X2)
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
	uint32_t pages = vp_pages_for(b->stride, b->height * vp_buffer_frames(b));
	if (pages == 0)
		return "grant buffer too large";
	if (b->nrefs != pages)
		return "grant count does not match buffer size";
	if ((uint64_t)len != 32u + 4ull * b->nrefs)
		return "BUFFER length does not match grant count";
	return NULL;
}

VP_DECODER(vp_dec_title)
{
	m->u.title = (struct vp_string){ len, untrusted };
	return NULL;
}

VP_DECODER(vp_dec_class)
{
	uint32_t untrusted_nl = get16(untrusted), untrusted_cl = get16(untrusted + 2);
	if (untrusted_nl > VP_MAX_CLASS || untrusted_cl > VP_MAX_CLASS)
		return "class string too long";
	if (len != 4 + untrusted_nl + untrusted_cl)
		return "CLASS length does not match its strings";
	m->u.cls.name = (struct vp_string){ untrusted_nl, untrusted + 4 };
	m->u.cls.class_ = (struct vp_string){ untrusted_cl, untrusted + 4 + untrusted_nl };
	return NULL;
}

VP_DECODER(vp_dec_hints)
{
	struct vp_hints *h = &m->u.hints;
	uint32_t *f[] = { &h->min_w, &h->min_h, &h->max_w,  &h->max_h,
			  &h->inc_w, &h->inc_h, &h->base_w, &h->base_h };
	(void)len;
	h->flags = get32(untrusted);
	for (unsigned i = 0; i < 8; i++)
		*f[i] = get32(untrusted + 4 + 4 * i);
	return vp_hints_check(h);
}

VP_DECODER(vp_dec_wmflags)
{
	(void)len;
	m->u.wmflags = get32(untrusted);
	return m->u.wmflags & ~VP_WM_ALL ? "unknown wm flags" : NULL;
}

VP_DECODER(vp_dec_wintype)
{
	(void)len;
	m->u.wintype = get32(untrusted); /* a number the daemon does not know is refused there */
	return NULL;
}

VP_DECODER(vp_dec_state)
{
	(void)len;
	m->u.state = get32(untrusted);
	return m->u.state & ~VP_STATE_ALL ? "unknown window state" : NULL;
}

VP_DECODER(vp_dec_clipboard_data)
{
	m->u.clip.serial = get32(untrusted);
	m->u.clip.text = (struct vp_string){ len - 4, untrusted + 4 };
	return NULL;
}

/* ---- the header, from the table ---- */

long vp_decode(enum vp_dir dir, const uint8_t *untrusted_buf, size_t len, struct vp_msg *out,
	       const char **why)
{
	if (len < VP_HDR_SIZE)
		return 0;
	uint32_t untrusted_type = get32(untrusted_buf);
	uint32_t untrusted_window = get32(untrusted_buf + 4);
	uint32_t untrusted_len = get32(untrusted_buf + 8);

	/* sanitize start */
	const struct vp_type_info *t = vp_type_info(untrusted_type);
	if (!t || t->from != dir) {
		*why = "unknown message type";
		return -1;
	}
	if (t->min_len == t->max_len && untrusted_len != t->min_len) {
		*why = "wrong body length";
		return -1;
	}
	if (untrusted_len > t->max_len || untrusted_len < t->min_len) {
		*why = untrusted_len < t->min_len ? t->too_short
		       : t->too_long		  ? t->too_long
						  : "body too long";
		return -1;
	}
	if (t->window != (untrusted_window != 0)) {
		*why = untrusted_window ? "connection message with a window id"
					: "window message without a window id";
		return -1;
	}
	if (len - VP_HDR_SIZE < untrusted_len)
		return 0;
	memset(out, 0, sizeof(*out));
	out->type = untrusted_type;
	out->window = untrusted_window;
	const char *bad = t->decode(untrusted_buf + VP_HDR_SIZE, untrusted_len, out);
	if (bad) {
		*why = bad;
		return -1;
	}
	/* sanitize end */
	return (long)(VP_HDR_SIZE + untrusted_len);
}
