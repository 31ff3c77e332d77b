/*
 * NOTIFY_ICON (notify.h): a shown notification's icon, as TRAY_ICON's
 * pixels after the notification's id. Pure: the daemon marks the pixels.
 */
#include <string.h>

#include "proto.h"
#include "wire.h"

VP_DECODER(vp_dec_notify_icon)
{
	struct vp_notify_icon *i = &m->u.notify_icon;
	i->id = get32(untrusted); /* any number: the daemon looks it up */
	/* TRAY_ICON's pixels after it, but never none */
	return picture_check(untrusted + 4, len - 4, VP_MAX_TRAY_ICON, 0, &i->width, &i->height,
			     &i->pixels, "notification icon size out of range",
			     "NOTIFY_ICON length does not match its size");
}

VP_SIZER(vp_size_notify_icon)
{
	const struct vp_notify_icon *i = &m->u.notify_icon;
	if (i->width < 1 || i->height < 1 || i->width > VP_MAX_TRAY_ICON ||
	    i->height > VP_MAX_TRAY_ICON)
		return VP_BAD_SIZE;
	return 12u + 4u * i->width * i->height;
}

VP_ENCODER(vp_enc_notify_icon)
{
	const struct vp_notify_icon *i = &m->u.notify_icon;
	put32(p, i->id);
	put32(p + 4, i->width);
	put32(p + 8, i->height);
	memcpy(p + 12, i->pixels, 4u * i->width * i->height);
}
