/*
 * Little-endian field access, and the per-type decoders and encoders that
 * the protocol table (table.c) points at. For protocol/ only.
 */
#ifndef VITRINE_WIRE_H
#define VITRINE_WIRE_H

#include <stdint.h>

#include "proto.h"

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

/* Range checks shared by the decoders. */
static inline int dim_ok(uint32_t v)
{
	return v >= 1 && v <= VP_MAX_DIM;
}

static inline int coord_ok(int32_t v)
{
	return v >= VP_MIN_COORD && v <= VP_MAX_COORD;
}

static inline const char *rect_check(const uint8_t *untrusted, struct vp_rect *r)
{
	r->x = (int32_t)get32(untrusted);
	r->y = (int32_t)get32(untrusted + 4);
	r->w = get32(untrusted + 8);
	r->h = get32(untrusted + 12);
	if (!coord_ok(r->x) || !coord_ok(r->y))
		return "position out of range";
	if (!dim_ok(r->w) || !dim_ok(r->h))
		return "size out of range";
	return NULL;
}

/* A picture to the end of a body (ICON, TRAY_ICON, NOTIFY_ICON): u32 width |
 * u32 height | width * height pixels of 4 bytes, len bytes from untrusted.
 * Each side at most max; 0 x 0 (no picture) only if none_ok. NULL, or
 * bad_size or bad_len, the type's own words. */
static inline const char *picture_check(const uint8_t *untrusted, uint32_t len, uint32_t max,
					int none_ok, uint32_t *w, uint32_t *h,
					const uint8_t **pixels, const char *bad_size,
					const char *bad_len)
{
	*w = get32(untrusted);
	*h = get32(untrusted + 4);
	*pixels = untrusted + 8;
	if (*w > max || *h > max || !*w != !*h || (!*w && !none_ok))
		return bad_size;
	if (len != 8u + 4u * *w * *h) /* at most 8 + 4 * 256 * 256 */
		return bad_len;
	return NULL;
}

/* Decoders (proto.c, proto-agent.c, and the files named below): see
 * struct vp_type_info.decode. */
#define VP_DECODER(f) const char *f(const uint8_t *untrusted, uint32_t len, struct vp_msg *m)
VP_DECODER(vp_dec_empty);
VP_DECODER(vp_dec_hello);
VP_DECODER(vp_dec_create);
VP_DECODER(vp_dec_map);
VP_DECODER(vp_dec_configure);
VP_DECODER(vp_dec_damage);
VP_DECODER(vp_dec_buffer);
VP_DECODER(vp_dec_title);
VP_DECODER(vp_dec_class);
VP_DECODER(vp_dec_hints);
VP_DECODER(vp_dec_wmflags);
VP_DECODER(vp_dec_clipboard_data);
VP_DECODER(vp_dec_welcome);
VP_DECODER(vp_dec_geometry);
VP_DECODER(vp_dec_screen);
VP_DECODER(vp_dec_release);
VP_DECODER(vp_dec_key);
VP_DECODER(vp_dec_button);
VP_DECODER(vp_dec_motion);
VP_DECODER(vp_dec_crossing);
VP_DECODER(vp_dec_focus);
VP_DECODER(vp_dec_keymap);
VP_DECODER(vp_dec_layout);
VP_DECODER(vp_dec_clipboard_request);
VP_DECODER(vp_dec_clipboard_paste);
VP_DECODER(vp_dec_wintype);
VP_DECODER(vp_dec_state);
VP_DECODER(vp_dec_keysym);
VP_DECODER(vp_dec_cursor);
VP_DECODER(vp_dec_icon);
VP_DECODER(vp_dec_sync_done);
VP_DECODER(vp_dec_monitors);
VP_DECODER(vp_dec_sync_request);
VP_DECODER(vp_dec_tray_icon);
VP_DECODER(vp_dec_notify);
VP_DECODER(vp_dec_frame);	 /* frame.c */
VP_DECODER(vp_dec_notify_close); /* notify.c */
VP_DECODER(vp_dec_notify_event); /* notify.c */
VP_DECODER(vp_dec_present);	 /* dbuf.c */
VP_DECODER(vp_dec_notify_icon);	 /* notify-icon.c */

/* Body sizes of the variable-length types (proto-encode.c). */
#define VP_SIZER(f) uint32_t f(const struct vp_msg *m)
VP_SIZER(vp_size_buffer);
VP_SIZER(vp_size_title);
VP_SIZER(vp_size_class);
VP_SIZER(vp_size_clipboard_data);
VP_SIZER(vp_size_clipboard_paste);
VP_SIZER(vp_size_layout);
VP_SIZER(vp_size_icon);
VP_SIZER(vp_size_monitors);
VP_SIZER(vp_size_tray_icon);
VP_SIZER(vp_size_notify);
VP_SIZER(vp_size_notify_icon); /* notify-icon.c */

/* Encoders (proto-encode.c): see struct vp_type_info.encode. */
#define VP_ENCODER(f) void f(const struct vp_msg *m, uint8_t *p)
VP_ENCODER(vp_enc_empty);
VP_ENCODER(vp_enc_hello);
VP_ENCODER(vp_enc_create);
VP_ENCODER(vp_enc_map);
VP_ENCODER(vp_enc_configure);
VP_ENCODER(vp_enc_damage);
VP_ENCODER(vp_enc_buffer);
VP_ENCODER(vp_enc_title);
VP_ENCODER(vp_enc_class);
VP_ENCODER(vp_enc_hints);
VP_ENCODER(vp_enc_wmflags);
VP_ENCODER(vp_enc_clipboard_data);
VP_ENCODER(vp_enc_welcome);
VP_ENCODER(vp_enc_geometry);
VP_ENCODER(vp_enc_screen);
VP_ENCODER(vp_enc_release);
VP_ENCODER(vp_enc_key);
VP_ENCODER(vp_enc_button);
VP_ENCODER(vp_enc_motion);
VP_ENCODER(vp_enc_crossing);
VP_ENCODER(vp_enc_focus);
VP_ENCODER(vp_enc_keymap);
VP_ENCODER(vp_enc_layout);
VP_ENCODER(vp_enc_clipboard_request);
VP_ENCODER(vp_enc_clipboard_paste);
VP_ENCODER(vp_enc_wintype);
VP_ENCODER(vp_enc_state);
VP_ENCODER(vp_enc_keysym);
VP_ENCODER(vp_enc_cursor);
VP_ENCODER(vp_enc_icon);
VP_ENCODER(vp_enc_sync_done);
VP_ENCODER(vp_enc_monitors);
VP_ENCODER(vp_enc_sync_request);
VP_ENCODER(vp_enc_tray_icon);
VP_ENCODER(vp_enc_notify);
VP_ENCODER(vp_enc_frame);	 /* frame.c */
VP_ENCODER(vp_enc_notify_close); /* notify.c */
VP_ENCODER(vp_enc_notify_event); /* notify.c */
VP_ENCODER(vp_enc_present);	 /* dbuf.c */
VP_ENCODER(vp_enc_notify_icon);	 /* notify-icon.c */
/* NOTIFY's actions (notify.c): decode the len bytes after the body into n
 * (n->nactions, n->default_action set), their size, their encoding. */
const char *vp_notify_actions(const uint8_t *untrusted, uint32_t len, struct vp_notify *n);
uint32_t vp_notify_actions_size(const struct vp_notify *n);
void vp_notify_actions_encode(const struct vp_notify *n, uint8_t *p);

/* A row's descriptor rule (table.c). */
unsigned vp_fds_buffer(const struct vp_msg *m);

#endif
