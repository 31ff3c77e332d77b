/*
 * The tray's and the notifications' messages (the numbers of issue 14 item
 * 3 and 4): TRAY_ICON, a docked tray icon's pixels, as ICON but at most
 * VP_MAX_TRAY_ICON a side; NOTIFY, a desktop notification's three strings,
 * each bounded. TRAY_TITLE and TRAY_BUTTON use TITLE's and BUTTON's codecs
 * (table.c). Pure: the strings are raw here, sanitized by the daemon.
 */
#include <string.h>

#include "proto.h"
#include "wire.h"

VP_DECODER(vp_dec_tray_icon)
{
	struct vp_icon *i = &m->u.icon;
	return picture_check(untrusted, len, VP_MAX_TRAY_ICON, 1, &i->width, &i->height, &i->pixels,
			     "tray icon size out of range",
			     "TRAY_ICON length does not match its size");
}

VP_SIZER(vp_size_tray_icon)
{
	const struct vp_icon *i = &m->u.icon;
	if (i->width > VP_MAX_TRAY_ICON || i->height > VP_MAX_TRAY_ICON)
		return VP_BAD_SIZE;
	return 8u + 4u * i->width * i->height;
}

VP_ENCODER(vp_enc_tray_icon)
{
	vp_enc_icon(m, p);
}

VP_DECODER(vp_dec_notify)
{
	struct vp_notify *n = &m->u.notify;
	uint32_t al = get16(untrusted + 4), sl = get16(untrusted + 6), bl = get16(untrusted + 8);
	n->id = get32(untrusted);
	if (al > VP_MAX_NOTIFY_APP || sl > VP_MAX_NOTIFY_SUMMARY || bl > VP_MAX_NOTIFY_BODY)
		return "notification string too long";
	if (len < 12u + al + sl + bl)
		return "NOTIFY length does not match its strings";
	n->app = (struct vp_string){ al, untrusted + 12 };
	n->summary = (struct vp_string){ sl, untrusted + 12 + al };
	n->body = (struct vp_string){ bl, untrusted + 12 + al + sl };
	n->nactions = untrusted[10];
	n->default_action = untrusted[11];
	return vp_notify_actions(untrusted + 12 + al + sl + bl, len - (12u + al + sl + bl), n);
}

VP_SIZER(vp_size_notify)
{
	const struct vp_notify *n = &m->u.notify;
	uint32_t actions = vp_notify_actions_size(n);
	if (n->app.len > VP_MAX_NOTIFY_APP || n->summary.len > VP_MAX_NOTIFY_SUMMARY ||
	    n->body.len > VP_MAX_NOTIFY_BODY || actions == VP_BAD_SIZE)
		return VP_BAD_SIZE;
	return 12u + n->app.len + n->summary.len + n->body.len + actions;
}

static void put_bytes(uint8_t *p, const struct vp_string *s)
{
	if (s->len)
		memcpy(p, s->bytes, s->len);
}

VP_ENCODER(vp_enc_notify)
{
	const struct vp_notify *n = &m->u.notify;
	put32(p, n->id);
	put16(p + 4, (uint16_t)n->app.len);
	put16(p + 6, (uint16_t)n->summary.len);
	put16(p + 8, (uint16_t)n->body.len);
	p[10] = (uint8_t)n->nactions;
	p[11] = (uint8_t)n->default_action;
	put_bytes(p + 12, &n->app);
	put_bytes(p + 12 + n->app.len, &n->summary);
	put_bytes(p + 12 + n->app.len + n->summary.len, &n->body);
	vp_notify_actions_encode(n, p + 12 + n->app.len + n->summary.len + n->body.len);
}
