/*
 * Decoders of what the daemon sends and the agent reads (daemon -> agent),
 * pointed at by the protocol table (table.c). Pure: no I/O.
 */
#include "proto.h"

#include <string.h>

#include "wire.h"

VP_DECODER(vp_dec_welcome)
{
	(void)len;
	m->u.welcome.major = get16(untrusted);
	m->u.welcome.minor = get16(untrusted + 2);
	m->u.welcome.screen_w = get32(untrusted + 4);
	m->u.welcome.screen_h = get32(untrusted + 8);
	if (!dim_ok(m->u.welcome.screen_w) || !dim_ok(m->u.welcome.screen_h))
		return "screen size out of range";
	return NULL;
}

VP_DECODER(vp_dec_geometry)
{
	(void)len;
	return rect_check(untrusted, &m->u.geometry);
}

VP_DECODER(vp_dec_screen)
{
	(void)len;
	m->u.screen.w = get32(untrusted);
	m->u.screen.h = get32(untrusted + 4);
	if (!dim_ok(m->u.screen.w) || !dim_ok(m->u.screen.h))
		return "screen size out of range";
	return NULL;
}

VP_DECODER(vp_dec_release)
{
	(void)len;
	m->u.release_serial = get32(untrusted);
	return NULL;
}

VP_DECODER(vp_dec_key)
{
	(void)len;
	m->u.key.keycode = get32(untrusted);
	m->u.key.state = get32(untrusted + 4);
	m->u.key.pressed = get32(untrusted + 8);
	if (m->u.key.keycode < 8 || m->u.key.keycode > 255 || m->u.key.pressed > 1)
		return "bad key event";
	return NULL;
}

VP_DECODER(vp_dec_keysym)
{
	(void)len;
	m->u.keysym.keycode = get32(untrusted);
	m->u.keysym.keysym = get32(untrusted + 4);
	if (m->u.keysym.keycode < 8 || m->u.keysym.keycode > 255 ||
	    m->u.keysym.keysym > VP_MAX_KEYSYM)
		return "bad keysym";
	return NULL;
}

VP_DECODER(vp_dec_button)
{
	(void)len;
	m->u.button.button = get32(untrusted);
	m->u.button.pressed = get32(untrusted + 4);
	m->u.button.x = (int32_t)get32(untrusted + 8);
	m->u.button.y = (int32_t)get32(untrusted + 12);
	m->u.button.state = get32(untrusted + 16);
	if (m->u.button.button < 1 || m->u.button.button > 255 || m->u.button.pressed > 1)
		return "bad button event";
	return NULL;
}

VP_DECODER(vp_dec_motion)
{
	(void)len;
	m->u.motion.x = (int32_t)get32(untrusted);
	m->u.motion.y = (int32_t)get32(untrusted + 4);
	m->u.motion.state = get32(untrusted + 8);
	return NULL;
}

VP_DECODER(vp_dec_crossing)
{
	(void)len;
	m->u.crossing.entered = get32(untrusted);
	m->u.crossing.x = (int32_t)get32(untrusted + 4);
	m->u.crossing.y = (int32_t)get32(untrusted + 8);
	m->u.crossing.state = get32(untrusted + 12);
	return m->u.crossing.entered > 1 ? "bad crossing event" : NULL;
}

VP_DECODER(vp_dec_focus)
{
	(void)len;
	m->u.focus.in = get32(untrusted);
	return m->u.focus.in > 1 ? "bad focus event" : NULL;
}

VP_DECODER(vp_dec_keymap)
{
	(void)len;
	memcpy(m->u.keymap.keys, untrusted, 32);
	return NULL;
}

VP_DECODER(vp_dec_layout)
{
	struct vp_string *s[] = { &m->u.layout.rules, &m->u.layout.model, &m->u.layout.layout,
				  &m->u.layout.variant, &m->u.layout.options };
	uint32_t off = 10;
	for (unsigned i = 0; i < 5; i++) {
		uint32_t untrusted_len = get16(untrusted + 2 * i);
		if (untrusted_len > VP_MAX_LAYOUT)
			return "layout name too long";
		*s[i] = (struct vp_string){ untrusted_len, untrusted + off };
		off += untrusted_len;
	}
	if (off != len)
		return "LAYOUT length does not match its strings";
	for (uint32_t i = 10; i < len; i++)
		if (!untrusted[i] || !strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					     "0123456789_,:()+-",
					     untrusted[i]))
			return "bad character in layout name";
	return NULL;
}

VP_DECODER(vp_dec_clipboard_request)
{
	(void)len;
	m->u.clip.serial = get32(untrusted);
	return NULL;
}

VP_DECODER(vp_dec_clipboard_paste)
{
	m->u.clip.text = (struct vp_string){ len, untrusted };
	return NULL;
}
